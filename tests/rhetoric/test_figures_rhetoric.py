"""plot_marker_profile, plot_marker_rates, plot_sentiment_arc: draw on an Axes and return it."""

from __future__ import annotations

import doctest

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes

import analysis.figures.rhetoric as figures_module
from analysis.errors import ParameterError
from analysis.figures import save_figure
from analysis.figures.rhetoric import (
    CATEGORY_COLORS,
    category_colors,
    plot_marker_profile,
    plot_marker_rates,
    plot_sentiment_arc,
)


@pytest.fixture
def profile() -> pd.DataFrame:
    return pd.DataFrame({
        "group": ["d1"] * 3 + ["d2"] * 3 + ["d3"] * 3,
        "category": ["denial", "booster", "cooperation"] * 3,
        "n": [2, 1, 0, 0, 0, 3, 0, 0, 0],
        "per_1k": [4.0, 2.0, 0.0, 0.0, 0.0, 6.0, 0.0, 0.0, 0.0],
        "share": [2 / 3, 1 / 3, 0, 0, 0, 1, np.nan, np.nan, np.nan],
        "mean_intensity": [2.5, np.nan, np.nan, np.nan, np.nan, np.nan, np.nan, np.nan, np.nan],
    })


@pytest.fixture
def sentiment() -> pd.DataFrame:
    return pd.DataFrame({"doc_id": ["a"] * 5 + ["b"] * 3, "sent_id": [0, 1, 2, 3, 4, 0, 1, 2],
                         "compound": [0.5, -0.6, 0.2, 0.9, -0.1, 0.0, -0.8, 0.4]})


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_profile_bars_stack_categories_per_group(profile):
    fig, ax = plt.subplots()
    assert plot_marker_profile(profile, ax=ax) is ax
    assert plt.get_fignums() == [fig.number]
    assert len(ax.patches) == 9  # 3 groups x 3 categories
    assert [t.get_text() for t in ax.get_yticklabels()] == ["d3", "d2", "d1"]  # first group on top
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["denial", "booster", "cooperation"]
    d1 = [p for p in ax.patches if p.get_y() + p.get_height() / 2 == pytest.approx(2)]
    assert sum(p.get_width() for p in d1) == pytest.approx(6.0)
    assert matplotlib.colors.to_hex(d1[0].get_facecolor()) == CATEGORY_COLORS["denial"]
    assert ax.get_xlabel() == "Markers per 1,000 words"


def test_profile_heatmap_labels_cells_and_leaves_nan_blank(profile):
    ax = plot_marker_profile(profile, kind="heatmap", value="mean_intensity")
    assert isinstance(ax, Axes)
    assert [t.get_text() for t in ax.texts] == ["2.5"]
    ax = plot_marker_profile(profile, kind="heatmap", categories=["cooperation", "denial"])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["cooperation", "denial"]
    assert ax.get_images()[0].get_array().shape == (3, 2)


def test_profile_without_group_column_is_one_bar(profile):
    one = profile[profile["group"] == "d1"].drop(columns="group")
    ax = plot_marker_profile(one)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["all"]


def test_rates_draw_one_line_per_category(profile):
    ax = plot_marker_rates(profile, categories=["denial", "cooperation"])
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["denial", "cooperation"]
    np.testing.assert_allclose(lines[1].get_ydata(), [0.0, 6.0, 0.0])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["d1", "d2", "d3"]


def test_sentiment_arc_with_rolling_mean_stated_in_the_legend(sentiment):
    _, ax = plt.subplots()
    assert plot_sentiment_arc(sentiment, ax=ax, window=3) is ax
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["compound per sentence", "rolling mean over 3 sentences"]
    raw, rolled = ax.get_lines()[:2]
    np.testing.assert_allclose(raw.get_ydata(), sentiment["compound"])
    # centred mean within each document: a's first point averages sentences 0-1 only
    assert rolled.get_ydata()[0] == pytest.approx(-0.05)
    assert rolled.get_ydata()[5] == pytest.approx(-0.4)  # b's first, not mixed with a
    assert "not a stance measure" in ax.get_title()


def test_sentiment_arc_of_one_document(sentiment):
    ax = plot_sentiment_arc(sentiment, doc_id="b")
    assert len(ax.get_lines()[0].get_xdata()) == 3
    assert ax.get_legend_handles_labels()[1] == ["compound per sentence"]
    with pytest.raises(ParameterError, match="'zz' has no sentences"):
        plot_sentiment_arc(sentiment, doc_id="zz")


@pytest.mark.parametrize(("call", "message"), [
    (lambda p, s: plot_marker_profile(p, value="score"), "value='score' is not allowed; use one of"),
    (lambda p, s: plot_marker_profile(p, kind="pie"), "kind='pie' is not allowed; use one of 'bar', 'heatmap'"),
    (lambda p, s: plot_marker_profile(p, value="mean_intensity"), "kind='heatmap'"),
    (lambda p, s: plot_marker_profile(p, categories=["hedge"]), "not in the profile"),
    (lambda p, s: plot_marker_rates(p.drop(columns="per_1k")), "lacks column"),
    (lambda p, s: plot_sentiment_arc(s, window=0), "window=0"),
    (lambda p, s: plot_sentiment_arc(s.drop(columns="compound")), "lacks column"),
])
def test_bad_options(profile, sentiment, call, message):
    with pytest.raises(ParameterError, match=message):
        call(profile, sentiment)


def test_figures_save(profile, sentiment, tmp_path):
    ax = plot_marker_profile(profile)
    assert [p.name for p in save_figure(ax, "rhetoric-profile", out_dir=tmp_path, formats="png")] == [
        "rhetoric-profile.png"]


def test_colours_are_fixed_for_default_categories_and_cycled_for_others():
    colors = category_colors(["mine", "denial", "yours"])
    assert colors["denial"] == CATEGORY_COLORS["denial"] and colors["mine"] != colors["yours"]
    assert len(set(CATEGORY_COLORS.values())) == len(CATEGORY_COLORS) == 12


def test_docstring_examples():
    result = doctest.testmod(figures_module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
