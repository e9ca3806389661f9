"""Figures for the term tables of :mod:`analysis.terms`.

- :func:`plot_terms`: top terms of :func:`analysis.term_table` as bars, one
  block per group or one selected group;
- :func:`plot_keyness`: diverging bars of :func:`analysis.keyness_table`
  (over-use right, under-use left);
- :func:`plot_dispersion`: the x-ray (lexical dispersion) plot of
  :func:`analysis.dispersion_table`, one row per term, documents side by side;
- :func:`plot_collocations`: top pairs of :func:`analysis.collocation_table`
  by an association measure.

Each takes the table and an optional Axes, draws on it and returns it; nothing
is shown or saved (see :func:`analysis.save_figure`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.figures._save import pyplot

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["plot_collocations", "plot_dispersion", "plot_keyness", "plot_terms"]

OVER_COLOR, UNDER_COLOR, BAR_COLOR = "#C44E52", "#4C72B0", "#4C72B0"
TERM_MEASURES = ("n", "per_10k")
MAX_SEPARATORS = 40  # plot_dispersion draws document boundaries up to this many documents
KEYNESS_MEASURES = ("log_ratio", "g2")
COLLOCATION_MEASURES = ("g2", "pmi", "t_score", "log_dice")

_LABELS = {
    "n": "Occurrences",
    "per_10k": "Occurrences per 10,000 words",
    "pmi": "PMI (log2 observed / expected)",
    "t_score": "t-score",
    "g2": "G2 (log-likelihood)",
    "log_dice": "logDice",
}


# ---------------------------------------------------------------- checks


def _check_table(table: Any, name: str, required: Sequence[str], hint: str) -> pd.DataFrame:
    if not isinstance(table, pd.DataFrame):
        raise ParameterError(f"{name} takes a DataFrame from {hint}, got {type(table).__name__}")
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise ParameterError(
            f"{name}: the table lacks column(s) {', '.join(missing)}; pass the table made by {hint} "
            f"(it has {list(table.columns)})"
        )
    return table


def _check_choice(name: str, value: Any, allowed: Sequence[str]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ParameterError(f"{name}={value!r} is not allowed; use one of {', '.join(map(repr, allowed))}")
    return value


def _check_top(top_n: Any) -> int:
    if isinstance(top_n, bool) or not isinstance(top_n, (int, np.integer)) or top_n < 1:
        raise ParameterError(f"top_n must be a positive integer, got {top_n!r}")
    return int(top_n)


def _axes(ax: Axes | None, rows: int, width: float = 7.0) -> Axes:
    if ax is None:
        _, ax = pyplot().subplots(figsize=(width, 1.4 + 0.28 * max(rows, 2)))
    return ax


def _empty(ax: Axes, message: str) -> Axes:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="0.4")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


# ---------------------------------------------------------------- plot_terms


def plot_terms(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    top_n: int = 20,
    measure: str = "n",
    group: Any = None,
    ngram: int | None = None,
    max_groups: int = 6,
) -> Axes:
    """Draw the most frequent terms as horizontal bars, most frequent at the top.

    With a grouped table (a ``group`` column, from ``term_table(..., by=...)``)
    and no ``group`` chosen, each group gets its own block of ``top_n`` bars on
    one shared axis (facets), headed by the group's name; ``group=`` draws a
    single group instead.

    Parameters
    ----------
    table : pandas.DataFrame
        A table from :func:`analysis.term_table`: ``term``, the ``measure``
        column, and optionally ``group`` and ``ngram``.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    top_n : int, default 20
        Bars per group (or in all): the ``top_n`` terms by ``measure``; ties keep
        table order.
    measure : {"n", "per_10k"}, default "n"
        Bar length: raw count or rate per 10,000 words.
    group : optional
        Draw only this group (a value of the ``group`` column).
    ngram : int, optional
        Draw only terms of this length (needs an ``ngram`` column, as made by
        ``term_table(..., ngram=(1, 3))``).
    max_groups : int, default 6
        Facets drawn at most, in table order; the title says how many were left out.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on; one bar per term shown, y tick labels are the terms
        (``"group: term"`` is not used: group names head their blocks). An empty
        selection draws a "no terms" note. Nothing is shown or saved.

    Raises
    ------
    ParameterError
        A table without ``term`` or the ``measure`` column; an unknown
        ``measure``; ``group=`` on a table without groups or a value it lacks;
        ``ngram=`` on a table without an ``ngram`` column; a bad ``top_n`` or
        ``max_groups``.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"term": ["war", "peace", "trade"], "n": [5, 3, 1]})
    >>> ax = plot_terms(table, top_n=2)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['peace', 'war']
    """
    _check_choice("measure", measure, TERM_MEASURES)
    table = _check_table(table, "plot_terms", ("term", measure), "analysis.term_table")
    top_n = _check_top(top_n)
    max_groups = _check_top(max_groups)
    label = _LABELS[measure]
    if ngram is not None:
        if "ngram" not in table.columns:
            raise ParameterError("ngram= needs a table with an 'ngram' column: term_table(..., ngram=(1, 3))")
        table = table[table["ngram"] == ngram]
        label += f" ({ngram}-grams)"
    grouped = "group" in table.columns
    if group is not None:
        if not grouped:
            raise ParameterError("group= needs a grouped table: term_table(..., by='doc_id' or another column)")
        values = pd.unique(table["group"])
        if group not in set(values.tolist()):
            shown = ", ".join(map(repr, values[:10].tolist()))
            raise ParameterError(f"group={group!r} is not in the table; its groups include {shown}")
        table = table[table["group"] == group]

    def top(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.sort_values(measure, ascending=False, kind="stable").head(top_n)

    if grouped and group is None:
        names = pd.unique(table["group"])
        blocks = [(name, top(table[table["group"] == name])) for name in names[:max_groups]]
    else:
        names = []
        blocks = [(group, top(table))]
    n_bars = sum(len(b) for _, b in blocks)
    ax = _axes(ax, n_bars + len(blocks) * (len(blocks) > 1))
    if n_bars == 0:
        return _empty(ax, "no terms to show")

    # bars bottom-up: the last block first, each block's top term highest
    y, ticks, labels, heads = 0.0, [], [], []
    for name, block in reversed(blocks):
        values = block[measure].to_numpy()[::-1]
        positions = y + np.arange(len(block))
        ax.barh(positions, values, color=BAR_COLOR)
        ticks.extend(positions.tolist())
        labels.extend(block["term"].astype(str).tolist()[::-1])
        y += len(block)
        if len(blocks) > 1:
            heads.append((y, name))
            y += 1.0  # a blank row for the block heading
    ax.set_yticks(ticks, labels)
    for i, (y_head, name) in enumerate(heads):
        ax.text(0, y_head, f" {name}", va="center", ha="left", fontweight="bold", fontsize="small")
        if i < len(heads) - 1:
            ax.axhline(y_head + 0.5, color="0.85", linewidth=0.8)
    ax.set_ylim(-0.6, y - 0.4)
    ax.set_xlabel(label)
    if grouped and group is None:
        title = f"Top {top_n} terms per group"
        if len(names) > max_groups:
            title += f" (first {max_groups} of {len(names)} groups)"
    elif group is not None:
        title = f"Top {top_n} terms: {group}"
    else:
        title = f"Top {top_n} terms"
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


# ---------------------------------------------------------------- plot_keyness


def plot_keyness(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    top_n: int = 15,
    measure: str = "log_ratio",
    max_p: float | None = None,
    ci: bool = True,
) -> Axes:
    """Draw key terms as diverging bars: over-use to the right, under-use to the left.

    The ``top_n`` strongest terms of each direction are drawn, ranked by
    ``measure``: for ``"log_ratio"`` by the Log Ratio itself (largest for
    over-use, smallest for under-use), for ``"g2"`` by G2. With ``"g2"`` the bar
    length is G2 with the sign of the direction (under-use negative). Over-use
    bars are red, under-use bars blue, so a Log Ratio whose sign disagrees with
    ``direction`` (possible for zero counts against a much larger reference, see
    :func:`analysis.keyness_table`) still shows its direction.

    Parameters
    ----------
    table : pandas.DataFrame
        A table from :func:`analysis.keyness_table`: ``term``, ``direction``
        (``"over"``/``"under"``) and the ``measure`` column.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    top_n : int, default 15
        Terms drawn per direction.
    measure : {"log_ratio", "g2"}, default "log_ratio"
        Bar length and ranking: Hardie's Log Ratio (binary log of the ratio of
        relative frequencies: 1 = twice as frequent) or the log-likelihood G2
        (the form in ``table.attrs["g2"]``, Dunning's four-cell by default).
    max_p : float, optional
        Draw only terms with ``p_value <= max_p`` (needs a ``p_value`` column).
    ci : bool, default True
        With ``measure="log_ratio"``, draw the 95% interval as error bars
        (needs ``log_ratio_ci_low`` and ``log_ratio_ci_high``; skipped when absent).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on: one bar per term shown, over-used terms in the upper
        half (strongest at the top), under-used below (strongest at the bottom),
        y tick labels the terms, a vertical line at 0. Nothing is shown or saved.

    Raises
    ------
    ParameterError
        A table lacking ``term``, ``direction`` or the ``measure`` column (or
        ``p_value`` with ``max_p``); an unknown ``measure``; a bad ``top_n`` or
        ``max_p``.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"term": ["ford", "trade", "the"], "log_ratio": [3.1, 1.0, -1.5],
    ...                       "g2": [20.0, 2.0, 8.0], "direction": ["over", "over", "under"]})
    >>> ax = plot_keyness(table, measure="g2")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['the', 'trade', 'ford']
    """
    _check_choice("measure", measure, KEYNESS_MEASURES)
    table = _check_table(table, "plot_keyness", ("term", "direction", measure), "analysis.keyness_table")
    top_n = _check_top(top_n)
    if max_p is not None:
        if isinstance(max_p, bool) or not isinstance(max_p, (int, float)) or not 0 < max_p <= 1:
            raise ParameterError(f"max_p must be a number in (0, 1], got {max_p!r}")
        _check_table(table, "plot_keyness with max_p", ("p_value",), "analysis.keyness_table")
        table = table[table["p_value"] <= max_p]
    over = table[table["direction"] == "over"].sort_values(measure, ascending=False, kind="stable")
    under = table[table["direction"] == "under"]
    under = under.sort_values(measure, ascending=measure == "log_ratio", kind="stable")
    over, under = over.head(top_n), under.head(top_n)
    shown = pd.concat([under, over.iloc[::-1]])  # strongest under-use at the bottom, over-use at the top
    ax = _axes(ax, len(shown))
    if shown.empty:
        return _empty(ax, "no key terms to show")
    values = shown[measure].to_numpy(dtype=float)
    is_over = (shown["direction"] == "over").to_numpy()
    if measure == "g2":
        values = np.where(is_over, np.abs(values), -np.abs(values))
    positions = np.arange(len(shown))
    colors = np.where(is_over, OVER_COLOR, UNDER_COLOR)
    xerr = None
    if measure == "log_ratio" and ci and {"log_ratio_ci_low", "log_ratio_ci_high"} <= set(shown.columns):
        low = values - shown["log_ratio_ci_low"].to_numpy(dtype=float)
        high = shown["log_ratio_ci_high"].to_numpy(dtype=float) - values
        xerr = np.vstack([np.clip(low, 0, None), np.clip(high, 0, None)])
    ax.barh(positions, values, color=colors.tolist(), xerr=xerr, ecolor="0.35", capsize=2)
    ax.set_yticks(positions, shown["term"].astype(str).tolist())
    ax.axvline(0, color="0.2", linewidth=0.8)
    if measure == "log_ratio":
        ax.set_xlabel("Log Ratio (log2 of relative-frequency ratio, target / reference; 95% CI)"
                      if xerr is not None else "Log Ratio (log2 of relative-frequency ratio, target / reference)")
    else:
        form = {"dunning": "Dunning, 4 cells", "rayson": "Rayson & Garside, 2 cells"}.get(
            table.attrs.get("g2", "dunning"), str(table.attrs.get("g2")))
        ax.set_xlabel(f"G2 log-likelihood ({form}); negative = under-use")
    ax.set_title(f"Key terms: over-used (right, {len(over)}) and under-used (left, {len(under)})")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


# ---------------------------------------------------------------- plot_dispersion


def plot_dispersion(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    terms: Sequence[str] | None = None,
    doc_ids: Sequence[Any] | None = None,
    max_doc_labels: int = 12,
) -> Axes:
    """Draw an x-ray (lexical dispersion) plot: a tick per occurrence, a row per term.

    Documents sit side by side on the x axis, each the same width whatever its
    length, document ``i`` spanning ``[i, i + 1)``, separated by grey lines (up
    to 40 documents; beyond that the lines would hide the ticks); an occurrence at relative position
    ``p`` in document ``i`` is a tick at ``i + p``. With one document the axis is
    simply the 0-1 position in it.

    Parameters
    ----------
    table : pandas.DataFrame
        A table from :func:`analysis.dispersion_table`: ``term``, ``doc_id``,
        ``position`` (0-1).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    terms : sequence of str, optional
        Rows to draw, top to bottom, including terms without occurrences; by
        default the table's terms in order of first appearance.
    doc_ids : sequence, optional
        Documents in x order, including documents without occurrences (e.g.
        ``docs["doc_id"]``); by default the table's documents in order of first
        appearance.
    max_doc_labels : int, default 12
        Label the documents on the x axis when there are at most this many.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on: one row per term (y tick labels, first term at the
        top), one tick mark per occurrence (a single line collection per term).
        Nothing is shown or saved.

    Raises
    ------
    ParameterError
        A table lacking ``term``, ``doc_id`` or ``position``; a ``position``
        outside 0-1; a document of the table missing from ``doc_ids``; empty
        ``terms``; a bad ``max_doc_labels``.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"term": ["war", "war", "peace"], "doc_id": ["a", "b", "b"],
    ...                       "token_id": [3, 9, 1], "position": [0.1, 0.8, 0.05]})
    >>> ax = plot_dispersion(table)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['war', 'peace']
    """
    table = _check_table(table, "plot_dispersion", ("term", "doc_id", "position"), "analysis.dispersion_table")
    max_doc_labels = _check_top(max_doc_labels)
    position = table["position"].to_numpy(dtype=float)
    if len(position) and (np.nanmin(position) < 0 or np.nanmax(position) > 1):
        raise ParameterError("position must lie between 0 and 1 (relative position in the document)")
    if terms is None:
        terms = pd.unique(table["term"]).tolist()
    else:
        terms = [terms] if isinstance(terms, str) else list(terms)
        if not terms:
            raise ParameterError("terms= is empty; give the terms to draw, or leave it out")
    if doc_ids is None:
        doc_ids = pd.unique(table["doc_id"]).tolist()
    else:
        doc_ids = list(doc_ids)
    doc_index = {doc: i for i, doc in enumerate(doc_ids)}
    unknown = set(pd.unique(table["doc_id"]).tolist()) - set(doc_index)
    if unknown:
        raise ParameterError(f"doc_ids lacks document(s) of the table: {sorted(map(str, unknown))[:5]}")
    ax = _axes(ax, len(terms), width=9.0)
    n_docs = max(len(doc_ids), 1)
    x = table["doc_id"].map(doc_index).to_numpy(dtype=float) + position
    row_of = {term: len(terms) - 1 - i for i, term in enumerate(terms)}
    width = 1.0 if len(table) <= 1000 else 0.5
    for term in terms:
        hits = x[(table["term"] == term).to_numpy()]
        y = row_of[term]
        ax.vlines(hits, y - 0.35, y + 0.35, color=BAR_COLOR, linewidth=width, zorder=2)
    if n_docs <= MAX_SEPARATORS:  # beyond that the lines would hide the ticks
        for boundary in range(1, n_docs):
            ax.axvline(boundary, color="0.8", linewidth=0.8, zorder=1)
    ax.set_yticks([row_of[t] for t in terms], [str(t) for t in terms])
    ax.set_ylim(-0.6, len(terms) - 0.4)
    ax.set_xlim(0, n_docs)
    if n_docs == 1:
        ax.set_xlabel(f"Relative position in {doc_ids[0]}" if doc_ids else "Relative position")
    elif n_docs <= max_doc_labels:
        ax.set_xticks(np.arange(n_docs) + 0.5, [str(d) for d in doc_ids], rotation=45, ha="right",
                      fontsize="small")
        ax.set_xlabel("Documents (each from start to end)")
    else:
        ax.set_xticks([])
        ax.set_xlabel(f"{n_docs} documents in order, each from start to end")
    ax.set_title("Lexical dispersion")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


# ---------------------------------------------------------------- plot_collocations


def plot_collocations(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    top_n: int = 20,
    measure: str | None = None,
) -> Axes:
    """Draw the strongest collocations as horizontal bars, strongest at the top.

    Parameters
    ----------
    table : pandas.DataFrame
        A table from :func:`analysis.collocation_table`: ``w1``, ``w2`` and the
        ``measure`` column.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    top_n : int, default 20
        Pairs drawn: the ``top_n`` by ``measure``; ties keep table order.
    measure : {"g2", "pmi", "t_score", "log_dice"}, optional
        Bar length and ranking. By default the table's own measure
        (``table.attrs["measure"]``), or ``"g2"`` for a table with all four.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on: one bar per pair. Labels are ``"w1 w2"`` for
        bigrams, the collocate ``w2`` alone for a node-word table
        (``attrs["node"]`` set, named in the title). Nothing is shown or saved.

    Raises
    ------
    ParameterError
        A table lacking ``w1``, ``w2`` or the ``measure`` column; an unknown
        ``measure``; a bad ``top_n``.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"w1": ["cold", "export"], "w2": ["war", "control"], "n": [4, 3],
    ...                       "log_dice": [12.5, 13.1]})
    >>> ax = plot_collocations(table, measure="log_dice")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['cold war', 'export control']
    """
    if measure is None:
        own = table.attrs.get("measure") if isinstance(table, pd.DataFrame) else None
        measure = own if own in COLLOCATION_MEASURES else "g2"
    _check_choice("measure", measure, COLLOCATION_MEASURES)
    table = _check_table(table, "plot_collocations", ("w1", "w2", measure), "analysis.collocation_table")
    top_n = _check_top(top_n)
    node = table.attrs.get("node")
    shown = table.sort_values(measure, ascending=False, kind="stable").head(top_n).iloc[::-1]
    ax = _axes(ax, len(shown))
    if shown.empty:
        return _empty(ax, "no collocations to show")
    if node is not None:
        labels = shown["w2"].astype(str).tolist()
        title = f"Collocates of '{node}' (window {table.attrs.get('window', '?')})"
    else:
        labels = (shown["w1"].astype(str) + " " + shown["w2"].astype(str)).tolist()
        title = "Collocations (adjacent word pairs)"
    positions = np.arange(len(shown))
    ax.barh(positions, shown[measure].to_numpy(dtype=float), color=BAR_COLOR)
    ax.set_yticks(positions, labels)
    ax.set_xlabel(_LABELS[measure])
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
