"""Which of the grammar's patterns to try at a position: by the word there and what follows it.

At a candidate position only the patterns that can start there are tried.
A word starting with a letter is read once against the grammar (which
patterns can begin with it, by partial matching of the *relaxed* patterns of
:mod:`analysis.timeline._relaxed`, with the ``regex`` package) and
remembered. A word that leaves many patterns ("the", "last") and a number
choose again with the next few characters ("the pa", "last ye", "2018, "),
one character at a time (a trie of keys, each remembered), on keys whose
digits are 0 and whose spaces are a space, so "15 pe" and "30 pe" are one
key. The keys one and two characters longer than a word (the next
character, a space and the one after) are read when the word is compiled,
when a scan first meets it; :func:`warm_up` reads, for every trigger and
prefix word and the common number forms, the keys one character longer
again: grammar-only work, whatever the text. A key not read yet is read once
it is seen twice (until then the shorter key's patterns, a superset, are
tried). A word seen rarely takes the patterns of a known word it begins with
("present" for "presented"). The patterns of a word are tried as one
alternation, those of a key one by one (each compiled once; no alternation
per distinct set to compile), in grammar order: the first that matches is
the match the whole grammar would give there. Without ``regex`` the first
character chooses (the patterns whose first character, read off the parsed
regex, fits): the same matches, slower.
"""

from __future__ import annotations

import re

from analysis.timeline._grammar import _PATTERNS, PREFIXES, TRIGGERS, _compile
from analysis.timeline._relaxed import _PATTERN_OF
from analysis.timeline._relaxed import CANONICAL as _CANONICAL
from analysis.timeline._relaxed import relaxed as _relaxed

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
_NUMBER_AT = re.compile(r"[0-9][a-z0-9]*")
_WIDE = 4  # a word leaving this many patterns or more (and any number) is read with what follows it
_TAIL = 3  # ... the next this many characters
_NUMBER_WIDE = 2  # (a number is narrowed further: the number forms are few)
_BY_WORD: dict[str, list] = {}  # a word -> its choice (see _CHOICES)
_BY_KEY: dict[str, list] = {}  # a word (or number) and what follows it -> its choice
_BY_KEY_MAX = 100_000
# a choice of patterns: [the compiled patterns (None until first tried), the kinds, as one alternation or one by one],
# shared by the words (alternation) and by the keys (one by one) that leave the same kinds
_CHOICES: dict[tuple, list] = {}
_KEY_COUNT: dict[str, int] = {}  # how often a key not read yet was seen
_KEY_SEEN = 2
_WORD_SEEN = 8
_SINGLE: dict[str, re.Pattern] = {}
_SEEN: dict[str, int] = {}  # how often a word without patterns of its own was seen
_BY_WORD_MAX = 20_000
# the kinds that can begin with some digit: those a number chooses among
_DIGIT_KINDS = tuple(kind for kind, _ in _PATTERNS if _FIRST[kind] is None or not _FIRST[kind].isdisjoint("0123456789"))


def patterns_at(lower: str, start: int) -> list[re.Pattern]:
    """The grammar's patterns that can match at ``start``, chosen by the word there (else its first character).

    A word starting with a letter is checked once against every pattern
    (which of them can begin with it, read by partial matching) and
    remembered; tried in grammar order, the first of those that matches at
    ``start`` is the match the whole grammar would give there. When a word
    leaves many patterns ("the", "this", "last"), and at a number, the word
    with the next few characters chooses among those ("the pa", "last ye",
    "2018, "), by partial matching of relaxed patterns that read any digit
    as any other and any space as any other (so "15 pe" and "30 pe" are one
    key), remembered too.
    """
    if _partial_re is None:
        return patterns_for(lower[start])
    found = _WORD_AT.match(lower, start)
    if found is None:
        found = _NUMBER_AT.match(lower, start)  # a number: by what it is (digits as 0) and what follows it
        if found is None:
            return patterns_for(lower[start])
        end = found.end()
        key = lower[start : end + _TAIL].translate(_CANONICAL)
        chosen = _BY_KEY.get(key)
        if chosen is None:
            number = key[: end - start]
            chosen = _BY_KEY.get(number) or _number_patterns(number)
            if len(chosen[1]) >= _WIDE:
                chosen = _narrowed(key, end - start, chosen, _NUMBER_WIDE)
        patterns = chosen[0]
        return patterns if patterns is not None else _compiled(chosen)
    word = found.group()
    # a word seen rarely takes the patterns of a known word it begins with
    chosen = _BY_WORD.get(word) or _by_known_prefix(word) or _word_patterns(word)
    if len(chosen[1]) >= _WIDE:
        end = found.end()
        key = word + lower[end : end + _TAIL].translate(_CANONICAL)
        narrowed = _BY_KEY.get(key)
        chosen = narrowed if narrowed is not None else _narrowed(key, len(word), chosen)
    patterns = chosen[0]
    return patterns if patterns is not None else _compiled(chosen)


