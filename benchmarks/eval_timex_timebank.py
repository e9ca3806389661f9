"""Accuracy of timex_table on TimeBank and AQUAINT (TimeML), beside dateparser.

Run from the project root::

    .venv/bin/python -m benchmarks.eval_timex_timebank [--no-dateparser] [--errors N] [--no-write]

Data: every ``*.tml`` under ``../shared/eval/timebank`` (TBAQ-cleaned: TimeBank
1.2 and AQUAINT). The text is the content of ``<TEXT>`` with its tags removed
and XML entities decoded; the gold expressions are the ``TIMEX3`` elements
inside it. The document date (DCT) is the file's ``<DCT>`` TIMEX3 value, given
to both systems as the document date, and is not scored.

Scores (TempEval-3 definitions):

- extraction, strict: a system span counts when a gold span has exactly its
  offsets; relaxed: when it overlaps a gold span (one-to-one, in text order);
  precision = matched / system spans, recall = matched / gold spans;
- type accuracy: the share of relaxed matches whose type is the gold type;
- value F1: relaxed matches whose value equals the gold value, over system
  spans (precision) and over gold spans (recall).

dateparser is run as people do: ``dateparser.search.search_dates(text,
languages=["en"], settings={"PREFER_DATES_FROM": "past", "RELATIVE_BASE":
DCT})`` on each document, its substrings located left to right in the text,
type DATE and value the day (``YYYY-MM-DD``) of the datetime it returns.

The table gives all documents, then TimeBank (183 files; the rules were
studied on its errors only, ``--subset TimeBank --errors N``) and AQUAINT
(73 files, the held-out check) apart, scored from the same run; a last line
recalls the figures of the run recorded before this one (before/after).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import html
import json
import os
import platform
import re
import sys
import time
from pathlib import Path

from benchmarks._readme import replace_section

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RHETORIC_SHARED", ROOT.parent / "shared")).resolve()
DATA = SHARED / "eval" / "timebank"
RESULTS = ROOT / "benchmarks" / "results" / "eval_timex.json"
GOALS = {"relaxed_f1": 0.90, "value_f1": 0.80}
_PIECE = re.compile(r"<(/?)(\w+)([^>]*)>|([^<]+)")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: Path) -> dict:
    """doc_id, dct (date), text and gold [(start, end, type, value)] of one TimeML file."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"(\d{4})-?(\d{2})-?(\d{2})", raw)
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    parts, gold, length, open_timex = [], [], 0, None
    for match in _PIECE.finditer(body):
        closing, tag, attrs, chunk = match.groups()
        if chunk is not None:
            chunk = html.unescape(chunk)
            parts.append(chunk)
            length += len(chunk)
        elif tag == "TIMEX3" and not closing:
            open_timex = (length, dict(_ATTR.findall(attrs)))
        elif tag == "TIMEX3" and closing and open_timex:
            start, attributes = open_timex
            gold.append((start, length, attributes.get("type", ""), attributes.get("value", "")))
            open_timex = None
    date = dt.date(*map(int, dct.groups())) if dct else None
    return {"doc_id": path.stem, "dct": date, "text": "".join(parts), "gold": gold, "path": path}


def load(data: Path) -> list[dict]:
    files = sorted(data.rglob("*.tml"))
    if not files:
        raise SystemExit(f"no .tml files under {data} (set RHETORIC_SHARED)")
    return [read_tml(path) for path in files]


def run_workbook(docs: list[dict]) -> tuple[dict, float]:
    import pandas as pd

    from analysis.timeline import timex_table

    table = pd.DataFrame(
        {
            "doc_id": [d["doc_id"] for d in docs],
            "date": pd.to_datetime([d["dct"] for d in docs]),
            "text": [d["text"] for d in docs],
        }
    )
    started = time.perf_counter()
    found = timex_table(table)
    seconds = time.perf_counter() - started
    out = collections.defaultdict(list)
    for row in found.itertuples(index=False):
        out[row.doc_id].append((row.start, row.end, row.type, row.value))
    return out, seconds


