"""Temporal expressions: find them, normalise them (TimeML TIMEX3), anchor them to the dateline.

The grammar lives in :mod:`analysis.timeline._grammar`, the fast scan in
:mod:`analysis.timeline._scan` and :mod:`analysis.timeline._dispatch`, the
calendar rules in :mod:`analysis.timeline.normalise`,
:mod:`analysis.timeline._rules` and :mod:`analysis.timeline._unanchored`, the
driver in :mod:`analysis.timeline._extract`, the sentence ids without a
sentence table in :mod:`analysis.timeline._sentences`; this module holds the
public table.
"""

from __future__ import annotations

import pandas as pd

from analysis.timeline._grammar import find_timexes_slow
from analysis.timeline._scan import find_timexes

__all__ = ["COLUMNS", "find_timexes", "find_timexes_slow", "timex_table"]

#: Columns of :func:`timex_table`, in order.
COLUMNS = ["doc_id", "timex_id", "start", "end", "text", "type", "value", "mod", "anchor", "sent_id"]


def timex_table(docs: pd.DataFrame | str, *, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Find the temporal expressions of every document and normalise them (TimeML TIMEX3).

    A rule grammar in the manner of HeidelTime finds dates, times, durations
    and sets; relative expressions are anchored to the document's date (its
    dateline, the ``date`` column of ``docs``) with news rules: a bare weekday
    is the most recent such day on or before the dateline unless the clause
    is future tense ("will meet on Thursday"); "last week" is a week
    (``2018-W28``); "earlier this month" is the month with mod ``START``; a
    month or day without a year takes the dateline's year, adjusted across
    the year boundary. Durations and sets are recognised, not anchored.

    Parameters
    ----------
    docs : DataFrame or str
        A docs table with ``doc_id`` and ``text`` columns and, optionally,
        ``date`` (datetime64; NaT when unknown), as :func:`analysis.read_corpus`
        returns; or one text, the document ``"doc"`` without a date.
    sentences : DataFrame, optional
        The :func:`analysis.sentence_table` of ``docs``, when already made
        (as for :func:`analysis.timeline.event_timeline`): pass it, and the
        sentence step is not done again. When not given (and some expression
        is found), no sentence table is built: only where sentences start is
        found (:mod:`analysis.timeline._sentences`: the same Punkt decisions
        as :func:`analysis.sentence_table`, at the candidate boundaries only).

    Returns
    -------
    DataFrame
        One row per temporal expression, in document and text order:

        - ``doc_id`` (category): the document, categories in ``docs`` order;
        - ``timex_id`` (int32): 0-based position of the expression in its document;
        - ``start``, ``end`` (int32): character offsets, ``text[start:end]`` is the expression;
        - ``text`` (str): the expression as written;
        - ``type`` (category): ``DATE``, ``TIME``, ``DURATION`` or ``SET``;
        - ``value`` (str): the TIMEX3 value: ``2018-07-19``, ``2018-07-19TNI``,
          ``2018-W28``, ``2018-07``, ``2018-Q3``, ``2018-SU``, ``2018``, ``199``
          (the 1990s), ``P3D``, ``PT5H``, ``PXY``, ``PRESENT_REF``, ``PAST_REF``,
          ``FUTURE_REF``, ``XXXX-WXX-4`` (a Thursday, no dateline),
          ``XXXX-XX-XX`` (unknowable: impossible date, year out of range);
        - ``mod`` (object): ``START``, ``MID``, ``END``, ``MORE_THAN``,
          ``LESS_THAN``, ``EQUAL_OR_MORE``; None when there is none;
        - ``anchor`` (datetime64[ns]): the document date the value was computed
          from; NaT when the document has none;
        - ``sent_id`` (int32): the sentence of :func:`analysis.sentence_table`
          the expression starts in.

    Raises
    ------
    ParameterError
        If ``docs`` lacks ``doc_id``/``text``, has duplicate ids or non-text
        values, or ``docs.date`` cannot be read as dates.

    Notes
    -----
    Values follow TimeML (TIMEX3) as annotated in TimeBank where the news
    rules above leave room: "the (fiscal) year ended June 30" is
    ``DURATION P1Y``; "the year-ago third quarter" is the third quarter of
    the year before; a quarter named in a future clause may be the one just
    ended (results are reported after it); a date after a deadline word
    ("through Oct. 19", "payable Jan. 2") is the nearest such date either
    side of the dateline; a clock time with a date ("5 p.m. EST, Nov. 6") is
    that day's time; a reporting verb right after the expression ("on Tuesday
    said") makes its clause past; "the near term" is ``FUTURE_REF``, "the weeks
    ahead" and "over the years" unspecified durations, "2 1/2 years" ``P2Y6M``;
    "three-quarters of" is a fraction, not a duration; a company's "latest
    period" is a quarter where quarters are spoken of; "the past year", "the
    next year" (no number) are the calendar year before or after; "year-end"
    is the dateline's year with mod ``END``; a rate after a quantity ("$2
    million a year", "20% annually") is no temporal expression; a sentence
    opened by the expression, then a subject and a reporting verb ("In
    September, it announced ...") dates the report; "the following year",
    "the previous Friday" count from the last date the text named (else
    from the dateline), and so do "that year", "that month" (which are no
    expression when the text named none before); "the current fiscal year" is the dateline's year; "a
    minute and a half" is ``PT1M30S``; "each July" is the set ``XXXX-07``;
    "the 1988 quarter" is that year's quarter of the one just reported;
    "three days later", "30 days before" are durations (the word after is a
    signal, outside the span: the point they count from is an event);
    "more than a quarter of the market" is a fraction; a unit or deictic word
    capitalised inside a sentence (ABC's "This Week", "VOA Today") is part of
    a name.
    Extents follow TimeBank: value-changing modifiers are inside the span
    (``early``, ``mid-``, ``the end of``, ``earlier this``, ``more than``),
    prepositions are outside ("for *many years*", "on *Thursday*").

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "date": [pd.Timestamp("2018-07-20")],
    ...                      "text": ["She spoke on Thursday and will travel next week."]})
    >>> timex_table(docs)[["text", "type", "value"]].to_dict("records")
    [{'text': 'Thursday', 'type': 'DATE', 'value': '2018-07-19'}, {'text': 'next week', 'type': 'DATE', 'value': '2018-W30'}]
    """
    from analysis.timeline._extract import build_table

    return build_table(docs, sentences)
