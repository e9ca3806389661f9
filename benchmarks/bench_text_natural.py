"""token_table on the natural corpus: no replication, every cache cold.

``bench_text`` replicates the shared corpora to reach 10M words, which repeats
every word form 14 times and so flatters anything that caches per distinct
form (the tokenizer's chunk cache, the stemmer's). This script measures the same
ratio, ``token_table`` against ``Counter(re.findall(r"\\w+", text))``, on the
736k-word natural corpus (every ``*.txt`` under ``../shared/corpora`` once), each
run in a fresh process so no cache is warm. Median of runs.

Run: ``python -m benchmarks.bench_text_natural [--runs 5] [--no-write]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

from benchmarks._readme import replace_section
from benchmarks.bench_text import _machine


_CHILD = r"""
import collections, json, re, time
import pandas as pd
from benchmarks.bench_text import source_texts
sources = source_texts()
docs = pd.DataFrame({"doc_id": [n for n, _ in sources], "text": [t for _, t in sources]})
joined = "\n\n".join(docs["text"])
words = len(re.findall(r"\w+", joined))
import analysis
analysis.token_table  # import the module outside the timing
t = time.perf_counter(); collections.Counter(re.findall(r"\w+", joined)); regex = time.perf_counter() - t
t = time.perf_counter(); analysis.token_table(docs); tokens = time.perf_counter() - t
print(json.dumps({"words": words, "regex_s": regex, "token_table_s": tokens}))
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parents[1]
    runs = []
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, "-c", _CHILD], cwd=root, check=True,
                             capture_output=True, text=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    words = runs[0]["words"]
    regex = statistics.median(r["regex_s"] for r in runs)
    tokens = statistics.median(r["token_table_s"] for r in runs)
    ratios = [r["regex_s"] / r["token_table_s"] for r in runs]
    machine = _machine()
    report = (
        f"Measured {machine.get('date', '')} on {machine.get('cpu', '')}; median of {len(runs)} runs, "
        "each in a fresh process (cold caches).\n\n"
        "| stage | words | seconds | words/s | × regex anchor |\n|---|---:|---:|---:|---:|\n"
        f"| regex_counter | {words:,} | {regex:.2f} | {words / regex:,.0f} | 1.00 |\n"
        f"| token_table | {words:,} | {tokens:.2f} | {words / tokens:,.0f} | {regex / tokens:.2f} |\n\n"
        f"Per-run ratios: {', '.join(f'{r:.2f}' for r in ratios)}."
    )
    print(report)
    if not args.no_write:
        replace_section("bench_text_natural", report, intro=(
            "## `bench_text_natural`: token_table on the natural corpus, cold caches\n\n"
            "The replicated 10M-word corpus repeats every word form, which flatters the "
            "per-form caches; this is the same ratio without replication "
            "(`python -m benchmarks.bench_text_natural`)."))


if __name__ == "__main__":
    main()
