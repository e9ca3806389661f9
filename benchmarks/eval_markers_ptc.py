"""Out-of-domain check of marker_table on the SemEval-2020 Task 11 Propaganda Techniques Corpus.

Run from the project root::

    .venv/bin/python -m benchmarks.eval_markers_ptc [--lexicon diplomatic] [--draws 20] [--errors] [--no-write]

Gold: ``../shared/eval/propaganda_ptc/`` (training articles and
``train-task2-TC.labels``: technique spans, character offsets, end
exclusive). Each article is read as bytes decoded UTF-8 with newlines kept,
so the label offsets slice it, and run through
:func:`analysis.rhetoric.marker_table`.

Categories are mapped to techniques by meaning, fixed before measuring:

- ``labelling``, ``accusation`` -> Loaded_Language + Name_Calling,Labeling
- ``booster`` -> Exaggeration,Minimisation
- ``denial``, ``distanced_attribution`` -> Doubt
- ``consensus`` -> Flag-Waving
- ``counter_accusation`` -> Whataboutism,Straw_Men,Red_Herring

For a category and its techniques: precision = share of its marker spans
that overlap (>= 1 character) a gold span of those techniques in the same
article; recall = share of those gold spans overlapped by at least one of
its marker spans. *Chance*: the same number of spans with the same lengths
placed uniformly at random in the same articles (mean precision over
``--draws`` draws, seed 0); "x chance" = precision / chance precision.
*Negative words*: every token whose ``norm`` is in Bing Liu's opinion
lexicon ``negative-words.txt`` (``../shared/eval/opinion_lexicon``), scored
the same way against the same techniques.

Splits: ``dev`` = the articles with an even numeric id, ``test`` = odd ids,
``all`` = both; every table is reported for the three. Rules are developed
by looking at errors on ``dev`` only (``--errors`` prints dev spans only);
``test`` is the honest figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from collections import defaultdict
from pathlib import Path

import numpy as np

from benchmarks.eval_markers_mfa import write_section

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RHETORIC_SHARED", ROOT.parent / "shared")).resolve()
PTC = SHARED / "eval" / "propaganda_ptc"
NEGATIVE = SHARED / "eval" / "opinion_lexicon" / "negative-words.txt"
LOADED = ("Loaded_Language", "Name_Calling,Labeling")
MAPPING = {
    "labelling": LOADED,
    "accusation": LOADED,
    "booster": ("Exaggeration,Minimisation",),
    "denial": ("Doubt",),
    "distanced_attribution": ("Doubt",),
    "consensus": ("Flag-Waving",),
    "counter_accusation": ("Whataboutism,Straw_Men,Red_Herring",),
}
STRICT = ("labelling", "accusation")  # goals: P >= 0.30, >= 5x chance, R >= 0.10
SPLITS = ("dev", "test", "all")
GOALS = {"precision": 0.30, "x_chance": 5.0, "recall": 0.10, "other_x_chance": 3.0, "other_min_spans": 20}


def load_ptc():
    import pandas as pd

    ids, texts = [], []
    for path in sorted((PTC / "train-articles").glob("article*.txt")):
        ids.append(path.stem.removeprefix("article"))
        texts.append(path.read_bytes().decode("utf-8"))
    gold = defaultdict(list)  # (article, technique) -> [(start, end)]
    for line in (PTC / "train-task2-TC.labels").read_text(encoding="utf-8").splitlines():
        article, technique, start, end = line.split("\t")
        gold[(article, technique)].append((int(start), int(end)))
    return pd.DataFrame({"doc_id": ids, "text": texts}), gold


def _overlaps(spans: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Bool per span in ``spans`` (n, 2): overlaps one of ``targets`` (m, 2)."""
    if not len(spans) or not len(targets):
        return np.zeros(len(spans), dtype=bool)
    return ((spans[:, None, 0] < targets[None, :, 1]) & (targets[None, :, 0] < spans[:, None, 1])).any(axis=1)


def score(pred: dict, gold: dict, techniques: tuple[str, ...], articles: list[str]) -> dict:
    """Precision/recall of predicted spans per article against the gold spans of ``techniques``."""
    hit_pred = n_pred = hit_gold = n_gold = 0
    for article in articles:
        p = np.asarray(pred.get(article, []), dtype=np.int64).reshape(-1, 2)
        g = np.asarray([s for t in techniques for s in gold.get((article, t), [])], dtype=np.int64).reshape(-1, 2)
        hit_pred += int(_overlaps(p, g).sum())
        hit_gold += int(_overlaps(g, p).sum())
        n_pred, n_gold = n_pred + len(p), n_gold + len(g)
    return {"spans": n_pred, "gold": n_gold, "precision": hit_pred / n_pred if n_pred else 0.0,
            "recall": hit_gold / n_gold if n_gold else 0.0}


def chance(pred: dict, gold: dict, techniques, articles, lengths: dict, draws: int) -> float:
    rng = np.random.default_rng(0)
    values = []
    for _ in range(draws):
        fake = {}
        for article, spans in pred.items():
            size = lengths[article]
            out = []
            for start, end in spans:
                width = end - start
                begin = int(rng.integers(0, max(1, size - width + 1)))
                out.append((begin, begin + width))
            fake[article] = out
        values.append(score(fake, gold, techniques, articles)["precision"])
    return float(np.mean(values))


def split_articles(articles: list[str], split: str) -> list[str]:
    """Article ids of ``split``: dev = even numeric id, test = odd, all = every article."""
    if split not in SPLITS:
        raise ValueError(f"split={split!r}; allowed: {', '.join(SPLITS)}")
    if split == "all":
        return list(articles)
    parity = 0 if split == "dev" else 1
    return [a for a in articles if int(a) % 2 == parity]


