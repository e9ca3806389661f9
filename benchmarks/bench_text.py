"""Speed and memory of read_corpus, sentence_table and token_table at 10M words.

Run from the project root::

    .venv/bin/python -m benchmarks.bench_text [--words 10000000] [--nltk-words 1000000] [--runs 3]

The corpus is every ``*.txt`` under ``../shared/corpora`` (decoded as UTF-8,
Latin-1 when that fails), replicated until it has ``--words`` words, each
copy with its own doc ids. *Words* are ``\\w+`` matches.

``sentences_and_tokens`` is the engine's path: both tables from one pass
(``analysis.text.sentences_and_tokens``), to compare with the two calls.

Every measurement runs in a fresh subprocess (``--stage``), which builds the
corpus, starts a timer, runs one stage, stops the timer and reports the
stage's wall-clock seconds and the process's peak resident memory
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``, so it includes the
interpreter, the imports and the corpus held in memory; the resident memory
before the stage is reported as ``base MB``). Each stage runs ``--runs``
times and the table shows the median run. The NLTK anchor is too slow for
the full corpus: it runs on the first ``--nltk-words`` words and its
words/s are used as measured.

The markdown table goes to stdout, between the markers in
``benchmarks/README.md`` and, with the raw runs, to
``benchmarks/results/bench_text.json``.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import itertools
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._readme import replace_section

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RHETORIC_SHARED", ROOT.parent / "shared")).resolve()
CORPORA = SHARED / "corpora"
RESULTS = ROOT / "benchmarks" / "results" / "bench_text.json"
WORD = re.compile(r"\w+")
STAGES = ("read_corpus", "sentence_table", "token_table", "sentences_and_tokens", "regex_counter", "nltk")
TARGETS = {"regex": 0.5, "nltk": 10.0, "rss_mb": 3 * 1024}


def source_texts() -> list[tuple[str, str]]:
    """(relative path, text) of every corpus file, in path order."""
    out = []
    for path in sorted(CORPORA.rglob("*.txt")):
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        out.append((str(path.relative_to(CORPORA)), text))
    return out


def copies_needed(words: int, sources: list[tuple[str, str]]) -> int:
    per_copy = sum(len(WORD.findall(text)) for _, text in sources)
    return -(-words // per_copy)


def build_docs(words: int):
    """The replicated corpus as a docs table (doc_id, text)."""
    import pandas as pd

    sources = source_texts()
    copies = copies_needed(words, sources)
    ids = [f"{copy:03d}/{name}" for copy in range(copies) for name, _ in sources]
    return pd.DataFrame({"doc_id": ids, "text": [text for _, text in sources] * copies})


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def run_stage(stage: str, words: int, nltk_words: int, folder: str | None) -> dict:
    """Measure one stage in this (fresh) process; return its figures."""
    from nltk.tokenize import NLTKWordTokenizer
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    import analysis

    if stage not in STAGES:
        raise SystemExit(f"unknown stage {stage!r}; one of {STAGES}")
    # resolve the lazy export (and its imports) before the timer starts
    function = getattr(analysis, stage) if stage in ("read_corpus", "sentence_table", "token_table") else None
    if stage == "sentences_and_tokens":  # both tables in one pass (the engine's path), not exported
        from analysis.text import sentences_and_tokens as function
    docs = None if stage == "read_corpus" else build_docs(words)
    texts = [] if docs is None else docs["text"].tolist()
    if stage == "nltk":
        counts = [len(WORD.findall(text)) for text in texts]
        texts = texts[: 1 + sum(1 for total in itertools.accumulate(counts) if total < nltk_words)]
    if stage == "regex_counter":
        joined = "\n\n".join(texts)
    if stage == "nltk":
        sentences, tokenizer = PunktSentenceTokenizer(analysis.punkt_parameters()), NLTKWordTokenizer()
    base = _rss_mb()
    start = time.perf_counter()
    if stage == "read_corpus":
        docs = function(folder)
    elif function is not None:
        function(docs)
    elif stage == "regex_counter":
        collections.Counter(WORD.findall(joined))
    else:
        for text in texts:
            for sentence in sentences.tokenize(text):
                tokenizer.tokenize(sentence)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if stage == "read_corpus":
        texts = docs["text"].tolist()
    n_words = sum(len(WORD.findall(text)) for text in texts)
    return {"stage": stage, "words": n_words, "seconds": seconds, "peak_mb": peak, "base_mb": base}


def _child(stage: str, args: argparse.Namespace, folder: str | None) -> dict:
    command = [sys.executable, "-m", "benchmarks.bench_text", "--stage", stage, "--words", str(args.words)]
    command += ["--nltk-words", str(args.nltk_words)] + (["--folder", folder] if folder else [])
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"stage {stage} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _write_corpus_folder(folder: Path, copies: int) -> None:
    for path in sorted(CORPORA.rglob("*.txt")):
        data = path.read_bytes()
        for copy in range(copies):
            target = folder / f"{copy:03d}" / path.relative_to(CORPORA)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def _machine(*extra: str) -> dict:
    """Date, CPU model, cores and versions (python, pandas, numpy, nltk, pyarrow and ``extra``)."""
    from importlib import metadata

    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    versions = {"python": platform.python_version()}
    for dist in ("pandas", "numpy", "nltk", "pyarrow", *extra):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    return {"date": dt.date.today().isoformat(), "cpu": cpu, "cores": os.cpu_count(), "versions": versions}


def _table(rows: list[dict]) -> str:
    by_stage = {row["stage"]: row for row in rows}
    regex = by_stage["regex_counter"]["words"] / by_stage["regex_counter"]["seconds"]
    nltk = by_stage["nltk"]["words"] / by_stage["nltk"]["seconds"]
    lines = [
        "| stage | words | seconds | words/s | × regex anchor | × NLTK anchor | peak RSS MB | base MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        speed = row["words"] / row["seconds"]
        lines.append(
            f"| {row['stage']} | {row['words']:,} | {row['seconds']:.2f} | {speed:,.0f} | "
            f"{speed / regex:.2f} | {speed / nltk:.1f} | {row['peak_mb']:,.0f} | {row['base_mb']:,.0f} |"
        )
    return "\n".join(lines)


def _verdicts(rows: list[dict]) -> list[str]:
    """The three targets of the issue, met or missed."""
    by_stage = {row["stage"]: row for row in rows}
    speed = {stage: row["words"] / row["seconds"] for stage, row in by_stage.items()}
    vs_regex = speed["token_table"] / speed["regex_counter"]
    vs_nltk = speed["token_table"] / speed["nltk"]
    peak = by_stage["token_table"]["peak_mb"]
    regex, nltk = TARGETS["regex"], TARGETS["nltk"]
    checks = [
        (f"token_table ≥ {regex}× the regex+Counter anchor", vs_regex >= regex, f"{vs_regex:.2f}×"),
        (f"token_table ≥ {nltk:.0f}× the NLTK anchor", vs_nltk >= nltk, f"{vs_nltk:.1f}×"),
        ("token_table peak RSS ≤ 3 GB", peak <= TARGETS["rss_mb"], f"{peak:,.0f} MB"),
    ]
    return [f"- {'met' if ok else 'MISSED'}: {name} ({value})" for name, ok, value in checks]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=10_000_000, help="corpus size in \\w+ words")
    parser.add_argument("--nltk-words", type=int, default=1_000_000, help="sample size for the NLTK anchor")
    parser.add_argument("--runs", type=int, default=3, help="runs per stage; the median is reported")
    parser.add_argument("--no-write", action="store_true", help="print only; leave README and JSON alone")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        print(json.dumps(run_stage(args.stage, args.words, args.nltk_words, args.folder)))
        return
    if not CORPORA.is_dir():
        raise SystemExit(f"shared corpora not found at {CORPORA} (set RHETORIC_SHARED)")
    import analysis

    try:
        analysis.read_corpus  # noqa: B018
        has_reader = True
    except (AttributeError, ImportError):
        has_reader = False
    runs: dict[str, list[dict]] = {}
    folder = Path(tempfile.mkdtemp(prefix="bench_text_", dir="/tmp")) if has_reader else None
    try:
        if folder is not None:
            _write_corpus_folder(folder, copies_needed(args.words, source_texts()))
        for _ in range(args.runs):  # interleave stages so load changes hit all of them
            for stage in STAGES:
                if stage == "read_corpus" and folder is None:
                    continue
                runs.setdefault(stage, []).append(_child(stage, args, str(folder) if folder else None))
                row = runs[stage][-1]
                print(f"{stage}: {row['seconds']:.2f} s, {row['peak_mb']:,.0f} MB", file=sys.stderr)
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
    rows = [sorted(found, key=lambda run: run["seconds"])[(len(found) - 1) // 2] for found in runs.values()]
    machine = _machine()
    notes = [] if has_reader else ["- read_corpus: not measured, analysis.read_corpus does not exist yet."]
    report = "\n".join(
        [
            f"Measured {machine['date']} on {machine['cpu']} ({machine['cores']} cores); "
            + ", ".join(f"{name} {version}" for name, version in machine["versions"].items())
            + f". Median of {args.runs} runs, each in a fresh process. NLTK anchor on the first "
            f"{args.nltk_words:,} words (`PunktSentenceTokenizer(punkt_parameters()).tokenize` + "
            "`NLTKWordTokenizer().tokenize` per sentence, no offsets).",
            "",
            _table(rows),
            "",
            *_verdicts(rows),
            *notes,
        ]
    )
    print(report)
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        settings = {"words": args.words, "nltk_words": args.nltk_words, "runs": args.runs}
        results = {"machine": machine, "settings": settings, "median": rows, "runs": runs}
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
        replace_section("bench_text", report)


if __name__ == "__main__":
    main()
