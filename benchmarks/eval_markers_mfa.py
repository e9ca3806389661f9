"""In-domain evaluation of marker_table on 60 annotated MFA answer paragraphs.

Run from the project root::

    .venv/bin/python -m benchmarks.eval_markers_mfa [--lexicon diplomatic] [--split all] [--errors] [--no-write]

Gold: ``../shared/eval/mfa_markers/`` (``paragraphs.jsonl``,
``annotations.jsonl``, annotated under its ``GUIDELINES.md``). Each
paragraph is run through :func:`analysis.rhetoric.marker_table` as a
document of its own (its text as given, so offsets agree with the gold).

Scoring, per category: predicted and gold spans of the same paragraph and
category are paired one-to-one when they overlap by at least one
character, greedily by largest overlap (ties: earlier spans first); a pair
is a true positive. Precision = TP / predicted, recall = TP / gold, F1 their
harmonic mean. Micro F1 pools TP, predicted and gold over the 12
categories; macro F1 is the mean of the 12 per-category F1s.

Splits: ``dev`` = the paragraphs whose pid sorts to an even index (0, 2,
...), ``test`` = the odd ones, ``all`` = both. Rules are developed by
looking at errors on ``dev`` only (``--errors`` prints them, and refuses
on any other split); ``test`` is the honest figure. The README section
always reports dev, test and all.

The table goes to stdout, between ``<!-- eval_markers_mfa:start/end -->``
in ``benchmarks/README.md`` and to ``benchmarks/results/eval_markers_mfa.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from collections import defaultdict
from pathlib import Path

from benchmarks._readme import replace_section

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RHETORIC_SHARED", ROOT.parent / "shared")).resolve()
GOLD = SHARED / "eval" / "mfa_markers"
RESULTS = ROOT / "benchmarks" / "results"
CATEGORIES = (
    "denial", "opposition", "accusation", "labelling", "distanced_attribution",
    "neutral_attribution", "booster", "hedge", "consensus", "counter_accusation",
    "cooperation", "appeal",
)  # fmt: skip
GOALS = {"micro_f1": 0.70, "macro_f1": 0.60}
SPLITS = ("dev", "test", "all")


def split_pids(pids, split: str) -> list[str]:
    """The pids of ``split``: dev = even index in sorted order, test = odd, all = every pid."""
    if split not in SPLITS:
        raise ValueError(f"split={split!r}; allowed: {', '.join(SPLITS)}")
    ordered = sorted(pids)
    if split == "all":
        return ordered
    return ordered[0::2] if split == "dev" else ordered[1::2]


def match_spans(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> int:
    """Number of one-to-one overlap pairs, chosen greedily by largest overlap."""
    pairs = []
    for i, (ps, pe) in enumerate(pred):
        for j, (gs, ge) in enumerate(gold):
            overlap = min(pe, ge) - max(ps, gs)
            if overlap > 0:
                pairs.append((-overlap, i, j))
    used_p, used_g, tp = set(), set(), 0
    for _, i, j in sorted(pairs):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            tp += 1
    return tp


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def write_section(name: str, report: str, payload: dict) -> None:
    """Put ``report`` between this script's markers in README.md; write results/NAME.json."""
    replace_section(name, report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


def evaluate(lexicon: str = "diplomatic", split: str = "all", errors: bool = False) -> dict:
    import pandas as pd

    from analysis.rhetoric import marker_table

    paragraphs = [json.loads(line) for line in (GOLD / "paragraphs.jsonl").open(encoding="utf-8")]
    keep = set(split_pids([p["pid"] for p in paragraphs], split))
    paragraphs = [p for p in paragraphs if p["pid"] in keep]
    gold_rows = [json.loads(line) for line in (GOLD / "annotations.jsonl").open(encoding="utf-8")]
    gold_rows = [g for g in gold_rows if g["pid"] in keep]
    docs = pd.DataFrame({"doc_id": [p["pid"] for p in paragraphs], "text": [p["text"] for p in paragraphs]})
    markers = marker_table(docs, lexicon=lexicon)
    pred, gold = defaultdict(list), defaultdict(list)
    for row in markers.itertuples():
        pred[(row.doc_id, row.category)].append((row.start, row.end))
    for g in gold_rows:
        gold[(g["pid"], g["category"])].append((g["start"], g["end"]))
    rows = []
    for category in CATEGORIES:
        tp = n_pred = n_gold = 0
        for pid in docs["doc_id"]:
            p, g = pred.get((pid, category), []), gold.get((pid, category), [])
            tp += match_spans(p, g)
            n_pred += len(p)
            n_gold += len(g)
        precision, recall, f1 = prf(tp, n_pred, n_gold)
        if errors:
            _print_errors(category, docs, pred, gold)
        rows.append({"category": category, "gold": n_gold, "predicted": n_pred, "tp": tp,
                     "precision": precision, "recall": recall, "f1": f1})
    tp, n_pred, n_gold = (sum(r[k] for r in rows) for k in ("tp", "predicted", "gold"))
    micro = prf(tp, n_pred, n_gold)
    macro = sum(r["f1"] for r in rows) / len(rows)
    return {"rows": rows, "micro": {"precision": micro[0], "recall": micro[1], "f1": micro[2]},
            "macro_f1": macro, "paragraphs": len(paragraphs), "gold_spans": len(gold_rows),
            "lexicon": lexicon, "split": split}


def _print_errors(category: str, docs, pred: dict, gold: dict) -> None:
    """Print the unmatched predicted (FP) and gold (FN) spans of one category (dev only)."""
    text_of = dict(zip(docs["doc_id"], docs["text"]))
    for pid in docs["doc_id"]:
        p, g = pred.get((pid, category), []), gold.get((pid, category), [])
        text = text_of[pid]
        for label, spans, others in (("FP", p, g), ("FN", g, p)):
            for s, e in spans:
                if not any(min(e, oe) - max(s, os_) > 0 for os_, oe in others):
                    print(f"{category}\t{label}\t{pid}\t{text[s:e]!r}\t...{text[max(0, s - 50):e + 40]!r}")


def report_splits(results: dict[str, dict]) -> str:
    """Summary table of micro/macro F1 per split, then the per-category table of each split."""
    lines = [
        "| split | paragraphs | gold spans | micro P | micro R | micro F1 | macro F1 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for split, r in results.items():
        m = r["micro"]
        lines.append(f"| {split} | {r['paragraphs']} | {r['gold_spans']} | {m['precision']:.2f} | "
                     f"{m['recall']:.2f} | {m['f1']:.2f} | {r['macro_f1']:.2f} |")
    lines.append("")
    for split, r in results.items():
        lines += [f"**{split}**", "", report(r), ""]
    return "\n".join(lines).rstrip("\n")


def report(result: dict) -> str:
    lines = [
        (f"Measured {dt.date.today().isoformat()} with lexicon `{result['lexicon']}` on "
        f"{result['paragraphs']} paragraphs, {result['gold_spans']} gold spans. "
        "Overlap, one-to-one matching per category."),
        "",
        "| category | gold | predicted | TP | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in result["rows"]:
        lines.append(f"| {r['category']} | {r['gold']} | {r['predicted']} | {r['tp']} | "
                     f"{r['precision']:.2f} | {r['recall']:.2f} | {r['f1']:.2f} |")
    micro = result["micro"]
    lines.append(f"| **micro** | | | | {micro['precision']:.2f} | {micro['recall']:.2f} | **{micro['f1']:.2f}** |")
    lines.append(f"| **macro F1** | | | | | | **{result['macro_f1']:.2f}** |")
    with_gold = [r["f1"] for r in result["rows"] if r["gold"]]
    lines.append("")
    if len(with_gold) < len(result["rows"]):
        lines.append(f"A category without gold spans scores F1 0 in the macro F1 above; over the "
                     f"{len(with_gold)} categories with gold spans it is {sum(with_gold) / len(with_gold):.2f} "
                     "(for information; the goal is judged on the 12-category figure).")
        lines.append("")
    for key, value in (("micro_f1", micro["f1"]), ("macro_f1", result["macro_f1"])):
        verdict = "met" if value >= GOALS[key] else "MISSED"
        lines.append(f"- {verdict}: {key.replace('_', ' ')} ≥ {GOALS[key]:.2f} ({value:.3f})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lexicon", default="diplomatic")
    parser.add_argument("--split", choices=SPLITS, default="all",
                        help="paragraphs to print: dev (even sorted index), test (odd) or all")
    parser.add_argument("--errors", action="store_true", help="print unmatched spans (dev split only)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave README and JSON alone")
    args = parser.parse_args(argv)
    if args.errors and args.split != "dev":
        parser.error("--errors looks at the dev split only: pass --split dev")
    result = evaluate(args.lexicon, args.split, errors=args.errors)
    print(report(result))
    if not args.no_write:
        results = {split: evaluate(args.lexicon, split) for split in SPLITS}
        write_section("eval_markers_mfa", report_splits(results), results)


if __name__ == "__main__":
    main()
