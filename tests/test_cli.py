"""``python -m analysis``: the report subcommand, its errors and --version."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import analysis
from analysis.__main__ import main, parse_value


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # Run the way a user does, without activating the venv: only the
    # interpreter's absolute path is known, its bin/ is not on PATH.
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "MPLBACKEND"}}
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != bin_dir)
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.slow
def test_report_writes_the_folder_and_prints_the_index_path(seed_path, tmp_path):
    # One notebook is enough here: tests/test_report.py runs the full default report.
    done = _run("report", str(seed_path.parent), "--out", "out", "-p", "top_n", "3",
                "--notebooks", "overview", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    index = Path("out") / "seeds" / "index.html"
    assert done.stdout.strip() == f"Report written to {index}"
    assert (tmp_path / index).is_file()
    manifest = json.loads((tmp_path / "out" / "seeds" / "manifest.json").read_text())
    assert manifest["status"] == "ok"
    assert manifest["notebooks"][0]["parameters"]["top_n"] == 3  # YAML: an int, not "3"
    assert "Traceback" not in done.stderr


def test_missing_corpus_exits_2_with_a_message_and_no_traceback(tmp_path):
    done = _run("report", "no/such/corpus", "--out", "out", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("error: corpus 'no/such/corpus' not found")
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert not (tmp_path / "out").exists()


def test_version():
    done = _run("--version", cwd=Path.cwd())
    assert done.returncode == 0
    assert done.stdout.strip() == f"rhetoric-workbook {analysis.__version__}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-p", "topn", "5"], "error: unknown parameter 'topn'"),
        (["--name", "../evil"], "error: report name '../evil'"),
        (["--figure-formats", "gif"], "error: unknown figure format 'gif'"),
        (["--formats", "png"], "error: unknown report format 'png'"),
        (["--notebook", "nope"], "error: unknown notebook 'nope'"),
    ],
)
def test_bad_options_exit_2_before_running(seed_path, tmp_path, capsys, args, message):
    status = main(["report", str(seed_path.parent), "--out", str(tmp_path / "out"), *args])
    assert status == 2
    assert capsys.readouterr().err.startswith(message)
    assert not (tmp_path / "out").exists()


def test_a_command_is_required(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2
    assert "COMMAND" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "value"),
    [("5", 5), ("0.5", 0.5), ("true", True), ("null", None), ("[a, b]", ["a", "b"]),
     ("text", "text"), ("2018-07-20", "2018-07-20"), ("", ""), ("a: b: c", "a: b: c")],
)
def test_parameter_values_are_read_as_yaml(text, value):
    assert parse_value(text) == value
