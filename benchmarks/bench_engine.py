"""The per-document stages at 10M words: in-process batches vs a Dask LocalCluster of 1 and 2 workers.

Run from the project root (once: it takes several minutes)::

    .venv/bin/python -m benchmarks.bench_engine [--words 10000000] [--part-words 500000]

The corpus is the replicated ``../shared/corpora`` of ``benchmarks.bench_text``
(distinct doc ids per copy), written as Parquet parts of about
``--part-words`` ``\\w+`` words under ``/tmp``; each part is one batch (Dask
partition). Each mode runs in a fresh subprocess:

- ``pandas``: ``run_stages(folder, engine="pandas")``: batches one after the
  other in one process (one core); ``pandas-1M`` does the same on the first
  ``--small-words`` words (default 1M, same parts) to show how cost grows
  from 1M to 10M words. Both also report the process's CPU seconds (less
  sensitive than wall time to other jobs on a shared machine) and the
  seconds spent in each stage: the stage functions are wrapped with timers
  (read, sentences+tokens, per-batch term counts, quotes, markers, timexes,
  the terms reduce, trends; *other* is the rest: the engine's own work);
- ``dask-1`` / ``dask-2``: a ``LocalCluster(n_workers=1|2, threads_per_worker=1,
  processes=True, memory_limit="2GiB")`` is started first (its start-up time is
  reported apart), then ``run_stages(folder, engine="dask", scheduler=address)``
  is timed;
- every process (driver and workers) first imports the stages and runs them
  on one sentence (lexicons, automata), outside the timer;
- ``--modes dask-2`` (any subset) runs only those modes and writes
  ``results/bench_engine_<N>M.json`` instead of the README section: the
  100M-word memory check is ``--words 100000000 --part-words 1000000
  --modes dask-2`` (parts at the partition size rule for 2 GiB workers; the
  worker peaks and any worker the nanny had to replace are recorded);
- ``regex_counter``: the floor anchor of bench_text (``Counter(re.findall(r"\\w+"))``
  over the texts, measured in the same run).

Stages: tokens, 1-3-gram terms, markers, timexes, quotes and marker trends.
The machine is shared: ``os.getloadavg()`` before and after each mode is
recorded next to its figures. Results go to ``benchmarks/README.md`` between
the ``bench_engine`` markers and to ``benchmarks/results/bench_engine.json``.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

from benchmarks._readme import replace_section
from benchmarks.bench_text import ROOT, WORD, _machine, build_docs

RESULTS = ROOT / "benchmarks" / "results" / "bench_engine.json"
MODES = ("regex_counter", "pandas-1M", "pandas", "dask-1", "dask-2")
#: the stage functions timed in the pandas modes: (module, function, label)
TIMED = (
    ("analysis.engine._batches", "read_batch", "read"),
    ("analysis.text", "sentences_and_tokens", "sentences+tokens"),
    ("analysis.terms.frequency", "term_counts", "terms (batches)"),
    ("analysis.quotes", "quote_table", "quotes"),
    ("analysis.rhetoric", "marker_table", "markers"),
    ("analysis.timeline", "timex_table", "timexes"),
    ("analysis.engine._reduce", "combine_terms", "terms (reduce)"),
    ("analysis.engine._reduce", "finish_terms", "terms (reduce)"),
    ("analysis.timeline", "trend_table", "trends"),
)
TARGETS = {"speedup": 1.7, "words_per_s": 300_000}


def write_parts(folder: Path, words: int, part_words: int) -> int:
    """The replicated corpus as Parquet parts of about ``part_words`` words; returns its \\w+ words."""

    docs = build_docs(words)
    counts = [len(WORD.findall(text)) for text in docs["text"]]
    part, start, total, n = 0, 0, 0, 0
    for i, count in enumerate(counts):
        total += count
        n += count
        if n >= part_words or i == len(counts) - 1:
            docs.iloc[start : i + 1].to_parquet(
                folder / f"part-{part:04d}.parquet", index=False
            )
            part, start, n = part + 1, i + 1, 0
    return total


def warm_up() -> None:
    """Import every stage and build its lexicons/automata on one sentence (not timed)."""
    import pandas as pd

    from analysis.quotes import quote_table
    from analysis.rhetoric import marker_table
    from analysis.terms import term_table
    from analysis.text import token_table
    from analysis.timeline import timex_table

    docs = pd.DataFrame(
        {
            "doc_id": ["w"],
            "date": [pd.Timestamp("2018-07-20")],
            "text": ['"We firmly oppose it," she said on Monday.'],
        }
    )
    term_table(token_table(docs), ngram=(1, 3))
    marker_table(docs), timex_table(docs), quote_table(docs)


def _time_stages() -> dict[str, list[float]]:
    """Wrap the stage functions of :data:`TIMED` with timers; returns label -> [wall s, cpu s]."""
    import importlib

    spent: dict[str, list[float]] = {}

    def wrap(module, name, label):
        function = getattr(module, name)

        def timed(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                total = spent.setdefault(label, [0.0, 0.0])
                total[0] += time.perf_counter() - wall
                total[1] += time.process_time() - cpu

        setattr(module, name, timed)

    for module, name, label in TIMED:
        wrap(importlib.import_module(module), name, label)
    return spent


def run_mode(mode: str, folder: str) -> dict:
    """Measure one mode in this (fresh) process."""
    warnings.simplefilter("ignore")
    from analysis.engine import run_stages

    warm_up()

    load_before = os.getloadavg()
    setup, cpu_s, stages, replaced = 0.0, None, {}, 0
    if mode == "regex_counter":
        import pandas as pd

        texts = [
            t
            for f in sorted(Path(folder).glob("*.parquet"))
            for t in pd.read_parquet(f)["text"]
        ]
        start = time.perf_counter()
        collections.Counter(w for text in texts for w in WORD.findall(text))
        seconds = time.perf_counter() - start
        workers_peak = []
        n_words = sum(len(WORD.findall(t)) for t in texts)
    elif mode.startswith("pandas"):
        spent = _time_stages()
        start, cpu = time.perf_counter(), time.process_time()
        out = run_stages(folder, engine="pandas")
        seconds = time.perf_counter() - start
        cpu_s = time.process_time() - cpu
        workers_peak = []
        n_words = int(out["docs"]["n_words"].sum())
        stages = {label: [round(w, 3), round(c, 3)] for label, (w, c) in spent.items()}
        stages["other"] = [
            round(seconds - sum(w for w, _ in spent.values()), 3),
            round(cpu_s - sum(c for _, c in spent.values()), 3),
        ]
    else:
        import logging

        from distributed import Client, LocalCluster

        begin = time.perf_counter()
        with (
            LocalCluster(
                n_workers=int(mode[-1]),
                threads_per_worker=1,
                processes=True,
                memory_limit="2GiB",
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):
            client.run(
                warm_up
            )  # imports and lexicons before the timer, on every worker
            setup = time.perf_counter() - begin
            before = set(client.scheduler_info(n_workers=-1)["workers"])
            start = time.perf_counter()
            out = run_stages(folder, engine="dask", scheduler=cluster.scheduler_address)
            seconds = time.perf_counter() - start
            peaks = client.run(
                lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            )
            workers_peak = sorted(peaks.values())
            replaced = len(before - set(peaks))  # workers that died (memory) and were replaced
        n_words = int(out["docs"]["n_words"].sum())
    return {
        "mode": mode,
        "words": n_words,
        "seconds": seconds,
        "setup_s": setup,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_mb": workers_peak,
        "workers_replaced": replaced,
        "cpu_s": cpu_s,
        "stages": stages,
        "load_before": load_before,
        "load_after": os.getloadavg(),
    }


def _child(mode: str, folder: Path) -> dict:
    folder = folder / ("small" if mode == "pandas-1M" else "large")
    command = [
        sys.executable,
        "-m",
        "benchmarks.bench_engine",
        "--mode",
        mode,
        "--folder",
        str(folder),
    ]
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(f"mode {mode} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _report(rows: dict, machine: dict, settings: dict) -> str:
    import dask
    import distributed

    regex = rows["regex_counter"]["words"] / rows["regex_counter"]["seconds"]
    lines = [
        f"Measured {machine['date']} on {machine['cpu']} ({machine['cores']} cores, shared with other "
        f"engineers' jobs: see the load columns); "
        + ", ".join(f"{k} {v}" for k, v in machine["versions"].items())
        + f", dask {dask.__version__}, distributed {distributed.__version__}. {settings['words_built']:,} "
        f"`\\w+` words as {settings['parts']} Parquet parts of ~{settings['part_words']:,} words "
        f"(pandas-1M: the first {settings['small_words_built']:,}); one run "
        "per mode, each in a fresh process. Stages: tokens, 1-3-gram terms, markers, timexes, quotes, "
        "marker trends. *words* = word tokens of token_table (`is_punct` False); the anchor counts `\\w+`. "
        "*CPU s*: the process's CPU time (pandas modes, where all the work is in one process): what one "
        "free core would take, less disturbed by other jobs than the wall-clock seconds.",
        "",
        (
            "| mode | words | seconds | words/s | CPU s | words/CPU s | × regex anchor | cluster start s "
            "| peak RSS MB (driver) | worker peak RSS MB | load 1-min before → after |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for mode in MODES:
        row = rows[mode]
        speed = row["words"] / row["seconds"]
        workers = ", ".join(f"{p:,.0f}" for p in row["worker_peak_mb"]) or "-"
        cpu = row.get("cpu_s")
        cpu_cells = f"{cpu:.1f} | {row['words'] / cpu:,.0f}" if cpu else "- | -"
        lines.append(
            f"| {mode} | {row['words']:,} | {row['seconds']:.1f} | {speed:,.0f} | {cpu_cells} | "
            f"{speed / regex:.2f} | {row['setup_s']:.1f} | {row['peak_mb']:,.0f} | {workers} | "
            f"{row['load_before'][0]:.1f} → {row['load_after'][0]:.1f} |"
        )
    speedup = rows["dask-1"]["seconds"] / rows["dask-2"]["seconds"]
    pandas_speed = rows["pandas"]["words"] / rows["pandas"]["seconds"]
    pandas_cpu = rows["pandas"]["words"] / rows["pandas"]["cpu_s"]
    ok = speedup >= TARGETS["speedup"]
    under_limit = all(
        p < 2048 for m in ("dask-1", "dask-2") for p in rows[m]["worker_peak_mb"]
    )
    small, large = rows["pandas-1M"], rows["pandas"]
    one_m, ten_m = (f"{settings[k] / 1e6:.3g}M" for k in ("small_words", "words"))
    growth = (large["seconds"] / large["words"]) / (small["seconds"] / small["words"])
    growth_cpu = (large["cpu_s"] / large["words"]) / (small["cpu_s"] / small["words"])
    lines += [
        "",
        (
            f"- {'met' if ok else 'MISSED'}: 2 workers ≥ {TARGETS['speedup']}× 1 worker ({speedup:.2f}×; on 2 "
            "cores shared with other jobs, a second worker only helps as far as a core is free: see the load)."
        ),
        (
            f"- {'met' if pandas_speed >= TARGETS['words_per_s'] else 'MISSED'}: full pipeline ≥ 300k words/s "
            f"on one core ({pandas_speed:,.0f} words/s wall-clock, pandas engine; "
            f"{pandas_cpu:,.0f} words per CPU second)."
        ),
        (
            f"- cost per word at {large['words']:,} words / at {small['words']:,} words: {growth:.2f}× wall-clock, "
            f"{growth_cpu:.2f}× CPU (1.00 = linear; below 1, the caches and fixed costs of the first "
            "batches are spread over more words)."
        ),
        f"- every worker's peak RSS under its 2 GiB limit: {'yes' if under_limit else 'NO'}.",
        "",
        "Seconds per stage in the pandas modes (wall-clock / CPU; share of the CPU total):",
        "",
        f"| stage | {one_m} wall s | {one_m} CPU s | {ten_m} wall s | {ten_m} CPU s | {ten_m} CPU share "
        f"| CPU per word {ten_m} / {one_m} |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    labels = list(dict.fromkeys([label for _, _, label in TIMED] + ["other"]))
    for label in labels:
        one, ten = small["stages"].get(label, [0.0, 0.0]), large["stages"].get(label, [0.0, 0.0])
        ratio = (
            f"{(ten[1] / large['words']) / (one[1] / small['words']):.2f}"
            if one[1] > 0 and ten[1] > 0
            else "-"
        )
        lines.append(
            f"| {label} | {one[0]:.2f} | {one[1]:.2f} | {ten[0]:.2f} | {ten[1]:.2f} | "
            f"{ten[1] / large['cpu_s']:.0%} | {ratio} |"
        )
    lines.append(
        f"| total | {small['seconds']:.2f} | {small['cpu_s']:.2f} | {large['seconds']:.2f} | "
        f"{large['cpu_s']:.2f} | 100% | {growth_cpu:.2f} |"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--words", type=int, default=10_000_000, help="corpus size in \\w+ words"
    )
    parser.add_argument(
        "--part-words", type=int, default=500_000, help="words per Parquet part (batch)"
    )
    parser.add_argument(
        "--small-words", type=int, default=1_000_000, help="corpus size of the pandas-1M mode"
    )
    parser.add_argument(
        "--no-write",
        action="store_true",
        help="print only; leave README and JSON alone",
    )
    parser.add_argument(
        "--modes",
        help=(
            "comma-separated subset of the modes (e.g. dask-2 for the 100M-word memory check); "
            "the figures go to stdout and results/bench_engine_<words>.json, the README is left alone"
        ),
    )
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.folder)))
        return
    modes = MODES
    if args.modes:
        modes = tuple(m.strip() for m in args.modes.split(",") if m.strip())
        unknown = [m for m in modes if m not in MODES]
        if unknown or not modes:
            parser.error(f"unknown modes {unknown}; use any of {', '.join(MODES)}")
    folder = Path(tempfile.mkdtemp(prefix="bench_engine_", dir="/tmp"))
    try:
        (folder / "large").mkdir()
        (folder / "small").mkdir()
        built = write_parts(folder / "large", args.words, args.part_words)
        small_built = (
            write_parts(folder / "small", args.small_words, args.part_words)
            if "pandas-1M" in modes
            else 0
        )
        rows = {}
        for mode in modes:
            rows[mode] = _child(mode, folder)
            print(
                f"{mode}: {rows[mode]['seconds']:.1f} s, load {rows[mode]['load_before'][0]:.1f}",
                file=sys.stderr,
            )
        settings = {
            "words": args.words,
            "part_words": args.part_words,
            "words_built": built,
            "parts": len(list((folder / "large").glob("*.parquet"))),
            "small_words": args.small_words,
            "small_words_built": small_built,
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    machine = _machine()
    if modes != MODES:
        subset = ROOT / "benchmarks" / "results" / f"bench_engine_{args.words // 1_000_000}M.json"
        print(json.dumps({"settings": settings, "runs": rows}, indent=2))
        if not args.no_write:
            subset.write_text(
                json.dumps({"machine": machine, "settings": settings, "runs": rows}, indent=2) + "\n"
            )
        return
    report = _report(rows, machine, settings)
    print(report)
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(
            json.dumps(
                {"machine": machine, "settings": settings, "runs": rows}, indent=2
            )
            + "\n"
        )
        replace_section("bench_engine", report, intro="## Dask engine (bench_engine.py)")


if __name__ == "__main__":
    main()
