"""Speed and memory of term_table against scikit-learn's CountVectorizer.

Run from the project root::

    .venv/bin/python -m benchmarks.bench_terms [--words 10000000] [--runs 3] [--natural-runs 5]

Two corpora, in one run: the replicated corpus of :mod:`benchmarks.bench_text`
(every ``*.txt`` under ``../shared/corpora`` copied until it has ``--words``
``\\w+`` words, each copy with its own doc ids) and the natural corpus (the
same files once, 736k words). Replication repeats every n-gram, so at 10M
words there are far fewer distinct n-grams per word than in a natural 10M-word
corpus; the natural corpus shows the ratios without that help.

Stages, each in a fresh subprocess (``--stage``) that builds the docs table,
imports everything and then times one stage with ``time.perf_counter``:

- ``term_table_1`` / ``term_table_1_3``: ``term_table(tokens, ngram=1 or (1, 3),
  stopwords=False)`` on a token table built *before* the timer starts
  (excluding ``token_table``);
- ``pipeline_1`` / ``pipeline_1_3``: ``token_table(docs)`` then the same
  ``term_table`` call, both timed (including ``token_table``);
- ``countvectorizer_1`` / ``countvectorizer_1_3``: the anchors,
  ``CountVectorizer(ngram_range=(1, 1) or (1, 3)).fit_transform(texts)``
  (scikit-learn's defaults: lowercase, ``\\b\\w\\w+\\b`` tokens, no stopwords).

Memory, for the ``term_table_*`` stages: the token table's own size
(``DataFrame.memory_usage(deep=True)``), and the growth of resident memory
while ``term_table`` runs: before the timer the process returns freed heap to
the system (``malloc_trim``) and resets its peak-RSS mark (``5`` written to
``/proc/self/clear_refs``), and the peak ``VmHWM`` afterwards minus the RSS
before is the stage's extra memory.

Each stage runs ``--runs`` times (``--natural-runs`` on the natural corpus),
interleaved, and the median run is reported with the range of the runs.
``--render`` measures nothing and rewrites the README section from the JSON. The markdown goes to stdout,
between the ``bench_terms`` markers in ``benchmarks/README.md`` and, with
every run, to ``benchmarks/results/bench_terms.json``.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import subprocess
import sys
import time

from benchmarks._readme import replace_section
from benchmarks.bench_text import CORPORA, ROOT, WORD, build_docs
from benchmarks.bench_text import _machine as machine

RESULTS = ROOT / "benchmarks" / "results" / "bench_terms.json"
STAGES = (
    "term_table_1", "pipeline_1", "countvectorizer_1",
    "term_table_1_3", "pipeline_1_3", "countvectorizer_1_3",
)
TARGETS = {"1": 1.0, "1_3": 3.0, "memory": 2.0}


def _status(field: str) -> float:
    """A ``/proc/self/status`` memory field in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _reset_peak() -> bool:
    """Return freed heap to the system and reset the peak-RSS mark; False if not possible."""
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        return False
    return True


def run_stage(stage: str, words: int) -> dict:
    """Measure one stage in this (fresh) process; return its figures."""
    if stage not in STAGES:
        raise SystemExit(f"unknown stage {stage!r}; one of {STAGES}")
    from analysis.terms import term_table
    from analysis.text import token_table

    ngram = 1 if stage.endswith("_1") else (1, 3)
    docs = build_docs(words)
    texts = docs["text"].tolist()
    n_words = sum(len(WORD.findall(text)) for text in texts)
    row: dict = {"stage": stage, "words": n_words, "docs": len(docs)}
    if stage.startswith("countvectorizer"):
        from sklearn.feature_extraction.text import CountVectorizer

        vectorizer = CountVectorizer(ngram_range=(1, 1) if ngram == 1 else ngram)
        start = time.perf_counter()
        matrix = vectorizer.fit_transform(texts)
        row["seconds"] = time.perf_counter() - start
        row["terms"] = int(matrix.shape[1])
    elif stage.startswith("pipeline"):
        start = time.perf_counter()
        table = term_table(token_table(docs), ngram=ngram, stopwords=False)
        row["seconds"] = time.perf_counter() - start
        row["terms"] = len(table)
    else:
        tokens = token_table(docs)
        row["token_table_mb"] = float(tokens.memory_usage(deep=True).sum()) / 2**20
        row["tokens"] = len(tokens)
        row["peak_reset"] = _reset_peak()
        before = _status("VmRSS")
        start = time.perf_counter()
        table = term_table(tokens, ngram=ngram, stopwords=False)
        row["seconds"] = time.perf_counter() - start
        row["rss_before_mb"] = before
        row["extra_mb"] = _status("VmHWM") - before if row["peak_reset"] else float("nan")
        row["terms"] = len(table)
    row["peak_rss_mb"] = _status("VmHWM")
    return row


