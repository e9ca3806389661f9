"""Figures for term frequencies and keyness (:mod:`analysis.terms`).

- :func:`plot_terms`: top terms of :func:`analysis.term_table` as bars, one
  block per group or one selected group;
- :func:`plot_keyness`: diverging bars of :func:`analysis.keyness_table`
  (over-use right, under-use left).

Lexical dispersion is drawn by :mod:`analysis.figures.dispersion`, collocations
by :mod:`analysis.figures.collocations`. Each function takes the table and an
optional Axes, draws on it and returns it; nothing is shown or saved (see
:func:`analysis.save_figure`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.figures._checks import (
    bar_axes,
    check_choice,
    check_positive_int,
    check_table,
    empty_axes,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["plot_keyness", "plot_terms"]

OVER_COLOR, UNDER_COLOR, BAR_COLOR = "#C44E52", "#4C72B0", "#4C72B0"
TERM_MEASURES = ("n", "per_10k")
KEYNESS_MEASURES = ("log_ratio", "g2")

_LABELS = {
    "n": "Occurrences",
    "per_10k": "Occurrences per 10,000 words",
}


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
    check_choice("measure", measure, TERM_MEASURES)
    table = check_table(table, ("term", measure), "analysis.term_table", name="plot_terms")
    top_n = check_positive_int("top_n", top_n)
    max_groups = check_positive_int("max_groups", max_groups)
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
    ax = bar_axes(ax, n_bars + len(blocks) * (len(blocks) > 1))
    if n_bars == 0:
        return empty_axes(ax, "no terms to show")

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
    check_choice("measure", measure, KEYNESS_MEASURES)
    table = check_table(table, ("term", "direction", measure), "analysis.keyness_table", name="plot_keyness")
    top_n = check_positive_int("top_n", top_n)
    if max_p is not None:
        if isinstance(max_p, bool) or not isinstance(max_p, (int, float)) or not 0 < max_p <= 1:
            raise ParameterError(f"max_p must be a number in (0, 1], got {max_p!r}")
        check_table(table, ("p_value",), "analysis.keyness_table", name="plot_keyness with max_p")
        table = table[table["p_value"] <= max_p]
    over = table[table["direction"] == "over"].sort_values(measure, ascending=False, kind="stable")
    under = table[table["direction"] == "under"]
    under = under.sort_values(measure, ascending=measure == "log_ratio", kind="stable")
    over, under = over.head(top_n), under.head(top_n)
    shown = pd.concat([under, over.iloc[::-1]])  # strongest under-use at the bottom, over-use at the top
    ax = bar_axes(ax, len(shown))
    if shown.empty:
        return empty_axes(ax, "no key terms to show")
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

