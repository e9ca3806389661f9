"""The grammar's patterns relaxed, for partial matching: which patterns can begin with a word and what follows it.

A relaxed pattern matches every text its pattern matches, and more: any
digit where the pattern reads a digit, any whitespace where it reads
whitespace, no assertions (lookarounds, word boundaries), no groups. So a
key made *canonical* (:data:`CANONICAL`: digits as ``0``, ASCII whitespace as
a space; lower case, as the scan reads the text) that begins the text of a
match can always be partially matched by its kind's relaxed pattern: a kind
whose relaxed pattern cannot begin with the key cannot match there, and
leaving it out changes no match (:mod:`analysis.timeline._dispatch`). Needs
the ``regex`` package (partial matching).
"""

from __future__ import annotations

import re

from analysis.timeline._grammar import _PATTERNS

#: Digits as 0, ASCII whitespace as a space: what a key is read as (see the module docstring).
CANONICAL = str.maketrans({**dict.fromkeys("0123456789", "0"), **dict.fromkeys("\t\n\r\x0b\x0c", " ")})
_PATTERN_OF = dict(_PATTERNS)
_RELAXED: dict[str, object] = {}


def _relaxed_source(sequence) -> str:
    """A regex matching every text a parsed regex matches, and more: any digit where it reads a digit, any
    whitespace where it reads whitespace, any character where it reads all but some; no assertions, no groups."""
    from re import _constants as c

    parts = []
    for op, av in sequence:
        if op is c.LITERAL:
            parts.append(_relaxed_char(chr(av)))
        elif op is c.IN and not any(item_op is c.NEGATE for item_op, _ in av):
            items = []
            for item_op, item in av:
                if item_op is c.LITERAL:
                    items.append(_relaxed_char(chr(item)))
                elif item_op is c.RANGE:
                    items.append(r"\d" if item[0] <= 0x39 and item[1] >= 0x30 else "")
                    items.append(re.escape(chr(item[0])) + "-" + re.escape(chr(item[1])))
                else:  # a category: \d, \s, \w ...
                    items.append({c.CATEGORY_DIGIT: r"\d", c.CATEGORY_SPACE: r"\s", c.CATEGORY_WORD: r"\w"}.get(item, r"\W\w"))
            parts.append(items[0] if len(items) == 1 and items[0] in (r"\d", r"\s", r"\w") else "[" + "".join(items) + "]")
        elif op in (c.IN, c.NOT_LITERAL, c.ANY):  # a negated set or a category: any character
            parts.append(r"(?s:.)")
        elif op is c.BRANCH:
            parts.append("(?:" + "|".join(map(_relaxed_source, av[1])) + ")")
        elif op is c.SUBPATTERN:
            parts.append("(?:" + _relaxed_source(av[3]) + ")")
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, sub = av
            body = _relaxed_source(sub)
            if not (len(sub) == 1 and sub[0][0] in (c.LITERAL, c.IN, c.BRANCH, c.SUBPATTERN)):
                body = "(?:" + body + ")"  # (a character, a set or a group stands alone before a quantifier)
            high = None if high is c.MAXREPEAT else high
            parts.append(body + _QUANTIFIERS.get((low, high), f"{{{low},{'' if high is None else high}}}"))
        elif op not in (c.AT, c.ASSERT, c.ASSERT_NOT):  # assertions only ever reject: left out
            raise ValueError(f"no relaxed form for {op}")
    return "".join(parts)


_QUANTIFIERS = {(0, 1): "?", (0, None): "*", (1, None): "+"}


def _relaxed_char(char: str) -> str:
    return r"\d" if char.isdigit() else r"\s" if char.isspace() else re.escape(char)


def relaxed(kind: str):
    """The grammar's pattern ``kind`` relaxed (see :func:`_relaxed_source`), compiled for partial matching, once.

    Examples
    --------
    >>> relaxed("year").match("0000", partial=True) is not None
    True
    >>> relaxed("year").match("fiscal ye", partial=True) is None  # "fiscal" is followed by a year or nothing
    True
    """
    compiled = _RELAXED.get(kind)
    if compiled is None:
        import regex
        from re import _parser

        source = _relaxed_source(_parser.parse(_PATTERN_OF[kind], re.IGNORECASE))
        compiled = _RELAXED[kind] = regex.compile(source, regex.IGNORECASE | regex.V0)
    return compiled
