"""Term frequencies: :func:`term_table` and :func:`tfidf_table`."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

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
) -> tuple[pd.DataFrame, pd.Index, np.ndarray]:
    """Check the options, count every order and return ``(counts, groups, words)``.

    ``counts`` has ``_g`` (group code), ``ngram``, ``term``, ``n``, ``docs`` and
    ``df``, the number of groups containing the term (taken before the
    ``min_count`` filter); ``words`` is the word tokens per group code.
    """
    orders = check_ngram(ngram)
    min_count = check_count("min_count", min_count)
    stopwords = check_flag("stopwords", stopwords)
    arrays = token_arrays(tokens, unit=unit)
    row_group, groups, doc_group = resolve_groups(tokens, arrays, by, docs)
    words = group_words(arrays, row_group, len(groups))
    frames = []
    for k in orders:
        counts = count_terms(find_terms(arrays, k, stopwords=stopwords), arrays, row_group, doc_group,
                             by_doc=by == "doc_id")
        keep = counts.n >= min_count
        frame = pd.DataFrame({
            "_g": counts.group[keep],
            "ngram": np.full(int(keep.sum()), k, np.int64),
            "term": counts.terms.labels(arrays, counts.key[keep]),
            "n": counts.n[keep],
            "docs": counts.docs[keep],
            "df": counts.df[keep],
        })
        frames.append(frame)
    return pd.concat(frames, ignore_index=True), groups, words


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

    Example
    -------
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
    counts, groups, words = _counts(
        tokens, by=by, ngram=ngram, min_count=min_count, stopwords=stopwords, unit=unit, docs=docs
    )
    counts["per_10k"] = counts["n"] / words[counts["_g"].to_numpy()] * 10_000
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

    Example
    -------
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
    counts, groups, words = _counts(
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
