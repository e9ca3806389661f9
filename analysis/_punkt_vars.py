"""The pieces of NLTK's Punkt that :mod:`analysis._punkt` reads, adapted from NLTK.

Adapted from ``nltk/tokenize/punkt.py`` of NLTK 3.10.4 (``PunktParameters``,
the word-tokenizer regular expression of ``PunktLanguageVars`` and the type
properties of ``PunktToken``), https://www.nltk.org/.
Copyright (C) 2001-2026 NLTK Project. Algorithm: Kiss & Strunk (2006).
Authors: Willy, Steven Bird, Edward Loper, Joel Nothman, Arthur Darcet, Tom Aarsen.
Licensed under the Apache License, Version 2.0 (the "License"); you may not
use this file except in compliance with the License. You may obtain a copy of
the License at http://www.apache.org/licenses/LICENSE-2.0. Unless required by
applicable law or agreed to in writing, software distributed under the
License is distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS
OF ANY KIND, either express or implied.

Changes from NLTK: only what sentence splitting with given parameters needs
is kept (no training, pickling or debugging helpers); the patterns are
compiled with the ``regex`` module, as NLTK does, but without NLTK's match
timeout wrapper. Importing ``nltk`` costs 1-2 s (its ``__init__`` imports
scipy through ``nltk.collocations``), which every notebook paid for these
few lines. ``PunktParameters`` here has the same four attributes as NLTK's,
so NLTK's ``PunktSentenceTokenizer`` accepts it and our code accepts NLTK's.
"""

from __future__ import annotations

from collections import defaultdict

import regex

__all__ = ["PunktParameters", "PunktToken", "word_tokenize", "is_punkt_parameters"]


class PunktParameters:
    """The data Punkt decides sentence boundaries with.

    Attributes
    ----------
    abbrev_types : set of str
        Known abbreviations, lower-cased, without their final period.
    collocations : set of tuple of (str, str)
        Word-type pairs across a period that is not a sentence boundary.
    sent_starters : set of str
        Word types that frequently start a sentence.
    ortho_context : defaultdict of str to int
        Orthographic context flags of every word type (NLTK's ``_ORTHO_*``).

    Examples
    --------
    >>> params = PunktParameters()
    >>> params.abbrev_types.add("dr")
    >>> params.ortho_context["unseen"]
    0
    """

    def __init__(self) -> None:
        self.abbrev_types: set[str] = set()
        self.collocations: set[tuple[str, str]] = set()
        self.sent_starters: set[str] = set()
        self.ortho_context: defaultdict[str, int] = defaultdict(int)

    def __repr__(self) -> str:
        return (
            f"PunktParameters({len(self.abbrev_types)} abbreviations, {len(self.collocations)} "
            f"collocations, {len(self.sent_starters)} sentence starters, "
            f"{len(self.ortho_context)} orthographic contexts)"
        )


_PARAMETER_ATTRIBUTES = ("abbrev_types", "collocations", "sent_starters", "ortho_context")


def is_punkt_parameters(value: object) -> bool:
    """True for ours, NLTK's or any object with Punkt's four parameter attributes."""
    return all(hasattr(value, name) for name in _PARAMETER_ATTRIBUTES)


# PunktLanguageVars (English defaults): the word tokenizer's pattern.
_SENT_END_CHARS = (".", "?", "!")
_RE_NON_WORD_CHARS = r"(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb%s])" % regex.escape(
    "".join(set(_SENT_END_CHARS) - {"."})
)
_RE_MULTI_CHAR_PUNCT = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"
_RE_WORD_START = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,]"
_WORD_TOKENIZE_FMT = r"""(
        %(MultiChar)s
        |
        (?=%(WordStart)s)\S+?  # Accept word characters until end is found
        (?= # Sequences marking a word's end
            \s|                                 # White-space
            $|                                  # End-of-string
            %(NonWord)s|%(MultiChar)s|          # Punctuation
            ,(?=$|\s|%(NonWord)s|%(MultiChar)s) # Comma if at end of word
        )
        |
        \S
    )"""
_RE_WORD_TOKENIZER = regex.compile(
    _WORD_TOKENIZE_FMT
    % {"NonWord": _RE_NON_WORD_CHARS, "MultiChar": _RE_MULTI_CHAR_PUNCT, "WordStart": _RE_WORD_START},
    regex.UNICODE | regex.VERBOSE,
)


def word_tokenize(text: str) -> list[str]:
    """Punkt's word tokenizer: split off punctuation other than periods.

    Examples
    --------
    >>> word_tokenize("(Dr. Li, too.)")
    ['(', 'Dr.', 'Li', ',', 'too.', ')']
    """
    return _RE_WORD_TOKENIZER.findall(text)


class PunktToken:
    """A token and the type properties Punkt's decisions read.

    Examples
    --------
    >>> token = PunktToken("U.S.")
    >>> token.type, token.type_no_period, token.period_final
    ('u.s.', 'u.s', True)
    """

    __slots__ = ("tok", "type", "period_final")

    _RE_ELLIPSIS = regex.compile(r"\.\.+$")
    _RE_NUMERIC = regex.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
    _RE_INITIAL = regex.compile(r"[^\W\d]\.$", regex.UNICODE)

    def __init__(self, tok: str) -> None:
        self.tok = tok
        self.type = self._RE_NUMERIC.sub("##number##", tok.lower())
        self.period_final = tok.endswith(".")

    @property
    def type_no_period(self) -> str:
        """The type with its final period removed if it has one."""
        if len(self.type) > 1 and self.type[-1] == ".":
            return self.type[:-1]
        return self.type

    @property
    def first_upper(self) -> bool:
        """True if the token's first character is uppercase."""
        return self.tok[0].isupper()

    @property
    def first_lower(self) -> bool:
        """True if the token's first character is lowercase."""
        return self.tok[0].islower()

    @property
    def is_ellipsis(self) -> object:
        """A match (truthy) if the token is an ellipsis."""
        return self._RE_ELLIPSIS.match(self.tok)

    @property
    def is_initial(self) -> object:
        """A match (truthy) if the token is an initial such as ``J.``."""
        return self._RE_INITIAL.match(self.tok)
