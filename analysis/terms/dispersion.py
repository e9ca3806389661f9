"""Dispersion: where terms occur (:func:`dispersion_table`), how evenly (:func:`dispersion_summary`)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.terms._match import match_rows, regex_query, token_patterns
from analysis.terms._tokens import UNITS, TokenArrays, check_choice, token_arrays

__all__ = ["dispersion_summary", "dispersion_table"]

POSITION_COLUMNS = ["term", "doc_id", "token_id", "position"]
SUMMARY_COLUMNS = ["term", "n", "range", "dp", "dp_norm"]


def _terms(terms: str | Iterable[str]) -> list[str]:
    """The user's terms as a list of strings (one string is one term)."""
    if isinstance(terms, str):
        terms = [terms]
    else:
        terms = list(terms) if isinstance(terms, Iterable) else None
    if not terms or not all(isinstance(t, str) for t in terms):
        raise ParameterError("terms must be a term such as 'integration' or a list of terms")
    for term in terms:
        if not term.strip():
            raise ParameterError(f"terms: {term!r} is empty; give words such as 'integration'")
        if regex_query(term) is not None:
            raise ParameterError(f"terms: {term!r} is a regex; dispersion matches words, phrases and globs")
    return terms


def _positions(tokens: pd.DataFrame, terms: list[str], unit: str) -> tuple[pd.DataFrame, TokenArrays]:
    """The rows of :func:`dispersion_table` plus ``_doc`` (document code), and the token arrays."""
    arrays = token_arrays(tokens, unit=unit)
    n_docs = len(arrays.doc_ids)
    # word index of each row in its document: words before it, minus the words of earlier documents
    words_before = np.cumsum(arrays.word) - arrays.word
    doc_first = np.zeros(n_docs, np.int64)
    docs, first_row = np.unique(arrays.doc, return_index=True)
    doc_first[docs] = words_before[first_row]
    doc_words = np.maximum(np.bincount(arrays.doc[arrays.word], minlength=n_docs), 1)
    token_id = tokens["token_id"].to_numpy(np.int64)
    frames = []
    for term in terms:
        rows = match_rows(arrays, token_patterns(term, unit))
        doc = arrays.doc[rows]
        frames.append(pd.DataFrame({
            "term": pd.Series(term, index=range(len(rows)), dtype=object),
            "doc_id": arrays.doc_ids[doc],
            "token_id": token_id[rows],
            "position": (words_before[rows] - doc_first[doc]) / doc_words[doc],
            "_doc": doc,
        }))
    return pd.concat(frames, ignore_index=True), arrays


def dispersion_table(
    tokens: pd.DataFrame, terms: str | Iterable[str], *, unit: str = "norm"
) -> pd.DataFrame:
    """Every occurrence of each term, with its relative position in its document.

    Parameters
    ----------
    tokens : DataFrame
        A token table from :func:`analysis.token_table`, rows in document order.
    terms : str or list of str
        Words, phrases (``"military-civilian integration"``: consecutive tokens)
        or globs (``"refut*"``), matched as in :func:`analysis.kwic_table`
        (regular expressions are not accepted here).
    unit : {"norm", "token", "stem"}
        The token-table column the terms are compared with.

    Returns
    -------
    DataFrame
        One row per occurrence, by term (in the order given), then document order:

        - ``term``: the term as given;
        - ``doc_id``; ``token_id``: the occurrence's first token;
        - ``position``: ``i / W_d`` where ``i`` is the number of word tokens
          (punctuation excluded) before the occurrence in its document and ``W_d``
          the document's word tokens: 0 at the first word, below 1 at the last.

    Raises
    ------
    ParameterError
        No terms, a regex term, an unknown ``unit``.
    CorpusError
        ``tokens`` lacks a required column.

    Examples
    --------
    >>> import pandas as pd
    >>> tokens = pd.DataFrame({"doc_id": "d", "sent_id": 0, "token_id": range(4),
    ...     "norm": ["peace", "and", "more", "peace"], "is_stop": False, "is_punct": False})
    >>> dispersion_table(tokens, "peace")
        term doc_id  token_id  position
    0  peace      d         0      0.00
    1  peace      d         3      0.75
    """
    check_choice("unit", unit, UNITS)
    table, _ = _positions(tokens, _terms(terms), unit)
    return table[POSITION_COLUMNS]


def dispersion_summary(
    tokens: pd.DataFrame, terms: str | Iterable[str], *, unit: str = "norm"
) -> pd.DataFrame:
    """How evenly each term spreads over the documents: range and Gries' DP.

    The corpus parts are the documents of the token table. With ``s_i`` the
    share of the corpus's word tokens in document ``i`` and ``v_i`` the share of
    the term's occurrences in it, ``DP = 0.5 * sum_i |v_i - s_i|`` (Gries 2008):
    0 when the term is spread like the corpus, near 1 when it is all in one small
    part. ``DP_norm = DP / (1 - min_i s_i)`` (Lijffijt & Gries 2012) reaches 1 at
    the most uneven spread possible.

    Parameters
    ----------
    tokens, terms, unit
        As in :func:`dispersion_table`.

    Returns
    -------
    DataFrame
        One row per term, in the order given:

        - ``term``; ``n``: occurrences in the table;
        - ``range``: number of documents containing the term;
        - ``dp``: Gries' DP (NaN when ``n`` is 0);
        - ``dp_norm``: ``dp / (1 - min s_i)`` (NaN when ``n`` is 0 or there is one document).

    Raises
    ------
    ParameterError, CorpusError
        As in :func:`dispersion_table`.

    Examples
    --------
    >>> import pandas as pd
    >>> tokens = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "sent_id": 0,
    ...     "token_id": [0, 1, 0, 1], "norm": ["war", "peace", "war", "war"],
    ...     "is_stop": False, "is_punct": False})
    >>> dispersion_summary(tokens, ["war", "peace"]).round(4)
        term  n  range    dp  dp_norm
    0    war  3      2  0.1667   0.3333
    1  peace  1      1  0.5000   1.0000
    """
    check_choice("unit", unit, UNITS)
    terms = _terms(terms)
    table, arrays = _positions(tokens, terms, unit)
    words = np.bincount(arrays.doc[arrays.word], minlength=len(arrays.doc_ids))
    present = np.unique(arrays.doc)  # the corpus parts: documents with rows in the table
    share = words[present] / max(words.sum(), 1)
    spread = 1 - share.min() if len(share) else 0.0
    rows = []
    for term in terms:
        hits = np.bincount(table.loc[table["term"] == term, "_doc"].to_numpy(np.int64), minlength=len(words))
        n = int(hits.sum())
        dp = 0.5 * np.abs(hits[present] / n - share).sum() if n else np.nan
        rows.append((term, n, int((hits > 0).sum()), dp, dp / spread if spread > 0 else np.nan))
    summary = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    return summary.astype({"term": object, "n": np.int64, "range": np.int64, "dp": float, "dp_norm": float})
