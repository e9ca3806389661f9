"""Markers in their context: :func:`highlight_html` and :func:`marker_context_table`.

Both let a reader check every count against the text: ``highlight_html`` shows
a whole document with each marker span coloured by category, and
``marker_context_table`` lists marker matches with the words around them (a
keyword-in-context view of the marker table). The HTML is built from escaped
text only, so markup inside a document is shown, never run.
"""

from __future__ import annotations

import hashlib
import html
import itertools
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import CorpusError, ParameterError
from analysis.figures.rhetoric import category_colors
from analysis.rhetoric.profile import MARKERS_HINT, resolve_categories
from analysis.terms._tokens import check_count, check_table

__all__ = ["highlight_html", "marker_context_table"]

DOCS_HINT = "pass the table made by analysis.read_corpus"
CSS_CLASS = "rw-highlight"
_STYLE = """
.{c} {{font-family: Georgia, serif; line-height: 1.6; max-width: 52em;}}
.{c} .rw-title {{font-family: sans-serif; font-weight: bold; margin: 0 0 .3em 0;}}
.{c} .rw-legend {{font-family: sans-serif; font-size: 85%; margin: 0 0 .6em 0;}}
.{c} .rw-legend span {{display: inline-block; padding: 0 .4em; margin: 0 .3em .2em 0; border-radius: 3px;}}
.{c} .rw-text {{white-space: pre-wrap; margin: 0;}}
.{c} .rw-m {{border-radius: 2px; padding: 0 1px;}}
.{c} .rw-multi {{box-shadow: inset 0 -2px 0 #333;}}
.{c} .rw-neg {{text-decoration: line-through dotted #555;}}
"""


def _check_markers(markers: Any, *, offsets: bool = True) -> pd.DataFrame:
    columns = ("doc_id", "start", "end", "category") if offsets else ("doc_id", "category")
    return check_table(markers, "markers", columns, hint=MARKERS_HINT)


def _doc_text(docs: pd.DataFrame, doc_id: Any) -> tuple[Any, str]:
    check_table(docs, "docs", ("doc_id", "text"), hint=DOCS_HINT)
    if docs.empty:
        raise ParameterError("docs is empty: there is no document to highlight")
    ids = docs["doc_id"].astype(object)
    if doc_id is None:
        row = 0
    else:
        hits = np.flatnonzero(ids.to_numpy() == doc_id)
        if not len(hits):
            raise ParameterError(f"doc_id={doc_id!r} is not in docs; it has e.g. {list(ids[:5])}")
        row = int(hits[0])
    text = docs["text"].iloc[row]
    return ids.iloc[row], "" if pd.isna(text) else str(text)


def _spans(markers: pd.DataFrame, doc_id: Any, text: str, cats: list[str]) -> pd.DataFrame:
    """The markers of one document in the chosen categories, offsets checked against its text."""
    rows = markers[(markers["doc_id"].astype(object) == doc_id).to_numpy()]
    rows = rows[rows["category"].astype(object).isin(cats).to_numpy()]
    start = pd.to_numeric(rows["start"], errors="coerce").to_numpy(dtype=float)
    end = pd.to_numeric(rows["end"], errors="coerce").to_numpy(dtype=float)
    bad = ~((start >= 0) & (start < end) & (end <= len(text)))
    if bad.any():
        first = rows.iloc[int(np.flatnonzero(bad)[0])]
        raise CorpusError(
            f"marker {first['start']!r}:{first['end']!r} ({first['category']}) does not fit the "
            f"{len(text)} characters of document {doc_id!r}; highlight markers with the docs "
            "table they were found in"
        )
    return rows.assign(_s=start.astype(np.int64), _e=end.astype(np.int64))


def _labels(rows: pd.DataFrame) -> list[str]:
    """Hover label of each marker row: ``category (cue: ...) [negated]``."""
    cues = rows["cue"].astype(object).tolist() if "cue" in rows else [None] * len(rows)
    labels = []
    for cat, cue, negated in zip(rows["category"].astype(object).tolist(), cues, _negated(rows)):
        label = str(cat)
        if cue is not None and not pd.isna(cue):
            label += f" (cue: {cue})"
        labels.append(label + (" [negated]" if negated else ""))
    return labels


def _negated(rows: pd.DataFrame) -> np.ndarray:
    if "negated" not in rows:
        return np.zeros(len(rows), bool)
    return rows["negated"].fillna(False).to_numpy(dtype=bool)


