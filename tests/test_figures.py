"""plot_* functions draw on an Axes and return it; save_figure writes stable files."""

from __future__ import annotations

import os
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

from analysis import ParameterError, plot_document_lengths, save_figure  # noqa: E402
from analysis.figures import FIGURE_FORMATS, parse_formats  # noqa: E402

MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-", "svg": b"<?xml"}


@pytest.fixture
def lengths() -> pd.DataFrame:
    return pd.DataFrame(
        {"doc_id": ["a", "b", "c", "d"], "n_words": [120, 80, 300, 80], "n_chars": [9, 9, 9, 9]}
    )


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_plot_document_lengths_draws_on_the_given_axes_and_returns_it(lengths):
    fig, ax = plt.subplots()
    result = plot_document_lengths(lengths, ax=ax)
    assert result is ax
    assert len(ax.patches) == 4
    assert plt.get_fignums() == [fig.number]


def test_plot_document_lengths_makes_axes_when_none_given(lengths):
    ax = plot_document_lengths(lengths)
    assert isinstance(ax, Axes)


def test_plot_document_lengths_shows_the_longest_first(lengths):
    ax = plot_document_lengths(lengths, top_n=3)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    widths = [p.get_width() for p in ax.patches]
    # barh draws bottom-up: the longest document is the last bar, at the top.
    assert labels == ["b", "a", "c"]
    assert widths == [80, 120, 300]
    assert "longest 3 of 4" in ax.get_title()


def test_plot_document_lengths_keeps_table_order_among_ties(lengths):
    ax = plot_document_lengths(lengths, top_n=4)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["d", "b", "a", "c"]


def test_plot_document_lengths_uses_a_named_column(lengths):
    ax = plot_document_lengths(lengths, column="n_chars")
    assert ax.get_xlabel() == "Characters"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"top_n": 0}, "top_n"),
        ({"top_n": 2.5}, "top_n"),
        ({"column": "n_pages"}, "n_pages"),
    ],
)
def test_plot_document_lengths_rejects_bad_options(lengths, kwargs, match):
    with pytest.raises(ParameterError, match=match):
        plot_document_lengths(lengths, **kwargs)


def test_plot_document_lengths_needs_doc_id_and_a_length_column():
    with pytest.raises(ParameterError, match="doc_id"):
        plot_document_lengths(pd.DataFrame({"n_words": [1]}))
    with pytest.raises(ParameterError, match="n_words, n_tokens, n_chars"):
        plot_document_lengths(pd.DataFrame({"doc_id": ["a"], "size": [1]}))


def test_save_figure_writes_every_format(lengths, tmp_path):
    ax = plot_document_lengths(lengths)
    paths = save_figure(ax, "overview-lengths", out_dir=tmp_path / "figures",
                        formats=("png", "svg", "pdf"))
    assert paths == [tmp_path / "figures" / f"overview-lengths.{fmt}" for fmt in FIGURE_FORMATS]
    for path in paths:
        assert path.read_bytes().startswith(MAGIC[path.suffix[1:]]), path


def test_save_figure_accepts_a_figure_and_a_comma_separated_string(lengths, tmp_path):
    fig, ax = plt.subplots()
    plot_document_lengths(lengths, ax=ax)
    paths = save_figure(fig, "x", out_dir=tmp_path, formats="svg, PNG")
    assert [p.name for p in paths] == ["x.svg", "x.png"]


def test_save_figure_is_byte_stable(lengths, tmp_path):
    ax = plot_document_lengths(lengths)
    first = [p.read_bytes() for p in save_figure(ax, "x", out_dir=tmp_path / "1",
                                                 formats=FIGURE_FORMATS)]
    plt.close("all")
    ax = plot_document_lengths(lengths)
    again = [p.read_bytes() for p in save_figure(ax, "x", out_dir=tmp_path / "2",
                                                 formats=FIGURE_FORMATS)]
    assert first == again


def test_save_figure_does_not_close_the_figure(lengths, tmp_path):
    ax = plot_document_lengths(lengths)
    save_figure(ax, "x", out_dir=tmp_path)
    assert ax.figure.number in plt.get_fignums()


@pytest.mark.parametrize("formats", ["gif", ("png", "jpeg"), "", ()])
def test_save_figure_rejects_unknown_formats(lengths, tmp_path, formats):
    ax = plot_document_lengths(lengths)
    with pytest.raises(ParameterError, match="png, svg, pdf"):
        save_figure(ax, "x", out_dir=tmp_path, formats=formats)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "name", ["../x", "..", "a/b", "a\\b", "/tmp/x", "x.png", "", ".hidden", "a b"]
)
def test_save_figure_rejects_unsafe_names(lengths, tmp_path, name):
    ax = plot_document_lengths(lengths)
    with pytest.raises(ParameterError, match="safe file name"):
        save_figure(ax, name, out_dir=tmp_path / "figures")
    assert not (tmp_path / "figures").exists()


def test_save_figure_rejects_what_is_not_a_figure(tmp_path):
    with pytest.raises(ParameterError, match="Figure or Axes"):
        save_figure("not a figure", "x", out_dir=tmp_path)


def test_parse_formats_keeps_order_and_drops_duplicates():
    assert parse_formats("pdf,png,pdf") == ("pdf", "png")
    assert parse_formats([".SVG"]) == ("svg",)


def test_importing_figures_chooses_no_backend():
    code = (
        "import matplotlib, analysis.figures; "
        "print(matplotlib.rcParams._get_backend_or_none())"
    )
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env)
    assert out.stdout.strip() == "None"
