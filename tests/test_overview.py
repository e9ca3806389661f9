"""length_table: per-document counts agree with the sentence and token tables."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import read_corpus, sentence_table, token_table
from analysis.errors import ParameterError
from analysis.overview import length_table


def test_seed_lengths_are_hand_checked(seed_path):
    docs = read_corpus(seed_path)
    table = length_table(docs)
    assert list(table.columns) == [
        "doc_id", "n_chars", "n_sentences", "n_tokens", "n_words", "mean_sentence_length"
    ]
    row = table.iloc[0]
    assert row.doc_id == "000_bc67b9ca0fc0fcf9"
    assert row.n_sentences == 16  # counted by hand, see seeds/README.md
    assert row.n_chars == len(docs.text[0])
    tokens = token_table(docs)
    assert row.n_tokens == len(tokens)
    assert row.n_words == int((~tokens.is_punct).sum())
    assert row.mean_sentence_length == round(row.n_words / 16, 1)


def test_tiny_corpus_with_an_empty_document():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Mr. Ford spoke. China disagreed!", ""]})
    table = length_table(docs)
    assert table.n_sentences.tolist() == [2, 0]
    # Mr . Ford spoke . China disagreed !  -> 8 tokens, 5 words
    assert table.n_tokens.tolist() == [8, 0]
    assert table.n_words.tolist() == [5, 0]
    assert table.mean_sentence_length.iloc[0] == 2.5
    assert pd.isna(table.mean_sentence_length.iloc[1])


def test_given_tables_are_used_as_they_are():
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["One. Two."]})
    sentences = sentence_table(docs)
    tokens = token_table(docs, sentences=sentences)
    assert length_table(docs, sentences=sentences, tokens=tokens).equals(length_table(docs))


def test_docs_without_text_column_is_a_parameter_error():
    with pytest.raises(ParameterError, match=r"docs needs columns \['text'\]"):
        length_table(pd.DataFrame({"doc_id": ["a"]}))
