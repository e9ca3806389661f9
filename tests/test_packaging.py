"""The repository is a real package with a two-command setup."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    """Package name of a requirement string, normalised (PEP 503)."""
    name = re.split(r"[<>=!~;\[ ]", requirement.strip(), maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_pyproject_names_the_distribution_and_package():
    project = _pyproject()["project"]
    assert project["name"] == "rhetoric-workbook"
    assert project["requires-python"] == ">=3.11"
    import analysis

    assert Path(analysis.__file__).parent == ROOT / "analysis"


def test_environment_yml_names_the_same_dependencies_as_pyproject():
    project = _pyproject()["project"]
    declared = {_name(r) for r in project["dependencies"]}
    declared |= {_name(r) for r in project["optional-dependencies"]["dev"]}

    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = {_name(d) for d in env["dependencies"] if isinstance(d, str)}
    conda -= {"python", "pip"}
    pip_lines = [d for d in env["dependencies"] if isinstance(d, dict)][0]["pip"]

    assert conda == declared, (
        f"only in environment.yml: {sorted(conda - declared)}; "
        f"only in pyproject.toml: {sorted(declared - conda)}"
    )
    assert any(line.strip().startswith("-e .") for line in pip_lines)
    python = [d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python")]
    assert python == ["python=3.11"]


def test_constraints_pin_every_declared_dependency():
    lines = (ROOT / "requirements" / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pins = {}
    for line in lines:
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"constraint {line!r} is not pinned with =="
            pins[_name(name)] = version
    project = _pyproject()["project"]
    for requirement in project["dependencies"] + project["optional-dependencies"]["dev"]:
        assert _name(requirement) in pins, f"{requirement} has no pin in constraints.txt"


def test_readme_opens_with_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", text, flags=re.S)
    assert blocks, "README has no command block"
    commands = [line.strip() for line in blocks[0].splitlines() if line.strip()]
    assert commands == ["make report", "make test"]


def test_ci_runs_make_test():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in script
    assert (ROOT / ".ci" / "run").stat().st_mode & 0o111, ".ci/run must be executable"


def test_layout_from_the_design_card():
    for folder in ("analysis", "notebooks", "seeds", "reports", "tests"):
        assert (ROOT / folder).is_dir(), folder
    assert (ROOT / "environment.yml").is_file()
    assert (ROOT / "seeds" / "000_bc67b9ca0fc0fcf9.txt").is_file()
    assert (ROOT / "seeds" / "README.md").is_file()


def test_seed_matches_the_shared_copy(shared_dir):
    ours = (ROOT / "seeds" / "000_bc67b9ca0fc0fcf9.txt").read_bytes()
    theirs = (shared_dir / "seeds" / "000_bc67b9ca0fc0fcf9.txt").read_bytes()
    assert ours == theirs


def test_import_is_lazy_and_light():
    code = "import sys, analysis; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_unknown_public_name_raises_attribute_error():
    import analysis

    try:
        analysis.no_such_function  # noqa: B018
    except AttributeError as exc:
        assert "no_such_function" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")


def test_error_family():
    from analysis import errors

    for cls in (errors.CorpusError, errors.ParameterError, errors.ReportError):
        assert issubclass(cls, errors.AnalysisError)
    assert issubclass(errors.ParameterError, ValueError)
