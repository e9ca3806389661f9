"""Term frequencies: :func:`term_table` and :func:`tfidf_table`."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.errors import ParameterError
from analysis.terms._ngrams import count_terms, find_terms, group_words
from analysis.terms._tokens import (
    check_count,
    check_flag,
    check_ngram,
    resolve_groups,
    token_arrays,
)

__all__ = ["term_table", "tfidf_table"]


def _counts(
    tokens: Any,
    *,
    by: str | None,
    ngram: Any,
    min_count: Any,
    stopwords: Any,
    unit: str,
    docs: pd.DataFrame | None,
    labels: bool = True,
) -> tuple[pd.DataFrame, pd.Index, np.ndarray, Any]:
    """Check the options, count every order and return ``(counts, groups, words, spelling)``.

    ``counts`` has ``_g`` (group code), ``ngram``, ``term`` (only with
    ``labels``), ``n``, ``docs`` and ``df``, the number of groups containing the
    term (taken before the ``min_count`` filter); ``words`` is the word tokens
    per group code; ``spelling`` is ``(arrays, digits)``: the token arrays and,
    per order, the unit codes of each row's words (one array per position).
    """
    orders = check_ngram(ngram)
    min_count = check_count("min_count", min_count)
    stopwords = check_flag("stopwords", stopwords)
    arrays = token_arrays(tokens, unit=unit)
    row_group, groups, doc_group = resolve_groups(tokens, arrays, by, docs)
    words = group_words(arrays, row_group, len(groups))
    frames, digits = [], []
    for k in orders:
        counts = count_terms(find_terms(arrays, k, stopwords=stopwords), arrays, row_group, doc_group,
                             by_doc=by == "doc_id")
        keep = counts.n >= min_count
        frame = {
            "_g": counts.group[keep],
            "ngram": np.full(int(keep.sum()), k, np.int64),
            "n": counts.n[keep],
            "docs": counts.docs[keep],
            "df": counts.df[keep],
        }
        if labels:
            frame["term"] = counts.terms.labels(arrays, counts.key[keep])
        else:
            digits.append(counts.terms.codes(arrays, counts.key[keep]))
        frames.append(pd.DataFrame(frame))
    return pd.concat(frames, ignore_index=True), groups, words, (arrays, digits)


def _plain_vocab(vocab: np.ndarray) -> bool:
    """Strings without whitespace or control characters (every character above ``" "``).

    For such words, joined terms sort as the tuples of their words do, so the
    table can be ordered by integer codes instead of by strings.
    """
    if not all(isinstance(word, str) for word in vocab.tolist()):
        return False
    return _LOW_CHAR.search("".join(vocab.tolist())) is None


_LOW_CHAR = re.compile("[\x00- ]")


def _term_labels(words: pa.Array, digits: list[np.ndarray]) -> pa.Array:
    """The terms spelled by the unit codes ``digits`` (one array per position), joined by spaces."""
    parts = [words.take(pa.array(d)) for d in digits]
    return parts[0] if len(parts) == 1 else pc.binary_join_element_wise(*parts, pa.scalar(" ", pa.large_string()))


def _bits(size: int) -> int:
    """Bits needed for the values ``0 .. size - 1``."""
    return max(int(size) - 1, 0).bit_length()


def _pack(columns: list[np.ndarray]) -> list[np.ndarray]:
    """Sort keys (most significant first) of non-negative ints, packed into one int64 if they fit."""
    widths = [_bits(int(c.max(initial=0)) + 1) for c in columns]
    if sum(widths) > 63:
        return list(columns)
    packed = np.zeros(len(columns[0]), np.int64)
    for column, width in zip(columns, widths):
        packed <<= width
        packed |= column
    return [packed]


def _sort_by_codes(counts: pd.DataFrame, vocab: np.ndarray, digits: list[list[np.ndarray]]) -> pd.DataFrame:
    """``counts`` sorted by group, ngram, ``n`` descending, term, with ``rank`` and ``term``.

    Terms are ordered by the ranks of their words in the sorted vocabulary,
    which is the order of the joined strings for a :func:`_plain_vocab`; the
    strings are made once, for the sorted rows.
    """
    word_rank = np.empty(len(vocab), np.int64)
    word_rank[np.argsort(vocab, kind="stable")] = np.arange(len(vocab))
    width = max(len(block) for block in digits)
    bits = _bits(len(vocab))
    group, ngram, n = (counts[c].to_numpy() for c in ("_g", "ngram", "n"))
    fewer = n.max(initial=0) - n  # n descending
    keys = _pack([group, ngram, fewer])  # most significant first
    if width * bits <= 63:  # the words' ranks as digits of one int64
        term_key = np.zeros(len(counts), np.int64)
        row = 0
        for block in digits:
            size = len(block[0])
            for j in range(width):
                term_key[row : row + size] <<= bits
                if j < len(block):
                    term_key[row : row + size] |= word_rank[block[j]]
            row += size
        keys.append(term_key)
    else:  # word ranks position by position, 0 past the end of shorter terms
        padded = np.zeros((width, len(counts)), np.int64)
        row = 0
        for block in digits:
            size = len(block[0])
            for j, codes in enumerate(block):
                padded[j, row : row + size] = word_rank[codes]
            row += size
        keys.extend(padded)
    order = np.lexsort(keys[::-1])  # lexsort's last key is the primary one
    table = counts.take(order).reset_index(drop=True)
    group, ngram, n = group[order], ngram[order], n[order]
    new_set = np.ones(len(order), bool)  # a new (group, ngram): its ranks start at 1
    new_set[1:] = (group[1:] != group[:-1]) | (ngram[1:] != ngram[:-1])
    new_n = new_set.copy()
    new_n[1:] |= n[1:] != n[:-1]  # a new count: competition rank = 1 + rows above it in the set
    position = np.arange(len(order))
    set_start = np.maximum.accumulate(np.where(new_set, position, 0))
    n_start = np.maximum.accumulate(np.where(new_n, position, 0))
    table["rank"] = (n_start - set_start + 1).astype(np.int64)
    words = pa.array(vocab.tolist(), type=pa.large_string())
    labels = pa.concat_arrays([_term_labels(words, block) for block in digits])
    table["term"] = pd.array(labels.take(pa.array(order)), dtype="str")
    return table


def term_counts(tokens: pd.DataFrame, *, ngram: int | tuple[int, int] = 1) -> pd.DataFrame:
    """Partial counts for a reduce: ``ngram``, ``term``, ``n``, ``docs`` in no particular order.

    The rows of ``term_table(tokens, ngram=ngram)`` (default options) without
    ``per_10k``, ``rank`` and the sort, which a reduce over batches
    (:mod:`analysis.engine`) recomputes from the summed counts.
    """
    counts, _, _, (arrays, digits) = _counts(
        tokens, by=None, ngram=ngram, min_count=1, stopwords=True, unit="norm", docs=None, labels=False
    )
    if all(isinstance(word, str) for word in arrays.vocab.tolist()):
        words = pa.array(arrays.vocab.tolist(), type=pa.large_string())
        terms = pd.array(pa.concat_arrays([_term_labels(words, block) for block in digits]), dtype="str")
    else:
        terms = pd.array(np.concatenate([arrays_labels(arrays, block) for block in digits]), dtype="str")
    return pd.DataFrame({"ngram": counts["ngram"].to_numpy(), "term": terms, "n": counts["n"].to_numpy(),
                         "docs": counts["docs"].to_numpy()})


def arrays_labels(arrays: Any, digits: list[np.ndarray]) -> np.ndarray:
    """The terms spelled by unit codes (one array per position), as an object array."""
    words = [arrays.vocab[codes] for codes in digits]
    out = words[0]
    for more in words[1:]:
        out = out + " " + more
    return np.asarray(out, dtype=object)


def _finish(
    table: pd.DataFrame, groups: pd.Index, *, by: str | None, ngram: Any, columns: list[str]
) -> pd.DataFrame:
    """Put the group values in front, drop the working columns, record ``by`` in attrs."""
    table = table.reset_index(drop=True)
    lead = []
    if by is not None:
        table.insert(0, "group", groups.take(table["_g"].to_numpy()))
        lead.append("group")
    if isinstance(ngram, tuple):
        lead.append("ngram")
    table = table[lead + columns]
    if not len(table) and "term" in table:  # the dtype terms have when there are some
        table = table.astype({"term": "str"})
    table.attrs.update({"by": by, "ngram": ngram})
    return table


def term_table(
    tokens: pd.DataFrame,
    *,
    by: str | None = None,
    ngram: int | tuple[int, int] = 1,
    min_count: int = 1,
    stopwords: bool = True,
    unit: str = "norm",
    docs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Count terms (words or n-grams), overall or per group.

    Terms never cross a sentence or document boundary, and punctuation breaks
    them like a boundary: ``"peace, security"`` holds no bigram. Only word tokens
    (``is_punct`` False) make terms.

    Parameters
    ----------
    tokens : DataFrame
        A token table from :func:`analysis.token_table` (columns ``doc_id``,
        ``sent_id``, ``token_id``, ``is_stop``, ``is_punct`` and the ``unit``);
        rows in document order. Rows removed from it break n-grams where they were.
    by : str, optional
        Group by this column: ``"doc_id"``, any other column of the token table,
        or a column of ``docs`` joined on ``doc_id`` (``"speaker"``, ``"source"``);
        ``"date:D"``, ``"date:W"``, ``"date:M"``, ``"date:Q"``, ``"date:Y"`` group
        by calendar period. Tokens whose group value is missing are left out
        with an :class:`~analysis.errors.AnalysisWarning`. ``None``: one table.
    ngram : int or (int, int)
        Term length in tokens, 1 to 5, or an inclusive range such as ``(1, 3)``;
        with a range the table has an ``ngram`` column.
    min_count : int
        Keep rows with ``n >= min_count`` (counted within the group).
    stopwords : bool
        ``True`` drops stopword unigrams and n-grams that start or end with a
        stopword (``is_stop``); stopwords inside an n-gram stay
        (``"weapons of mass destruction"``). ``False`` keeps every term.
    unit : {"norm", "token", "stem"}
        The token-table column that spells a term.
    docs : DataFrame, optional
        The documents table of :func:`analysis.read_corpus`, needed when ``by``
        names a document column that the token table lacks.

    Returns
    -------
    DataFrame
        One row per (group, term), sorted by group, ngram, rank, term:

        - ``group``: the group value (only when ``by`` is given; periods for ``date:F``);
        - ``ngram``: the term's length in tokens (only when ``ngram`` is a tuple);
        - ``term``: the unit values joined by single spaces;
        - ``n``: occurrences in the group;
        - ``per_10k``: ``n / W * 10_000`` where ``W`` is the number of word tokens
          (not punctuation, stopwords included) in the group, the same ``W`` for
          every n-gram order;
        - ``docs``: number of documents of the group that contain the term;
        - ``rank``: competition ("min") rank by ``n``, descending, within the
          group and n-gram order: tied terms share a rank and the next rank skips
          (1, 2, 2, 4).

        ``attrs`` holds ``by`` and ``ngram``.

    Raises
    ------
    ParameterError
        An unknown ``unit``, an ``ngram`` outside 1-5, ``min_count < 1``, a ``by``
        that needs ``docs`` or names no column.
    CorpusError
        ``tokens`` or ``docs`` lacks a required column.

    Examples
    --------
    >>> import pandas as pd
    >>> words = ["Cold", "War", "mentality", ".", "Cold", "War", "ended", "."]
    >>> tokens = pd.DataFrame({"doc_id": "d1", "sent_id": [0, 0, 0, 0, 1, 1, 1, 1],
    ...     "token_id": range(8), "token": words, "norm": [w.lower() for w in words],
    ...     "is_stop": False, "is_punct": [w == "." for w in words]})
    >>> term_table(tokens, ngram=2)[["term", "n", "per_10k", "rank"]]
               term  n  per_10k  rank
    0      cold war  2   3333.333...   1
    1     war ended  1   1666.666...   2
    2 war mentality  1   1666.666...   2
    """
    counts, groups, words, (arrays, digits) = _counts(
        tokens, by=by, ngram=ngram, min_count=min_count, stopwords=stopwords, unit=unit, docs=docs,
        labels=False,
    )
    counts["per_10k"] = counts["n"] / words[counts["_g"].to_numpy()] * 10_000
    if len(counts) and _plain_vocab(arrays.vocab):  # sort integer codes, spell the sorted terms
        counts = _sort_by_codes(counts, arrays.vocab, digits)
    else:  # words with spaces (or not strings): sort the strings themselves
        counts["term"] = np.concatenate([arrays_labels(arrays, block) for block in digits])
        counts["rank"] = (
            counts.groupby(["_g", "ngram"])["n"].rank(method="min", ascending=False).astype(np.int64)
        )
        counts = counts.sort_values(["_g", "ngram", "rank", "term"], kind="stable")
    return _finish(counts, groups, by=by, ngram=ngram, columns=["term", "n", "per_10k", "docs", "rank"])


