"""notebooks/quotes.ipynb: one real papermill run on the seed through run_report."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis.report import run_report


@pytest.mark.slow
def test_quotes_notebook_report(tmp_path, seed_path):
    corpus = tmp_path / "seeds"
    corpus.mkdir()
    shutil.copy(seed_path, corpus / seed_path.name)
    report = run_report(corpus, out=tmp_path / "reports", name="quotes-test", notebooks=("quotes",),
                        parameters={"top_speakers": 5, "exclude_actors": "China"})
    tables = report / "tables"
    quotes = pd.read_csv(tables / "quotes-quotes.csv")
    assert len(quotes) == 11 and set(quotes["speaker"]) == {"Hua Chunying", "Christopher Ford"}
    targets = pd.read_csv(tables / "quotes-targets.csv")
    assert set(targets["actor"]) == {"United States"}
    for name in ("quotes-turns.csv", "quotes-actors.csv"):
        assert (tables / name).is_file()
    assert (report / "figures" / "quotes-speaker_shares.png").is_file()
    assert (report / "quotes.html").is_file()
