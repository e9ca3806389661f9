"""One rule per grammar pattern: the parts of a match -> (type, value, mod).

The anchored kinds (dates and times) are here; durations, sets and
references, which need no dateline, in :mod:`analysis.timeline._unanchored`.

Each function takes the match's named groups, the dateline (a
:class:`datetime.date` or None) and whether the clause is future tense, and
returns ``(type, value, mod)``, or None to drop a match that is not a
temporal expression after all ("a second round").
"""

from __future__ import annotations

import datetime as dt

from analysis.timeline import _unanchored
from analysis.timeline import normalise as n

Result = tuple[str, str, str | None] | None


def _explicit_day(year: int | None, month: int, day: int, anchor, future, mod=None, past=False, deadline=False) -> Result:
    if year is None:
        if anchor is None:
            valid = n.safe_date(2000, month, day)  # a leap year: accept February 29
            return "DATE", (f"XXXX-{month:02d}-{day:02d}" if valid else n.UNKNOWN), mod
        year = n.infer_year(anchor, month, day, future, past, deadline)
    date = n.safe_date(year, month, day) if n.year_ok(year) else None
    return "DATE", (n.day_value(date) if date else n.UNKNOWN), mod


def _day(g, key) -> int:
    return int("".join(c for c in g[key] if c.isdigit()))


def rule_iso(g, anchor, future) -> Result:
    date = n.safe_date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
    if date is None:
        return "DATE", n.UNKNOWN, None
    if "iso_t" in g:
        return "TIME", f"{date.isoformat()}T{g['iso_t']}", None
    return "DATE", date.isoformat(), None


def rule_slash(g, anchor, future) -> Result:
    year = int(g["sl_y"])
    if year < 100:
        year += 1900 if year >= 50 else 2000
    return _explicit_day(year, int(g["sl_m"]), int(g["sl_d"]), anchor, future)


def _clock(text: str) -> str | None:
    t = text.lower().replace(" ", "")
    if t == "noon":
        return "12:00"
    if t == "midnight":  # the end of the day named, as TimeML writes it (TimeBank: "midnight Friday" T24)
        return "24:00"
    pm, am = "p" in t, "a" in t
    digits = t.rstrip("apm.")
    hour, _, minute = digits.partition(":")
    hour, minute = int(hour), int(minute or 0)
    if hour > 23 or minute > 59 or ((am or pm) and not 1 <= hour <= 12):
        return None
    if pm and hour < 12:
        hour += 12
    if am and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def rule_clock(g, anchor, future) -> Result:
    clock = _clock(g["ck_t"])
    if clock is None:
        return None
    if "ck_m" in g:  # 5 p.m. EST, Nov. 6: that day
        year = int(g["ck_y"]) if "ck_y" in g else None
        _, day_value, _ = _explicit_day(
            year, n.month_of(g["ck_m"]), _day(g, "ck_d"), anchor, future, None, "past" in g, "deadline" in g
        )
        return "TIME", f"{day_value}T{clock}", None
    day = None
    if anchor is not None:
        rel = (g.get("ck_rel") or "today").lower()
        if "ck_wd" in g:
            day = n.weekday_date(anchor, n.weekday_of(g["ck_wd"]), relation="after" if future else "on_or_before")
        else:
            day = n.add_days(anchor, {"yesterday": -1, "tomorrow": 1}.get(rel, 0))
    return "TIME", f"{n.day_value(day) if day else n.UNKNOWN}T{clock}", None


def rule_mdy(g, anchor, future) -> Result:
    year = int(g["md_y"]) if "md_y" in g else None
    month, day = n.month_of(g["md_m"]), _day(g, "md_d")
    rel = (g.get("md_rel") or "").lower()
    if year is None and anchor is not None and rel in ("last", "next"):  # last Oct. 23: before the dateline
        future, g = rel == "next", {**g, "past": True} if rel == "last" else g
    return _explicit_day(year, month, day, anchor, future, n.edge_mod(g.get("md_edge")), "past" in g, "deadline" in g)


def rule_dmy(g, anchor, future) -> Result:
    year = int(g["dm_y"]) if "dm_y" in g else None
    return _explicit_day(year, n.month_of(g["dm_m"]), _day(g, "dm_d"), anchor, future, None, "past" in g, "deadline" in g)


