"""Checks :func:`analysis.report.run_report` makes before running anything.

The corpus path, the report name, the notebooks, the kernel, and whether to
show progress bars. The package module (``analysis/report/__init__.py``)
re-exports these names.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from analysis.errors import CorpusError, ParameterError

#: The repository's notebooks folder, where notebook names are looked up.
NOTEBOOK_DIR = Path(__file__).resolve().parents[2] / "notebooks"

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_NOTEBOOK = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def _resolve_corpus(corpus: str | os.PathLike[str]) -> Path:
    path = Path(corpus).expanduser()
    resolved = path.resolve()
    if not resolved.exists():
        raise CorpusError(
            f"corpus {str(corpus)!r} not found (looked for {resolved}); "
            "pass the path of a file or folder of documents"
        )
    return resolved


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
        paths[nb] = folder / f"{nb}.ipynb"
    return paths


def _check_kernel(kernel_name: str) -> None:
    from jupyter_client.kernelspec import KernelSpecManager

    available = KernelSpecManager().find_kernel_specs()
    if kernel_name not in available:
        raise ParameterError(
            f"unknown Jupyter kernel {kernel_name!r}; available: {', '.join(sorted(available))}"
        )


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

