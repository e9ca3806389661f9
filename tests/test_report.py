"""run_report: real papermill and nbconvert runs into a temporary reports folder.

Each behaviour runs papermill once (those tests are marked ``slow``): the good
seed report is a session fixture shared by the tests that inspect it. Refusals
are checked before anything runs, so their tests are fast.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest

from analysis import CorpusError, ParameterError, ReportError, run_report
from analysis.report import DEFAULT_NOTEBOOKS, NOTEBOOK_DIR

ROOT = Path(__file__).resolve().parents[1]
TEST_NOTEBOOKS = ROOT / "tests" / "data" / "notebooks"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="session")
def seed_corpus(tmp_path_factory, seed_path) -> Path:
    folder = tmp_path_factory.mktemp("corpora") / "seeds"
    folder.mkdir()
    shutil.copy(seed_path, folder / seed_path.name)
    return folder


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"MPLBACKEND"}}
    return subprocess.run([sys.executable, "-m", "analysis", "report", *args], cwd=cwd or ROOT,
                          env=env, capture_output=True, text=True, timeout=900,
                          check=False)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def good_run(tmp_path_factory, seed_corpus) -> tuple[subprocess.CompletedProcess[str], Path]:
    """``python -m analysis report SEEDS`` once for the session, as a user runs it."""
    out = tmp_path_factory.mktemp("reports")
    done = _cli(str(seed_corpus), "--out", str(out), "-p", "top_n", "10",
                "--figure-formats", "png,svg")
    assert done.returncode == 0, done.stderr
    return done, out / "seeds"


@pytest.fixture(scope="session")
def good_report(good_run) -> Path:
    return good_run[1]


def _nothing_written(out: Path) -> bool:
    return not out.exists() or not any(out.iterdir())


# -- the good report ---------------------------------------------------------------


@pytest.mark.slow
def test_report_folder_layout(good_report, seed_corpus):
    assert good_report.name == "seeds"  # slug of the corpus folder name
    from analysis.report import DEFAULT_NOTEBOOKS

    expected = {"figures", "index.html", "manifest.json", "tables"}
    expected |= {f"{nb}.{ext}" for nb in DEFAULT_NOTEBOOKS for ext in ("html", "ipynb")}
    assert sorted(p.name for p in good_report.iterdir()) == sorted(expected)
    # Nothing else beside it: no temp folder, no .failed folder.
    assert [p.name for p in good_report.parent.iterdir()] == ["seeds"]


@pytest.mark.slow
def test_executed_notebook_has_the_injected_parameters(good_report, seed_corpus):
    nb = nbformat.read(good_report / "corpus_overview.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    assert f'corpus = "{seed_corpus}"' in injected[0].source
    assert 'out_dir = "."' in injected[0].source
    assert "top_n = 10" in injected[0].source
    assert all(c.get("outputs") is not None for c in nb.cells if c.cell_type == "code")


@pytest.mark.slow
def test_html_shows_outputs_without_code(good_report, seed_path):
    page = (good_report / "corpus_overview.html").read_text(encoding="utf-8")
    for source in ("import analysis", "read_corpus(", "save_figure(", "top_n = 10"):
        assert source not in page
    assert "Corpus overview" in page  # narrative markdown stays
    assert seed_path.stem in page  # the documents table
    assert "data:image/png;base64," in page  # the figure, embedded


@pytest.mark.slow
def test_figures_and_tables_are_prefixed_by_the_notebook(good_report):
    pngs = sorted((good_report / "figures").glob("corpus_overview-*.png"))
    assert pngs and all(p.stat().st_size > 0 for p in pngs)
    assert [p.with_suffix(".svg").is_file() for p in pngs] == [True] * len(pngs)
    documents = pd.read_csv(good_report / "tables" / "corpus_overview-documents.csv")
    assert list(documents.columns) == [
        "doc_id", "date", "place", "source", "title", "speaker", "n_chars"
    ]
    assert len(documents) == 1
    lengths = pd.read_csv(good_report / "tables" / "corpus_overview-lengths.csv")
    assert list(lengths.columns) == [
        "doc_id", "n_chars", "n_sentences", "n_tokens", "n_words", "mean_sentence_length"
    ]
    row = lengths.iloc[0]
    assert row.n_sentences == 16  # the seed, counted by hand
    assert 0 < row.n_sentences < row.n_words < row.n_tokens
    assert row.mean_sentence_length == pytest.approx(row.n_words / row.n_sentences, abs=0.05)


@pytest.mark.slow
def test_manifest_records_the_run(good_report, seed_corpus, seed_path):
    manifest = json.loads((good_report / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["report"] == "seeds"
    assert manifest["status"] == "ok"
    assert manifest["corpus"] == str(seed_corpus)
    assert manifest["inputs"] == [{
        "path": seed_path.name,
        "bytes": seed_path.stat().st_size,
        "sha256": hashlib.sha256(seed_path.read_bytes()).hexdigest(),
    }]
    assert manifest["figure_formats"] == ["png", "svg"]
    assert manifest["kernel"] == {"name": "python3", "executable": sys.executable}
    assert set(manifest["versions"]) >= {
        "python", "rhetoric-workbook", "pandas", "nltk", "papermill", "nbconvert", "matplotlib"
    }
    assert "git_commit" in manifest
    assert manifest["started"] <= manifest["finished"]
    assert manifest["duration_s"] > 0
    from analysis.report import DEFAULT_NOTEBOOKS

    assert [e["name"] for e in manifest["notebooks"]] == list(DEFAULT_NOTEBOOKS)
    assert all(e["status"] == "ok" for e in manifest["notebooks"])
    entry = manifest["notebooks"][0]
    assert entry["name"] == "corpus_overview"
    assert entry["status"] == "ok"
    assert entry["duration_s"] > 0
    assert entry["parameters"] == {
        "corpus": str(seed_corpus), "out_dir": ".", "figure_formats": "png,svg", "top_n": 10
    }
    assert entry["outputs"] == ["corpus_overview.ipynb", "corpus_overview.html"]


@pytest.mark.slow
def test_index_links_to_every_notebook(good_report, seed_corpus):
    page = (good_report / "index.html").read_text(encoding="utf-8")
    assert 'href="corpus_overview.html"' in page
    assert 'href="corpus_overview.ipynb"' in page
    assert str(seed_corpus) in page


@pytest.mark.slow
def test_cli_report_honours_the_whole_folder_contract(good_run):
    done, report = good_run
    assert done.stdout.strip() == f"Report written to {report / 'index.html'}"
    assert "Traceback" not in done.stderr
    assert "%|" not in done.stderr  # no progress bars when stderr is not a terminal
    for nb in DEFAULT_NOTEBOOKS:
        executed = nbformat.read(report / f"{nb}.ipynb", as_version=4)
        tags = [t for c in executed.cells for t in c.metadata.get("tags", [])]
        assert "injected-parameters" in tags, nb
        figures = sorted((report / "figures").glob(f"{nb}-*.png"))
        assert figures, f"{nb} saved no figure"
        for png in figures:
            assert png.with_suffix(".svg").stat().st_size > 0, png.name
        assert sorted((report / "tables").glob(f"{nb}-*.csv")), f"{nb} saved no table"
    names = [p.name for p in (report / "figures").iterdir()] + [
        p.name for p in (report / "tables").iterdir()]
    assert all(n.split("-", 1)[0] in DEFAULT_NOTEBOOKS for n in names), names
    assert {p.suffix for p in (report / "figures").iterdir()} == {".png", ".svg"}


class _Page(HTMLParser):
    """Parses a page; records code cells that still show their input."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[set[str]] = []
        self.code_inputs = 0
        self.prompts = 0
        self.tags = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags += 1
        classes = set((dict(attrs).get("class") or "").split())
        self.prompts += bool(classes & {"jp-InputPrompt", "input_prompt"})
        if tag in {"br", "img", "meta", "link", "input", "hr", "col", "source", "wbr"}:
            return
        if classes & {"jp-InputArea", "input_area"} and any(
            {"jp-CodeCell", "code_cell"} & c for c in self.stack
        ):
            self.code_inputs += 1
        self.stack.append(classes)

    def handle_endtag(self, tag: str) -> None:
        if tag not in {"br", "img", "meta", "link", "input", "hr", "col", "source", "wbr"} \
                and self.stack:
            self.stack.pop()


