"""timex_table's sentence ids without a sentence table (analysis.timeline._sentences) equal sentence_table's."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import read_corpus, sentence_table
from analysis.timeline import timex_table
from analysis.timeline._sentences import sentence_ids, sentence_starts


def _table_starts(texts: list[str]) -> np.ndarray:
    """Sentence starts of sentence_table, as offsets into the joined text."""
    doc_start, _ = sentence_starts(texts)
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    table = sentence_table(docs)
    return table.start.to_numpy().astype(np.int64) + doc_start[table.doc_id.cat.codes.to_numpy()]


# words, abbreviations, initials, numbers, sentence ends with closing quotes and brackets,
# and every kind of whitespace a corpus holds (spaces, tabs, line and paragraph breaks, no-break spaces)
_PIECES = st.sampled_from(
    ["the", "The", "talks", "China", "Mr.", "U.S.", "U.S", "J.", "No.", "no.", "etc.", "3.", "1.5", "Dr",
     "end.", "end?", "end!", "end.\"", "end.)", "end.'", "end.\u201d", "yes!?", "\"No.\"", "(see", "p.m.",
     "...", "a...", ".", "?", "!", "\"", ")", "'", "win-win.", "Meanwhile", "it", "In", "x" * 45 + "."]
)  # fmt: skip
_SPACES = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", "\n \n", "\t", "\u00a0", "\r\n", " \n\n "])


@st.composite
def _texts(draw):
    docs = []
    for _ in range(draw(st.integers(1, 4))):
        parts = draw(st.lists(st.tuples(_PIECES, _SPACES), max_size=25))
        lead = draw(st.sampled_from(["", " ", "\n", "\n\n"]))
        docs.append(lead + "".join(word + space for word, space in parts).rstrip(draw(st.sampled_from(["", " \n"]))))
    return docs


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts())
def test_sentence_starts_equal_sentence_table(texts):
    assert sentence_starts(texts)[1].tolist() == _table_starts(texts).tolist()


def test_sentence_starts_on_the_seed_and_shared_corpora(seed_path, mfa_dir):
    docs = pd.concat([read_corpus(seed_path), read_corpus(mfa_dir).head(150)], ignore_index=True)
    texts = docs.text.tolist()
    assert sentence_starts(texts)[1].tolist() == _table_starts(texts).tolist()


def test_timex_sent_id_with_and_without_a_sentence_table(mfa_dir):
    docs = read_corpus(mfa_dir).head(150)
    sentences = sentence_table(docs)
    alone, given_ = timex_table(docs), timex_table(docs, sentences=sentences)
    assert len(alone) > 100
    pd.testing.assert_frame_equal(alone, given_)


def test_sentence_ids_of_offsets():
    texts = ["Mr. Ford spoke. Ms Hua replied.\n\nNew paragraph here.", "", "One. Two"]
    ids = sentence_ids(texts, np.array([0, 0, 0, 0, 2, 2]), np.array([0, 16, 33, 40, 0, 5]))
    assert ids.tolist() == [0, 1, 2, 2, 0, 1]
    assert ids.dtype == np.int32
