"""Tests for analysis.terms.frequency: term_table and tfidf_table."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.errors import AnalysisWarning, CorpusError, ParameterError
from analysis.terms import term_table, tfidf_table

TERM_COLUMNS = ["term", "n", "per_10k", "docs", "rank"]
TFIDF_COLUMNS = ["group", "term", "n", "tf", "df", "idf", "tfidf"]

# Doc a: 9 word tokens (peace talks resume | peace talks stall the talks end), 3 punctuation.
# Doc b: 7 word tokens in two sentences with no punctuation between them.
# W = 16 word tokens in all; stopwords here: the, of.
CORPUS = {
    "a": ["Peace talks resume .", "Peace talks stall , the talks end ."],
    "b": ["The war of words ends", "Peace talks"],
}


@pytest.fixture(scope="module")
def tokens(hand_tokens):
    return hand_tokens(CORPUS)


def _rows(table: pd.DataFrame, *columns: str) -> dict:
    return {row[0]: tuple(row[1:]) for row in table[list(columns)].itertuples(index=False)}


def test_unigrams_golden(tokens):
    table = term_table(tokens)
    assert list(table.columns) == TERM_COLUMNS
    # talks: 3 in a + 1 in b; per_10k = 4 / 16 * 10_000 = 2500
    # peace: 2 + 1 = 3 -> 1875; the six others once -> 625, all tied at rank 3
    assert _rows(table, "term", "n", "per_10k", "docs", "rank") == {
        "talks": (4, 2500.0, 2, 1),
        "peace": (3, 1875.0, 2, 2),
        "end": (1, 625.0, 1, 3),
        "ends": (1, 625.0, 1, 3),
        "resume": (1, 625.0, 1, 3),
        "stall": (1, 625.0, 1, 3),
        "war": (1, 625.0, 1, 3),
        "words": (1, 625.0, 1, 3),
    }
    assert table.term.tolist()[2:] == ["end", "ends", "resume", "stall", "war", "words"]  # ties by term


def test_bigrams_stop_at_punctuation_sentences_and_stopwords(tokens):
    table = term_table(tokens, ngram=2)
    # "resume . Peace" and "stall , the" are broken by punctuation, "ends | Peace" by the
    # sentence boundary alone; "the talks", "the war", "war of", "of words" touch a stopword.
    assert _rows(table, "term", "n", "docs", "rank") == {
        "peace talks": (3, 2, 1),
        "talks end": (1, 1, 2),
        "talks resume": (1, 1, 2),
        "talks stall": (1, 1, 2),
        "words ends": (1, 1, 2),
    }
    assert table.loc[table.term == "peace talks", "per_10k"].item() == 3 / 16 * 10_000
    kept = set(term_table(tokens, ngram=2, stopwords=False).term)
    assert {"the talks", "the war", "war of", "of words"} <= kept
    assert "ends peace" not in kept and "resume peace" not in kept


def test_trigrams_keep_inner_stopwords(tokens):
    table = term_table(tokens, ngram=3)
    assert sorted(table.term) == ["peace talks resume", "peace talks stall", "war of words"]


def test_ngram_range_has_ngram_column_and_ranks_per_order(tokens):
    table = term_table(tokens, ngram=(1, 3))
    assert list(table.columns) == ["ngram"] + TERM_COLUMNS
    assert table.ngram.tolist() == sorted(table.ngram.tolist())
    assert table.groupby("ngram").n.sum().to_dict() == {1: 13, 2: 7, 3: 3}
    assert (table.groupby("ngram")["rank"].min() == 1).all()


def test_by_doc_id(tokens):
    table = term_table(tokens, by="doc_id")
    assert list(table.columns) == ["group"] + TERM_COLUMNS
    a = table[table.group == "a"]
    # a has 9 words: talks 3 / 9 * 10_000, peace 2 / 9 * 10_000
    assert _rows(a, "term", "n", "per_10k", "rank")["talks"] == (3, pytest.approx(3 / 9 * 10_000), 1)
    assert _rows(a, "term", "n", "per_10k", "rank")["peace"] == (2, pytest.approx(2 / 9 * 10_000), 2)
    b = table[table.group == "b"]
    assert set(b["rank"]) == {1} and np.allclose(b.per_10k, 1 / 7 * 10_000)
    assert table.group.tolist() == sorted(table.group.tolist())


def test_by_a_docs_column_and_a_period(tokens):
    docs = pd.DataFrame({
        "doc_id": ["a", "b"], "speaker": ["Hua Chunying", "Hua Chunying"],
        "date": pd.to_datetime(["2018-07-19", "2018-08-01"]),
    })
    by_speaker = term_table(tokens, by="speaker", docs=docs)
    overall = term_table(tokens)
    assert (by_speaker.group == "Hua Chunying").all()
    pd.testing.assert_frame_equal(by_speaker.drop(columns="group"), overall)
    by_month = term_table(tokens, by="date:M", docs=docs)
    assert [str(p) for p in by_month.group.unique()] == ["2018-07", "2018-08"]
    by_doc = term_table(tokens, by="doc_id")
    pd.testing.assert_frame_equal(by_month.drop(columns="group"), by_doc.drop(columns="group"))


def test_by_a_token_column_that_varies_within_documents(tokens):
    tokens = tokens.assign(turn=np.where((tokens.doc_id == "a") & (tokens.sent_id == 0), "Q", "A"))
    table = term_table(tokens, by="turn")
    answers = _rows(table[table.group == "A"], "term", "n", "docs")
    assert answers["talks"] == (3, 2)  # 2 in a (sentence 1) + 1 in b, in two documents
    assert answers["peace"] == (2, 2)
    assert _rows(table[table.group == "Q"], "term", "n", "docs")["talks"] == (1, 1)


def test_missing_group_values_warn_and_are_left_out(tokens):
    docs = pd.DataFrame({"doc_id": ["a", "b"], "speaker": ["Hua Chunying", None]})
    with pytest.warns(AnalysisWarning, match="7 word tokens in 1 document"):
        table = term_table(tokens, by="speaker", docs=docs)
    assert set(table.group) == {"Hua Chunying"}
    assert table.n.sum() == 9 - 1  # doc a's words minus the stopword "the"


def test_categorical_and_string_tables_agree(hand_tokens):
    plain = term_table(hand_tokens(CORPUS), ngram=(1, 3), by="doc_id")
    cat = term_table(hand_tokens(CORPUS, categorical=True), ngram=(1, 3), by="doc_id")
    pd.testing.assert_frame_equal(plain, cat, check_dtype=False)


def test_keys_too_wide_for_int64_are_recoded(hand_tokens):
    # 2**18 norm categories make 3-gram keys 54 bits, too wide beside 12 bits of document
    # codes (4096 doc_id categories), and 5-gram keys wider than int64: both get dense codes
    plain = hand_tokens(CORPUS)
    wide = plain.copy()
    filler = [f"z{i}" for i in range(2**18)]
    wide["norm"] = pd.Categorical(plain.norm, categories=sorted(set(plain.norm)) + filler)
    wide["doc_id"] = pd.Categorical(plain.doc_id, categories=["a", "b"] + filler[:4094])
    for ngram in ((1, 3), 5):
        pd.testing.assert_frame_equal(
            term_table(wide, ngram=ngram, by="doc_id", stopwords=False),
            term_table(plain, ngram=ngram, by="doc_id", stopwords=False),
        )


def test_min_count(tokens):
    assert term_table(tokens, min_count=3).term.tolist() == ["talks", "peace"]


def test_empty_table_has_the_columns(tokens):
    empty = term_table(tokens.iloc[:0], by="doc_id", ngram=(1, 2))
    assert list(empty.columns) == ["group", "ngram"] + TERM_COLUMNS and empty.empty
    assert list(tfidf_table(tokens.iloc[:0]).columns) == TFIDF_COLUMNS


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"unit": "lemma"}, "'norm', 'token', 'stem'"),
        ({"ngram": 0}, "ngram=0"),
        ({"ngram": 6}, "ngram=6"),
        ({"ngram": (3, 1)}, r"ngram=\(3, 1\)"),
        ({"ngram": True}, "ngram=True"),
        ({"ngram": "2"}, "ngram='2'"),
        ({"min_count": 0}, "min_count=0"),
        ({"stopwords": "yes"}, "stopwords='yes'"),
        ({"by": "speaker"}, "needs docs="),
        ({"by": "date:X"}, "'date:M'"),
        ({"by": "nosuch", "docs": pd.DataFrame({"doc_id": ["a"]})}, "names no column"),
    ],
)
def test_bad_options(tokens, options, message):
    with pytest.raises(ParameterError, match=message):
        term_table(tokens, **options)


def test_bad_tables(tokens):
    with pytest.raises(CorpusError, match="'is_punct'"):
        term_table(tokens.drop(columns="is_punct"))
    with pytest.raises(ParameterError, match="DataFrame"):
        term_table(["not", "a", "table"])
    with pytest.raises(ParameterError, match="by=None"):
        tfidf_table(tokens, by=None)


def test_tfidf_golden(tokens):
    table = tfidf_table(tokens)
    assert list(table.columns) == TFIDF_COLUMNS
    assert table.attrs["n_groups"] == 2
    rows = {(g, t): (n, tf, df, idf, x) for g, t, n, tf, df, idf, x in table.itertuples(index=False)}
    # talks in a: tf = 3/9, df = 2 of G = 2, idf = ln(3/3) + 1 = 1
    assert rows["a", "talks"] == pytest.approx((3, 3 / 9, 2, 1.0, 3 / 9), rel=1e-12)
    # resume in a: tf = 1/9, df = 1, idf = ln(3/2) + 1 = 1.405465108...
    assert rows["a", "resume"] == pytest.approx((1, 1 / 9, 1, 1.4054651081081644, 1.4054651081081644 / 9))
    # war in b: tf = 1/7, same idf
    assert rows["b", "war"][4] == pytest.approx((math.log(3 / 2) + 1) / 7, rel=1e-12)
    first = table[table.group == "a"]
    assert first.tfidf.tolist() == sorted(first.tfidf.tolist(), reverse=True)


def test_seed_top_bigrams(seed_tokens):
    table = term_table(seed_tokens, ngram=2)
    top = table[table["rank"] <= 3].term.tolist()
    assert "military-civilian integration" in top
    assert table.loc[table.term == "military-civilian integration", "n"].item() == 4


# -- properties ------------------------------------------------------------------

WORDS = ["peace", "talks", "war", "the", "of", ",", "."]
corpora = st.dictionaries(
    st.sampled_from(["d1", "d2", "d3"]),
    st.lists(st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join), min_size=1, max_size=4),
    min_size=1,
)


def _naive(docs: dict[str, list[str]], orders: range, stop: frozenset[str] | None) -> dict:
    """Counts by brute force: n-grams within runs of words between punctuation, per sentence."""
    n, where = Counter(), defaultdict(set)
    for doc_id, sentences in docs.items():
        for sentence in sentences:
            runs = [[]]
            for token in sentence.split():
                if any(ch.isalnum() for ch in token):
                    runs[-1].append(token)
                else:
                    runs.append([])
            for run in runs:
                for k in orders:
                    for i in range(len(run) - k + 1):
                        gram = run[i : i + k]
                        if stop and (gram[0] in stop or gram[-1] in stop):
                            continue
                        n[k, " ".join(gram)] += 1
                        where[k, " ".join(gram)].add(doc_id)
    return {key: (count, len(where[key])) for key, count in n.items()}


@settings(max_examples=60, deadline=None)
@given(docs=corpora, stopwords=st.booleans())
def test_counts_match_brute_force_and_never_cross_sentences(hand_tokens, hand_stopwords, docs, stopwords):
    table = term_table(hand_tokens(docs), ngram=(1, 3), stopwords=stopwords)
    got = {(k, t): (n, d) for k, t, n, d in table[["ngram", "term", "n", "docs"]].itertuples(index=False)}
    assert got == _naive(docs, range(1, 4), hand_stopwords if stopwords else None)


@settings(max_examples=40, deadline=None)
@given(docs=corpora)
def test_rates_sum_to_counts(hand_tokens, docs):
    tokens = hand_tokens(docs)
    table = term_table(tokens, by="doc_id", stopwords=False)
    words = tokens[~tokens.is_punct].groupby("doc_id").size()
    for group, part in table.groupby("group"):
        assert (part.per_10k * words[group] / 10_000).sum() == pytest.approx(part.n.sum(), rel=1e-12)
        assert part.n.sum() == words[group]  # with stopwords kept, unigrams are all the words


# -- order: integer codes sort as the strings do -----------------------------------

# prefixes of each other ("a", "ab", "a-b"), case, non-ASCII and digits: the joined
# terms must come out in Python's string order within each (ngram, rank)
ORDER_WORDS = ["a", "ab", "a-b", "abc", "b", "B", "é", "z", "zz", "10", "1", "ß", "a'b"]


def _check_sorted(table: pd.DataFrame) -> None:
    keys = list(zip(table["ngram"], table["rank"], table["term"]))
    assert keys == sorted(keys)
    expected = table.groupby("ngram")["n"].rank(method="min", ascending=False).astype("int64")
    assert table["rank"].tolist() == expected.tolist()


@settings(max_examples=60, deadline=None)
@given(docs=st.dictionaries(
    st.sampled_from(["d1", "d2"]),
    st.lists(st.lists(st.sampled_from(ORDER_WORDS + ["."]), max_size=10).map(" ".join), min_size=1, max_size=3),
    min_size=1,
))
def test_terms_sort_in_string_order(hand_tokens, docs):
    tokens = hand_tokens(docs)
    for frame in (tokens, tokens.astype({"norm": "category"})):
        _check_sorted(term_table(frame, ngram=(1, 3), stopwords=False))


def test_words_with_spaces_sort_as_strings(hand_tokens):
    # a unit holding spaces or control characters cannot be ordered by codes: the
    # strings are sorted, and "new york city" (1 + 2 words) still ties apart from 2-grams
    tokens = hand_tokens({"d1": ["x y x y"], "d2": ["x y x"]})
    tokens["norm"] = tokens["norm"].map({"x": "new york", "y": "a\tb"})
    table = term_table(tokens, ngram=(1, 2), stopwords=False)
    _check_sorted(table)
    assert table.term.tolist() == ["new york", "a\tb", "new york a\tb", "a\tb new york"]
    assert table.n.tolist() == [4, 3, 3, 2]


def test_term_counts_are_the_rows_of_term_table(seed_tokens):
    from analysis.terms.frequency import term_counts

    for ngram in (1, (1, 3)):
        table = term_table(seed_tokens, ngram=ngram)
        if "ngram" not in table.columns:
            table.insert(0, "ngram", 1)
        counts = term_counts(seed_tokens, ngram=ngram)
        assert counts.columns.tolist() == ["ngram", "term", "n", "docs"]
        expected = table[counts.columns].sort_values(["ngram", "term"], ignore_index=True)
        pd.testing.assert_frame_equal(counts.sort_values(["ngram", "term"], ignore_index=True), expected)
