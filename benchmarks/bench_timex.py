"""Speed of timex_table at 10M words, beside dateparser's search_dates and token_table.

Run from the project root::

    .venv/bin/python -m benchmarks.bench_timex [--words 10000000] [--sample 1000] [--runs 3] [--natural]

``--natural`` measures one copy of the corpus (its natural size, about 736k
words) and writes its own section and results file (``bench_timex_natural``).

The corpus is ``benchmarks.bench_text``'s: every ``*.txt`` under
``../shared/corpora`` replicated to ``--words`` words (``\\w+`` matches), each
copy with its own doc ids, every document dated 2018-07-20.

Stages, each in a fresh subprocess (the corpus is built and everything
imported before the timer starts), ``--runs`` times interleaved, median shown:

- ``timex_table``: ``timex_table(docs)`` on the whole corpus, its sentence
  ids included (it finds where sentences start, the boundaries of
  ``sentence_table``, without building that table);
- ``timex_given``: ``timex_table(docs, sentences=sentences)``, the sentence
  table made before the timer starts, as the timeline notebook does (it
  makes one sentence table for the timexes and the event timeline): the cost
  of the temporal expressions alone;
- ``token_table``: ``token_table(docs)``, the anchor for words/s;
- ``timex_sample`` and ``dateparser_sample`` (warm): the same ``--sample``
  sentences (every k-th sentence of one copy of the corpus), given to
  ``timex_table`` as documents of 50 sentences, one per paragraph, dated
  2018-07-20, and, one by one, to
  ``dateparser.search.search_dates(sentence, languages=["en"],
  settings={"PREFER_DATES_FROM": "past", "RELATIVE_BASE": 2018-07-20})``.
  Both sides are warmed up the same way before the timer starts: one untimed
  call, exactly as timed, on a different ``--warmup`` sentences (the ones
  half-way between the sample's), in the same process; so one-time start-up
  (imports, language data, Punkt parameters, compiled patterns, caches) is
  outside the timing on both sides. ``timex_table`` compiles its grammar per
  trigger word when it first meets the word, so its warm-up also calls
  :func:`analysis.timeline.warm_up` (all of the grammar compiled, as the Dask
  engine does on each worker); the cold stages pay that compilation in their
  timing. ``timex_sample_given`` is
  ``timex_sample`` with the sample's sentence table made before the timer.
- ``timex_sample_cold`` and ``dateparser_sample_cold``: the very same calls
  in a fresh process without the warm-up call (modules imported, nothing
  called yet), so each side's first-call cost is inside its timing.

Sentences/s are sentences of ``sentence_table`` over seconds (for the sample
stages: the sample sentences).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import time

from benchmarks._readme import replace_section
from benchmarks.bench_text import ROOT, build_docs
from benchmarks.bench_text import _machine as machine

RESULTS = ROOT / "benchmarks" / "results" / "bench_timex.json"
WORD = re.compile(r"\w+")
STAGES = (
    "timex_table", "timex_given", "token_table",
    "timex_sample", "timex_sample_given", "dateparser_sample", "timex_sample_cold", "dateparser_sample_cold",
)  # fmt: skip
DATELINE = dt.datetime(2018, 7, 20, 12)
TARGETS = {"dateparser": 100.0, "token_table": 0.5}


def _sample(docs, size: int, warmup: int = 0):
    """``size`` sentences spread evenly over the corpus, and ``warmup`` other ones (half-way between)."""
    import pandas as pd

    import analysis

    one_copy = docs[docs["doc_id"].str.startswith("000/")]  # the first copy of the corpus
    sentences = analysis.sentence_table(one_copy)
    step = max(2, len(sentences) // size)
    picked = sentences.text.iloc[::step].head(size).tolist()
    others = sentences.text.iloc[step // 2 :: step]
    spare = others.iloc[:: max(1, len(others) // max(1, warmup))].head(warmup).tolist()
    return (
        pd.DataFrame({"doc_id": [f"s{i}" for i in range(len(picked))], "text": picked}),
        pd.DataFrame({"doc_id": [f"w{i}" for i in range(len(spare))], "text": spare}),
    )


def _as_documents(sample, per_doc: int = 50):
    """The sample sentences as documents of ``per_doc`` paragraphs (one sentence each), dated."""
    import pandas as pd

    texts = sample.text.tolist()
    chunks = ["\n\n".join(texts[i : i + per_doc]) for i in range(0, len(texts), per_doc)]
    return pd.DataFrame(
        {"doc_id": [f"d{i}" for i in range(len(chunks))], "date": pd.Timestamp(DATELINE.date()), "text": chunks}
    )


def run_stage(stage: str, words: int, sample: int, warmup: int = 200) -> dict:
    """Measure one stage in this (fresh) process; return its figures."""
    import pandas as pd

    import analysis
    from analysis.timeline import timex_table

    if stage not in STAGES:
        raise SystemExit(f"unknown stage {stage!r}; one of {STAGES}")
    docs = build_docs(words)
    docs["date"] = pd.Timestamp(DATELINE.date())
    is_sample = "_sample" in stage
    cold = stage.endswith("_cold")
    spare = None
    if is_sample:
        docs, spare = _sample(docs, sample, warmup)
    texts = docs["text"].tolist()
    settings = {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": DATELINE}
    given = stage.endswith("_given")

    def timex_call(frame, texts_of):  # the timed call (sentence table made before it when given)
        frame = _as_documents(frame) if is_sample else frame
        sentences = analysis.sentence_table(frame) if given else None
        return lambda: len(timex_table(frame, sentences=sentences))

    if stage.startswith("timex"):
        call = timex_call(docs, texts)
        if is_sample and not cold:
            from analysis.timeline import warm_up

            warm_up()  # compiled patterns: one-time start-up, like dateparser's language data
            timex_call(spare, None)()  # warm-up: the same call on other sentences, untimed
    elif stage == "token_table":
        call = lambda: analysis.token_table(docs)  # noqa: E731
    else:
        from dateparser.search import search_dates

        def call(batch=texts):
            return sum(len(search_dates(text, languages=["en"], settings=settings) or []) for text in batch)

        if not cold:
            call(spare["text"].tolist())  # warm-up: the same calls on other sentences, untimed
    start, cpu = time.perf_counter(), time.process_time()
    found = call()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    if stage == "token_table":
        found = None
    n_sentences = len(texts) if is_sample else len(analysis.sentence_table(docs))
    n_words = sum(len(WORD.findall(text)) for text in texts)
    return {"stage": stage, "words": n_words, "sentences": n_sentences, "seconds": seconds,
            "cpu_seconds": cpu_seconds, "found": found}  # fmt: skip


def _child(stage: str, args: argparse.Namespace) -> dict:
    command = [sys.executable, "-m", "benchmarks.bench_timex", "--stage", stage]
    command += ["--words", str(args.words), "--sample", str(args.sample), "--warmup", str(args.warmup)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"stage {stage} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _machine() -> dict:
    return machine("dateparser")


def _table(rows: dict) -> str:
    lines = [
        "| stage | sentences | words | seconds | CPU seconds | sentences/s | words/s | expressions found |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows.values():
        found = "" if row["found"] is None else f"{row['found']:,}"
        cpu = f"{row['cpu_seconds']:.2f}" if "cpu_seconds" in row else ""
        lines.append(
            f"| {row['stage']} | {row['sentences']:,} | {row['words']:,} | {row['seconds']:.2f} | {cpu} | "
            f"{row['sentences'] / row['seconds']:,.0f} | {row['words'] / row['seconds']:,.0f} | {found} |"
        )
    return "\n".join(lines)


def _verdicts(rows: dict) -> list[str]:
    def per_second(stage: str, unit: str) -> float:
        return rows[stage][unit] / rows[stage]["seconds"]

    dateparser = per_second("dateparser_sample", "sentences")
    tokens = per_second("token_table", "words")
    checks = []
    for suffix, how in (("", "sentence ids included"), ("_given", "sentence table given")):
        corpus = "timex_table" if not suffix else "timex_given"
        same_sentences = per_second("timex_sample" + suffix, "sentences") / dateparser
        vs_dateparser = per_second(corpus, "sentences") / dateparser
        vs_tokens = per_second(corpus, "words") / tokens
        checks += [
            (f"timex_table ≥ {TARGETS['dateparser']:.0f}× search_dates on the very same sample sentences, "
             f"both warmed up ({how})", same_sentences >= TARGETS["dateparser"], f"{same_sentences:,.0f}×"),
            (f"timex_table ≥ {TARGETS['dateparser']:.0f}× search_dates in sentences/s (10M-word corpus vs "
             f"warm sample; {how})", vs_dateparser >= TARGETS["dateparser"], f"{vs_dateparser:,.0f}×"),
            (f"timex_table ≥ {TARGETS['token_table']}× token_table in words/s ({how})",
             vs_tokens >= TARGETS["token_table"], f"{vs_tokens:.2f}×"),
        ]  # fmt: skip
    cold = per_second("timex_sample_cold", "sentences") / per_second("dateparser_sample_cold", "sentences")
    checks.append(
        (f"timex_table ≥ {TARGETS['dateparser']:.0f}× search_dates on the same sample sentences, both cold "
         "(first call in a fresh process, sentence ids included)", cold >= TARGETS["dateparser"], f"{cold:,.0f}×")
    )
    lines = [f"- {'met' if ok else 'MISSED'}: {name} ({value})" for name, ok, value in checks]
    if all("cpu_seconds" in rows[stage] for stage in ("timex_sample", "timex_sample_given", "dateparser_sample")):
        def cpu_rate(stage: str) -> float:  # sentences per CPU second of the process (less sensitive to load)
            return rows[stage]["sentences"] / rows[stage]["cpu_seconds"]

        lines.append(
            "- on CPU time instead of wall-clock time (same runs; the process's CPU seconds, which the other "
            "jobs on the machine disturb less), warm, the very same sample sentences: "
            f"{cpu_rate('timex_sample') / cpu_rate('dateparser_sample'):,.0f}× search_dates with the sentence "
            f"ids included, {cpu_rate('timex_sample_given') / cpu_rate('dateparser_sample'):,.0f}× with the "
            "sentence table given"
        )
    return lines


def _spread(runs: dict) -> str:
    """The words/s ratio to token_table in each round (noise on a shared machine shows here)."""

    def ratios(stage: str) -> str:
        pairs = zip(runs[stage], runs["token_table"])
        return ", ".join(f"{(t['words'] / t['seconds']) / (a['words'] / a['seconds']):.2f}" for t, a in pairs)

    return (
        f"- per round, words/s over token_table's: timex_table {ratios('timex_table')}; "
        f"timex_given {ratios('timex_given')} (rounds run minutes apart on a loaded machine: the spread is noise)"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=10_000_000, help="corpus size in \\w+ words")
    parser.add_argument("--sample", type=int, default=4000, help="sentences given to dateparser")
    parser.add_argument("--warmup", type=int, default=200, help="other sentences for the untimed warm-up call")
    parser.add_argument("--runs", type=int, default=3, help="runs per stage; the median is reported")
    parser.add_argument("--no-write", action="store_true", help="print only; leave README and JSON alone")
    parser.add_argument("--natural", action="store_true", help="one copy of the corpus (its natural size)")
    parser.add_argument("--render", action="store_true", help="rewrite the README section from the stored results")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.natural:
        args.words = 1  # one copy
    name = "bench_timex_natural" if args.natural else "bench_timex"
    results_file = RESULTS.with_name(f"{name}.json")
    if args.stage:
        print(json.dumps(run_stage(args.stage, args.words, args.sample, args.warmup)))
        return
    if args.render:  # the stored measurements, written out again (no new timing)
        stored = json.loads(results_file.read_text(encoding="utf-8"))
        runs, machine, args.runs, args.sample = (
            stored["runs"], stored["machine"], stored["settings"]["runs"], stored["settings"]["sample"]
        )  # fmt: skip
        args.warmup = stored["settings"].get("warmup", 0)
        args.words = stored["settings"]["words"]
    else:
        runs = {}
        for _ in range(args.runs):  # interleave stages so load changes hit all of them
            for stage in STAGES:
                runs.setdefault(stage, []).append(_child(stage, args))
                print(f"{stage}: {runs[stage][-1]['seconds']:.2f} s", file=sys.stderr)
        machine = _machine()
    rows = {stage: sorted(found, key=lambda r: r["seconds"])[(len(found) - 1) // 2] for stage, found in runs.items()}
    report = "\n".join(
        [
            f"Measured {machine['date']} on {machine['cpu']}; "
            + ", ".join(f"{name} {version}" for name, version in machine["versions"].items())
            + f". Median of {args.runs} runs, each in a fresh process; {args.sample:,} sample sentences, warm stages "
            f"after one untimed call on {args.warmup:,} other sentences, cold stages without it. The machine is "
            "shared: the ratios, measured in the same run, are the figures to read.",
            "",
            _table(rows),
            "",
            *_verdicts(rows),
            _spread(runs),
        ]
    )
    print(report)
    if not args.no_write and not args.render:
        results_file.parent.mkdir(parents=True, exist_ok=True)
        settings = {"words": args.words, "sample": args.sample, "warmup": args.warmup, "runs": args.runs}
        results_file.write_text(json.dumps({"machine": machine, "settings": settings, "median": rows, "runs": runs},
                                      indent=2) + "\n")  # fmt: skip
    if not args.no_write:
        replace_section(name, report)


if __name__ == "__main__":
    main()
