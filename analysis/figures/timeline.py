"""Figures about time: the event timeline and trends of terms or categories."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import numpy as np

from analysis.figures._checks import check_positive_int, check_table
from analysis.figures._save import pyplot

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["plot_event_timeline", "plot_trends"]

_PUBLICATION = "#C44E52"
_MENTION = "#4C72B0"


def plot_event_timeline(
    events: pd.DataFrame,
    *,
    ax: Axes | None = None,
    max_events: int = 40,
    label_chars: int = 28,
) -> Axes:
    """Draw dated mentions and publications on a time axis, with short labels.

    A day is a point, a longer period (week, month, year ...) a horizontal bar
    from its first to its last day; publications are drawn in red, mentions in
    blue. Events are stacked in lanes so that labels do not overlap where the
    space allows: an event goes to the lowest lane whose previous label ends
    before it starts (label widths are estimated from their length).

    Parameters
    ----------
    events : DataFrame
        A table of :func:`analysis.timeline.events.event_timeline` (``date``,
        ``date_end``, ``kind``, ``label``, ``text``; ``value`` is used in labels).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    max_events : int, default 40
        Draw at most this many events: publications and mentions each picked
        evenly along the calendar, publications taking at most half of the
        places when mentions need them; the title says how many are shown.
    label_chars : int, default 28
        Labels are cut to this many characters.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. Nothing is shown or saved.

    Raises
    ------
    ParameterError
        ``events`` lacks a required column, or an option is out of range.

    Examples
    --------
    >>> import pandas as pd
    >>> events = pd.DataFrame({"kind": ["mention", "publication"],
    ...     "date": pd.to_datetime(["2018-07-19", "2018-07-20"]),
    ...     "date_end": pd.to_datetime(["2018-07-19", "2018-07-20"]),
    ...     "label": ["press briefing", "publication"], "text": ["Thursday", ""],
    ...     "value": ["2018-07-19", "2018-07-20"]})
    >>> ax = plot_event_timeline(events)
    >>> [t.get_text() for t in ax.texts]
    ['2018-07-19 press briefing', '2018-07-20 publication']
    """
    max_events = check_positive_int("max_events", max_events)
    label_chars = check_positive_int("label_chars", label_chars)
    check_table(events, ("kind", "date", "date_end", "label"), "analysis.event_timeline", name="events")
    import pandas as pd

    if ax is None:
        _, ax = pyplot().subplots(figsize=(9, 3.5))
    shown = events.dropna(subset=["date"])
    n_all = len(shown)
    if n_all > max_events:
        shown = shown.sort_values(["date", "date_end"], kind="stable")
        is_pub = (shown["kind"] == "publication").to_numpy()
        pubs, mentions = shown[is_pub], shown[~is_pub]
        n_pubs = min(len(pubs), max(max_events - len(mentions), max_events // 2))
        shown = pd.concat([_evenly(pubs, n_pubs), _evenly(mentions, max_events - n_pubs)])
        shown = shown.sort_values(["date", "date_end"], kind="stable")
    if shown.empty:
        ax.set_title("No dated events")
        ax.set_yticks([])
        return ax

    lo, hi = shown["date"].min(), shown["date_end"].max()
    width = max(_days(lo, hi), 1.0)
    per_char = width / 90  # about 90 characters of label across the axes
    lane_end: list[float] = []
    for date, end, kind, label, value in zip(
        shown["date"], shown["date_end"], shown["kind"], shown["label"],
        shown["value"] if "value" in shown.columns else shown["date"].dt.strftime("%Y-%m-%d"),
    ):  # fmt: skip
        text = f"{value} {label}".strip() if isinstance(label, str) and label else str(value)
        text = text if len(text) <= label_chars else text[: label_chars - 1] + "…"
        x0 = _days(lo, date)
        x1 = max(_days(lo, end), x0) + len(text) * per_char
        lane = next((i for i, e in enumerate(lane_end) if e < x0), len(lane_end))
        if lane == len(lane_end):
            lane_end.append(x1)
        else:
            lane_end[lane] = x1
        color = _PUBLICATION if kind == "publication" else _MENTION
        if end > date:
            ax.plot([date, end], [lane, lane], color=color, linewidth=5, alpha=0.6, solid_capstyle="butt")
        ax.plot([date], [lane], marker="o", color=color, markersize=5)
        ax.annotate(text, (date, lane), xytext=(4, 5), textcoords="offset points", fontsize=8, color=color)
    ax.set_ylim(-0.7, max(len(lane_end), 1) + 0.3)
    ax.set_yticks([])
    margin = datetime.timedelta(days=max(width * 0.05, 1))
    lo_x, hi_x = pd.Timestamp(lo).to_pydatetime(), pd.Timestamp(hi).to_pydatetime()
    ax.set_xlim(lo_x - margin, hi_x + margin + datetime.timedelta(days=width * 0.15))
    title = "Dated mentions (blue) and publication dates (red)"
    if n_all > len(shown):
        title += f": {len(shown)} of {n_all} shown"
    ax.set_title(title)
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.get_figure().autofmt_xdate()
    return ax


def _evenly(table: pd.DataFrame, k: int) -> pd.DataFrame:
    """``k`` rows spread evenly over a sorted table, first and last included."""
    if k >= len(table):
        return table
    return table.iloc[np.unique(np.linspace(0, len(table) - 1, k).round().astype(int))]


def plot_trends(
    trends: pd.DataFrame,
    *,
    ax: Axes | None = None,
    column: str | None = None,
    top_n: int = 8,
    rolling: bool = False,
) -> Axes:
    """Draw one line per term or category over time; low-coverage periods are gaps.

    Periods flagged ``low_coverage`` (too few words to give a rate) have no
    rate and are not drawn, so the line breaks there; periods with words and
    no occurrence are drawn at 0.

    Parameters
    ----------
    trends : DataFrame
        A table of :func:`analysis.timeline.trends.trend_table` (``date``, ``rate``,
        ``n`` and the term column; ``group`` adds the group to each label).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    column : str, optional
        The term column; by default ``attrs["column"]``, else ``term`` or ``category``.
    top_n : int, default 8
        Draw the ``top_n`` series with the most occurrences.
    rolling : bool, default False
        Draw ``rate_rolling`` (the table must have it) instead of ``rate``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. Nothing is shown or saved.

    Raises
    ------
    ParameterError
        A required column is missing, or ``top_n`` is not a positive integer.

    Examples
    --------
    >>> import pandas as pd
    >>> trends = pd.DataFrame({"term": "win-win", "date": pd.to_datetime(["2018-01-01", "2018-02-01"]),
    ...     "n": [2, 0], "rate": [1.5, 0.0]})
    >>> ax = plot_trends(trends)
    >>> [line.get_label() for line in ax.get_lines()]
    ['win-win']
    """
    top_n = check_positive_int("top_n", top_n)
    columns = list(getattr(trends, "columns", []))
    if column is None:
        column = trends.attrs.get("column") if hasattr(trends, "attrs") else None
        column = column or next((c for c in ("term", "category") if c in columns), None)
    y = "rate_rolling" if rolling else "rate"
    check_table(trends, ("date", "n", y, column), "analysis.trend_table", name="trends")
    keys = [c for c in ("group", column) if c in columns]
    if ax is None:
        _, ax = pyplot().subplots(figsize=(9, 4))
    totals = trends.groupby(keys, sort=False)["n"].sum().sort_values(ascending=False, kind="stable")
    chosen = list(totals.index[:top_n])
    for key, series in trends.groupby(keys, sort=False):
        if key not in chosen and (len(keys) != 1 or key[0] not in chosen):
            continue
        series = series.sort_values("date")
        label = " / ".join(str(k) for k in (key if isinstance(key, tuple) else (key,)))
        values = series[y].to_numpy(dtype=float)  # NaN (low coverage) breaks the line
        ax.plot(series["date"], values, marker="o", markersize=3, linewidth=1.5, label=label)
        if np.isnan(values).all():
            ax.lines[-1].set_label(f"{label} (no period with enough words)")
    scale = {"per_10k": "per 10,000 words", "per_1k": "per 1,000 words", "per_million": "per million words",
             "share": "share of words", "count": "occurrences"}.get(trends.attrs.get("value"), "rate")  # fmt: skip
    ax.set_ylabel(("Rolling " if rolling else "") + scale)
    ax.set_ylim(bottom=0)
    title = "Trends"
    if len(totals) > len(chosen):
        title += f" (top {len(chosen)} of {len(totals)})"
    ax.set_title(title)
    ax.legend(fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    ax.get_figure().autofmt_xdate()
    return ax


def _days(start, end) -> float:
    """Days from ``start`` to ``end``, for spans longer than a nanosecond Timedelta holds (292 years)."""
    import pandas as pd

    return (pd.Timestamp(end).to_pydatetime() - pd.Timestamp(start).to_pydatetime()).total_seconds() / 86400
