"""``python -m analysis report --engine dask [--scheduler ADDRESS]``: the notebooks on Dask.

The option parsing and refusals are fast; one real report of the seed runs
``term_frequencies`` and ``timeline`` (terms, timexes and markers) on a
one-worker ``LocalCluster`` started by the runner and compares every table
with the same report on the pandas engine (marked ``slow``).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import nbformat
import pytest

from analysis.__main__ import build_parser, main
from analysis.report import run_report

pytest.importorskip("distributed", reason="the Dask engine needs dask and distributed")

ENGINE_NOTEBOOKS = ("term_frequencies", "rhetoric_markers", "timeline", "quotes")


def test_engine_options_are_parsed():
    args = build_parser().parse_args(
        ["report", "seeds", "--engine", "dask", "--scheduler", "tcp://10.0.0.5:8786",
         "--workers", "3"]
    )
    assert (args.engine, args.scheduler, args.workers) == ("dask", "tcp://10.0.0.5:8786", 3)
    args = build_parser().parse_args(["report", "seeds"])
    assert (args.engine, args.scheduler, args.workers) == (None, None, 2)


def test_an_unknown_engine_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["report", "seeds", "--engine", "spark"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "argument --engine: invalid choice: 'spark'" in err
    assert "pandas" in err and "dask" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--engine", "pandas", "--scheduler", "tcp://127.0.0.1:9"],
         "error: --scheduler is for --engine dask"),
        (["-p", "engine", "spark"],
         "error: engine 'spark' of notebook 'term_frequencies' is not accepted; "
         "use one of pandas, dask"),
        (["-p", "engine", "5"], "error: parameter 'engine' of notebook 'term_frequencies' "
         "expects str"),
        (["--engine", "dask", "--workers", "0"], "error: --workers / n_workers must be a positive int, got 0"),
        (["--engine", "dask", "--notebooks", "overview"],
         "error: engine 'dask' was asked for, but none of the notebooks (corpus_overview)"),
    ],
)
def test_engine_refusals_exit_2_before_anything_is_written(seed_path, tmp_path, capsys, args,
                                                          message):
    notebooks = [] if "--notebooks" in args else ["--notebooks", "terms"]
    status = main(["report", str(seed_path), "--out", str(tmp_path / "out"), *notebooks, *args])
    assert status == 2
    assert capsys.readouterr().err.startswith(message)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("path", [Path("notebooks") / f"{nb}.ipynb" for nb in ENGINE_NOTEBOOKS],
                         ids=str)
def test_engine_notebooks_declare_engine_and_scheduler(root_dir, path):
    import papermill

    declared = papermill.inspect_notebook(str(root_dir / path))
    assert declared["engine"]["default"] == '"pandas"'
    assert declared["scheduler"]["default"] == '""'
    assert declared["engine"]["help"] and declared["scheduler"]["help"]


def test_an_unreachable_scheduler_fails_within_10_s_and_keeps_the_previous_report(
    seed_path, tmp_path, capsys
):
    previous = tmp_path / "out" / "seed"
    previous.mkdir(parents=True)
    (previous / "index.html").write_text("old report", encoding="utf-8")
    # A report folder has a manifest; a folder without one is never replaced.
    (previous / "manifest.json").write_text('{"report": "seed", "notebooks": []}',
                                            encoding="utf-8")
    started = time.monotonic()
    status = main(["report", str(seed_path), "--out", str(tmp_path / "out"), "--name", "seed",
                   "--notebooks", "terms", "--scheduler", "tcp://127.0.0.1:9"])
    assert time.monotonic() - started < 10
    assert status == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'")
    assert "--scheduler" in err and err.count("\n") == 1  # one paragraph, no traceback
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["seed"]
    assert (previous / "index.html").read_text(encoding="utf-8") == "old report"


@pytest.mark.slow
def test_dask_report_tables_equal_the_pandas_report(seed_path, tmp_path, capsys):
    notebooks = "terms,timeline"
    pandas_report = run_report(seed_path, out=tmp_path, name="pandas", notebooks=notebooks,
                               progress=False)
    status = main(["report", str(seed_path), "--out", str(tmp_path), "--name", "dask",
                   "--notebooks", notebooks, "--engine", "dask", "--workers", "1",
                   "--no-progress"])
    assert status == 0, capsys.readouterr().err
    dask_report = tmp_path / "dask"

    tables = sorted(p.name for p in (pandas_report / "tables").glob("*.csv"))
    assert {"term_frequencies-terms.csv", "timeline-events.csv",
            "timeline-category_trends.csv"} <= set(tables)
    assert sorted(p.name for p in (dask_report / "tables").glob("*.csv")) == tables
    for name in tables:
        assert (dask_report / "tables" / name).read_bytes() == (
            pandas_report / "tables" / name
        ).read_bytes(), name

    manifest = json.loads((dask_report / "manifest.json").read_text(encoding="utf-8"))
    engine = manifest["engine"]
    assert (engine["engine"], engine["local_cluster"], engine["n_workers"]) == ("dask", True, 1)
    assert engine["scheduler"].startswith("tcp://127.0.0.1:")
    for entry in manifest["notebooks"]:
        assert entry["parameters"]["engine"] == "dask"
        assert entry["parameters"]["scheduler"] == engine["scheduler"]
    executed = nbformat.read(dask_report / "timeline.ipynb", as_version=4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert 'engine = "dask"' in injected[0].source
    plain = json.loads((pandas_report / "manifest.json").read_text(encoding="utf-8"))
    assert plain["engine"] == {"engine": "pandas", "scheduler": None, "local_cluster": False,
                               "n_workers": None}
    assert "engine" not in plain["notebooks"][0]["parameters"]  # the notebook's own default
