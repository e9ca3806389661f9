"""Find and count terms (n-grams of one unit) with integer codes.

Private helper for :mod:`analysis.terms`. A term of order k starts at row i
when rows i..i+k-1 are word tokens linked one to the next (same document,
same sentence, consecutive ``token_id``); punctuation, a sentence or document
boundary, or a gap left by filtering the table breaks every n-gram.

An n-gram's key is its unit codes read as digits in base V (the vocabulary
size): ``key = c1 * V**(k-1) + ... + ck``, so a key decodes back to its words
without a lookup table. Counting packs (key, group, document) into one int64
per occurrence and sorts it (numpy's vectorised sort is much faster than
hashing); runs of equal values then give the counts and the documents per
term. Only when the digits do not fit in 63 bits are keys re-coded densely
with :func:`pandas.factorize`, which also records a first occurrence per key
for decoding. Strings are made only for the terms the caller keeps
(:meth:`Terms.labels`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.terms._tokens import TokenArrays

_BITS = 63


def window_starts(arrays: TokenArrays, k: int, *, stopwords: bool) -> np.ndarray:
    """Rows where a valid term of order ``k`` starts (see module docstring).

    With ``stopwords=True`` a term may not start or end with a stopword (so a
    stopword unigram is dropped, ``"the war"`` is dropped, ``"war on terror"`` kept).
    """
    n = len(arrays.codes)
    m = n - k + 1
    if m <= 0:
        return np.empty(0, np.int64)
    ok = arrays.word[:m].copy()
    if k > 1:
        joint = arrays.link & arrays.word[:-1] & arrays.word[1:]
        for j in range(k - 1):
            ok &= joint[j : j + m]
    if stopwords:
        ok &= ~arrays.stop[:m] & ~arrays.stop[k - 1 : k - 1 + m]
    return np.flatnonzero(ok)


def _bits(size: int) -> int:
    """Bits needed for the values ``0 .. size - 1``."""
    return max(int(size) - 1, 0).bit_length()


@dataclass(frozen=True)
class Terms:
    """The occurrences of terms of one order, each with an int64 key below ``size``."""

    k: int
    starts: np.ndarray  #: row of each occurrence's first token
    key: np.ndarray  #: the term's key for each occurrence
    size: int  #: keys are below this
    radix: int  #: the vocabulary size V, base of the key's digits
    first: np.ndarray | None = None  #: re-coded keys only: a row where each key occurs

    def codes(self, arrays: TokenArrays, keys: np.ndarray) -> list[np.ndarray]:
        """The unit codes of each term of ``keys``, one array per word position."""
        keys = np.asarray(keys, dtype=np.int64)
        if self.first is not None:
            rows = self.first[keys]
            return [arrays.codes[rows + j] for j in range(self.k)]
        digits = []
        for _ in range(self.k):
            keys, digit = np.divmod(keys, self.radix)
            digits.append(digit)
        return digits[::-1]

    def dense(self) -> Terms:
        """The same terms with keys re-coded as 0, 1, 2... and a first row per key."""
        key, uniques = pd.factorize(self.key)
        # factorize numbers keys by first appearance, so a key is new where the running max grows
        new = np.ones(len(key), bool)
        if len(key):
            new[1:] = np.diff(np.maximum.accumulate(key)) > 0
        return Terms(self.k, self.starts, key.astype(np.int64), len(uniques), self.radix, self.starts[new])

    def select(self, keep: np.ndarray) -> Terms:
        """The occurrences where ``keep`` is True."""
        return Terms(self.k, self.starts[keep], self.key[keep], self.size, self.radix, self.first)

    def labels(self, arrays: TokenArrays, keys: np.ndarray) -> np.ndarray:
        """The strings of ``keys``: unit values joined by one space (object array)."""
        words = [arrays.vocab[c] for c in self.codes(arrays, keys)]
        out = words[0]
        for more in words[1:]:
            out = out + " " + more
        return np.asarray(out, dtype=object)


def find_terms(arrays: TokenArrays, k: int, *, stopwords: bool) -> Terms:
    """Every occurrence of a term of order ``k`` (see :func:`window_starts`)."""
    starts = window_starts(arrays, k, stopwords=stopwords)
    radix = max(len(arrays.vocab), 1)
    key = arrays.codes[starts].astype(np.int64)
    if _bits(radix**k) <= _BITS:
        for j in range(1, k):
            key *= radix
            key += arrays.codes[starts + j]
        return Terms(k, starts, key, radix**k, radix)
    for j in range(1, k):  # too many digits for int64: re-code the prefix densely at each step
        key = pd.factorize(key)[0].astype(np.int64) * radix + arrays.codes[starts + j].astype(np.int64)
    return Terms(k, starts, key, 0, radix).dense()


class Counts(NamedTuple):
    """Counts per (group, term), one entry per pair (see :func:`count_terms`)."""

    terms: Terms  #: the terms counted (their keys may have been re-coded)
    group: np.ndarray  #: group code
    key: np.ndarray  #: term key (decode with ``terms.labels``)
    n: np.ndarray  #: occurrences in the group
    docs: np.ndarray  #: documents of the group containing the term
    df: np.ndarray  #: groups containing the term


def count_terms(
    terms: Terms,
    arrays: TokenArrays,
    row_group: np.ndarray | None = None,
    doc_group: np.ndarray | None = None,
    *,
    by_doc: bool = False,
) -> Counts:
    """Count term occurrences per group (see :class:`Counts`).

    ``row_group`` gives a group code per token row (``None``: one group, code 0).
    ``doc_group`` maps document code -> group code when the group is a document
    property (``None`` when it varies within a document); ``by_doc`` says the
    groups are the documents. Occurrences without a group (code -1) are left out.
    """
    cell = arrays.doc[terms.starts]
    if row_group is None:
        cell_group = np.zeros(len(arrays.doc_ids), np.int64)
    elif doc_group is None:  # the group varies within a document: count (group, document) cells
        group = row_group[terms.starts].astype(np.int64)
        if (group < 0).any():
            terms, cell, group = terms.select(group >= 0), cell[group >= 0], group[group >= 0]
        n_docs = len(arrays.doc_ids)
        cell, cells = pd.factorize(group * n_docs + cell)
        cell_group = cells // n_docs
    else:
        cell_group = doc_group
        if cell_group.min(initial=0) < 0:
            keep = cell_group[cell] >= 0
            terms, cell = terms.select(keep), cell[keep]
    bc = _bits(len(cell_group))
    bg = 0 if by_doc else _bits(int(cell_group.max(initial=0)) + 1)
    if _bits(terms.size) + bg + bc > _BITS and terms.first is None:
        terms = terms.dense()
    # one int64 per occurrence, key | group | cell, sorted: runs of equal values are
    # (key, group, document) pairs, and runs of pairs with one (key, group) are the rows
    packed = terms.key << (bg + bc)
    if bg:
        group = cell_group[cell]
        group <<= bc
        packed |= group
        del group
    packed |= cell
    del cell
    none = np.empty(0, np.int64)  # the occurrences are packed: let their arrays go
    terms = Terms(terms.k, none, none, terms.size, terms.radix, terms.first)
    packed.sort()
    pair_start = np.flatnonzero(_new(packed))
    rows = packed[pair_start]
    if by_doc:
        first_pair = np.arange(len(rows))
    else:
        rows >>= bc
        first_pair = np.flatnonzero(_new(rows))
        rows = rows[first_pair]
    n = np.diff(pair_start[first_pair], append=len(packed))
    docs = np.diff(first_pair, append=len(pair_start))
    if by_doc:
        key, group = rows >> bc, cell_group[rows & ((1 << bc) - 1)]
    else:
        key, group = rows >> bg, rows & ((1 << bg) - 1)
    runs = np.diff(np.flatnonzero(_new(key)), append=len(key))
    return Counts(terms, group, key, n, docs, np.repeat(runs, runs))


def _new(values: np.ndarray) -> np.ndarray:
    """True where a sorted array's value differs from the one before."""
    out = np.ones(len(values), bool)
    out[1:] = values[1:] != values[:-1]
    return out


def group_words(arrays: TokenArrays, row_group: np.ndarray | None, n_groups: int) -> np.ndarray:
    """Word tokens (not punctuation, stopwords included) per group: the rates' denominator."""
    if row_group is None:
        return np.array([arrays.n_words])
    return np.bincount(row_group[arrays.word & (row_group >= 0)], minlength=n_groups)
