"""Which of the grammar's patterns to try at a position: by the word there, else by its first character.

At a candidate position only the patterns that can start there are tried:
for a word starting with a letter, those that can begin with that word
(read once per word by partial matching, with the ``regex`` package, and
remembered); for a digit, those whose first character (read off the parsed
regex) fits. Either set is joined in one alternation (one per distinct set,
shared), so one match call tries them all. A word that leaves many patterns
("the", "last", a number) chooses again with what follows it ("the past",
"2018,"), once that pair has been seen a few times; a word seen rarely takes
the patterns of a known word it begins with ("present" for "presented"). Either way the first
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
_FIT_BY_CHAR: dict[str, tuple] = {}


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
        _FIT_BY_CHAR[char] = fitting
    return patterns


try:  # partial matching tells which patterns a word can begin (the stdlib's re cannot)
    import regex as _partial_re
except ImportError:  # then the first character alone chooses the patterns: the same matches, slower
    _partial_re = None
_WORD_AT = re.compile(r"[a-z][a-z0-9]*")  # a candidate's first word, when it starts with a letter
# what follows a word that leaves many patterns: spaces and the next word, else one character (not a space)
# (a whole word, or a character that no word character follows: the pair ends where the text's word ends)
_PAIR_AT = re.compile(r"[^\S\n]+\w+|[^\s\w](?!\w)")
_NUMBER_AT = re.compile(r"[0-9][a-z0-9]*")
_WIDE = 4  # a word leaving this many patterns or more is read with what follows it
_BY_WORD: dict[str, tuple[list[re.Pattern], tuple]] = {}
_BY_PAIR: dict[str, list[re.Pattern] | int] = {}  # the patterns of a pair, or how often it was seen
_PAIR_SEEN = 8
_SINGLE: dict[str, re.Pattern] = {}
_SEEN: dict[str, int] = {}  # how often a word without patterns of its own was seen
_BY_WORD_MAX = 20_000
_PATTERN_OF = dict(_PATTERNS)
_PARTIAL: dict[str, object] = {}


def _can_begin(kind: str, word: str) -> bool:
    """Whether pattern ``kind`` can match a text that begins with ``word`` (a prefix of the text: partial
    matching answers yes when the text could go on to a match, or when a match ends inside ``word``)."""
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
    ``start`` is the match the whole grammar would give there. When a word
    leaves many patterns ("the", "this", "last", a number), the word with
    what follows it ("the past", "the government", "last year", "the-")
    chooses among those, again by partial matching, and is remembered too.
    """
    if _partial_re is None:
        return patterns_for(lower[start])
    found = _WORD_AT.match(lower, start)
    if found is None:
        patterns = patterns_for(lower[start])
        found = _NUMBER_AT.match(lower, start)  # a number: by its first character, then with what follows it
        if found is None or not patterns:
            return patterns
        return _narrowed(lower, start, found.end(), patterns, _FIT_BY_CHAR[lower[start]])
    word = found.group()
    # a word seen rarely takes the patterns of a known word it begins with
    chosen = _BY_WORD.get(word) or _by_known_prefix(word) or _word_patterns(word)
    patterns, fitting = chosen
    if len(fitting) < _WIDE:
        return patterns
    return _narrowed(lower, start, found.end(), patterns, fitting)


def _word_patterns(word: str) -> tuple[list[re.Pattern], tuple]:
    """The patterns that can begin with ``word`` (read by partial matching), remembered: ``(alternation as a
    list of one or none, the kinds)``."""
    if len(_BY_WORD) > _BY_WORD_MAX:
        _BY_WORD.clear()
        _SEEN.clear()
    char = word[0]
    fitting = tuple(
        kind for kind, _ in _PATTERNS
        if (_FIRST[kind] is None or char in _FIRST[kind]) and _can_begin(kind, word)
    )  # fmt: skip
    chosen = _BY_WORD[word] = ([_alternation(fitting)] if fitting else [], fitting)
    return chosen


