"""phrase_table, first_use_table, burst_table: set phrases over time, variants folded."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from analysis.corpus import read_corpus
from analysis.errors import CorpusError, ParameterError
from analysis.text import token_table
from analysis.timeline.formulations import (
    burst_table,
    first_use_table,
    fold_phrase,
    phrase_table,
)
from analysis.timeline.trends import trend_table

DASHES = "-\u2010\u2011\u2013\u2014\u2212"


@pytest.fixture(scope="module")
def mfa(mfa_dir):
    docs = read_corpus(mfa_dir)
    return docs, token_table(docs)


def _direct(docs, words):
    """Occurrences per document with a plain regex on the text: words joined by spaces or dashes."""
    pattern = re.compile(r"\b" + rf"(?:\s|[{DASHES}])+".join(map(re.escape, words)) + r"\b", re.IGNORECASE)
    counts = docs["text"].map(lambda text: len(pattern.findall(text)))
    return docs.assign(k=counts)[counts > 0]


@pytest.mark.filterwarnings("ignore::analysis.errors.AnalysisWarning")
def test_first_use_on_mfa_matches_a_direct_computation(mfa):
    docs, tokens = mfa
    terms = ["win-win", "Cold War mentality", "community with a shared future"]
    table = first_use_table(tokens, docs, terms)
    assert table["term"].tolist() == terms
    for term, words in zip(terms, (["win", "win"], ["cold", "war", "mentality"],
                                   ["community", "with", "a", "shared", "future"])):
        row = table.set_index("term").loc[term]
        direct = _direct(docs, words)
        assert row["n"] == direct["k"].sum() and row["n_docs"] == len(direct)
        assert row["first_date"] == direct["date"].min() and row["last_date"] == direct["date"].max()
    win = table.iloc[0]
    assert win["first_date"] == pd.Timestamp("2018-05-14") and win["n"] >= 90
    assert win["folded"] == "win win"
    # the peak period is the month with the highest rate, from the trend table
    trends = trend_table(phrase_table(tokens, ["win-win"]), docs, tokens=tokens, column="term")
    best = trends.dropna(subset=["rate"]).sort_values(["rate", "period"], ascending=[False, True]).iloc[0]
    assert (win["peak_period"], win["peak_n"]) == (str(best["period"]), best["n"])
    assert "2 sd" in table.attrs["burst_rule"] and "hyphens" in table.attrs["folding"]


def test_variants_are_folded():
    docs = pd.DataFrame({"doc_id": ["a"], "date": [pd.Timestamp("2018-01-01")],
                         "text": [("Win-win, win win and win\u2013win; WIN - WIN. Win, win. Winwin. "
                                   "Globalisation and globalization, the Cold-War mentality.")]})
    tokens = token_table(docs)
    found = phrase_table(tokens, ["win-win", "globalization", "cold war mentality"])
    assert found.groupby("term")["doc_id"].size().to_dict() == {
        "win-win": 4, "globalization": 2, "cold war mentality": 1}  # "Win, win" and "Winwin" are not
    for _, row in found.iterrows():
        assert fold_phrase(docs.loc[0, "text"][row["start"]:row["end"]]) == row["folded"]


@pytest.mark.parametrize(("text", "folded"), [("Win\u2014Win", "win win"), ("win_win", "win win"),
                                              ("People\u2019s", "people's"), ("analyse", "analyze"),
                                              ("organisations", "organizations"), ("rise", "rise")])
def test_fold_phrase(text, folded):
    assert fold_phrase(text) == folded


def test_marker_tables_are_folded_and_counted():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "date": pd.to_datetime(["2018-01-03", "2018-02-03", None]),
                         "text": ["x " * 10, "y " * 10, "z"]})
    markers = pd.DataFrame({"doc_id": ["a", "b", "b", "c"], "cue": ["Win-win", "win win", "firmly", "win–win"]})
    with pytest.warns(Warning, match="undated"):
        table = first_use_table(markers, docs, min_tokens=1)
    got = table.set_index("term")[["n", "n_docs", "first_date", "last_date"]]
    assert got.loc["firmly"].tolist() == [1, 1, pd.Timestamp("2018-02-03"), pd.Timestamp("2018-02-03")]
    win = table[table["folded"] == "win win"].iloc[0]
    assert (win["n"], win["n_docs"]) == (3, 3)  # the undated document counts, but gives no date
    assert (win["first_date"], win["last_date"]) == (pd.Timestamp("2018-01-03"), pd.Timestamp("2018-02-03"))


def test_burst_rule():
    rates = [1.0] * 11 + [9.0]
    trends = pd.DataFrame({"term": "x", "period": pd.period_range("2018-01", periods=12, freq="M"),
                           "n": [1] * 11 + [9], "rate": rates})
    flagged = burst_table(trends)
    mean, sd = np.mean(rates), np.std(rates, ddof=1)
    assert flagged["burst"].tolist() == [r > mean + 2 * sd for r in rates]
    assert flagged["burst"].iloc[-1]
    assert not burst_table(trends, min_count=10)["burst"].any()  # too few occurrences
    low = trends.assign(rate=rates[:-1] + [np.nan])
    assert not burst_table(low)["burst"].any()  # no rate, no burst


@pytest.mark.parametrize(("args", "error", "match"), [
    ((None,), ParameterError, "terms must be"),
    (([""],), ParameterError, "no word"),
    (("win-win",), None, None),
])
def test_terms_are_checked(args, error, match):
    docs = pd.DataFrame({"doc_id": ["a"], "date": [pd.Timestamp("2018-01-01")], "text": ["win-win"]})
    tokens = token_table(docs)
    if error is None:
        assert first_use_table(tokens, docs, *args, min_tokens=1)["n"].tolist() == [1]
    else:
        with pytest.raises(error, match=match):
            first_use_table(tokens, docs, *args)


def test_bad_tables_are_refused():
    docs = pd.DataFrame({"doc_id": ["a"], "date": [pd.NaT], "text": ["win-win"]})
    with pytest.raises(ParameterError, match="doc_id"):
        first_use_table(pd.DataFrame({"cue": ["win-win"]}), docs)
    with pytest.raises(CorpusError, match="no document has a date"):
        first_use_table(token_table(docs), docs, ["win-win"])
    with pytest.raises(CorpusError, match="'date'"):
        first_use_table(token_table(docs), docs.drop(columns="date"), ["win-win"])


def test_docstring_examples():
    import doctest
    import importlib

    module = importlib.import_module("analysis.timeline.formulations")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
