"""Keyness: which terms one token table over- or under-uses against another."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import CorpusError, ParameterError
from analysis.terms import measures
from analysis.terms._ngrams import count_terms, find_terms
from analysis.terms._tokens import (
    UNITS,
    TokenArrays,
    check_choice,
    check_count,
    check_flag,
    check_ngram,
    token_arrays,
)

__all__ = ["keyness_table"]

G2_FORMS = ("dunning", "rayson")
COLUMNS = [
    "term", "n_target", "n_reference", "per_10k_target", "per_10k_reference", "g2", "p_value",
    "log_ratio", "log_ratio_ci_low", "log_ratio_ci_high", "pct_diff", "direction",
    "expected_low", "test",
]


def _term_counts(arrays: TokenArrays, k: int, stopwords: bool) -> pd.Series:
    """Occurrences of every term of order ``k``, indexed by the term string."""
    counts = count_terms(find_terms(arrays, k, stopwords=stopwords), arrays)
    return pd.Series(counts.n, index=pd.Index(counts.terms.labels(arrays, counts.key), dtype=object))


def keyness_table(
    target: pd.DataFrame,
    reference: pd.DataFrame,
    *,
    min_count: int = 3,
    unit: str = "norm",
    stopwords: bool = True,
    g2: str = "dunning",
    ngram: int = 1,
) -> pd.DataFrame:
    """Compare term frequencies in a target token table with a reference table.

    For each term a 2x2 table is built: the term's count and all other word
    tokens, in the target and in the reference (``a``, ``N_t - a``; ``b``,
    ``N_r - b``; ``N`` counts word tokens, stopwords included, punctuation not).
    Rows with an expected frequency below 5 in any cell are tested with
    Fisher's exact test instead of the chi-squared approximation of G2.
    To compare one document with the rest of a corpus, pass
    ``tokens[tokens.doc_id == x]`` and ``tokens[tokens.doc_id != x]``.

    Parameters
    ----------
    target, reference : DataFrame
        Token tables from :func:`analysis.token_table`.
    min_count : int
        Keep terms with ``n_target + n_reference >= min_count``.
    unit : {"norm", "token", "stem"}
        The token-table column that spells a term.
    stopwords : bool
        ``True`` leaves out stopword terms (as in :func:`analysis.term_table`).
    g2 : {"dunning", "rayson"}
        ``"dunning"``: G2 over all four cells of the 2x2 table (Dunning 1993,
        :func:`~analysis.terms.measures.g2`); ``"rayson"``: the two-cell sum of
        Rayson & Garside (2000), slightly smaller
        (:func:`~analysis.terms.measures.g2_rayson`).
    ngram : int
        Compare n-grams of this length (1 to 5) instead of words.

    Returns
    -------
    DataFrame
        One row per term, over-used terms first ("over" then "under"), each
        part by ``g2`` descending then term:

        - ``term``; ``n_target``, ``n_reference``: its counts ``a`` and ``b``;
        - ``per_10k_target``, ``per_10k_reference``: ``a / N_t * 10_000``, ``b / N_r * 10_000``;
        - ``g2``: the log-likelihood statistic in the form chosen by ``g2=``;
        - ``p_value``: ``erfc(sqrt(g2 / 2))`` (chi-squared, 1 df) when ``test`` is
          ``"g2"``; the two-sided Fisher exact p when ``test`` is ``"fisher"``;
        - ``log_ratio``: ``log2((a'/N_t) / (b'/N_r))``, zero counts replaced by 0.5
          (Hardie 2014); ``log_ratio_ci_low``, ``log_ratio_ci_high``: its 95%
          interval, ``log_ratio -+ 1.96 * sqrt(1/a' + 1/b') / ln 2`` (against a much
          larger reference, the 0.5 can make ``log_ratio`` positive for a term the
          target lacks: ``direction`` compares the raw rates);
        - ``pct_diff``: ``(a/N_t - b/N_r) * 100 / (b/N_r)`` (Gabrielatos & Marchi
          2012), ``inf`` when ``b`` is 0;
        - ``direction``: ``"over"`` when ``a/N_t > b/N_r``, else ``"under"``;
        - ``expected_low``: some expected frequency of the 2x2 table is below 5;
        - ``test``: ``"fisher"`` where ``expected_low``, else ``"g2"``.

        ``attrs`` holds ``g2`` (the form), ``n_target`` and ``n_reference`` (``N_t``, ``N_r``).

    Raises
    ------
    ParameterError
        An unknown ``g2`` form or ``unit``, ``min_count < 1``, a bad ``ngram``.
    CorpusError
        A table lacks a required column or has no word tokens.

    Examples
    --------
    >>> import pandas as pd
    >>> def toks(words):
    ...     return pd.DataFrame({"doc_id": "d", "sent_id": 0, "token_id": range(len(words)),
    ...         "norm": words, "is_stop": False, "is_punct": False})
    >>> target = toks(["peace"] * 30 + ["trade"] * 70)
    >>> reference = toks(["peace"] * 10 + ["trade"] * 90)
    >>> keyness_table(target, reference)[["term", "n_target", "n_reference", "direction"]]
        term  n_target  n_reference direction
    0  peace        30           10      over
    1  trade        70           90     under
    """
    check_choice("g2", g2, G2_FORMS)
    check_choice("unit", unit, UNITS)
    min_count = check_count("min_count", min_count)
    stopwords = check_flag("stopwords", stopwords)
    if isinstance(ngram, tuple):
        raise ParameterError(f"ngram={ngram!r}: keyness_table compares one n-gram length at a time")
    (k,) = check_ngram(ngram)
    sides = {}
    for name, tokens in (("target", target), ("reference", reference)):
        arrays = token_arrays(tokens, unit=unit, name=name)
        if arrays.n_words == 0:
            raise CorpusError(f"the {name} token table has no word tokens; keyness needs words on both sides")
        sides[name] = (arrays.n_words, _term_counts(arrays, k, stopwords))
    (n_t, target_counts), (n_r, reference_counts) = sides["target"], sides["reference"]
    counts = pd.concat([target_counts, reference_counts], axis=1, keys=["a", "b"]).fillna(0)
    counts = counts[counts["a"] + counts["b"] >= min_count]
    a, b = counts["a"].to_numpy(np.int64), counts["b"].to_numpy(np.int64)

    cells = (a, b, n_t - a, n_r - b)
    expected_low = np.min(np.stack(measures.expected_2x2(*cells)), axis=0, initial=np.inf) < 5
    stat = measures.g2(*cells) if g2 == "dunning" else measures.g2_rayson(a, b, n_t, n_r)
    p_value = measures.chi2_p(stat)
    if expected_low.any():
        p_value[expected_low] = measures.fisher_p(*(c[expected_low] for c in cells))
    lr, low, high = measures.log_ratio(a, b, n_t, n_r)
    over = a * n_r > b * n_t
    table = pd.DataFrame(
        {
            "term": counts.index.to_numpy(dtype=object),
            "n_target": a,
            "n_reference": b,
            "per_10k_target": a / n_t * 10_000,
            "per_10k_reference": b / n_r * 10_000,
            "g2": stat,
            "p_value": p_value,
            "log_ratio": lr,
            "log_ratio_ci_low": low,
            "log_ratio_ci_high": high,
            "pct_diff": measures.pct_diff(a, b, n_t, n_r),
            "direction": np.where(over, "over", "under").astype(object),
            "expected_low": expected_low,
            "test": np.where(expected_low, "fisher", "g2").astype(object),
        },
        columns=COLUMNS,
    )
    table = table.sort_values(["direction", "g2", "term"], ascending=[True, False, True])
    table = table.reset_index(drop=True)
    table.attrs.update({"g2": g2, "n_target": n_t, "n_reference": n_r})
    return table