def rule_month(g, anchor, future) -> Result:
    month = n.month_of(g["mo_m"])
    rel = (g.get("mo_rel") or "").lower()
    mod = n.edge_mod(rel)
    if "mo_y" in g:
        return "DATE", f"{int(g['mo_y']):04d}-{month:02d}", mod
    if "mo_ry" in g:  # June last year
        if anchor is None:
            return "DATE", f"XXXX-{month:02d}", mod
        year = anchor.year + {"last": -1, "next": 1}.get(g["mo_ry"].lower(), 0)
        return "DATE", (f"{year:04d}-{month:02d}" if n.year_ok(year) else n.UNKNOWN), mod
    if anchor is None:
        return "DATE", f"XXXX-{month:02d}", mod
    if rel == "last":
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == "this":
        year = anchor.year
    else:
        year = n.infer_year(anchor, month, None, future, "past" in g, "deadline" in g)
    return "DATE", (f"{year:04d}-{month:02d}" if n.year_ok(year) else n.UNKNOWN), mod


def rule_ago(g, anchor, future) -> Result:
    count = n.number(g["ag_n"])
    if count is not None and "ag_half" in g:
        count += 0.5  # "a year and a half ago"
    if "ag_sig" in g:  # "three days later": a duration counted from an event
        return "DURATION", n.duration(count, g["ag_u"]), n._MODS.get(n._words(g.get("ag_mt")))
    direction = n._words(g["ag_dir"])
    sign = 1 if direction in ("later", "from now", "hence") else -1
    mod = n._MODS.get(n._words(g.get("ag_mt")))
    if count is None:
        return "DATE", ("FUTURE_REF" if sign > 0 else "PAST_REF"), mod
    if anchor is None:
        return "DATE", n.placeholder(g["ag_u"]), mod
    if g.get("in_quarter") and count == 1 and sign < 0 and n.unit_of(g["ag_u"]) == "year":
        return "DATE", _year_ago_quarter(anchor), mod
    return "DATE", n.ago_value(anchor, count, g["ag_u"], sign) or n.UNKNOWN, mod


def _year_ago_quarter(anchor) -> str:
    """The quarter a year before the last completed one: results compared with "a year ago"."""
    return n.relative_value(anchor, "quarter", -5) or n.UNKNOWN


def rule_yago(g, anchor, future) -> Result:
    unit = g["ya_u"].lower()
    if anchor is None:
        return "DATE", n.placeholder(unit), None
    if g.get("in_quarter") and unit == "year":
        return "DATE", _year_ago_quarter(anchor), None
    return "DATE", n.ago_value(anchor, 1, unit, -1) or n.UNKNOWN, None


def rule_rel(g, anchor, future) -> Result:
    rel = n._words(g["rl_rel"])
    last_word = rel.split()[-1]
    word = g["rl_u"].lower()
    mod = n.edge_mod(g.get("rl_edge"))
    offset = n._OFFSETS.get(last_word, 1)
    part = n.part_code(g["rl_part"]) if "rl_part" in g else None
    if word in n.WEEKDAYS:
        if anchor is None:
            value = f"XXXX-WXX-{n.weekday_of(word)}"
        else:
            relation = {-1: "before", 1: "after"}.get(offset, "on_or_after" if future else "on_or_before")
            day = n.weekday_date(anchor, n.weekday_of(word), relation=relation)
            value = n.day_value(day) if day else n.UNKNOWN
        return ("TIME", f"{value}T{part}", mod) if part else ("DATE", value, mod)
    if word in n.SEASONS:
        code = n.season_code(word)
        if anchor is None:
            return "DATE", f"XXXX-{code}", mod
        return "DATE", n.season_value(anchor, code, offset, future), mod
    if anchor is None:
        return "DATE", n.placeholder(word), mod
    unit = n.unit_of(word)
    if unit in ("second", "minute", "hour"):
        return "DATE", "PRESENT_REF", mod
    return "DATE", n.relative_value(anchor, unit, offset) or n.UNKNOWN, mod


def rule_earlier(g, anchor, future) -> Result:
    unit = g["er_u"].lower()
    mod = n.edge_mod(g["er_edge"])
    if anchor is None:
        return "DATE", n.placeholder(unit), mod
    return "DATE", n.relative_value(anchor, unit, 0) or n.UNKNOWN, mod


def _quarter(q: int, per_year: int, year: int | None, anchor, future) -> Result:
    label = "Q" if per_year == 4 else "H"
    if q < 0:
        q = per_year
    if year is None:
        if anchor is None:
            return "DATE", f"XXXX-{label}{q}", None
        year = n.quarter_year(anchor, q, per_year, future)
    return "DATE", f"{year:04d}-{label}{q}", None


def rule_quarter(g, anchor, future) -> Result:
    per_year = 4 if g["qu_u"].lower() == "quarter" else 2
    q = n.ordinal(g["qu_o"])
    if q > per_year:
        return None
    year = g.get("qu_y") or g.get("qu_y0")
    return _quarter(q, per_year, int(year) if year else None, anchor, future)


