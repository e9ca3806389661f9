"""plot_speaker_shares draws the quote table on an Axes."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest

from analysis.errors import ParameterError
from analysis.figures.quotes import plot_speaker_shares
from analysis.quotes.quotes import quote_table


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def test_seed_speaker_shares(seed_path):
    from analysis.corpus import read_corpus

    quotes = quote_table(read_corpus(seed_path))
    ax = plot_speaker_shares(quotes)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Christopher Ford", "Hua Chunying"]  # bottom-up: most quoted at the top
    ford = sum(p.get_width() for p in ax.patches if -0.5 < p.get_y() + p.get_height() / 2 < 0.5)
    assert ford == 1
    assert sum(p.get_width() for p in ax.patches) == len(quotes)


def test_unknown_speaker_and_bad_arguments():
    quotes = pd.DataFrame({"speaker": [None, "A"], "kind": ["direct", "mixed"], "content": ["x y", "z"]})
    ax = plot_speaker_shares(quotes, measure="words", top_n=1)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["(unknown)"]
    with pytest.raises(ParameterError, match="quotes, words"):
        plot_speaker_shares(quotes, measure="chars")
    with pytest.raises(ParameterError, match="positive integer"):
        plot_speaker_shares(quotes, top_n=0)
    with pytest.raises(ParameterError, match="quote_table"):
        plot_speaker_shares(pd.DataFrame({"speaker": []}))
