"""Accuracy of quote_table on the PolNeAR attribution corpus (dev split), beside a quote-marks baseline.

Run from the project root::

    .venv/bin/python -m benchmarks.eval_quotes_polnear

Gold: ``../shared/eval/polnear/dev`` (brat standoff; ``Source``, ``Cue``,
``Content`` spans linked by ``E`` lines; a span may have several fragments).
When an article has several annotators' files, the first in name order is used.
A gold attribution is *direct* when its content holds a double quotation mark
(straight or curly), else *indirect*; predictions are split by the same rule
on their own content, so mixed quotes count as direct on both sides.

Predictions: ``analysis.quotes.quote_table`` on the article texts; a direct
quote with no speaker phrase of its own that follows a quote of the same
speaker in the same paragraph (a split quote) is merged with it, as PolNeAR
annotates a split quote as one content with several fragments.

Scores:

- content *overlap*: a prediction matches a gold attribution when any of their
  fragments share a character. Precision = matched predictions / predictions,
  recall = matched gold / gold, per kind (a prediction is scored in its own
  kind against all gold; a gold item in its kind against all predictions).
- content *exact*: the outer spans are equal once spaces, quotation marks and
  ``.,;:`` are stripped from both ends.
- source *accuracy*: over gold attributions matched by a prediction and having
  a source, the share whose best-overlapping prediction names the source: its
  speaker phrase overlaps the gold source, or (for an inherited speaker) a
  capitalised word of the speaker's name occurs in the gold source text.
- source *P/R/F1*: predicted speaker phrases against gold source spans, overlap.

The baseline is every span between double quotation marks, marks included
(``“...”`` or ``"..."`` on one line), with no speaker.

Splits: the articles in name order are split by index, even -> ``dev`` (the
half used for error analysis while writing rules), odd -> ``test`` (only
scored); the table reports both halves and ``all``. The issue's goals are
checked on ``all``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import sys
from pathlib import Path

from benchmarks._readme import replace_section

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RHETORIC_SHARED", ROOT.parent / "shared")).resolve()
POLNEAR = SHARED / "eval" / "polnear" / "dev"
RESULTS = ROOT / "benchmarks" / "results" / "eval_quotes_polnear.json"
MARKS = re.compile(r'["“”]')
BASELINE = re.compile(r'“[^“”\n]*”|"[^"\n]*"')
STRIP = " \t\n\"“”'’‘.,;:"
GOALS = {"direct_f1": 0.92, "indirect_f1": 0.60, "source_accuracy": 0.80}


def load_gold() -> dict[str, dict]:
    """article name -> {"text": str, "attributions": [{content, source, kind}]}."""
    articles: dict[str, dict] = {}
    for ann in sorted((POLNEAR / "attributions").glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        if name in articles:
            continue
        text = (POLNEAR / "text" / f"{name}.txt").read_text(encoding="utf-8")
        spans, links = {}, []
        for line in ann.read_text(encoding="utf-8").splitlines():
            if line.startswith("T"):
                tid, middle, *_ = line.split("\t")
                label, _, offsets = middle.partition(" ")
                fragments = [tuple(map(int, part.split())) for part in offsets.split(";")]
                spans[tid] = (label, fragments)
            elif line.startswith("E"):
                links.append(dict(part.split(":") for part in line.split("\t")[1].split()))
        attributions = []
        for link in links:
            content = spans.get(link.get("Content", ""), (None, []))[1]
            if not content:
                continue
            source = spans.get(link.get("Source", ""), (None, []))[1]
            body = "".join(text[a:b] for a, b in content)
            attributions.append({"content": content, "source": source,
                                 "kind": "direct" if MARKS.search(body) else "indirect"})
        articles[name] = {"text": text, "attributions": attributions}
    return articles


SPLITS = ("dev", "test", "all")


def split(articles: dict[str, dict], name: str) -> dict[str, dict]:
    """The ``dev`` (even index in name order), ``test`` (odd) or ``all`` articles."""
    if name not in SPLITS:
        raise ValueError(f"unknown split {name!r}; one of {SPLITS}")
    if name == "all":
        return articles
    keep = 0 if name == "dev" else 1
    return {n: articles[n] for i, n in enumerate(sorted(articles)) if i % 2 == keep}


def predictions(articles: dict[str, dict]) -> dict[str, list[dict]]:
    import pandas as pd

    from analysis.quotes import quote_table

    names = list(articles)
    table = quote_table(pd.DataFrame({"doc_id": names, "text": [articles[n]["text"] for n in names]}))
    out: dict[str, list[dict]] = {name: [] for name in names}
    for row in table.itertuples(index=False):
        items = out[row.doc_id]
        text = articles[row.doc_id]["text"]
        inherited = pd.isna(row.speaker_start)
        if items and inherited and row.kind == "direct" and items[-1]["speaker"] == row.speaker \
                and "\n\n" not in text[items[-1]["content"][-1][1]:row.start]:
            items[-1]["content"].append((row.start, row.end))
            continue
        speaker = [] if inherited else [(int(row.speaker_start), int(row.speaker_end))]
        items.append({"content": [(row.start, row.end)], "source": speaker,
                      "speaker": row.speaker if isinstance(row.speaker, str) else ""})
    for name, items in out.items():
        text = articles[name]["text"]
        for item in items:
            body = "".join(text[a:b] for a, b in item["content"])
            item["kind"] = "direct" if MARKS.search(body) else "indirect"
    return out


def baseline(articles: dict[str, dict]) -> dict[str, list[dict]]:
    return {name: [{"content": [m.span()], "source": [], "speaker": "", "kind": "direct"}
                   for m in BASELINE.finditer(article["text"])] for name, article in articles.items()}


def _overlap(a: list, b: list) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _outer(text: str, fragments: list) -> str:
    return text[min(a for a, _ in fragments):max(b for _, b in fragments)].strip(STRIP)


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "n_pred": n_p, "n_gold": n_g}


def score(articles: dict[str, dict], predicted: dict[str, list[dict]]) -> dict:
    result = {}
    for kind in ("direct", "indirect", "all"):
        counts = dict.fromkeys(["n_p", "tp_p", "n_g", "tp_g", "ex_p", "ex_g", "src_n", "src_ok"], 0)
        for name, article in articles.items():
            text, gold, pred = article["text"], article["attributions"], predicted[name]
            for p in pred:
                if kind != "all" and p["kind"] != kind:
                    continue
                counts["n_p"] += 1
                counts["tp_p"] += any(_overlap(p["content"], g["content"]) for g in gold)
                counts["ex_p"] += any(_outer(text, p["content"]) == _outer(text, g["content"]) for g in gold)
            for g in gold:
                if kind != "all" and g["kind"] != kind:
                    continue
                counts["n_g"] += 1
                best = max(pred, key=lambda p: _overlap(p["content"], g["content"]), default=None)
                if best is None or not _overlap(best["content"], g["content"]):
                    continue
                counts["tp_g"] += 1
                counts["ex_g"] += any(_outer(text, p["content"]) == _outer(text, g["content"]) for p in pred)
                if g["source"]:
                    counts["src_n"] += 1
                    source_text = " ".join(text[a:b] for a, b in g["source"])
                    named = [w for w in best["speaker"].split() if w[:1].isupper() and len(w) > 2]
                    counts["src_ok"] += bool(_overlap(best["source"], g["source"])) or any(
                        w in source_text for w in named)
        overlap = _prf(counts["tp_p"], counts["n_p"], counts["tp_g"], counts["n_g"])
        exact = _prf(counts["ex_p"], counts["n_p"], counts["ex_g"], counts["n_g"])
        result[kind] = {"overlap": overlap, "exact": exact,
                        "source_accuracy": counts["src_ok"] / counts["src_n"] if counts["src_n"] else 0.0,
                        "source_matched": counts["src_n"]}
    n_p = n_g = tp_p = tp_g = 0
    for name, article in articles.items():
        sources = [g["source"] for g in article["attributions"] if g["source"]]
        spans = [p["source"] for p in predicted[name] if p["source"]]
        n_p += len(spans)
        n_g += len(sources)
        tp_p += sum(any(_overlap(s, g) for g in sources) for s in spans)
        tp_g += sum(any(_overlap(s, g) for s in spans) for g in sources)
    result["source_spans"] = _prf(tp_p, n_p, tp_g, n_g)
    return result


def markdown(ours: dict, base: dict, n_articles: int, n_gold: int, halves: dict[str, dict] | None = None) -> str:
    import pandas as pd

    lines = [
        (f"Measured {dt.date.today().isoformat()} on {platform.machine()}; python {platform.python_version()}, "
         f"pandas {pd.__version__}. PolNeAR dev: {n_articles} articles, {n_gold} gold attributions "
         f"({ours['direct']['overlap']['n_gold']} direct, {ours['indirect']['overlap']['n_gold']} indirect)."),
        "",
        "| system | kind | predicted | P (overlap) | R (overlap) | F1 (overlap) | F1 (exact) | source right |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, res in (("quote_table", ours), ("quote-marks baseline", base)):
        for kind in ("direct", "indirect", "all"):
            o, e = res[kind]["overlap"], res[kind]["exact"]
            src = f"{res[kind]['source_accuracy']:.2f}" if label == "quote_table" else "–"
            lines.append(f"| {label} | {kind} | {o['n_pred']} | {o['precision']:.2f} | {o['recall']:.2f} | "
                         f"{o['f1']:.2f} | {e['f1']:.2f} | {src} |")
    if halves:
        lines += ["", "By split (quote_table; articles in name order, even index = dev, odd = test; "
                      "error analysis on dev only):", "",
                  "| split | articles | gold (direct / indirect) | direct F1 | indirect F1 | all F1 | source right |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        for name, (res, n_art) in halves.items():
            lines.append(f"| {name} | {n_art} | {res['direct']['overlap']['n_gold']} / "
                         f"{res['indirect']['overlap']['n_gold']} | {res['direct']['overlap']['f1']:.2f} | "
                         f"{res['indirect']['overlap']['f1']:.2f} | {res['all']['overlap']['f1']:.2f} | "
                         f"{res['all']['source_accuracy']:.2f} |")
    s = ours["source_spans"]
    lines += ["", (f"Source spans (quote_table speaker phrases vs gold sources, overlap): P {s['precision']:.2f}, "
                   f"R {s['recall']:.2f}, F1 {s['f1']:.2f} ({s['n_pred']} predicted, {s['n_gold']} gold)."), ""]
    checks = [("direct content F1 (overlap)", ours["direct"]["overlap"]["f1"], GOALS["direct_f1"]),
              ("indirect content F1 (overlap)", ours["indirect"]["overlap"]["f1"], GOALS["indirect_f1"]),
              ("source right for matched attributions", ours["all"]["source_accuracy"], GOALS["source_accuracy"])]
    for label, value, goal in checks:
        lines.append(f"- {'met' if value >= goal else 'missed'}: {label} ≥ {goal:.2f} ({value:.2f})")
    return "\n".join(lines)


def write_readme(table: str) -> None:
    replace_section("eval_quotes_polnear", table, intro=(
        "## `eval_quotes_polnear`: quote_table against PolNeAR (dev)\n\n"
        "See the script's docstring for the matching rules. Goals (issue 5): content F1 (overlap) "
        "≥ 0.92 direct and ≥ 0.60 indirect; source right for ≥ 80% of matched attributions."))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not POLNEAR.is_dir():
        print(f"PolNeAR not found at {POLNEAR}; set RHETORIC_SHARED", file=sys.stderr)
        return 2
    articles = load_gold()
    predicted = predictions(articles)
    ours, base = score(articles, predicted), score(articles, baseline(articles))
    halves = {}
    for name in SPLITS:
        part = split(articles, name)
        halves[name] = (score(part, {n: predicted[n] for n in part}), len(part))
    n_gold = sum(len(a["attributions"]) for a in articles.values())
    table = markdown(ours, base, len(articles), n_gold, halves)
    print(table)
    if "--no-write" not in argv:
        write_readme(table)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps({"date": dt.date.today().isoformat(), "articles": len(articles),
                                       "gold": n_gold, "quote_table": ours, "baseline": base,
                                       "splits": {k: v[0] for k, v in halves.items()}}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
