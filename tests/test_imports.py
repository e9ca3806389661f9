"""What importing the package and running the notebooks loads: no nltk, scipy, sklearn, dask, dateparser.

``import nltk`` alone costs 1-2 s (its ``__init__`` imports scipy.stats, and
sklearn when installed), which every notebook used to pay in its imports
cell. The package vendors the few Punkt and Snowball pieces it needs
(``analysis/_punkt_vars.py``, ``analysis/_snowball.py``); nltk stays a
dependency for training Punkt (imported inside the function) and for the
agreement tests. Dask is imported only when a notebook's ``engine`` parameter
asks for it.

Each check runs in a fresh interpreter, since the test session itself has
imported all of these.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
HEAVY = ("nltk", "scipy", "sklearn", "dask", "distributed", "dateparser")


def _code_cells(path: Path) -> list[tuple[list[str], str]]:
    """(tags, source without IPython magics) of every code cell."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
        cells.append((cell.get("metadata", {}).get("tags", []), "\n".join(lines)))
    return cells


def _imported_modules(path: Path) -> list[str]:
    """Every module a notebook's code cells import, in order."""
    modules: list[str] = []
    for _, source in _code_cells(path):
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                modules += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.append(node.module)
    return list(dict.fromkeys(modules))


def _run(code: str, tmp_path: Path) -> dict:
    """Run ``code`` in a fresh interpreter; it prints a JSON object last."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg"}
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


_LOADED = f"""
import json, sys
print(json.dumps({{"loaded": sorted({{m.split(".")[0] for m in sys.modules}} & {set(HEAVY)!r})}}))
"""

# Runs ``STEPS`` (label, group, folder, code) in order, one namespace per group
# (a notebook), and reports, per step,
# the heavy modules it loaded first: one interpreter for every notebook, so the
# test stays fast, with the blame still on the notebook and cell.
_STEPS = f"""
import json, os, sys
from IPython.display import display
HEAVY = {set(HEAVY)!r}
def loaded():
    return {{m.split(".")[0] for m in sys.modules}} & HEAVY
blame, seen, namespaces = {{}}, loaded(), {{}}
for label, group, folder, code in STEPS:
    if folder:
        os.chdir(folder)
    namespace = namespaces.setdefault(group, {{"display": display}})
    exec(compile(code, label, "exec"), namespace)
    new = loaded() - seen
    if new:
        blame[label] = sorted(new)
        seen |= new
print(json.dumps({{"before": sorted(loaded() - set().union(*blame.values())) if blame else sorted(seen),
                  "blame": blame}}))
"""


def test_notebooks_found():
    names = {path.stem for path in NOTEBOOKS}
    assert {"corpus_overview", "term_frequencies", "rhetoric_markers", "timeline"} <= names


def test_import_analysis_loads_nothing_heavy(tmp_path):
    result = _run("import analysis, analysis.errors\n" + _LOADED
                  + "assert 'pandas' not in sys.modules, 'import analysis imported pandas'\n", tmp_path)
    assert result["loaded"] == []


def test_notebook_imports_load_nothing_heavy(tmp_path):
    """Every module any notebook imports, one after another, blamed one by one."""
    modules = list(dict.fromkeys(["analysis", *[m for path in NOTEBOOKS for m in _imported_modules(path)]]))
    assert "analysis.engine" in modules
    steps = [(f"import {name}", "imports", "", f"import {name}") for name in modules]
    result = _run(f"STEPS = {steps!r}\n" + _STEPS, tmp_path)
    assert result == {"before": [], "blame": {}}


def test_notebook_runs_on_the_seed_load_nothing_heavy(tmp_path, root_dir):
    """Every code cell of every notebook, top to bottom, on the seed with the default (pandas) engine."""
    steps = []
    for path in NOTEBOOKS:
        out = tmp_path / path.stem
        overrides = f"\ncorpus = {str(root_dir / 'seeds')!r}\nout_dir = {str(out)!r}\n"
        cells = _code_cells(path)
        assert sum("parameters" in tags for tags, _ in cells) == 1, path.name
        steps += [(f"{path.stem} cell {number}", path.stem, str(path.parent),
                   source + overrides if "parameters" in tags else source)
                  for number, (tags, source) in enumerate(cells)]
        steps.append((f"{path.stem} engine", path.stem, "", 'assert globals().get("engine", "pandas") == "pandas"'))
    result = _run(f"STEPS = {steps!r}\n" + _STEPS, tmp_path)
    assert result == {"before": [], "blame": {}}
    for path in NOTEBOOKS:
        assert any((tmp_path / path.stem / "tables").glob(f"{path.stem}-*.csv")), path.stem
