"""Match a query (word, phrase, glob) against a token table.

Private helper for :func:`analysis.kwic_table` and :func:`analysis.dispersion_table`.
A query string is split on whitespace into token patterns matched on
consecutive tokens of one document (a Han or Hiragana character is a token
of its own, as in :func:`analysis.token_table`: ``中国`` is two). A pattern with ``*``, ``?`` or ``[...]``
is a shell-style glob (``refut*``, ``*-civilian``) matched against the whole
unit value; any other pattern must equal the unit value. For ``unit="norm"``
patterns are lowercased and curly quotes straightened, like the norms.
"""

from __future__ import annotations

import fnmatch
import re

import numpy as np
import pandas as pd

from analysis._tokenize import split_ideographs
from analysis.errors import ParameterError
from analysis.terms._tokens import TokenArrays, normalise

_GLOB = re.compile(r"[*?\[]")


def regex_query(query: object) -> re.Pattern | None:
    """The compiled regex of a ``re:`` query or a pattern object; ``None`` for token queries."""
    if isinstance(query, re.Pattern):
        return query
    if isinstance(query, str) and query.startswith("re:"):
        try:
            return re.compile(query[3:])
        except re.error as exc:
            raise ParameterError(f"query={query!r} is not a valid regular expression: {exc}") from None
    return None


def token_patterns(query: object, unit: str) -> list[str]:
    """The token patterns of a word/phrase/glob query, normalised for ``unit``."""
    if not isinstance(query, str) or not query.split():
        raise ParameterError(
            f"query={query!r} must be a word, a phrase, a glob such as 'refut*', "
            "a 're:' regular expression or a compiled re.Pattern"
        )
    words = [part for word in query.split() for part in split_ideographs(word)]
    return [normalise(part, unit) for part in words]


def _pattern_mask(arrays: TokenArrays, pattern: str) -> np.ndarray:
    """Bool per token row: the row's unit value matches ``pattern``."""
    if _GLOB.search(pattern):
        regex = fnmatch.translate(pattern)
        hits = pd.Series(arrays.vocab, dtype=object).str.fullmatch(regex).fillna(False)
        in_vocab = hits.to_numpy(dtype=bool)
    else:
        in_vocab = arrays.vocab == pattern
    return np.append(in_vocab, False)[arrays.codes]  # code -1 (no value) takes the appended False


def match_rows(arrays: TokenArrays, patterns: list[str]) -> np.ndarray:
    """Rows where the patterns match consecutive tokens of one document.

    Returns the first row of every match; the match spans ``len(patterns)`` rows.
    """
    k, n = len(patterns), len(arrays.codes)
    m = n - k + 1
    if m <= 0:
        return np.empty(0, np.int64)
    ok = np.ones(m, bool)
    for j, pattern in enumerate(patterns):
        ok &= _pattern_mask(arrays, pattern)[j : j + m]
        if j:
            ok &= arrays.adjacent[j - 1 : j - 1 + m]
    return np.flatnonzero(ok)
