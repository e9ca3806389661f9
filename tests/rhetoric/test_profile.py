"""marker_profile: hand-checked golden tables on a tiny corpus, invariants, errors."""

from __future__ import annotations

import doctest

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis.rhetoric.profile as profile_module
from analysis.errors import AnalysisWarning, CorpusError, ParameterError
from analysis.rhetoric.profile import CATEGORIES, marker_profile
from analysis.text import token_table

NAN = float("nan")
COLUMNS = ["group", "category", "n", "per_1k", "share", "mean_intensity", "n_negated", "n_tokens"]

# Word tokens (not punctuation): d1 10, d2 7, d3 2.
DOCS = pd.DataFrame({
    "doc_id": ["d1", "d2", "d3"],
    "speaker": ["Hua", "Geng", "Hua"],
    "date": pd.to_datetime(["2018-07-19", "2018-07-20", "2018-08-02"]),
    "text": [
        "We firmly oppose the so-called report. It is totally unfounded.",
        "We hope for win-win cooperation, not confrontation.",
        "No comment.",
    ],
})
# (doc, start, end, category, negated, intensity), offsets checked against DOCS below.
ROWS = [
    ("d1", 3, 9, "booster", False, NAN),                  # firmly
    ("d1", 3, 16, "opposition", False, 5.0),              # firmly oppose
    ("d1", 21, 30, "distanced_attribution", False, NAN),  # so-called
    ("d1", 45, 52, "booster", False, NAN),                # totally
    ("d1", 45, 62, "denial", False, 3.0),                 # totally unfounded
    ("d2", 0, 7, "appeal", False, NAN),                   # We hope
    ("d2", 12, 19, "cooperation", False, NAN),            # win-win
    ("d2", 20, 31, "cooperation", False, NAN),            # cooperation
    ("d2", 37, 50, "labelling", True, 2.0),               # (not) confrontation
]
MATCHES = ["firmly", "firmly oppose", "so-called", "totally", "totally unfounded",
           "We hope", "win-win", "cooperation", "confrontation"]


def markers(rows=ROWS) -> pd.DataFrame:
    """A marker table in marker_table's shape (categorical doc_id and category)."""
    doc, start, end, cat, neg, grade = (list(col) for col in zip(*rows)) if rows else ([],) * 6
    return pd.DataFrame({
        "doc_id": pd.Categorical(doc, categories=DOCS["doc_id"]),
        "sent_id": np.zeros(len(rows), np.int32),
        "start": np.array(start, np.int32),
        "end": np.array(end, np.int32),
        "category": pd.Categorical(cat, categories=CATEGORIES),
        "cue": "x",
        "match": [DOCS.set_index("doc_id").text[d][s:e] for d, s, e in zip(doc, start, end)],
        "negated": np.array(neg, bool),
        "speaker": None,
        "intensity": np.array(grade, float),
    })


@pytest.fixture(scope="module")
def tokens() -> pd.DataFrame:
    return token_table(DOCS)


def expected(rows: list[tuple]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=COLUMNS)
    table["category"] = table["category"].astype("str")
    return table.astype({"n": "int64", "n_negated": "int64", "n_tokens": "int64",
                         "per_1k": float, "share": float, "mean_intensity": float})


def test_hand_built_markers_slice_the_text():
    assert markers()["match"].tolist() == MATCHES


def test_golden_by_document(tokens):
    cats = ["denial", "opposition", "booster", "cooperation", "labelling"]
    got = marker_profile(markers(), DOCS, tokens=tokens, categories=cats)
    want = expected([
        ("d1", "denial", 1, 100.0, 0.25, 3.0, 0, 10),
        ("d1", "opposition", 1, 100.0, 0.25, 5.0, 0, 10),
        ("d1", "booster", 2, 200.0, 0.5, NAN, 0, 10),
        ("d1", "cooperation", 0, 0.0, 0.0, NAN, 0, 10),
        ("d1", "labelling", 0, 0.0, 0.0, NAN, 0, 10),
        ("d2", "denial", 0, 0.0, 0.0, NAN, 0, 7),
        ("d2", "opposition", 0, 0.0, 0.0, NAN, 0, 7),
        ("d2", "booster", 0, 0.0, 0.0, NAN, 0, 7),
        ("d2", "cooperation", 2, 2000 / 7, 1.0, NAN, 0, 7),
        ("d2", "labelling", 0, 0.0, 0.0, NAN, 1, 7),  # negated: counted apart
        ("d3", "denial", 0, 0.0, NAN, NAN, 0, 2),  # no markers: shares undefined
        ("d3", "opposition", 0, 0.0, NAN, NAN, 0, 2),
        ("d3", "booster", 0, 0.0, NAN, NAN, 0, 2),
        ("d3", "cooperation", 0, 0.0, NAN, NAN, 0, 2),
        ("d3", "labelling", 0, 0.0, NAN, NAN, 0, 2),
    ])
    got_plain = got.assign(group=got["group"].astype(object))
    pd.testing.assert_frame_equal(got_plain, want.assign(group=want["group"].astype(object)))
    assert got.attrs == {"by": "doc_id", "negated": "separate", "categories": cats}
    # same table when the token table is made inside
    pd.testing.assert_frame_equal(marker_profile(markers(), DOCS, categories=cats), got)