def _narrowed(key: str, size: int, chosen: list, wide: int = _WIDE) -> list:
    """The choice of ``key``: that of its first ``size`` characters (``chosen``), narrowed one
    character at a time by the longer prefixes of ``key`` (each remembered: most keys share their first
    characters). A prefix seen fewer than _KEY_SEEN times is not read yet: the patterns of the shorter one, a
    superset, are tried (the first of them that matches is the same)."""
    for stop in range(size + 1, len(key) + 1):
        if len(chosen[1]) < wide:  # a few patterns: tried as they are
            break
        prefix = key[:stop]
        known = _BY_KEY.get(prefix)
        if known is None:
            seen = _KEY_COUNT.get(prefix, 0) + 1
            if seen < _KEY_SEEN:  # a rare prefix is not worth reading (yet)
                if len(_KEY_COUNT) > _BY_KEY_MAX:
                    _KEY_COUNT.clear()
                _KEY_COUNT[prefix] = seen
                return chosen
            known = _learn(prefix, chosen[1])
        chosen = known
    if len(_BY_KEY) > _BY_KEY_MAX:
        _BY_KEY.clear()
    _BY_KEY[key] = chosen
    return chosen


def _learn(key: str, fitting: tuple) -> list:
    """The patterns of ``fitting`` whose relaxed form can begin with ``key``, remembered under ``key``."""
    kinds = tuple(kind for kind in fitting if _relaxed(kind).match(key, partial=True) is not None)
    # each pattern on its own, tried in grammar order (the first that matches is the alternation's match):
    # compiled once each, where an alternation per distinct set would mean compiling many
    chosen = _BY_KEY[key] = _choice(kinds, False)
    return chosen


def _choice(kinds: tuple, alternation: bool) -> list:
    """The shared choice of ``kinds`` (see _CHOICES); its patterns are compiled when first tried."""
    chosen = _CHOICES.get((alternation, kinds))
    if chosen is None:
        known = [] if not kinds else [_BY_KINDS[kinds]] if kinds in _BY_KINDS else None
        chosen = _CHOICES[(alternation, kinds)] = [known, kinds, alternation]
    return chosen


def _compiled(chosen: list) -> list[re.Pattern]:
    """The patterns of a choice, compiled now (the first time it is tried): one alternation, or one by one."""
    kinds = chosen[1]
    chosen[0] = [_alternation(kinds)] if chosen[2] else [_single(kind) for kind in kinds]
    return chosen[0]


def _word_patterns(word: str) -> list:
    """The choice of the patterns that can begin with ``word`` (read by partial matching of their relaxed forms),
    remembered; and, when they are many, those of the word with the next characters."""
    if len(_BY_WORD) > _BY_WORD_MAX:
        _BY_WORD.clear()
        _SEEN.clear()
    char = word[0]
    fitting = tuple(
        kind for kind, _ in _PATTERNS
        if (_FIRST[kind] is None or char in _FIRST[kind]) and _relaxed(kind).match(word, partial=True) is not None
    )  # fmt: skip
    chosen = _BY_WORD[word] = _choice(fitting, True)
    if len(fitting) >= _WIDE:
        _by_next_characters(word, chosen, _WIDE, 1)
    return chosen


