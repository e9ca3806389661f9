"""Figures: ``plot_*`` functions draw a table on an Axes; ``save_figure`` writes files.

Every ``plot_*`` function takes a tidy table and an optional Axes, draws on it
and returns it. None of them shows or saves anything: a notebook displays the
figure, and :func:`save_figure` writes it to disk under a stable name in every
requested format.

One module per pipeline stage (``corpus``, ``terms``, ...); this package
re-exports their public names, so ``analysis.figures.plot_terms`` and
``analysis.plot_terms`` both work.
"""

from analysis.figures._save import FIGURE_FORMATS, parse_formats, pyplot, save_figure
from analysis.figures.collocations import plot_collocations
from analysis.figures.corpus import plot_document_lengths
from analysis.figures.dispersion import plot_dispersion
from analysis.figures.quotes import plot_speaker_shares
from analysis.figures.rhetoric import (
    plot_marker_profile,
    plot_marker_rates,
    plot_sentiment_arc,
)
from analysis.figures.terms import plot_keyness, plot_terms
from analysis.figures.timeline import plot_event_timeline, plot_trends

__all__ = [
    "FIGURE_FORMATS",
    "parse_formats",
    "plot_collocations",
    "plot_dispersion",
    "plot_document_lengths",
    "plot_event_timeline",
    "plot_keyness",
    "plot_marker_profile",
    "plot_marker_rates",
    "plot_sentiment_arc",
    "plot_speaker_shares",
    "plot_terms",
    "plot_trends",
    "pyplot",
    "save_figure",
]
