"""Dates in strings, for :func:`analysis.read_corpus`: patterns, candidates, precedence.

Private helper (pure Python). Every parser returns a :class:`DateCandidate`
naming its source; :func:`best_date` picks one by the precedence documented in
:func:`analysis.read_corpus`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

__all__ = [
    "DATE_SOURCES",
    "MONTH_DAY",
    "DateCandidate",
    "best_date",
    "date_candidate",
    "from_match",
    "parse_date_line",
    "parse_filename_date",
    "resolve_date",
    "title_date",
]

#: Date sources, highest precedence first (see :func:`resolve_date`).
DATE_SOURCES = ("index.csv", "column", "header", "title", "date_line", "dateline", "filename")
_SOURCE_RANK = {name: rank for rank, name in enumerate(DATE_SOURCES)}

#: pandas' datetime64[ns] can hold these years; dates outside them are unknown.
_MIN_YEAR, _MAX_YEAR = 1678, 2261
#: Longest line taken for a date line.
_MAX_DATE_LINE_CHARS = 100

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

# --- regular expressions (compiled once) -----------------------------------------
_MONTH = (
    r"(?P<month>(?i:January|February|March|April|May|June|July|August|September|"
    r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec))"
    r"(?:\.|(?![A-Za-z]))"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<year>1[6-9]\d\d|2[01]\d\d)(?!\d)"
_WEEKDAY = r"(?:(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_SEP_YEAR = r"(?:\s*,\s*|\s+)"  # "July 19, 2018", "July 19 2018", "July 19 ,2018"
# Month-day with an optional year ("June11, 2018" has no space: the site's own typo).
_MDY_OPT = _WEEKDAY + _MONTH + r"\s*" + _DAY + r"(?:" + _SEP_YEAR + _YEAR + r")?"
#: Regex source of a month-day with an optional year (groups month, day, year).
MONTH_DAY = _MDY_OPT
_MDY = _WEEKDAY + _MONTH + r"\s*" + _DAY + _SEP_YEAR + _YEAR
_DMY = _WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR
_ISO = r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)"

_END = r"\s*\.?\s*$"
# A date at the end of a title, after "on"/"of"/"dated", punctuation or a wide gap.
_TITLE_LEAD = r"(?:^|\b(?i:on|of|dated)\s+|[.,:;]\s+|\s{2,}|\s[-–—]\s+)"
_TITLE_DATES = tuple(re.compile(_TITLE_LEAD + p + _END) for p in (_MDY_OPT, _DMY, _ISO))
# A date line: a full date alone, at the start (then punctuation) or at the end.
_LINE_TAIL = r"(?=\s*$|\s*[.,;:(\-–—]|\s{2,})"
_LINE_LEAD = r"(?:[.,;:]\s+|\s{2,}|[-–—]\s+)"
_DATE_LINE_STARTS = tuple(re.compile(p + _LINE_TAIL) for p in (_MDY, _DMY, _ISO))
_DATE_LINE_ENDS = tuple(re.compile(_LINE_LEAD + p + _END) for p in (_MDY, _DMY, _ISO))
_DIGIT = re.compile(r"\d")

_FILE_DAY = re.compile(
    r"(?<![0-9A-Za-z])(?P<year>1[6-9]\d\d|2[01]\d\d)(?P<sep>[-_.]?)(?P<month>0[1-9]|1[0-2])"
    r"(?P=sep)(?P<day>0[1-9]|[12]\d|3[01])(?!\d)"
)
_FILE_MONTH = re.compile(r"(?<![0-9A-Za-z])" + _YEAR + r"[-_.](?P<month>0[1-9]|1[0-2])(?!\d)")
_FILE_YEAR = re.compile(r"(?<![0-9A-Za-z])" + _YEAR)
_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}


class DateCandidate(NamedTuple):
    """A date one source gives: ``year`` None for a month-day needing a year."""

    year: int | None
    month: int | None
    day: int | None
    source: str

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"


# --- parsers ---------------------------------------------------------------------------
def title_date(title: str) -> DateCandidate | None:
    """A date ending a title: ``... on July 19, 2018``, ``June11, 2018``, ``on September 10``."""
    if not _ends_with_digit(title):
        return None
    for pattern in _TITLE_DATES:
        found = pattern.search(title)
        if found is not None:
            return from_match(found, "title")
    return None


def parse_date_line(line: str) -> DateCandidate | None:
    """A short line that is, starts with or ends with a full date (``April 16, 1945``)."""
    line = line.strip()
    if not line or len(line) > _MAX_DATE_LINE_CHARS or _DIGIT.search(line) is None:
        return None
    for pattern in _DATE_LINE_STARTS:
        found = pattern.match(line)
        if found is not None:
            return from_match(found, "date_line")
    if _ends_with_digit(line):
        for pattern in _DATE_LINE_ENDS:
            found = pattern.search(line)
            if found is not None:
                return from_match(found, "date_line")
    return None


def parse_filename_date(stem: str) -> DateCandidate | None:
    """A date in a file name: ``2018-07-19_t1578759`` (day), ``1945-Truman`` (year)."""
    for pattern in (_FILE_DAY, _FILE_MONTH, _FILE_YEAR):
        found = pattern.search(stem)
        if found is not None:
            return from_match(found, "filename")
    return None


def resolve_date(candidates: list[DateCandidate]) -> DateCandidate | None:
    """Choose one date from candidates listed highest precedence first.

    A month-day without a year takes the year of the first candidate that has
    one (or is dropped when none has). The highest-precedence candidate wins,
    except that a later, more precise candidate that agrees with it on what it
    does give refines it (``1945`` from the file name, ``April 16, 1945`` from a
    date line: the date line wins).
    """
    year = next((c.year for c in candidates if c.year is not None), None)
    best: DateCandidate | None = None
    for cand in candidates:
        if cand.year is None:
            if year is None or _valid(year, cand.month, cand.day) is None:
                continue
            cand = cand._replace(year=year)
        if best is None or (_finer(cand, best) and _agrees(cand, best)):
            best = cand
    return best


def best_date(candidates: list[DateCandidate]) -> DateCandidate | None:
    """:func:`resolve_date` over candidates in any order (sorted by :data:`DATE_SOURCES`)."""
    return resolve_date(sorted(candidates, key=lambda cand: _SOURCE_RANK[cand.source]))


def from_match(match: re.Match, source: str) -> DateCandidate | None:
    """The candidate a date pattern matched (groups ``year``, ``month``, ``day``)."""
    groups = match.groupdict()
    month_text = groups.get("month")
    if month_text is None:
        month = None
    else:
        month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower()]
    day = int(groups["day"]) if groups.get("day") else None
    year = int(groups["year"]) if groups.get("year") else None
    if year is None:  # a month-day: possible in some year (2000 is a leap year)?
        return DateCandidate(None, month, day, source) if _valid(2000, month, day) else None
    return date_candidate(year, month, day, source)


def date_candidate(
    year: int, month: int | None, day: int | None, source: str
) -> DateCandidate | None:
    """A :class:`DateCandidate`, or None if no such date fits in datetime64[ns]."""
    return None if _valid(year, month, day) is None else DateCandidate(year, month, day, source)


def _valid(year: int, month: int | None, day: int | None) -> dt.date | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return dt.date(year, month or 1, day or 1)
    except ValueError:
        return None


def _finer(a: DateCandidate, b: DateCandidate) -> bool:
    return _PRECISION_RANK[a.precision] > _PRECISION_RANK[b.precision]


def _agrees(a: DateCandidate, b: DateCandidate) -> bool:
    """Whether ``a`` matches ``b`` on every part ``b`` gives."""
    return a.year == b.year and (b.month is None or a.month == b.month)


def _ends_with_digit(text: str) -> bool:
    """Cheap test before the end-anchored date patterns: ``... 2018`` or ``... 2018.``."""
    return text.rstrip(" .")[-1:].isdigit()