@pytest.mark.slow
def test_every_html_page_parses_and_shows_no_code(good_report):
    pages = sorted(good_report.glob("*.html"))
    assert [p.stem for p in pages] == sorted(["index", *DEFAULT_NOTEBOOKS])
    for page in pages:
        parser = _Page()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        assert parser.tags > 10, page.name
        assert parser.code_inputs == 0, f"{page.name} shows code input"
        assert parser.prompts == 0, f"{page.name} shows input prompts"


@pytest.mark.slow
def test_index_summarises_the_corpus_and_shows_the_key_figures(good_report):
    page = (good_report / "index.html").read_text(encoding="utf-8")
    lengths = pd.read_csv(good_report / "tables" / "corpus_overview-lengths.csv")
    assert "1 document," in page
    assert f"{int(lengths.n_words.sum()):,} words" in page
    assert "dated 2018-07-20 to 2018-07-20" in page
    for png in (good_report / "figures").glob("*.png"):
        assert f'<img src="figures/{png.name}"' in page
    for nb in DEFAULT_NOTEBOOKS:
        assert f'href="{nb}.html"' in page
    summary = json.loads((good_report / "manifest.json").read_text())["summary"]
    assert summary["documents"] == 1 and summary["words"] == int(lengths.n_words.sum())


@pytest.mark.slow
def test_a_rerun_gives_identical_tables_and_figures_and_the_same_names(good_run, seed_corpus):
    _, report = good_run
    before = _snapshot(report)
    again = _cli(str(seed_corpus), "--out", str(report.parent), "-p", "top_n", "10",
                 "--figure-formats", "png,svg")
    assert again.returncode == 0, again.stderr
    after = _snapshot(report)
    assert sorted(after) == sorted(before)
    for name in before:
        if name.startswith(("tables/", "figures/")):
            assert after[name] == before[name], name
    assert [p.name for p in report.parent.iterdir()] == ["seeds"]


