"""Report runs beyond the good seed report: PDF, progress, interruption, plain papermill.

Each test runs papermill for real (marked ``slow``) on one small notebook.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEST_NOTEBOOKS = ROOT / "tests" / "data" / "notebooks"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "analysis", "report", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600, check=False)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def chromium() -> str:
    found = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                  if shutil.which(n)), None)
    if found is None:
        message = "no Chromium on PATH (apt-get install chromium)"
        if _in_ci():
            pytest.fail(message + "; CI=true, so the PDF test must run")
        pytest.skip(message)
    return found


@pytest.mark.slow
def test_pdf_prints_index_and_every_notebook_with_progress(tmp_path, seed_path, chromium):
    done = _cli(str(seed_path), "--out", "out", "--notebooks", "overview", "--formats",
                "html,pdf", "--figure-formats", "png,pdf", "--chromium", chromium,
                "--progress", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = tmp_path / "out" / seed_path.stem
    for page in ("index", "corpus_overview"):
        pdf = (report / f"{page}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF-") and len(pdf) > 1000, page
    assert (report / "figures" / "corpus_overview-document_lengths.pdf").is_file()
    assert 'href="corpus_overview.pdf"' in (report / "index.html").read_text(encoding="utf-8")
    # Forced progress: the overall bar over notebooks, and papermill's cell bar.
    assert "report" in done.stderr and "notebook" in done.stderr and "cell" in done.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == [seed_path.stem]


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_run_leaves_the_previous_report_and_no_temp_folder(
    tmp_path, seed_path, signum
):
    options = ("--out", "out", "--name", "r", "--notebook-dir", str(TEST_NOTEBOOKS))
    first = _cli(str(seed_path), *options, "--notebooks", "kernel_probe", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    report = tmp_path / "out" / "r"
    before = _snapshot(report)

    process = subprocess.Popen(
        [sys.executable, "-m", "analysis", "report", str(seed_path), *options,
         "--notebooks", "kernel_probe,sleeper"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 120
    marker = None
    while marker is None and time.monotonic() < deadline and process.poll() is None:
        marker = next((tmp_path / "out").glob(".r.tmp-*/tables/sleeper-started.csv"), None)
        time.sleep(0.2)
    assert marker is not None, "the sleeper notebook never started"
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)

    assert process.returncode == 130, stderr
    assert stderr.strip().endswith("error: interrupted")
    # (The kernel may log its own interrupted-cell traceback to the inherited stderr;
    # the runner itself prints none.)
    assert "analysis/report.py" not in stderr and "analysis/__main__.py" not in stderr
    # Nor do papermill's logger ("Kernel died while waiting for execute reply.") and
    # the kernel's own log ("[IPKernelApp] ERROR | KeyboardInterrupt caught in kernel.").
    assert "Kernel died" not in stderr and "[IPKernelApp]" not in stderr
    assert _snapshot(report) == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["r"]


@pytest.mark.slow
def test_plain_papermill_runs_a_notebook_with_a_relative_corpus(tmp_path, seed_path):
    out_dir = tmp_path / "scratch"
    done = subprocess.run(
        [sys.executable, "-m", "papermill", "notebooks/corpus_overview.ipynb",
         str(tmp_path / "out.ipynb"), "-p", "corpus", "seeds/", "-p", "out_dir", str(out_dir),
         "--no-progress-bar"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr
    documents = (out_dir / "tables" / "corpus_overview-documents.csv").read_text()
    assert seed_path.stem in documents
    assert (out_dir / "figures" / "corpus_overview-document_lengths.png").is_file()



@pytest.mark.slow
def test_a_failing_pdf_print_fails_the_run_and_keeps_the_previous_report(tmp_path, seed_path):
    fake = tmp_path / "fake-chromium"
    fake.write_text("#!/bin/sh\necho 'cannot print' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    options = ("--out", "out", "--name", "r", "--notebook-dir", str(TEST_NOTEBOOKS),
               "--notebooks", "kernel_probe")
    first = _cli(str(seed_path), *options, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before = _snapshot(tmp_path / "out" / "r")

    done = _cli(str(seed_path), *options, "--formats", "pdf", "--chromium", str(fake),
                cwd=tmp_path)
    assert done.returncode == 2
    error = done.stderr.strip().splitlines()[-1]  # after the kernel's own log lines
    assert error.startswith("error: the report failed: ReportError: printing index.html "
                                  f"to PDF with {fake} failed (exit 3): cannot print")
    assert "Traceback" not in done.stderr
    assert _snapshot(tmp_path / "out" / "r") == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["r", "r.failed"]
