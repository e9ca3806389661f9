"""Turn the parts of a temporal expression into a TIMEX3 type, value and mod.

Anchoring rules for news (after HeidelTime's news domain):

- a bare weekday is the most recent such day on or before the dateline, or the
  next one after it when the clause is future tense ("will meet on Thursday");
  "last Friday" is strictly before, "next Friday" strictly after;
- "last week" is a week (``2018-W28``), "last month" a month, "this year" a year;
  "earlier this month" is the month with mod ``START``, "late last year" ``END``;
- a month or a day without a year takes the dateline's year, moved forward a
  year when the clause is future tense and it lies before the dateline, back
  a year when the clause is past tense ("was", "-ed") and it lies after it;
  without a tense cue, back a year when it lies more than six months after
  the dateline (December in a January report);
- "N units ago" counts back at the unit's granularity ("a year ago", the
  newswire comparison, keeps the month: ``2017-07``);
- durations (``P3D``, ``PXY``) and sets (``P1Y``, ``XXXX-WXX-4``) are not anchored;
- without a dateline, relative expressions get ``X`` placeholders
  (``XXXX-WXX-4``, ``XXXX-07``) and explicit ones keep their value;
- an impossible date ("February 30") or a year outside 1-9999 becomes
  ``XXXX-XX-XX``; counted back before year 1 ("5,000 years ago"), a year
  is written ``BC`` and the year before Christ (``BC2983``, as in TIMEX2
  and HeidelTime).
"""

from __future__ import annotations

import datetime as dt
import re

from analysis.timeline._grammar import (
    DECADE_WORDS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    WEEKDAYS,
)

UNKNOWN = "XXXX-XX-XX"
_UNIT_CODE = {
    "second": ("T", "S", 1), "minute": ("T", "M", 1), "hour": ("T", "H", 1), "day": ("", "D", 1),
    "week": ("", "W", 1), "weekend": ("", "D", 2), "fortnight": ("", "W", 2), "month": ("", "M", 1),
    "quarter": ("", "M", 3), "year": ("", "Y", 1), "decade": ("", "DE", 1), "century": ("", "CE", 1),
}  # fmt: skip
_SET_WORDS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
              "quarterly": "P3M", "semiannually": "P6M", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H"}  # fmt: skip
_REFS = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF", "presently": "PRESENT_REF",
         "at present": "PRESENT_REF", "right now": "PRESENT_REF", "these days": "PRESENT_REF", "current": "PRESENT_REF",
         "recently": "PAST_REF", "lately": "PAST_REF", "formerly": "PAST_REF", "previously": "PAST_REF",
         "recent": "PAST_REF", "former": "PAST_REF", "soon": "FUTURE_REF",
         "past": "PAST_REF", "future": "FUTURE_REF", "present": "PRESENT_REF"}  # fmt: skip
_EDGES = {"early": "START", "earlier": "START", "beginning": "START", "start": "START", "first": "START",
          "late": "END", "later": "END", "end": "END", "close": "END", "second": "END", "mid": "MID", "middle": "MID"}  # fmt: skip
_OFFSETS = {"this": 0, "current": 0, "same": 0, "last": -1, "previous": -1, "latest": -1, "past": -1,
            "next": 1, "following": 1, "coming": 1}  # fmt: skip
_MODS = {"more than": "MORE_THAN", "less than": "LESS_THAN", "fewer than": "LESS_THAN", "at least": "EQUAL_OR_MORE"}
_SEASON_ORDER = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}
_SPACE = re.compile(r"[\s-]+")
_YEARLIKE = re.compile(r"1[5-9]\d\d|20\d\d")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")  # 12,500: a thousands separator


def _words(value: str | None) -> str:
    if not value:
        return ""
    lower = value.lower()
    return lower if lower.isalnum() else _SPACE.sub(" ", lower).strip()  # (one word: nothing to join or strip)


def edge_mod(value: str | None) -> str | None:
    """mod for an edge word: early/earlier/the beginning of -> START, late/the end of -> END, mid -> MID."""
    words = _words(value).split()
    return next((_EDGES[w] for w in words if w in _EDGES), None)


def number(value: str) -> float | None:
    """``"3"``, ``"12,500"``, ``"twenty four"``, ``"a"``, ``"2 1/2"`` -> a number; None when vague."""
    text = _words(value).replace(" and a half", " half").replace(" 1/2", ".5")
    try:
        return float(text.replace(",", "") if _GROUPED.fullmatch(text) else text)
    except ValueError:
        pass
    total, current = 0.0, 0.0
    for word in text.replace(" and ", " ").split():
        n = NUMBERS.get(word)
        if n is None:
            return None
        if word == "half":
            current += 0.5
        elif n in (100, 1000):
            current = max(current, 1) * n
            if n == 1000:
                total, current = total + current, 0.0
        else:
            current += n
    return total + current


