"""quote_table's attribution rules beyond the seed: noun-phrase objects, pronoun and
appositive speakers, fronted adverbials, documents as sources, transcript labels."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.quotes.quotes import quote_table


def _rows(text: str) -> list[tuple]:
    table = quote_table(text)
    return [(row.content, row.speaker, row.cue, row.kind,
             None if pd.isna(row.speaker_start) else text[row.speaker_start:row.speaker_end])
            for row in table.itertuples()]


@pytest.mark.parametrize(("text", "expected"), [
    # a verb of communication or judgment: its object is what was said or judged
    ("Trump has often cited improving mental health services for veterans as a top priority.",
     ("improving mental health services for veterans as a top priority.", "Trump", "has often cited")),
    ("Democrats question the cost of the new border wall.",
     ("the cost of the new border wall.", "Democrats", "question")),
    ("Delegates questioned how Cruz could turn back on a pledge to support the nominee.",
     ("how Cruz could turn back on a pledge to support the nominee.", "Delegates", "questioned")),
    # a commissive or volitional verb with an infinitive
    ("Mr. McKinley hopes to offset all of the expected emissions with pollution credits.",
     ("to offset all of the expected emissions with pollution credits.", "McKinley", "hopes")),
    # a document or a measurement as the source of an evidential verb
    ("Polls show a close contest in the state of Ohio.", ("a close contest in the state of Ohio.", "Polls", "show")),
    # a pronoun subject: 'it', and a relative pronoun naming its antecedent
    ("The city sent a letter on Thursday. It says the campaign violated federal and state law.",
     ("the campaign violated federal and state law.", "It", "says")),
])
def test_indirect_rules(text, expected):
    rows = _rows(text)
    assert [(content, speaker, cue) for content, speaker, cue, _, _ in rows] == [expected]
    assert rows[0][3] == "indirect"


def test_bare_base_form_is_a_noun_unless_the_subject_is_plural():
    assert quote_table("A big question remains about the future of the agreement.").empty
    assert quote_table("The economy shows a steady recovery in the second quarter.").empty  # not a document


def test_relative_pronoun_is_the_source_phrase():
    text = "The plan drew fire from Senator Warren, who has argued that it helps the rich."
    assert _rows(text) == [("that it helps the rich.", "Warren", "has argued", "indirect", "who")]


@pytest.mark.parametrize(("text", "speaker", "phrase"), [
    ("Sen. David Perdue (R-Ga.) said he did not believe those characterizations.",
     "David Perdue", "David Perdue (R-Ga.)"),
    ("Sanders on Tuesday said he wants to attack four provisions in the tax code.", "Sanders", "Sanders"),
    ("A lawyer for the news outlets, David Schulz, said the decision would come soon.",
     "David Schulz", "A lawyer for the news outlets, David Schulz"),
    ("During a speech on Monday, Trump attacked Clinton for her record, saying she was unfit to serve.",
     "Trump", "Trump"),
    ("The stations were closed in 2005, said Jeffrey N. Trimble, a senior official with the board.",
     "Jeffrey N. Trimble", "Jeffrey N. Trimble"),
    ("Our assumption is that the veto will be overridden, Senate Majority Leader Mitch McConnell said Tuesday.",
     "Mitch McConnell", "Senate Majority Leader Mitch McConnell"),
])
def test_speaker_phrases(text, speaker, phrase):
    rows = _rows(text)
    assert len(rows) == 1
    assert (rows[0][1], rows[0][4]) == (speaker, phrase)


@pytest.mark.parametrize(("text", "speaker", "phrase"), [
    ('"It was the least bad outcome," Mr. Morgan of the Sierra Club said.', "Morgan",
     "Mr. Morgan of the Sierra Club"),
    ('"It is an invasion of the state regulatory domain," Scott Pruitt, the attorney general of Oklahoma, '
     "said at an event.", "Scott Pruitt", "Scott Pruitt"),
    ('"And that is why Donald Trump is on his way to the White House," Pence said Tuesday.', "Pence", "Pence"),
])
def test_direct_speaker_after_the_quote(text, speaker, phrase):
    rows = _rows(text)
    assert [(r[1], r[3], r[4]) for r in rows] == [(speaker, "direct", phrase)]


def test_transcript_label_names_the_speaker():
    rows = _rows('"PENCE: And that is why Donald Trump is on his way to the White House."')
    assert [(r[1], r[4]) for r in rows] == [("PENCE", "PENCE")]
    assert pd.isna(rows[0][2])  # no reporting verb