def run_dateparser(docs: list[dict]) -> tuple[dict, float]:
    from dateparser.search import search_dates

    out, started = {}, time.perf_counter()
    for doc in docs:
        base = dt.datetime.combine(doc["dct"], dt.time(12)) if doc["dct"] else dt.datetime.now()
        settings = {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base}
        found = search_dates(doc["text"], languages=["en"], settings=settings) or []
        spans, cursor = [], 0
        for substring, when in found:
            at = doc["text"].find(substring, cursor)
            if at < 0:
                continue
            spans.append((at, at + len(substring), "DATE", when.date().isoformat()))
            cursor = at + len(substring)
        out[doc["doc_id"]] = spans
    return out, time.perf_counter() - started


def score(docs: list[dict], system: dict) -> dict:
    """TempEval-3 style scores of ``system`` (doc_id -> spans) against the gold spans."""
    n_gold = n_sys = strict = relaxed = typed = valued = 0
    for doc in docs:
        gold, spans = doc["gold"], sorted(system.get(doc["doc_id"], []))
        n_gold += len(gold)
        n_sys += len(spans)
        gold_spans = {(g[0], g[1]) for g in gold}
        strict += sum((s[0], s[1]) in gold_spans for s in spans)
        used = set()
        for s in spans:
            match = next((i for i, g in enumerate(gold) if i not in used and g[0] < s[1] and s[0] < g[1]), None)
            if match is None:
                continue
            used.add(match)
            relaxed += 1
            typed += s[2] == gold[match][2]
            valued += s[3] == gold[match][3]

    def prf(hits_sys: int, hits_gold: int) -> dict:
        p = hits_sys / n_sys if n_sys else 0.0
        r = hits_gold / n_gold if n_gold else 0.0
        return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}

    return {
        "gold": n_gold,
        "system": n_sys,
        "strict": prf(strict, strict),
        "relaxed": prf(relaxed, relaxed),
        "type_accuracy": typed / relaxed if relaxed else 0.0,
        "type": prf(typed, typed),
        "value": prf(valued, valued),
    }


def errors(docs: list[dict], system: dict, limit: int) -> None:
    """Print missed, spurious and wrongly valued expressions, with their category counts."""
    missed, spurious, wrong = collections.Counter(), collections.Counter(), collections.Counter()
    for doc in docs:
        text, gold, spans = doc["text"], doc["gold"], system.get(doc["doc_id"], [])
        for g in gold:
            hit = [s for s in spans if g[0] < s[1] and s[0] < g[1]]
            if not hit:
                missed[text[g[0] : g[1]].lower()] += 1
            elif hit[0][3] != g[3]:
                wrong[(text[hit[0][0] : hit[0][1]], hit[0][3], g[3], str(doc["dct"]))] += 1
        for s in spans:
            if not any(g[0] < s[1] and s[0] < g[1] for g in gold):
                spurious[text[s[0] : s[1]].lower()] += 1
    for name, counter in (("missed", missed), ("spurious", spurious), ("wrong value", wrong)):
        print(f"\n## {name}: {sum(counter.values())}")
        for item, count in counter.most_common(limit):
            print(f"{count:4d}  {item}")


