"""Throughput of quote_table and actor_table beside token_table, on the 10M-word corpus.

Run from the project root::

    .venv/bin/python -m benchmarks.bench_quotes [--words 10000000] [--runs 3] [--no-write]

The corpus is the one of ``benchmarks.bench_text`` (every ``*.txt`` under
``../shared/corpora`` replicated to ``--words`` ``\\w+`` words, each copy with
its own doc ids), built by importing its builder. Each measurement runs in a
fresh subprocess that builds the corpus, imports everything, warms the stage
up on one document, then times the stage alone on the whole corpus. Stages
run ``--runs`` times, interleaved, and the table shows the median run; the
anchor is ``token_table`` measured in the same run. ``actor_table`` is timed
including its own ``sentence_table`` call (as a user calls it).

The markdown table goes to stdout, between ``<!-- bench_quotes:start -->`` and
``<!-- bench_quotes:end -->`` in ``benchmarks/README.md`` and, with the raw
runs, to ``benchmarks/results/bench_quotes.json``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

from benchmarks._readme import replace_section
from benchmarks.bench_text import (
    CORPORA,
    ROOT,
    WORD,
    _machine,
    _rss_mb,
    build_docs,
)

RESULTS = ROOT / "benchmarks" / "results" / "bench_quotes.json"
STAGES = ("token_table", "quote_table", "actor_table", "turn_table")
GOAL = 0.5


def run_stage(stage: str, words: int) -> dict:
    """Measure one stage in this (fresh) process."""
    import analysis.quotes
    import analysis.text

    if stage not in STAGES:
        raise SystemExit(f"unknown stage {stage!r}; one of {STAGES}")
    module = analysis.text if stage == "token_table" else analysis.quotes
    function = getattr(module, stage)
    docs = build_docs(words)
    function(docs.head(1))  # warm caches (alias automaton, compiled patterns)
    base = _rss_mb()
    start = time.perf_counter()
    table = function(docs)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n_words = sum(len(WORD.findall(text)) for text in docs["text"].tolist())
    return {"stage": stage, "words": n_words, "seconds": seconds, "rows": len(table), "peak_mb": peak,
            "base_mb": base}


def _child(stage: str, words: int) -> dict:
    command = [sys.executable, "-m", "benchmarks.bench_quotes", "--stage", stage, "--words", str(words)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"stage {stage} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _report(rows: list[dict], machine: dict, runs: int) -> str:
    anchor = next(row for row in rows if row["stage"] == "token_table")
    anchor_speed = anchor["words"] / anchor["seconds"]
    lines = [
        f"Measured {machine['date']} on {machine['cpu']} ({machine['cores']} cores, shared with other "
        "work, so expect noise); " + ", ".join(f"{k} {v}" for k, v in machine["versions"].items())
        + f". Median of {runs} runs, each in a fresh process.",
        "",
        "| stage | words | rows | seconds | words/s | × token_table | peak RSS MB | base MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        speed = row["words"] / row["seconds"]
        lines.append(f"| {row['stage']} | {row['words']:,} | {row['rows']:,} | {row['seconds']:.2f} | "
                     f"{speed:,.0f} | {speed / anchor_speed:.2f} | {row['peak_mb']:,.0f} | {row['base_mb']:,.0f} |")
    lines.append("")
    for row in rows:
        if row["stage"] in ("quote_table", "actor_table"):
            ratio = row["words"] / row["seconds"] / anchor_speed
            lines.append(f"- {'met' if ratio >= GOAL else 'MISSED'}: {row['stage']} ≥ {GOAL}× token_table "
                         f"({ratio:.2f}×)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=10_000_000, help="corpus size in \\w+ words")
    parser.add_argument("--runs", type=int, default=3, help="runs per stage; the median is reported")
    parser.add_argument("--no-write", action="store_true", help="print only; leave README and JSON alone")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        print(json.dumps(run_stage(args.stage, args.words)))
        return
    if not CORPORA.is_dir():
        raise SystemExit(f"shared corpora not found at {CORPORA} (set RHETORIC_SHARED)")
    runs: dict[str, list[dict]] = {}
    for _ in range(args.runs):
        for stage in STAGES:
            runs.setdefault(stage, []).append(_child(stage, args.words))
            row = runs[stage][-1]
            print(f"{stage}: {row['seconds']:.2f} s, {row['peak_mb']:,.0f} MB", file=sys.stderr)
    rows = [sorted(found, key=lambda run: run["seconds"])[(len(found) - 1) // 2] for found in runs.values()]
    machine = _machine()
    report = _report(rows, machine, args.runs)
    print(report)
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps({"machine": machine, "settings": vars(args), "median": rows, "runs": runs},
                                      indent=2) + "\n")
        replace_section("bench_quotes", report, intro=(
            "## `bench_quotes`: quote_table and actor_table beside token_table\n\n"
            "Same replicated corpus as `bench_text` (its builder is imported). Each stage runs in a fresh "
            "process, after a one-document warm-up; `actor_table` includes its `sentence_table` call. "
            "Goal (issue 5): quote_table and actor_table ≥ 0.5× token_table's words/s."))


if __name__ == "__main__":
    main()
