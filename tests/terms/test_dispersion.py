"""Tests for analysis.terms.dispersion: dispersion_table and dispersion_summary."""

from __future__ import annotations

import math

import pytest

from analysis.errors import ParameterError
from analysis.terms import dispersion_summary, dispersion_table

POSITION_COLUMNS = ["term", "doc_id", "token_id", "position"]
SUMMARY_COLUMNS = ["term", "n", "range", "dp", "dp_norm"]

# word tokens per document: a 2, b 3, c 5 (N = 10; the punctuation does not count)
CORPUS = {
    "a": ["peace talks ."],
    "b": ["war , war", "ends"],
    "c": ["cold war mentality", "peace talks"],
}


@pytest.fixture(scope="module")
def tokens(hand_tokens):
    return hand_tokens(CORPUS)


def test_positions(tokens):
    table = dispersion_table(tokens, ["war", "peace talks"])
    assert list(table.columns) == POSITION_COLUMNS
    rows = [tuple(r) for r in table.itertuples(index=False)]
    assert rows == [
        ("war", "b", 0, 0 / 3),
        ("war", "b", 2, 1 / 3),  # token 2, but the second word: the comma is not counted
        ("war", "c", 1, 1 / 5),
        ("peace talks", "a", 0, 0 / 2),
        ("peace talks", "c", 3, 3 / 5),
    ]


def test_summary_golden(tokens):
    table = dispersion_summary(tokens, ["peace", "war", "absent"])
    assert list(table.columns) == SUMMARY_COLUMNS
    # s = (2, 3, 5) / 10 = (.2, .3, .5)
    # peace in a and c once each: v = (.5, 0, .5); DP = 0.5 * (.3 + .3 + 0) = .3;
    # DP_norm = .3 / (1 - .2) = .375
    peace = table.iloc[0]
    assert (peace.term, peace.n, peace.range) == ("peace", 2, 2)
    assert (peace.dp, peace.dp_norm) == pytest.approx((0.3, 0.375), rel=1e-12)
    # war twice in b, once in c: v = (0, 2/3, 1/3); DP = 0.5 * (.2 + 11/30 + 1/6) = 11/30
    war = table.iloc[1]
    assert (war.n, war.range) == (3, 2)
    assert war.dp == pytest.approx(0.5 * (0.2 + abs(2 / 3 - 0.3) + abs(1 / 3 - 0.5)), rel=1e-12)
    assert war.dp_norm == pytest.approx(war.dp / 0.8, rel=1e-12)
    absent = table.iloc[2]
    assert (absent.n, absent.range) == (0, 0) and math.isnan(absent.dp) and math.isnan(absent.dp_norm)


def test_single_document_has_no_dp_norm(hand_tokens):
    table = dispersion_summary(hand_tokens({"d": ["war and war"]}), "war")
    assert table.dp.item() == 0.0 and math.isnan(table.dp_norm.item())


def test_seed_multiword_term(seed_tokens):
    table = dispersion_table(seed_tokens, "military-civilian integration")
    assert len(table) == 4
    assert table.position.is_monotonic_increasing
    assert ((table.position >= 0) & (table.position < 1)).all()
    summary = dispersion_summary(seed_tokens, ["military-civilian integration", "refut*"])
    assert summary.n.tolist() == [4, 1]


def test_bad_input(tokens):
    empty = dispersion_table(tokens.iloc[:0], "war")
    assert empty.empty and list(empty.columns) == POSITION_COLUMNS
    assert dispersion_summary(tokens.iloc[:0], "war").n.tolist() == [0]
    with pytest.raises(ParameterError, match="regex"):
        dispersion_table(tokens, "re:war")
    with pytest.raises(ParameterError, match="terms must be"):
        dispersion_table(tokens, [])
    with pytest.raises(ParameterError, match="terms must be"):
        dispersion_summary(tokens, 3)
    with pytest.raises(ParameterError, match="'norm', 'token', 'stem'"):
        dispersion_table(tokens, "war", unit="lemma")
