"""The grammar of temporal expressions: the patterns, their trigger and prefix words.

The grammar is rule-based in the manner of HeidelTime: an ordered list of
named patterns (explicit dates, weekdays, relative units, durations, sets,
quarters, seasons, decades, clock times, past/present/future references),
longest first; at a position the first pattern that matches wins, as in one
alternation. It finds spans and their parts (``kind`` and named groups);
:mod:`analysis.timeline._rules` turns the parts into TIMEX3 values.

The fast scan that uses it lives in :mod:`analysis.timeline._scan` (where
to try it) and :mod:`analysis.timeline._dispatch` (which patterns to try);
:func:`find_timexes_slow` here, the whole alternation tried at every
position, is the reference the tests compare it with.

Extents follow the TimeML guidelines as annotated in TimeBank: modifiers
that change the value are inside the span (``early``, ``late``, ``mid-``,
``the end of``, ``earlier this``, ``more than``), prepositions and hedges
that only signal it are outside (``for``, ``on``, ``in``, ``about``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "dozen": 12, "half": 0.5,
}  # fmt: skip
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
    "last": -1, "final": -1,
}  # fmt: skip
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}


def _alt(words) -> str:
    return "(?:" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + ")"


_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december" \
         r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.)"  # fmt: skip
_WDAY = _alt(WEEKDAYS)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d%])"
_NUMWORD = _alt(w for w in NUMBERS if w not in ("a", "an", "half"))
# a count: 3, 2.5, 2 1/2, 12,500 (a thousands separator before groups of exactly three digits, and not
# inside a number: "000" of "2,000" is no count, nor "0000" of "1,0000"; "4" of "3,4" is, as of "3-4"),
# three, twenty-four, two and a half, a
_NUM = rf"(?:(?!(?<=\d,)\d{{3}})(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+)(?:\.\d+)?(?:\s+1/2)?|{_NUMWORD}(?:[\s-]+(?:and\s+)?{_NUMWORD})*(?:\s+and\s+a\s+half)?|an?)"
_UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|century|centuries)"
_UNIT1 = r"(?:second|minute|hour|day|week|weekend|fortnight|month|quarter|year|decade|century)"
_VAGUE = r"(?:several|many|some|a\s+few|few|a\s+couple\s+of|couple\s+of|a\s+number\s+of|numerous|countless)"
_PART = r"(?:morning|afternoon|evening|night)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_EDGE = r"(?P<{0}>early|late|mid|the\s+(?:end|beginning|start|middle|close)\s+of|the\s+(?:first|second|last|latter)\s+half\s+of)"
_ZONE = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|local\s+time))?"
_CLOCK = r"(?:\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?|\d{1,2}:\d{2}|noon|midnight)"
_REL = r"(?:this|last|next|past|coming|previous|current|following)"
_ONE_TO_TEN = "one|two|three|four|five|six|seven|eight|nine|ten"
#: a word ending in -s that may be a plural noun (not "was", "this", "its", ...)
PLURAL_NOUN = r"(?!(?:was|has|does|is|this|its|his|thus|as|us|plus|less|unless)\b)[a-z]+s"
# what makes "two thousand [and one]" a count of things, not a year: a plural noun after it ("was", "its": no nouns)
_COUNTED = (
    rf"(?:\s+and\s+(?:{_ONE_TO_TEN}))?\s+(?:(?:more|other|new|additional|extra)\s+)?"
    rf"(?:people|men|women|children|{PLURAL_NOUN})\b"
)
_NOT_SIGNAL = r"\s+(?:than|that|the|a|an|his|her|their|its)\b"  # "a year earlier than ...", "days before the vote"

_PATTERNS = [
    # 2018-07-19, 2018-07-19T10:30
    ("iso", r"(?P<iso_y>\d{4})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)(?:T(?P<iso_t>\d{2}:\d{2})(?::\d{2})?)?(?![\d-])"),
    # 7/19/2018, 7/19/18
    ("slash", r"(?<![\d/])(?P<sl_m>1[0-2]|0?[1-9])/(?P<sl_d>3[01]|[12]\d|0?[1-9])/(?P<sl_y>\d{4}|\d{2})(?![\d/])"),
    # 10:30 a.m. (on) Thursday (July 19) | 10 a.m. yesterday
    # 10:30 a.m. (on) Thursday | 5 p.m. EST, Nov. 6
    ("clock", rf"(?P<ck_t>{_CLOCK}){_ZONE}(?:\s+(?:on\s+)?(?P<ck_rel>today|yesterday|tomorrow|tonight|(?P<ck_wd>{_WDAY}))|,?\s+(?:on\s+)?(?P<ck_m>{_MONTH})\s*(?P<ck_d>{_DAY})(?:,?\s+(?P<ck_y>{_YEAR}))?)?"),
    # [early] [Thursday[,] [(]] July 19[)][, 2018] | 19 July 2018
    ("mdy", rf"(?:{_EDGE.format('md_edge')}[\s-]+)?(?:(?P<md_rel>last|next|this)\s+)?(?:(?P<md_wd>{_WDAY}),?\s*\(?\s*)?(?P<md_m>{_MONTH})\s*(?P<md_d>{_DAY})\)?(?:,?\s+(?P<md_y>{_YEAR}))?"),
    ("dmy", rf"(?:(?P<dm_wd>{_WDAY}),?\s+)?(?P<dm_d>{_DAY})\s+(?:of\s+)?(?P<dm_m>{_MONTH})(?:,?\s+(?P<dm_y>{_YEAR}))?"),
    # [early] July [of] 2018 | mid-July | July
    ("month", rf"(?:(?P<mo_rel>last|next|this|early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+)?(?P<mo_m>{_MONTH})(?:,?\s+(?:of\s+)?(?P<mo_y>{_YEAR})|\s+(?P<mo_ry>last|next|this)\s+year)?"),
    # the year-ago third quarter | last year's quarter | this year's first half
    ("yquarter", r"(?:the\s+)?(?:(?P<yq_ya>year[\s-](?:ago|earlier))|(?P<yq_rel>last|this|next)\s+year's)\s+(?:fiscal\s+)?(?:(?P<yq_o>first|second|third|fourth|1st|2nd|3rd|4th)[\s-])?(?P<yq_u>quarter|half)(?!s)"),
    # a quarter of a century, a quarter-century, half a century, a half century, half an hour, three quarters of
    # an hour, a third of a century [ago]: a fraction of a unit, one duration (before "ago" and "dur", which would
    # read "a quarter", "a century")
    ("fracunit", r"(?:(?P<fu_mt>more\s+than|less\s+than|at\s+least)\s+)?(?:(?P<fu_q>(?:a|one)[\s-]+quarter|three[\s-]+quarters)(?:\s+of\s+an?\s+|[\s-]+)|(?P<fu_t>(?:a|one)[\s-]+third|two[\s-]+thirds)\s+of\s+an?\s+|(?P<fu_h>half)\s+an?\s+|an?\s+(?P<fu_h2>half)[\s-]+)(?P<fu_u>century|decade|year|day|hour|minute)(?!-)(?:\s+(?P<fu_dir>ago))?"),
    # N units [and a half] ago / earlier / from now; "three days later", "30 days before": the duration (the word
    # after is a TimeML signal, outside the span, and the point it counts from is an event, not the dateline)
    ("ago", rf"(?:(?P<ag_mt>more\s+than|less\s+than|at\s+least)\s+)?(?P<ag_n>{_NUM}|{_VAGUE})[\s-]+(?P<ag_u>{_UNIT})(?P<ag_half>\s+and\s+a\s+half)?(?:\s+(?P<ag_dir>ago|from\s+now|hence|earlier(?!{_NOT_SIGNAL}))|(?=\s+(?P<ag_sig>later|before)\b(?!{_NOT_SIGNAL})))"),
    # year-earlier, year-ago (adjectival: a year before the DCT's period)
    ("yago", r"(?P<ya_u>year|month|week|day)[\s-](?P<ya_dir>earlier|ago)(?=\s+[a-z])"),
    # earlier this month | late last year | this week | next Thursday
    ("rel", rf"(?:(?P<rl_edge>earlier|later|early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+(?:in\s+)?)?(?P<rl_rel>this|last|next|the\s+past|the\s+coming|the\s+previous|the\s+following|the\s+current|the\s+latest|the\s+same|the\s+next|the\s+last|past|coming|previous|current|latest)\s+(?:(?P<rl_fis>fiscal)\s+(?=year\b))?(?P<rl_u>{_UNIT1}|{_SEASON}|{_WDAY})(?:'s)?(?:\s+(?P<rl_part>{_PART}))?(?!\s*-)"),
    ("earlier", r"(?P<er_edge>earlier|later)\s+in\s+the\s+(?P<er_u>week|month|year|day)"),
    # that year, that month: the year or month of the last date the text named (dropped when it named none)
    ("that", r"that\s+(?P<th_u>year|month)(?!'s|\s*-)"),
    # the first/third quarter [of 1998] | third-quarter | Q3 | the first half
    ("quarter", rf"(?:the\s+)?(?:(?P<qu_y0>{_YEAR})\s+)?(?:(?P<qu_fis>fiscal)\s+)?(?P<qu_o>first|second|third|fourth|1st|2nd|3rd|4th|final|last)[\s-](?P<qu_u>quarter|half)(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<qu_y>{_YEAR}))?(?!\s+of\s+the\s+(?:\d{{2,4}}'?s|'\d0s|nineteen|{_alt(DECADE_WORDS)})\b)"),
    ("quarterq", rf"(?P<qq_u>Q|H)(?P<qq_o>[1-4])(?:\s+(?P<qq_y>{_YEAR}))?\b"),
    # the latest period, the year-ago period (a company's reporting period: a quarter when quarters are spoken of)
    ("theperiod", r"the\s+(?:comparable\s+)?(?P<pe_rel>latest|year-ago|year-earlier)\s+period(?!s)"),
    # the quarter, the latest quarter, the 1988 quarter (that year's quarter of the one just reported)
    ("thequarter", rf"the\s+(?:(?P<tq_rel>latest\s+|current\s+|year-ago\s+|year-earlier\s+)|(?P<tq_y>{_YEAR})\s+)?(?P<tq_u>quarter)(?!s)"),
    # nineteen ninety-six | the year two thousand (not "two thousand delegates", "two thousand and one days": counts)
    ("spoken", rf"(?:the\s+year\s+)?(?:nineteen[\s-]+(?P<sy_d>{_alt(w for w in NUMBERS if w.endswith('ty'))})(?:[\s-]+(?P<sy_u>one|two|three|four|five|six|seven|eight|nine))?|(?P<sy_k>two\s+thousand(?!{_COUNTED}))(?:\s+and\s+(?P<sy_ku>{_ONE_TO_TEN}))?)"),
    # the 1990s | the early 1980s | the '90s | the nineties | mid-1990s | the last half of the '80s
    ("decade", rf"(?:the\s+)?(?:{_EDGE.format('dc_edge')}[\s-]+(?:the\s+)?)?(?:(?P<dc_y>1\d\d0|20\d0)'?s|'(?P<dc_2>\d0)s|(?:nineteen[\s-]+)?(?P<dc_w>{_alt(DECADE_WORDS)}))\b"),
    ("century", rf"(?:the\s+)?(?:{_EDGE.format('ce_edge')}[\s-]+)?(?P<ce_o>{_alt(ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))\s+century"),
    # the summer of 2018 | summer 2018 | the summer
    ("season", rf"(?:(?P<se_edge>early|late|mid)[\s-]+)?(?:the\s+)?(?P<se_s>{_SEASON})(?:\s+(?:of\s+)?(?P<se_y>{_YEAR}))"),
    # the (early) summer, late spring: the nearest such season ("fall" and bare "spring" are too often not seasons)
    ("theseason", r"(?:the\s+(?:(?P<ss_edge>early|late|mid)[\s-]+)?|(?P<ss_edge2>early|late|mid)[\s-]+)(?P<ss_s>summer|winter|spring|autumn)(?!\s+(?:of|and)\b|\s*-)"),
    # sets: every year, each Thursday, each July, daily, twice a week, per year
    ("set", rf"(?:every|each|per)\s+(?:other\s+)?(?:(?P<st_n>{_NUM})\s+)?(?P<st_u>{_UNIT1}s?|{_WDAY}|{_PART}|{_MONTH})"),
    ("setadv", r"(?P<sa_w>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually)"),
    ("setfreq", rf"(?P<sf_f>once|twice|(?:{_NUM})\s+times)\s+(?:a|an|per)\s+(?P<sf_u>{_UNIT1})"),
    ("setpl", r"(?<=\bon\s)(?P<sp_wd>mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)"),
    # durations: the past three months | more than two years | five-year | 24 hours | a minute and a half
    # (not "a year-earlier loss", "a year-end bonus": the article of a noun phrase whose adjective is the expression)
    # three-quarters of its food: a fraction, not nine months (found, then dropped by its rule)
    ("fraction", r"(?P<fr_n>one|two|three)[\s-]+quarters(?=\s+of\b)"),
    # the first hours, the early years: an unspecified stretch at one end of something
    ("endunits", r"the\s+(?:first|early|last|final|opening|closing)\s+(?P<eu_u>hours|days|weeks|months|years)"),
    ("dur", rf"(?:(?P<du_lead>the\s+(?:past|last|next|coming|previous|first|final|following|same|latest)|(?:past|last|next|first))\s+)?(?:(?P<du_mt>more\s+than|less\s+than|at\s+least|fewer\s+than)\s+)?(?P<du_n>{_NUM})[\s-]+(?:(?:more|additional|extra|further)\s+)?(?P<du_u>{_UNIT})(?:[\s-]+(?P<du_old>long|old)|(?P<du_half>\s+and\s+a\s+half))?(?!-(?:earlier|ago|end)\b)"),
    ("durvague", rf"(?:(?P<dv_lead>the\s+(?:past|last|next|coming)|(?:past|last|next))\s+)?(?P<dv_q>{_VAGUE}|recent|the\s+coming|coming)\s+(?P<dv_u>{_UNIT})"),
    ("durbare", r"(?:(?<=\bfor\s)|(?<=\bFor\s)|(?<=\bover\s)|(?<=\bwithin\s))(?P<db_u>years|decades|months|weeks|centuries)"),
    ("overthe", r"(?:(?<=\bover\s)|(?<=\bOver\s))the\s+(?P<ot_u>years|decades)"),
    ("nearfuture", r"the\s+(?:(?:near|immediate)\s+future|(?:near|short)\s+term)"),
    ("thepast", r"the\s+(?P<tp_w>past|future|present)(?!\s+(?:tense|participle|perfect))"),
    # the weeks ahead: an unspecified stretch from now on
    ("ahead", r"the\s+(?:coming\s+)?(?P<ah_u>days|weeks|months|years)\s+ahead"),
    # today, yesterday, tomorrow, tonight, the day before yesterday, yesterday morning
    ("deictic", rf"(?:(?P<dx_edge>earlier|later|early|late)\s+)?(?:the\s+day\s+(?P<dx_ba>before|after)\s+)?(?P<dx_w>today|yesterday|tomorrow|tonight)(?:'s)?(?:\s+(?P<dx_part>{_PART}))?"),
    ("partofday", rf"(?P<pd_rel>this|last)\s+(?P<pd_part>{_PART})"),
    # mid-afternoon, late evening yesterday: a part of the dateline's day (or of the day named)
    ("edgepart", r"(?P<ep_edge>early|late|mid)[\s-]+(?P<ep_part>morning|afternoon|evening)(?:\s+(?P<ep_rel>today|yesterday|tomorrow))?"),
    # [early] [on] Thursday [morning]; Thursday nights, Monday (and Tuesday nights): a set
    ("weekday", (rf"(?:(?P<wd_edge>earlier|later|early|late)\s+)?(?P<wd_w>{_WDAY})(?:\s+(?P<wd_part>{_PART})(?P<wd_pl>s\b)?"
                 rf"|(?=\s+(?:and|or)\s+{_WDAY}\s+(?P<wd_co>{_PART})s\b))?")),
    ("ref", r"(?P<rf_w>now|currently|nowadays|presently|at\s+present|right\s+now|these\s+days|recently|lately|current)"),
    # the year, the fiscal year, the week, the weekend (the current one)
    # year-end, year end, year's end: the end of the dateline's year
    ("yearend", r"year(?:-|\s+|'s\s+)end(?!\s+of\b)"),
    ("theunit", r"the\s+(?:(?P<tu_q>fiscal|calendar|full|whole)\s+)?(?P<tu_u>year|week|weekend)(?!\s*(?:\d|two\b|nineteen\b|-|'s\b|of\b|before|after|earlier|later|ago|in\s+which|when|that))"),
    # fiscal 1998 | 1998
    ("year", r"(?:(?P<yr_edge>early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+)?(?:(?P<yr_fis>fiscal|FY)\s*)?(?<![$£€\d.,/])(?<!\d-)(?P<yr_y>1[5-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d|-\d|\s*(?:percent|per\s+cent))"),
]

def _compile(patterns) -> re.Pattern:
    body = "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in patterns)
    return re.compile(r"(?<![\w'])(?:" + body + r")(?![\w])", re.IGNORECASE)


GRAMMAR = _compile(_PATTERNS)
_KINDS = [kind for kind, _ in _PATTERNS]
# the named parts of each kind: the groups between its own group and the next kind's
_ORDER = sorted(GRAMMAR.groupindex, key=GRAMMAR.groupindex.get)
_GROUPS_OF = {}
for _name in _ORDER:
    if _name in _KINDS:
        _current = _GROUPS_OF.setdefault(_name, [])
    else:
        _current.append(_name)
# words that only count as time words when capitalised (May the modal, March the verb, ...)
_CAPITALISED = re.compile(r"(?i:january|february|march|april|may|june|july|august|september|october|november|december|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.|monday|tuesday|wednesday|thursday|friday|saturday|sunday)")
_NAMES_LOWER = re.compile(_CAPITALISED.pattern[len("(?i:") : -1])
# the kinds whose pattern can hold a month or weekday name (the others need no case check)
_NAMED_KINDS = frozenset(kind for kind, pattern in _PATTERNS if re.search("january|monday", pattern))
# a bare "May", "March" etc. needs a time preposition or determiner before it
_AMBIGUOUS_MONTHS = {"may", "march", "june", "august"}
_MONTH_CUE = re.compile(r"(?:\b(?:in|since|until|till|by|of|from|to|through|during|early|late|mid|last|next|this|before|after|between|and|or|end|beginning|start|middle)[\s-]*)$", re.IGNORECASE)


# Every expression the grammar finds holds one of these words (or a digit): an
# Aho-Corasick automaton finds them, and the grammar is tried only at them and
# at the run of prefix words ("the early", "more than two") just before them.
TRIGGERS = (
    [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]  # abbreviations only with their dot
    + [m + "." for m in MONTHS if len(m) <= 4] + list(WEEKDAYS) + list(SEASONS) + list(DECADE_WORDS) + list(PARTS_OF_DAY)
    + "today yesterday tomorrow now current recent lately nowadays present past future year month week day "
    "hour minute second decade centur quarter fortnight daily weekly monthly annually yearly hourly nightly "
    "nineteen noon midnight thousand half term period".split()
)  # fmt: skip
PREFIXES = frozenset(
    "the a an early earlier late later mid last next this past coming previous current following same latest "
    "recent final first second third fourth 1st 2nd 3rd 4th more less fewer than at least of end beginning start "
    "middle close half couple number few several many some every each per other once twice times fiscal fy "
    "calendar full whole day before after in right these nineteen and near short immediate comparable additional that "
    "extra further opening closing thirds"
    .split()
    + [w for w in NUMBERS] + list(WEEKDAYS)
)  # fmt: skip


def find_timexes_slow(text: str) -> Iterator[tuple[int, int, str, dict]]:
    """The reference scan: the grammar tried at every position (for tests)."""
    position = 0
    while (match := GRAMMAR.search(text, position)) is not None:
        found = _accept(match, text)
        if found is not None:
            yield found
        position = match.end() if found is not None else match.start() + 1


def _accept(match: re.Match, text: str) -> tuple[int, int, str, dict] | None:
    kind = match.lastgroup
    if kind is None:
        return None
    start, end = match.span()
    if kind in _NAMED_KINDS and not _case_ok(match.group(), kind, text, start):
        return None
    names = _GROUPS_OF[kind]
    if len(names) > 1:  # one call for all the kind's parts
        return start, end, kind, {name: value for name, value in zip(names, match.group(*names)) if value is not None}
    value = match.group(names[0]) if names else None
    return start, end, kind, ({} if value is None else {names[0]: value})


def _case_ok(body: str, kind: str, text: str, start: int) -> bool:
    """Month and weekday names count only capitalised; bare ambiguous months need a cue."""
    if kind not in _NAMED_KINDS:
        return True
    for word in _NAMES_LOWER.finditer(body.lower()):  # case-sensitive on lower case: faster than (?i:)
        if not body[word.start()].isupper():
            return False
    if kind == "month":
        lowered = body.lower()
        if lowered in _AMBIGUOUS_MONTHS and not _MONTH_CUE.search(text[max(0, start - 12) : start]):
            return False
    return True
