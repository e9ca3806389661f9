"""Which of the grammar's patterns to try at a position: by the word there, else by its first character.

At a candidate position only the patterns that can start there are tried:
for a word starting with a letter, those that can begin with that word
(read once per word by partial matching, with the ``regex`` package, and
remembered); for a digit, those whose first character (read off the parsed
regex) fits. Either set is joined in one alternation (one per distinct set,
shared), so one match call tries them all. Either way the first
that matches, in grammar order, is the match the whole alternation would
give. Without ``regex`` the first character chooses for words too: the same
matches, somewhat slower.
"""

from __future__ import annotations

import re

from analysis.timeline._grammar import _PATTERNS, PREFIXES, TRIGGERS, _compile

_ANY = None  # stands for "any character" in a first-character set


def _first(sequence) -> tuple[set | None, bool]:
    """(characters a parsed regex can start with, None for any; whether it can match empty)."""
    from re import _constants as c

    found: set | None = set()
    for op, av in sequence:
        if op is c.LITERAL:
            chars, nullable = {chr(av)}, False
        elif op is c.IN:
            chars, nullable = set(), False
            for item_op, item in av:
                if item_op is c.LITERAL:
                    chars.add(chr(item))
                elif item_op is c.RANGE:
                    chars.update(map(chr, range(item[0], item[1] + 1)))
                elif item_op is c.CATEGORY and item is c.CATEGORY_DIGIT:
                    chars.update("0123456789")
                else:  # a category (\d, \s, \w) or a negation: any character will do
                    chars = _ANY
                    break
        elif op is c.BRANCH:
            chars, nullable = set(), False
            for branch in av[1]:
                sub, sub_nullable = _first(branch)
                chars = _ANY if chars is _ANY or sub is _ANY else chars | sub
                nullable = nullable or sub_nullable
        elif op is c.SUBPATTERN:
            chars, nullable = _first(av[3])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            chars, nullable = _first(av[2])
            nullable = nullable or av[0] == 0
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            chars, nullable = set(), True
        elif op is c.ATOMIC_GROUP:
            chars, nullable = _first(av)
        else:  # ANY, NOT_LITERAL, CATEGORY, GROUPREF
            chars, nullable = _ANY, False
        found = _ANY if found is _ANY or chars is _ANY else found | chars
        if not nullable:
            return found, False
    return found, True


def _first_chars(pattern: str) -> set | None:
    from re import _parser

    chars, _ = _first(_parser.parse(pattern, re.IGNORECASE))
    return None if chars is None else {ch.lower() for ch in chars}


_FIRST = {kind: _first_chars(pattern) for kind, pattern in _PATTERNS}
_BY_CHAR: dict[str, list[re.Pattern]] = {}
_BY_KINDS: dict[tuple, re.Pattern] = {}


def patterns_for(char: str) -> list[re.Pattern]:
    """The grammar's patterns that can start with ``char`` (lower case), in grammar order.

    Returned as one alternation of those patterns (a list of one, or empty):
    at a position it gives the match the whole grammar would (the first
    alternative that matches wins), at a fraction of the cost.
    """
    patterns = _BY_CHAR.get(char)
    if patterns is None:
        fitting = tuple(kind for kind, _ in _PATTERNS if _FIRST[kind] is None or char in _FIRST[kind])
        # one alternation of the fitting patterns, in grammar order: one call tries them all
        if fitting and fitting not in _BY_KINDS:
            _BY_KINDS[fitting] = _compile([(kind, pattern) for kind, pattern in _PATTERNS if kind in fitting])
        patterns = [_BY_KINDS[fitting]] if fitting else []
        _BY_CHAR[char] = patterns
    return patterns


try:  # partial matching tells which patterns a word can begin (the stdlib's re cannot)
    import regex as _partial_re
except ImportError:  # then the first character alone chooses the patterns: the same matches, slower
    _partial_re = None
_WORD_AT = re.compile(r"[a-z][a-z0-9]*")  # a candidate's first word, when it starts with a letter
_BY_WORD: dict[str, list[re.Pattern]] = {}
_BY_WORD_MAX = 20_000
_PATTERN_OF = dict(_PATTERNS)
_PARTIAL: dict[str, object] = {}


def _can_begin(kind: str, word: str) -> bool:
    """Whether pattern ``kind`` can match a text that begins with ``word`` (then a non-alphanumeric)."""
    pattern = _PATTERN_OF[kind]
    if "(?<=" in pattern:  # a lookbehind needs the text before the word: keep the pattern
        return True
    compiled = _PARTIAL.get(kind)
    if compiled is None:
        compiled = _PARTIAL[kind] = _partial_re.compile(pattern, _partial_re.IGNORECASE | _partial_re.V0)
    return compiled.match(word, partial=True) is not None


def patterns_at(lower: str, start: int) -> list[re.Pattern]:
    """The grammar's patterns that can match at ``start``, chosen by the word there (else its first character).

    A word starting with a letter is checked once against every pattern
    (which of them can begin with it, read by partial matching) and
    remembered; tried in grammar order, the first of those that matches at
    ``start`` is the match the whole grammar would give there.
    """
    if _partial_re is None:
        return patterns_for(lower[start])
    found = _WORD_AT.match(lower, start)
    if found is None:
        return patterns_for(lower[start])
    word = found.group()
    patterns = _BY_WORD.get(word)
    if patterns is None:
        if len(_BY_WORD) > _BY_WORD_MAX:
            _BY_WORD.clear()
        char = word[0]
        fitting = tuple(
            kind for kind, _ in _PATTERNS
            if (_FIRST[kind] is None or char in _FIRST[kind]) and _can_begin(kind, word)
        )  # fmt: skip
        patterns = _BY_WORD[word] = [_alternation(fitting)] if fitting else []
    return patterns


def _alternation(kinds: tuple) -> re.Pattern:
    """One alternation of the patterns ``kinds``, in grammar order: one match call tries them all
    and gives what trying them one by one would (the first alternative that matches wins)."""
    compiled = _BY_KINDS.get(kinds)
    if compiled is None:
        compiled = _BY_KINDS[kinds] = _compile([(kind, _PATTERN_OF[kind]) for kind in kinds])
    return compiled


def warm_up() -> None:
    """Compile the grammar's alternations for every character a scan can start at, and choose
    the patterns of every trigger and prefix word (done once, at import)."""
    if _partial_re is None:  # the first character chooses
        for char in "abcdefghijklmnopqrstuvwxyz":
            patterns_for(char)
    else:  # the word chooses (for a word that starts with a letter)
        for word in sorted({word.rstrip(".") for word in TRIGGERS} | PREFIXES):
            patterns_at(word, 0)
    for char in "0123456789'":
        patterns_for(char)


warm_up()  # compiled at import, so the first call pays no compilation
