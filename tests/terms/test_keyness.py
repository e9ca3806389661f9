"""Tests for analysis.terms.keyness: keyness_table."""

from __future__ import annotations

import math

import pytest

from analysis.errors import CorpusError, ParameterError
from analysis.terms import keyness_table

COLUMNS = [
    "term", "n_target", "n_reference", "per_10k_target", "per_10k_reference", "g2", "p_value",
    "log_ratio", "log_ratio_ci_low", "log_ratio_ci_high", "pct_diff", "direction",
    "expected_low", "test",
]
Z = 1.959963984540054


def _words(*counts: tuple[str, int]) -> list[str]:
    """One sentence holding each word the given number of times (``the`` is a stopword)."""
    return [" ".join(word for word, n in counts for _ in range(n))]


@pytest.fixture(scope="module")
def pair(hand_tokens):
    # 100 words each; "the" is a stopword, so it counts in N but is not a term
    target = hand_tokens({"t": _words(("peace", 30), ("truce", 3), ("the", 67))})
    reference = hand_tokens({"r": _words(("peace", 10), ("war", 5), ("the", 85))})
    return target, reference


def test_golden_table(pair):
    table = keyness_table(*pair)
    assert list(table.columns) == COLUMNS
    assert table.attrs == {"g2": "dunning", "n_target": 100, "n_reference": 100}
    assert table.term.tolist() == ["peace", "truce", "war"]  # over by g2, then under
    peace, truce, war = (row._asdict() for row in table.itertuples(index=False))

    # peace: o = [[30, 10], [70, 90]], e = [[20, 20], [80, 80]] (all >= 5: chi-squared p)
    g2 = 2 * (30 * math.log(30 / 20) + 10 * math.log(10 / 20)
              + 70 * math.log(70 / 80) + 90 * math.log(90 / 80))
    assert peace["g2"] == pytest.approx(g2, rel=1e-12)  # 12.9715143
    assert peace["p_value"] == pytest.approx(math.erfc(math.sqrt(g2 / 2)), rel=1e-12)
    assert (peace["test"], peace["expected_low"], peace["direction"]) == ("g2", False, "over")
    assert (peace["per_10k_target"], peace["per_10k_reference"]) == (3000.0, 1000.0)
    half = Z * math.sqrt(1 / 30 + 1 / 10) / math.log(2)
    assert (peace["log_ratio"], peace["log_ratio_ci_low"], peace["log_ratio_ci_high"]) == pytest.approx(
        (math.log2(3), math.log2(3) - half, math.log2(3) + half), rel=1e-12
    )
    assert peace["pct_diff"] == pytest.approx(200.0)  # (0.30 - 0.10) * 100 / 0.10

    # truce: o = [[3, 0], [97, 100]], e11 = 1.5 < 5 -> Fisher: 2 * P(3) = 2 * 100*99*98 / (200*199*198)
    assert (truce["test"], truce["expected_low"], truce["direction"]) == ("fisher", True, "over")
    assert truce["p_value"] == pytest.approx(2 * 100 * 99 * 98 / (200 * 199 * 198), rel=1e-10)  # 0.2462312
    assert truce["g2"] == pytest.approx(
        2 * (3 * math.log(3 / 1.5) + 97 * math.log(97 / 98.5) + 100 * math.log(100 / 98.5)), rel=1e-12
    )
    assert truce["log_ratio"] == pytest.approx(math.log2(3 / 0.5))  # zero count -> 0.5
    assert truce["pct_diff"] == math.inf

    # war: o = [[0, 5], [100, 95]], e11 = 2.5 -> Fisher: P(0) = P(5) = C(100,5) / C(200,5), the rest larger
    assert (war["test"], war["direction"]) == ("fisher", "under")
    assert war["p_value"] == pytest.approx(2 * math.comb(100, 5) / math.comb(200, 5), rel=1e-10)
    assert war["log_ratio"] == pytest.approx(math.log2(0.5 / 5))
    assert war["pct_diff"] == pytest.approx(-100.0)


def test_rayson_form(pair):
    table = keyness_table(*pair, g2="rayson")
    assert table.attrs["g2"] == "rayson"
    peace = table.set_index("term").loc["peace"]
    rayson = 2 * (30 * math.log(30 / 20) + 10 * math.log(10 / 20))  # 10.4649629
    assert peace.g2 == pytest.approx(rayson, rel=1e-12)
    assert peace.p_value == pytest.approx(math.erfc(math.sqrt(rayson / 2)), rel=1e-12)


def test_min_count_counts_both_sides(pair):
    assert keyness_table(*pair, min_count=4).term.tolist() == ["peace", "war"]
    assert keyness_table(*pair, stopwords=False, min_count=50).term.tolist() == ["the"]


def test_one_document_against_the_rest(seed_tokens, mfa_tokens):
    import pandas as pd

    tokens = pd.concat([seed_tokens, mfa_tokens], ignore_index=True)
    seed_id = seed_tokens.doc_id.iloc[0]
    table = keyness_table(tokens[tokens.doc_id == seed_id], tokens[tokens.doc_id != seed_id])
    assert table.term.iloc[0] == "non-proliferation"


def test_seed_against_mfa_2018(seed_tokens, mfa_tokens):
    table = keyness_table(seed_tokens, mfa_tokens)
    top = table[table.direction == "over"].head(10).term.tolist()
    assert "military-civilian" in top and "integration" in top
    assert (table.direction == "under").any()  # negative keywords are kept
    bigrams = keyness_table(seed_tokens, mfa_tokens, ngram=2)
    assert "military-civilian integration" in bigrams.head(3).term.tolist()


def test_bad_input(pair, hand_tokens):
    target, reference = pair
    with pytest.raises(CorpusError, match="reference token table has no word tokens"):
        keyness_table(target, reference.iloc[:0])
    with pytest.raises(CorpusError, match="target token table has no word tokens"):
        keyness_table(hand_tokens({"p": [". , !"]}), reference)
    with pytest.raises(ParameterError, match="'dunning', 'rayson'"):
        keyness_table(target, reference, g2="pearson")
    with pytest.raises(ParameterError, match="one n-gram length"):
        keyness_table(target, reference, ngram=(1, 2))
    with pytest.raises(ParameterError, match="'norm', 'token', 'stem'"):
        keyness_table(target, reference, unit="lemma")
    with pytest.raises(CorpusError, match="reference lacks column"):
        keyness_table(target, reference.drop(columns="is_stop"))
