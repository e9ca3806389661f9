"""Tests of analysis/rhetoric/_scope.py: clause-level negation scope (cues with if_negated=drop)."""

from __future__ import annotations

import pytest

from analysis.rhetoric import load_lexicon, marker_table
from analysis.rhetoric._scope import SECTIONS, scope_words

# (text, category, expected matches): hand-made sentences. A loaded word in the
# scope of a negated predicate of its own clause is self-defence, not an
# accusation of the other side; everywhere else the accusation stands.
CASES = [
    # in scope: dropped
    ("China does not seek hegemony.", "accusation", []),
    ("China has never interfered in the internal affairs of other countries.", "accusation", []),
    ("China will never bully small countries.", "accusation", []),
    ("We are not interested in interfering in US domestic affairs.", "accusation", []),
    ("Our aid harbors no ulterior motives.", "labelling", []),
    ("We help Africa without interfering in its internal affairs.", "accusation", []),
    ("China doesn't attach any political strings or interfere in their domestic affairs.", "accusation", []),
    # not in scope: kept
    ("The US is bullying small countries.", "accusation", ["bullying"]),
    ("We will never accept any form of blackmail.", "accusation", ["blackmail"]),  # refusal of the other's act
    ("Taiwan affairs brook no foreign interference.", "accusation", ["interference"]),
    ("The US should not interfere in China's internal affairs.", "accusation",
     ["interfere", "internal affairs"]),  # a demand
    ("We urge the US not to interfere in China's internal affairs.", "accusation", ["interfere", "internal affairs"]),
    ("I don't think others should interfere in China's relations.", "accusation", ["interfere"]),
    ("The US has no right to interfere in China's internal affairs.", "accusation",
     ["interfere", "internal affairs"]),  # a deontic denial forbids
    ("China has no intention to interfere in the internal affairs of others.", "accusation", []),
    ("It is nothing but blame-shifting.", "accusation", ["blame-shifting"]),  # equates, negates nothing
    ("The US is not only bullying others but also smearing China.", "accusation", ["bullying", "smearing"]),
    ("China will never be intimidated by such bullying.", "accusation", ["intimidated", "bullying"]),  # passive
    ("Doesn't this constitute interference?", "accusation", ["interference"]),  # a negative question asserts
    ("We have no evidence, but the US is bullying us.", "accusation", ["bullying"]),  # clause boundary
    ("China does not interfere, while the US meddles everywhere.", "accusation", ["meddles"]),
    ("It has left no stone unturned to suppress Huawei.", "accusation", ["suppress"]),
    ("They have not ceased to bully their neighbours.", "accusation", ["bully"]),  # ceasing negated: the act goes on
    ("Nauru is making a fuss out of nothing by accusing China of bullying.", "accusation", ["bullying"]),
    ("He is not irresponsible.", "labelling", ["irresponsible"]),  # labelling cues keep by default
    # "no" + cue + auxiliary: the cue is the clause's subject, its act presupposed
    ("No intimidation will work on us.", "accusation", ["intimidation"]),
    ("Make sure that no wrong signal is sent to the separatists.", "accusation", ["wrong signal"]),
    ("China pursues no interference in African countries' internal affairs.", "accusation", []),
    ("There has been no interference.", "accusation", []),
]


@pytest.mark.parametrize(("text", "category", "expected"), CASES)
def test_negated_clause_scope(text, category, expected):
    m = marker_table(text, speakers=False)
    assert m.loc[m["category"] == category, "match"].tolist() == expected


def test_scope_is_set_per_cue_in_the_lexicon(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("category,cue,if_negated\nthreat,red line*,drop\nthreat,ultimatum,\n", encoding="utf-8")
    m = marker_table("We do not draw red lines. We did not issue an ultimatum.", lexicon=path, speakers=False)
    assert m["match"].tolist() == ["ultimatum"]  # keep (the default) only flags `negated`
    assert m["negated"].tolist() == [True]


def test_the_scope_stops_at_the_sentence_and_the_window():
    far = "China has never, as everyone knows, been bullying anyone."
    assert marker_table(far, speakers=False)["match"].tolist() == ["bullying"]  # a comma closes the clause
    two = "China has never done that. The US is bullying us."
    assert "bullying" in marker_table(two, speakers=False)["match"].tolist()
    long = "China has never in all these long years of steady patient hard work been bullying anyone."
    assert "bullying" in marker_table(long, speakers=False)["match"].tolist()  # beyond the 8-token window


def test_scope_data_file_has_every_section():
    words = scope_words()
    assert set(words) == set(SECTIONS)
    assert all(words[name] for name in SECTIONS)
    assert "but" in words["boundary"] and "not only" in words["not_negation"]


def test_empty_and_negator_only_texts():
    assert marker_table("", speakers=False).empty
    assert marker_table("Not. Never! No?", speakers=False).empty
    lex = load_lexicon("diplomatic")
    assert len(marker_table("No interference.", lexicon=lex, speakers=False)) == 0
