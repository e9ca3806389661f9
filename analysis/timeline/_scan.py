"""The fast scan: find trigger words, walk back over prefix words, try the grammar there.

Every expression the grammar finds holds a trigger word (month, weekday,
unit, deictic word ...) or a digit: an Aho-Corasick automaton finds both in one
pass (a regex does without pyahocorasick); the grammar is tried only at each trigger and at the
run of prefix words just before it ("the early", "more than two"), with the
patterns :mod:`analysis.timeline._dispatch` chooses. :func:`find_timexes`
gives what :func:`analysis.timeline._grammar.find_timexes_slow` gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from analysis.timeline._dispatch import patterns_at
from analysis.timeline._grammar import MONTHS, PREFIXES, TRIGGERS, WEEKDAYS, _accept

_DIGITS = re.compile(r"[0-9]")  # one digit: faster to find than a run; runs are deduplicated below
# the word before a position, read on the reversed text: one anchored match instead of a search
_BACK_WORD_REVERSED = re.compile(r"[\s,(-]*([a-z0-9]+)")
_BACK_WINDOW = 16  # the prefix word and the separators after it fit in this many characters
_MAX_BACK = 6
_AUTOMATON = None


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


def _trigger_starts(text: str, lower: str, *, automaton=True) -> list[int]:
    """Start offsets of the trigger words (at a word start) and digit runs of ``text``."""
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


def find_timexes(text: str) -> Iterator[tuple[int, int, str, dict]]:
    """Yield ``(start, end, kind, groups)`` for every temporal expression in ``text``.

    ``groups`` holds the named parts of the match that were found (keys are
    the grammar's group names, values the matched strings). The result equals
    scanning ``GRAMMAR.finditer(text)`` (see :func:`find_timexes_slow`), about
    thirty times faster: the grammar is tried only around trigger words.
    """
    lower = text.lower()
    triggers = _trigger_starts(text, lower)
    if not triggers:
        return
    reverse = lower[::-1]
    size = len(lower)
    last_end = 0
    for trigger in triggers:
        if trigger < last_end:
            continue
        candidates, position = [trigger], trigger
        for _ in range(_MAX_BACK):  # walk back over prefix words
            low = max(last_end, position - _BACK_WINDOW)
            back = _BACK_WORD_REVERSED.match(reverse, size - position)
            if back is None:
                break
            word_end, word_start = size - back.start(1), size - back.end(1)
            if word_start < low:  # the word (or the part of it) inside the window
                if word_end <= low:
                    break
                word_start = low
            if lower[word_start:word_end] not in PREFIXES:
                break
            position = word_start
            candidates.append(position)
        for start in reversed(candidates):
            match = None
            for pattern in patterns_at(lower, start):
                match = pattern.match(text, start)
                if match is not None:
                    break
            if match is not None and match.end() > trigger:
                found = _accept(match, text)
                if found is not None:
                    last_end = match.end()
                    yield found
                    break
