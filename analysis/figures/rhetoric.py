"""Figures about rhetoric markers and sentiment: profiles, rates, sentiment arcs.

Each ``plot_*`` function draws a table of :mod:`analysis.rhetoric` on an Axes
and returns it. :data:`CATEGORY_COLORS` gives each marker category one colour,
shared with :func:`analysis.rhetoric.highlight.highlight_html`, so a category
looks the same in a chart and in highlighted text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from analysis.errors import ParameterError
from analysis.figures._checks import check_choice, check_table
from analysis.figures._save import pyplot

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = [
    "CATEGORY_COLORS",
    "category_colors",
    "plot_marker_profile",
    "plot_marker_rates",
    "plot_sentiment_arc",
]

#: One colour per category of the default lexicon (ColorBrewer Set3, light
#: enough to sit behind text).
CATEGORY_COLORS = {
    "denial": "#fb8072",
    "opposition": "#fdb462",
    "accusation": "#bc80bd",
    "labelling": "#fccde5",
    "distanced_attribution": "#80b1d3",
    "neutral_attribution": "#d9d9d9",
    "booster": "#ffed6f",
    "hedge": "#ccebc5",
    "consensus": "#8dd3c7",
    "counter_accusation": "#bebada",
    "cooperation": "#b3de69",
    "appeal": "#ffffb3",
}
# For categories of other lexicons, in order of appearance (tab20's light half).
_EXTRA_COLORS = (
    "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5",
    "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
)

_VALUES = {
    "per_1k": "Markers per 1,000 words",
    "n": "Markers",
    "share": "Share of the group's markers",
    "mean_intensity": "Mean intensity",
}
_KINDS = ("bar", "heatmap")


def category_colors(categories: Sequence[str]) -> dict[str, str]:
    """A colour (hex string) for each category: fixed for the default ones, cycled for others.

    >>> category_colors(["denial", "my_category"])
    {'denial': '#fb8072', 'my_category': '#aec7e8'}
    """
    colors, extra = {}, 0
    for name in categories:
        if name in CATEGORY_COLORS:
            colors[name] = CATEGORY_COLORS[name]
        else:
            colors[name] = _EXTRA_COLORS[extra % len(_EXTRA_COLORS)]
            extra += 1
    return colors


def _matrix(profile: pd.DataFrame, value: str, categories: Any) -> tuple[list[str], list[str], np.ndarray]:
    """Groups (in table order), categories and a groups x categories array of ``value``."""
    check_table(profile, ["category", value], "analysis.rhetoric.marker_profile", name="profile")
    table = profile if "group" in profile.columns else profile.assign(group="all")
    cats = list(dict.fromkeys(table["category"].astype(str)))
    if categories is not None:
        if isinstance(categories, str):
            categories = [c.strip() for c in categories.split(",") if c.strip()]
        unknown = [c for c in categories if c not in cats]
        if unknown:
            raise ParameterError(f"categories {unknown} are not in the profile; it has {', '.join(cats)}")
        cats = list(dict.fromkeys(categories))
    groups = list(dict.fromkeys(table["group"]))
    keys = [table["group"], table["category"].astype(str)]
    wide = table[value].groupby(keys, sort=False).sum(min_count=1).unstack("category")
    wide = wide.reindex(index=groups, columns=cats)  # NaN stays NaN (blank in a heatmap)
    return [str(g) for g in groups], cats, wide.to_numpy(dtype=float)


def plot_marker_profile(
    profile: pd.DataFrame,
    *,
    ax: Axes | None = None,
    value: str = "per_1k",
    kind: str = "bar",
    categories: Sequence[str] | None = None,
) -> Axes:
    """Draw a marker profile: stacked bars per group, or a group x category heatmap.

    Parameters
    ----------
    profile : pandas.DataFrame
        A table from :func:`analysis.rhetoric.profile.marker_profile`
        (``group``, ``category`` and the ``value`` column; no ``group`` column
        counts as one group).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    value : {"per_1k", "n", "share", "mean_intensity"}, default "per_1k"
        The column drawn. ``mean_intensity`` only as a heatmap (intensities do
        not add up).
    kind : {"bar", "heatmap"}, default "bar"
        ``"bar"``: one horizontal bar per group (first group at the top), one
        coloured segment per category, legend outside on the right.
        ``"heatmap"``: groups as rows, categories as columns, each cell
        labelled with its value; NaN cells stay blank.
    categories : list of str, optional
        Draw only these categories, in this order.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. Nothing is shown or saved.

    Raises
    ------
    ParameterError
        A missing column, an unknown ``value``, ``kind`` or category, or
        ``mean_intensity`` as stacked bars.

    Examples
    --------
    >>> import pandas as pd
    >>> profile = pd.DataFrame({"group": ["a", "a", "b", "b"],
    ...     "category": ["denial", "hedge"] * 2, "per_1k": [2.0, 1.0, 0.0, 3.0]})
    >>> ax = plot_marker_profile(profile)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['b', 'a']
    """
    value = check_choice("value", value, tuple(_VALUES))
    kind = check_choice("kind", kind, _KINDS)
    if kind == "bar" and value == "mean_intensity":
        raise ParameterError("mean_intensity does not add up across categories; use kind='heatmap'")
    groups, cats, data = _matrix(profile, value, categories)
    colors = category_colors(cats)
    if ax is None:
        width = 8 if kind == "bar" else 1.5 + 0.6 * len(cats)
        _, ax = pyplot().subplots(figsize=(width, 1.5 + 0.35 * max(len(groups), 1)))
    if kind == "bar":
        rows = np.arange(len(groups))[::-1]
        left = np.zeros(len(groups))
        for j, cat in enumerate(cats):
            values = np.nan_to_num(data[:, j])
            ax.barh(rows, values, left=left, color=colors[cat], label=cat.replace("_", " "),
                    edgecolor="white", linewidth=0.5)
            left += values
        ax.set_yticks(np.arange(len(groups)), groups[::-1])  # listed bottom to top
        ax.set_xlabel(_VALUES[value])
        if cats:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize="small")
        ax.spines[["top", "right"]].set_visible(False)
    else:
        masked = np.ma.masked_invalid(data)
        image = ax.imshow(masked, aspect="auto", cmap="Reds", interpolation="nearest")
        ax.set_xticks(range(len(cats)), [c.replace("_", " ") for c in cats], rotation=45, ha="right")
        ax.set_yticks(range(len(groups)), groups)
        finite = data[np.isfinite(data)]
        top = finite.max() if finite.size else 0.0
        for (i, j), cell in np.ndenumerate(data):
            if np.isfinite(cell):
                ax.text(j, i, f"{cell:.2g}", ha="center", va="center", fontsize="x-small",
                        color="white" if top and cell > 0.6 * top else "black")
        ax.figure.colorbar(image, ax=ax, label=_VALUES[value])
    ax.set_title(f"{_VALUES[value]} by category")
    return ax


def plot_marker_rates(
    profile: pd.DataFrame,
    *,
    ax: Axes | None = None,
    value: str = "per_1k",
    categories: Sequence[str] | None = None,
) -> Axes:
    """Draw each category's rate across the groups (documents or periods) as lines.

    Groups run along the x axis in table order (sorted doc ids, or periods in
    time order for ``by="date:M"``), one line with markers per category.

    Parameters
    ----------
    profile : pandas.DataFrame
        A table from :func:`analysis.rhetoric.profile.marker_profile`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    value : {"per_1k", "n", "share", "mean_intensity"}, default "per_1k"
        The column drawn.
    categories : list of str, optional
        Draw only these categories (default: all in the profile).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. Nothing is shown or saved.

    Raises
    ------
    ParameterError
        A missing column, an unknown ``value`` or category.

    Examples
    --------
    >>> import pandas as pd
    >>> profile = pd.DataFrame({"group": ["a", "a", "b", "b"],
    ...     "category": ["denial", "hedge"] * 2, "per_1k": [2.0, 1.0, 0.0, 3.0]})
    >>> ax = plot_marker_rates(profile)
    >>> [line.get_label() for line in ax.get_lines()]
    ['denial', 'hedge']
    """
    value = check_choice("value", value, tuple(_VALUES))
    groups, cats, data = _matrix(profile, value, categories)
    colors = category_colors(cats)
    if ax is None:
        _, ax = pyplot().subplots(figsize=(max(6.0, 0.35 * len(groups) + 3), 4))
    x = np.arange(len(groups))
    for j, cat in enumerate(cats):
        color = colors[cat]
        if color in ("#ffffb3", "#ffed6f", "#d9d9d9"):  # too pale as a line on white
            color = {"#ffffb3": "#c8c84a", "#ffed6f": "#d4b400", "#d9d9d9": "#8c8c8c"}[color]
        ax.plot(x, data[:, j], marker="o", markersize=3, linewidth=1.2, color=color,
                label=cat.replace("_", " "))
    ax.set_xticks(x, groups, rotation=90 if len(groups) > 6 else 0)
    ax.set_ylabel(_VALUES[value])
    ax.set_title(f"{_VALUES[value]} across groups")
    if cats:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize="small")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_sentiment_arc(
    sentiment: pd.DataFrame,
    *,
    ax: Axes | None = None,
    doc_id: Any = None,
    window: int | None = None,
) -> Axes:
    """Draw VADER's compound score sentence by sentence, with an optional rolling mean.

    Parameters
    ----------
    sentiment : pandas.DataFrame
        A table from :func:`analysis.rhetoric.sentiment.sentiment_table`
        (``doc_id``, ``sent_id``, ``compound``), rows in document order.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    doc_id : optional
        Draw this document only. Default: every row in table order, the x axis
        counting sentences across documents, dotted lines at document breaks.
    window : int, optional
        Also draw the centred rolling mean over this many sentences (it does not
        cross a document break); the legend says the window. ``None``: no mean.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. Nothing is shown or saved.

    Raises
    ------
    ParameterError
        A missing column, an unknown ``doc_id``, or ``window`` not a positive integer.

    Examples
    --------
    >>> import pandas as pd
    >>> sentiment = pd.DataFrame({"doc_id": "d", "sent_id": range(4),
    ...     "compound": [0.5, -0.7, 0.1, 0.3]})
    >>> ax = plot_sentiment_arc(sentiment, window=3)
    >>> ax.get_legend_handles_labels()[1]
    ['compound per sentence', 'rolling mean over 3 sentences']
    """
    check_table(sentiment, ["doc_id", "sent_id", "compound"], "analysis.sentiment_table(sentences)", name="sentiment")
    if window is not None and (isinstance(window, bool) or not isinstance(window, (int, np.integer))
                               or window < 1):
        raise ParameterError(f"window={window!r} must be a positive integer or None")
    table = sentiment
    if doc_id is not None:
        table = sentiment[sentiment["doc_id"].astype(object) == doc_id]
        if table.empty:
            ids = list(dict.fromkeys(sentiment["doc_id"].astype(object)))[:5]
            raise ParameterError(f"doc_id={doc_id!r} has no sentences in the table; it has e.g. {ids}")
    if ax is None:
        _, ax = pyplot().subplots(figsize=(8, 3))
    x = np.arange(len(table))
    y = table["compound"].to_numpy(dtype=float)
    docs = table["doc_id"].astype(object).to_numpy()
    ax.plot(x, y, color="#80b1d3", linewidth=0.8, marker="o", markersize=2.5, label="compound per sentence")
    if window is not None and len(table):
        series = table["compound"].astype(float).reset_index(drop=True)
        rolled = series.groupby(docs, sort=False).transform(
            lambda s: s.rolling(int(window), center=True, min_periods=1).mean())
        ax.plot(x, rolled.to_numpy(), color="#e41a1c", linewidth=1.8,
                label=f"rolling mean over {int(window)} sentence{'s' if window > 1 else ''}")
    for brk in np.flatnonzero(docs[1:] != docs[:-1]) + 0.5:
        ax.axvline(brk, color="grey", linestyle=":", linewidth=0.8)
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("Sentence" if doc_id is not None or len(set(docs)) <= 1 else "Sentence (documents in table order)")
    ax.set_ylabel("VADER compound")
    title = "Sentiment arc (VADER, tuned for social media; not a stance measure)"
    ax.set_title(title if doc_id is None else f"{title}\n{doc_id}", fontsize="medium")
    ax.legend(loc="lower right", frameon=False, fontsize="small")
    ax.spines[["top", "right"]].set_visible(False)
    return ax
