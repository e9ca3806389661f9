"""The x-ray (lexical dispersion) plot of :func:`analysis.dispersion_table`.

One row per term, documents side by side; the function takes the table and an
optional Axes, draws on it and returns it; nothing is shown or saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.figures._checks import bar_axes, check_positive_int, check_table

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["plot_dispersion"]

TICK_COLOR = "#4C72B0"
MAX_SEPARATORS = 40  # plot_dispersion draws document boundaries up to this many documents


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
    table = check_table(table, ("term", "doc_id", "position"), "analysis.dispersion_table", name="plot_dispersion")
    max_doc_labels = check_positive_int("max_doc_labels", max_doc_labels)
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
    ax = bar_axes(ax, len(terms), width=9.0)
    n_docs = max(len(doc_ids), 1)
    x = table["doc_id"].map(doc_index).to_numpy(dtype=float) + position
    row_of = {term: len(terms) - 1 - i for i, term in enumerate(terms)}
    width = 1.0 if len(table) <= 1000 else 0.5
    for term in terms:
        hits = x[(table["term"] == term).to_numpy()]
        y = row_of[term]
        ax.vlines(hits, y - 0.35, y + 0.35, color=TICK_COLOR, linewidth=width, zorder=2)
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