# -- escaping ------------------------------------------------------------------------


@pytest.mark.slow
def test_corpus_text_is_escaped_in_every_html_file(tmp_path):
    corpus = tmp_path / "xss<i>corpus"
    corpus.mkdir()
    doc = {"doc_id": "xss", "title": f"Title {SCRIPT}", "speaker": IMG, "date": "2018-07-19",
           "text": f"Body {SCRIPT} ends here. Cold War mentality {IMG} is win-win.\n\n"
                   f"The spokesperson said {IMG} and {SCRIPT} twice."}
    (corpus / "docs.jsonl").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    report = run_report(corpus, out=tmp_path / "reports")
    assert report.name == "xss-i-corpus"
    overview = (report / "corpus_overview.html").read_text(encoding="utf-8")
    assert "Title &lt;script&gt;alert(1)&lt;/script&gt;" in overview
    index = (report / "index.html").read_text(encoding="utf-8")
    assert "xss&lt;i&gt;corpus" in index
    for page in report.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text, page.name
        assert "<img src=x" not in text, page.name
        assert "onerror=alert(1)>" not in text.replace("&lt;img src=x onerror=alert(1)&gt;", ""), page.name
        assert "<i>corpus" not in text, page.name
    assert "&lt;img src=x onerror=alert(1)&gt;" in overview


# -- errors before anything runs ---------------------------------------------------------


def test_unknown_parameter_is_refused_before_anything_is_written(seed_corpus, tmp_path):
    with pytest.raises(ParameterError) as info:
        run_report(seed_corpus, out=tmp_path / "reports", parameters={"topn": 5})
    message = str(info.value)
    assert "'topn'" in message and "'corpus_overview'" in message and "top_n" in message
    assert _nothing_written(tmp_path / "reports")


@pytest.mark.parametrize(
    ("parameters", "match"),
    [
        ({"corpus": "x"}, "corpus argument"),
        ({"out_dir": "x"}, "--out"),
        ({"figure_formats": "svg"}, "--figure-formats"),
        ({"elsewhere.top_n": 5}, "'elsewhere'"),
        ({"corpus_overview.topn": 5}, "'topn'"),
    ],
)
def test_reserved_and_misaddressed_parameters_are_refused(seed_corpus, tmp_path, parameters,
                                                          match):
    with pytest.raises(ParameterError, match=match):
        run_report(seed_corpus, out=tmp_path / "reports", parameters=parameters)
    assert _nothing_written(tmp_path / "reports")