def highlight_html(
    docs: pd.DataFrame,
    markers: pd.DataFrame,
    *,
    doc_id: Any = None,
    categories: list[str] | str | None = None,
) -> str:
    """Render one document as HTML with its marker spans highlighted by category.

    The fragment is a ``<div class="rw-highlight rw-...">`` holding a
    ``<style>`` scoped by those classes (the second one names the category
    colours, so fragments on one page never clash), the document id, a colour
    legend of the categories present in the document (with their counts) and
    the text. Every piece of document text
    goes through :func:`html.escape`, so ``<script>`` in a document is shown as
    text and never runs; line and paragraph breaks are kept (``white-space:
    pre-wrap``). Where spans overlap, the text is cut at every span boundary and
    each piece lists all its categories in ``data-categories`` and in a hover
    ``title`` (category, cue, ``[negated]``); a piece under several categories
    is striped in their colours and underlined. Negated markers are struck
    through with a dotted line. Colours are those of the figures
    (:data:`analysis.figures.rhetoric.CATEGORY_COLORS`).

    Parameters
    ----------
    docs : DataFrame
        The docs table (``doc_id``, ``text``) the markers were found in.
    markers : DataFrame
        A marker table (``doc_id``, ``start``, ``end``, ``category``; ``cue``
        and ``negated`` are used when present).
    doc_id : optional
        The document to show; default the first row of ``docs``.
    categories : list of str or str, optional
        Highlight only these categories (a comma-separated string works too);
        default all.

    Returns
    -------
    str
        The HTML fragment; display it in a notebook with
        ``IPython.display.HTML(...)`` or write it into a page.

    Raises
    ------
    ParameterError
        ``docs`` is empty, ``doc_id`` is not in it, or a category is unknown.
    CorpusError
        A table lacks a column, or a marker's offsets do not fit the text.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ["We <b>firmly</b> oppose it."]})
    >>> markers = pd.DataFrame({"doc_id": ["d"], "start": [17], "end": [23],
    ...     "category": ["opposition"], "cue": ["oppose"], "negated": [False]})
    >>> page = highlight_html(docs, markers)
    >>> "&lt;b&gt;firmly&lt;/b&gt;" in page and "<b>" not in page
    True
    >>> 'data-categories="opposition"' in page
    True
    """
    _check_markers(markers)
    cats = resolve_categories(markers, categories)
    doc_id, text = _doc_text(docs, doc_id)
    rows = _spans(markers, doc_id, text, cats)
    present = [c for c in cats if (rows["category"].astype(object) == c).any()]
    colors = category_colors(cats)
    slot = {c: i for i, c in enumerate(cats)}

    # Colour classes are numbered by the category list, so they are scoped by a class
    # that names this list and its colours: fragments shown on one page never clash.
    palette = "\n".join(f"{c}\t{colors[c]}" for c in cats)
    scope = "rw-" + hashlib.sha1(palette.encode("utf-8")).hexdigest()[:10]
    style = _STYLE.format(c=CSS_CLASS) + "".join(
        f".{CSS_CLASS}.{scope} .rw-c{slot[c]} {{background: {colors[c]};}}\n" for c in cats
    )
    counts = rows["category"].astype(object).value_counts()
    legend = "".join(
        f'<span class="rw-c{slot[c]}">{html.escape(c.replace("_", " "))} ({int(counts[c])})</span>'
        for c in present
    ) or "<em>no markers in this document</em>"

    starts, ends = rows["_s"].to_numpy(), rows["_e"].to_numpy()
    row_cat = rows["category"].astype(object).tolist()
    labels, negated = _labels(rows), _negated(rows)
    bounds = np.unique(np.concatenate([[0, len(text)], starts, ends])).tolist()
    pieces = []
    for a, b in itertools.pairwise(bounds):
        segment = html.escape(text[a:b])
        covering = np.flatnonzero((starts < b) & (ends > a))
        if not len(covering):
            pieces.append(segment)
            continue
        here = {row_cat[i] for i in covering}
        seg_cats = [c for c in cats if c in here]
        classes = ["rw-m", f"rw-c{slot[seg_cats[0]]}"]
        extra = ""
        if len(seg_cats) > 1:
            classes.append("rw-multi")
            step = 100 / len(seg_cats)
            stops = ", ".join(
                f"{colors[c]} {i * step:.0f}% {(i + 1) * step:.0f}%" for i, c in enumerate(seg_cats)
            )
            extra = f' style="background: linear-gradient(180deg, {stops});"'
        if negated[covering].all():
            classes.append("rw-neg")
        title = "; ".join(dict.fromkeys(labels[i] for i in covering))
        pieces.append(
            f'<span class="{" ".join(classes)}" data-categories="{html.escape(" ".join(seg_cats))}" '
            f'title="{html.escape(title)}"{extra}>{segment}</span>'
        )
    return (
        f'<div class="{CSS_CLASS} {scope}">\n<style>{style}</style>\n'
        f'<p class="rw-title">{html.escape(str(doc_id))}</p>\n'
        f'<p class="rw-legend">{legend}</p>\n'
        f'<div class="rw-text">{"".join(pieces)}</div>\n</div>'
    )