def _print_errors(category: str, pred: dict, gold: dict, techniques, docs, articles) -> None:
    """Print predicted spans of ``category`` on dev articles with OK/FP against ``techniques``."""
    text_of = dict(zip(docs["doc_id"], docs["text"]))
    for article in articles:
        g = np.asarray([s for t in techniques for s in gold.get((article, t), [])], dtype=np.int64).reshape(-1, 2)
        for start, end in pred.get(article, []):
            ok = _overlaps(np.asarray([[start, end]]), g)[0]
            text = text_of[article]
            print(f"{category}\t{'OK' if ok else 'FP'}\t{article}\t{text[start:end]!r}\t"
                  f"{text[max(0, start - 40):end + 30]!r}")


def evaluate(lexicon: str = "diplomatic", draws: int = 20, splits=SPLITS, errors: bool = False) -> dict:
    from analysis.rhetoric import marker_table
    from analysis.text import token_table

    docs, gold = load_ptc()
    articles = docs["doc_id"].tolist()
    lengths = dict(zip(articles, map(len, docs["text"])))
    tokens = token_table(docs, stem=False)
    markers = marker_table(docs, lexicon=lexicon, tokens=tokens)
    negative = {w.strip() for w in NEGATIVE.read_text(encoding="latin-1").splitlines()
                if w.strip() and not w.startswith(";")}
    neg_rows = tokens[tokens["norm"].astype(str).isin(negative)]
    neg_pred = defaultdict(list)
    for a, s, e in zip(neg_rows["doc_id"].astype(str), neg_rows["start"], neg_rows["end"]):
        neg_pred[a].append((int(s), int(e)))
    by_split = {}
    for split in splits:
        subset = split_articles(articles, split)
        rows = []
        for category, techniques in MAPPING.items():
            sub = markers[markers["category"] == category]
            pred = defaultdict(list)
            for a, s, e in zip(sub["doc_id"].astype(str), sub["start"], sub["end"]):
                if a in set(subset):
                    pred[a].append((int(s), int(e)))
            if errors and split == "dev":
                _print_errors(category, pred, gold, techniques, docs, subset)
            sub_neg = {a: v for a, v in neg_pred.items() if a in set(subset)}
            result = score(pred, gold, techniques, subset)
            base = chance(pred, gold, techniques, subset, lengths, draws)
            neg = score(sub_neg, gold, techniques, subset)
            neg_chance = chance(sub_neg, gold, techniques, subset, lengths, max(3, draws // 5))
            rows.append({"category": category, "techniques": " + ".join(techniques), **result,
                         "chance_precision": base, "x_chance": result["precision"] / base if base else float("nan"),
                         "neg_precision": neg["precision"], "neg_recall": neg["recall"],
                         "neg_x_chance": neg["precision"] / neg_chance if neg_chance else float("nan")})
        by_split[split] = {"rows": rows, "articles": len(subset)}
    return {"splits": by_split, "articles": len(articles), "lexicon": lexicon, "draws": draws,
            "negative_words": len(negative)}


def _verdicts(rows: list[dict]) -> list[str]:
    out = []
    for r in rows:
        if r["category"] in STRICT:
            ok = (r["precision"] >= GOALS["precision"] and r["x_chance"] >= GOALS["x_chance"]
                  and r["recall"] >= GOALS["recall"])
            goal = "P ≥ 0.30, ≥ 5× chance, R ≥ 0.10"
        elif r["spans"] >= GOALS["other_min_spans"]:
            ok, goal = r["x_chance"] >= GOALS["other_x_chance"], "≥ 3× chance"
        else:
            out.append(f"- n/a: {r['category']} has {r['spans']} spans (< 20), no goal")
            continue
        out.append(f"- {'met' if ok else 'MISSED'}: {r['category']} {goal} "
                   f"(P {r['precision']:.2f}, {r['x_chance']:.1f}×, R {r['recall']:.2f})")
    return out


def report(result: dict) -> str:
    lines = [
        (f"Measured {dt.date.today().isoformat()} with lexicon `{result['lexicon']}` on the "
        f"{result['articles']} training articles (dev = even ids, test = odd ids); chance = mean of "
        f"{result['draws']} random draws; negative words = {result['negative_words']} words of "
        "`negative-words.txt`. Goals are judged on `all`; `test` is the honest figure for the rules."),
    ]
    for split, part in result["splits"].items():
        lines += [
            "",
            f"**{split}** ({part['articles']} articles)",
            "",
            ("| category | techniques | spans | gold | precision | recall | chance P | × chance "
            "| neg-words P | neg-words R | neg-words × chance |"),
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in part["rows"]:
            lines.append(
                f"| {r['category']} | {r['techniques']} | {r['spans']} | {r['gold']} | {r['precision']:.2f} | "
                f"{r['recall']:.2f} | {r['chance_precision']:.3f} | {r['x_chance']:.1f} | {r['neg_precision']:.2f} | "
                f"{r['neg_recall']:.2f} | {r['neg_x_chance']:.1f} |"
            )
        if split == "all":
            lines += [""] + _verdicts(part["rows"])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lexicon", default="diplomatic")
    parser.add_argument("--draws", type=int, default=20)
    parser.add_argument("--errors", action="store_true", help="print predicted spans on dev articles, OK/FP")
    parser.add_argument("--no-write", action="store_true", help="print only; leave README and JSON alone")
    args = parser.parse_args(argv)
    result = evaluate(args.lexicon, args.draws, errors=args.errors)
    text = report(result)
    print(text)
    if not args.no_write:
        write_section("eval_markers_ptc", text, result)


if __name__ == "__main__":
    main()
