"""Terms: frequencies, keyness, collocations, concordances and dispersion.

Every function takes the token table of :func:`analysis.token_table` and
returns a tidy :class:`pandas.DataFrame` whose columns are documented in its
docstring. Counting is kept apart from scoring: the modules here count with
integer codes (numpy), and :mod:`analysis.terms.measures` holds the small
score functions (G2, Fisher, Log Ratio, %DIFF, PMI, t-score, logDice) that
work on arrays of counts.

Modules
-------
frequency
    :func:`term_table`, :func:`tfidf_table`.
keyness
    :func:`keyness_table`: one token table against another.
collocations
    :func:`collocation_table`: adjacent bigrams or a node word's window.
kwic
    :func:`kwic_table`: keyword in context, with character offsets.
dispersion
    :func:`dispersion_table`, :func:`dispersion_summary` (Gries' DP).
measures
    Score functions on arrays of counts.
"""

from __future__ import annotations

from analysis.terms.collocations import collocation_table
from analysis.terms.dispersion import dispersion_summary, dispersion_table
from analysis.terms.frequency import term_table, tfidf_table
from analysis.terms.keyness import keyness_table
from analysis.terms.kwic import kwic_table

__all__ = [
    "collocation_table",
    "dispersion_summary",
    "dispersion_table",
    "keyness_table",
    "kwic_table",
    "term_table",
    "tfidf_table",
]
