"""Event timelines: the dated things a document mentions, placed on a calendar.

:func:`event_timeline` takes the temporal expressions of
:func:`analysis.timeline.timex.timex_table` (TimeML TIMEX3 values) and keeps
those that name a calendar date or period, with the sentence each sits in and
one ``publication`` row per dated document. :func:`value_period` turns one
TIMEX3 value into the calendar span it names.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.errors import CorpusError, ParameterError

__all__ = ["EVENT_COLUMNS", "GRANULARITIES", "event_timeline", "value_period"]

#: Columns of :func:`event_timeline`, in order.
EVENT_COLUMNS = (
    "doc_id", "kind", "timex_id", "date", "date_end", "granularity", "value", "mod",
    "text", "label", "sentence", "sent_id", "start", "end",
)  # fmt: skip

#: Granularities :func:`value_period` can give, finest first.
GRANULARITIES = (
    "time", "day", "weekend", "week", "month", "season", "quarter", "half", "year",
    "decade", "century",
)  # fmt: skip

_TIMEX_COLUMNS = ("doc_id", "timex_id", "start", "end", "text", "type", "value")
# pandas' datetime64[ns] holds these years; values outside cannot go on the calendar.
_MIN_YEAR, _MAX_YEAR = 1678, 2261
# TimeML season codes -> (first month, number of months); winter runs into the next year.
_SEASONS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "AU": (9, 3), "WI": (12, 3)}
_VALUE = re.compile(
    r"(?P<year>\d{4})(?:-(?:"
    r"(?P<month>\d{2})(?:-(?P<day>\d{2})(?:T(?P<time>\d{2}(?::\d{2}){0,2}|MO|AF|EV|NI|DT))?)?"
    r"|W(?P<week>\d{2})(?P<we>-WE)?"
    r"|Q(?P<quarter>[1-4])"
    r"|H(?P<half>[12])"
    r"|(?P<season>SP|SU|FA|AU|WI)"
    r"))?"
    r"|(?P<decade>\d{3})|(?P<century>\d{2})"
)
_WORD = re.compile(r"[^\W\d_][\w'-]+")  # two letters or more: not the 'Q' of 'Q: ...'
# Calendar words are not useful labels: "on Thursday (July 19)" says nothing about the event.
_CALENDAR_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "today", "yesterday", "tomorrow", "week", "weeks", "month", "months",
    "year", "years", "day", "days", "morning", "afternoon", "evening", "night", "date", "last",
    "next", "this", "past", "recent", "recently", "earlier", "later", "ago", "early", "late",
    "mid",
})


class Period(NamedTuple):
    """A calendar span: first and last day (inclusive), and its granularity."""

    start: pd.Timestamp
    end: pd.Timestamp
    granularity: str


def value_period(value: object) -> Period | None:
    """The calendar span a TIMEX3 value names, or ``None`` when it names none.

    Parameters
    ----------
    value : str
        A TIMEX3 ``value``: ``2018-07-19``, ``2018-07-19T15:30``, ``2018-07-19TMO``,
        ``2018-07-19T24:00`` (midnight, the end of that day: 2018-07-20 00:00),
        ``2018-W28``, ``2018-W28-WE``, ``2018-07``, ``2018-Q3``, ``2018-H1``,
        ``2018-SU`` (seasons: SP Mar-May, SU Jun-Aug, FA/AU Sep-Nov, WI Dec to
        Feb of the next year), ``2018``, ``199`` (the 1990s), ``19`` (1900-1999).

    Returns
    -------
    Period or None
        ``(start, end, granularity)``: ``start`` the first day (or the time,
        for a clock time), ``end`` the last day, inclusive. ``None`` for values
        with ``X`` placeholders, ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``,
        durations (``P3D``), impossible dates (``2018-02-30``) and years pandas
        cannot hold (before 1678 or after 2261).

    Examples
    --------
    >>> value_period("2018-W29")
    Period(start=Timestamp('2018-07-16 00:00:00'), end=Timestamp('2018-07-22 00:00:00'), granularity='week')
    >>> value_period("PRESENT_REF") is None
    True
    """
    if not isinstance(value, str):
        return None
    m = _VALUE.fullmatch(value.strip())
    if m is None:
        return None
    g = m.groupdict()
    try:
        if g["century"] is not None:
            year = int(g["century"]) * 100
            return _span(year, 1, 1200, "century")
        if g["decade"] is not None:
            return _span(int(g["decade"]) * 10, 1, 120, "decade")
        year = int(g["year"])
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            return None
        if g["day"] is not None:
            day = pd.Timestamp(year=year, month=int(g["month"]), day=int(g["day"]))
            time = g["time"]
            if time and time[:2] == "24":  # midnight, the end of the day named: the next day's first instant
                clock = day + pd.Timedelta(days=1)
                return Period(clock, clock, "time")
            if time and time[0].isdigit():
                clock = pd.Timestamp(f"{day.date()}T{time}")
                return Period(clock, clock, "time")
            return Period(day, day, "time" if time else "day")
        if g["month"] is not None:
            return _span(year, int(g["month"]), 1, "month")
        if g["week"] is not None:
            monday = pd.Timestamp.fromisocalendar(year, int(g["week"]), 1)
            if g["we"]:
                return Period(monday + pd.Timedelta(days=5), monday + pd.Timedelta(days=6), "weekend")
            return Period(monday, monday + pd.Timedelta(days=6), "week")
        if g["quarter"] is not None:
            return _span(year, 3 * int(g["quarter"]) - 2, 3, "quarter")
        if g["half"] is not None:
            return _span(year, 6 * int(g["half"]) - 5, 6, "half")
        if g["season"] is not None:
            first, months = _SEASONS[g["season"]]
            return _span(year, first, months, "season")
        return _span(year, 1, 12, "year")
    except (ValueError, OverflowError):  # 2018-02-30, week 54, out of range
        return None


def _span(year: int, month: int, months: int, granularity: str) -> Period | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    start = pd.Timestamp(year=year, month=month, day=1)
    end = start + pd.DateOffset(months=months) - pd.Timedelta(days=1)
    if end.year > _MAX_YEAR:
        return None
    return Period(start, end, granularity)


def event_timeline(
    docs: pd.DataFrame,
    timexes: pd.DataFrame,
    *,
    sentences: pd.DataFrame | None = None,
    publication: bool = True,
) -> pd.DataFrame:
    """Place the dated mentions of a corpus on a calendar, with their sentences.

    A mention is a ``DATE`` or ``TIME`` timex whose ``value`` names a calendar
    day or period (see :func:`value_period`): "Thursday (July 19)" anchored to a
    2018-07-20 dateline is ``2018-07-19``, "last month" may be ``2018-06``.
    Durations, sets, ``PRESENT_REF`` and values left as ``XXXX-XX-XX`` (a
    relative expression in an undated document) are not events and are left
    out. Each dated document adds one ``publication`` row on its own date; a
    mention of that same day on the document's first line (the dateline,
    "date 2018-07-20 BEIJING") is that row, not a separate mention.

    Parameters
    ----------
    docs : DataFrame
        Documents of :func:`analysis.read_corpus` (``doc_id``, ``date``, ``text``;
        ``title`` is used for the publication rows when present).
    timexes : DataFrame
        Temporal expressions of :func:`analysis.timeline.timex.timex_table`:
        ``doc_id, timex_id, start, end, text, type, value`` and optionally ``mod``.
    sentences : DataFrame, optional
        The :func:`analysis.sentence_table` of ``docs``; computed when omitted.
    publication : bool, default True
        Add one ``publication`` row per dated document.

    Returns
    -------
    DataFrame
        One row per mention or publication, sorted by ``date``, ``date_end``,
        ``doc_id``, publication before mentions, then ``start``:

        - ``doc_id`` (str), ``kind`` (str): ``"mention"`` or ``"publication"``;
        - ``timex_id`` (Int32 for the integer ids of ``timex_table``, else
          string; ``<NA>`` for a publication row that is not a dateline);
        - ``date`` (datetime64[ns]): first day of the period (the time for a clock time);
        - ``date_end`` (datetime64[ns]): last day of the period, inclusive;
        - ``granularity`` (str): one of :data:`GRANULARITIES`;
        - ``value`` (str): the TIMEX3 value (the ISO day for publications);
        - ``mod`` (str, ``<NA>`` when none): the TIMEX3 ``mod`` (START, END, ...),
          kept as given; the span is not narrowed by it;
        - ``text`` (str): the expression as written (for a publication: its dateline, else the title);
        - ``label`` (str): a short label, up to two content words before the
          expression in its sentence (not reaching past another expression) ("press briefing" for "a daily press
          briefing on Thursday"), else after it; ``"publication"`` for publications;
        - ``sentence`` (str): the sentence holding the expression;
        - ``sent_id`` (Int32), ``start``, ``end`` (Int64): the sentence and the
          expression's character offsets in the document text (``<NA>`` for a publication without dateline).

        ``attrs["n_unplaced"]`` counts DATE/TIME timexes left out because their
        value names no calendar span.

    Raises
    ------
    CorpusError
        ``docs`` lacks ``doc_id``, ``date`` or ``text``.
    ParameterError
        ``timexes`` is not a DataFrame or lacks a required column.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["d"], "date": [pd.Timestamp("2018-07-20")],
    ...     "text": ["She told a press briefing on Thursday (July 19)."]})
    >>> timexes = pd.DataFrame({"doc_id": ["d"], "timex_id": ["t1"], "start": [29],
    ...     "end": [47], "text": ["Thursday (July 19)"], "type": ["DATE"],
    ...     "value": ["2018-07-19"]})
    >>> event_timeline(docs, timexes)[["kind", "date", "label"]]
              kind       date           label
    0      mention 2018-07-19  press briefing
    1  publication 2018-07-20     publication
    """
    for column in ("doc_id", "date", "text"):
        if column not in getattr(docs, "columns", ()):
            raise CorpusError(f"docs needs a {column!r} column (the table of analysis.read_corpus)")
    if not isinstance(timexes, pd.DataFrame):
        raise ParameterError(f"timexes must be a DataFrame of timex_table, got {type(timexes).__name__}")
    missing = [c for c in _TIMEX_COLUMNS if c not in timexes.columns]
    if missing:
        raise ParameterError(
            f"timexes lacks column(s) {missing}; pass the table of timex_table(docs) "
            f"(columns {', '.join(_TIMEX_COLUMNS)}, ...)"
        )
    timexes = timexes.reset_index(drop=True)
    if sentences is None:
        from analysis.text import sentence_table

        sentences = sentence_table(docs)
    from analysis.text import load_stopwords

    stop = load_stopwords("en") | _CALENDAR_WORDS
    texts = dict(zip(docs["doc_id"].astype(str), docs["text"]))
    sent_index = _sentence_index(sentences)

    rows = []
    n_unplaced = 0
    # a label is read between the neighbouring expressions, never across one
    ordered = timexes.assign(_d=timexes["doc_id"].astype(str)).sort_values(["_d", "start"], kind="stable")
    prev_end = ordered.groupby("_d", sort=False)["end"].shift(1).reindex(timexes.index)
    next_start = ordered.groupby("_d", sort=False)["start"].shift(-1).reindex(timexes.index)
    dated = timexes[timexes["type"].isin(["DATE", "TIME"])]
    mods = dated["mod"] if "mod" in dated.columns else pd.Series(pd.NA, index=dated.index)
    for (_, t), mod in zip(dated.iterrows(), mods):
        span = value_period(t["value"])
        doc_id = str(t["doc_id"])
        if span is None or doc_id not in texts:
            n_unplaced += 1
            continue
        start, end = int(t["start"]), int(t["end"])
        sent_id, s_start, s_end = _sentence_of(sent_index.get(doc_id), start)
        text = texts[doc_id]
        sentence = text[s_start:s_end] if s_end > s_start else ""
        left = s_start if pd.isna(prev_end[t.name]) else max(s_start, int(prev_end[t.name]))
        right = s_end if pd.isna(next_start[t.name]) else min(s_end, int(next_start[t.name]))
        label = _label(text[left:start], text[end:right], stop)
        rows.append((doc_id, "mention", t["timex_id"], span.start, span.end,
                     span.granularity, str(t["value"]), _text_or_na(mod), str(t["text"]),
                     label, sentence, sent_id, start, end))  # fmt: skip
    if publication:
        rows = _add_publications(rows, docs, texts)
    table = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    table = _typed(table)
    order = (table["kind"] == "mention").astype(int)
    table = (
        table.assign(_o=order, _s=table["start"].fillna(-1))
        .sort_values(["date", "date_end", "doc_id", "_o", "_s"], kind="stable")
        .drop(columns=["_o", "_s"])
        .reset_index(drop=True)
    )
    table.attrs["n_unplaced"] = n_unplaced
    return table


def _add_publications(rows: list[tuple], docs: pd.DataFrame, texts: dict[str, str]) -> list[tuple]:
    """One publication row per dated document; a dateline mention of that day becomes it."""
    by_doc: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_doc.setdefault(row[0], []).append(i)
    merged: set[int] = set()
    titles = docs["title"] if "title" in docs.columns else pd.Series("", index=docs.index)
    publications = []
    for doc_id, date, title in zip(docs["doc_id"].astype(str), docs["date"], titles):
        if pd.isna(date):
            continue
        day = pd.Timestamp(date).normalize()
        first_line = texts[doc_id].find("\n") if isinstance(texts.get(doc_id), str) else -1
        first_line = len(texts.get(doc_id) or "") if first_line < 0 else first_line
        dateline = next((i for i in by_doc.get(doc_id, ()) if rows[i][3] == day and rows[i][4] == day
                         and rows[i][5] == "day" and rows[i][13] <= first_line), None)  # fmt: skip
        if dateline is not None:  # "date 2018-07-20 BEIJING ...": the dateline is the publication
            merged.add(dateline)
            publications.append(rows[dateline][:1] + ("publication",) + rows[dateline][2:9]
                                + ("publication",) + rows[dateline][10:])  # fmt: skip
        else:
            publications.append((doc_id, "publication", pd.NA, day, day, "day", f"{day.date()}", pd.NA,
                                 "" if pd.isna(title) else str(title), "publication", "", pd.NA, pd.NA,
                                 pd.NA))  # fmt: skip
    return [row for i, row in enumerate(rows) if i not in merged] + publications


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    for column in ("date", "date_end"):
        table[column] = pd.to_datetime(table[column]).astype("datetime64[ns]")
    try:  # the integer ids of timex_table stay integers; other ids become strings
        table["timex_id"] = table["timex_id"].astype("Int32")
    except (TypeError, ValueError):
        table["timex_id"] = table["timex_id"].astype("string")
    for column in ("doc_id", "kind", "granularity", "value", "mod", "text", "label", "sentence"):
        table[column] = table[column].astype("string")
    table["sent_id"] = table["sent_id"].astype("Int32")
    for column in ("start", "end"):
        table[column] = table[column].astype("Int64")
    return table


def _text_or_na(value: object) -> object:
    return pd.NA if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "" else str(value)


def _sentence_index(sentences: pd.DataFrame) -> dict[str, tuple[np.ndarray, ...]]:
    index = {}
    for doc_id, group in sentences.groupby("doc_id", observed=True, sort=False):
        group = group.sort_values("start")
        index[str(doc_id)] = (
            group["start"].to_numpy(np.int64), group["end"].to_numpy(np.int64),
            group["sent_id"].to_numpy(np.int64),
        )  # fmt: skip
    return index


def _sentence_of(entry: tuple[np.ndarray, ...] | None, offset: int) -> tuple[object, int, int]:
    if entry is None or len(entry[0]) == 0:
        return pd.NA, 0, 0
    starts, ends, ids = entry
    i = max(int(np.searchsorted(starts, offset, side="right")) - 1, 0)
    return int(ids[i]), int(starts[i]), int(ends[i])


def _label(before: str, after: str, stop: frozenset[str]) -> str:
    """Up to two content words next to the expression: before it, else after it."""
    words = [w for w in _WORD.findall(before) if w.lower() not in stop]
    if words:
        return " ".join(words[-2:])
    words = [w for w in _WORD.findall(after) if w.lower() not in stop]
    return " ".join(words[:2])
