"""notebooks/term_frequencies.ipynb: real papermill runs through run_report on tiny corpora."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.report import run_report

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "term_frequencies.ipynb"
PREFIX = "term_frequencies-"
ALWAYS_TABLES = {"terms", "terms_by_group", "tfidf", "collocations", "kwic", "dispersion", "dispersion_summary"}
ALWAYS_FIGURES = {"top_terms", "top_terms_by_group", "collocations", "dispersion"}


def _names(folder: Path, suffix: str) -> set[str]:
    return {p.name[len(PREFIX):-len(suffix)] for p in folder.glob(f"{PREFIX}*{suffix}")}


def _outputs(report: Path) -> str:
    """All text the executed notebook printed or displayed."""
    nb = json.loads((report / "term_frequencies.ipynb").read_text(encoding="utf-8"))
    parts = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            parts.append("".join(output.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def _three_documents(folder: Path, seed_path: Path, shared: Path | None) -> Path:
    """Three MFA 2018 transcripts when ../shared is present, else the seed cut in three."""
    folder.mkdir()
    mfa = None if shared is None else shared / "corpora" / "mfa_2018" / "text"
    sources = sorted(mfa.glob("*.txt"))[:3] if mfa is not None and mfa.is_dir() else []
    if len(sources) == 3:
        for path in sources:
            shutil.copy(path, folder / path.name)
    else:
        paragraphs = seed_path.read_text(encoding="utf-8").strip().split("\n\n")
        for i in range(3):
            (folder / f"part{i}.txt").write_text("\n\n".join(paragraphs[i::3]) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory, seed_path) -> Path:
    corpus = tmp_path_factory.mktemp("corpora") / "seeds"
    corpus.mkdir()
    shutil.copy(seed_path, corpus / seed_path.name)
    return run_report(corpus, notebooks=("term_frequencies",), out=tmp_path_factory.mktemp("reports"),
                      name="seed", parameters={"top_n": 10}, figure_formats=("png", "svg"))


@pytest.fixture(scope="module")
def three_report(request, tmp_path_factory, seed_path) -> Path:
    try:  # the shared_dir fixture skips without ../shared (fails under CI): fall back to the seed
        shared = request.getfixturevalue("shared_dir")
    except pytest.skip.Exception:
        shared = None
    corpus = _three_documents(tmp_path_factory.mktemp("corpora") / "three", seed_path, shared)
    second = sorted(corpus.glob("*.txt"))[1].stem
    return run_report(corpus, notebooks=("term_frequencies",), out=tmp_path_factory.mktemp("reports"),
                      name="three", parameters={"target": second, "ngram": 2, "query": "china"})


def test_notebook_is_clean_with_one_parameters_cell():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code)
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    source = "".join(tagged[0]["source"])
    for name in ("corpus", "out_dir", "top_n", "ngram", "group_by", "target", "reference", "query",
                 "figure_formats"):
        assert f"\n{name} = " in "\n" + source, name


@pytest.mark.slow
def test_seed_report_writes_every_table_and_figure(seed_report):
    assert _names(seed_report / "tables", ".csv") == ALWAYS_TABLES
    assert _names(seed_report / "figures", ".png") == ALWAYS_FIGURES
    assert _names(seed_report / "figures", ".svg") == ALWAYS_FIGURES
    assert (seed_report / "term_frequencies.html").is_file()


@pytest.mark.slow
def test_seed_report_explains_that_keyness_needs_a_reference(seed_report):
    assert "keyness needs a reference" in _outputs(seed_report)
    assert not (seed_report / "tables" / f"{PREFIX}keyness.csv").exists()


@pytest.mark.slow
def test_seed_report_tables_hold_the_seed_facts(seed_report):
    tables = seed_report / "tables"
    terms = pd.read_csv(tables / f"{PREFIX}terms.csv")
    bigrams = terms[terms["ngram"] == 2].sort_values("n", ascending=False).head(5)
    assert "military-civilian integration" in set(bigrams["term"])
    kwic = pd.read_csv(tables / f"{PREFIX}kwic.csv")
    assert kwic["match"].tolist() == ["Cold War mentality"]
    summary = pd.read_csv(tables / f"{PREFIX}dispersion_summary.csv")
    assert "Cold War mentality" in set(summary["term"])


@pytest.mark.slow
def test_three_document_report_has_keyness(three_report):
    assert _names(three_report / "tables", ".csv") == ALWAYS_TABLES | {"keyness"}
    assert _names(three_report / "figures", ".png") == ALWAYS_FIGURES | {"keyness"}
    keyness = pd.read_csv(three_report / "tables" / f"{PREFIX}keyness.csv")
    assert {"over", "under"} <= set(keyness["direction"])
    assert "target: 1 document(s)" in _outputs(three_report)
    assert "reference: 2 document(s)" in _outputs(three_report)


@pytest.mark.slow
def test_three_document_report_follows_its_parameters(three_report):
    tables = three_report / "tables"
    assert set(pd.read_csv(tables / f"{PREFIX}terms.csv")["ngram"]) <= {1, 2}
    assert pd.read_csv(tables / f"{PREFIX}tfidf.csv")["group"].nunique() == 3
    kwic = pd.read_csv(tables / f"{PREFIX}kwic.csv")
    assert len(kwic) > 0 and set(kwic["match"].str.lower()) == {"china"}
