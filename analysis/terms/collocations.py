"""Collocations: count word pairs (:func:`count_pairs`), then score them (:mod:`.measures`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis._tokenize import split_ideographs
from analysis.errors import ParameterError
from analysis.terms import measures
from analysis.terms._ngrams import count_terms, find_terms
from analysis.terms._tokens import (
    TokenArrays,
    check_choice,
    check_count,
    check_flag,
    normalise,
    token_arrays,
)

__all__ = ["collocation_table", "count_pairs"]

MEASURES = ("pmi", "t_score", "g2", "log_dice")
COUNT_COLUMNS = ["w1", "w2", "n", "n_w1", "n_w2", "n_total", "n_span"]


def _window_slots(arrays: TokenArrays, node: int, window: int) -> np.ndarray:
    """Rows of the word tokens within ``window`` word tokens of a ``node`` token, same sentence.

    Each token counts once however many node windows it falls in; punctuation
    is skipped when counting the window, and the node tokens themselves are
    not slots of their own window.
    """
    rows = np.flatnonzero(arrays.word)
    segment = np.concatenate(([0], np.cumsum(~arrays.link)))[rows]
    where = np.flatnonzero(arrays.codes[rows] == node)
    offsets = np.concatenate((np.arange(-window, 0), np.arange(1, window + 1)))
    around = where[:, None] + offsets[None, :]
    inside = (around >= 0) & (around < len(rows))
    around = np.where(inside, around, 0)
    inside &= segment[around] == segment[where][:, None]
    return rows[np.unique(around[inside])]


def count_pairs(
    arrays: TokenArrays, *, node: int | None = None, window: int = 5, stopwords: bool = True
) -> pd.DataFrame:
    """Pair and marginal frequencies for :func:`collocation_table` (unit codes, not strings).

    Returns a DataFrame with integer columns ``w1``, ``w2`` (unit codes) and
    ``n``, ``n_w1``, ``n_w2``, ``n_total``, ``n_span`` as documented in
    :func:`collocation_table`.
    """
    freq = np.bincount(arrays.codes[arrays.word], minlength=len(arrays.vocab))
    if node is None:
        counts = count_terms(find_terms(arrays, 2, stopwords=stopwords), arrays)
        n = counts.n
        w1, w2 = counts.terms.codes(arrays, counts.key)
        span = freq[w1]
    else:
        slots = _window_slots(arrays, node, window)
        n = np.bincount(arrays.codes[slots], minlength=len(arrays.vocab))
        w2 = np.flatnonzero(n)
        if stopwords:
            is_stop = np.bincount(arrays.codes[arrays.word & arrays.stop], minlength=len(freq)) > 0
            w2 = w2[~is_stop[w2]]
        n, w1, span = n[w2], np.full(len(w2), node), np.full(len(w2), len(slots))
    return pd.DataFrame(
        {"w1": w1, "w2": w2, "n": n, "n_w1": freq[w1], "n_w2": freq[w2],
         "n_total": arrays.n_words, "n_span": span},
        columns=COUNT_COLUMNS,
    ).astype(np.int64)


def score_pairs(counts: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Add the ``measure`` column(s) to a pair-count table (see :func:`collocation_table`)."""
    n, n_w1, n_w2 = counts["n"], counts["n_w1"], counts["n_w2"]
    total, span = counts["n_total"], counts["n_span"]
    scores = {
        "pmi": lambda: measures.pmi(n, span, n_w2, total),
        "t_score": lambda: measures.t_score(n, span, n_w2, total),
        "g2": lambda: measures.g2(n, span - n, n_w2 - n, total - span - n_w2 + n),
        "log_dice": lambda: measures.log_dice(n, n_w1, n_w2),
    }
    chosen = MEASURES if measure == "all" else (measure,)
    return counts.assign(**{m: scores[m]() for m in chosen})


