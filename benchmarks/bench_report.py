"""Wall time of a full report, per notebook, beside the kernel start-up floor.

Run from the project root::

    .venv/bin/python -m benchmarks.bench_report [--runs 5] [--mfa-runs 1] [--no-write]

Three measurements, each run in a fresh process and repeated (median shown):

* **floor**: papermill executes an empty notebook (a ``parameters`` cell and
  one ``pass`` cell) with the ``python3`` kernel and nbconvert exports it to
  HTML without code, the same two steps the report runner times per notebook;
  papermill and nbconvert are imported before the timer starts, as they are in
  the runner. This is the price of a kernel start-up, the smallest a notebook
  can cost. The bare ``python -m papermill empty.ipynb out.ipynb`` command
  (interpreter start and imports included) is reported beside it.
* **seed**: ``python -m analysis report seeds`` (the default notebooks, PNG
  figures, HTML) into a temporary folder: total wall time of the command, and
  each notebook's ``duration_s`` from ``manifest.json`` (papermill execution
  plus HTML export).
* **MFA 2018**: the same command on ``../shared/corpora/mfa_2018`` (147
  briefings), skipped when the shared folder is absent.

Goals (issue 7): every seed notebook within 3x the floor; the MFA 2018 report
within 60 s. The markdown table goes to stdout, between
``<!-- bench_report:start -->`` and ``<!-- bench_report:end -->`` in
``benchmarks/README.md`` and, with the raw runs, to
``benchmarks/results/bench_report.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._readme import replace_section

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RHETORIC_SHARED", ROOT.parent / "shared")).resolve()
MFA = SHARED / "corpora" / "mfa_2018"
RESULTS = ROOT / "benchmarks" / "results" / "bench_report.json"
FLOOR_FACTOR, MFA_SECONDS = 3.0, 60.0


def _empty_notebook(folder: Path) -> Path:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[
        new_code_cell('corpus = "."  # unused\nout_dir = "."  # unused',
                      metadata={"tags": ["parameters"]}),
        new_code_cell("pass"),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path = folder / "empty.ipynb"
    nbformat.write(nb, path)
    return path


def floor_child() -> None:
    """In a fresh process: time papermill + HTML export of the empty notebook."""
    import nbformat
    import papermill

    from analysis.report import _to_html

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = _empty_notebook(folder)
        start = time.perf_counter()
        papermill.execute_notebook(str(source), str(folder / "out.ipynb"), kernel_name="python3",
                                   cwd=str(folder), progress_bar=False)
        _to_html(nbformat.read(folder / "out.ipynb", as_version=4), "empty")
        seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds}))


def _floor_runs(runs: int) -> tuple[list[float], list[float]]:
    api, cli = [], []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-m", "benchmarks.bench_report", "--floor-child"],
                              cwd=ROOT, capture_output=True, text=True, check=True)
        api.append(json.loads(done.stdout.strip().splitlines()[-1])["seconds"])
        with tempfile.TemporaryDirectory() as tmp:
            source = _empty_notebook(Path(tmp))
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "papermill", str(source),
                            str(Path(tmp) / "out.ipynb"), "--no-progress-bar"],
                           cwd=tmp, capture_output=True, check=True)
            cli.append(time.perf_counter() - start)
    return api, cli


def _report_runs(corpus: Path, runs: int, notebooks: str | None = None) -> list[dict]:
    """Run the report command; a failed run is recorded (error, notebooks that ran)."""
    out = []
    extra = ["--notebooks", notebooks] if notebooks else []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "analysis", "report", str(corpus), "--out", tmp,
                 "--name", "bench", "--no-progress", *extra],
                cwd=ROOT, capture_output=True, text=True, check=False,
            )
            wall = time.perf_counter() - start
            folder = Path(tmp) / ("bench" if done.returncode == 0 else "bench.failed")
            manifest = json.loads((folder / "manifest.json").read_text())
            ran = [e for e in manifest["notebooks"] if e["duration_s"] is not None]
            cells = {e["name"]: _cell_times(folder / f"{e['name']}.ipynb") for e in ran}
        run = {"wall_s": wall, "runner_s": manifest["duration_s"], "ok": done.returncode == 0,
               "notebooks": {e["name"]: e["duration_s"] for e in ran}, "cells": cells}
        if done.returncode != 0:
            run["error"] = done.stderr.strip().splitlines()[-1]
        out.append(run)
    return out


def _cell_times(path: Path) -> dict:
    """Where a notebook's time goes: its setup (imports) cell, its heaviest cell, all cells.

    Papermill records each cell's duration in ``metadata.papermill.duration``;
    the rest of the runner's ``duration_s`` is kernel start-up, papermill and
    the HTML export.
    """
    import nbformat

    try:
        nb = nbformat.read(path, as_version=4)
    except (OSError, ValueError):
        return {}
    timed = [(c.source, c.metadata.get("papermill", {}).get("duration") or 0.0)
             for c in nb.cells if c.cell_type == "code"]
    setup = next(((src, t) for src, t in timed if "import analysis" in src), ("", 0.0))
    rest = [(src, t) for src, t in timed if src is not setup[0]]
    heavy = max(rest, key=lambda st: st[1], default=("", 0.0))
    first = next((ln for ln in heavy[0].splitlines() if ln.strip() and not ln.startswith("#")),
                 "")
    return {"setup_s": setup[1], "cells_s": sum(t for _, t in timed),
            "heaviest_s": heavy[1], "heaviest": first.strip()[:60]}


def _median(runs: list[dict]) -> dict:
    names = list(runs[0]["notebooks"])
    return {
        "ok": all(r["ok"] for r in runs),
        "error": next((r["error"] for r in runs if not r["ok"]), None),
        "wall_s": statistics.median(r["wall_s"] for r in runs),
        "runner_s": statistics.median(r["runner_s"] for r in runs),
        "notebooks": {n: statistics.median(r["notebooks"][n] for r in runs) for n in names},
        "cells": {n: {k: (statistics.median(r["cells"][n][k] for r in runs)
                          if k != "heaviest" else runs[0]["cells"][n][k])
                      for k in runs[0]["cells"].get(n, {})}
                  for n in names if all(r.get("cells", {}).get(n) for r in runs)},
    }


def _machine() -> dict:
    import nbconvert
    import pandas
    import papermill

    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info
                       if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"date": dt.date.today().isoformat(), "cpu": cpu, "cores": os.cpu_count(),
            "load_1min_at_start": load,
            "versions": {"python": platform.python_version(), "pandas": pandas.__version__,
                         "papermill": papermill.__version__, "nbconvert": nbconvert.__version__}}


def _table(floor: float, floor_cli: float, results: list[tuple[str, dict]]) -> str:
    lines = ["| run | notebook | seconds | × floor | setup cell (imports) s | outside cells s "
             "| heaviest cell |", "|---|---|---:|---:|---:|---:|---|",
             f"| floor | empty notebook: papermill + HTML export | {floor:.2f} | 1.00 | | | |",
             (f"| floor | `python -m papermill empty.ipynb` (whole command) | {floor_cli:.2f} | "
              f"{floor_cli / floor:.2f} | | | |")]
    for label, result in results:
        for nb, seconds in result["notebooks"].items():
            cells = result.get("cells", {}).get(nb)
            extra = (f"{cells['setup_s']:.2f} | {seconds - cells['cells_s']:.2f} | "
                     f"{cells['heaviest_s']:.2f} s `{cells['heaviest'].replace('|', '/')}`"
                     if cells else " | | ")
            lines.append(f"| {label} | {nb} | {seconds:.2f} | {seconds / floor:.2f} | {extra} |")
        status = "" if result["ok"] else " **FAILED**"
        lines.append(f"| {label} | **total** (`python -m analysis report`, whole command){status} "
                     f"| {result['wall_s']:.2f} | {result['wall_s'] / floor:.2f} | | | |")
    return "\n".join(lines)


def _verdicts(floor: float, seed: dict, mfa: dict | None, mfa_part: dict | None) -> list[str]:
    worst_nb, worst = max(seed["notebooks"].items(), key=lambda kv: kv[1])
    ratio = worst / floor
    out = [(f"- Seed, every notebook within {FLOOR_FACTOR:g}× the floor: "
            f"{'met' if ratio <= FLOOR_FACTOR else 'missed'} (slowest: {worst_nb}, "
            f"{worst:.2f} s = {ratio:.2f}× the floor).")]
    if mfa is None:
        out.append(f"- MFA 2018 within {MFA_SECONDS:g} s: not measured ({MFA} not found).")
    elif not mfa["ok"]:
        out.append(f"- MFA 2018 report within {MFA_SECONDS:g} s: not met, the full report "
                   f"fails ({mfa['wall_s']:.1f} s until it stopped): `{mfa['error'][:300]}`")
    else:
        verdict = "met" if mfa["wall_s"] <= MFA_SECONDS else "missed"
        out.append(f"- MFA 2018 report within {MFA_SECONDS:g} s: {verdict} "
                   f"({mfa['wall_s']:.1f} s for the whole command).")
    if mfa_part is not None:
        out.append(f"- MFA 2018 without the failing notebook(s) "
                   f"({', '.join(mfa_part['notebooks'])}): {mfa_part['wall_s']:.1f} s "
                   f"({'ok' if mfa_part['ok'] else 'failed'}).")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of the floor and seed report")
    parser.add_argument("--mfa-runs", type=int, default=1, help="runs of the MFA 2018 report")
    parser.add_argument("--no-write", action="store_true",
                        help="print only; leave README and JSON alone")
    parser.add_argument("--floor-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.floor_child:
        floor_child()
        return

    machine = _machine()
    floor_api, floor_cli = _floor_runs(args.runs)
    seed_runs = _report_runs(ROOT / "seeds", args.runs)
    mfa_runs = _report_runs(MFA, args.mfa_runs) if MFA.is_dir() and args.mfa_runs else []
    floor, cli = statistics.median(floor_api), statistics.median(floor_cli)
    seed = _median(seed_runs)
    mfa = _median(mfa_runs) if mfa_runs else None
    mfa_part_runs: list[dict] = []
    if mfa is not None and not mfa["ok"]:  # time what does run on MFA
        ran = [n for n, _ in mfa_runs[0]["notebooks"].items()][:-1]  # the last one failed
        if ran:
            mfa_part_runs = _report_runs(MFA, 1, ",".join(ran))
    mfa_part = _median(mfa_part_runs) if mfa_part_runs else None
    results = [("seed", seed)] + ([("MFA 2018", mfa)] if mfa else []) + (
        [("MFA 2018 (part)", mfa_part)] if mfa_part else [])
    load = machine["load_1min_at_start"]
    report = "\n".join([
        (f"Measured {machine['date']} on {machine['cpu']} ({machine['cores']} cores, shared with "
        f"other work: 1-minute load {load:.1f} at the start, so expect noise); "
        + ", ".join(f"{k} {v}" for k, v in machine["versions"].items())
        + f". Median of {args.runs} runs (floor, seed) and {args.mfa_runs} (MFA), each in a "
        "fresh process. Per-notebook seconds are the runner's `duration_s` (papermill "
        "execution + HTML export); totals are the whole command, interpreter start included. "
        "*Setup cell* is the notebook's imports cell (`import analysis` ...), *outside cells* "
        "the rest of `duration_s` that no cell accounts for (kernel start-up, papermill, "
        "HTML export), *heaviest cell* the slowest other cell (its first line)."),
        "",
        _table(floor, cli, results),
        "",
        *_verdicts(floor, seed, mfa, mfa_part),
    ])
    print(report)
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        results = {"machine": machine, "settings": {"runs": args.runs, "mfa_runs": args.mfa_runs},
                   "floor_s": floor, "floor_cli_s": cli, "seed": seed, "mfa_2018": mfa,
                   "mfa_2018_part": mfa_part,
                   "runs": {"floor": floor_api, "floor_cli": floor_cli, "seed": seed_runs,
                            "mfa_2018": mfa_runs, "mfa_2018_part": mfa_part_runs}}
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
        replace_section("bench_report", report, intro=(
            "## Report runs (`bench_report.py`)\n\n`python -m benchmarks.bench_report`: a full report's "
            "wall time per notebook beside the kernel start-up floor (see the script's docstring)."))


if __name__ == "__main__":
    main()
