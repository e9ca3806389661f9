"""trend_table: counts per calendar period over the period's word tokens."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.corpus import read_corpus
from analysis.errors import AnalysisWarning, CorpusError, ParameterError
from analysis.terms import term_table
from analysis.text import token_table
from analysis.timeline.trends import parse_freq, trend_table

COLUMNS = ["term", "period", "date", "n", "n_docs", "n_tokens", "low_coverage", "rate"]


@pytest.fixture(scope="module")
def state_union(state_union_dir):
    docs = read_corpus(state_union_dir)
    return docs, token_table(docs)


@pytest.fixture(scope="module")
def mfa(mfa_dir):
    docs = read_corpus(mfa_dir)
    return docs, token_table(docs)


def _doc_terms(tokens, terms):
    table = term_table(tokens, by="doc_id")
    return table[table["term"].isin(terms)]


def _words_per_period(docs, tokens, freq):
    words = tokens[~tokens["is_punct"]].assign(doc_id=lambda t: t["doc_id"].astype(str))
    period = dict(zip(docs["doc_id"].astype(str), docs["date"].dt.to_period(freq)))
    return words["doc_id"].map(period).dropna().value_counts()


def test_state_union_yearly_rates_sum_back_to_counts(state_union):
    docs, tokens = state_union
    terms = ["freedom", "war", "economy", "terror"]
    table = _doc_terms(tokens, terms)
    trends = trend_table(table, docs, freq="Y", tokens=tokens, terms=terms)
    assert list(trends.columns) == COLUMNS
    assert trends.attrs["freq"] == "Y" and "is_punct False" in trends.attrs["denominator"]
    periods = pd.period_range("1945", "2006", freq="Y")
    assert len(trends) == len(terms) * len(periods)  # every term in every year, zeros included
    rated = trends.dropna(subset=["rate"])
    np.testing.assert_allclose(rated["rate"] * rated["n_tokens"] / 10_000, rated["n"], rtol=1e-9)
    totals = trends.groupby("term")["n"].sum()
    assert totals.to_dict() == table.groupby("term")["n"].sum().reindex(terms, fill_value=0).to_dict()
    assert ((trends["n"] == 0) & (trends["rate"] == 0)).any()  # lines go to 0, not skip


def test_per_period_tokens_match_the_token_table(state_union):
    docs, tokens = state_union
    trends = trend_table(_doc_terms(tokens, ["war"]), docs, freq="Q", tokens=tokens)
    per_period = trends.set_index("period")["n_tokens"]
    expected = _words_per_period(docs, tokens, "Q").reindex(per_period.index, fill_value=0)
    assert per_period.to_dict() == expected.to_dict()
    assert per_period.sum() == (~tokens["is_punct"]).sum()


def test_no_period_without_tokens_shows_a_rate(state_union):
    docs, tokens = state_union
    trends = trend_table(_doc_terms(tokens, ["war", "peace"]), docs, freq="M", tokens=tokens, min_tokens=1)
    empty = trends[trends["n_tokens"] == 0]
    assert len(empty) > 500  # most months hold no address
    assert empty["rate"].isna().all() and empty["low_coverage"].all() and (empty["n_docs"] == 0).all()
    assert trends.loc[trends["n_tokens"] > 0, "rate"].notna().all()


def test_low_coverage_periods_keep_their_counts(state_union):
    docs, tokens = state_union
    trends = trend_table(_doc_terms(tokens, ["war"]), docs, freq="Y", tokens=tokens, min_tokens=6000)
    low = trends[trends["low_coverage"]]
    assert len(low) and low["rate"].isna().all()
    assert (low["n_tokens"] < 6000).all() and (trends.loc[~trends["low_coverage"], "n_tokens"] >= 6000).all()
    assert low["n"].sum() > 0  # raw counts are kept


def test_mfa_marker_rows_weekly_by_speaker(mfa):
    docs, tokens = mfa
    markers = tokens.loc[tokens["norm"].isin(["oppose", "firmly"]), ["doc_id", "norm", "start", "end"]]
    with pytest.warns(AnalysisWarning, match="2 undated"):
        trends = trend_table(markers, docs, freq="W", by="speaker", tokens=tokens, column="norm")
    assert list(trends.columns[:2]) == ["group", "norm"]
    dated = set(docs.loc[docs["date"].notna(), "doc_id"])
    expected = markers[markers["doc_id"].astype(str).isin(dated)]
    assert trends["n"].sum() == len(expected)
    assert trends.groupby("norm")["n"].sum().to_dict() == expected.groupby("norm", observed=True).size().to_dict()
    rated = trends.dropna(subset=["rate"])
    np.testing.assert_allclose(rated["rate"] * rated["n_tokens"] / 10_000, rated["n"])
    assert str(trends["period"].dtype) == "period[W-SUN]"


@pytest.mark.parametrize(("alias", "canonical"), [("A", "Y"), ("YE", "Y"), ("ys", "Y"), ("year", "Y"),
                                                  ("ME", "M"), ("ms", "M"), ("QE", "Q"), ("w", "W"), ("d", "D")])
def test_freq_aliases(alias, canonical):
    assert parse_freq(alias) == canonical


def _tiny():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "date": pd.to_datetime(["2018-01-05", "2018-03-02", "2018-04-09"]),
                         "text": ["win-win talks today", "more talks", "win-win win-win deal"]})
    table = pd.DataFrame({"doc_id": ["a", "c", "c"], "term": ["win-win"] * 3})
    return docs, table


def test_rolling_window_is_a_ratio_of_sums_and_is_stated():
    docs, table = _tiny()
    trends = trend_table(table, docs, min_tokens=1, rolling=2, value="share")
    assert trends.attrs["rolling"] == 2 and trends.attrs["value"] == "share"
    assert trends["rate_rolling"].tolist()[1:] == [1 / 3, 0.0, 2 / 5]  # (0+2)/(2+3) in April
    assert np.isnan(trends["rate_rolling"].iloc[0])  # window not yet full
    assert trends["rate"].isna().tolist() == [False, True, False, False]  # February has no words


def test_term_table_by_doc_id_and_start_end_and_terms():
    docs, _ = _tiny()
    tokens = token_table(docs)
    table = term_table(tokens, by="doc_id")
    trends = trend_table(table, docs, tokens=tokens, terms=["win-win", "absent"], start="2017-12-15",
                         end="2018-05-01", min_tokens=1, value="count")
    assert trends["period"].astype(str).unique().tolist() == ["2017-12", "2018-01", "2018-02", "2018-03",
                                                              "2018-04", "2018-05"]
    assert trends.groupby("term", sort=False)["n"].sum().to_dict() == {"win-win": 3, "absent": 0}


def test_every_date_nat_explains_why_it_is_empty():
    docs, table = _tiny()
    docs["date"] = pd.NaT
    with pytest.raises(CorpusError, match="no document has a date"):
        trend_table(table, docs)


@pytest.mark.parametrize("kwargs", [{}, {"by": "speaker", "rolling": 2}, {"start": "2018-01-01", "end": "2018-03-01"}])
def test_an_empty_corpus_gives_an_empty_table_with_the_columns_and_dtypes(kwargs):
    # was: CorpusError "no document has a date (all 0 dates are NaT)"
    from analysis.timeline.formulations import first_use_table

    docs, table = _tiny()
    docs["speaker"] = "Hua"
    full = trend_table(table, docs, min_tokens=1, **kwargs)
    empty = trend_table(table.iloc[:0], docs.iloc[:0], min_tokens=1, **kwargs)
    assert len(full) and not len(empty)
    assert empty.dtypes.astype(str).to_dict() == full.dtypes.astype(str).to_dict()
    assert empty.attrs["n_undated_docs"] == 0 and empty.attrs["freq"] == "M"
    first = first_use_table(table.iloc[:0], docs.iloc[:0], ["win-win"], min_tokens=1)
    assert first[["term", "n", "n_docs", "peak_period"]].values.tolist() == [["win-win", 0, 0, ""]]


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"freq": "fortnight"}, "D, W, M, Q, Y"),
    ({"value": "per_cent"}, "per_10k"),
    ({"min_tokens": 0}, "min_tokens"),
    ({"rolling": 1.5}, "rolling"),
    ({"by": "nope"}, "not a column of docs"),
    ({"column": "nope"}, "column="),
    ({"start": "2019-01-01", "end": "2018-01-01"}, "before start"),
])
def test_bad_options_are_refused(kwargs, match):
    docs, table = _tiny()
    with pytest.raises(ParameterError, match=match):
        trend_table(table, docs, **kwargs)


def test_a_table_without_doc_id_is_refused():
    docs, table = _tiny()
    with pytest.raises(ParameterError, match="needs a 'doc_id' column"):
        trend_table(table.drop(columns="doc_id"), docs)
    with pytest.raises(ParameterError, match="no term column"):
        trend_table(table.rename(columns={"term": "x"}), docs)


def test_rows_for_unknown_documents_warn():
    docs, table = _tiny()
    table = pd.concat([table, pd.DataFrame({"doc_id": ["zz"], "term": ["win-win"]})])
    with pytest.warns(AnalysisWarning, match="not in docs"):
        trends = trend_table(table, docs, min_tokens=1)
    assert trends["n"].sum() == 3


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 4)), min_size=1, max_size=12))
def test_rates_sum_back_on_random_corpora(spec):
    dates = pd.Timestamp("2018-01-01") + pd.to_timedelta([d for d, _ in spec], unit="D")
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(spec))], "date": dates,
                         "text": [" ".join(["peace"] * k + ["talks"]) for _, k in spec]})
    table = pd.DataFrame({"doc_id": [f"d{i}" for i, (_, k) in enumerate(spec) for _ in range(k)], "term": "peace"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        trends = trend_table(table, docs, freq="W", min_tokens=1, terms=["peace"])
    assert trends["n"].sum() == sum(k for _, k in spec)
    assert trends["n_tokens"].sum() == sum(k + 1 for _, k in spec)
    rated = trends.dropna(subset=["rate"])
    np.testing.assert_allclose(rated["rate"] * rated["n_tokens"] / 10_000, rated["n"])
    assert trends.loc[trends["n_tokens"] == 0, "rate"].isna().all()


def test_docstring_examples():
    import doctest
    import importlib

    module = importlib.import_module("analysis.timeline.trends")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_word_counts_same_from_categorical_and_string_ids():
    from analysis.timeline.trends import word_counts

    tokens = pd.DataFrame({
        "doc_id": pd.Categorical(["b", "b", "a", "b", "a"], categories=["a", "b", "c"]),
        "is_punct": [False, True, False, False, True],
    })
    as_codes = word_counts(tokens)
    as_strings = word_counts(tokens.assign(doc_id=tokens["doc_id"].astype(str)))
    assert as_codes.to_dict() == {"a": 1, "b": 2, "c": 0}  # an unused category counts 0 words
    assert as_strings.reindex(as_codes.index, fill_value=0).tolist() == as_codes.tolist()
