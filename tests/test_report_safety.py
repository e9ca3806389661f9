"""What a user can get wrong around a report run, and what the pages show them.

Found by running ``python -m analysis report`` as a user would: corpora without
documents, out folders that cannot hold a report, names that would replace the
corpus or a folder that is not a report, the kernel's log on the terminal,
pages that load scripts from the network, warnings shown with the kernel's file
names, PDF-only figures missing from ``index.html``, and non-documents counted as
inputs. Most refusals happen before any notebook runs (fast); the two
``slow`` tests run one small notebook each.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from analysis.errors import CorpusError, ParameterError, ReportError
from analysis.report import run_report

ROOT = Path(__file__).resolve().parents[1]
TEST_NOTEBOOKS = ROOT / "tests" / "data" / "notebooks"


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    return subprocess.run([sys.executable, "-m", "analysis", "report", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600, check=False)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def corpus(tmp_path, seed_path) -> Path:
    folder = tmp_path / "mycorpus"
    folder.mkdir()
    shutil.copy(seed_path, folder / seed_path.name)
    (folder / "notes.txt").write_text("My own notes on these statements.\n", encoding="utf-8")
    return folder


# -- corpora without documents: refused before any notebook runs ----------------------------


@pytest.mark.parametrize(
    ("files", "match"),
    [
        ({}, "no documents found"),
        ({"a.bin": b"\x00\x01\x02" * 100, "b.dat": b"\xff" * 50}, "no documents found"),
        ({"README.md": b"# About this folder\n"}, "no documents found"),
    ],
    ids=["empty", "only-binary-files", "only-a-readme"],
)
def test_a_folder_without_documents_is_refused_before_running(tmp_path, files, match):
    folder = tmp_path / "texts"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    with pytest.raises(CorpusError, match=match) as info:
        run_report(folder, out=tmp_path / "reports")
    assert "texts" in str(info.value) and "CORPUS" in str(info.value)
    assert not (tmp_path / "reports").exists()  # no .failed folder either


def test_an_unsupported_file_is_refused_before_running(tmp_path):
    blob = tmp_path / "speech.pdf"
    blob.write_bytes(b"%PDF-1.4 not text")
    with pytest.raises(CorpusError, match=r"speech\.pdf.*unsupported file type '\.pdf'"):
        run_report(blob, out=tmp_path / "reports")
    assert not (tmp_path / "reports").exists()


# -- out folders that cannot hold a report ----------------------------------------------------


@pytest.mark.parametrize("below", ["", "sub/folder"], ids=["is-a-file", "below-a-file"])
def test_an_out_folder_that_is_a_file_exits_2_without_traceback(corpus, tmp_path, capsys, below):
    from analysis.__main__ import main

    afile = tmp_path / "afile"
    afile.write_text("not a folder", encoding="utf-8")
    out = afile / below if below else afile
    assert main(["report", str(corpus), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: the out folder '{out}' cannot be created: '{afile}' is a file")
    assert "--out" in err and "Traceback" not in err
    assert afile.read_text(encoding="utf-8") == "not a folder"


def test_an_out_folder_that_is_not_writable_is_refused(corpus, tmp_path, monkeypatch):
    out = tmp_path / "readonly"
    out.mkdir()
    out.chmod(0o555)
    if os.access(out, os.W_OK):  # root ignores the mode: pretend, as a user would see it
        monkeypatch.setattr("analysis.report._checks._writable", lambda folder: False)
    try:
        with pytest.raises(ReportError, match=r"cannot write in '.*readonly'.*--out"):
            run_report(corpus, out=out / "reports")
    finally:
        out.chmod(0o755)
    assert list(out.iterdir()) == []


def test_an_out_folder_that_cannot_be_created_is_a_report_error(corpus, tmp_path, monkeypatch):
    # Permission bits say yes, the file system says no (a read-only mount, /sys, ...).
    real_mkdir = Path.mkdir

    def refuse(self, *args, **kwargs):
        if self == tmp_path / "mount" or tmp_path / "mount" in self.parents:
            raise PermissionError(1, "Operation not permitted", str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(ReportError, match="cannot create the report in .*mount.*Operation "
                                          "not permitted.*--out"):
        run_report(corpus, out=tmp_path / "mount", notebooks=["kernel_probe"],
                   notebook_dir=TEST_NOTEBOOKS)
    assert not (tmp_path / "mount").exists()


# -- never replace what is not a report ---------------------------------------------------------


def test_a_report_never_replaces_its_own_corpus(corpus, tmp_path):
    before = _snapshot(corpus)
    # --out next to the corpus: the default name is the corpus folder's own name.
    with pytest.raises(ParameterError, match="holds the corpus"):
        run_report(corpus, out=tmp_path)
    # A file corpus inside the folder the report would replace.
    with pytest.raises(ParameterError, match="holds the corpus"):
        run_report(corpus / "notes.txt", out=tmp_path, name="mycorpus")
    # Reports inside the corpus would be read as documents by the next run.
    with pytest.raises(ParameterError, match="inside the corpus folder"):
        run_report(corpus, out=corpus / "reports")
    assert _snapshot(corpus) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mycorpus"]


def test_cli_refuses_to_replace_the_corpus(corpus, tmp_path):
    from analysis.__main__ import main

    before = _snapshot(corpus)
    assert main(["report", str(corpus), "--out", str(tmp_path)]) == 2
    assert _snapshot(corpus) == before


@pytest.mark.parametrize("suffix", ["", ".failed"])
def test_a_folder_that_is_not_a_report_is_not_replaced(corpus, tmp_path, suffix):
    out = tmp_path / "reports"
    mine = out / f"mine{suffix}"
    mine.mkdir(parents=True)
    (mine / "photo.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(ParameterError, match=r"mine(\.failed)?' exists and is not a report "
                                             "folder.*--name"):
        run_report(corpus, out=out, name="mine")
    assert _snapshot(mine) == {"photo.jpg": b"\xff\xd8"}


def test_an_empty_folder_or_an_earlier_report_may_be_replaced(corpus, tmp_path):
    out = tmp_path / "reports"
    (out / "empty").mkdir(parents=True)
    (out / "earlier").mkdir()
    (out / "earlier" / "manifest.json").write_text(
        json.dumps({"report": "earlier", "notebooks": []}), encoding="utf-8")
    for name in ("empty", "earlier"):
        # The out check passes; the run stops at the next check (no notebook to run).
        with pytest.raises(ParameterError, match="no notebook to run"):
            run_report(corpus, out=out, name=name, notebooks=())


# -- the manifest's inputs are the documents ---------------------------------------------------


def test_manifest_inputs_are_the_files_read_corpus_reads(tmp_path, seed_path):
    from analysis.report._manifest import _inputs

    folder = tmp_path / "corpus"
    (folder / "params").mkdir(parents=True)
    (folder / ".git").mkdir()
    shutil.copy(seed_path, folder / "a.txt")
    (folder / "b.md").write_text("# B\n\nText.\n", encoding="utf-8")
    (folder / "index.csv").write_text("file,date\na.txt,2018-07-20\n", encoding="utf-8")
    for name in ("README.md", "params/quick.yaml", "scan.pdf", ".hidden.txt", ".git/x.txt"):
        (folder / name).write_text("not a document\n", encoding="utf-8")
    inputs = _inputs(folder)
    assert [i["path"] for i in inputs] == ["a.txt", "b.md", "index.csv"]
    assert inputs[0]["bytes"] == seed_path.stat().st_size


# -- what the pages show --------------------------------------------------------------------------


def _executed_notebook() -> nbformat.NotebookNode:
    v4 = nbformat.v4
    table = ("<table><tr><td>The US pledged $200 billion and China $50 billion "
             "on 3 August.</td></tr></table>")
    warning = ("/tmp/ipykernel_4242/114818057.py:3: AnalysisWarning: 2 of 147 documents left "
               "out of the trends (2 undated)\n  term_trends = trend_table(phrases, docs)\n")
    return v4.new_notebook(cells=[
        v4.new_markdown_cell("# Title\n\nNarrative."),
        v4.new_code_cell("trends", execution_count=1, outputs=[
            v4.new_output("stream", name="stderr", text=warning),
            v4.new_output("display_data", data={"text/html": table, "text/plain": "t"}),
        ]),
    ])


def test_pages_load_nothing_from_the_network():
    from analysis.report._html import _to_html

    page = _to_html(_executed_notebook(), "timeline")
    assert "<script" not in page  # no require.js, MathJax (which typesets $...$) or mermaid
    assert "cdnjs" not in page and "src=\"http" not in page
    assert "$200 billion and China $50 billion" in page
    assert "Narrative." in page


def test_warnings_show_their_message_without_the_kernels_file_and_code():
    from analysis.report._html import _to_html

    page = _to_html(_executed_notebook(), "timeline")
    assert "Warning: 2 of 147 documents left out of the trends (2 undated)" in page
    assert "ipykernel_4242" not in page and "trend_table(phrases" not in page


def test_index_links_figures_saved_only_as_pdf(tmp_path):
    from analysis.report._index_page import index_html

    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "overview-a b.pdf").write_bytes(b"%PDF-")
    manifest = {
        "report": "r", "corpus": "/c", "inputs": [], "started": "s", "finished": "f",
        "status": "ok", "figure_formats": ["pdf"], "formats": ["html"], "summary": None,
        "notebooks": [{"name": "overview", "parameters": {}, "status": "ok",
                       "duration_s": 1.0}],
    }
    page = index_html(manifest, tmp_path)
    assert '<a href="figures/overview-a%20b.pdf">overview-a b</a> (PDF)' in page
    assert "No figures." not in page


# -- a real run: a quiet terminal and plain warnings ------------------------------------------------


@pytest.mark.slow
def test_a_run_keeps_the_kernel_log_off_the_terminal_and_shows_plain_notes(tmp_path, seed_path):
    corpus = tmp_path / "texts"
    corpus.mkdir()
    shutil.copy(seed_path, corpus / seed_path.name)
    (corpus / "scan.txt").write_bytes(b"\x00\x01" * 200)  # skipped with a warning
    (corpus / "latin.txt").write_bytes("Le ministre a dit non à la proposition.\n".encode("cp1252"))
    done = _cli(str(corpus), "--out", "out", "--notebooks", "overview", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no "[IPKernelApp] WARNING | Kernel is running over TCP ..."
    page = (tmp_path / "out" / "texts" / "corpus_overview.html").read_text(encoding="utf-8")
    assert "Warning: 1 binary files skipped" in page
    assert "ipykernel_" not in page and "read_corpus(corpus)" not in page
    assert "<script" not in page
    assert "1 document(s) not in UTF-8, read as: latin (cp1252)" in page
    manifest = json.loads((tmp_path / "out" / "texts" / "manifest.json").read_text())
    assert [i["path"] for i in manifest["inputs"]] == [seed_path.name, "latin.txt", "scan.txt"]
    # The manifest names every file of the report, each under the notebook that wrote it.
    entry, = manifest["notebooks"]
    assert entry["figures"] == ["figures/corpus_overview-document_lengths.png"]
    assert entry["tables"] == ["tables/corpus_overview-documents.csv",
                               "tables/corpus_overview-lengths.csv"]
    listed = {"manifest.json", "index.html", *entry["outputs"], *entry["figures"],
              *entry["tables"]}
    report = tmp_path / "out" / "texts"
    assert {p.relative_to(report).as_posix() for p in report.rglob("*") if p.is_file()} == listed


def test_a_partial_run_that_cannot_be_kept_is_said_so(tmp_path):
    from analysis.report._run import _failure_message

    manifest = {"notebooks": [{"name": "timeline", "status": "failed"}]}
    message = _failure_message(manifest, RuntimeError("boom"), None, tmp_path / "r",
                               reason=OSError(28, "No space left on device"))
    assert message == (f"notebook 'timeline' failed: RuntimeError: boom. The partial run could "
                       f"not be kept (No space left on device); the previous report "
                       f"{tmp_path / 'r'}{os.sep} does not exist.")


def test_a_notebook_named_index_is_refused(tmp_path, seed_path):
    shutil.copy(TEST_NOTEBOOKS / "kernel_probe.ipynb", tmp_path / "index.ipynb")
    with pytest.raises(ParameterError, match="named 'index'.*landing page"):
        run_report(seed_path, out=tmp_path / "reports", notebooks=["index"],
                   notebook_dir=tmp_path)
    assert not (tmp_path / "reports").exists()


def test_a_dataframe_corpus_is_refused_with_what_to_do(tmp_path, seed_path):
    import analysis

    docs = analysis.read_corpus(seed_path)
    with pytest.raises(ParameterError, match=r"not DataFrame.*to_parquet"):
        run_report(docs, out=tmp_path / "reports")
    assert not (tmp_path / "reports").exists()
