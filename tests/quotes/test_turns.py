"""turn_table on MFA transcripts and plain documents."""

from __future__ import annotations

import re

import pytest

from analysis.corpus import read_corpus
from analysis.quotes.turns import TURN_COLUMNS, turn_table


@pytest.fixture(scope="module")
def mfa(mfa_dir):
    docs = read_corpus(mfa_dir)
    return docs, turn_table(docs)


def test_every_prefixed_paragraph_is_a_turn(mfa):
    docs, turns = mfa
    prefix = re.compile(r"(?:^|\n[ \t]*\n)\s*(Q|A)\s*[:：]")
    for row in docs.itertuples():
        prefixes = [m.group(1) for m in prefix.finditer(row.text)]
        own = turns[turns["doc_id"] == row.doc_id]
        qa = own[own["role"].isin(["press", "spokesperson"])]
        assert len(qa) == len(prefixes), row.doc_id
        assert ["Q" if r == "press" else "A" for r in qa["role"]] == prefixes


def test_turns_cover_text_in_order(mfa):
    docs, turns = mfa
    texts = dict(zip(docs["doc_id"], docs["text"]))
    assert list(turns.columns) == TURN_COLUMNS
    for doc_id, own in turns.groupby("doc_id", observed=True):
        assert (own["start"].to_numpy()[1:] >= own["end"].to_numpy()[:-1]).all()
        for row in own.itertuples():
            body = texts[doc_id][row.start:row.end]
            if row.role in ("press", "spokesperson"):
                assert body[0] == ("Q" if row.role == "press" else "A")


def test_spokesperson_named(mfa):
    docs, turns = mfa
    answers = turns[turns["role"] == "spokesperson"]
    assert answers["speaker"].notna().all()
    first = docs.iloc[0]
    assert set(answers[answers["doc_id"] == first.doc_id]["speaker"]) == {first.speaker}
    assert turns[turns["role"] == "press"]["speaker"].isna().all()


def test_narrator_turn_and_title_speaker():
    text = "Foreign Ministry Spokesperson Lu Kang's Remarks\n\nQ: A question?\n\nA: An answer.\n\nMore answer."
    turns = turn_table(text)
    assert turns["role"].tolist() == ["press", "spokesperson"]
    assert turns["speaker"].tolist()[1] == "Lu Kang"
    assert text[turns["start"].iloc[1]:turns["end"].iloc[1]] == "A: An answer.\n\nMore answer."
    plain = turn_table("  Just a speech.\n\nTwo paragraphs.  ")
    assert plain[["role", "start", "end"]].values.tolist() == [["narrator", 2, 33]]
    assert turn_table("").empty
