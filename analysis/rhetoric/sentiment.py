"""Sentence sentiment: :func:`sentiment_table` scores sentences with VADER.

VADER (Hutto & Gilbert 2014) is a rule-based sentiment model tuned for social
media text. The ``vaderSentiment`` package ships its lexicon file, so nothing
is downloaded (NLTK's ``vader_lexicon`` data is not used).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.terms._tokens import check_table

__all__ = ["sentiment_table"]

COLUMNS = ["doc_id", "sent_id", "neg", "neu", "pos", "compound"]
SCORES = ("neg", "neu", "pos", "compound")
SENTENCES_HINT = "pass the table made by analysis.sentence_table(docs)"

_ANALYZER: Any = None


def _analyzer() -> Any:
    """The one VADER analyser of this process, made on first use (reading its lexicon once)."""
    global _ANALYZER
    if _ANALYZER is None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        _ANALYZER = SentimentIntensityAnalyzer()
    return _ANALYZER


def sentiment_table(sentences: pd.DataFrame) -> pd.DataFrame:
    """Score each sentence's sentiment with VADER.

    VADER is tuned for social media (short, informal, emoji, capitals and
    exclamation marks). It is **no stance measure**: it reads the tone of
    words, not whether a speaker denies, opposes or accuses. A firm diplomatic
    refutation ("totally unfounded and irresponsible") may score only mildly
    negative, and a sentence of polite cooperation words positive whatever it
    asserts: on the seed, "China's Foreign Ministry has strongly refuted
    allegations ..." scores +0.27. Use it as a rough tone arc next to the rhetoric markers
    (:func:`analysis.rhetoric.marker_table`), not in their place.

    Identical sentence texts are scored once per call (boilerplate repeats in
    briefings). The analyser is made once per process. VADER runs in pure
    Python at roughly 9,000 sentences (about 190,000 words) per second on one
    core (``benchmarks/bench_sentiment.py``, the 34,000 sentences of the shared
    corpora), so a 10M-word corpus of distinct sentences takes about a minute.

    Parameters
    ----------
    sentences : DataFrame
        A sentence table from :func:`analysis.sentence_table` (``doc_id``,
        ``sent_id``, ``text``); missing texts score as empty sentences (all zero).

    Returns
    -------
    DataFrame
        One row per sentence, in the input order, with a fresh RangeIndex:

        - ``doc_id``: as in ``sentences`` (same dtype, categorical from
          :func:`analysis.sentence_table`);
        - ``sent_id``: as in ``sentences``;
        - ``neg``, ``neu``, ``pos`` (float64): the proportions of the text that
          are negative, neutral and positive (each in [0, 1], summing to about 1;
          all 0 for an empty text);
        - ``compound`` (float64): VADER's normalised overall score in [-1, 1];
          by VADER's convention >= 0.05 is positive and <= -0.05 negative.

    Raises
    ------
    ParameterError
        ``sentences`` is not a DataFrame, or is a docs table (no ``sent_id``).
    CorpusError
        ``sentences`` lacks a required column.

    Examples
    --------
    >>> import pandas as pd
    >>> sentences = pd.DataFrame({"doc_id": "d1", "sent_id": [0, 1],
    ...     "text": ["The accusations are totally unfounded.", "We welcome mutual benefit."]})
    >>> sentiment_table(sentences)
      doc_id  sent_id    neg    neu   pos  compound
    0     d1        0  0.365  0.635  0.00   -0.3182
    1     d1        1  0.000  0.250  0.75    0.7184
    """
    if isinstance(sentences, pd.DataFrame) and "text" in sentences.columns and "sent_id" not in sentences.columns:
        raise ParameterError(
            "sentiment_table scores sentences: pass analysis.sentence_table(docs), not the docs table"
        )
    check_table(sentences, "sentences", ("doc_id", "sent_id", "text"), hint=SENTENCES_HINT)
    texts = sentences["text"].astype(object).where(sentences["text"].notna(), "").to_numpy()
    codes, uniques = pd.factorize(texts)
    analyzer = _analyzer()
    scores = np.zeros((len(uniques), len(SCORES)), dtype=np.float64)
    for i, text in enumerate(uniques):
        result = analyzer.polarity_scores(str(text))
        scores[i] = [result[key] for key in SCORES]
    per_row = scores[codes] if len(codes) else np.zeros((0, len(SCORES)))
    table = pd.DataFrame({
        "doc_id": sentences["doc_id"].reset_index(drop=True),
        "sent_id": sentences["sent_id"].reset_index(drop=True),
    })
    for j, key in enumerate(SCORES):
        table[key] = per_row[:, j]
    return table
