"""Run the parameterised notebooks on a corpus and collect them in a report folder.

``run_report`` checks everything it can before running anything (corpus,
report name, notebooks, parameters, figure formats, kernel), executes each
notebook with papermill in a temporary folder next to the target, exports it to
HTML without its code, writes ``manifest.json`` and ``index.html``, and only
then renames the folder into place. See ``reports/README.md`` for the folder
contract.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from analysis import _manifest
from analysis._index_page import index_html
from analysis.errors import CorpusError, ParameterError, ReportError
from analysis.figures import parse_formats

__all__ = ["run_report", "DEFAULT_NOTEBOOKS", "NOTEBOOK_DIR"]

#: The repository's notebooks folder, where notebook names are looked up.
NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"

#: Notebooks a report runs when none are named, in order.
DEFAULT_NOTEBOOKS = (
    "corpus_overview",
    "term_frequencies",
    "rhetoric_markers",
    "timeline",
)

# Set by run_report itself; every notebook must declare the first two.
_REQUIRED = ("corpus", "out_dir")
_RESERVED = (*_REQUIRED, "figure_formats")

_USE = {
    "corpus": "give the corpus as the corpus argument (CORPUS on the command line)",
    "out_dir": "the notebooks write into the report folder, chosen with out= and name= "
    "(--out, --name)",
    "figure_formats": "use the figure_formats argument (--formats)",
}

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_NOTEBOOK = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def run_report(
    corpus: str | os.PathLike[str] = "seeds",
    *,
    out: str | os.PathLike[str] | None = None,
    name: str | None = None,
    notebooks: Sequence[str] = DEFAULT_NOTEBOOKS,
    parameters: Mapping[str, Any] | None = None,
    figure_formats: str | Sequence[str] = ("png",),
    kernel_name: str = "python3",
    log_output: bool = False,
    notebook_dir: str | os.PathLike[str] | None = None,
) -> Path:
    """Execute notebooks on a corpus and write a self-contained report folder.

    The folder ``<out>/<name>/`` holds ``index.html``, ``manifest.json``, for
    each notebook ``<nb>.ipynb`` (executed, with an ``injected-parameters``
    cell) and ``<nb>.html`` (outputs only, figures embedded), and the files the
    notebooks wrote: ``figures/<nb>-<figure>.<fmt>`` and
    ``tables/<nb>-<table>.csv``. The run happens in ``<out>/.<name>.tmp-<pid>/``
    and replaces ``<out>/<name>/`` only when every notebook succeeded.

    Parameters
    ----------
    corpus : str or path-like, default "seeds"
        File or folder of documents, as :func:`analysis.read_corpus` accepts.
        A relative path resolves against the current working directory; the
        notebooks receive it as an absolute path.
    out : str or path-like, optional
        Folder that holds report folders; default ``reports/`` under the
        current working directory. Created if missing.
    name : str, optional
        Name of the report folder: letters, digits, ``.``, ``-``, ``_``, no
        ``..``. By default a slug of the corpus file or folder name
        (``seeds`` for ``seeds/``).
    notebooks : sequence of str, default ("corpus_overview",)
        Notebook names (file names without ``.ipynb``) to run, in order.
    parameters : mapping, optional
        Notebook parameters. A plain name (``top_n``) goes to every notebook
        whose parameters cell declares it and must be declared by at least one;
        ``notebook.name`` (``corpus_overview.top_n``) goes to that notebook only
        and overrides the plain form. ``corpus``, ``out_dir`` and
        ``figure_formats`` are set by this function and cannot be passed here.
    figure_formats : str or sequence of str, default ("png",)
        Formats the notebooks save figures in: ``png``, ``svg``, ``pdf``.
    kernel_name : str, default "python3"
        Jupyter kernel to run the notebooks with. ``python3`` is the kernel of
        the Python running this function (``sys.executable``).
    log_output : bool, default False
        Stream the notebooks' output to the ``papermill`` logger while they run.
    notebook_dir : str or path-like, optional
        Folder to find the notebooks in; default the repository's ``notebooks/``.

    Returns
    -------
    pathlib.Path
        The report folder ``<out>/<name>``.

    Raises
    ------
    CorpusError
        If the corpus path does not exist (nothing is written).
    ParameterError
        If the name, a notebook, a parameter, a figure format or the kernel is
        not accepted (nothing is written).
    ReportError
        If a notebook fails. The message names the notebook, the cell and the
        exception; the partial run is moved to ``<out>/<name>.failed/`` and a
        previous report of the same name is left as it was.

    Examples
    --------
    >>> folder = run_report("seeds", out="reports")  # doctest: +SKIP
    >>> (folder / "index.html").is_file()  # doctest: +SKIP
    True
    """
    corpus_path = _resolve_corpus(corpus)
    out_dir = Path(out if out is not None else Path.cwd() / "reports").expanduser().resolve()
    name = _check_name(name if name is not None else _slug(corpus_path))
    formats = parse_formats(figure_formats)
    paths = _find_notebooks(notebooks, notebook_dir)
    plan = _plan_parameters(paths, parameters, corpus=corpus_path, formats=formats)
    _check_kernel(kernel_name)

    target = out_dir / name
    failed = out_dir / f"{name}.failed"
    work = out_dir / f".{name}.tmp-{os.getpid()}"
    manifest = _manifest.new_manifest(name, corpus_path, paths, plan, formats, kernel_name,
                                     _kernel_executable(kernel_name))

    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(work, ignore_errors=True)
    (work / "figures").mkdir(parents=True)
    (work / "tables").mkdir()
    started = time.perf_counter()
    try:
        for entry in manifest["notebooks"]:
            _run_one(entry, paths[entry["name"]], work, kernel_name, log_output)
    except BaseException as exc:
        _manifest.finish(manifest, started, "failed")
        message = _failure_message(manifest, exc, failed, target)
        manifest["error"] = message
        _manifest.write_manifest(work, manifest)
        shutil.rmtree(failed, ignore_errors=True)
        work.rename(failed)
        if isinstance(exc, Exception):
            raise ReportError(message) from None
        raise
    _manifest.finish(manifest, started, "ok")
    _manifest.write_manifest(work, manifest)
    (work / "index.html").write_text(index_html(manifest), encoding="utf-8")
    _swap_into_place(work, target)
    shutil.rmtree(failed, ignore_errors=True)
    return target


# -- checks before running -------------------------------------------------------


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


def _papermill_path(path: Path) -> str:
    # papermill formats paths with str.format(**parameters); keep braces literal.
    return str(path).replace("{", "{{").replace("}", "}}")


def _plan_parameters(
    paths: Mapping[str, Path],
    parameters: Mapping[str, Any] | None,
    *,
    corpus: Path,
    formats: tuple[str, ...],
) -> dict[str, dict[str, Any]]:
    """Return the parameters each notebook gets, checked against its parameters cell."""
    import papermill

    parameters = dict(parameters or {})
    declared = {nb: papermill.inspect_notebook(_papermill_path(p)) for nb, p in paths.items()}
    for nb, names in declared.items():
        missing = [p for p in _REQUIRED if p not in names]
        if missing:
            raise ParameterError(
                f"notebook {nb!r} does not declare {', '.join(map(repr, missing))} in a cell "
                f"tagged 'parameters' ({paths[nb]}); every report notebook needs {_REQUIRED}"
            )

    plain: dict[str, Any] = {}
    qualified: dict[str, dict[str, Any]] = {nb: {} for nb in paths}
    for key, value in parameters.items():
        nb, dot, param = str(key).rpartition(".")
        if param in _RESERVED:
            raise ParameterError(f"parameter {param!r} is set by the report runner; {_USE[param]}")
        if not dot:
            if not any(param in names for names in declared.values()):
                raise ParameterError(_unknown(param, declared))
            plain[param] = value
        elif nb not in paths:
            raise ParameterError(
                f"parameter {key!r} names notebook {nb!r}, which is not in this report "
                f"({', '.join(paths)})"
            )
        elif param not in declared[nb]:
            raise ParameterError(_unknown(param, {nb: declared[nb]}))
        else:
            qualified[nb][param] = value

    plan = {}
    for nb, names in declared.items():
        given = {"corpus": str(corpus), "out_dir": ".", "figure_formats": ",".join(formats)}
        given.update(plain)
        given.update(qualified[nb])
        plan[nb] = {k: v for k, v in given.items() if k in names}
    return plan


def _unknown(param: str, declared: Mapping[str, Mapping[str, Any]]) -> str:
    accepted = "; ".join(
        f"notebook {nb!r} accepts {', '.join(n for n in names if n not in _RESERVED) or 'none'}"
        for nb, names in declared.items()
    )
    return f"unknown parameter {param!r}: {accepted}"


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


# -- running ---------------------------------------------------------------------


def _run_one(entry: dict[str, Any], path: Path, work: Path, kernel_name: str, log: bool) -> None:
    import nbformat
    import papermill

    entry["status"] = "running"
    entry["started"] = _manifest.now()
    clock = time.perf_counter()
    try:
        papermill.execute_notebook(
            _papermill_path(path),
            _papermill_path(work / f"{entry['name']}.ipynb"),
            parameters=entry["parameters"],
            kernel_name=kernel_name,
            cwd=str(work),
            progress_bar=False,
            log_output=log,
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


def _to_html(nb: Any, title: str) -> str:
    """Export an executed notebook to HTML with its code hidden."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body


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


def _failure_message(manifest: dict[str, Any], exc: BaseException, failed: Path,
                     target: Path) -> str:
    from papermill.exceptions import PapermillExecutionError

    nb = next((e["name"] for e in manifest["notebooks"] if e["status"] == "failed"), "?")
    if isinstance(exc, PapermillExecutionError):
        first = next((ln.strip() for ln in (exc.source or "").splitlines() if ln.strip()), "")
        value = (str(exc.evalue).strip().splitlines() or [""])[0]
        what = (f"failed in cell {exc.cell_index} (`{_shorten(first, 80)}`): "
                f"{exc.ename}: {_shorten(value, 300)}")
    else:
        what = f"failed: {type(exc).__name__}: {_shorten(str(exc).strip(), 300)}"
    kept = "is unchanged" if target.exists() else "does not exist"
    return (
        f"notebook {nb!r} {what}. The partial run is in {failed}{os.sep} (open {nb}.ipynb "
        f"there to see the traceback); the previous report {target}{os.sep} {kept}."
    )


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# -- manifest and index ----------------------------------------------------------
