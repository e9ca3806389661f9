"""Figures about the corpus itself: document lengths."""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.errors import ParameterError
from analysis.figures._checks import check_positive_int, check_table
from analysis.figures._save import pyplot

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["plot_document_lengths"]

#: Columns :func:`plot_document_lengths` looks for, in order, when none is named.
LENGTH_COLUMNS = ("n_words", "n_tokens", "n_chars")

_LABELS = {
    "n_words": "Words",
    "n_tokens": "Tokens",
    "n_chars": "Characters",
    "n_sentences": "Sentences",
}


def plot_document_lengths(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    top_n: int = 30,
    column: str | None = None,
) -> Axes:
    """Draw the length of each document as horizontal bars, longest at the top.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per document with a ``doc_id`` column and a length column,
        such as the docs table of :func:`analysis.read_corpus` (``n_chars``) or
        a per-document count table (``n_words``, ``n_tokens``).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    top_n : int, default 30
        Show only the ``top_n`` longest documents (ties keep table order).
    column : str, optional
        The length column to draw. By default the first of ``n_words``,
        ``n_tokens``, ``n_chars`` present in ``table``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. Nothing is shown or saved.

    Raises
    ------
    ParameterError
        If ``doc_id`` or the length column is missing, or ``top_n`` is not a
        positive integer.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"doc_id": ["a", "b"], "n_words": [120, 80]})
    >>> ax = plot_document_lengths(table, top_n=1)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['a']
    """
    top_n = check_positive_int("top_n", top_n)
    columns = list(check_table(table, ("doc_id",), "analysis.length_table").columns)
    if column is None:
        column = next((c for c in LENGTH_COLUMNS if c in columns), None)
        if column is None:
            raise ParameterError(
                f"table has no length column; expected one of {', '.join(LENGTH_COLUMNS)} "
                f"(or name one with column=), it has {columns}"
            )
    elif column not in columns:
        raise ParameterError(f"column {column!r} is not in the table; it has {columns}")

    if ax is None:
        _, ax = pyplot().subplots(figsize=(7, 1.2 + 0.3 * min(top_n, max(len(table), 1))))

    # Stable sort keeps table order among equal lengths; barh draws bottom-up.
    shown = table.sort_values(column, ascending=False, kind="stable").head(top_n)
    shown = shown.iloc[::-1]
    labels = shown["doc_id"].astype(str).tolist()
    ax.barh(range(len(shown)), shown[column].to_numpy(), color="#4C72B0")
    ax.set_yticks(range(len(shown)), labels)
    label = _LABELS.get(column, column)
    ax.set_xlabel(label)
    title = f"{label} per document"
    if len(table) > len(shown):
        title += f" (longest {len(shown)} of {len(table)})"
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
