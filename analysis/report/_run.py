"""Running one notebook of a report, and what happens around the run.

:func:`analysis.report.run_report` calls :func:`_run_one` per notebook
(papermill, then the HTML export), swaps the finished folder into place, and
words the message of a failed run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from analysis.report import _manifest, _progress
from analysis.report._html import _to_html
from analysis.report._params import papermill_path


def _preload() -> None:
    """Import papermill and nbconvert's HTML exporter once, before the notebooks are timed.

    They are needed by every notebook of a run; imported inside the first
    notebook's timer (as before), their 0.5-1 s made that notebook look that
    much slower than the others in ``manifest.json``. The total is unchanged.
    """
    import nbconvert.exporters.html  # noqa: F401
    import papermill  # noqa: F401


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM into KeyboardInterrupt while a report runs (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)



def _run_one(entry: dict[str, Any], path: Path, work: Path, kernel_name: str, log: bool,
             progress: bool, kernel_args: list[str] | None = None) -> None:
    import nbformat
    import papermill

    entry["status"] = "running"
    entry["started"] = _manifest.now()
    before = _files(work)
    clock = time.perf_counter()
    try:
        papermill.execute_notebook(
            papermill_path(path),
            papermill_path(work / f"{entry['name']}.ipynb"),
            parameters=entry["parameters"],
            kernel_name=kernel_name,
            cwd=str(work),
            progress_bar=_progress.cell_bar(entry["name"]) if progress else False,
            log_output=log,
            extra_arguments=list(kernel_args or []),
        )
        executed = nbformat.read(work / f"{entry['name']}.ipynb", as_version=4)
        (work / f"{entry['name']}.html").write_text(_to_html(executed, entry["name"]),
                                                    encoding="utf-8")
    except BaseException:
        entry["status"] = "failed"
        raise
    finally:
        entry["finished"] = _manifest.now()
        entry["duration_s"] = round(time.perf_counter() - clock, 3)
    entry["status"] = "ok"
    entry["outputs"] = [f"{entry['name']}.ipynb", f"{entry['name']}.html"]
    written = sorted(_files(work) - before - set(entry["outputs"]))
    entry["figures"] = [f for f in written if f.startswith("figures/")]
    entry["tables"] = [f for f in written if f.startswith("tables/")]
    entry["outputs"] += [f for f in written if not f.startswith(("figures/", "tables/"))]


def _files(folder: Path) -> set[str]:
    """Relative posix paths of the files under ``folder``."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def _swap_into_place(work: Path, target: Path) -> None:
    if not target.exists():
        work.rename(target)
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    target.rename(old)
    try:
        work.rename(target)
    except BaseException:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _failure_message(manifest: dict[str, Any], exc: BaseException, failed: Path | None,
                     target: Path, *, reason: BaseException | None = None) -> str:
    """The one-paragraph message of a failed run.

    ``failed`` is the folder the partial run was moved to, or None when it
    could not be kept (``reason`` says why).
    """
    from papermill.exceptions import PapermillExecutionError

    nb = next((e["name"] for e in manifest["notebooks"] if e["status"] == "failed"), None)
    if isinstance(exc, PapermillExecutionError):
        first = next((ln.strip() for ln in (exc.source or "").splitlines() if ln.strip()), "")
        value = (str(exc.evalue).strip().splitlines() or [""])[0]
        what = (f"failed in cell {exc.cell_index} (`{_shorten(first, 80)}`): "
                f"{exc.ename}: {_shorten(value, 300)}")
    else:
        what = f"failed: {type(exc).__name__}: {_shorten(str(exc).strip(), 300)}"
    kept = "is unchanged" if target.exists() else "does not exist"
    head = f"the report {what}" if nb is None else f"notebook {nb!r} {what}"
    if failed is None:
        why = getattr(reason, "strerror", None) or reason
        return (f"{head}. The partial run could not be kept ({why}); the previous report "
                f"{target}{os.sep} {kept}.")
    if nb is None:  # every notebook ran; exporting (PDF) failed
        return (f"{head}. The partial run is in {failed}{os.sep}; the previous "
                f"report {target}{os.sep} {kept}.")
    return (
        f"{head}. The partial run is in {failed}{os.sep} (open {nb}.ipynb "
        f"there to see the traceback); the previous report {target}{os.sep} {kept}."
    )


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