def _table(results: dict) -> str:
    lines = [
        (
            "| system | gold | found | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed F1 "
            "| type acc. | value P | value R | value F1 | seconds |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        s, x, v = r["strict"], r["relaxed"], r["value"]
        lines.append(
            f"| {name} | {r['gold']:,} | {r['system']:,} | {s['precision']:.3f} | {s['recall']:.3f} | "
            f"{s['f1']:.3f} | {x['precision']:.3f} | {x['recall']:.3f} | {x['f1']:.3f} | "
            f"{r['type_accuracy']:.3f} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | "
            + ("" if r["seconds"] is None else f"{r['seconds']:.1f}")
            + " |"
        )
    return "\n".join(lines)


def _verdicts(results: dict) -> list[str]:
    ours = results["timex_table"]
    checks = [
        (f"relaxed F1 ≥ {GOALS['relaxed_f1']}", ours["relaxed"]["f1"] >= GOALS["relaxed_f1"], ours["relaxed"]["f1"]),
        (f"value F1 ≥ {GOALS['value_f1']}", ours["value"]["f1"] >= GOALS["value_f1"], ours["value"]["f1"]),
    ]
    other = results.get("dateparser")
    if other:
        figures = {
            "strict F1": ("strict", "f1"), "relaxed F1": ("relaxed", "f1"), "relaxed P": ("relaxed", "precision"),
            "relaxed R": ("relaxed", "recall"), "value F1": ("value", "f1"),
        }  # fmt: skip
        ahead = all(ours[a][b] > other[a][b] for a, b in figures.values())
        ahead = ahead and ours["type_accuracy"] > other["type_accuracy"]
        checks.append(("ahead of dateparser on every figure", ahead, None))
    return [
        f"- {'met' if ok else 'MISSED'}: {name}" + (f" ({value:.3f})" if value is not None else "")
        for name, ok, value in checks
    ]


def _previous(path: Path) -> list[str]:
    """A line with the figures of the run recorded in ``path`` before this one (for before/after)."""
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
        r = old["results"]["timex_table"]
    except (OSError, ValueError, KeyError):
        return []
    line = (
        f"- previous run ({old['machine']['date']}, all {old['documents']} documents): strict F1 "
        f"{r['strict']['f1']:.3f}, relaxed F1 {r['relaxed']['f1']:.3f}, type acc. {r['type_accuracy']:.3f}, "
        f"value F1 {r['value']['f1']:.3f}"
    )
    return [line]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-dateparser", action="store_true", help="score timex_table only")
    parser.add_argument("--errors", type=int, default=0, help="print the N most frequent errors of each kind")
    parser.add_argument("--no-write", action="store_true", help="print only; leave README and JSON alone")
    parser.add_argument(
        "--subset", choices=["all", "TimeBank", "AQUAINT"], default="all",
        help="score one part only (error analysis on TimeBank; AQUAINT is the held-out check)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    docs = load(DATA)
    if args.subset != "all":
        docs = [d for d in docs if d["path"].parent.name == args.subset]
        args.no_write = True
    ours, seconds = run_workbook(docs)
    results = {"timex_table": score(docs, ours) | {"seconds": seconds}}
    if args.errors:
        errors(docs, ours, args.errors)
    theirs = None
    if not args.no_dateparser:
        theirs, seconds = run_dateparser(docs)
        results["dateparser"] = score(docs, theirs) | {"seconds": seconds}
    # the two parts apart: rules were written looking at TimeBank only; AQUAINT is the held-out check
    parts = {}
    if args.subset == "all":
        for part, label in (("TimeBank", "TimeBank, rules studied here"), ("AQUAINT", "AQUAINT, held out")):
            subset = [d for d in docs if d["path"].parent.name == part]
            if not subset:
                continue
            parts[f"timex_table ({label}, {len(subset)} docs)"] = score(subset, ours) | {"seconds": None}
            if theirs is not None:
                parts[f"dateparser ({label})"] = score(subset, theirs) | {"seconds": None}
    previous = _previous(RESULTS)
    import dateparser
    import pandas

    n_words = sum(len(re.findall(r"\w+", d["text"])) for d in docs)
    machine = {
        "date": dt.date.today().isoformat(),
        "python": platform.python_version(),
        "pandas": pandas.__version__,
        "dateparser": dateparser.__version__,
    }
    report = "\n".join(
        [
            (
                f"Measured {machine['date']}; python {machine['python']}, pandas {machine['pandas']}, "
                f"dateparser {machine['dateparser']}. {len(docs)} documents ({n_words:,} words), "
                f"{results['timex_table']['gold']:,} gold TIMEX3 inside `<TEXT>` (DCT excluded)."
            ),
            "",
            _table(results | parts),
            "",
            *_verdicts(results),
            *previous,
        ]
    )
    print(report)
    if not args.no_write and not args.no_dateparser:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        record = {"machine": machine, "documents": len(docs), "results": results, "parts": parts}
        RESULTS.write_text(json.dumps(record, indent=2) + "\n")
        replace_section("eval_timex", report)


if __name__ == "__main__":
    sys.exit(main())