def test_golden_by_speaker_and_negated_included(tokens):
    got = marker_profile(markers(), DOCS, tokens=tokens, by="speaker",
                         categories="labelling, cooperation", negated="include")
    want = expected([
        ("Geng", "labelling", 1, 1000 / 7, 1 / 3, 2.0, 1, 7),
        ("Geng", "cooperation", 2, 2000 / 7, 2 / 3, NAN, 0, 7),
        ("Hua", "labelling", 0, 0.0, NAN, NAN, 0, 12),
        ("Hua", "cooperation", 0, 0.0, NAN, NAN, 0, 12),
    ])
    got = got.assign(group=got["group"].astype(object))
    pd.testing.assert_frame_equal(got, want.assign(group=want["group"].astype(object)))


def test_every_category_gets_a_row_and_periods_group(tokens):
    got = marker_profile(markers(), DOCS, tokens=tokens, by="date:M")
    assert got.columns.tolist() == COLUMNS
    assert len(got) == 2 * len(CATEGORIES)
    assert got["category"].tolist() == list(CATEGORIES) * 2
    assert [str(g) for g in got["group"].unique()] == ["2018-07", "2018-08"]
    july = got[got["group"].astype(str) == "2018-07"].set_index("category")
    assert july.loc["booster", "n"] == 2 and july.loc["booster", "n_tokens"] == 17
    assert july.loc["appeal", "per_1k"] == pytest.approx(1000 / 17)
    assert july["share"].sum() == pytest.approx(1.0)


def test_one_group_and_empty_markers(tokens):
    total = marker_profile(markers(), DOCS, tokens=tokens, by=None)
    assert set(total["group"]) == {"all"} and total["n_tokens"].eq(19).all()
    assert total["n"].sum() == 8 and total["n_negated"].sum() == 1
    empty = marker_profile(markers([]), DOCS, tokens=tokens)
    assert len(empty) == 3 * len(CATEGORIES)
    assert empty["n"].eq(0).all() and empty["share"].isna().all() and empty["per_1k"].eq(0).all()


def test_plain_marker_table_of_another_lexicon(tokens):
    plain = markers().assign(category=["mine"] * 5 + ["yours"] * 4, negated=False)
    got = marker_profile(plain, DOCS, tokens=tokens)
    assert got["category"].unique().tolist() == ["mine", "yours"]
    assert got.set_index(["group", "category"]).loc[("d2", "yours"), "n"] == 4


def test_missing_group_value_warns_and_leaves_the_document_out(tokens):
    docs = DOCS.assign(speaker=["Hua", None, "Hua"])
    with pytest.warns(AnalysisWarning, match="speaker"):
        got = marker_profile(markers(), docs, tokens=tokens, by="speaker", categories=["cooperation"])
    assert got["group"].tolist() == ["Hua"] and got["n"].tolist() == [0]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(range(len(ROWS))), st.booleans(),
                          st.sampled_from(CATEGORIES)), max_size=30),
       st.sampled_from(["doc_id", "speaker", "date:M", None]))
def test_rates_sum_back_to_counts(tokens, picks, by):
    rows = [ROWS[i][:3] + (cat, neg, ROWS[i][5]) for i, neg, cat in picks]
    table = marker_profile(markers(rows), DOCS, tokens=tokens, by=by)
    assert table["n"].sum() == sum(not neg for _, neg, _ in picks)
    assert table["n_negated"].sum() == sum(neg for _, neg, _ in picks)
    np.testing.assert_allclose(table["per_1k"] * table["n_tokens"] / 1000, table["n"])
    shares = table.groupby(table["group"].astype(str))["share"].sum(min_count=1).dropna()
    np.testing.assert_allclose(shares, 1.0)


@pytest.mark.parametrize(("options", "message"), [
    ({"by": "region"}, "names no column of docs"),
    ({"by": "date:X"}, "unknown period"),
    ({"categories": ["denail"]}, "unknown category 'denail'; use some of denial, opposition"),
    ({"categories": []}, "categories is empty"),
    ({"negated": "drop"}, "negated='drop' is not allowed; use one of 'separate', 'include'"),
])
def test_bad_options_name_the_allowed_values(tokens, options, message):
    with pytest.raises(ParameterError, match=message):
        marker_profile(markers(), DOCS, tokens=tokens, **options)


def test_bad_tables(tokens):
    with pytest.raises(CorpusError, match="markers lacks column"):
        marker_profile(markers().drop(columns="negated"), DOCS, tokens=tokens)
    other = markers().assign(doc_id=["zz"] * len(ROWS))
    with pytest.raises(CorpusError, match="'zz'"):
        marker_profile(other, DOCS, tokens=tokens)


def test_docstring_example():
    result = doctest.testmod(profile_module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