def _child(stage: str, words: int) -> dict:
    command = [sys.executable, "-m", "benchmarks.bench_terms", "--stage", stage, "--words", str(words)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"stage {stage} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _measure(words: int, runs: int, label: str) -> tuple[list[dict], dict[str, list[dict]]]:
    found: dict[str, list[dict]] = {}
    for _ in range(runs):  # interleave stages so bursts of load hit all of them
        for stage in STAGES:
            row = _child(stage, words)
            found.setdefault(stage, []).append(row)
            print(f"{label} {stage}: {row['seconds']:.2f} s", file=sys.stderr)
    median = [sorted(rows, key=lambda r: r["seconds"])[(len(rows) - 1) // 2] for rows in found.values()]
    return median, found


def _speed(row: dict) -> float:
    return row["words"] / row["seconds"]


def _table(rows: list[dict]) -> str:
    by = {row["stage"]: row for row in rows}
    lines = [
        "| stage | words | seconds | words/s | × CountVectorizer (same n-grams) | terms | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        suffix = "1" if row["stage"].endswith("_1") else "1_3"
        anchor = _speed(by[f"countvectorizer_{suffix}"])
        lines.append(
            f"| {row['stage']} | {row['words']:,} | {row['seconds']:.2f} | {_speed(row):,.0f} | "
            f"{_speed(row) / anchor:.2f} | {row['terms']:,} | {row['peak_rss_mb']:,.0f} |"
        )
    return "\n".join(lines)


def _ratios(rows: list[dict]) -> dict[str, float]:
    by = {row["stage"]: row for row in rows}
    out = {}
    for suffix in ("1", "1_3"):
        anchor = _speed(by[f"countvectorizer_{suffix}"])
        out[f"term_table_{suffix}"] = _speed(by[f"term_table_{suffix}"]) / anchor
        out[f"pipeline_{suffix}"] = _speed(by[f"pipeline_{suffix}"]) / anchor
        out[f"memory_{suffix}"] = by[f"term_table_{suffix}"]["extra_mb"] / by[f"term_table_{suffix}"]["token_table_mb"]
    return out


def _verdicts(rows: list[dict]) -> list[str]:
    ratio = _ratios(rows)
    by = {row["stage"]: row for row in rows}
    lines = []
    for suffix, name in (("1", "unigrams"), ("1_3", "1-3-grams")):
        target = TARGETS[suffix]
        for kind, what in (("term_table", "excluding token_table"), ("pipeline", "including token_table")):
            value = ratio[f"{kind}_{suffix}"]
            lines.append(f"- {'met' if value >= target else 'MISSED'}: {name} ≥ {target:g}× CountVectorizer, "
                         f"{what} ({value:.2f}×)")
    for suffix, name in (("1", "unigrams"), ("1_3", "1-3-grams")):
        row = by[f"term_table_{suffix}"]
        value = ratio[f"memory_{suffix}"]
        lines.append(
            f"- {'met' if value <= TARGETS['memory'] else 'MISSED'}: term_table {name} memory ≤ "
            f"{TARGETS['memory']:g}× the token table's ({row['extra_mb']:,.0f} MB extra resident memory at "
            f"peak vs a {row['token_table_mb']:,.0f} MB token table: {value:.2f}×)"
        )
    return lines


def _machine() -> dict:
    return machine("scikit-learn")


def _spread(runs: dict[str, list[dict]]) -> str:
    """One line giving each stage's fastest and slowest run, to show the noise."""
    parts = []
    for stage, rows in runs.items():
        seconds = sorted(row["seconds"] for row in rows)
        parts.append(f"{stage} {seconds[0]:.2f}–{seconds[-1]:.2f}")
    return "Range of the runs, seconds: " + "; ".join(parts) + "."


def render(results: dict) -> str:
    """The markdown section for ``benchmarks/README.md`` from a results dict (as in the JSON)."""
    machine, settings = results["machine"], results["settings"]
    replicated, natural = results["replicated"], results["natural"]
    rows_r, rows_n = replicated["median"], natural["median"]
    return "\n".join([
        f"Measured {machine['date']} on {machine['cpu']} ({machine['cores']} cores, shared with other "
        "jobs); " + ", ".join(f"{name} {version}" for name, version in machine["versions"].items()) + ".",
        "",
        (f"**Replicated corpus** ({rows_r[0]['words']:,} words, {rows_r[0]['docs']:,} documents; "
         f"median of {settings['runs']} runs, each stage in a fresh process):"),
        "",
        _table(rows_r),
        "",
        *_verdicts(rows_r),
        "",
        _spread(replicated["runs"]),
        "",
        (f"**Natural corpus** (the {rows_n[0]['words']:,} words once, {rows_n[0]['docs']} documents; "
         f"median of {settings['natural_runs']} runs), where n-grams are not repeated by replication:"),
        "",
        _table(rows_n),
        "",
        *_verdicts(rows_n),
        "",
        _spread(natural["runs"]),
    ])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=10_000_000, help="replicated corpus size in \\w+ words")
    parser.add_argument("--runs", type=int, default=3, help="runs per stage on the replicated corpus")
    parser.add_argument("--natural-runs", type=int, default=5, help="runs per stage on the natural corpus")
    parser.add_argument("--no-write", action="store_true", help="print only; leave README and JSON alone")
    parser.add_argument("--render", action="store_true",
                        help="measure nothing: rewrite the README section from results/bench_terms.json")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        print(json.dumps(run_stage(args.stage, args.words)))
        return
    if args.render:
        report = render(json.loads(RESULTS.read_text(encoding="utf-8")))
        print(report)
        if not args.no_write:
            replace_section("bench_terms", report)
        return
    if not CORPORA.is_dir():
        raise SystemExit(f"shared corpora not found at {CORPORA} (set RHETORIC_SHARED)")
    replicated, replicated_runs = _measure(args.words, args.runs, "replicated")
    natural, natural_runs = _measure(1, args.natural_runs, "natural")  # 1 word asks for one copy
    results = {
        "machine": _machine(),
        "settings": {"words": args.words, "runs": args.runs, "natural_runs": args.natural_runs},
        "replicated": {"median": replicated, "ratios": _ratios(replicated), "runs": replicated_runs},
        "natural": {"median": natural, "ratios": _ratios(natural), "runs": natural_runs},
    }
    report = render(results)
    print(report)
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
        replace_section("bench_terms", report)


if __name__ == "__main__":
    main()
