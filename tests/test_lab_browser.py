"""JupyterLab driven for real: a headless Chromium runs notebooks/term_frequencies.ipynb.

The test starts JupyterLab (the project's venv and kernel) on 127.0.0.1 with a random
token, opens the notebook in Debian's ``chromium`` through Playwright's Python API
(``executable_path``: Playwright never downloads a browser here), runs every cell from
the Run menu, waits for the kernel to go idle and checks that a figure (an ``<img>``
output) and a DataFrame (a rendered ``<table>``) appear, with no error output. It then
closes the notebook from the File menu and discards the changes.

JupyterLab serves a temporary copy of the repository layout (``notebooks/`` and
``seeds/``), so the notebook's defaults (``corpus="../seeds"``,
``out_dir="../reports/scratch"``) work unchanged and nothing is written into the
repository; the committed notebook is also checked to be byte-identical afterwards.

Without Chromium or Playwright the test skips with the reason; under ``CI=true`` it
fails instead, so CI cannot pass by skipping. ``$CHROMIUM`` overrides the browser path.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "term_frequencies.ipynb"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT = 60  # s until JupyterLab answers /api/status
RUN_TIMEOUT = 90  # s for the notebook to run top to bottom in the browser
# The status bar's kernel item reads "Python 3 (ipykernel) | Idle" once the kernel is up.
KERNEL_IDLE_JS = ("/Python 3 \\(ipykernel\\) \\| Idle/"
                  ".test(document.querySelector('#jp-main-statusbar')?.innerText ?? '')")
UI_TIMEOUT = 30  # s for one UI element (menu, notebook panel, dialog)
# Settings the lab reads from a fresh settings folder: no news prompt, no autosave
# (the notebook must close unsaved), no update check, and every cell kept in the DOM
# (no windowing) so the test sees all prompts and outputs without scrolling.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _skip_or_fail(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"{reason}; CI=true, so the JupyterLab browser test must not skip")
    pytest.skip(reason)


def _chromium() -> str:
    """Path of the system Chromium: ``$CHROMIUM``, else ``chromium`` on PATH or in /usr/bin."""
    if os.environ.get("CHROMIUM"):
        found = shutil.which(os.environ["CHROMIUM"])
        if not found:
            _skip_or_fail(f"CHROMIUM={os.environ['CHROMIUM']!r} is not an executable")
        return found
    for name in ("chromium", "chromium-browser", "/usr/bin/chromium"):
        found = shutil.which(name)
        if found:
            return found
    _skip_or_fail("no chromium executable found (apt-get install chromium, or set CHROMIUM=/path)")
    raise AssertionError("unreachable")


def _playwright():
    """playwright.sync_api (the pip package only: the browser is the system Chromium)."""
    try:
        from playwright import sync_api
    except ImportError:
        _skip_or_fail("playwright is not installed (pip install playwright; no browser download needed)")
    return sync_api


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _workspace(tmp: Path) -> Path:
    """tmp/root/{notebooks,seeds}: the repository layout the notebook's defaults expect."""
    root = tmp / "root"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy(NOTEBOOK, root / "notebooks" / NOTEBOOK.name)
    shutil.copytree(ROOT / "seeds", root / "seeds")
    return root


def _lab_env(tmp: Path) -> dict[str, str]:
    """Environment isolating the lab from the user's Jupyter and IPython folders."""
    settings = tmp / "lab-settings"
    for name, values in LAB_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(tmp / "jupyter-config"),
        JUPYTER_DATA_DIR=str(tmp / "jupyter-data"),
        JUPYTER_RUNTIME_DIR=str(tmp / "jupyter-runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp / "lab-workspaces"),
        JUPYTER_PREFER_ENV_PATH="1",  # the venv's python3 kernelspec before any user one
        IPYTHONDIR=str(tmp / "ipython"),
        PYTHONUNBUFFERED="1",
    )
    env.pop("JUPYTER_PATH", None)
    return env


