"""The tables after token_table on odd input, and their parameter checks.

Regression tests for the review of odd input (session 6): documents that are
empty, punctuation only, or in other scripts go through every table without a
crash or a lost document; a wrong argument is a ParameterError naming it.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from analysis.errors import AnalysisWarning, ParameterError
from analysis.overview import length_table
from analysis.quotes import actor_table, quote_table, target_table, turn_table
from analysis.terms import (
    collocation_table,
    dispersion_summary,
    dispersion_table,
    kwic_table,
    term_table,
    tfidf_table,
)
from analysis.text import sentence_table, token_table

ODD = {
    "empty": "",
    "blank": " \n\t ",
    "punct": "!!! ... ?? \u2014\u2013 \u201c\u201d",
    "marks": "Cafe\u0301 de\u0301ja\u0300 vu. The U.S. said so.",
    "emoji": "We \U0001f44d\U0001f3fd it \U0001f468\u200d\U0001f469\u200d\U0001f467. Mr. Li said yes.",
    "cjk": "中国外交部发言人表示，中方坚决反对。美方应当停止！",
    "rtl": "قال المتحدث: «إن الصين تدعم السلام».",
    "long": "x" * 50_000 + " said.",
}


@pytest.fixture(scope="module")
def odd():
    docs = pd.DataFrame({"doc_id": list(ODD), "text": list(ODD.values())})
    docs["date"] = pd.to_datetime(["2020-01-01"] * len(docs))
    return docs, token_table(docs)


def test_every_document_keeps_its_row_in_length_table(odd):
    docs, tokens = odd
    table = length_table(docs, tokens=tokens)
    assert table.doc_id.tolist() == list(ODD)
    assert table.set_index("doc_id").loc[["empty", "blank", "punct"], "n_words"].tolist() == [0, 0, 0]
    assert table.set_index("doc_id").loc["cjk", "n_sentences"] == 2


def test_term_counts_sum_to_the_non_stop_words(odd):
    _, tokens = odd
    words = tokens[~tokens.is_punct & ~tokens.is_stop]
    assert term_table(tokens)["n"].sum() == len(words)
    by_doc = term_table(tokens, by="doc_id")
    assert by_doc.groupby("group", observed=True)["n"].sum().to_dict() == words.groupby(
        "doc_id", observed=True
    ).size().loc[lambda s: s > 0].to_dict()


def test_tables_run_on_odd_and_on_empty_input(odd):
    docs, tokens = odd
    for table_docs, table_tokens in ((docs, tokens), (docs.iloc[:0], token_table(docs.iloc[:0]))):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", AnalysisWarning)
            term_table(table_tokens, ngram=(1, 3))
            term_table(table_tokens, by="date:Y", docs=table_docs)
            tfidf_table(table_tokens)
            collocation_table(table_tokens, min_count=1)
            kwic_table(table_tokens, "said", docs=table_docs)
            dispersion_table(table_tokens, ["said", "中方"])
            dispersion_summary(table_tokens, "said")
            quote_table(table_docs)
            turn_table(table_docs)
            actor_table(table_docs)
            target_table(table_docs)
            sentence_table(table_docs)


def test_kwic_slices_match_their_offsets_on_odd_text(odd):
    docs, tokens = odd
    text = dict(zip(docs.doc_id, docs.text))
    for query in ("déjà", "\U0001f44d\U0001f3fd", "中方", "الصين"):
        table = kwic_table(tokens, query, docs=docs)
        assert len(table) == 1, query
        row = table.iloc[0]
        assert text[row.doc_id][row.start : row.end] == row.match


@pytest.mark.parametrize(
    "call, pattern",
    [
        # were: no error with no mentions, TypeError otherwise
        (lambda d: actor_table(d, sentences=5), r"sentences must be None or the table of analysis\.sentence_table"),
        (lambda d: actor_table(d, sentences=pd.DataFrame({"x": [1]})), r"lacks \['doc_id', 'sent_id', 'start', 'end'\]"),
        (lambda d: target_table(d, sentences=5), r"sentences must be None"),
        # was: TypeError: 'int' object is not iterable
        (lambda d: target_table(d, exclude_actors=5), r"exclude_actors must be a list or tuple of actor names.*not 5"),
        (lambda d: target_table(d, exclude_actors=[1]), r"exclude_actors must be a list or tuple"),
        # was: TypeError: 'int' object is not subscriptable
        (lambda d: length_table(d, tokens=5), r"tokens must be None or the table of analysis\.token_table"),
        (lambda d: length_table(d, sentences="x"), r"sentences must be None or the table of analysis\.sentence_table"),
        # was: "query='' must be a word ...", naming a parameter dispersion_table does not have
        (lambda d: dispersion_table(token_table(d), ""), r"terms: '' is empty"),
        (lambda d: dispersion_summary(token_table(d), ["war", " "]), r"terms: ' ' is empty"),
    ],
)
def test_bad_arguments_are_parameter_errors_naming_the_parameter(call, pattern):
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["The US and China. Mr. Li met Ms Hua."]})
    with pytest.raises(ParameterError, match=pattern):
        call(docs)


def test_empty_results_have_the_dtypes_of_full_ones(odd):
    # were: kwic left/match/right float64, term / w1 / w2 object, length_table doc_id object
    docs, tokens = odd
    none = token_table(docs.iloc[:0])
    for make in (
        lambda d, t: term_table(t),
        lambda d, t: collocation_table(t, min_count=1),
        lambda d, t: kwic_table(t, "said", docs=d).drop(columns="doc_id"),
        lambda d, t: length_table(d, tokens=t),
    ):
        full, empty = make(docs, tokens), make(docs.iloc[:0], none)
        assert len(full) and not len(empty)
        assert empty.dtypes.astype(str).to_dict() == full.dtypes.astype(str).to_dict()


def test_a_collocation_node_of_several_han_characters_is_refused(odd):
    _, tokens = odd
    with pytest.raises(ParameterError, match=r"node='中方' is 2 tokens"):
        collocation_table(tokens, node="中方")
    assert len(collocation_table(tokens, node="中", min_count=1))


@pytest.mark.parametrize("ids", [["1", 1], [1, "1"], ["2.0", 2.0]])
@pytest.mark.parametrize("make", [token_table, sentence_table, length_table, quote_table])
def test_ids_that_print_alike_are_refused(ids, make):
    # was: doc ids "1" and 1 accepted; tables keyed by the printed id could merge them
    # (length_table once counted 4 sentences for both); now named in a ParameterError
    docs = pd.DataFrame({"doc_id": ids, "text": ["The war. War again.", "Peace now. The war ends."]})
    with pytest.raises(ParameterError, match=rf"docs\.doc_id holds {ids[0]!r} and {ids[1]!r}, which print the same"):
        make(docs)


def test_ids_of_one_type_that_look_alike_are_fine():
    docs = pd.DataFrame({"doc_id": ["1", "01", "1.0"], "text": ["A.", "B.", "C."]})
    assert token_table(docs).doc_id.cat.categories.tolist() == ["1", "01", "1.0"]
