"""Rules for the kinds that are not anchored: durations, sets, past/present/future references.

Same signature as :mod:`analysis.timeline._rules` (which gathers them into
``RULES``): the match's named groups, the dateline and whether the clause is
future tense -> ``(type, value, mod)``, or None to drop the match.
"""

from __future__ import annotations

import re
from fractions import Fraction

from analysis.timeline import normalise as n

Result = tuple[str, str, str | None] | None


def rule_set(g, anchor, future) -> Result:
    word = g["st_u"].lower()
    if word in n.WEEKDAYS:
        return "SET", f"XXXX-WXX-{n.weekday_of(word)}", None
    if word in n.PARTS_OF_DAY:
        return "SET", f"XXXX-XX-XXT{n.part_code(word)}", None
    if word.rstrip(".") in n.MONTHS:
        return "SET", f"XXXX-{n.month_of(word):02d}", None  # each July
    count = n.number(g["st_n"]) if "st_n" in g else 1
    return "SET", n.duration(count, word), None


def rule_setadv(g, anchor, future) -> Result:
    return "SET", n._SET_WORDS[g["sa_w"].lower()], None


def rule_setfreq(g, anchor, future) -> Result:
    return "SET", n.duration(1, g["sf_u"]), None


def rule_setpl(g, anchor, future) -> Result:
    return "SET", f"XXXX-WXX-{n.weekday_of(g['sp_wd'][:-1])}", None


def rule_dur(g, anchor, future) -> Result:
    if "someday" in g:
        return "DATE", "FUTURE_REF", None
    count = n.number(g["du_n"])
    unit = g["du_u"].lower()
    if n.unit_of(unit) == "second" and n._words(g["du_n"]) in ("a", "an", "one"):
        return None  # "a second round", "one second thought"
    if n.unit_of(unit) in ("second", "quarter") and n._YEARLIKE.fullmatch(g["du_n"]):
        return None  # "1988 second", "1988 quarter": a year before an ordinal or a quarter, not a count
    if n._words(g.get("du_old")) == "old":
        return None  # an age ("a 6-year-old boy") is not a temporal expression
    if count is not None and "du_half" in g:
        count += 0.5  # "a minute and a half"
    return "DURATION", n.duration(count, unit), n._MODS.get(n._words(g.get("du_mt")))


def rule_fraction(g, anchor, future) -> Result:
    return None  # three-quarters of its food


def rule_endunits(g, anchor, future) -> Result:
    return "DURATION", n.duration(None, g["eu_u"]), None


def rule_overthe(g, anchor, future) -> Result:
    return "DURATION", n.duration(None, g["ot_u"]), None


# "will one day be", "to one day visit", "he one day follows": "someday", the vague future
_SOMEDAY_BEFORE = re.compile(r"(?:\A|\W)(?:will|would|could|might|may|can|shall|should|must|to|i|he|she|we|they|you|it)\s+\Z")


def read_before(kind: str, lower: str, start: int, end: int, groups: dict) -> None:
    """Mark in ``groups`` what the words before an expression say (``lower``: the text in lower case, same
    offsets): "for" before a vague duration ("for the past few weeks": a duration, as TimeML reads "for"); a
    modal, "to" or a subject pronoun before "one day" (someday)."""
    if kind == "durvague":
        if lower.endswith("for ", 0, start) and not lower[start - 5 : start - 4].isalnum():
            groups["for"] = True
    elif kind == "dur" and lower[start:end] == "one day" and _SOMEDAY_BEFORE.search(lower, max(0, start - 8), start):
        groups["someday"] = True


_PAST_LEADS = {"the past", "the last", "past", "last"}
_FEW = {"few", "a few", "several"}


def rule_durvague(g, anchor, future) -> Result:
    if n._words(g["dv_q"]).endswith("couple of"):
        return "DURATION", n.duration(2, g["dv_u"]), "APPROX"
    if "dv_lead" not in g and n._words(g["dv_q"]) == "coming":
        return "DATE", "FUTURE_REF", None
    if "for" not in g and n._words(g.get("dv_lead")) in _PAST_LEADS and n._words(g["dv_q"]) in _FEW:
        return "DATE", "PAST_REF", None  # "in the last few months" (but "for the past few weeks": a duration)
    return "DURATION", n.duration(None, g["dv_u"]), None


def rule_durbare(g, anchor, future) -> Result:
    return "DURATION", n.duration(None, g["db_u"]), None


def rule_nearfuture(g, anchor, future) -> Result:
    return "DATE", "FUTURE_REF", None


def rule_ahead(g, anchor, future) -> Result:
    return "DURATION", n.duration(None, g["ah_u"]), None


def rule_thepast(g, anchor, future) -> Result:
    return "DATE", n._REFS[g["tp_w"].lower()], None


def rule_ref(g, anchor, future) -> Result:
    return "DATE", n._REFS[n._words(g["rf_w"])], None


# a fraction of these units, in the unit it is counted in: a quarter century is 25 years
_FRACTION_BASE = {"century": (100, "year"), "decade": (10, "year"), "year": (1, "year"), "day": (1, "day"),
                  "hour": (1, "hour"), "minute": (1, "minute")}  # fmt: skip


def rule_fracunit(g, anchor, future) -> Result:
    """A quarter of a century (P25Y), half a century (P50Y), half an hour (PT30M), a third of a century (P33Y4M);
    "... ago": the date then."""
    if "fu_t" in g:  # a third, two thirds: exact (a third of a century is P33Y4M, 400 months)
        fraction = Fraction(2 if n._words(g["fu_t"]).startswith("two") else 1, 3)
    else:
        fraction = 0.5 if ("fu_h" in g or "fu_h2" in g) else 0.75 if n._words(g["fu_q"]).startswith("three") else 0.25
    scale, unit = _FRACTION_BASE[g["fu_u"].lower()]
    amount = fraction * scale
    mod = n._MODS.get(n._words(g.get("fu_mt")))
    if "fu_dir" not in g:
        return "DURATION", n.duration(amount, unit), mod
    if anchor is None:
        return "DATE", n.placeholder(unit), mod
    if not float(amount).is_integer():  # half a year ago: six months ago; half a day ago: that day
        amount, unit = (amount * 12, "month") if unit == "year" else (1, "hour")
    return "DATE", n.ago_value(anchor, amount, unit, -1) or n.UNKNOWN, mod
