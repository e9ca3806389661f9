"""Argument checks and Axes helpers shared by the ``plot_*`` functions.

Every figure function checks its table and options at the boundary and raises
:class:`~analysis.errors.ParameterError` with the same wording: which table or
option, what is wrong, and what to pass instead.
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


def check_table(table: Any, required: Sequence[str | None], made_by: str, *, name: str = "table") -> pd.DataFrame:
    """Return ``table`` when it is a DataFrame with every ``required`` column.

    A ``None`` in ``required`` stands for a column the caller could not name
    (for instance no term column found) and is reported as missing.

    Raises
    ------
    ParameterError
        ``table`` is no DataFrame, or lacks a column; the message names
        ``made_by``, the function whose table to pass.
    """
    if not isinstance(table, pd.DataFrame):
        raise ParameterError(f"{name} takes a DataFrame from {made_by}, got {type(table).__name__}")
    have = list(table.columns)
    missing = [str(c) for c in required if c is None or c not in have]
    if missing:
        raise ParameterError(
            f"{name} lacks column(s) {', '.join(missing)}; pass the table made by {made_by} (it has {have})"
        )
    return table


def check_choice(name: str, value: Any, allowed: Sequence[str]) -> str:
    """Return ``value`` when it is one of ``allowed``; the error lists them."""
    if not isinstance(value, str) or value not in allowed:
        raise ParameterError(f"{name}={value!r} is not allowed; use one of {', '.join(map(repr, allowed))}")
    return value


def check_positive_int(name: str, value: Any) -> int:
    """Return ``value`` as ``int`` when it is a positive integer (``bool`` is refused)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ParameterError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def bar_axes(ax: Axes | None, rows: int, width: float = 7.0) -> Axes:
    """``ax``, or a new Axes tall enough for ``rows`` horizontal bars."""
    if ax is None:
        _, ax = pyplot().subplots(figsize=(width, 1.4 + 0.28 * max(rows, 2)))
    return ax


def empty_axes(ax: Axes, message: str) -> Axes:
    """Write ``message`` in the middle of ``ax`` (nothing to draw) and drop its ticks."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="0.4")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax
