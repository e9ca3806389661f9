"""Tests of analysis/export.py (save_table, compute_table) and ``python -m analysis table``."""

from __future__ import annotations

import os

import pandas as pd
import pytest

import analysis
from analysis.__main__ import main
from analysis.errors import ParameterError
from analysis.export import TABLES, compute_table, save_table, table_format

TABLE = pd.DataFrame({
    "doc_id": ["001", "b"], "start": [0, 5], "text": ['say "no", <b>', "déjà vu\tand a tab"],
    "date": pd.to_datetime(["2018-07-20", None]),
})  # fmt: skip


@pytest.mark.parametrize("ext", [".csv", ".tsv", ".parquet", ".jsonl"])
def test_save_table_round_trips_in_every_format(tmp_path, ext):
    path = save_table(TABLE, tmp_path / f"t{ext}")
    assert path == (tmp_path / f"t{ext}").resolve()
    if ext == ".parquet":
        back = pd.read_parquet(path)
    elif ext == ".jsonl":
        back = pd.read_json(path, lines=True, dtype={"doc_id": str})
        back["date"] = pd.to_datetime(back["date"])
    else:
        back = pd.read_csv(path, sep="\t" if ext == ".tsv" else ",", dtype={"doc_id": str},
                           parse_dates=["date"], keep_default_na=False, na_values={"date": [""]})
    assert back["doc_id"].tolist() == ["001", "b"]  # ids stay text
    assert back["text"].tolist() == TABLE["text"].tolist()
    assert back["start"].tolist() == [0, 5]
    assert back["date"].iloc[0].date().isoformat() == "2018-07-20" and pd.isna(back["date"].iloc[1])
    assert [p.name for p in tmp_path.iterdir()] == [f"t{ext}"]  # no temporary file left


def test_save_table_replaces_atomically_and_keeps_the_old_file_on_failure(tmp_path):
    path = tmp_path / "t.parquet"
    save_table(TABLE, path)
    before = path.read_bytes()
    bad = pd.DataFrame({"x": [object(), 1]})  # pyarrow cannot write an arbitrary object
    with pytest.raises(Exception):
        save_table(bad, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.parquet"]


def test_save_table_gives_a_normal_file_mode(tmp_path):
    path = save_table(TABLE, tmp_path / "t.csv")
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    path.chmod(0o640)
    save_table(TABLE, path)  # replacing keeps the mode the user gave the file
    assert path.stat().st_mode & 0o777 == 0o640


def test_bad_paths_and_formats(tmp_path):
    with pytest.raises(ParameterError, match=r"unknown extension '\.xlsx'.*\.csv, \.tsv, \.parquet, \.jsonl"):
        save_table(TABLE, tmp_path / "t.xlsx")
    with pytest.raises(ParameterError, match="does not exist"):
        save_table(TABLE, tmp_path / "nope" / "t.csv")
    (tmp_path / "d.csv").mkdir()
    with pytest.raises(ParameterError, match="is a folder"):
        save_table(TABLE, tmp_path / "d.csv")
    with pytest.raises(ParameterError, match="unknown table format 'xls'"):
        save_table(TABLE, tmp_path / "t.csv", fmt="xls")
    assert table_format("A.CSV") == "csv"


def test_compute_table_gives_what_the_functions_give(seed_path):
    docs = analysis.read_corpus(seed_path)
    pd.testing.assert_frame_equal(compute_table("markers", seed_path), analysis.marker_table(docs))
    pd.testing.assert_frame_equal(
        compute_table("terms", seed_path, ngram=2, min_count=2),
        analysis.term_table(analysis.token_table(docs), ngram=(1, 2), min_count=2),
    )
    for kind in TABLES:
        assert isinstance(compute_table(kind, seed_path), pd.DataFrame)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"kind": "nope"}, "unknown table 'nope'; choose one of docs, sentences"),
    ({"kind": "terms", "ngram": 0}, "ngram must be a positive int"),
    ({"kind": "terms", "min_count": "2"}, "min_count must be a positive int"),
])  # fmt: skip
def test_compute_table_refuses_bad_options(seed_path, kwargs, message):
    with pytest.raises(ParameterError, match=message):
        compute_table(corpus=seed_path, **kwargs)


def test_cli_table_to_stdout_and_to_a_file(seed_path, tmp_path, capsys):
    assert main(["table", "markers", str(seed_path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("doc_id,sent_id,start,end,category,cue,match")
    assert "refuted" in out
    target = tmp_path / "m.parquet"
    assert main(["table", "markers", str(seed_path), "-o", str(target)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().endswith(f"rows written to {target}")
    pd.testing.assert_frame_equal(pd.read_parquet(target), compute_table("markers", seed_path),
                                  check_dtype=False, check_categorical=False)


def test_cli_table_errors_exit_2_and_write_nothing(seed_path, tmp_path, capsys):
    assert main(["table", "nope", str(seed_path)]) == 2
    assert capsys.readouterr().err.startswith("error: unknown table 'nope'")
    assert main(["table", "markers", str(seed_path), "-o", str(tmp_path / "m.xlsx")]) == 2
    assert "unknown extension" in capsys.readouterr().err
    assert main(["table", "markers", str(tmp_path / "missing")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_cli_table_warnings_are_one_plain_line(seed_path, capsys):
    import warnings

    before = warnings.showwarning
    assert main(["table", "profile", str(seed_path), "--by", "speaker"]) == 0
    assert warnings.showwarning is before  # restored for whatever runs next
    err = capsys.readouterr().err
    assert err.startswith("warning: ") and "have no 'speaker' value" in err
    assert ".py:" not in err
