"""Bars of the strongest pairs of :func:`analysis.collocation_table`.

The function takes the table and an optional Axes, draws on it and returns it;
nothing is shown or saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.figures._checks import (
    bar_axes,
    check_choice,
    check_positive_int,
    check_table,
    empty_axes,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["plot_collocations"]

BAR_COLOR = "#4C72B0"
COLLOCATION_MEASURES = ("g2", "pmi", "t_score", "log_dice")

_LABELS = {
    "pmi": "PMI (log2 observed / expected)",
    "t_score": "t-score",
    "g2": "G2 (log-likelihood)",
    "log_dice": "logDice",
}


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
    check_choice("measure", measure, COLLOCATION_MEASURES)
    table = check_table(table, ("w1", "w2", measure), "analysis.collocation_table", name="plot_collocations")
    top_n = check_positive_int("top_n", top_n)
    node = table.attrs.get("node")
    shown = table.sort_values(measure, ascending=False, kind="stable").head(top_n).iloc[::-1]
    ax = bar_axes(ax, len(shown))
    if shown.empty:
        return empty_axes(ax, "no collocations to show")
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
