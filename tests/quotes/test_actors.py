"""actor_table, target_table and the alias table."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.corpus import read_corpus
from analysis.errors import ParameterError
from analysis.quotes.actors import ACTOR_COLUMNS, actor_table, load_aliases
from analysis.quotes.targets import TARGET_COLUMNS, target_table


def test_alias_table_is_clean():
    aliases = load_aliases()
    assert list(aliases.columns) == ["alias", "actor", "type", "basis"]
    assert not aliases["alias"].duplicated().any()
    assert set(aliases["type"]) == {"country", "region", "organisation", "veiled"}
    assert aliases["basis"].str.len().gt(0).all()
    by_alias = aliases.set_index("alias")["actor"]
    for alias in ("US", "U.S.", "United States", "Washington", "the American side"):
        assert by_alias[alias] == "United States"
    for alias in ("China", "Beijing", "the Chinese side"):
        assert by_alias[alias] == "China"
    assert by_alias["UN"] == by_alias["United Nations"] == "United Nations"


def test_bad_alias_file(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("alias,actor,type,basis\nFoo,Foo,planet,made up\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="allowed: country, region, organisation, veiled"):
        load_aliases(path)


@pytest.fixture(scope="module")
def seed_docs(seed_path):
    return read_corpus(seed_path)


def test_seed_actors(seed_docs):
    table = actor_table(seed_docs)
    text = seed_docs["text"].iloc[0]
    assert list(table.columns) == ACTOR_COLUMNS
    assert all(text[r.start:r.end] == r.mention for r in table.itertuples())
    people = table[table["actor_type"] == "person"]
    assert set(people["actor"]) == {"Hua Chunying", "Christopher Ford"}
    assert set(people["mention"]) >= {"Ms Hua", "Mr Ford", "Mr Christopher Ford"}
    countries = table[table["actor_type"] == "country"]
    assert set(countries["actor"]) == {"China", "United States"}
    assert "the Chinese side" in set(countries["mention"])
    assert table["sent_id"].ge(0).all() and table["sent_id"].is_monotonic_increasing


def test_longest_alias_wins():
    table = actor_table("The UN Security Council met. Washington and the U.S. side agreed.")
    assert table["mention"].tolist() == ["UN Security Council", "Washington", "the U.S. side"]
    assert table["actor"].tolist() == ["UN Security Council", "United States", "United States"]
    assert actor_table("USAID and UNESCO and Chinatown.").empty  # word boundaries


def test_seed_targets(seed_docs):
    table = target_table(seed_docs, exclude_actors=("China",))
    assert list(table.columns) == TARGET_COLUMNS
    assert table["actor"].tolist() == ["United States"] * 3
    assert table["explicitness"].tolist() == ["explicit"] * 3
    assert "Hua Chunying" not in set(table["actor"])  # the speaker is not a target


def test_veiled_targets():
    text = ("We urge the relevant parties to stay calm. Some people in the United States keep hyping it. "
            "A certain country and the individual official should stop. China and Japan held talks.")
    table = target_table(text, exclude_actors=["China"])
    assert table[["target", "actor", "explicitness"]].astype(object).where(table.notna(), None).values.tolist() == [
        ["the relevant parties", None, "veiled"],
        ["Some people in the United States", "United States", "veiled"],
        ["A certain country", None, "veiled"],
        ["the individual official", None, "veiled"],
    ]
    assert "Japan" not in set(table["actor"].dropna())  # no cue in its sentence


def test_exclude_actors_must_not_be_a_str():
    with pytest.raises(ParameterError, match="list or tuple"):
        target_table("text", exclude_actors="China")


def test_empty():
    docs = pd.DataFrame({"doc_id": [], "text": []})
    assert list(actor_table(docs).columns) == ACTOR_COLUMNS
    assert list(target_table(docs).columns) == TARGET_COLUMNS