def _by_known_prefix(word: str) -> tuple[list, tuple] | None:
    """The patterns of the longest known word that ``word`` begins with ("present" for "presented"): every
    pattern that can begin with ``word`` can begin with it. None once ``word`` is seen _PAIR_SEEN times
    (then it gets its own), or when no known word is a prefix."""
    seen = _SEEN.get(word, 0) + 1
    if seen >= _PAIR_SEEN:
        return None
    for size in range(len(word) - 1, 2, -1):
        chosen = _BY_WORD.get(word[:size])
        if chosen is not None:
            _SEEN[word] = seen
            return chosen
    return None


def _narrowed(lower: str, start: int, end: int, patterns: list, fitting: tuple) -> list[re.Pattern]:
    """The patterns of ``fitting`` that can begin with the word at ``start`` (ending at ``end``) and what
    follows it; ``patterns`` (all of ``fitting``) when nothing follows or the pair is still rare."""
    pair = _PAIR_AT.match(lower, end)  # what follows the word: the next word, or one character
    if pair is None:
        return patterns
    key = lower[start : pair.end()]
    narrowed = _BY_PAIR.get(key)
    if narrowed is None:  # read a pair once it is seen _PAIR_SEEN times: a rare one is not worth it
        if len(_BY_PAIR) > _BY_WORD_MAX:
            _BY_PAIR.clear()
        _BY_PAIR[key] = 1
        return patterns
    if narrowed.__class__ is int:
        if narrowed < _PAIR_SEEN - 1:
            _BY_PAIR[key] = narrowed + 1
            return patterns
        kinds = tuple(kind for kind in fitting if _can_begin(kind, key))
        # each pattern on its own, tried in grammar order (the first that matches is the alternation's match):
        # compiled once each, where an alternation per distinct set would mean compiling many
        narrowed = _BY_PAIR[key] = [_BY_KINDS[kinds]] if kinds in _BY_KINDS else [_single(kind) for kind in kinds]
    return narrowed


def _single(kind: str) -> re.Pattern:
    """The grammar's pattern ``kind`` alone (with the grammar's boundaries), compiled once."""
    compiled = _SINGLE.get(kind)
    if compiled is None:
        compiled = _SINGLE[kind] = _compile([(kind, _PATTERN_OF[kind])])
    return compiled


def _alternation(kinds: tuple) -> re.Pattern:
    """One alternation of the patterns ``kinds``, in grammar order: one match call tries them all
    and gives what trying them one by one would (the first alternative that matches wins)."""
    compiled = _BY_KINDS.get(kinds)
    if compiled is None:
        compiled = _BY_KINDS[kinds] = _compile([(kind, _PATTERN_OF[kind]) for kind in kinds])
    return compiled


def warm_up() -> None:
    """Compile the timex grammar for every trigger and prefix word now.

    :func:`~analysis.timeline.timex_table` compiles, for each trigger word
    ("May", "last", "week", a digit ...), the patterns that can begin there
    when a scan first meets the word, so a notebook on one article pays for a
    few words only. A process about to scan a large corpus, or a benchmark
    that keeps one-time start-up out of its timing, can pay for all of them
    at once (about 0.3 s); the Dask engine does so on each fresh worker.
    Calling it again does nothing more.

    Returns
    -------
    None

    Examples
    --------
    >>> from analysis.timeline import warm_up
    >>> warm_up()
    """
    if _partial_re is None:  # the first character chooses
        for char in "abcdefghijklmnopqrstuvwxyz":
            patterns_for(char)
    else:  # the word chooses (for a word that starts with a letter)
        words = {word.rstrip(".") for word in TRIGGERS} | PREFIXES
        words |= {word + "s" for word in words} | {"centuries", "currently", "presently"}  # "years", "days"
        for word in sorted(words):
            _word_patterns(word)
    for char in "0123456789'":
        patterns_for(char)
    for kind, _ in _PATTERNS:  # the patterns one by one, for the sets chosen by a word and what follows it
        _single(kind)