def tfidf_table(
    tokens: pd.DataFrame,
    *,
    by: str = "doc_id",
    ngram: int | tuple[int, int] = 1,
    min_count: int = 1,
    stopwords: bool = True,
    unit: str = "norm",
    docs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """TF-IDF of terms per group (per document by default).

    ``tf = n / W`` (the term's share of the group's ``W`` word tokens),
    ``idf = ln((1 + G) / (1 + df)) + 1`` (scikit-learn's smoothed idf; ``G``
    groups, ``df`` of them containing the term), ``tfidf = tf * idf``; no
    further normalisation. Terms are found as in :func:`term_table`.

    Parameters
    ----------
    tokens : DataFrame
        A token table from :func:`analysis.token_table`.
    by : str
        The groups that play the part of documents; as in :func:`term_table`
        (``None`` is not allowed: idf needs groups).
    ngram, stopwords, unit, docs
        As in :func:`term_table`.
    min_count : int
        Keep rows with ``n >= min_count``; ``df`` and ``idf`` are computed before
        this filter.

    Returns
    -------
    DataFrame
        One row per (group, term), sorted by group, ngram, ``tfidf`` descending, term:

        - ``group``: the group value; ``ngram`` only when ``ngram`` is a tuple;
        - ``term``: the term; ``n``: occurrences in the group;
        - ``tf``: ``n / W``, ``W`` the group's word tokens (stopwords included);
        - ``df``: number of groups containing the term;
        - ``idf``: ``ln((1 + G) / (1 + df)) + 1``, ``G`` the number of groups
          with at least one word token;
        - ``tfidf``: ``tf * idf``.

        ``attrs`` holds ``by``, ``ngram`` and ``n_groups`` (``G``).

    Raises
    ------
    ParameterError
        ``by=None`` or a bad option, as in :func:`term_table`.
    CorpusError
        ``tokens`` or ``docs`` lacks a required column.

    Examples
    --------
    >>> import pandas as pd
    >>> tokens = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": 0, "token_id": [0, 1, 0],
    ...     "norm": ["peace", "talks", "peace"], "is_stop": False, "is_punct": False})
    >>> tfidf_table(tokens)[["group", "term", "df", "tfidf"]].round(3)
      group   term  df  tfidf
    0     a  talks   1  0.703
    1     a  peace   2  0.500
    2     b  peace   2  1.000
    """
    if by is None:
        raise ParameterError("tfidf_table needs groups: by=None is not allowed; use by='doc_id'")
    counts, groups, words, _ = _counts(
        tokens, by=by, ngram=ngram, min_count=min_count, stopwords=stopwords, unit=unit,
        docs=docs,
    )
    counts["tf"] = counts["n"] / words[counts["_g"].to_numpy()]
    n_groups = int((words > 0).sum())
    counts["idf"] = np.log((1 + n_groups) / (1 + counts["df"])) + 1
    counts["tfidf"] = counts["tf"] * counts["idf"]
    counts = counts.sort_values(["_g", "ngram", "tfidf", "term"], ascending=[True, True, False, True])
    table = _finish(counts, groups, by=by, ngram=ngram, columns=["term", "n", "tf", "df", "idf", "tfidf"])
    table.attrs["n_groups"] = n_groups
    return table