@pytest.mark.parametrize("name", ["../evil", "..", "a/b", "/tmp/evil", ".hidden", "x.failed", ""])
def test_unsafe_report_names_are_refused(seed_corpus, tmp_path, name):
    with pytest.raises(ParameterError, match="report name"):
        run_report(seed_corpus, out=tmp_path / "reports", name=name)
    assert _nothing_written(tmp_path / "reports")
    assert not (tmp_path / "evil").exists()


def test_missing_corpus_is_refused(tmp_path):
    with pytest.raises(CorpusError, match="no-such-corpus"):
        run_report(tmp_path / "no-such-corpus", out=tmp_path / "reports")
    assert _nothing_written(tmp_path / "reports")


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"notebooks": ("nope",)}, "unknown notebook 'nope'"),
        ({"notebooks": ()}, "no notebook"),
        ({"figure_formats": "gif"}, "png, svg, pdf"),
        ({"kernel_name": "no-such-kernel"}, "no-such-kernel"),
    ],
)
def test_bad_options_are_refused(seed_corpus, tmp_path, options, match):
    with pytest.raises(ParameterError, match=match):
        run_report(seed_corpus, out=tmp_path / "reports", **options)
    assert _nothing_written(tmp_path / "reports")


# -- failure, replacement and the kernel -----------------------------------------------------


@pytest.mark.slow
def test_failed_run_keeps_the_previous_report_and_keeps_the_partial_run(
    seed_path, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    options = {"notebook_dir": TEST_NOTEBOOKS}
    # A file corpus, default out (reports/ here) and default name (slug of the file name).
    good = run_report(seed_path, notebooks=["kernel_probe"], **options)
    assert good == tmp_path / "reports" / seed_path.stem
    # The notebook ran in this very Python: the venv's, even though its bin/ may not be on PATH.
    probe = (good / "tables" / "kernel_probe-python.csv").read_text(encoding="utf-8")
    assert probe.splitlines() == ["executable", sys.executable]
    before = {p.relative_to(good): p.read_bytes() for p in good.rglob("*") if p.is_file()}

    with pytest.raises(ReportError) as info:
        run_report(seed_path, notebooks=["kernel_probe", "broken"], **options)
    message = str(info.value)
    assert "notebook 'broken'" in message
    assert "cell 4 (`ratio = numerator / 0  # fails on purpose`)" in message
    assert "ZeroDivisionError: division by zero" in message
    assert f"{seed_path.stem}.failed" in message
    assert "Traceback" not in message and "\n" not in message

    after = {p.relative_to(good): p.read_bytes() for p in good.rglob("*") if p.is_file()}
    assert after == before
    failed = good.with_name(f"{seed_path.stem}.failed")
    manifest = json.loads((failed / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "failed"
    assert [(e["name"], e["status"]) for e in manifest["notebooks"]] == [
        ("kernel_probe", "ok"), ("broken", "failed")
    ]
    assert manifest["error"] == message
    assert (failed / "broken.ipynb").is_file()
    assert not (failed / "index.html").exists()
    assert sorted(p.name for p in good.parent.iterdir()) == [good.name, failed.name]

    # The next good run replaces the report and clears the .failed folder.
    (good / "stale.txt").write_text("from the previous run", encoding="utf-8")
    again = run_report(seed_path, notebooks=["kernel_probe"], **options)
    assert again == good
    assert not (good / "stale.txt").exists()
    assert sorted(p.name for p in good.parent.iterdir()) == [good.name]


# -- the committed notebooks -----------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    sorted(NOTEBOOK_DIR.glob("*.ipynb")) + sorted(TEST_NOTEBOOKS.glob("*.ipynb")),
    ids=lambda p: p.name,
)
def test_notebooks_are_committed_clean_with_one_documented_parameters_cell(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code), "has outputs"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "needs exactly one cell tagged 'parameters'"
    declared = papermill.inspect_notebook(str(path))
    assert {"corpus", "out_dir"} <= set(declared)
    undocumented = [name for name, p in declared.items() if not p["help"]]
    assert undocumented == [], "every parameter needs a comment on its line"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