def marker_context_table(
    markers: pd.DataFrame,
    docs: pd.DataFrame,
    *,
    width: int = 60,
    per_category: int | None = None,
    categories: list[str] | str | None = None,
) -> pd.DataFrame:
    """List marker matches with the text around them (keyword in context).

    Parameters
    ----------
    markers : DataFrame
        A marker table (``doc_id``, ``start``, ``end``, ``category``; ``cue``,
        ``negated`` are carried along when present).
    docs : DataFrame
        The docs table (``doc_id``, ``text``) the markers were found in.
    width : int, default 60
        Characters of context on each side (cut at the document's edges).
    per_category : int, optional
        Keep the first ``per_category`` matches of each category (in table
        order); default all.
    categories : list of str or str, optional
        Only these categories, in this order; default all.

    Returns
    -------
    DataFrame
        One row per marker, ordered by category then table order:
        ``category`` (str), ``doc_id``, ``start``, ``end`` (int64),
        ``left``, ``match``, ``right`` (str; line breaks shown as spaces),
        and ``cue`` (str) and ``negated`` (bool) when the markers have them.

    Raises
    ------
    ParameterError
        ``width`` < 0, ``per_category`` < 1, or an unknown category.
    CorpusError
        A table lacks a column, a marker names a document not in ``docs``, or
        its offsets do not fit the text.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["d"], "text": ["China firmly opposes them."]})
    >>> markers = pd.DataFrame({"doc_id": ["d"], "start": [6], "end": [20],
    ...     "category": ["opposition"]})
    >>> marker_context_table(markers, docs, width=6)[["left", "match", "right"]]
         left           match   right
    0  China   firmly opposes   them.
    """
    _check_markers(markers)
    check_table(docs, "docs", ("doc_id", "text"), hint=DOCS_HINT)
    width = check_count("width", width, minimum=0)
    if per_category is not None:
        per_category = check_count("per_category", per_category)
    cats = resolve_categories(markers, categories)
    texts = dict(zip(docs["doc_id"].astype(object), docs["text"].astype(object)))
    rows = markers[markers["category"].astype(object).isin(cats).to_numpy()]
    order = pd.Index(cats, dtype=object).get_indexer(rows["category"].astype(object).to_numpy())
    rows = rows.iloc[np.argsort(order, kind="stable")]
    if per_category is not None:
        rows = rows.groupby(rows["category"].astype(object), sort=False).head(per_category)
    out: dict[str, list[Any]] = {k: [] for k in ("left", "match", "right")}
    for doc, start, end in zip(rows["doc_id"].astype(object), rows["start"], rows["end"]):
        if doc not in texts:
            raise CorpusError(f"marker names document {doc!r} that is not in docs; " + DOCS_HINT)
        text = "" if pd.isna(texts[doc]) else str(texts[doc])
        start, end = int(start), int(end)
        if not 0 <= start < end <= len(text):
            raise CorpusError(f"marker {start}:{end} does not fit the {len(text)} characters of {doc!r}")
        for key, piece in (("left", text[max(0, start - width):start]), ("match", text[start:end]),
                           ("right", text[end:end + width])):
            out[key].append(" ".join(piece.split("\n")).replace("\r", " "))
    table = pd.DataFrame({
        "category": pd.array(rows["category"].astype(object).to_numpy(), dtype="str"),
        "doc_id": rows["doc_id"].to_numpy(),
        "start": rows["start"].to_numpy(dtype=np.int64),
        "end": rows["end"].to_numpy(dtype=np.int64),
        "left": pd.array(out["left"], dtype="str"),
        "match": pd.array(out["match"], dtype="str"),
        "right": pd.array(out["right"], dtype="str"),
    })
    if "cue" in rows:
        table["cue"] = pd.array(rows["cue"].astype(object).to_numpy(), dtype="str")
    if "negated" in rows:
        table["negated"] = rows["negated"].fillna(False).to_numpy(dtype=bool)
    return table
