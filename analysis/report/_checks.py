"""Checks :func:`analysis.report.run_report` makes before running anything.

The corpus path (and that it holds documents), the report name, the out folder
and the folders a run would replace, the notebooks, the kernel, and whether to
show progress bars. The package module (``analysis/report/__init__.py``)
re-exports these names.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from analysis.errors import CorpusError, ParameterError, ReportError

#: The repository's notebooks folder, where notebook names are looked up.
NOTEBOOK_DIR = Path(__file__).resolve().parents[2] / "notebooks"

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_NOTEBOOK = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def _resolve_corpus(corpus: str | os.PathLike[str]) -> Path:
    if isinstance(corpus, bytes) or not isinstance(corpus, str | os.PathLike):
        raise ParameterError(
            f"corpus must be the path of a file or folder of documents, not "
            f"{type(corpus).__name__}; the notebooks read files, so save a DataFrame first "
            "(e.g. docs.to_parquet('corpus.parquet')) and pass that path"
        )
    path = Path(corpus).expanduser()
    resolved = path.resolve()
    if not resolved.exists():
        raise CorpusError(
            f"corpus {str(corpus)!r} not found (looked for {resolved}); "
            "pass the path of a file or folder of documents"
        )
    return resolved


def _check_documents(corpus: Path) -> None:
    """Refuse a corpus that holds no document (an empty folder, only binary or other files).

    Only lists the files, as :func:`analysis.read_corpus` would; reading them is
    left to the notebooks.
    """
    from analysis.corpus import list_files

    try:
        list_files(corpus, encoding=None, note=lambda message: None)
    except CorpusError as exc:
        raise CorpusError(f"{exc}; give a file or folder of documents as CORPUS") from None


def _check_out(out_dir: Path, name: str, corpus: Path) -> None:
    """Refuse an out folder that cannot hold the report, and folders a run must not replace.

    ``<out>/<name>/`` and ``<out>/<name>.failed/`` are replaced by a run: each
    must be missing, empty, or a report folder (one with a ``manifest.json``),
    never the corpus or a folder holding it. The out folder must not lie inside
    the corpus folder (its tables would be read as documents by the next run),
    and its nearest existing folder must be a writable folder.
    """
    if corpus.is_dir() and (out_dir == corpus or corpus in out_dir.parents):
        raise ParameterError(
            f"the out folder {str(out_dir)!r} is inside the corpus folder {str(corpus)!r}: the "
            "report's tables would be read as documents by the next run; choose an out folder "
            "outside the corpus (out=, --out)"
        )
    existing = out_dir
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise ParameterError(
            f"the out folder {str(out_dir)!r} cannot be created: {str(existing)!r} is a file, "
            "not a folder; choose another out folder (out=, --out)"
        )
    if not _writable(existing):
        raise ReportError(
            f"cannot write in {str(existing)!r} (permission denied); choose an out folder you "
            "can write to (out=, --out), or make it writable"
        )
    for folder in (out_dir / name, out_dir / f"{name}.failed"):
        if folder == corpus or folder in corpus.parents:
            raise ParameterError(
                f"the report would replace {str(folder)!r}, which holds the corpus; choose "
                "another report name (name=, --name) or out folder (out=, --out)"
            )
        if folder.exists() and not _is_replaceable(folder):
            raise ParameterError(
                f"{str(folder)!r} exists and is not a report folder (it has no manifest.json), "
                "so it is not replaced; choose another report name (name=, --name) or out "
                "folder (out=, --out), or move it away"
            )


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


def _is_replaceable(folder: Path) -> bool:
    """An empty folder, or one holding a report's ``manifest.json``."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    if not any(folder.iterdir()):
        return True
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and "report" in manifest and "notebooks" in manifest


def _slug(path: Path) -> str:
    stem = path.stem if path.is_file() else path.name
    slug = re.sub(r"[^a-z0-9_]+", "-", stem.lower()).strip("-_")
    return slug or "report"


def _check_name(name: str) -> str:
    if (
        not isinstance(name, str)
        or not _NAME.fullmatch(name)
        or ".." in name
        or name.endswith(".failed")
    ):
        raise ParameterError(
            f"report name {name!r} is not a plain folder name; use letters, digits, '.', '-' "
            "and '_' (no path separators, no '..', not ending in '.failed'), e.g. 'seeds-2018'"
        )
    return name


def _find_notebooks(
    notebooks: Sequence[str], notebook_dir: str | os.PathLike[str] | None
) -> dict[str, Path]:
    folder = Path(notebook_dir).expanduser().resolve() if notebook_dir else NOTEBOOK_DIR
    available = sorted(p.stem for p in folder.glob("*.ipynb"))
    if isinstance(notebooks, str):
        notebooks = [notebooks]
    if not notebooks:
        raise ParameterError(f"no notebook to run; available in {folder}: {', '.join(available)}")
    paths: dict[str, Path] = {}
    for nb in notebooks:
        if not isinstance(nb, str) or not _NOTEBOOK.fullmatch(nb) or nb not in available:
            raise ParameterError(
                f"unknown notebook {nb!r}; available in {folder}: {', '.join(available) or 'none'}"
            )
        if nb in paths:
            raise ParameterError(f"notebook {nb!r} is listed twice")
        if nb == "index":
            raise ParameterError(
                "a notebook named 'index' cannot be run: its page would be index.html, the "
                "report's landing page; rename the notebook"
            )
        paths[nb] = folder / f"{nb}.ipynb"
    return paths


def _check_kernel(kernel_name: str) -> None:
    from jupyter_client.kernelspec import KernelSpecManager

    available = KernelSpecManager().find_kernel_specs()
    if kernel_name not in available:
        raise ParameterError(
            f"unknown Jupyter kernel {kernel_name!r}; available: {', '.join(sorted(available))}"
        )


def _kernel_arguments(kernel_name: str, log_output: bool) -> list[str]:
    """Extra arguments that keep an IPython kernel's own log off the user's terminal.

    ipykernel logs a warning about unencrypted TCP at every start and an error
    when a run is interrupted; neither is the user's business. Cell output and
    tracebacks are unaffected (they reach the notebook), and with ``log_output``
    the kernel logs as usual.
    """
    from jupyter_client.kernelspec import KernelSpecManager

    if log_output:
        return []
    try:
        argv = KernelSpecManager().get_kernel_spec(kernel_name).argv
    except Exception:  # noqa: BLE001 - an unknown kernel is refused elsewhere
        return []
    if any("ipykernel" in part for part in argv):
        return ["--IPKernelApp.log_level=CRITICAL"]
    return []


def _kernel_executable(kernel_name: str) -> str | None:
    """The program the kernel starts, as jupyter_client resolves it."""
    from jupyter_client.kernelspec import KernelSpecManager

    try:
        argv = KernelSpecManager().get_kernel_spec(kernel_name).argv
    except Exception:  # noqa: BLE001 - only informative
        return None
    if argv and argv[0] in {"python", f"python{sys.version_info[0]}",
                            "python%i.%i" % sys.version_info[:2]}:
        return sys.executable  # jupyter_client substitutes the running Python
    return argv[0] if argv else None


def _progress_wanted(progress: bool | None) -> bool:
    if progress is not None:
        return bool(progress)
    ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    return not ci and sys.stderr.isatty()