def rule_yquarter(g, anchor, future) -> Result:
    per_year = 4 if g["yq_u"].lower() == "quarter" else 2
    q = n.ordinal(g["yq_o"]) if "yq_o" in g else None
    if q is not None and q > per_year:
        return None
    if anchor is None:
        return "DATE", f"XXXX-{'Q' if per_year == 4 else 'H'}{q or 'X'}", None
    shift = {"last": -1, "this": 0, "next": 1}.get((g.get("yq_rel") or "last").lower(), -1)
    if q is not None:
        return _quarter(q, per_year, anchor.year + shift, anchor, future)
    if per_year == 2:
        return "DATE", f"{anchor.year + shift:04d}-HX", None
    # no ordinal: the quarter last completed, moved by whole years ("the year-ago quarter")
    return "DATE", n.relative_value(anchor, "quarter", -1 + 4 * shift) or n.UNKNOWN, None


def rule_quarterq(g, anchor, future) -> Result:
    if g["qq_u"] not in "QH":  # upper case only: "q3" is not a quarter
        return None
    per_year = 4 if g["qq_u"] == "Q" else 2
    q = int(g["qq_o"])
    if q > per_year:
        return None
    return _quarter(q, per_year, int(g["qq_y"]) if "qq_y" in g else None, anchor, future)


def rule_thequarter(g, anchor, future) -> Result:
    rel = n._words(g.get("tq_rel"))
    if "tq_y" in g:  # "the 1988 quarter": the year's quarter of the one just reported
        latest = n.relative_value(anchor, "quarter", -1) if anchor is not None else None
        return "DATE", f"{g['tq_y']}-{latest[-2:] if latest else 'QX'}", None
    if anchor is None:
        return "DATE", "XXXX-QX", None
    # a quarter spoken of in the past is the last one completed; "the current quarter" is this one
    offset = 0 if rel == "current" or (future and not rel) else -1
    if rel in ("year ago", "year earlier"):
        offset -= 4
    return "DATE", n.relative_value(anchor, "quarter", offset) or n.UNKNOWN, None


def rule_theperiod(g, anchor, future) -> Result:
    rel = n._words(g["pe_rel"])
    if not g.get("in_quarter"):  # a company's period is a quarter only where quarters are spoken of
        if rel == "latest":
            return None
        return rule_yago({"ya_u": "year", "ya_dir": "ago"}, anchor, future)  # the year-ago period: as "year-ago"
    if anchor is None:
        return "DATE", "XXXX-QX", None
    offset = -1 if rel == "latest" else -5  # the last quarter completed, or the one a year before it
    return "DATE", n.relative_value(anchor, "quarter", offset) or n.UNKNOWN, None


