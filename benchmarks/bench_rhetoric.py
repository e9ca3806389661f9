"""Speed of marker_table at 10M words against pyahocorasick and a one-regex-per-cue loop.

Run from the project root::

    .venv/bin/python -m benchmarks.bench_rhetoric [--words 10000000] [--naive-words 500000] [--runs 3]

Corpus: :func:`benchmarks.bench_text.build_docs` (every ``*.txt`` under
``../shared/corpora`` replicated to ``--words`` ``\\w+`` words, distinct doc ids).

Lexicons: ``default`` is the shipped ``diplomatic`` lexicon; ``1000`` is the
same plus the most frequent word bigrams and trigrams of the MFA 2018
transcripts (norms of :func:`analysis.token_table`, punctuation-free,
not already cues), in frequency order, up to 1,000 cues in all, under a
category ``ngram``.

Stages, each timed in a fresh subprocess (``--stage``), median of ``--runs``:

- ``marker_<lex>``: ``marker_table(docs, lexicon=lex, tokens=tokens)``
  with the token table built before the timer (the table an analyst
  already has); compiling the lexicon is timed.
- ``marker_<lex>_tok``: the same including ``token_table(docs, stem=False)``.
- ``aho_<lex>``, the anchor: a pyahocorasick automaton of the cues' literal
  forms (each glob ``refut*`` reduced to its prefix ``refut``, gaps to
  their first part), built before the timer; timed: ``text.lower()`` of the
  joined corpus and one pass of ``automaton.iter`` counting the hits
  (no word boundaries, no offsets back to documents, no categories).
- ``naive_<lex>``: one compiled ``re`` per cue (``\\b`` + words joined by
  ``\\s+``, ``*`` as ``\\w*``, IGNORECASE) and ``finditer`` over every
  document, collecting ``(doc, start, end)``; too slow for 10M words, it
  runs on the first ``--naive-words`` words and its words/s are used.

Table to stdout, between ``<!-- bench_rhetoric:start/end -->`` in
``benchmarks/README.md`` and to ``benchmarks/results/bench_rhetoric.json``.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import itertools
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_text import CORPORA, WORD, _machine, build_docs
from benchmarks.eval_markers_mfa import write_section

ROOT = Path(__file__).resolve().parents[1]
LEXICONS = ("default", "1000")
STAGES = tuple(f"{kind}_{lex}" for lex in LEXICONS for kind in ("marker", "aho", "naive")) + tuple(
    f"marker_{lex}_tok" for lex in LEXICONS
)
TARGETS = {"aho": 0.3, "naive": 20.0}


def lexicon_1000(path: Path) -> Path:
    """Write the 1,000-cue lexicon (default + frequent MFA n-grams) to ``path``; return it."""
    import pandas as pd

    from analysis.rhetoric import load_lexicon
    from analysis.rhetoric.lexicon import FIELDS
    from analysis.text import token_table

    base = load_lexicon("diplomatic").entries
    texts = [p.read_text(encoding="utf-8") for p in sorted((CORPORA / "mfa_2018" / "text").glob("*.txt"))]
    tokens = token_table(pd.DataFrame({"doc_id": range(len(texts)), "text": texts}), stem=False)
    words = tokens[~tokens["is_punct"]]
    norms = words["norm"].astype(str).tolist()
    sents = (words["doc_id"].astype(int) * 100000 + words["sent_id"]).tolist()
    counts: collections.Counter = collections.Counter()
    for n in (2, 3):
        for i in range(len(norms) - n + 1):
            if sents[i] == sents[i + n - 1]:
                counts[" ".join(norms[i : i + n])] += 1
    have = set(base["cue"].str.lower())
    extra = [g for g, _ in counts.most_common() if g not in have and not re.search(r"[*?\[\]~/,\"]", g)]
    extra = extra[: 1000 - len(base)]
    rows = base[list(FIELDS)].copy()
    rows = pd.concat([rows, pd.DataFrame({"category": "ngram", "cue": extra, "note": "frequent MFA n-gram",
                                          "source": "MFA corpus"})], ignore_index=True)
    rows = rows.astype(object).where(rows.notna(), "")
    rows.to_csv(path, index=False, columns=list(FIELDS))
    return path


def _literal(cue: str) -> str:
    parts = []
    for part in cue.split():
        if re.fullmatch(r"~\d", part):
            break
        cut = re.split(r"[*?\[]", part.strip("/"), maxsplit=1)
        parts.append(cut[0])
        if cut[0] != part:
            break
    return " ".join(p for p in parts if p).lower()


def _naive_regex(cue: str) -> re.Pattern:
    words = []
    for part in cue.split():
        if re.fullmatch(r"~\d", part):
            words.append(r"(?:\S+\s+){0," + part[1:] + "}")
            continue
        body = re.escape(part).replace(r"\*", r"\w*").replace(r"\?", r"\w")
        words.append(body)
    pattern = r"\s+".join(words).replace(r"}\s+", "}")
    return re.compile(r"\b" + pattern + r"\b", re.IGNORECASE)


def run_stage(stage: str, words: int, naive_words: int, lexicon_path: str) -> dict:
    import ahocorasick

    from analysis.rhetoric import load_lexicon, marker_table
    from analysis.text import token_table

    kind, lex = stage.split("_")[0], stage.split("_")[1]
    lexicon = load_lexicon("diplomatic" if lex == "default" else lexicon_path)
    docs = build_docs(words)
    texts = docs["text"].tolist()
    if kind == "naive":
        counts = [len(WORD.findall(text)) for text in texts]
        keep = 1 + sum(1 for total in itertools.accumulate(counts) if total < naive_words)
        docs, texts = docs.iloc[:keep], texts[:keep]
    tokens = token_table(docs, stem=False) if stage.startswith("marker") and not stage.endswith("_tok") else None
    cues = lexicon.entries["cue"].tolist()
    if kind == "aho":
        automaton = ahocorasick.Automaton()
        for i, literal in enumerate({_literal(c) for c in cues} - {""}):
            automaton.add_word(literal, i)
        automaton.make_automaton()
        joined = "\n\n".join(texts)
    if kind == "naive":
        regexes = [_naive_regex(c) for c in cues]
    start = time.perf_counter()
    if kind == "marker":
        # the matcher alone; speaker attribution (quote/turn layers) is timed in bench_quotes
        hits = len(marker_table(docs, lexicon=lexicon, tokens=tokens, speakers=False))
    elif kind == "aho":
        hits = sum(1 for _ in automaton.iter(joined.lower()))
    else:
        found = [(d, m.start(), m.end()) for rx in regexes for d, text in enumerate(texts) for m in rx.finditer(text)]
        hits = len(found)
    seconds = time.perf_counter() - start
    n_words = sum(len(WORD.findall(text)) for text in texts)
    return {"stage": stage, "words": n_words, "seconds": seconds, "hits": hits, "cues": len(cues)}


def _child(stage: str, args, lexicon_path: Path) -> dict:
    command = [sys.executable, "-m", "benchmarks.bench_rhetoric", "--stage", stage, "--words", str(args.words),
               "--naive-words", str(args.naive_words), "--lexicon-path", str(lexicon_path)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"stage {stage} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _table(rows: dict[str, dict]) -> tuple[str, list[str]]:
    lines = ["| stage | cues | words | seconds | words/s | × aho anchor | × naive regex | hits |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    verdicts = []
    for stage, r in rows.items():
        lex = stage.split("_")[1]
        wps = r["words"] / r["seconds"]
        aho = rows[f"aho_{lex}"]["words"] / rows[f"aho_{lex}"]["seconds"]
        naive = rows[f"naive_{lex}"]["words"] / rows[f"naive_{lex}"]["seconds"]
        lines.append(f"| {stage} | {r['cues']:,} | {r['words']:,} | {r['seconds']:.2f} | {wps:,.0f} | "
                     f"{wps / aho:.2f} | {wps / naive:.1f} | {r['hits']:,} |")
        if stage.startswith("marker"):
            for name, ratio, goal in (("aho", wps / aho, TARGETS["aho"]), ("naive", wps / naive, TARGETS["naive"])):
                verdicts.append(f"- {'met' if ratio >= goal else 'MISSED'}: {stage} ≥ {goal}× the {name} anchor "
                                f"({ratio:.2f}×)")
    return "\n".join(lines), verdicts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=10_000_000)
    parser.add_argument("--naive-words", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print only; leave README and JSON alone")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--lexicon-path", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        print(json.dumps(run_stage(args.stage, args.words, args.naive_words, args.lexicon_path)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = lexicon_1000(Path(tmp) / "lexicon_1000.csv")
        runs = collections.defaultdict(list)
        for _ in range(args.runs):  # interleaved, so load bursts hit all stages alike
            for stage in STAGES:
                runs[stage].append(_child(stage, args, path))
    rows = {}
    for stage in STAGES:
        median = statistics.median_low(sorted(r["seconds"] for r in runs[stage]))
        rows[stage] = next(r for r in runs[stage] if r["seconds"] == median)
    table, verdicts = _table(rows)
    machine = _machine()
    versions = ", ".join(f"{k} {v}" for k, v in machine["versions"].items())
    head = (f"Measured {dt.date.today().isoformat()} on {machine['cpu']} ({machine['cores']} cores); "
            f"{versions}. Median of {args.runs} runs, "
            f"each in a fresh process. Naive regex loop on the first {args.naive_words:,} words.")
    report = "\n".join([head, "", table, ""] + verdicts)
    print(report)
    if not args.no_write:
        write_section("bench_rhetoric", report, {"runs": runs, "rows": rows, "machine": machine})


if __name__ == "__main__":
    main()
