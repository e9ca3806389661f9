"""Report parameters before anything runs: types, YAML files, presets, aliases, formats.

Nothing here runs a notebook: every refusal happens before papermill starts,
so these tests are fast and check that nothing was written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.__main__ import main
from analysis.errors import ParameterError
from analysis.report import DEFAULT_NOTEBOOKS, run_report
from analysis.report._params import PRESET_DIR, expand_notebooks, load_parameter_file

ROOT = Path(__file__).resolve().parents[1]
TEST_NOTEBOOKS = ROOT / "tests" / "data" / "notebooks"


def _refused(tmp_path: Path, **options) -> str:
    with pytest.raises(ParameterError) as info:
        run_report(ROOT / "seeds", out=tmp_path / "out", **options)
    assert not (tmp_path / "out").exists()
    return str(info.value)


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [("count", "ten", "int"), ("count", 2.5, "int"), ("count", True, "int"),
     ("ratio", "half", "float"), ("label", 3, "str"), ("flag", "yes", "bool"),
     ("items", "a", "list"), ("typed", "one", "int")],
)
def test_a_value_of_the_wrong_type_is_refused_naming_everything(tmp_path, name, value,
                                                                  expected):
    message = _refused(tmp_path, notebooks=["typed_parameters"], notebook_dir=TEST_NOTEBOOKS,
                       parameters={name: value})
    assert f"parameter {name!r} of notebook 'typed_parameters' expects {expected}" in message
    assert f"got {type(value).__name__} {value!r}" in message
    assert "accepts count (int), ratio (float), label (str), flag (bool)" in message
    assert "corpus (" not in message  # set by the runner, not offered


def test_the_real_notebooks_refuse_a_string_for_top_n(tmp_path):
    message = _refused(tmp_path, parameters={"top_n": "ten"})
    assert "parameter 'top_n' of notebook 'corpus_overview' expects int" in message
    assert "top_n (int)" in message


@pytest.mark.parametrize(
    "parameters",
    [{"ratio": 2}, {"anything": "text"}, {"anything": [1, 2]}, {"count": None},
     {"typed_parameters.count": 4, "label": "y", "items": ["b", "c"], "flag": False}],
)
def test_accepted_values(tmp_path, parameters, monkeypatch):
    # Stop right after the checks: the kernel check is the next step.
    from analysis import report

    def stop(kernel_name):
        raise RuntimeError("checked")

    monkeypatch.setattr(report, "_check_kernel", stop)
    with pytest.raises(RuntimeError, match="checked"):
        run_report(ROOT / "seeds", out=tmp_path / "out", notebooks=["typed_parameters"],
                   notebook_dir=TEST_NOTEBOOKS, parameters=parameters)


def test_notebook_aliases_and_comma_lists():
    assert expand_notebooks("overview,terms, rhetoric,timeline") == list(DEFAULT_NOTEBOOKS)
    assert expand_notebooks(["terms", "markers"]) == ["term_frequencies", "rhetoric_markers"]


def test_an_unknown_alias_lists_the_notebooks(tmp_path):
    message = _refused(tmp_path, notebooks="overview,nope")
    assert "unknown notebook 'nope'" in message and "term_frequencies" in message


@pytest.mark.parametrize("preset", sorted(p.stem for p in PRESET_DIR.glob("*.yaml")))
def test_every_preset_is_accepted_by_the_default_notebooks(tmp_path, preset, monkeypatch):
    from analysis import report

    parameters = load_parameter_file(preset)
    assert parameters
    monkeypatch.setattr(report, "_check_kernel",
                        lambda kernel_name: (_ for _ in ()).throw(RuntimeError("checked")))
    with pytest.raises(RuntimeError, match="checked"):
        run_report(ROOT / "seeds", out=tmp_path / "out", parameters=parameters)


def test_presets_quick_and_mfa_hua_exist():
    assert {"quick", "mfa_hua"} <= {p.stem for p in PRESET_DIR.glob("*.yaml")}
    assert (PRESET_DIR / "README.md").is_file()


def test_a_parameter_file_is_read_and_checked(tmp_path, capsys):
    good = tmp_path / "p.yaml"
    good.write_text("top_n: 7\ntimeline.freq: Q\n", encoding="utf-8")
    assert load_parameter_file(good) == {"top_n": 7, "timeline.freq": "Q"}
    bad = tmp_path / "bad.yaml"
    bad.write_text("top_n: ten\n", encoding="utf-8")
    status = main(["report", str(ROOT / "seeds"), "--out", str(tmp_path / "out"), "-f", str(bad)])
    assert status == 2
    err = capsys.readouterr().err
    assert err.startswith("error: parameter 'top_n' of notebook 'corpus_overview' expects int")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("text", "match"),
    [("- a\n- b\n", "must be a YAML mapping"), ("a: [\n", "not valid YAML")],
)
def test_a_bad_parameter_file_is_refused(tmp_path, text, match):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParameterError, match=match):
        load_parameter_file(path)


def test_a_missing_parameter_file_lists_the_presets():
    with pytest.raises(ParameterError, match="presets in .*: .*quick"):
        load_parameter_file("no-such-preset")


def test_p_overrides_f(tmp_path, capsys):
    path = tmp_path / "p.yaml"
    path.write_text("top_n: 7\n", encoding="utf-8")
    status = main(["report", str(ROOT / "seeds"), "--out", str(tmp_path / "out"), "-f",
                   str(path), "-p", "top_n", "many"])
    assert status == 2
    assert "got str 'many'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--formats", "png"], ("error: unknown report format 'png'; choose from html, pdf "
                                "(figure formats are chosen with figure_formats, "
                                "--figure-formats)")),
        (["--formats", "docx"], "error: unknown report format 'docx'; choose from html, pdf"),
        (["--figure-formats", "gif"], "error: unknown figure format 'gif'"),
        (["--notebooks", "terms,nope"], "error: unknown notebook 'nope'"),
        (["-p", "figure_formats", "svg"], ("error: parameter 'figure_formats' is set by the "
                                           "report runner; use the figure_formats argument "
                                           "(--figure-formats)")),
    ],
)
def test_cli_option_errors_exit_2_before_running(tmp_path, capsys, args, message):
    status = main(["report", str(ROOT / "seeds"), "--out", str(tmp_path / "out"), *args])
    assert status == 2
    assert capsys.readouterr().err.startswith(message)
    assert not (tmp_path / "out").exists()


def test_pdf_without_chromium_is_refused_before_running(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("RHETORIC_CHROMIUM", raising=False)
    status = main(["report", str(ROOT / "seeds"), "--out", str(tmp_path / "out"),
                   "--formats", "html,pdf"])
    assert status == 2
    err = capsys.readouterr().err
    assert err.startswith("error: PDF reports need a headless Chromium and none was found")
    assert "apt-get install chromium" in err
    assert not (tmp_path / "out").exists()


def test_a_given_chromium_must_exist(tmp_path):
    message = _refused(tmp_path, formats="pdf", chromium=str(tmp_path / "no-chromium"))
    assert "no-chromium" in message and "not an executable" in message


@pytest.mark.parametrize(("env", "tty", "expected"),
                         [({"CI": "true"}, True, False), ({}, False, False), ({}, True, True)])
def test_progress_only_on_a_terminal_outside_ci(monkeypatch, env, tty, expected):
    import sys

    from analysis.report import _progress_wanted

    monkeypatch.delenv("CI", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: tty, raising=False)
    assert _progress_wanted(None) is expected
    assert _progress_wanted(True) is True and _progress_wanted(False) is False