def _wait_until_up(proc: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"JupyterLab exited with code {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    pytest.fail(f"JupyterLab did not answer within {SERVER_START_TIMEOUT} s:\n{log.read_text(errors='replace')[-3000:]}")


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM the server (it shuts its kernels down), then SIGKILL its process group."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the group started for this server only
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser_tools():
    """(chromium path, playwright.sync_api), checked before any server starts."""
    return _chromium(), _playwright()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A running JupyterLab serving a copy of notebooks/ and seeds/: (base url, token, root, log)."""
    tmp_path = tmp_path_factory.mktemp("lab")
    root = _workspace(tmp_path)
    port, token = _free_port(), secrets.token_hex(16)
    log = tmp_path / "jupyterlab.log"
    cmd = [
        sys.executable, "-m", "jupyter", "lab",
        "--no-browser", "--allow-root",
        "--ip", "127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.terminals_enabled=False",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=root, env=_lab_env(tmp_path), stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(proc, f"{base}/api/status?token={token}", log)
        yield base, token, root, log
    finally:
        _stop(proc)


def _exactly(text: str) -> re.Pattern:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


def _menu(page, menu: str, item: str) -> None:
    """Click a top menu, then one of its enabled items (exact label), as a user would."""
    page.locator(".lm-MenuBar-itemLabel").filter(has_text=_exactly(menu)).first.click()
    page.locator(".lm-Menu-content .lm-Menu-item:not(.lm-mod-disabled)").filter(
        has=page.locator(".lm-Menu-itemLabel").filter(has_text=_exactly(item))).first.click()


def _failure_context(page, log: Path) -> str:
    prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
                          '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]').all_inner_texts()
    return (f"input prompts: {prompts}\nstderr/error outputs: {[e[-500:] for e in errors]}\n"
            f"server log tail:\n{log.read_text(errors='replace')[-2000:]}")


def _get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def test_lab_offers_the_project_kernel(lab):
    """The served lab defaults to python3 and that spec runs the venv's interpreter."""
    base, token, _, _ = lab
    specs = _get_json(f"{base}/api/kernelspecs?token={token}")
    assert specs["default"] == "python3"
    argv = specs["kernelspecs"]["python3"]["spec"]["argv"]
    # jupyter_client swaps a bare "python" for the server's own sys.executable.
    assert argv[0] in {"python", "python3", sys.executable}, argv


def test_term_frequencies_runs_in_jupyterlab(browser_tools, lab, tmp_path):
    """Run All Cells in a real browser shows a figure and a DataFrame; closing discards them."""
    chromium, playwright = browser_tools
    committed = _sha256(NOTEBOOK)
    base, token, root, log = lab
    served = root / "notebooks" / NOTEBOOK.name
    n_code = sum(c["cell_type"] == "code" for c in json.loads(served.read_text(encoding="utf-8"))["cells"])

    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),  # a fresh user data dir
            executable_path=chromium, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000},
        )
        try:
            page = browser.pages[0] if browser.pages else browser.new_page()
            page.set_default_timeout(UI_TIMEOUT * 1000)
            page.goto(f"{base}/lab/tree/notebooks/{NOTEBOOK.name}?reset&token={token}")
            panel = page.locator(".jp-NotebookPanel").first
            # Every code cell is rendered and the status bar shows the python3 kernel connected
            # and idle (the toolbar's execution indicator says "idle" before a kernel exists).
            page.wait_for_function(
                f"""n => document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt').length === n
                       && {KERNEL_IDLE_JS}""",
                arg=n_code, timeout=SERVER_START_TIMEOUT * 1000, polling=250,
            )

            _menu(page, "Run", "Run All Cells")
            # Every code cell gets an execution count ([n]:), and the kernel is idle again.
            try:
                page.wait_for_function(
                    """n => {
                        const p = [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')]
                            .map(e => e.textContent.trim());
                        return p.length === n && p.every(t => /^\\[\\d+\\]:$/.test(t)) && """ + KERNEL_IDLE_JS + """;
                    }""",
                    arg=n_code, timeout=RUN_TIMEOUT * 1000, polling=250,
                )
            except playwright.TimeoutError as exc:  # say what the page shows
                pytest.fail(f"the notebook did not finish within {RUN_TIMEOUT} s ({exc}):\n"
                            + _failure_context(page, log))

            notebook = panel.locator(".jp-Notebook")
            errors = notebook.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')
            assert errors.count() == 0, "error output in the notebook:\n" + "\n".join(errors.all_inner_texts())

            figures = notebook.locator('.jp-OutputArea-output[data-mime-type="image/png"] img')
            assert figures.count() >= 1, "no figure output:\n" + _failure_context(page, log)
            figures.first.scroll_into_view_if_needed()
            width = figures.first.evaluate("img => img.complete ? img.naturalWidth : 0")
            assert width > 0, "the figure <img> did not load"

            tables = notebook.locator('.jp-OutputArea-output[data-mime-type="text/html"] table.dataframe')
            assert tables.count() >= 1, "no DataFrame table output:\n" + _failure_context(page, log)
            headers = tables.first.locator("thead th").all_inner_texts()
            assert "term" in headers and "n" in headers, f"unexpected first table header {headers}"
            assert tables.first.locator("tbody tr").count() >= 1

            # Close from the File menu and discard the outputs.
            _menu(page, "File", "Close Tab")
            page.locator(".jp-Dialog").get_by_role("button", name="Discard").click()
            panel.wait_for(state="detached")
        finally:
            browser.close()

    # The kernel wrote where the defaults point, inside the served copy.
    scratch = root / "reports" / "scratch"
    assert (scratch / "figures" / "term_frequencies-top_terms.png").is_file()
    assert (scratch / "tables" / "term_frequencies-terms.csv").is_file()
    # Nothing was saved: the served copy and the committed notebook carry no outputs.
    served_cells = json.loads(served.read_text(encoding="utf-8"))["cells"]
    assert not any(c.get("outputs") or c.get("execution_count") for c in served_cells)
    assert _sha256(NOTEBOOK) == committed, "notebooks/term_frequencies.ipynb changed"
