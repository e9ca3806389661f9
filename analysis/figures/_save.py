"""Saving figures: one helper, :func:`save_figure`, writes every requested format.

Importing this module does not choose a matplotlib backend. The first time a
plot needs a new figure, the non-interactive ``Agg`` backend is selected only
if nothing chose one before (no ``MPLBACKEND``, no ``matplotlib.use``, pyplot
not yet imported), so the inline backend of a notebook is left alone.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.errors import ParameterError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["FIGURE_FORMATS", "save_figure", "parse_formats", "pyplot"]

#: File formats :func:`save_figure` can write.
FIGURE_FORMATS = ("png", "svg", "pdf")

_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")

# Fixed so that SVG element ids, and therefore the files, are the same on every run.
_SVG_HASHSALT = "rhetoric-workbook"


def pyplot():
    """Import pyplot, selecting ``Agg`` first if no backend was chosen."""
    if "matplotlib.pyplot" not in sys.modules and not os.environ.get("MPLBACKEND"):
        import matplotlib

        if matplotlib.rcParams._get_backend_or_none() is None:
            matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def parse_formats(formats: str | Sequence[str]) -> tuple[str, ...]:
    """Check figure formats and return them as a tuple of lower-case names.

    Parameters
    ----------
    formats : str or sequence of str
        Format names such as ``("png", "svg")``, or one comma-separated string
        such as ``"png,svg"`` (the form a notebook parameter takes). Order is
        kept and duplicates are dropped.

    Returns
    -------
    tuple of str
        The formats, each one of :data:`FIGURE_FORMATS`.

    Raises
    ------
    ParameterError
        If a format is not one of :data:`FIGURE_FORMATS`, or none is given.

    Examples
    --------
    >>> parse_formats("png, SVG")
    ('png', 'svg')
    """
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    parsed: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise ParameterError(
                f"figure format {item!r} is not a string; use one of {', '.join(FIGURE_FORMATS)}"
            )
        name = item.strip().lower().lstrip(".")
        if name not in FIGURE_FORMATS:
            raise ParameterError(
                f"unknown figure format {item.strip()!r}; use one or more of "
                f"{', '.join(FIGURE_FORMATS)}"
            )
        if name not in parsed:
            parsed.append(name)
    if not parsed:
        raise ParameterError(
            f"no figure format given; use one or more of {', '.join(FIGURE_FORMATS)}"
        )
    return tuple(parsed)


def _check_name(name: str) -> str:
    if not isinstance(name, str) or not _SLUG.fullmatch(name):
        raise ParameterError(
            f"figure name {name!r} is not a safe file name; use letters, digits, '-' and '_' "
            "only (no path separators, dots or extension), e.g. 'corpus_overview-lengths'"
        )
    return name


def save_figure(
    fig_or_ax: Figure | Axes,
    name: str,
    *,
    out_dir: str | os.PathLike[str],
    formats: str | Sequence[str] = ("png",),
    dpi: int = 150,
    show: bool = False,
) -> list[Path]:
    """Write a figure to ``<out_dir>/<name>.<format>`` for each format.

    File names are stable (nothing random or dated), so a re-run replaces the
    same files. PDF and SVG files carry no creation date and SVG ids use a fixed
    salt, so re-running the same code gives the same bytes. The figure is left
    open, so a notebook still displays it, unless ``show`` is true.

    Parameters
    ----------
    fig_or_ax : matplotlib.figure.Figure or matplotlib.axes.Axes
        The figure, or any Axes on it (such as the one a ``plot_*`` function
        returned).
    name : str
        File name without extension: letters, digits, ``-`` and ``_`` only.
        Notebooks prefix it with their own name, e.g. ``corpus_overview-lengths``.
    out_dir : str or path-like
        Folder to write into; created if missing.
    formats : str or sequence of str, default ("png",)
        One or more of ``png``, ``svg``, ``pdf``; a comma-separated string
        (``"png,svg"``) is accepted too.
    dpi : int, default 150
        Resolution of raster output (png).
    show : bool, default False
        For notebooks: close the figure and display the PNG just written, at
        the size the inline backend would draw the figure, instead of drawing
        it once more (each drawing costs about as much as saving). Without
        ``png`` among ``formats`` the figure is left open and displayed as usual.

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of ``formats``.

    Raises
    ------
    ParameterError
        If ``name`` is not a safe file name (path separators, ``..``, an
        absolute path, an extension), a format is unknown, or ``dpi`` is not a
        positive number.

    Examples
    --------
    >>> import tempfile
    >>> import pandas as pd
    >>> from analysis.figures import plot_document_lengths
    >>> table = pd.DataFrame({"doc_id": ["a", "b"], "n_words": [120, 80]})
    >>> ax = plot_document_lengths(table)
    >>> out = tempfile.mkdtemp()
    >>> [p.name for p in save_figure(ax, "lengths", out_dir=out, formats="png,svg")]
    ['lengths.png', 'lengths.svg']
    """
    name = _check_name(name)
    fmts = parse_formats(formats)
    if isinstance(dpi, bool) or not isinstance(dpi, (int, float)) or dpi <= 0:
        raise ParameterError(f"dpi must be a positive number, got {dpi!r}")

    from matplotlib import rc_context
    from matplotlib.axes import Axes as _Axes
    from matplotlib.figure import Figure as _Figure

    if isinstance(fig_or_ax, _Axes):
        fig = fig_or_ax.get_figure()
    elif isinstance(fig_or_ax, _Figure):
        fig = fig_or_ax
    else:
        raise ParameterError(
            f"save_figure needs a matplotlib Figure or Axes, got {type(fig_or_ax).__name__}"
        )

    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in fmts:
        path = folder / f"{name}.{fmt}"
        # Dates make pdf/svg differ on every run; png carries none by default.
        metadata: dict[str, Any] | None = {
            "pdf": {"CreationDate": None, "ModDate": None},
            "svg": {"Date": None},
        }.get(fmt)
        with rc_context({"svg.hashsalt": _SVG_HASHSALT}):
            fig.savefig(path, format=fmt, dpi=dpi, metadata=metadata, bbox_inches="tight")
        written.append(path)
    if show:
        _show_png(fig, written, dpi)
    return written


def _show_png(fig, written: list[Path], dpi: float) -> None:
    """Close ``fig`` and display its saved PNG at the inline backend's size."""
    png = next((path for path in written if path.suffix == ".png"), None)
    if png is None:
        return
    from IPython.display import Image, display
    from PIL import Image as PILImage

    plt = pyplot()
    plt.close(fig)
    with PILImage.open(png) as picture:  # reads the header only
        width = picture.width
    display(Image(filename=str(png), width=round(width * plt.rcParams["figure.dpi"] / dpi)))
