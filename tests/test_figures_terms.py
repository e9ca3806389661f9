"""plot_terms, plot_keyness, plot_dispersion, plot_collocations: Axes in, Axes out, bars match tables."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes

from analysis.errors import ParameterError
from analysis.figures import (
    plot_collocations,
    plot_dispersion,
    plot_keyness,
    plot_terms,
)
from analysis.terms import (
    collocation_table,
    dispersion_table,
    keyness_table,
    term_table,
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def tokens() -> pd.DataFrame:
    words = {
        "a": ["cold", "war", "mentality", ".", "the", "cold", "war", "ended", ".",
              "peace", "talks", "resumed", ".", "peace", "talks"],
        "b": ["export", "control", "policy", ".", "export", "control", "and", "peace", ".",
              "trade", "talks"],
    }
    rows = []
    for doc, items in words.items():
        sent = 0
        for i, w in enumerate(items):
            rows.append({"doc_id": doc, "sent_id": sent, "token_id": i, "norm": w,
                         "is_stop": w in {"the", "and"}, "is_punct": w == "."})
            sent += w == "."
    return pd.DataFrame(rows)


def labels(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def widths(ax: Axes) -> list[float]:
    return [p.get_width() for p in ax.patches]


# ------------------------------------------------------------------ plot_terms


def test_plot_terms_draws_top_terms_on_the_given_axes(tokens):
    table = term_table(tokens)
    fig, ax = plt.subplots()
    assert plot_terms(table, ax=ax, top_n=3) is ax
    assert plt.get_fignums() == [fig.number]
    top = table.sort_values("n", ascending=False, kind="stable").head(3)
    assert labels(ax) == top["term"].tolist()[::-1]  # most frequent at the top
    assert widths(ax) == top["n"].tolist()[::-1]


def test_plot_terms_makes_axes_and_uses_per_10k(tokens):
    table = term_table(tokens, ngram=2)
    ax = plot_terms(table, measure="per_10k")
    assert isinstance(ax, Axes)
    assert len(ax.patches) == len(table)
    assert sorted(widths(ax)) == pytest.approx(sorted(table["per_10k"]))
    assert "10,000" in ax.get_xlabel()


def test_plot_terms_facets_one_block_per_group(tokens):
    table = term_table(tokens, by="doc_id")
    ax = plot_terms(table, top_n=2)
    assert len(ax.patches) == 4
    heads = [t.get_text().strip() for t in ax.texts]
    assert heads == ["b", "a"]  # drawn bottom-up; the first group is at the top
    assert labels(ax)[-2:] == table[table.group == "a"].head(2)["term"].tolist()[::-1]


def test_plot_terms_selects_a_group_and_an_ngram(tokens):
    table = term_table(tokens, by="doc_id", ngram=(1, 2))
    ax = plot_terms(table, group="b", ngram=2, top_n=10)
    expected = table[(table.group == "b") & (table.ngram == 2)]
    assert sorted(labels(ax)) == sorted(expected["term"])
    assert "2-grams" in ax.get_xlabel()


def test_plot_terms_empty_table_draws_a_note(tokens):
    ax = plot_terms(term_table(tokens).head(0))
    assert len(ax.patches) == 0
    assert "no terms" in ax.texts[0].get_text()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"measure": "tfidf"}, "'n', 'per_10k'"),
        ({"top_n": 0}, "top_n"),
        ({"group": "a"}, "grouped table"),
        ({"ngram": 2}, "ngram"),
    ],
)
def test_plot_terms_rejects_bad_options(tokens, kwargs, message):
    with pytest.raises(ParameterError, match=message):
        plot_terms(term_table(tokens), **kwargs)


def test_plot_terms_rejects_unknown_group_and_wrong_table(tokens):
    with pytest.raises(ParameterError, match="not in the table"):
        plot_terms(term_table(tokens, by="doc_id"), group="zz")
    with pytest.raises(ParameterError, match="term_table"):
        plot_terms(pd.DataFrame({"word": ["x"], "n": [1]}))
    with pytest.raises(ParameterError, match="DataFrame"):
        plot_terms([("war", 3)])


# ------------------------------------------------------------------ plot_keyness


@pytest.fixture(scope="module")
def keyness(tokens) -> pd.DataFrame:
    return keyness_table(tokens[tokens.doc_id == "a"], tokens[tokens.doc_id == "b"], min_count=1)


def test_plot_keyness_over_use_right_under_use_left(keyness):
    _, ax = plt.subplots()
    assert plot_keyness(keyness, ax=ax) is ax
    drawn = dict(zip(labels(ax), widths(ax)))
    assert set(drawn) == set(keyness["term"])
    for row in keyness.itertuples():
        assert drawn[row.term] == pytest.approx(row.log_ratio)
    over = keyness[keyness.direction == "over"]
    assert labels(ax)[-1] == over.sort_values("log_ratio", ascending=False)["term"].iloc[0]
    assert "Log Ratio" in ax.get_xlabel()


def test_plot_keyness_g2_is_signed_by_direction(keyness):
    ax = plot_keyness(keyness, measure="g2", top_n=2)
    drawn = dict(zip(labels(ax), widths(ax)))
    assert len(drawn) == min(2, (keyness.direction == "over").sum()) + min(2, (keyness.direction == "under").sum())
    for term, width in drawn.items():
        row = keyness.set_index("term").loc[term]
        assert width == pytest.approx(row.g2 if row.direction == "over" else -row.g2)
    assert "Dunning" in ax.get_xlabel()


def test_plot_keyness_names_the_rayson_form(tokens):
    table = keyness_table(tokens[tokens.doc_id == "a"], tokens[tokens.doc_id == "b"], min_count=1, g2="rayson")
    assert "Rayson" in plot_keyness(table, measure="g2").get_xlabel()


def test_plot_keyness_filters_by_p_value(keyness):
    ax = plot_keyness(keyness, max_p=0.5)
    assert set(labels(ax)) == set(keyness.loc[keyness.p_value <= 0.5, "term"])


@pytest.mark.parametrize(
    "kwargs, message",
    [({"measure": "pct_diff"}, "'log_ratio', 'g2'"), ({"top_n": -1}, "top_n"), ({"max_p": 2}, "max_p")],
)
def test_plot_keyness_rejects_bad_options(keyness, kwargs, message):
    with pytest.raises(ParameterError, match=message):
        plot_keyness(keyness, **kwargs)


def test_plot_keyness_rejects_a_table_without_direction(keyness):
    with pytest.raises(ParameterError, match="direction"):
        plot_keyness(keyness.drop(columns="direction"))


# ------------------------------------------------------------------ plot_dispersion


def test_plot_dispersion_one_row_per_term_one_tick_per_occurrence(tokens):
    table = dispersion_table(tokens, ["peace", "cold war", "absent"])
    _, ax = plt.subplots()
    assert plot_dispersion(table, ax=ax, terms=["peace", "cold war", "absent"], doc_ids=["a", "b"]) is ax
    assert labels(ax) == ["peace", "cold war", "absent"]
    ticks = [len(c.get_segments()) for c in ax.collections]
    assert ticks == [3, 2, 0]
    xs = sorted(seg[0][0] for seg in ax.collections[0].get_segments())
    doc = table[table.term == "peace"]
    expected = sorted(doc["position"] + (doc["doc_id"] == "b").astype(float))
    assert xs == pytest.approx(expected)
    assert ax.get_xlim() == (0, 2)
    assert len(ax.lines) == 1  # one boundary between the two documents


def test_plot_dispersion_drops_boundaries_when_documents_are_many():
    table = pd.DataFrame({"term": "war", "doc_id": [f"d{i}" for i in range(50)], "token_id": 0,
                          "position": 0.5})
    ax = plot_dispersion(table)
    assert len(ax.lines) == 0
    assert len(ax.collections[0].get_segments()) == 50
    assert "50 documents" in ax.get_xlabel()


def test_plot_dispersion_defaults_to_the_table_order(tokens):
    ax = plot_dispersion(dispersion_table(tokens, ["talks", "export"]))
    assert labels(ax) == ["talks", "export"]


def test_plot_dispersion_rejects_bad_input(tokens):
    table = dispersion_table(tokens, ["peace"])
    with pytest.raises(ParameterError, match="position"):
        plot_dispersion(table.drop(columns="position"))
    with pytest.raises(ParameterError, match="between 0 and 1"):
        plot_dispersion(table.assign(position=table["position"] + 2))
    with pytest.raises(ParameterError, match="doc_ids lacks"):
        plot_dispersion(table, doc_ids=["a"])
    with pytest.raises(ParameterError, match="empty"):
        plot_dispersion(table, terms=[])


# ------------------------------------------------------------------ plot_collocations


def test_plot_collocations_bigrams_by_the_table_measure(tokens):
    table = collocation_table(tokens, min_count=1, measure="pmi")
    _, ax = plt.subplots()
    assert plot_collocations(table, ax=ax, top_n=3) is ax
    top = table.head(3)
    assert labels(ax) == (top["w1"] + " " + top["w2"]).tolist()[::-1]
    assert widths(ax) == pytest.approx(top["pmi"].tolist()[::-1])
    assert "PMI" in ax.get_xlabel()


def test_plot_collocations_node_labels_the_collocates(tokens):
    table = collocation_table(tokens, node="peace", window=3, min_count=1)
    ax = plot_collocations(table, measure="log_dice")
    assert sorted(labels(ax)) == sorted(table["w2"])
    assert "'peace'" in ax.get_title()
    assert np.all(np.diff(widths(ax)) >= 0)


@pytest.mark.parametrize("kwargs, message", [({"measure": "dice"}, "'g2', 'pmi'"), ({"top_n": 1.5}, "top_n")])
def test_plot_collocations_rejects_bad_options(tokens, kwargs, message):
    with pytest.raises(ParameterError, match=message):
        plot_collocations(collocation_table(tokens, min_count=1), **kwargs)


def test_plot_collocations_rejects_a_missing_measure_column(tokens):
    with pytest.raises(ParameterError, match="t_score"):
        plot_collocations(collocation_table(tokens, min_count=1, measure="pmi"), measure="t_score")
