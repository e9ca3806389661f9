"""Tests of analysis/rhetoric/lexicon.py: the file format, its errors, the shipped lexicon."""

from __future__ import annotations

import math

import pytest

from analysis.errors import AnalysisError
from analysis.rhetoric import (
    Lexicon,
    LexiconError,
    load_lexicon,
    marker_table,
    shipped_lexicons,
)
from analysis.rhetoric.lexicon import COLUMNS, parse_cue

CATEGORIES = {
    "denial", "opposition", "accusation", "labelling", "distanced_attribution", "neutral_attribution",
    "booster", "hedge", "consensus", "counter_accusation", "cooperation", "appeal",
}  # fmt: skip
HEADER = "category,cue,weight,grade,window,needs_before,needs_after,not_before,not_after,note,source\n"


def write(tmp_path, body: str, header: str = HEADER):
    path = tmp_path / "mine.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_shipped_lexicon_has_the_twelve_categories_with_15_cues_each():
    lex = load_lexicon("diplomatic")
    counts = lex.entries["category"].value_counts()
    assert set(counts.index) == CATEGORIES
    assert counts.min() >= 15
    assert list(lex.entries.columns) == list(COLUMNS)
    assert (lex.entries["source"] != "").all() and (lex.entries["cue"] != "").all()
    assert (lex.entries["note"] != "").all()  # every cue says what it catches
    rules = ["category", "cue", "kind", "window", "needs_before", "needs_after", "not_before", "not_after"]
    assert not lex.entries.duplicated(rules).any()  # a cue twice in a category only with different rules
    assert shipped_lexicons() == ["diplomatic"]


def test_shipped_lexicon_entries_have_documented_dtypes():
    e = load_lexicon("diplomatic").entries
    assert e["weight"].dtype == float and e["grade"].dtype == float
    assert e["window"].dtype.kind == "i" and e["line"].dtype.kind == "i"
    assert set(e["kind"]) <= {"words", "glob", "regex", "gap"}


def test_opposition_grades_follow_the_stance_scale():
    e = load_lexicon("diplomatic").entries.set_index("cue")
    grade = e["grade"]
    assert grade["regret*"] < grade["concerned"] < grade["dissatisf*"] < grade["oppose"] < grade["condemn*"]
    assert math.isnan(grade["so-called"])


def test_unknown_name_lists_the_shipped_lexicons():
    with pytest.raises(LexiconError, match="shipped lexicons: diplomatic"):
        load_lexicon("diplomatik")


def test_errors_belong_to_the_analysis_family():
    assert issubclass(LexiconError, AnalysisError)


@pytest.mark.parametrize(
    "body, problem",
    [
        ("denial,/([a-z/,,,,,,,,,\n", "invalid regular expression"),
        ("denial,,,,,,,,,,\n", "empty cue"),
        ("denial,   ,,,,,,,,,\n", "empty cue"),
        ("denial,groundless,heavy,,,,,,,,\n", "weight='heavy' is not a number"),
        ("Denial Moves,groundless,,,,,,,,,\n", "lower-case identifier"),
        ("denial,groundless,,,0,,,,,,\n", "window"),
        ("denial,groundless,,,,/(x/,,,,,\n", "needs_before: invalid regular expression"),
        ("denial,~2 lies,,,,,,,,,\n", "gap"),
        ("denial,groundless,,,,,,,,,,,\n", "fields but the header has"),
    ],
)
def test_bad_lines_raise_lexicon_error_naming_file_and_line(tmp_path, body, problem):
    path = write(tmp_path, "# a comment\n\n" + body)
    with pytest.raises(LexiconError, match=problem) as info:
        load_lexicon(path)
    assert f"{path}, line 4" in str(info.value)


def test_if_negated_column_is_keep_or_drop(tmp_path):
    header = HEADER.rstrip("\n") + ",if_negated\n"
    lex = load_lexicon(write(tmp_path, "accusation,bully*,,,,,,,,,,drop\naccusation,smear*,,,,,,,,,,\n", header=header))
    assert lex.entries["if_negated"].tolist() == ["drop", "keep"]  # empty means keep
    with pytest.raises(LexiconError, match=r"line 2: if_negated='ignore'; allowed: keep, drop") as info:
        load_lexicon(write(tmp_path, "accusation,bully*,,,,,,,,,,ignore\n", header=header))
    assert "mine.csv" in str(info.value)
    assert load_lexicon(write(tmp_path, "threat,red line*\n", header="category,cue\n")).entries["if_negated"].tolist() == ["keep"]


def test_shipped_accusations_are_dropped_under_negation():
    e = load_lexicon("diplomatic").entries
    assert (e.loc[e["category"] == "accusation", "if_negated"] == "drop").all()
    dropped_labels = set(e.loc[(e["category"] == "labelling") & (e["if_negated"] == "drop"), "cue"])
    assert "ulterior motive*" in dropped_labels and "irresponsible" not in dropped_labels
    assert (e.loc[~e["category"].isin(["accusation", "labelling"]), "if_negated"] == "keep").all()


def test_declared_category_without_cues_is_an_error(tmp_path):
    path = write(tmp_path, "denial,groundless,,,,,,,,,\n# category: hedge\n")
    with pytest.raises(LexiconError, match=r"line 3: category 'hedge' is declared but has no cues"):
        load_lexicon(path)


def test_bad_header_and_empty_files(tmp_path):
    with pytest.raises(LexiconError, match="unknown column"):
        load_lexicon(write(tmp_path, "denial,x\n", header="category,cue,colour\n"))
    with pytest.raises(LexiconError, match="lacks"):
        load_lexicon(write(tmp_path, "denial\n", header="category\n"))
    with pytest.raises(LexiconError, match="no cues"):
        load_lexicon(write(tmp_path, "", header=HEADER))
    with pytest.raises(LexiconError, match="no header"):
        load_lexicon(write(tmp_path, "", header="# only a comment\n"))


def test_minimal_file_needs_only_category_and_cue(tmp_path):
    lex = load_lexicon(write(tmp_path, "threat,red line*\n", header="category,cue\n"))
    row = lex.entries.iloc[0]
    assert (row["category"], row["cue"], row["kind"], row["weight"], row["window"]) == ("threat", "red line*", "glob", 1.0, 1)
    assert math.isnan(row["grade"])


def test_users_extend_the_shipped_lexicon(tmp_path):
    path = write(tmp_path, "threat,red line*,my note\n", header="category,cue,note\n")
    both = load_lexicon(["diplomatic", path])
    assert both.categories[-1] == "threat" and len(both) == len(load_lexicon("diplomatic")) + 1
    assert isinstance(load_lexicon("diplomatic").extend(path), Lexicon)
    m = marker_table("Crossing our red lines is groundless.", lexicon=both)
    assert set(m["category"]) == {"threat", "denial"}
    with pytest.raises(LexiconError, match="empty"):
        load_lexicon([])


def test_parse_cue_kinds():
    assert parse_cue("Refut*") == [("glob", "refut.*")]
    assert parse_cue("so-called") == [("word", "so-called")]
    assert parse_cue("urge ~2 to") == [("word", "urge"), ("gap", "2"), ("word", "to")]
    assert parse_cue("/unfound(ed)?/") == [("regex", "unfound(ed)?")]
    assert parse_cue("\u201cWin-win\u201d") == [("word", '"'), ("word", "win-win"), ("word", '"')]
    with pytest.raises(ValueError, match="empty"):
        parse_cue(" ")
