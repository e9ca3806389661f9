"""Evidence links: summary tables whose counts link to the lines behind them.

A count in a report is only worth what the reader can check. The functions here
render a summary table (a marker profile, a keyness table) as an HTML fragment in
which every non-zero count is a link to the first of the rows it counts (marker
matches in context, KWIC lines), listed in a second table of the same fragment.
No JavaScript: a clicked group is highlighted with the CSS ``:target`` rule.

Anchor ids are made of a slug and a short hash of the key, never of raw corpus
text, and every piece of corpus text is HTML-escaped, so a document id or a text
holding ``<script>`` or quotes shows as text.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import CorpusError, ParameterError
from analysis.terms._tokens import check_count

__all__ = ["evidence_tables_html", "linked_keyness_html", "linked_profile_html"]

_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,31}")
_CONTEXT = ("left", "match", "right")


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _cell(value: Any, digits: int) -> str:
    if _missing(value):
        return ""
    if isinstance(value, (float, np.floating)):
        value = float(value)
        if value != 0 and abs(value) < 10.0 ** -digits:
            return f"{value:.{max(digits, 1)}e}"  # a small p-value stays readable
        return f"{value:.{digits}f}"
    return html.escape(str(value), quote=True)


def _anchor(prefix: str, key: tuple, used: set[str]) -> str:
    """A safe, stable, unique id: prefix, a slug of the key and a hash of it."""
    parts = "\x1f".join(f"{type(v).__name__}:{v}" for v in key)
    slug = re.sub(r"[^a-z0-9]+", "-", " ".join(map(str, key)).lower()).strip("-")[:32].strip("-")
    digest = hashlib.sha1(parts.encode("utf-8", "surrogatepass")).hexdigest()
    for size in (10, 16, 40):
        ident = f"{prefix}-{slug}-{digest[:size]}" if slug else f"{prefix}-{digest[:size]}"
        if ident not in used:
            used.add(ident)
            return ident
    n = 2
    while f"{ident}-{n}" in used:
        n += 1
    used.add(f"{ident}-{n}")
    return f"{ident}-{n}"


def _style(prefix: str) -> str:
    scope = f".{prefix}"
    return (
        "<style>"
        f"{scope} table{{border-collapse:collapse;margin:0.5em 0;font-size:0.9em}}"
        f"{scope} th,{scope} td{{border:1px solid #ddd;padding:2px 6px;vertical-align:top}}"
        f"{scope} td.ev-n{{text-align:right}}"
        f"{scope} td.ev-left{{text-align:right;color:#555}}"
        f"{scope} td.ev-right{{color:#555}}"
        f"{scope} td.ev-match{{font-weight:bold;white-space:nowrap}}"
        f"{scope} tr.ev-key th{{text-align:left;background:#f4f4f4}}"
        f"{scope} tr:target,{scope} tr:target~tr{{background:#fff3b0}}"
        "</style>"
    )


def _normalise_counts(count_columns: Any, summary: pd.DataFrame, detail: pd.DataFrame) -> dict:
    if isinstance(count_columns, str):
        count_columns = [count_columns]
    if not isinstance(count_columns, Mapping):
        count_columns = {c: {} for c in count_columns}
    if not count_columns:
        raise ParameterError("count_columns is empty; name at least one count column of the summary")
    out = {}
    for column, where in count_columns.items():
        if column not in summary.columns:
            raise ParameterError(
                f"count column {column!r} is not in the summary; its columns are {', '.join(map(str, summary.columns))}"
            )
        where = dict(where or {})
        for name in where:
            if name not in detail.columns:
                raise ParameterError(f"count_columns[{column!r}] filters on {name!r}, which is not a detail column")
        out[column] = where
    return out


def evidence_tables_html(
    summary: pd.DataFrame,
    detail: pd.DataFrame,
    *,
    keys: Sequence[str],
    count_columns: Sequence[str] | Mapping[str, Mapping[str, Any]],
    detail_columns: Sequence[str] | None = None,
    summary_columns: Sequence[str] | None = None,
    limit: int = 20,
    id_prefix: str = "ev",
    digits: int = 2,
) -> str:
    """Render a summary table whose counts link to the detail rows behind them.

    Each summary row and count column names a *key*: the values of ``keys`` in
    that row, plus the ``where`` filter of the count column. The detail rows with
    that key are listed (the first ``limit`` of them, with "k of n shown") in a
    second table, and the count becomes a link to the first of them. Zero,
    missing and unbacked counts stay plain text.

    Parameters
    ----------
    summary : DataFrame
        The table of counts, with the ``keys`` columns and the count columns.
    detail : DataFrame
        The rows behind the counts, with the ``keys`` columns, any column a
        ``where`` filter names, and the columns to show (``left``, ``match``,
        ``right`` are shown as a keyword-in-context line).
    keys : list of str
        Columns shared by both tables that identify a group of detail rows
        (``["group", "category"]``, ``["term"]``).
    count_columns : list of str or dict
        Summary columns holding counts. A dict maps each to a filter on the
        detail rows, ``{"n_target": {"side": "target"}}``: the count is backed
        by the rows of its key whose columns equal those values.
    detail_columns : list of str, optional
        Detail columns to show, in order; default ``doc_id`` (if present) then
        ``left``, ``match``, ``right`` (those present).
    summary_columns : list of str, optional
        Summary columns to show, in order; default all.
    limit : int, default 20
        Detail rows listed per key at most.
    id_prefix : str, default "ev"
        Start of every anchor id and the fragment's CSS class: a letter, then
        letters, digits, ``-`` or ``_`` (at most 32). Give each fragment of one
        page its own prefix.
    digits : int, default 2
        Decimals shown for float columns.

    Returns
    -------
    str
        An HTML fragment: a ``<style>`` scoped to ``div.<id_prefix>``, the
        summary ``<table class="ev-summary">`` and the detail ``<table
        class="ev-detail">``. Each key's rows form one ``<tbody>``: a header row
        ``<tr class="ev-key">`` (the key and "k of n shown"), then the rows,
        all with the class ``ev-rows`` and the key's anchor id as a class; the
        first row carries that id.

    Raises
    ------
    ParameterError
        A bad ``limit``, ``digits`` or ``id_prefix``, or a column named in
        ``keys``, ``count_columns``, ``detail_columns`` or ``summary_columns``
        that a table lacks.

    Example
    -------
    >>> import pandas as pd
    >>> summary = pd.DataFrame({"term": ["war", "peace"], "n": [1, 0]})
    >>> detail = pd.DataFrame({"term": ["war"], "doc_id": ["d"], "left": ["Cold "],
    ...     "match": ["War"], "right": [" mentality"]})
    >>> fragment = evidence_tables_html(summary, detail, keys=["term"], count_columns=["n"])
    >>> '<a href="#ev-war-' in fragment
    True
    """
    limit = check_count("limit", limit)
    digits = check_count("digits", digits, minimum=0)
    if not isinstance(id_prefix, str) or not _PREFIX.fullmatch(id_prefix):
        raise ParameterError(
            f"id_prefix={id_prefix!r} is not allowed; use a letter followed by up to 31 letters, digits, '-' or '_'"
        )
    if isinstance(keys, str):
        keys = [keys]
    keys = list(keys)
    if not keys:
        raise ParameterError("keys is empty; name the columns that link summary rows to detail rows")
    for name, table in (("summary", summary), ("detail", detail)):
        if not isinstance(table, pd.DataFrame):
            raise CorpusError(f"{name} must be a DataFrame, not {type(table).__name__}")
        lacking = [k for k in keys if k not in table.columns]
        if lacking:
            raise ParameterError(f"{name} lacks key column(s) {', '.join(map(repr, lacking))}")
    counts = _normalise_counts(count_columns, summary, detail)
    if detail_columns is None:
        detail_columns = [c for c in ("doc_id", *_CONTEXT) if c in detail.columns]
    if summary_columns is None:
        summary_columns = list(summary.columns)
    for name, table, columns in (("detail", detail, detail_columns), ("summary", summary, summary_columns)):
        lacking = [c for c in columns if c not in table.columns]
        if lacking:
            raise ParameterError(f"{name} lacks column(s) {', '.join(map(repr, lacking))} to show")

    filters = sorted({f for where in counts.values() for f in where})
    group_cols = keys + filters
    positions: dict[tuple, np.ndarray] = {}
    if len(detail):
        frame = detail[group_cols].astype(object).reset_index(drop=True)
        grouped = frame.groupby(group_cols, sort=False, dropna=False).indices
        for key, rows in grouped.items():
            positions[key if isinstance(key, tuple) else (key,)] = np.sort(rows)

    used: set[str] = set()
    projections: dict[tuple, dict[tuple, list[np.ndarray]]] = {}
    sections: dict[tuple, tuple[str, np.ndarray]] = {}
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in summary_columns)
    body = []
    key_values = summary[keys].astype(object).to_numpy()
    summary_values = {c: summary[c].tolist() for c in summary_columns}
    detail_values = {c: detail[c].tolist() for c in detail_columns}
    for i in range(len(summary)):
        row_key = tuple(key_values[i])
        cells = []
        for column in summary_columns:
            value = summary_values[column][i]
            if column not in counts:
                cells.append(f"<td>{_cell(value, digits)}</td>")
                continue
            where = counts[column]
            full = row_key + tuple(where.get(f, _ANY) for f in filters)
            rows = _rows_for(positions, full, projections)
            text = _cell(value, digits)
            if _missing(value) or value == 0 or not len(rows):
                cells.append(f'<td class="ev-n">{text}</td>')
                continue
            if full not in sections:
                sections[full] = (_anchor(id_prefix, full, used), rows)
            ident = sections[full][0]
            cells.append(f'<td class="ev-n"><a href="#{ident}">{text}</a></td>')
        body.append("<tr>" + "".join(cells) + "</tr>")

    parts = [f'<div class="{id_prefix}">', _style(id_prefix)]
    parts.append(f'<table class="ev-summary"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')
    dhead = "".join(f"<th>{html.escape(str(c))}</th>" for c in detail_columns)
    groups = []
    for full, (ident, rows) in sections.items():
        label = ", ".join(
            f"{html.escape(str(name))} = {html.escape(str(v))}"
            for name, v in zip(group_cols, full) if v is not _ANY
        )
        shown = rows[:limit]
        header = (f'<tr class="ev-key"><th colspan="{len(detail_columns)}">{label}: '
                  f"{len(shown)} of {len(rows)} shown</th></tr>")
        lines = [header]
        for j, pos in enumerate(shown):
            attr = f' id="{ident}"' if j == 0 else ""
            tds = []
            for column in detail_columns:
                cls = f' class="ev-{column}"' if column in _CONTEXT else ""
                tds.append(f"<td{cls}>{_cell(detail_values[column][pos], digits)}</td>")
            lines.append(f'<tr{attr} class="ev-rows {ident}">' + "".join(tds) + "</tr>")
        groups.append("<tbody>" + "".join(lines) + "</tbody>")
    if groups:
        parts.append(f'<table class="ev-detail"><thead><tr>{dhead}</tr></thead>{"".join(groups)}</table>')
    parts.append("</div>")
    return "".join(parts)


class _AnyValue:
    """Stands for an unfiltered column in a key."""

    def __repr__(self) -> str:
        return "<any>"


_ANY = _AnyValue()


def _rows_for(positions: dict[tuple, np.ndarray], full: tuple, projections: dict) -> np.ndarray:
    """Detail row positions matching a key; an _ANY part matches every value."""
    if not any(v is _ANY for v in full):
        return positions.get(full, np.zeros(0, np.int64))
    keep = tuple(i for i, v in enumerate(full) if v is not _ANY)
    cache = projections.setdefault(keep, {})
    if not cache:
        for key, rows in positions.items():
            cache.setdefault(tuple(key[i] for i in keep), []).append(rows)
    found = cache.get(tuple(full[i] for i in keep), [])
    return np.sort(np.concatenate(found)) if found else np.zeros(0, np.int64)


def linked_profile_html(
    profile: pd.DataFrame,
    markers: pd.DataFrame,
    docs: pd.DataFrame,
    *,
    tokens: pd.DataFrame | None = None,
    limit: int = 20,
    width: int = 60,
    id_prefix: str = "ev-profile",
) -> str:
    """Render a marker profile whose counts link to their matches in context.

    ``n`` links to the matches the profile counted in it (non-negated ones
    unless the profile was made with ``negated="include"``), ``n_negated`` to
    the negated ones; each (group, category) lists its first ``limit`` matches.

    Parameters
    ----------
    profile : DataFrame
        A table of :func:`analysis.rhetoric.profile.marker_profile` (its
        ``attrs`` say how it grouped and counted; a filtered copy works too).
    markers : DataFrame
        The marker table the profile counted (``doc_id``, ``start``, ``end``,
        ``category``, ``negated``; ``cue`` is shown when present).
    docs : DataFrame
        The docs table (``doc_id``, ``text`` and the grouping column).
    tokens : DataFrame, optional
        Its token table, used to assign groups; made from ``docs`` if omitted.
    limit : int, default 20
        Matches listed per (group, category) at most.
    width : int, default 60
        Characters of context on each side of a match.
    id_prefix : str, default "ev-profile"
        Start of the anchor ids (see :func:`evidence_tables_html`).

    Returns
    -------
    str
        The HTML fragment of :func:`evidence_tables_html`: the profile
        (``group``, ``category``, ``n``, ``per_1k``, ``share``,
        ``mean_intensity``, ``n_negated``, ``n_tokens``; those present) and the
        matches (``doc_id``, ``left``, ``match``, ``right``, ``cue``).

    Raises
    ------
    ParameterError, CorpusError
        As :func:`evidence_tables_html` and
        :func:`analysis.rhetoric.highlight.marker_context_table`.

    Example
    -------
    >>> import pandas as pd
    >>> from analysis.rhetoric.profile import marker_profile
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["We firmly oppose it."]})
    >>> markers = pd.DataFrame({"doc_id": ["a"], "start": [10], "end": [16],
    ...     "category": ["opposition"], "negated": [False]})
    >>> profile = marker_profile(markers, docs, categories=["opposition"])
    >>> "of 1 shown" in linked_profile_html(profile, markers, docs)
    True
    """
    from analysis.rhetoric.highlight import marker_context_table
    from analysis.rhetoric.profile import _group_codes

    for name in ("group", "category", "n"):
        if name not in profile.columns:
            raise ParameterError(f"profile lacks column {name!r}; pass a table of marker_profile")
    by = profile.attrs.get("by", "doc_id")
    negated = profile.attrs.get("negated", "separate")
    if tokens is None:
        from analysis.text import token_table

        tokens = token_table(docs)
    cats = list(dict.fromkeys(profile["category"].astype(object)))
    contexts = marker_context_table(markers, docs, width=width, categories=cats or None)
    _, doc_group, groups, doc_ids = _group_codes(docs, tokens, by)
    code = pd.Index(doc_ids, dtype=object).get_indexer(contexts["doc_id"].astype(object).to_numpy())
    group = np.where(code >= 0, doc_group[np.maximum(code, 0)], -1) if len(code) else code
    contexts = contexts[group >= 0].reset_index(drop=True)
    contexts.insert(0, "group", np.asarray(groups, dtype=object)[group[group >= 0]])
    counts: dict[str, dict[str, Any]] = {"n": {}}
    if "negated" in contexts.columns:
        if negated == "separate":
            counts["n"] = {"negated": False}
        if "n_negated" in profile.columns:
            counts["n_negated"] = {"negated": True}
    shown = [c for c in ("doc_id", "left", "match", "right", "cue") if c in contexts.columns]
    return evidence_tables_html(
        profile, contexts, keys=["group", "category"], count_columns=counts,
        detail_columns=shown, limit=limit, id_prefix=id_prefix,
    )


def linked_keyness_html(
    keyness: pd.DataFrame,
    target: pd.DataFrame,
    reference: pd.DataFrame,
    docs: pd.DataFrame,
    *,
    top_n: int | None = 20,
    limit: int = 20,
    window: int = 8,
    unit: str = "norm",
    id_prefix: str = "ev-keyness",
) -> str:
    """Render a keyness table whose counts link to their KWIC lines.

    ``n_target`` links to the term's occurrences in the target documents and
    ``n_reference`` to those in the reference, found with
    :func:`analysis.terms.kwic_table`.

    Parameters
    ----------
    keyness : DataFrame
        A table of :func:`analysis.terms.keyness_table` (``term``,
        ``n_target``, ``n_reference``, ...), in the order to show.
    target, reference : DataFrame
        The token tables the keyness table compared.
    docs : DataFrame
        The docs table (``doc_id``, ``text``).
    top_n : int or None, default 20
        Show the first ``top_n`` rows of ``keyness``; None for all.
    limit : int, default 20
        KWIC lines listed per term and side at most.
    window : int, default 8
        Word tokens of context on each side.
    unit : {"norm", "token", "stem"}, default "norm"
        The unit the keyness table counted.
    id_prefix : str, default "ev-keyness"
        Start of the anchor ids (see :func:`evidence_tables_html`).

    Returns
    -------
    str
        The HTML fragment of :func:`evidence_tables_html`: the keyness rows
        (``term``, ``direction``, ``n_target``, ``n_reference``,
        ``per_10k_target``, ``per_10k_reference``, ``log_ratio``, ``g2``,
        ``p_value``, ``test``; those present; every column is in the CSV) and
        the KWIC lines (``doc_id``, ``left``, ``match``, ``right``).

    Raises
    ------
    ParameterError, CorpusError
        As :func:`evidence_tables_html` and :func:`analysis.terms.kwic_table`.

    Example
    -------
    >>> import pandas as pd
    >>> from analysis import token_table
    >>> from analysis.terms import keyness_table
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"],
    ...     "text": ["hegemony hegemony hegemony now", "peace and peace now"]})
    >>> tokens = token_table(docs)
    >>> t, r = tokens[tokens["doc_id"] == "a"], tokens[tokens["doc_id"] == "b"]
    >>> "3 of 3 shown" in linked_keyness_html(keyness_table(t, r), t, r, docs)
    True
    """
    from analysis.terms import kwic_table

    for name in ("term", "n_target", "n_reference"):
        if name not in keyness.columns:
            raise ParameterError(f"keyness lacks column {name!r}; pass a table of keyness_table")
    if top_n is not None:
        keyness = keyness.head(check_count("top_n", top_n))
    pieces = []
    for term in dict.fromkeys(keyness["term"].astype(object)):
        if not isinstance(term, str) or not term.split() or _GLOB.search(term) or term.startswith("re:"):
            continue  # cannot be searched as a literal word or phrase: its counts stay unlinked
        for side, tokens in (("target", target), ("reference", reference)):
            lines = kwic_table(tokens, term, window=window, unit=unit, docs=docs)
            pieces.append(lines.assign(term=term, side=side))
    columns = ["term", "side", "doc_id", "left", "match", "right"]
    detail = pd.concat(pieces, ignore_index=True)[columns] if pieces else pd.DataFrame(columns=columns)
    return evidence_tables_html(
        keyness, detail, keys=["term"],
        count_columns={"n_target": {"side": "target"}, "n_reference": {"side": "reference"}},
        detail_columns=["doc_id", "left", "match", "right"], limit=limit, id_prefix=id_prefix,
        summary_columns=[c for c in _KEYNESS_SHOWN if c in keyness.columns],
    )


_KEYNESS_SHOWN = ("term", "direction", "n_target", "n_reference", "per_10k_target",
                  "per_10k_reference", "log_ratio", "g2", "p_value", "test")


_GLOB = re.compile(r"[*?\[]")
