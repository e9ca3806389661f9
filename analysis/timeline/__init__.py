"""Timelines: temporal expressions anchored to the dateline, event timelines and trends.

Modules
-------
timex
    :func:`timex_table`: temporal expressions (TimeML TIMEX3) with values
    anchored to each document's date.
normalise
    Calendar arithmetic and the news anchoring rules.
_grammar, _rules, _unanchored, _extract
    The grammar (one regex per kind), one value rule per kind (durations,
    sets and references in ``_unanchored``), and the driver that builds the
    table.
_scan, _dispatch
    The fast path: trigger words found in one pass over the text, and at each
    only the patterns that can begin with that word (and the next few
    characters). The patterns are compiled for each word when a scan first
    meets it; :func:`warm_up` compiles them all at once (about 0.4 s), for a
    process about to scan a large corpus.
events
    :func:`event_timeline`: the dated mentions on a calendar.
trends
    :func:`trend_table`: rates per period for a term or marker table.
formulations
    :func:`first_use_table`, :func:`phrase_table`, :func:`burst_table`.
"""

from __future__ import annotations

from analysis.timeline._dispatch import warm_up
from analysis.timeline.events import event_timeline
from analysis.timeline.formulations import burst_table, first_use_table, phrase_table
from analysis.timeline.timex import timex_table
from analysis.timeline.trends import trend_table

__all__ = ["burst_table", "event_timeline", "first_use_table", "phrase_table", "timex_table", "trend_table", "warm_up"]