def _number_patterns(number: str) -> list:
    """The choice of the patterns that can begin with ``number`` (digits as 0), and those of what follows it."""
    chosen = _learn(number, _DIGIT_KINDS)
    if len(chosen[1]) >= _WIDE:
        _by_next_characters(number, chosen, _NUMBER_WIDE, 1)
    return chosen


# what the patterns of a word (or number) are narrowed by when the word is compiled: the character after it (a word
# ends there: no letter or digit) and, after a space, the next one and (where many patterns are still left) the one
# after that; other characters are read when met
_AFTER = " ,.-')(:;%/\""
_NEXT = "abcdefghijklmnopqrstuvwxyz0"


def _by_next_characters(token: str, chosen: list, wide: int, depth: int) -> None:
    """Read (and remember) the patterns of ``token`` followed by each character of _AFTER, then of a space and
    each character of _NEXT, and so on ``depth`` characters after the space while ``wide`` patterns or more
    are left: the grammar's work, whatever the text, the keys most narrowing goes through. When a word is
    compiled, one character after the space; by :func:`warm_up`, all of _TAIL."""
    for after in _AFTER:
        key = token + after
        narrowed = _BY_KEY.get(key) or _learn(key, chosen[1])
        if after == " ":
            _by_following(key, narrowed, depth, wide)


def _by_following(key: str, chosen: list, depth: int, wide: int) -> None:
    if depth <= 0 or len(chosen[1]) < wide:
        return
    for following in _NEXT if len(key) == len(key.rstrip(" ")) else _NEXT + " -'":
        narrowed = _BY_KEY.get(key + following) or _learn(key + following, chosen[1])
        _by_following(key + following, narrowed, depth - 1, wide)


def _by_known_prefix(word: str) -> list | None:
    """The patterns of the longest known word that ``word`` begins with ("present" for "presented"): every
    pattern that can begin with ``word`` can begin with it. None once ``word`` is seen _WORD_SEEN times
    (then it gets its own), or when no known word is a prefix."""
    seen = _SEEN.get(word, 0) + 1
    if seen >= _WORD_SEEN:
        return None
    for size in range(len(word) - 1, 2, -1):
        chosen = _BY_WORD.get(word[:size])
        if chosen is not None:
            _SEEN[word] = seen
            return chosen
    return None


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
    (and, for a word that leaves many, those of the word with the next
    character or two) when a scan first meets the word, so a notebook on one
    article pays for a few words only. A process about to scan a large
    corpus, or a benchmark that keeps one-time start-up out of its timing,
    can pay for all of them at once (about 0.4 s), the keys one character
    longer included (else read when met); the Dask engine does so on each
    fresh worker. This is work on the grammar alone, whatever the texts.
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
        for word in sorted(words):  # (and, where many patterns are left, the keys one character longer)
            chosen = _BY_WORD.get(word) or _word_patterns(word)
            if len(chosen[1]) >= _WIDE:
                _by_next_characters(word, chosen, _WIDE, _TAIL - 1)
    for char in "0123456789'":
        patterns_for(char)
    if _partial_re is not None:  # numbers: the runs of one to six digits, alone or with an ordinal's or plural's ending
        for size in range(1, 7):
            for ending in ("", "st", "nd", "rd", "th", "s"):
                number = size * "0" + ending
                chosen = _BY_KEY.get(number) or _number_patterns(number)
                if len(chosen[1]) >= _WIDE:
                    _by_next_characters(number, chosen, _NUMBER_WIDE, _TAIL - 1)
    for kind, _ in _PATTERNS:  # the patterns one by one, for the sets chosen by a word and what follows it
        _single(kind)
        if _partial_re is not None:
            _relaxed(kind)
    for chosen in list(_CHOICES.values()):  # the alternations of the words
        if chosen[0] is None:
            _compiled(chosen)
