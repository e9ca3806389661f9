"""The fast scan: find trigger words, walk back over prefix words, try the grammar there.

Every expression the grammar finds holds a trigger word (month, weekday,
unit, deictic word ...) or a digit: :func:`trigger_starts_many` finds both with
numpy on the bytes of many lower-cased texts at once (the word starts whose
first three or four letters begin a trigger word, the starts of digit runs;
each then checked in Python); an Aho-Corasick automaton, or a regex without
pyahocorasick, finds the same starts one text at a time. The grammar is tried
only at each trigger and at the run of prefix words just before it ("the
early", "more than two"), with the patterns :mod:`analysis.timeline._dispatch`
chooses. :func:`find_timexes` gives what
:func:`analysis.timeline._grammar.find_timexes_slow` gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np

from analysis.timeline._dispatch import patterns_at
from analysis.timeline._grammar import MONTHS, PREFIXES, TRIGGERS, WEEKDAYS, _accept

_DIGITS = re.compile(r"[0-9]")  # one digit: faster to find than a run; runs are deduplicated below
# the word before a position, read on the reversed text: one anchored match instead of a search
_BACK_WORD_REVERSED = re.compile(r"[\s,(-]*([a-z0-9]+)")
_BACK_WINDOW = 16  # the prefix word and the separators after it fit in this many characters
_MAX_BACK = 6
_AUTOMATON = None


def lower_same_length(text: str) -> str:
    """``text.lower()``, keeping any character whose lower case is not one character.

    The scan reads offsets in the lower-cased text as offsets in ``text``, so
    they must have the same length: ``"İ".lower()`` is two characters, which
    would shift every expression after it.

    Examples
    --------
    >>> lower_same_length("İstanbul, May 12")
    'İstanbul, may 12'
    """
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(low if len(low) == 1 else char for char, low in ((char, char.lower()) for char in text))


def _automaton():
    """The trigger automaton (pyahocorasick), or None when pyahocorasick is not installed."""
    global _AUTOMATON
    if _AUTOMATON is None:
        try:
            import ahocorasick
        except ImportError:  # the regex below finds the same triggers, somewhat slower
            _AUTOMATON = False
            return None
        automaton = ahocorasick.Automaton()
        for word in TRIGGERS:
            automaton.add_word(word, (len(word), word.rstrip(".") in _NAMES))
        for digit in "0123456789":  # digits too: one pass over the text finds both
            automaton.add_word(digit, _DIGIT)
        automaton.make_automaton()
        _AUTOMATON = automaton
    return None if _AUTOMATON is False else _AUTOMATON


# month and weekday names: the grammar accepts them only capitalised (see _case_ok)
_NAMES = frozenset(MONTHS) | frozenset(WEEKDAYS)
_TRIGGER_WORDS = re.compile(r"(?<![^\W_])(?:" + "|".join(sorted(map(re.escape, TRIGGERS), key=len, reverse=True)) + ")")


_DIGIT = (1, None)  # the automaton's value for a digit


def _digit_start(text: str, first: int) -> int | None:
    """Where an expression holding the digit run that starts at ``first`` can start; None inside a run."""
    if first and text[first - 1].isdigit():
        return None
    start = first
    while start > 0 and first - start < 2 and text[start - 1].isalpha():
        start -= 1  # Q3, FY1998
    if start > 0 and text[start - 1] == "'":
        start -= 1  # '90s
    return start


# the vectorised trigger search: the bytes of the lower-cased text (non-ASCII characters as "?"), the word
# starts there whose first three or four letters begin a trigger word, and the starts of digit runs
_PAD = np.zeros(3, dtype=np.uint8)


def _packed(word: str) -> int:
    return int.from_bytes(word.encode("ascii"), "big")


_BY_HEAD: dict[str, list[tuple[str, bool]]] = {}  # a trigger's first four letters (three for "now") -> triggers
for _word in TRIGGERS:
    _BY_HEAD.setdefault(_word[:4], []).append((_word, _word.rstrip(".") in _NAMES))
_HEADS4 = np.array(sorted(_packed(head) for head in _BY_HEAD if len(head) == 4), dtype=np.uint32)
assert min(map(len, _BY_HEAD)) >= 3 and all(head.isascii() and "a" <= head[0] <= "z" for head in _BY_HEAD)
# tables on a word's first three characters (the first a letter): a trigger word begins so; a trigger is those three
_FIRST3 = np.zeros(26 << 16, dtype=bool)
_FIRST3[[_packed(head[:3]) - (97 << 16) for head in _BY_HEAD]] = True
_EXACT3 = np.zeros(26 << 16, dtype=bool)
_EXACT3[[_packed(head) - (97 << 16) for head in _BY_HEAD if len(head) == 3]] = True


def _among(keys: np.ndarray, sorted_heads: np.ndarray) -> np.ndarray:
    where = np.searchsorted(sorted_heads, keys)
    where[where == len(sorted_heads)] = 0
    return sorted_heads[where] == keys


def trigger_starts_many(texts: list[str], lowers: list[str]) -> list[list[int]]:
    """:func:`_trigger_starts` of many texts at once (``lowers`` their lower-cased forms), read with numpy.

    The lower-cased texts are joined (a newline between, which no trigger
    spans) and read as bytes, non-ASCII characters as ``?``: the word starts
    whose first three or four letters begin a trigger word and the starts of
    digit runs are found there; each is then checked in Python exactly as
    the automaton's matches are, so non-ASCII text gives the same starts.
    """
    if not texts:
        return []
    joined = "\n".join(lowers)  # a newline is no letter or digit: no word runs from one text into the next
    data = np.frombuffer(joined.encode("ascii", "replace"), dtype=np.uint8)
    lengths = np.fromiter(map(len, lowers), dtype=np.int64, count=len(lowers))
    offsets = np.cumsum(lengths + 1) - lengths - 1  # where each text starts in the joined one
    letter = (data - np.uint8(97)) < 26  # a-z (uint8 arithmetic wraps: one comparison)
    numeral = (data - np.uint8(48)) < 10  # 0-9
    boundary = np.empty(len(data), dtype=bool)  # the character before is no ASCII letter or digit
    boundary[:1] = True
    np.logical_not(letter[:-1] | numeral[:-1], out=boundary[1:])
    heads = np.flatnonzero(letter & boundary)
    padded = np.concatenate((data, _PAD))
    first3 = ((padded[heads].astype(np.uint32) - 97) << 16) | (padded[heads + 1].astype(np.uint32) << 8)
    first3 |= padded[heads + 2]
    kept = _FIRST3[first3]  # most words go here
    heads, first3 = heads[kept], first3[kept]
    key4 = ((first3 + (97 << 16)) << 8) | padded[heads + 3]  # the first four characters, packed
    heads = heads[_EXACT3[first3] | _among(key4, _HEADS4)]
    runs = numeral.copy()  # where a run of ASCII digits starts
    runs[1:] &= ~numeral[:-1]
    runs = np.flatnonzero(runs)
    found: list[list[int]] = [[] for _ in texts]
    by_head = _BY_HEAD
    docs = np.searchsorted(offsets, heads, side="right") - 1
    for start, doc in zip((heads - offsets[docs]).tolist(), docs.tolist()):
        lower = lowers[doc]
        if start and lower[start - 1].isalnum():  # a non-ASCII letter or digit before it
            continue
        for word, named in by_head.get(lower[start : start + 4], ()) or by_head.get(lower[start : start + 3], ()):
            if lower.startswith(word, start) and not (named and texts[doc][start].islower()):
                found[doc].append(start)  # a month or weekday name counts only capitalised ("may", "march")
                break
    docs = np.searchsorted(offsets, runs, side="right") - 1
    for first, doc in zip((runs - offsets[docs]).tolist(), docs.tolist()):
        start = _digit_start(texts[doc], first)
        if start is not None:
            found[doc].append(start)
    return [sorted(set(starts)) for starts in found]


def _trigger_starts(text: str, lower: str, *, automaton=True, vectorised=True) -> list[int]:
    """Start offsets of the trigger words (at a word start) and digit runs of ``text``.

    Found with numpy (``vectorised``), else with the Aho-Corasick automaton
    (``automaton``), else with a regex: the same starts either way.
    """
    if vectorised:
        return trigger_starts_many([text], [lower])[0]
    starts = set()
    found = _automaton() if automaton else None
    if found is None:
        for match in _DIGITS.finditer(text):
            start = _digit_start(text, match.start())
            if start is not None:
                starts.add(start)
        starts.update(
            m.start() for m in _TRIGGER_WORDS.finditer(lower)
            if not (m.group().rstrip(".") in _NAMES and text[m.start()].islower())
        )  # fmt: skip
    else:
        for end, (length, named) in found.iter(lower):
            if named is None:  # a digit
                start = _digit_start(text, end)
                if start is not None:
                    starts.add(start)
                continue
            start = end - length + 1
            if (start == 0 or not lower[start - 1].isalnum()) and not (named and text[start].islower()):
                starts.add(start)  # a month or weekday name counts only capitalised ("may", "march")
    return sorted(starts)


def find_timexes(
    text: str, *, lower: str | None = None, triggers: list[int] | None = None
) -> Iterator[tuple[int, int, str, dict]]:
    """Yield ``(start, end, kind, groups)`` for every temporal expression in ``text``.

    ``groups`` holds the named parts of the match that were found (keys are
    the grammar's group names, values the matched strings). The result equals
    scanning ``GRAMMAR.finditer(text)`` (see :func:`find_timexes_slow`), about
    thirty times faster: the grammar is tried only around trigger words.
    ``lower`` (``text.lower()``) and ``triggers`` (its :func:`_trigger_starts`,
    as :func:`trigger_starts_many` finds them for many texts at once) are
    computed when not given.
    """
    if lower is None:
        lower = lower_same_length(text)
    if triggers is None:
        triggers = _trigger_starts(text, lower)
    if not triggers:
        return
    reverse = lower[::-1]
    size = len(lower)
    last_end = 0
    back_word, prefixes, choose = _BACK_WORD_REVERSED.match, PREFIXES, patterns_at  # (locals: read per trigger)
    for trigger in triggers:
        if trigger < last_end:
            continue
        candidates, position = [trigger], trigger
        for _ in range(_MAX_BACK):  # walk back over prefix words
            low = position - _BACK_WINDOW
            if low < last_end:
                low = last_end
            back = back_word(reverse, size - position)
            if back is None:
                break
            word_start, word_end = back.span(1)
            word_end, word_start = size - word_start, size - word_end
            if word_start < low:  # the word (or the part of it) inside the window
                if word_end <= low:
                    break
                word_start = low
            if lower[word_start:word_end] not in prefixes:
                break
            position = word_start
            candidates.append(position)
        for start in reversed(candidates):
            match = None
            for pattern in choose(lower, start):
                match = pattern.match(text, start)
                if match is not None:
                    break
            if match is not None and match.end() > trigger:
                found = _accept(match, text)
                if found is not None:
                    last_end = match.end()
                    yield found
                    break