def rule_decade(g, anchor, future) -> Result:
    mod = n.edge_mod(g.get("dc_edge"))
    if "dc_y" in g:
        return "DATE", g["dc_y"][:3], mod
    if "dc_2" in g:
        century = "19" if anchor is None or int(g["dc_2"]) > anchor.year % 100 else str(anchor.year // 100)
        return "DATE", century + g["dc_2"][0], mod
    return "DATE", f"19{n.decade_word(g['dc_w'])}", mod


def rule_century(g, anchor, future) -> Result:
    number = n.ordinal(g["ce_o"])
    if number < 1:
        if anchor is None:
            return "DATE", "XX", n.edge_mod(g.get("ce_edge"))
        number = anchor.year // 100 + 1
    return "DATE", f"{number - 1:02d}", n.edge_mod(g.get("ce_edge"))


def rule_season(g, anchor, future) -> Result:
    return "DATE", f"{int(g['se_y']):04d}-{n.season_code(g['se_s'])}", n.edge_mod(g.get("se_edge"))


def rule_theseason(g, anchor, future) -> Result:
    """The summer, the early winter: the season of the dateline's year, moved by the clause's tense."""
    code = n.season_code(g["ss_s"])
    mod = n.edge_mod(g.get("ss_edge") or g.get("ss_edge2"))
    if anchor is None:
        return "DATE", f"XXXX-{code}", mod
    if code == "WI":  # the winter around the dateline, or the last one
        return "DATE", n.season_value(anchor, code, 0 if future or anchor.month in (1, 2, 12) else -1, future), mod
    middle = {"SP": 4, "SU": 7, "FA": 10}[code]
    year = n.infer_year(anchor, middle, None, future, "past" in g)
    return "DATE", (f"{year:04d}-{code}" if n.year_ok(year) else "XXXX-" + code), mod


def rule_deictic(g, anchor, future) -> Result:
    word = g["dx_w"].lower()
    offset = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    offset += {"before": -1, "after": 1}.get((g.get("dx_ba") or "").lower(), 0)
    part = n.part_code(g["dx_part"]) if "dx_part" in g else ("NI" if word == "tonight" else None)
    day = n.add_days(anchor, offset) if anchor is not None else None
    value = n.day_value(day) if day else n.UNKNOWN
    mod = n.edge_mod(g.get("dx_edge"))
    return ("TIME", f"{value}T{part}", mod) if part else ("DATE", value, mod)


def rule_partofday(g, anchor, future) -> Result:
    part = n.part_code(g["pd_part"])
    day = anchor
    if anchor is not None and part == "NI" and g["pd_rel"].lower() == "last":
        day = n.add_days(anchor, -1)
    return "TIME", f"{n.day_value(day) if day else n.UNKNOWN}T{part}", None


def rule_edgepart(g, anchor, future) -> Result:
    part = n.part_code(g["ep_part"])
    offset = {"yesterday": -1, "tomorrow": 1}.get((g.get("ep_rel") or "").lower(), 0)
    day = n.add_days(anchor, offset) if anchor is not None else None
    return "TIME", f"{n.day_value(day) if day else n.UNKNOWN}T{part}", n.edge_mod(g["ep_edge"])


def rule_weekday(g, anchor, future) -> Result:
    weekday = n.weekday_of(g["wd_w"])
    if "wd_pl" in g or "wd_co" in g:  # Tuesday nights, Monday (and Tuesday nights): every such part of the day
        return "SET", f"XXXX-WXX-{weekday}T{n.part_code(g.get('wd_part') or g['wd_co'])}", None
    mod = n.edge_mod(g.get("wd_edge"))
    if anchor is None:
        value = f"XXXX-WXX-{weekday}"
    else:
        day = n.weekday_date(anchor, weekday, relation="after" if future else "on_or_before")
        value = n.day_value(day) if day else n.UNKNOWN
    if "wd_part" in g:
        return "TIME", f"{value}T{n.part_code(g['wd_part'])}", mod
    return "DATE", value, mod


def rule_theunit(g, anchor, future) -> Result:
    unit = g["tu_u"].lower()
    if "span" in g and unit == "year" and (g.get("tu_q") or "fiscal").lower() == "fiscal":
        return "DURATION", "P1Y", None
    if anchor is None:
        return "DATE", n.placeholder(unit), None
    if unit == "weekend":  # the weekend just past, or the coming one in a future clause
        day = n.weekday_date(anchor, 6, relation="on_or_after" if future else "before")
        if day is not None and not future and anchor.isoweekday() == 7:
            day = n.add_days(anchor, -1)
        return "DATE", (n.week_value(day) + "-WE") if day else n.UNKNOWN, None
    return "DATE", n.relative_value(anchor, unit, 0) or n.UNKNOWN, None


def rule_yearend(g, anchor, future) -> Result:
    return "DATE", (f"{anchor.year:04d}" if anchor is not None else "XXXX"), "END"


def rule_spoken(g, anchor, future) -> Result:
    if "sy_k" in g:
        year = 2000 + (n.number(g["sy_ku"]) or 0 if "sy_ku" in g else 0)
    else:
        year = 1900 + n.NUMBERS[g["sy_d"].lower()] + (n.NUMBERS[g["sy_u"].lower()] if "sy_u" in g else 0)
    return "DATE", f"{int(year):04d}", None


def rule_year(g, anchor, future) -> Result:
    return "DATE", f"{int(g['yr_y']):04d}", n.edge_mod(g.get("yr_edge"))


def rule_that(g, anchor, future) -> Result:
    """"that year", "that month": ``anchor`` is the last date the text named (see ``_extract.scan``)."""
    if anchor is None:
        return None
    return "DATE", f"{anchor.year:04d}" if g["th_u"].lower() == "year" else f"{anchor.year:04d}-{anchor.month:02d}", None


RULES = {
    name[5:]: function
    for namespace in (globals(), vars(_unanchored))
    for name, function in namespace.items()
    if name.startswith("rule_")
}
NEEDS_TENSE = {"clock", "mdy", "dmy", "month", "rel", "quarter", "quarterq", "thequarter", "weekday", "theunit",
               "theseason"}
# rules that look for a quarter spoken of in the same sentence ("profit rose from a year ago")
NEEDS_PERIOD = {"ago", "yago", "theperiod"}

__all__ = ["NEEDS_TENSE", "RULES", "dt"]
