"""notebooks/timeline.ipynb: one real papermill run on five dated MFA transcripts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.report import run_report

try:  # the notebook needs timex_table, written in parallel in analysis/timeline/__init__.py
    from analysis.timeline import timex_table  # noqa: F401

    HAVE_TIMEX = True
except ImportError:
    HAVE_TIMEX = False

#: Five 2018 transcripts in three months, two with "win-win".
FILES = ("text/2018-05-14_t1559310.txt", "text/2018-05-15_t1559633.txt", "text/2018-06-06_t1566463.txt",
         "text/2018-07-19_t1578759.txt", "text/2018-07-20_t1579044.txt")


@pytest.fixture(scope="module")
def small_mfa(mfa_dir, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpora") / "mfa5"
    (folder / "text").mkdir(parents=True)
    index = pd.read_csv(mfa_dir / "index.csv", dtype=str)
    files = [f for f in FILES if (mfa_dir / f).is_file()]
    if len(files) < 3:  # the shared file names changed; take the first five dated ones instead
        files = index.dropna(subset=["date"])["file"].head(5).tolist()
    for name in files:
        shutil.copy(mfa_dir / name, folder / name)
    index[index["file"].isin(files)].to_csv(folder / "index.csv", index=False)
    return folder


@pytest.mark.slow
@pytest.mark.skipif(not HAVE_TIMEX, reason="analysis.timeline.timex_table is not importable yet")
def test_timeline_notebook_runs_and_writes_its_tables_and_figures(small_mfa, tmp_path):
    folder = run_report(small_mfa, out=tmp_path, name="mfa5", notebooks=("timeline",),
                        parameters={"freq": "ME", "terms": "win-win, Cold War mentality"},
                        figure_formats=("png",))
    tables = {p.name for p in (folder / "tables").iterdir()}
    figures = {p.name for p in (folder / "figures").iterdir()}
    assert {"timeline-events.csv", "timeline-term_trends.csv", "timeline-first_use.csv"} <= tables
    assert {"timeline-events.png", "timeline-term_trends.png"} <= figures
    assert all(name.startswith("timeline-") for name in tables | figures)
    events = pd.read_csv(folder / "tables" / "timeline-events.csv")
    assert (events["kind"] == "publication").sum() == len(list((small_mfa / "text").iterdir()))
    trends = pd.read_csv(folder / "tables" / "timeline-term_trends.csv")
    assert trends["period"].astype(str).str.match(r"^\d{4}-\d{2}$").all()
    assert set(trends["term"]) == {"win-win", "Cold War mentality"}
    first_use = pd.read_csv(folder / "tables" / "timeline-first_use.csv")
    assert first_use["term"].tolist() == ["win-win", "Cold War mentality"]
    assert (folder / "timeline.html").is_file()