def _fmt_number(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def unit_of(word: str) -> str:
    word = word.lower()
    if word == "centuries":
        return "century"
    return word[:-1] if word.endswith("s") and word[:-1] in _UNIT_CODE else word


# a counted decade or century is written in years, as TimeBank writes decades ("two decades" P20Y) and as a fraction
# of one must be ("a decade and a half" P15Y); an uncounted one keeps its unit ("decades" PXDE, "centuries" PXCE)
_IN_YEARS = {"DE": 10, "CE": 100}
# a fraction of a unit is written in the next smaller one: (time part, code) -> (factor, smaller code, its time part)
_SPLIT = {("", "Y"): (12, "M", ""), ("T", "H"): (60, "M", "T"), ("T", "M"): (60, "S", "T"), ("", "D"): (24, "H", "T")}


def duration(n: float | None, unit: str) -> str:
    """``P3D``, ``PT5H``, ``P9M`` (3 quarters), ``P2Y6M`` (2 1/2 years), ``PT1M30S``, ``P20Y`` (2 decades),
    ``P15Y`` (1 1/2 decades), ``PXY`` when ``n`` is None (``PXDE`` for decades)."""
    time, code, scale = _UNIT_CODE[unit_of(unit)]
    if n is not None and code in _IN_YEARS:
        time, code, scale = "", "Y", _IN_YEARS[code]  # two decades: P20Y, a decade and a half: P15Y
    split = _SPLIT.get((time, code))
    if n is not None and split and not float(n * scale).is_integer() and float(n * scale * split[0]).is_integer():
        # 2 1/2 years: P2Y6M, an hour and a half: PT1H30M, as TimeML writes them
        factor, small, small_time = split
        whole, rest = divmod(int(n * scale * split[0]), factor)
        if not whole:
            return f"P{small_time}{rest}{small}"
        return f"P{time}{whole}{code}{small_time if small_time != time else ''}{rest}{small}"
    amount = "X" if n is None else _fmt_number(n * scale)
    return f"P{time}{amount}{code}"


# ---------------------------------------------------------------- calendar helpers
def day_value(day: dt.date) -> str:
    return day.isoformat()


def week_value(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def shift_month(year: int, month: int, k: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + k
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def add_days(day: dt.date, k: int) -> dt.date | None:
    try:
        return day + dt.timedelta(days=k)
    except OverflowError:
        return None


def year_ok(year: int) -> bool:
    return 1 <= year <= 9999


def weekday_date(anchor: dt.date, weekday: int, *, relation: str) -> dt.date | None:
    """The ``weekday`` (1=Monday) nearest ``anchor`` by ``relation``: on_or_before, before, on_or_after, after."""
    back = (anchor.isoweekday() - weekday) % 7
    if relation == "on_or_before":
        return add_days(anchor, -back)
    if relation == "before":
        return add_days(anchor, -(back or 7))
    ahead = (weekday - anchor.isoweekday()) % 7
    return add_days(anchor, ahead if relation == "on_or_after" else (ahead or 7))


def infer_year(anchor: dt.date, month: int, day: int | None, future: bool, past: bool = False, deadline: bool = False) -> int:
    """The year of a month (and day) named without one, seen from ``anchor``.

    In a future clause, the next such date on or after the dateline; in a
    past clause, the last one on or before it. Without a tense cue, the
    nearest: moved back a year when it lies more than six months after the
    dateline (December in a January report). After a deadline word ("until",
    "through", "payable") with no tense cue, the nearest such date either side.
    """
    year = anchor.year
    if deadline and not future and not past:  # "through Oct. 19", "payable Jan. 2": the nearest such date
        target = (month, day or 15)
        candidates = [y for y in (year - 1, year, year + 1) if year_ok(y) and safe_date(y, month, min(target[1], 28))]
        return min(candidates, key=lambda y: abs((dt.date(y, month, min(target[1], 28)) - anchor).days), default=year)
    if future:
        before = (month, day or 31) < (anchor.month, anchor.day)
        return year + 1 if before else year
    after = (month, day or 1) > (anchor.month, anchor.day if day else 1)
    if past:
        return year - 1 if after else year
    return year - 1 if after and month - anchor.month > 6 else year


def quarter_year(anchor: dt.date, q: int, per_year: int, future: bool) -> int:
    """Year of the ``q``-th quarter (or half) named without a year."""
    current = (anchor.month - 1) * per_year // 12 + 1
    if future:  # the quarter just ended is still reported on ("third-quarter results will be lower" in October)
        return anchor.year if q >= current - 1 else anchor.year + 1
    return anchor.year if q <= current else anchor.year - 1


def season_of(day: dt.date) -> tuple[int, int]:
    """(year, index) of the season containing ``day``: SP 0, SU 1, FA 2, WI 3 (Dec-Feb, year of December)."""
    if day.month in (1, 2):
        return day.year - 1, 3
    return day.year, (day.month - 3) // 3


def season_value(anchor: dt.date, code: str, offset: int, future: bool) -> str:
    year, current = season_of(anchor)
    wanted = _SEASON_ORDER[code]
    if offset == 0:  # this spring: the dateline's year (this winter: the one that holds January)
        year = anchor.year - 1 if code == "WI" and anchor.month <= 2 else anchor.year
    elif offset < 0:
        year = year if wanted < current else year - 1
    elif offset > 0:
        year = year if wanted > current else year + 1
    return f"{year:04d}-{code}" if year_ok(year) else "XXXX-" + code


def relative_value(anchor: dt.date, unit: str, k: int) -> str | None:
    """The calendar unit ``k`` steps from the one containing ``anchor``: ``2018-W28``, ``2018-06``, ``2017``."""
    unit = unit_of(unit)
    if unit == "day":
        day = add_days(anchor, k)
        return day and day_value(day)
    if unit in ("week", "weekend", "fortnight"):
        day = add_days(anchor, 7 * k)
        return day and (week_value(day) + ("-WE" if unit == "weekend" else ""))
    if unit == "month":
        year, month = shift_month(anchor.year, anchor.month, k)
        return f"{year:04d}-{month:02d}" if year_ok(year) else None
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + k
        return f"{index // 4:04d}-Q{index % 4 + 1}" if year_ok(index // 4) else None
    if unit == "year":
        return f"{anchor.year + k:04d}" if year_ok(anchor.year + k) else None
    if unit == "decade":
        return f"{anchor.year // 10 + k:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + k:02d}"
    return None


def placeholder(unit: str) -> str:
    """The value of a relative expression without a dateline."""
    unit = unit_of(unit)
    return {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "fortnight": "XXXX-WXX", "month": "XXXX-XX",
            "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX", "century": "XX"}.get(unit, UNKNOWN)  # fmt: skip


# a fractional count is counted in a smaller unit: (factor, that unit)
_FINER = {"century": (100, "year"), "decade": (10, "year"), "year": (12, "month"), "quarter": (3, "month"),
          "month": (365.25 / 12, "day"), "week": (7, "day"), "fortnight": (14, "day")}  # fmt: skip


def ago_value(anchor: dt.date, n: float, unit: str, sign: int) -> str | None:
    """``n`` units before (sign -1) or after (+1) ``anchor``, at the unit's granularity; a fractional count in
    a smaller unit ("two and a half years ago": 30 months, a month; "a decade and a half ago": 15 years)."""
    unit = unit_of(unit)
    while not float(n).is_integer() and unit in _FINER:  # two and a half years ago: 30 months ago
        factor, finer = _FINER[unit]
        if finer == "day":  # a month and a half ago: the month (or week) of the day about 46 days back
            day = add_days(anchor, sign * int(n * factor + 0.5))
            return day and relative_value(day, unit, 0)
        n, unit = round(n * factor, 6), finer
    k = int(n + 0.5) * sign  # (a day and a half ago: two days back)
    if unit in ("second", "minute", "hour"):
        return day_value(anchor)
    if unit == "year" and abs(k) == 1:  # "a year ago": the same month a year back
        year, month = shift_month(anchor.year, anchor.month, 12 * k)
        return f"{year:04d}-{month:02d}" if year_ok(year) else None
    if unit in ("year", "decade", "century"):
        return year_value(anchor.year + {"year": 1, "decade": 10, "century": 100}[unit] * k)
    return relative_value(anchor, unit, k)


def year_value(year: int) -> str | None:
    """A year counted back or forth: ``1818``; before year 1, ``BC`` and the year before Christ, as TIMEX2
    and HeidelTime write them (``BC2983`` for 5,000 years before 2018: there is no year 0); past 9999, None.

    Examples
    --------
    >>> year_value(1818), year_value(0), year_value(-2982), year_value(10_000)
    ('1818', 'BC0001', 'BC2983', None)
    """
    if year < 1:
        return f"BC{1 - year:04d}"
    return f"{year:04d}" if year_ok(year) else None


def month_of(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def weekday_of(word: str) -> int:
    return WEEKDAYS[word.lower()]


def season_code(word: str) -> str:
    return SEASONS[word.lower()]


def part_code(word: str) -> str:
    return PARTS_OF_DAY[word.lower()]


def ordinal(word: str) -> int:
    word = word.lower()
    if word in ORDINALS:
        return ORDINALS[word]
    return int(re.sub(r"\D", "", word))


def decade_word(word: str) -> int:
    return DECADE_WORDS[_words(word).split()[-1]]


__all__ = ["UNKNOWN", "duration", "edge_mod", "number"]
