"""Run every benchmark and evaluation: ``python -m benchmarks [--only a,b] [--skip a,b] [--100m]``.

Each script runs in its own process, in the order below (accuracy first, then
speed, the full report last), and rewrites its own section of
``benchmarks/README.md`` and its JSON under ``benchmarks/results/``. A failing
script is reported and the others still run; the exit status is non-zero when
any failed. ``--100m`` adds the 100M-word memory check of the Dask engine
(``bench_engine --words 100000000 --part-words 1000000 --modes dask-2``, about
eight minutes; figures in ``results/bench_engine_100M.json``). Needs
``../shared`` (or ``RHETORIC_SHARED``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

#: Scripts in the order they run.
SCRIPTS = (
    "eval_markers_mfa",
    "eval_markers_ptc",
    "eval_quotes_polnear",
    "eval_timex_timebank",
    "bench_text",
    "bench_text_natural",
    "bench_terms",
    "bench_rhetoric",
    "bench_quotes",
    "bench_timex",
    "bench_sentiment",
    "bench_engine",
    "bench_report",
)


def _names(value: str | None) -> list[str]:
    names = [n.strip() for n in (value or "").split(",") if n.strip()]
    unknown = [n for n in names if n not in SCRIPTS]
    if unknown:
        raise SystemExit(f"unknown benchmark(s) {unknown}; choose from {', '.join(SCRIPTS)}")
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated scripts to run (default: all)")
    parser.add_argument("--skip", help="comma-separated scripts to leave out")
    parser.add_argument("--100m", dest="large", action="store_true",
                        help="also run the 100M-word memory check of the Dask engine")
    args = parser.parse_args(argv)
    only, skip = _names(args.only), _names(args.skip)
    chosen = [s for s in SCRIPTS if (not only or s in only) and s not in skip]
    root = Path(__file__).resolve().parents[1]
    failed = []
    commands = [(name, []) for name in chosen]
    if args.large:
        commands.append(("bench_engine", ["--words", "100000000", "--part-words", "1000000", "--modes", "dask-2"]))
    for name, extra in commands:
        print(f"== {name} {' '.join(extra)}".rstrip(), flush=True)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", f"benchmarks.{name}", *extra], cwd=root)
        print(f"== {name}: exit {done.returncode} after {time.perf_counter() - started:.0f} s", flush=True)
        if done.returncode != 0:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
