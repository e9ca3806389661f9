"""timex_table's driver: scan every document, anchor, and build the table."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from analysis import _columns
from analysis.errors import ParameterError
from analysis.timeline._grammar import PLURAL_NOUN
from analysis.timeline._rules import NEEDS_PERIOD, NEEDS_TENSE, RULES
from analysis.timeline._scan import find_timexes, lower_same_length, trigger_starts_many
from analysis.timeline._sentences import sentence_ids
from analysis.timeline._unanchored import read_before

# future-tense cues in the clause around an expression ("will meet on Thursday")
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|going\s+to|is\s+to|are\s+to|plans?\s+to|planned\s+to|"
    r"(?<!had\sbeen\s)(?<!was\s)(?<!were\s)scheduled|expected\s+to|set\s+to|"
    r"due\s+to\s+(?:be|meet|visit|hold|start|begin|arrive|travel|sign|vote)|might|may|"
    r"as\s+(?:early|soon)\s+as|upcoming|to\s+be\s+held|intends?\s+to|effective|next(?!\s+to\b))\b|\w'll\b",
    re.IGNORECASE,
)
_PAST = re.compile(r"\b(?:was|were|had|did|ago)\b", re.IGNORECASE)
# the same cues, case-sensitive, for a lower-cased ASCII clause (where they match exactly what the
# case-insensitive ones match on the clause, about three times faster); "'ll" apart, read only where "'" is
_FUTURE_WORDS = _FUTURE.pattern[: _FUTURE.pattern.rindex(r"|\w'll\b")]
assert _FUTURE_WORDS == _FUTURE_WORDS.lower() and _PAST.pattern == _PAST.pattern.lower()
_FUTURE_LOWER = re.compile(_FUTURE_WORDS)
_FUTURE_LL = re.compile(r"\w'll\b", re.IGNORECASE)
_PAST_LOWER = re.compile(_PAST.pattern)


def _tense_cue(clause: str) -> str | None:
    """``"future"`` when ``clause`` has a cue of :data:`_FUTURE`, else ``"past"`` when one of :data:`_PAST`."""
    if not clause.isascii():
        return "future" if _FUTURE.search(clause) else "past" if _PAST.search(clause) else None
    lower = clause.lower()
    if _FUTURE_LOWER.search(lower) or ("'" in clause and _FUTURE_LL.search(clause)):
        return "future"
    return "past" if _PAST_LOWER.search(lower) else None
# a date right after one of these is a deadline: the nearest such date ("payable Jan. 2", "through Oct. 19")
_DEADLINE = re.compile(r"\b(?:by|until|till|through|payable|effective|expires?|expiring|to)\s+$", re.IGNORECASE)
_ENDED = re.compile(r"\s+(?:ended|ending|that\s+ended)\b")  # "the year ended June 30": a year's stretch
DEADLINE_KINDS = {"mdy", "dmy", "month", "clock"}
# a rate after a quantity ("$1.76 a year", "700 seats a week", "20% annually") is no temporal expression
_QUANTITY_BEFORE = re.compile(
    r"(?:\d%?|%|\b(?:million|billion|trillion|thousand|hundred|percent|cents?|dollars?|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty))(?:\s+[a-z]+)?\s+$",
    re.IGNORECASE,
)
# unit and deictic words that, capitalised inside a sentence, belong to a name ("This Week", "USA Today")
# (and the papers: "China Daily", "People's Daily", "The Daily Nation")
_NAME_WORD = re.compile(r"(?:Week|Month|Year|Quarter|Today|Tonight|Tomorrow|Yesterday|Daily|Weekly|Monthly)(?:'s)?")
_WORD_BEFORE = re.compile(r"[A-Za-z0-9][^\S\n]+\Z")  # a word right before, on the same line, no punctuation between
# what follows "a quarter" that is a fraction of a whole or a number: "of the market", "of a million dollars",
# "a quarter million felons", "a quarter--of their income", "a quarter--a quarter--of their income" (repeated, or
# a dash run, before "of")
_NUMBER_WORDS = r"(?:hundred|thousand|million|billion|trillion|percent|per\s+cent)"
_DASH = r"\s*(?:-{2,}|[\u2013\u2014])?\s*"
_OF_WHOLE = re.compile(
    rf"\s+{_NUMBER_WORDS}\b|(?:{_DASH}(?:an?|one)\s+quarter)*{_DASH}"
    rf"of\s+(?:(?:the|its|their|his|her|our|your|my|all|total)\b|an?\s+{_NUMBER_WORDS}\b)",
    re.IGNORECASE,
)
_HYPHENATED_FRACTION = re.compile(r"one-quarter|(?:two|three)-quarters", re.IGNORECASE)
_RATE_WORDS = {"annually", "yearly", "monthly", "weekly", "hourly"}
_OPENING = re.compile(r"\W*(?:(?:on|in|by|at|from|until|since|and|but|then)\s+)?", re.IGNORECASE)
_CLAUSE_END = re.compile(
    # a period ends a clause, except after an initial or a title ("Daniel P. Davison", "Mr. Ford")
    # (the lookbehinds after the period: tried only at a period, not at every character)
    r"\.(?<!\s(?-i:[A-Z])\.)(?<!\bMr\.|\bDr\.|\bSt\.|\bCo\.|\bJr\.)(?<!\bMrs\.|\bInc\.|\bGen\.|\bSen\.|\bRep\.|\bGov\.)|"
    r"[!?;,\n]|"
    r"\b(?:after|before|when|while|because|although|but)\b",
    re.IGNORECASE,
)
_LAST_CLAUSE_END = re.compile(r"(?s:.*)(?:" + _CLAUSE_END.pattern + ")", re.IGNORECASE)
# a reporting verb right after the expression dates the report ("Bush on Tuesday said the US may ...")
_REPORTED_AFTER = re.compile(
    r",?\s+(?:said|told|announced|reported|added|stated|confirmed|declared|denied|warned|urged|signed|issued)\b"
)
# ... or, when the expression opens its sentence, the subject and a reporting verb after it
# ("In September, it announced plans ...", "On Tuesday, the ministry said ...")
_REPORTED_AFTER_SUBJECT = re.compile(
    r",?\s+(?:it|he|she|they|we|the\s+(?:company|government|ministry|minister|spokes(?:man|woman|person)))\s+"
    r"(?:said|told|announced|reported|added|stated|confirmed|declared|denied|warned|urged|signed|issued)\b"
)
_SENTENCE_OPENING = re.compile(r"(?:\A|[.!?\n][\"')\]]?)\s*(?:(?:in|on|at|during|early|late|last|earlier)\s+)?\Z", re.IGNORECASE)
_REPORTED = re.compile(
    r"\b(?:said|told|announced|reported|added|stated|predicted|confirmed|declared|denied|warned|urged|"
    r"refused|met|held|signed|issued)\s+(?:on\s+)?$"
)
# the clause after an expression ends at a comma or a new clause ("on Thursday and will travel")
_RIGHT_END = re.compile(r"[,.!?;:\n]|\b(?:and|but|while|whereas|that|after|before|when|since)\b", re.IGNORECASE)
_WINDOW = 120
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_QUARTER = re.compile(r"\bquarter\b", re.IGNORECASE)
_TYPES = ["DATE", "TIME", "DURATION", "SET"]
_TYPE_CODES = {kind: code for code, kind in enumerate(_TYPES)}
_TYPE_DTYPE = pd.CategoricalDtype(_TYPES)


def clause_of(text: str, start: int, end: int) -> str:
    """The clause holding ``text[start:end]``, the expression left out."""
    left = text[max(0, start - _WINDOW) : start]
    last = _LAST_CLAUSE_END.match(left)  # the rightmost clause end: greedy, then back off
    cut = last.end() if last else 0
    right = text[end : end + _WINDOW]
    # an expression opening its clause ("On Thursday, the ministers will meet") takes the next one
    opening = _OPENING.fullmatch(left[cut:]) is not None
    stop = (_RIGHT_END if not opening else _SENTENCE_END).search(right[1:] if opening else right)
    return left[cut:] + " " + (right[: stop.start() + opening] if stop else right)


def clause_tense(text: str, start: int, end: int) -> str | None:
    """``"future"`` or ``"past"`` when the clause of an expression has a cue of that tense, else None.

    An expression right after a reporting verb dates the report ("said Monday
    they will order"), which is past whatever the reported clause says.
    """
    if _REPORTED.search(text, max(0, start - 20), start) or _REPORTED_AFTER.match(text, end):
        return "past"
    if _REPORTED_AFTER_SUBJECT.match(text, end) and _SENTENCE_OPENING.search(text[max(0, start - 20) : start]):
        return "past"
    return _tense_cue(clause_of(text, start, end))


def is_future(text: str, start: int, end: int) -> bool:
    """Whether the clause holding ``text[start:end]`` has a future-tense cue."""
    return _FUTURE.search(clause_of(text, start, end)) is not None


def context_around(text: str, start: int, end: int) -> str:
    """The text before ``start`` (at most 20 * _WINDOW) and the sentence after ``end`` (at most _WINDOW)."""
    left = text[max(0, start - 20 * _WINDOW) : start]
    cut = 0
    right = text[end : end + _WINDOW]
    stop = _SENTENCE_END.search(right)
    return left[cut:] + " " + (right[: stop.start()] if stop else right)


def anchors(docs: pd.DataFrame | str, n_docs: int) -> pd.Series:
    """Each document's date (datetime64, NaT when unknown or absent), in the unit of ``docs.date``."""
    if isinstance(docs, str) or "date" not in docs.columns:
        return pd.Series(pd.NaT, index=range(n_docs), dtype="datetime64[ns]")
    dates = docs["date"].reset_index(drop=True)
    if pd.api.types.is_datetime64_any_dtype(dates.dtype):
        return dates.dt.tz_localize(None) if getattr(dates.dt, "tz", None) is not None else dates
    try:
        return pd.to_datetime(dates, errors="coerce")
    except (TypeError, ValueError, OverflowError) as error:
        raise ParameterError(
            f"docs.date must hold dates (datetime64, or ISO strings like '2018-07-20'); {error}"
        ) from None


def _as_date(stamp) -> dt.date | None:
    if stamp is None or pd.isna(stamp):
        return None
    return dt.date(stamp.year, stamp.month, stamp.day)


def scan(
    text: str, anchor: dt.date | None, cache: dict | None = None, *, lower: str | None = None,
    triggers: list[int] | None = None,
) -> list[tuple[int, int, str, str, str | None]]:
    """``(start, end, type, value, mod)`` for every temporal expression of one text.

    ``cache`` (a dict, kept by the caller across documents) remembers each
    rule's result for its parts, dateline and tense (with the date it names,
    when a specific one): "today", "last year", "now" are normalised once per
    dateline. ``lower`` and ``triggers`` are
    passed on to :func:`analysis.timeline._scan.find_timexes`.
    """
    rows = []
    if cache is None:
        cache = {}
    mentioned = None  # the last date the text named (a day, month or year): what "the following year" follows
    if lower is None:
        lower = lower_same_length(text)
    for start, end, kind, groups in find_timexes(text, lower=lower, triggers=triggers):
        if _is_rate(text, start, kind, groups) or _is_fraction(text, start, end, kind, groups):
            continue
        if _is_name(text, start, end) or (kind == "clock" and len(groups) == 1 and _is_modifier(text, start, end, groups)):
            continue
        future = False
        if kind in NEEDS_TENSE and not _has_year(kind, groups):  # (the year named: the tense changes nothing)
            tense = clause_tense(text, start, end)
            future = tense == "future"
            if not future and kind in DEADLINE_KINDS and _DEADLINE.search(text, max(0, start - 12), start):
                groups["deadline"] = True  # "extended to Nov. 16": the nearest such date, either side of the dateline
            elif tense == "past":
                groups["past"] = True
        read_before(kind, lower, start, end, groups)  # "for the past few weeks", "will one day be"
        if kind == "theunit" and _ENDED.match(text, end):
            groups["span"] = True  # "the year ended June 30": a stretch of a year, not the calendar year
        # (the context is read only where "quarter" is near: ``lower`` has the text's offsets)
        near = kind in NEEDS_PERIOD and lower.find("quarter", max(0, start - 20 * _WINDOW), end + _WINDOW) >= 0
        if near and _QUARTER.search(context_around(text, start, end)):
            groups["in_quarter"] = True
        base = anchor
        if kind == "rel" and mentioned is not None and anchor is not None:
            base = _anaphoric_anchor(groups, mentioned) or anchor
        elif kind == "that":  # "that year": only after a date precise enough, else no expression
            base = _anaphoric_anchor(groups, mentioned) if mentioned is not None else None
        key = (kind, base, future, *groups.items())
        cached = cache.get(key)
        if cached is None:  # the rule's result, and the date it names when it is a specific one
            result = RULES[kind](groups, base, future)
            specific = _SPECIFIC.match(result[1]) if result is not None and result[0] == "DATE" else None
            cached = cache[key] = (result, specific)
        result, specific = cached
        if result is not None:
            rows.append((start, end, *result))
            if specific is not None:
                mentioned = specific
    return rows


# the parts that name the year of a date, a month or a quarter: its rule then reads no tense (nor a deadline)
_YEAR_PARTS = {"mdy": ("md_y",), "dmy": ("dm_y",), "month": ("mo_y", "mo_ry"), "quarter": ("qu_y", "qu_y0"),
               "quarterq": ("qq_y",)}  # fmt: skip


def _has_year(kind: str, groups: dict) -> bool:
    """Whether an expression names its year ("July 19, 2018", "June last year", "5 p.m., Nov. 6, 2018"): then
    its value does not depend on the clause's tense, and :func:`clause_tense` need not be read."""
    if kind == "clock":
        return "ck_m" in groups and "ck_y" in groups
    return any(part in groups for part in _YEAR_PARTS.get(kind, ()))


# a specific date value: a year, a month or a day
_SPECIFIC = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$")
_ANAPHORIC = {"the following", "the previous"}
_NEEDS = {"year": 1, "month": 2, "week": 3, "day": 3}  # the precision a unit needs of the date it follows


def _anaphoric_anchor(groups: dict, mentioned: re.Match) -> dt.date | None:
    """The date "the following year", "the previous Friday" are counted from: the last date the text
    named, when it is precise enough for the unit (TimeML's anaphoric temporal function, as in HeidelTime)."""
    if "th_u" in groups:
        unit = groups["th_u"].lower()
    elif " ".join(groups["rl_rel"].lower().split()) not in _ANAPHORIC:
        return None
    else:
        unit = groups["rl_u"].lower()
    precision = sum(part is not None for part in mentioned.groups())
    if precision < _NEEDS.get(unit, 3):  # weekdays, seasons and the rest need a day
        return None
    year, month, day = (int(part) if part else 1 for part in mentioned.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _is_name(text: str, start: int, end: int) -> bool:
    """Whether an expression is part of a name: its unit or deictic word capitalised inside a sentence
    (ABC's "This Week", "VOA Today"); at a sentence's start ("Today, ...") it is not."""
    if not text[start].isupper():  # most expressions: "now", "2018", "last year"
        return False
    last = text[start:end].split()[-1]
    if not last[:1].isupper() or last.isupper() or _NAME_WORD.fullmatch(last) is None:
        return False
    if start < end - len(last):  # "This Week": a capitalised unit after the first word
        return True
    return _WORD_BEFORE.search(text, max(0, start - 40), start) is not None  # "VOA Today"


# a bare "midnight" or "noon" after an article, or before a plural noun, qualifies a noun: "the midnight knock",
# "midnight raids"
_MODIFIER_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)
_PLURAL_AFTER = re.compile(rf"\s+{PLURAL_NOUN}\b")


def _is_modifier(text: str, start: int, end: int, groups: dict) -> bool:
    """Whether a bare "midnight" or "noon" qualifies a noun ("the midnight knock", "midnight raids") and names
    no time of a day."""
    if groups["ck_t"].lower() not in ("midnight", "noon"):
        return False
    before = _MODIFIER_BEFORE.search(text, max(0, start - 20), start)
    return before is not None or _PLURAL_AFTER.match(text, end) is not None


def _is_fraction(text: str, start: int, end: int, kind: str, groups: dict) -> bool:
    """Whether a duration is a fraction of a whole ("more than a quarter of the market"), not three months."""
    if kind != "dur" or not groups.get("du_u", "").lower().startswith("quarter") or "du_half" in groups:
        return False
    if _HYPHENATED_FRACTION.fullmatch(text, start, end):
        return True  # "one-quarter", "three-quarters", hyphenated: a fraction of a whole
    if groups["du_n"].lower() not in ("a", "an", "one") or groups["du_u"].lower() != "quarter":
        return False
    return _OF_WHOLE.match(text, end) is not None


def _is_rate(text: str, start: int, kind: str, groups: dict) -> bool:
    """Whether an expression is the unit of a rate after a quantity ("$2 million a year", "20% annually")."""
    if kind == "dur":
        if groups.get("du_n", "").lower() not in ("a", "an") or len(groups) != 2:
            return False
    elif kind != "setadv" or groups.get("sa_w", "").lower() not in _RATE_WORDS:
        return False
    return _QUANTITY_BEFORE.search(text, max(0, start - 30), start) is not None


def build_table(docs: pd.DataFrame | str, sentences: pd.DataFrame | None) -> pd.DataFrame:
    ids, texts = _columns.as_docs(docs)
    stamps = anchors(docs, len(ids))
    per_doc, found, surface = [], [], []
    cache: dict = {}  # rule results, shared by the documents
    days: dict = {}  # Timestamp -> date
    for text, stamp, lower, triggers in zip(texts, stamps.tolist(), *_lowers_and_triggers(texts)):
        day = days.get(stamp, days)
        if day is days:
            day = days[stamp] = _as_date(stamp)
        rows = scan(text, day, cache, lower=lower, triggers=triggers) if triggers else []
        per_doc.append(len(rows))
        if rows:
            found += rows
            surface += [text[row[0] : row[1]] for row in rows]
    starts, ends, types, values, mods = map(list, zip(*found)) if found else ([], [], [], [], [])
    counts = np.asarray(per_doc, dtype=np.int64)
    doc_index = np.repeat(np.arange(len(ids)), counts)
    start_arr = np.asarray(starts, dtype=np.int32)
    end_arr = np.asarray(ends, dtype=np.int32)
    table = pd.DataFrame(
        {
            "doc_id": _columns.categorical(doc_index, ids),
            "timex_id": _columns.position_in_group(counts, np.int32),
            "start": start_arr,
            "end": end_arr,
            "text": pd.array(surface, dtype="str"),
            "type": pd.Categorical.from_codes(
                np.fromiter((_TYPE_CODES[kind] for kind in types), np.int8, len(types)),
                dtype=_TYPE_DTYPE,
            ),
            "value": pd.array(values, dtype="str"),
            "mod": pd.Series(mods, dtype=object),
            "anchor": stamps.to_numpy()[doc_index],
            "sent_id": _sentence_ids(texts, ids, doc_index, start_arr, sentences),
        }
    )
    return table


_BATCH_CHARS = 1 << 16  # the trigger search reads about this many characters at a time (small arrays, in cache)


def _lowers_and_triggers(texts: list[str]) -> tuple[list[str], list[list[int]]]:
    """Each text lower-cased, and its trigger starts, found for a batch of texts at a time."""
    lowers = [lower_same_length(text) if text else "" for text in texts]
    triggers: list[list[int]] = []
    begin, size = 0, 0
    for end, lower in enumerate(lowers, 1):
        size += len(lower)
        if size >= _BATCH_CHARS or end == len(lowers):
            triggers += trigger_starts_many(texts[begin:end], lowers[begin:end])
            begin, size = end, 0
    return lowers, triggers


def _sentence_ids(texts, ids, doc_index, starts, sentences) -> np.ndarray:
    """The sentence (of ``sentence_table``) each expression starts in."""
    if not len(starts):
        return np.zeros(0, dtype=np.int32)
    if sentences is None:  # where sentences start is enough: no sentence table is built
        return sentence_ids(texts, doc_index, starts.astype(np.int64))
    fast = _sentence_ids_by_code(sentences, ids, doc_index, starts.astype(np.int64))
    if fast is not None:
        return fast
    return _columns.sentence_ids(sentences, ids, doc_index, starts.astype(np.int64))


def _sentence_ids_by_code(sentences, ids, doc_index, starts) -> np.ndarray | None:
    """sent_id of each start, read off a sentence table whose doc_id categories are ``ids`` in order
    (as sentence_table makes them); None for any other table (then the general lookup is used)."""
    if not isinstance(sentences, pd.DataFrame) or any(
        column not in sentences.columns for column in ("doc_id", "sent_id", "start", "end")
    ):
        return None
    doc_col = sentences["doc_id"]
    if not isinstance(doc_col.dtype, pd.CategoricalDtype) or len(doc_col.cat.categories) != len(ids):
        return None
    if doc_col.cat.categories.tolist() != list(ids):
        return None
    sent_doc = doc_col.cat.codes.to_numpy().astype(np.int64)
    sent_start = sentences["start"].to_numpy().astype(np.int64)
    sent_end = sentences["end"].to_numpy().astype(np.int64)
    sent_id = sentences["sent_id"].to_numpy().astype(np.int32)
    span = 1 + max(int(starts.max(initial=0)), int(sent_end.max(initial=0)))
    keys = sent_doc * span + sent_start
    if (sent_doc < 0).any() or (keys[1:] < keys[:-1]).any():
        return None  # not in document and text order: the general lookup sorts
    pos = np.searchsorted(keys, doc_index.astype(np.int64) * span + starts, side="right") - 1
    row = np.maximum(pos, 0)
    inside = (pos >= 0) & (sent_doc[row] == doc_index) & (starts < sent_end[row])
    return np.where(inside, sent_id[row], np.int32(-1))
