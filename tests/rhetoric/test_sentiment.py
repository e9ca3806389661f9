"""sentiment_table: VADER scores on the seed, empty input, bad input."""

from __future__ import annotations

import doctest

import numpy as np
import pandas as pd
import pytest

import analysis.rhetoric.sentiment as sentiment_module
from analysis.corpus import read_corpus
from analysis.errors import CorpusError, ParameterError
from analysis.rhetoric.sentiment import sentiment_table
from analysis.text import sentence_table

COLUMNS = ["doc_id", "sent_id", "neg", "neu", "pos", "compound"]


@pytest.fixture(scope="module")
def seed_sentences(seed_path) -> pd.DataFrame:
    return sentence_table(read_corpus(seed_path))


@pytest.fixture(scope="module")
def seed_scores(seed_sentences) -> pd.DataFrame:
    return sentiment_table(seed_sentences)


def _row(sentences: pd.DataFrame, scores: pd.DataFrame, start: str) -> pd.Series:
    hits = np.flatnonzero(sentences["text"].str.startswith(start).to_numpy())
    assert len(hits) == 1, start
    return scores.iloc[int(hits[0])]


def test_columns_and_one_row_per_sentence(seed_sentences, seed_scores):
    assert seed_scores.columns.tolist() == COLUMNS
    assert len(seed_scores) == len(seed_sentences) == 16
    assert seed_scores["doc_id"].dtype == seed_sentences["doc_id"].dtype
    assert (seed_scores["sent_id"].to_numpy() == seed_sentences["sent_id"].to_numpy()).all()
    assert all(seed_scores[c].dtype == np.float64 for c in COLUMNS[2:])
    assert seed_scores["compound"].between(-1, 1).all()
    np.testing.assert_allclose(seed_scores[["neg", "neu", "pos"]].sum(axis=1), 1.0, atol=0.01)


@pytest.mark.parametrize(("start", "sign"), [
    ('"The accusations of the US official', -1),  # totally unfounded and irresponsible
    ("There is no such thing as stealing", -1),
    ("China has in this way made active efforts", 1),
    ("For many years, China and the United States", 1),  # mutual benefits and win-win
    # VADER reads word tone, not stance: a firm refutation scores positive (see the docstring).
    ("date 2018-07-20 BEIJING", 1),
])
def test_signs_on_the_seed(seed_sentences, seed_scores, start, sign):
    compound = _row(seed_sentences, seed_scores, start)["compound"]
    assert np.sign(compound) == sign and abs(compound) >= 0.05


def test_empty_and_missing_text():
    empty = sentiment_table(pd.DataFrame({"doc_id": [], "sent_id": [], "text": []}))
    assert empty.columns.tolist() == COLUMNS and len(empty) == 0
    table = sentiment_table(pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": [0, 1, 0],
                                          "text": ["", None, "Good."]}, index=[7, 8, 9]))
    assert table.index.tolist() == [0, 1, 2]
    assert table.loc[0, ["neg", "neu", "pos", "compound"]].tolist() == [0.0, 0.0, 0.0, 0.0]
    assert table.loc[1, "compound"] == 0.0 and table.loc[2, "compound"] > 0


def test_repeated_sentences_score_alike_and_the_analyser_is_made_once():
    table = sentiment_table(pd.DataFrame({"doc_id": ["a", "b"], "sent_id": [0, 0],
                                          "text": ["We strongly condemn it."] * 2}))
    assert table.loc[0, "compound"] == table.loc[1, "compound"] < 0
    first = sentiment_module._analyzer()
    assert sentiment_module._analyzer() is first


def test_bad_input():
    with pytest.raises(ParameterError, match="sentence_table"):
        sentiment_table(pd.DataFrame({"doc_id": ["a"], "text": ["Hello."]}))
    with pytest.raises(CorpusError, match="lacks column"):
        sentiment_table(pd.DataFrame({"doc_id": ["a"], "sent_id": [0]}))
    with pytest.raises(ParameterError, match="DataFrame"):
        sentiment_table(["Hello."])


def test_docstring_example():
    result = doctest.testmod(sentiment_module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
