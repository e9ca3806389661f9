"""quote_table: the seed golden table, bad input, invariants."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.corpus import read_corpus
from analysis.quotes.quotes import QUOTE_COLUMNS, quote_table

HUA = "Hua Chunying"
HUA_ROLE = "Foreign Ministry spokesman"
FORD_ROLE = "United States Assistant Secretary for International Security and Non-proliferation"


@pytest.fixture(scope="module")
def seed_quotes(seed_path):
    docs = read_corpus(seed_path)
    return docs, quote_table(docs)


def test_columns_and_dtypes(seed_quotes):
    _, table = seed_quotes
    assert list(table.columns) == QUOTE_COLUMNS
    assert str(table["start"].dtype) == "int32" and str(table["speaker_start"].dtype) == "Int32"
    assert list(table["kind"].cat.categories) == ["direct", "indirect", "mixed"]


def test_seed_golden(seed_quotes):
    """Counted by hand: 8 direct quotes (one split in two parts), 3 reported clauses."""
    docs, table = seed_quotes
    text = docs["text"].iloc[0]
    expected = [
        ('"The accusations of the US', HUA, "told", "direct", "Foreign Ministry spokesman Hua Chunying"),
        ("that China intended to evade", "Christopher Ford", "reportedly openly claimed", "indirect", "Mr Ford"),
        ('"China firmly opposes the proliferation', HUA, "said", "direct", "Ms Hua"),
        ('"Promoting military-civilian integration', HUA, "said", "direct", "Ms Hua"),
        ('"China\'s military-civilian integration development', HUA, "said", "direct", None),
        ("There is no such thing", HUA, "said", "indirect", "Ms Hua"),
        ("For many years, China and the United States", HUA, "said", "indirect", "the spokesman"),
        ('"China\'s active efforts', HUA, "said", "direct", "she"),
        ('"The US move of disregarding', HUA, "said", "direct", "Ms Hua"),
        ('"This will not serve the common interests', HUA, "said", "direct", None),
        ('"We hope that the United States', HUA, "added", "direct", "She"),
    ]
    assert len(table) == len(expected)
    assert table["quote_id"].tolist() == list(range(len(expected)))
    for row, (begins, speaker, cue, kind, phrase) in zip(table.itertuples(), expected):
        assert row.content.startswith(begins)
        assert (row.speaker, row.cue, row.kind) == (speaker, cue, kind)
        assert row.speaker_role == (FORD_ROLE if speaker == "Christopher Ford" else HUA_ROLE)
        if phrase is None:
            assert pd.isna(row.speaker_start)
        else:
            assert text[row.speaker_start:row.speaker_end] == phrase
    assert table["content"].iloc[1].endswith("great-power competition.")
    assert table["content"].iloc[5].endswith("military-civilian integration")


def test_offsets_slice(seed_quotes):
    docs, table = seed_quotes
    text = docs["text"].iloc[0]
    assert all(text[r.start:r.end] == r.content for r in table.itertuples())


@pytest.mark.parametrize("text", [
    'He said "this never closes and goes on',
    '"Open to the end of the document',
    '"Only a quote." "Another quote here." "And a third one here."',
    'She said: "He told me \'no\' and \"then\" left." Then nothing.',
    '"Unbalanced\n\nparagraph two has words," said Mr Smith.',
    '”Stray closer here” and "" empty and “ and ” alone.',
    "",
    "No quotes at all, just text.",
    "'' said '' ,,, \" \" “”",
])
def test_bad_input_does_not_crash(text):
    table = quote_table(text)
    assert list(table.columns) == QUOTE_COLUMNS
    for row in table.itertuples():
        assert text[row.start:row.end] == row.content
        assert "\n\n" not in row.content  # no quote longer than its paragraph


def test_unclosed_quote_runs_to_paragraph_end():
    text = 'Mr Li said: "We will never accept this\n\nNext paragraph.'
    table = quote_table(text)
    assert table["content"].tolist() == ['"We will never accept this']
    assert table["speaker"].tolist() == ["Li"]


def test_split_quote_and_pronoun():
    text = ('Foreign Minister Wang Yi spoke on Monday. "We are ready," said Mr Wang. '
            '"We will talk to all sides." He added that talks would resume soon.')
    table = quote_table(text)
    assert table["speaker"].tolist() == ["Wang Yi"] * 3
    assert table["kind"].tolist() == ["direct", "direct", "indirect"]
    assert table["speaker_role"].iloc[0] == "Foreign Minister"


def test_mixed_quote():
    table = quote_table('Ms Lee said that the plan was "a total disaster" for everyone involved.')
    assert table["kind"].tolist() == ["mixed"]
    assert table["content"].iloc[0].startswith("that the plan")


def test_scare_quotes_are_not_quotes():
    assert quote_table('The so-called "hawks" met the "doves" today.').empty


def test_empty_docs_table():
    docs = pd.DataFrame({"doc_id": [], "text": []})
    assert list(quote_table(docs).columns) == QUOTE_COLUMNS


def test_bad_docs_argument():
    from analysis.errors import ParameterError

    with pytest.raises(ParameterError):
        quote_table(42)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list('ab C.,"“”\'\n') + ["said ", "Mr X ", "that ", "\n\n"]), max_size=60))
def test_offsets_slice_back_property(pieces):
    text = "".join(pieces)
    table = quote_table(text)
    for row in table.itertuples():
        assert 0 <= row.start < row.end <= len(text)
        assert text[row.start:row.end] == row.content
        assert "\n\n" not in row.content.strip()


def test_first_person_in_briefing_is_the_spokesperson():
    docs = pd.DataFrame({
        "doc_id": ["briefing"],
        "title": ["Foreign Ministry Spokesperson Lu Kang's Regular Press Conference"],
        "text": [("Foreign Ministry Spokesperson Lu Kang's Regular Press Conference\n\n"
                  "Q: Can you tell us more about the talks?\n\n"
                  "A: I can tell you that the talks went well. We hope that both sides will meet again.")],
    })
    table = quote_table(docs)
    assert table["speaker"].tolist() == ["Lu Kang", "We"]  # "we" is the institution: kept as written
    assert table["cue"].tolist() == ["can tell", "hope"]
    assert table["speaker_role"].iloc[0] == "spokesperson"
    assert table["content"].tolist() == ["that the talks went well.", "that both sides will meet again."]
