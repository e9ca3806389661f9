"""The fast paths of quote_table agree with the slow definitions they replace."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.quotes._attribution import THAT, that_clause
from analysis.quotes._segments import Sentences, document_ends, paragraphs, sentence_around, sentence_ends

_PIECES = st.lists(st.sampled_from(["Mr. ", "U.S. ", "A. ", "He said. ", "Yes! ", "No? ", "that ", "That ", "thatch ",
                                    "x", " ", "\n\n", "\n", '"', "“", "” ", "e.g. ", "...", "Then ", "9 ", ";"]),
                   max_size=50)


@settings(max_examples=150, deadline=None)
@given(_PIECES)
def test_document_ends_give_each_paragraphs_sentence_ends(pieces):
    text = "".join(pieces)
    paras = paragraphs(text)
    ends = document_ends(text, 0, len(text))
    for p_start, p_end in paras:
        per_paragraph = sentence_ends(text, p_start, p_end)
        sentences = Sentences(text, p_start, p_end, ends)
        for position in range(p_start, p_end):
            assert sentences.around(position) == sentence_around(per_paragraph, p_start, position)


@settings(max_examples=200, deadline=None)
@given(_PIECES, st.integers(0, 40), st.integers(0, 200))
def test_that_clause_matches_the_pattern(pieces, start, length):
    text = "".join(pieces)
    start = min(start, len(text))
    end = min(len(text), start + length)
    match = THAT.match(text, start, end)
    expected = (match.start() + len(match.group("pp")), match.end()) if match else None
    assert that_clause(text, start, end) == expected
