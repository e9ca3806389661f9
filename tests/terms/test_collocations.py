"""Tests for analysis.terms.collocations: collocation_table and its counting step."""

from __future__ import annotations

import math

import pytest
from nltk.collocations import BigramCollocationFinder
from nltk.metrics.association import BigramAssocMeasures

from analysis.errors import ParameterError
from analysis.terms import collocation_table
from analysis.terms._tokens import token_arrays
from analysis.terms.collocations import count_pairs

COLUMNS = ["w1", "w2", "n", "n_w1", "n_w2", "n_total", "n_span", "pmi", "t_score", "g2", "log_dice"]
NLTK = {"pmi": BigramAssocMeasures.pmi, "t_score": BigramAssocMeasures.student_t,
        "g2": BigramAssocMeasures.likelihood_ratio}


def test_bigrams_equal_nltk_finder_on_a_corpus_without_boundaries(hand_tokens):
    # one sentence, no punctuation, no stopword filter: NLTK's finder counts the same
    # pairs, and its marginals (word frequencies) and N (words) are ours
    words = ["peace", "talks", "resume", "peace", "talks", "stall", "war", "talks", "resume", "peace", "war"]
    table = collocation_table(hand_tokens({"d": [" ".join(words)]}), min_count=1, stopwords=False)
    finder = BigramCollocationFinder.from_words(words)
    assert len(table) == len(finder.ngram_fd)
    for row in table.itertuples(index=False):
        assert row.n == finder.ngram_fd[row.w1, row.w2]
        for measure, score in NLTK.items():
            expected = finder.score_ngram(score, row.w1, row.w2)
            assert getattr(row, measure) == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_seed_scores_equal_nltk_measures_on_the_same_counts(seed_tokens):
    # with boundaries NLTK's finder would count other pairs; feeding its measures our
    # n_ii, (n_ix, n_xi), n_xx compares the formulas alone
    table = collocation_table(seed_tokens, min_count=1)
    assert len(table) > 100
    for row in table.itertuples(index=False):
        for measure, score in NLTK.items():
            expected = score(row.n, (row.n_span, row.n_w2), row.n_total)
            assert getattr(row, measure) == pytest.approx(expected, rel=1e-9, abs=1e-12)
    top = table.head(5)
    assert ("military-civilian", "integration") in set(zip(top.w1, top.w2, strict=True))


def test_bigram_golden(hand_tokens):
    # "export control" twice; N = 6 words; f(export) = 2, f(control) = 2
    table = collocation_table(hand_tokens({"d": ["export control and export control policy"]}), min_count=2)
    assert list(table.columns) == COLUMNS
    row = table.iloc[0]
    assert (row.w1, row.w2, row.n, row.n_w1, row.n_w2, row.n_total, row.n_span) == (
        "export", "control", 2, 2, 2, 6, 2)
    assert row.pmi == pytest.approx(math.log2(2 * 6 / (2 * 2)))  # log2 3
    assert row.t_score == pytest.approx((2 - 2 * 2 / 6) / math.sqrt(2))
    assert row.log_dice == 14.0  # 14 + log2(2 * 2 / (2 + 2))
    # o = [[2, 0], [0, 4]], e = [[2/3, 4/3], [4/3, 8/3]]
    assert row.g2 == pytest.approx(2 * (2 * math.log(2 / (2 / 3)) + 4 * math.log(4 / (8 / 3))))


def test_node_window_golden(hand_tokens):
    tokens = hand_tokens({"d": ["x peace y talks peace z", "talks w"]})
    # window 1 around peace (positions 1 and 4): slots 0, 2, 3, 5 = x, y, talks, z -> n_span 4;
    # "talks w" is another sentence. N = 8, f(peace) = 2, f(talks) = 2
    table = collocation_table(tokens, node="Peace", window=1, min_count=1).set_index("w2")
    assert sorted(table.index) == ["talks", "x", "y", "z"]
    assert (table.w1 == "peace").all() and (table.n_span == 4).all() and (table.n_w1 == 2).all()
    talks = table.loc["talks"]
    assert (talks.n, talks.n_w2, talks.n_total) == (1, 2, 8)
    assert talks.pmi == pytest.approx(0.0)  # log2(1 * 8 / (4 * 2))
    assert talks.t_score == pytest.approx(0.0)  # (1 - 4 * 2 / 8) / 1
    assert talks.log_dice == pytest.approx(13.0)  # 14 + log2(2 / (2 + 2))
    assert table.loc["x", "pmi"] == pytest.approx(1.0)  # log2(1 * 8 / (4 * 1))
    # window 3: the two windows overlap and cover each other's node; every slot counts once
    wide = collocation_table(tokens, node="peace", window=3, min_count=1).set_index("w2")
    assert wide.loc["peace", "n"] == 2 and (wide.n_span == 6).all()
    assert wide.n.sum() == 6


def test_node_stopwords_fill_slots_but_are_not_listed(hand_tokens):
    tokens = hand_tokens({"d": ["the peace of talks"]})
    table = collocation_table(tokens, node="peace", window=1, min_count=1)
    assert table.empty and list(table.columns) == COLUMNS  # both neighbours are stopwords
    kept = collocation_table(tokens, node="peace", window=2, min_count=1)
    assert kept.w2.tolist() == ["talks"] and kept.n_span.tolist() == [3]


def test_count_pairs_is_the_counting_step(hand_tokens):
    arrays = token_arrays(hand_tokens({"d": ["peace talks peace talks"]}), unit="norm")
    counts = count_pairs(arrays, stopwords=False)
    assert counts.columns.tolist() == ["w1", "w2", "n", "n_w1", "n_w2", "n_total", "n_span"]
    pairs = {(arrays.vocab[a], arrays.vocab[b]): n for a, b, n in counts[["w1", "w2", "n"]].to_numpy()}
    assert pairs == {("peace", "talks"): 2, ("talks", "peace"): 1}


def test_one_measure_and_sorting(seed_tokens):
    table = collocation_table(seed_tokens, measure="log_dice", min_count=2)
    assert list(table.columns) == COLUMNS[:7] + ["log_dice"]
    assert table.log_dice.is_monotonic_decreasing
    node = collocation_table(seed_tokens, node="integration", window=5, measure="g2", min_count=2)
    assert node.w2.iloc[0] == "military-civilian"


def test_bad_input(hand_tokens):
    tokens = hand_tokens({"d": ["peace talks"]})
    assert collocation_table(tokens, node="absent").empty
    assert list(collocation_table(tokens.iloc[:0]).columns) == COLUMNS
    with pytest.raises(ParameterError, match="'all', 'pmi', 't_score', 'g2', 'log_dice'"):
        collocation_table(tokens, measure="mi")
    with pytest.raises(ParameterError, match="single token"):
        collocation_table(tokens, node="peace talks")
    with pytest.raises(ParameterError, match="window=0"):
        collocation_table(tokens, node="peace", window=0)
