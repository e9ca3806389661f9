"""sentiment_table beside a plain VADER loop, on the natural and the replicated corpus.

``sentiment_table`` scores sentences with VADER (``vaderSentiment``), which is
pure Python: there is no faster engine to compare with, so the anchor is VADER
itself as people call it, ``SentimentIntensityAnalyzer().polarity_scores(s)``
for every sentence, with the analyser made before the timer. What
``sentiment_table`` adds (the table, scoring each distinct sentence once) shows
as the ratio to that loop.

Corpora: the natural corpus (every ``*.txt`` under ``../shared/corpora`` once,
736k words), and ``bench_text``'s replicated corpus (``--words``, 1M by
default; ``--words 10000000`` for the 10M-word figure). Replication repeats
every sentence, so on the replicated corpus ``sentiment_table`` scores each
distinct sentence once while the loop scores them all: read that row as what
repeated boilerplate costs, not as VADER's speed. The sentence table is made
before the timer. Each stage runs in a fresh process; median of runs; peak RSS
is the process's.

Run: ``python -m benchmarks.bench_sentiment [--runs 3] [--words 1000000] [--no-write]``.
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
import json, re, resource, sys, time
import pandas as pd
from benchmarks.bench_text import build_docs, source_texts
stage, corpus, words_wanted = sys.argv[1], sys.argv[2], int(sys.argv[3])
if corpus == "natural":
    sources = source_texts()
    docs = pd.DataFrame({"doc_id": [n for n, _ in sources], "text": [t for _, t in sources]})
else:
    docs = build_docs(words_wanted)
import analysis
from analysis.rhetoric.sentiment import _analyzer, sentiment_table
sentences = analysis.sentence_table(docs)
words = sum(len(re.findall(r"\w+", text)) for text in docs["text"])
analyzer = _analyzer()  # the lexicon is read before the timer on both sides
texts = sentences["text"].tolist()
t0 = time.perf_counter()
if stage == "sentiment_table":
    rows = len(sentiment_table(sentences))
else:
    rows = len([analyzer.polarity_scores(text) for text in texts])
seconds = time.perf_counter() - t0
print(json.dumps({"words": words, "sentences": len(texts), "distinct": len(set(texts)), "rows": rows,
                  "seconds": seconds,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

STAGES = ("vader_loop", "sentiment_table")


def _run(stage: str, corpus: str, words: int, root: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, stage, corpus, str(words)], cwd=root, check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--words", type=int, default=1_000_000, help="size of the replicated corpus")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parents[1]
    results: dict[str, dict[str, list[dict]]] = {}
    for corpus in ("natural", "replicated"):
        results[corpus] = {stage: [] for stage in STAGES}
        for _ in range(args.runs):  # interleaved, so a burst of load hits both stages alike
            for stage in STAGES:
                results[corpus][stage].append(_run(stage, corpus, args.words, root))
    machine = _machine()
    lines = [
        f"Measured {machine.get('date', '')} on {machine.get('cpu', '')}; median of {args.runs} runs per stage, "
        "each in a fresh process, interleaved; sentence table made before the timer.",
        "",
        "| corpus | stage | words | sentences | distinct sentences | seconds | words/s | sentences/s "
        "| × VADER loop | peak RSS MB |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    summary = {}
    for corpus, stages in results.items():
        loop = statistics.median(r["seconds"] for r in stages["vader_loop"])
        for stage, runs in stages.items():
            seconds = statistics.median(r["seconds"] for r in runs)
            first = runs[0]
            label = "natural (736k words, once)" if corpus == "natural" else f"replicated (`--words {args.words:,}`)"
            lines.append(
                f"| {label} | {stage} | {first['words']:,} | {first['sentences']:,} | {first['distinct']:,} "
                f"| {seconds:.2f} | {first['words'] / seconds:,.0f} | {first['sentences'] / seconds:,.0f} "
                f"| {loop / seconds:.2f} | {max(r['peak_mb'] for r in runs):,.0f} |"
            )
            summary[f"{corpus}/{stage}"] = {"seconds": seconds, "runs": runs}
    report = "\n".join(lines)
    print(report)
    if args.no_write:
        return
    (root / "benchmarks" / "results").mkdir(exist_ok=True)
    (root / "benchmarks" / "results" / "bench_sentiment.json").write_text(
        json.dumps({"machine": machine, "settings": vars(args), "results": summary}, indent=1) + "\n",
        encoding="utf-8")
    replace_section("bench_sentiment", report, intro=(
        "## `bench_sentiment`: sentiment_table beside a plain VADER loop\n\n"
        "`python -m benchmarks.bench_sentiment` (`--runs 3 --words 1000000`). VADER is pure Python and "
        "has no faster engine to compare with; the anchor is VADER itself called once per sentence. "
        "On the replicated corpus `sentiment_table` scores each distinct sentence once, so that row "
        "shows what repeated boilerplate costs, not VADER's speed (see the script's docstring)."))


if __name__ == "__main__":
    main()
