"""Tests for analysis.terms.kwic: kwic_table."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.errors import ParameterError
from analysis.terms import kwic_table

COLUMNS = ["doc_id", "sent_id", "start", "end", "left", "match", "right"]


def _slices_back(table: pd.DataFrame, docs: pd.DataFrame) -> None:
    texts = docs.set_index("doc_id").text
    for row in table.itertuples(index=False):
        text = texts[row.doc_id]
        assert text[row.start : row.end] == row.match
        assert text[row.start - len(row.left) : row.end + len(row.right)] == row.left + row.match + row.right


def test_seed_phrase(seed_docs):
    table = kwic_table(seed_docs, "Cold War mentality")
    assert list(table.columns) == COLUMNS
    assert len(table) == 1
    text = seed_docs.text.iloc[0]
    start = text.index("Cold War mentality")  # the only occurrence, in the last paragraph
    assert (table.start.item(), table.end.item()) == (start, start + 18) == (3029, 3047)
    assert table.match.item() == "Cold War mentality"
    assert table.left.item().endswith("discard its outdated ")
    assert table.right.item().startswith(" and view relevant issues")
    assert table.sent_id.item() == 15  # the 16th and last sentence
    _slices_back(table, seed_docs)


def test_seed_globs(seed_docs):
    refut = kwic_table(seed_docs, "refut*")
    assert refut.match.tolist() == ["refuted"] and refut.start.item() == 74
    civilian = kwic_table(seed_docs, "*-civilian integration")
    assert civilian.match.tolist() == ["military-civilian integration"] * 4
    _slices_back(civilian, seed_docs)


def test_regex_queries(seed_docs):
    text = seed_docs.text.iloc[0]
    found = kwic_table(seed_docs, "re:non-prolif\\w+", window=3)
    assert found.start.tolist() == [m.start() for m in re.finditer("non-prolif\\w+", text)]
    assert len(found) == 6  # the regex is case-sensitive: "Non-proliferation" in Ford's title is not found
    compiled = kwic_table(seed_docs, re.compile(r"cold\s+war", re.IGNORECASE))
    assert compiled.match.tolist() == ["Cold War"]
    _slices_back(found, seed_docs)


def test_token_table_with_docs_matches_docs(seed_docs, seed_tokens):
    pd.testing.assert_frame_equal(
        kwic_table(seed_tokens, "integration", docs=seed_docs), kwic_table(seed_docs, "integration")
    )


def test_context_window_golden(hand_tokens, hand_docs):
    corpus = {"d": ["We reject the Cold War mentality , and zero-sum games .", "Cold War ends"]}
    tokens, docs = hand_tokens(corpus), hand_docs(corpus)
    table = kwic_table(tokens, "cold war", window=2, docs=docs)
    assert table.match.tolist() == ["Cold War", "Cold War"]
    # two word tokens each side, punctuation kept but not counted; the context crosses sentences
    assert table.left.tolist() == ["reject the ", "zero-sum games . "]
    assert table.right.tolist() == [" mentality , and", " ends"]
    assert table.sent_id.tolist() == [0, 1]
    none = kwic_table(tokens, "cold war", window=0, docs=docs)
    assert set(none.left) == {""} and set(none.right) == {""}
    _slices_back(table, docs)


def test_no_match_is_an_empty_table(seed_docs):
    for query in ("no such words", "zzz*", "re:zzz+"):
        table = kwic_table(seed_docs, query)
        assert table.empty and list(table.columns) == COLUMNS


def test_bad_input(seed_docs, seed_tokens):
    with pytest.raises(ParameterError, match="docs="):
        kwic_table(seed_tokens, "integration")
    with pytest.raises(ParameterError, match="must be a word"):
        kwic_table(seed_docs, "   ")
    with pytest.raises(ParameterError, match="must be a word"):
        kwic_table(seed_docs, ["integration"])
    with pytest.raises(ParameterError, match="not a valid regular expression"):
        kwic_table(seed_docs, "re:(unclosed")
    with pytest.raises(ParameterError, match="'norm', 'token', 'stem'"):
        kwic_table(seed_docs, "integration", unit="lemma")
    with pytest.raises(ParameterError, match="docs table"):
        kwic_table(pd.DataFrame({"x": [1]}), "integration")


WORDS = ["peace", "Talks", "war", "the", ",", ".", "\n\n", "win-win"]


@settings(max_examples=30, deadline=None)
@given(
    texts=st.lists(st.lists(st.sampled_from(WORDS), max_size=20).map(" ".join), min_size=1, max_size=3),
    query=st.sampled_from(["peace", "talks", "win-*", "peace talks", "re:a\\w", "re:\\s+war"]),
    window=st.integers(0, 4),
)
def test_offsets_slice_back(texts, query, window):
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    table = kwic_table(docs, query, window=window)
    _slices_back(table, docs)
    if not query.startswith("re:"):
        tokens = analysis.token_table(docs)
        first = query.split()[0].rstrip("*")
        hits = tokens.norm.astype(str).str.startswith(first.lower())
        assert len(table) <= hits.sum()
