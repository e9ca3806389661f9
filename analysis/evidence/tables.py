"""One summary table whose counts link to the detail rows behind them."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import CorpusError, ParameterError
from analysis.evidence._html import CONTEXT, PREFIX, anchor, cell, missing, style
from analysis.terms._tokens import check_count

__all__ = ["evidence_tables_html"]


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

    Examples
    --------
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
    if not isinstance(id_prefix, str) or not PREFIX.fullmatch(id_prefix):
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
        detail_columns = [c for c in ("doc_id", *CONTEXT) if c in detail.columns]
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
                cells.append(f"<td>{cell(value, digits)}</td>")
                continue
            where = counts[column]
            full = row_key + tuple(where.get(f, _ANY) for f in filters)
            rows = _rows_for(positions, full, projections)
            text = cell(value, digits)
            if missing(value) or value == 0 or not len(rows):
                cells.append(f'<td class="ev-n">{text}</td>')
                continue
            if full not in sections:
                sections[full] = (anchor(id_prefix, full, used), rows)
            ident = sections[full][0]
            cells.append(f'<td class="ev-n"><a href="#{ident}">{text}</a></td>')
        body.append("<tr>" + "".join(cells) + "</tr>")

    parts = [f'<div class="{id_prefix}">', style(id_prefix)]
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
                cls = f' class="ev-{column}"' if column in CONTEXT else ""
                tds.append(f"<td{cls}>{cell(detail_values[column][pos], digits)}</td>")
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