def collocation_table(
    tokens: pd.DataFrame,
    *,
    node: str | None = None,
    window: int = 5,
    measure: str = "all",
    min_count: int = 3,
    unit: str = "norm",
    stopwords: bool = True,
) -> pd.DataFrame:
    """Association of word pairs: adjacent bigrams, or the collocates of a node word.

    Pairs never cross a sentence or document boundary. Without ``node`` the pairs
    are adjacent word tokens (punctuation breaks a pair, as in
    :func:`analysis.term_table`). With ``node`` the pairs are (node, collocate)
    for every word token within ``window`` word tokens of the node in the same
    sentence; a token inside the windows of two node occurrences counts once
    (Evert 2008's surface co-occurrence without double counting).

    Scores come from a 2x2 table ``o11 = n``, ``o12 = n_span - n``,
    ``o21 = n_w2 - n``, ``o22 = n_total - n_span - n_w2 + n``. For bigrams
    ``n_span = n_w1``, which is exactly NLTK's ``BigramCollocationFinder``
    convention (marginals are word frequencies, ``n_total`` the number of words).

    Parameters
    ----------
    tokens : DataFrame
        A token table from :func:`analysis.token_table`.
    node : str, optional
        One token (in the form of ``unit``; for ``"norm"`` it is lowercased). A
        node that never occurs gives an empty table.
    window : int
        Window size on each side of the node, in word tokens (used with ``node``).
    measure : {"all", "pmi", "t_score", "g2", "log_dice"}
        The score to compute and sort by (descending); ``"all"`` computes the four
        and sorts by ``g2``.
    min_count : int
        Keep pairs with ``n >= min_count``.
    unit : {"norm", "token", "stem"}
        The token-table column that spells a word.
    stopwords : bool
        ``True`` drops pairs with a stopword (for a node: stopword collocates;
        stopwords still fill window slots).

    Returns
    -------
    DataFrame
        One row per pair, sorted by the measure descending, then ``n``
        descending, ``w1``, ``w2``:

        - ``w1``, ``w2``: first and second word (node and collocate);
        - ``n``: pair frequency (co-occurrences in the window for a node);
        - ``n_w1``, ``n_w2``: frequencies of each word among all word tokens;
        - ``n_total``: word tokens in the table (punctuation excluded, stopwords included);
        - ``n_span``: the 2x2 table's row total: ``n_w1`` for bigrams, the number
          of word tokens inside the node's windows for a node;
        - ``pmi``: ``log2(n * n_total / (n_span * n_w2))`` (Church & Hanks 1990);
        - ``t_score``: ``(n - n_span * n_w2 / n_total) / sqrt(n)`` (Church et al. 1991);
        - ``g2``: log-likelihood over the 2x2 table (Dunning 1993);
        - ``log_dice``: ``14 + log2(2 n / (n_w1 + n_w2))`` (Rychly 2008).

        Only the chosen measure's column is present unless ``measure="all"``.
        ``attrs`` holds ``node``, ``window``, ``measure``.

    Raises
    ------
    ParameterError
        An unknown ``measure`` or ``unit``, ``window`` or ``min_count`` < 1, a
        node of more than one token.
    CorpusError
        ``tokens`` lacks a required column.

    Examples
    --------
    >>> import pandas as pd
    >>> words = "export control and export control policy".split()
    >>> tokens = pd.DataFrame({"doc_id": "d", "sent_id": 0, "token_id": range(6),
    ...     "norm": words, "is_stop": [w == "and" for w in words], "is_punct": False})
    >>> collocation_table(tokens, min_count=2)[["w1", "w2", "n", "pmi"]]
           w1       w2  n       pmi
    0  export  control  2  1.584963
    """
    check_choice("measure", measure, ("all",) + MEASURES)
    window = check_count("window", window)
    min_count = check_count("min_count", min_count)
    stopwords = check_flag("stopwords", stopwords)
    arrays = token_arrays(tokens, unit=unit)
    node_code = None
    if node is not None:
        if not isinstance(node, str) or len(node.split()) != 1:
            raise ParameterError(f"node={node!r} must be a single token such as 'integration'")
        n_parts = len(split_ideographs(node.strip()))
        if n_parts != 1:
            raise ParameterError(
                f"node={node!r} is {n_parts} tokens: each Han or Hiragana "
                "character is a token of its own; give one of them"
            )
        node_code = arrays.lookup(normalise(node.strip(), unit))
    if node_code == -1:
        counts = pd.DataFrame({c: np.empty(0, np.int64) for c in COUNT_COLUMNS})
    else:
        counts = count_pairs(arrays, node=node_code, window=window, stopwords=stopwords)
        counts = counts[counts["n"] >= min_count]
    table = score_pairs(counts, measure)
    table["w1"] = arrays.vocab[table["w1"].to_numpy()]
    table["w2"] = arrays.vocab[table["w2"].to_numpy()]
    if not len(table):  # the dtype words have when there are some
        table = table.astype({"w1": "str", "w2": "str"})
    key = "g2" if measure == "all" else measure
    table = table.sort_values([key, "n", "w1", "w2"], ascending=[False, False, True, True])
    table = table.reset_index(drop=True)
    table.attrs.update({"node": node, "window": window, "measure": measure})
    return table
