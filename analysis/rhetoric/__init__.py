"""Rhetoric markers: lexicons of diplomatic moves, a fast matcher, profiles, sentiment.

:func:`load_lexicon` reads a lexicon (the shipped ``diplomatic`` one, your
CSV file, or both); :func:`marker_table` finds its cues in documents, one
row per (match, category), with negation and stance intensity (counting);
:func:`marker_profile` turns matches into rates per group (scoring);
:func:`sentiment_table` scores sentences with VADER; :func:`highlight_html`
and :func:`marker_context_table` show every match in its context.
"""

from analysis.rhetoric.lexicon import (
    Lexicon,
    LexiconError,
    load_lexicon,
    shipped_lexicons,
)
from analysis.rhetoric.attribution import attribute_speakers
from analysis.rhetoric.highlight import highlight_html, marker_context_table
from analysis.rhetoric.matcher import marker_table
from analysis.rhetoric.profile import marker_profile
from analysis.rhetoric.sentiment import sentiment_table

__all__ = [
    "Lexicon",
    "attribute_speakers",
    "LexiconError",
    "highlight_html",
    "load_lexicon",
    "marker_context_table",
    "marker_profile",
    "marker_table",
    "sentiment_table",
    "shipped_lexicons",
]
