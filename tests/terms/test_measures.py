"""Tests for analysis.terms.measures: hand computations, NLTK and (when installed) SciPy."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.metrics.association import BigramAssocMeasures

from analysis.terms import measures

# The keyness example used throughout: a term 30 times in a 100-word target and 10
# times in a 100-word reference. 2x2 table o = [[30, 10], [70, 90]], N = 200,
# rows 40 / 160, columns 100 / 100, so e = [[20, 20], [80, 80]].
A, B, N_T, N_R = 30, 10, 100, 100
CELLS = (A, B, N_T - A, N_R - B)


def test_expected_frequencies():
    assert [float(e) for e in measures.expected_2x2(*CELLS)] == [20.0, 20.0, 80.0, 80.0]


def test_g2_dunning_full_table():
    # 2 * (30 ln(30/20) + 10 ln(10/20) + 70 ln(70/80) + 90 ln(90/80))
    # = 2 * (12.1639532 - 6.9314718 - 9.3471975 + 10.6004732) = 2 * 6.4857571 = 12.9715143
    hand = 2 * (30 * math.log(1.5) + 10 * math.log(0.5) + 70 * math.log(70 / 80) + 90 * math.log(90 / 80))
    assert measures.g2(*CELLS) == pytest.approx(hand, rel=1e-12)
    assert measures.g2(*CELLS) == pytest.approx(12.9715143, abs=1e-7)


def test_g2_rayson_two_cells():
    # E1 = 100 * 40 / 200 = 20, E2 = 20; 2 * (30 ln(30/20) + 10 ln(10/20)) = 2 * 5.2324814 = 10.4649629
    hand = 2 * (30 * math.log(1.5) + 10 * math.log(0.5))
    assert measures.g2_rayson(A, B, N_T, N_R) == pytest.approx(hand, rel=1e-12)
    assert measures.g2_rayson(A, B, N_T, N_R) == pytest.approx(10.4649629, abs=1e-7)
    assert measures.g2_rayson(A, B, N_T, N_R) < measures.g2(*CELLS)


def test_zero_cells_count_as_zero():
    # o = [[4, 0], [96, 100]]: the empty cell adds 0 * ln 0 = 0
    e11, e21, e22 = 2.0, 98.0, 98.0
    hand = 2 * (4 * math.log(4 / e11) + 96 * math.log(96 / e21) + 100 * math.log(100 / e22))
    assert measures.g2(4, 0, 96, 100) == pytest.approx(hand, rel=1e-12)
    assert measures.g2_rayson(4, 0, 100, 100) == pytest.approx(2 * 4 * math.log(2), rel=1e-12)


def test_chi2_p_is_the_upper_tail_with_one_df():
    assert measures.chi2_p(3.841458820694124) == pytest.approx(0.05, rel=1e-9)
    assert measures.chi2_p(0.0) == 1.0
    assert measures.chi2_p(12.971531) == pytest.approx(math.erfc(math.sqrt(12.971531 / 2)), rel=1e-12)


def test_log_ratio_and_interval():
    lr, low, high = measures.log_ratio(A, B, N_T, N_R)
    # log2((30/100) / (10/100)) = log2 3 = 1.5849625
    assert lr == pytest.approx(math.log2(3), rel=1e-12)
    # SE = sqrt(1/30 + 1/10) = 0.3651484; half-width = 1.959964 * 0.3651484 / ln 2 = 1.0325046
    half = 1.959963984540054 * math.sqrt(1 / 30 + 1 / 10) / math.log(2)
    assert half == pytest.approx(1.0325046, abs=1e-7)
    assert (low, high) == pytest.approx((math.log2(3) - half, math.log2(3) + half), rel=1e-12)


def test_log_ratio_replaces_zero_counts_by_a_half():
    # b = 0 -> 0.5: log2((4/100) / (0.5/100)) = log2 8 = 3
    lr, low, high = measures.log_ratio(4, 0, 100, 100)
    assert lr == pytest.approx(3.0)
    assert high - lr == pytest.approx(1.959963984540054 * math.sqrt(1 / 4 + 1 / 0.5) / math.log(2))


def test_pct_diff():
    # (0.3 - 0.1) * 100 / 0.1 = 200; a term missing from the reference is +inf
    assert measures.pct_diff(A, B, N_T, N_R) == pytest.approx(200.0)
    assert measures.pct_diff(0, 10, 100, 100) == pytest.approx(-100.0)
    assert measures.pct_diff(3, 0, 100, 100) == np.inf


def test_fisher_hand_computed():
    # o = [[3, 1], [1, 3]]: margins 4/4, N = 8; P(x) = C(4,x) C(4,4-x) / C(8,4) = [1, 16, 36, 16, 1] / 70.
    # Observed x = 3 (16/70); tables no more probable: x = 0, 1, 3, 4 -> 34/70
    assert measures.fisher_p(3, 1, 1, 3)[0] == pytest.approx(34 / 70, rel=1e-12)
    # o = [[3, 0], [97, 100]]: K = 3, n = 100, N = 200; P(3) = P(0) = (100*99*98) / (200*199*198)
    # = 0.1231156 and P(1) = P(2) are larger, so p = 2 * 0.1231156 = 0.2462312
    p3 = 100 * 99 * 98 / (200 * 199 * 198)
    assert measures.fisher_p(3, 0, 97, 100)[0] == pytest.approx(2 * p3, rel=1e-10)
    assert measures.fisher_p(2, 2, 2, 2)[0] == pytest.approx(1.0)
    assert measures.fisher_p(5, 0, 0, 5)[0] == pytest.approx(2 / 252, rel=1e-12)  # 2 / C(10, 5)


def test_fisher_agrees_with_scipy():
    stats = pytest.importorskip("scipy.stats")  # not a dependency: checked where it is installed
    rng = np.random.default_rng(2018)
    tables = rng.integers(0, 40, size=(300, 4)).tolist() + [[0, 5, 100, 95], [7, 16, 446, 237110]]
    for a, b, c, d in tables:
        expected = stats.fisher_exact([[a, b], [c, d]]).pvalue
        assert measures.fisher_p(a, b, c, d)[0] == pytest.approx(expected, rel=1e-9, abs=1e-300)


def test_association_measures_hand_computed():
    # n = 4 pairs, f(w1) = 5, f(w2) = 8, N = 100
    assert measures.pmi(4, 5, 8, 100) == pytest.approx(math.log2(4 * 100 / (5 * 8)), rel=1e-12)  # log2 10
    assert measures.t_score(4, 5, 8, 100) == pytest.approx((4 - 5 * 8 / 100) / 2, rel=1e-12)  # 1.8
    assert measures.log_dice(4, 5, 8) == pytest.approx(14 + math.log2(8 / 13), rel=1e-12)  # 13.299560
    assert measures.log_dice(4, 4, 4) == 14.0


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 50), st.integers(0, 200), st.integers(0, 200), st.integers(0, 5000))
def test_association_measures_agree_with_nltk(n, extra_w1, extra_w2, rest):
    n_w1, n_w2 = n + extra_w1, n + extra_w2
    total = n_w1 + n_w2 - n + rest
    nltk = BigramAssocMeasures
    assert measures.pmi(n, n_w1, n_w2, total) == pytest.approx(nltk.pmi(n, (n_w1, n_w2), total), rel=1e-9)
    assert measures.t_score(n, n_w1, n_w2, total) == pytest.approx(
        nltk.student_t(n, (n_w1, n_w2), total), rel=1e-9, abs=1e-9
    )
    ours = measures.g2(n, n_w1 - n, n_w2 - n, total - n_w1 - n_w2 + n)
    assert ours == pytest.approx(nltk.likelihood_ratio(n, (n_w1, n_w2), total), rel=1e-9, abs=1e-9)
