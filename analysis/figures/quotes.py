"""Figures about who speaks: quote shares per speaker."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from analysis.errors import ParameterError
from analysis.figures._checks import check_positive_int, check_table
from analysis.figures._save import pyplot

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["plot_speaker_shares"]

MEASURES = ("quotes", "words")
_KIND_COLORS = {"direct": "#4C72B0", "indirect": "#DD8452", "mixed": "#55A868"}


def plot_speaker_shares(
    quotes: pd.DataFrame,
    *,
    ax: Axes | None = None,
    top_n: int = 15,
    measure: str = "quotes",
) -> Axes:
    """Draw how much each speaker is quoted, as horizontal bars split by quote kind.

    Parameters
    ----------
    quotes : pandas.DataFrame
        A table from :func:`analysis.quotes.quote_table` (``speaker``, ``kind``,
        ``content``). Quotes without a speaker are drawn as "(unknown)".
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    top_n : int, default 15
        Show the ``top_n`` most quoted speakers.
    measure : {"quotes", "words"}, default "quotes"
        Count quotes, or the words of their content.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on; bars are stacked direct / indirect / mixed. Nothing is shown or saved.

    Raises
    ------
    ParameterError
        If a column is missing, ``measure`` is not allowed or ``top_n`` is not a positive integer.

    Examples
    --------
    >>> import pandas as pd
    >>> quotes = pd.DataFrame({"speaker": ["Hua", "Hua", "Ford"], "kind": ["direct", "indirect", "indirect"],
    ...                        "content": ["a b", "c", "d e f"]})
    >>> ax = plot_speaker_shares(quotes, measure="words")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Hua', 'Ford']
    """
    if measure not in MEASURES:
        raise ParameterError(f"measure must be one of {', '.join(MEASURES)}; got {measure!r}")
    top_n = check_positive_int("top_n", top_n)
    check_table(quotes, ("speaker", "kind", "content"), "analysis.quote_table", name="quotes")
    frame = quotes.assign(
        speaker=quotes["speaker"].astype(object).where(quotes["speaker"].notna(), "(unknown)"),
        kind=quotes["kind"].astype(str),
        value=1 if measure == "quotes" else quotes["content"].astype(str).str.count(r"\w+"),
    )
    counts = frame.pivot_table(index="speaker", columns="kind", values="value", aggfunc="sum", fill_value=0)
    counts = counts.reindex(columns=[k for k in _KIND_COLORS if k in counts.columns])
    order = counts.sum(axis=1)
    shown = counts.loc[order.sort_values(ascending=False, kind="stable").index[:top_n]].iloc[::-1]
    if ax is None:
        _, ax = pyplot().subplots(figsize=(7, 1.2 + 0.3 * max(len(shown), 1)))
    left = np.zeros(len(shown))
    for kind in shown.columns:
        ax.barh(range(len(shown)), shown[kind].to_numpy(), left=left, color=_KIND_COLORS[kind], label=kind)
        left += shown[kind].to_numpy()
    ax.set_yticks(range(len(shown)), shown.index.astype(str).tolist())
    ax.set_xlabel("Quotes" if measure == "quotes" else "Words quoted")
    ax.set_title(f"Who is quoted (top {len(shown)} speakers)")
    if len(shown.columns):
        ax.legend(frameon=False, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    return ax
