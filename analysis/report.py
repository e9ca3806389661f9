"""Run the parameterised notebooks on a corpus and collect them in a report folder.

``run_report`` checks everything it can before running anything (corpus,
report name, notebooks, parameters, figure formats, kernel), executes each
notebook with papermill in a temporary folder next to the target, exports it to
HTML without its code, writes ``manifest.json`` and ``index.html``, and only
then renames the folder into place. See ``reports/README.md`` for the folder
contract.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from analysis import _manifest, _progress
from analysis._index_page import corpus_summary, index_html
from analysis._params import expand_notebooks, papermill_path, plan_parameters
from analysis._pdf import find_chromium, parse_report_formats, print_pdf
from analysis.errors import CorpusError, ParameterError, ReportError
from analysis.figures import parse_formats

__all__ = ["DEFAULT_NOTEBOOKS", "NOTEBOOK_DIR", "run_report"]

#: The repository's notebooks folder, where notebook names are looked up.
NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"

#: Notebooks a report runs when none are named, in order.
DEFAULT_NOTEBOOKS = (
    "corpus_overview",
    "term_frequencies",
    "rhetoric_markers",
    "timeline",
)

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
    formats: str | Sequence[str] = ("html",),
    chromium: str | os.PathLike[str] | None = None,
    kernel_name: str = "python3",
    log_output: bool = False,
    progress: bool | None = None,
    notebook_dir: str | os.PathLike[str] | None = None,
    engine: str | None = None,
    scheduler: str | None = None,
    n_workers: int = 2,
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
    notebooks : str or sequence of str, default DEFAULT_NOTEBOOKS
        Notebook names (file names without ``.ipynb``) to run, in order; a
        string may be a comma list. Short aliases are accepted: ``overview``,
        ``terms``, ``rhetoric`` (or ``markers``), see ``NOTEBOOK_ALIASES``.
    parameters : mapping, optional
        Notebook parameters. A plain name (``top_n``) goes to every notebook
        whose parameters cell declares it and must be declared by at least one;
        ``notebook.name`` (``corpus_overview.top_n``) goes to that notebook only
        and overrides the plain form. ``corpus``, ``out_dir`` and
        ``figure_formats`` are set by this function and cannot be passed here.
        Each value must have the type of the parameter's default in the
        notebook (an int is accepted for a float; anything where the default
        is None).
    figure_formats : str or sequence of str, default ("png",)
        Formats the notebooks save figures in: ``png``, ``svg``, ``pdf``.
    formats : str or sequence of str, default ("html",)
        Report formats: ``html`` (always written) and ``pdf``, which prints
        ``index.html`` and each ``<nb>.html`` to ``<page>.pdf`` with a headless
        Chromium.
    chromium : str or path-like, optional
        The Chromium to print PDF with; default ``$RHETORIC_CHROMIUM``, else
        ``chromium``, ``chromium-browser`` or ``google-chrome`` on ``PATH``.
    kernel_name : str, default "python3"
        Jupyter kernel to run the notebooks with. ``python3`` is the kernel of
        the Python running this function (``sys.executable``).
    log_output : bool, default False
        Stream the notebooks' output to the ``papermill`` logger while they run.
    progress : bool, optional
        Show progress bars on stderr (overall, and per notebook its cells).
        Default: only when stderr is a terminal and ``CI`` is not set.
    notebook_dir : str or path-like, optional
        Folder to find the notebooks in; default the repository's ``notebooks/``.
    engine : {"pandas", "dask"}, optional
        Where the notebooks' per-document stages run (see
        :func:`analysis.engine.compute_tables`): given to every notebook that
        declares an ``engine`` parameter. With ``"dask"`` and no ``scheduler``,
        one ``distributed.LocalCluster`` of ``n_workers`` workers is started
        for the whole run and its address given to the notebooks.
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:8786``), given to
        every notebook that declares ``scheduler``; checked before any
        notebook runs.
    n_workers : int, default 2
        Workers of the local Dask cluster.

    Returns
    -------
    pathlib.Path
        The report folder ``<out>/<name>``.

    Raises
    ------
    CorpusError
        If the corpus path does not exist (nothing is written).
    ParameterError
        If the name, a notebook, a parameter (name or type), a figure or report
        format, the engine or the kernel is not accepted, or PDF is asked for
        and no Chromium is found (nothing is written).
    EngineError
        If the Dask scheduler does not answer within 5 s (nothing is written).
    ReportError
        If a notebook fails. The message names the notebook, the cell and the
        exception; the partial run is moved to ``<out>/<name>.failed/`` and a
        previous report of the same name is left as it was.
    KeyboardInterrupt
        If interrupted (Ctrl-C, or SIGTERM in the main thread): the temporary
        folder is deleted and the previous report is left as it was.

    Examples
    --------
    >>> folder = run_report("seeds", out="reports")  # doctest: +SKIP
    >>> (folder / "index.html").is_file()  # doctest: +SKIP
    True
    """
    corpus_path = _resolve_corpus(corpus)
    out_dir = Path(out if out is not None else Path.cwd() / "reports").expanduser().resolve()
    name = _check_name(name if name is not None else _slug(corpus_path))
    figure_formats = parse_formats(figure_formats)
    report_formats = parse_report_formats(formats)
    paths = _find_notebooks(expand_notebooks(notebooks), notebook_dir)
    plan = plan_parameters(paths, parameters, corpus=corpus_path, formats=figure_formats,
                           injected={"engine": engine, "scheduler": scheduler})
    from analysis.engine.cluster import check_engines, report_engine

    check_engines(plan, engine)
    _check_kernel(kernel_name)
    browser = find_chromium(chromium) if "pdf" in report_formats else None
    show = _progress_wanted(progress)

    target = out_dir / name
    failed = out_dir / f"{name}.failed"
    work = out_dir / f".{name}.tmp-{os.getpid()}"
    manifest = _manifest.new_manifest(name, corpus_path, paths, plan, figure_formats,
                                      kernel_name, _kernel_executable(kernel_name))
    manifest["formats"] = list(report_formats)

    started = time.perf_counter()
    with _terminate_as_interrupt(), report_engine(plan, n_workers=n_workers) as used:
        manifest["engine"] = used  # the cluster is up (or answered): now write
        out_dir.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(work, ignore_errors=True)
        try:
            (work / "figures").mkdir(parents=True)
            (work / "tables").mkdir()
            with _progress.Overall(len(paths), enabled=show) as bar:
                for entry in manifest["notebooks"]:
                    bar.start(entry["name"])
                    _run_one(entry, paths[entry["name"]], work, kernel_name, log_output, show)
                    bar.done()
                manifest["summary"] = _summary(work, corpus_path)
                _manifest.finish(manifest, started, "ok")
                _manifest.write_manifest(work, manifest)
                (work / "index.html").write_text(index_html(manifest, work), encoding="utf-8")
                if browser:
                    pages = ["index", *paths]
                    bar.start("pdf", total=len(pages))
                    for page in pages:
                        print_pdf(browser, work / f"{page}.html", work / f"{page}.pdf")
                        bar.step()
        except KeyboardInterrupt:
            shutil.rmtree(work, ignore_errors=True)
            raise
        except Exception as exc:  # noqa: BLE001 - any failure becomes a ReportError
            _manifest.finish(manifest, started, "failed")
            message = _failure_message(manifest, exc, failed, target)
            manifest["error"] = message
            try:
                _manifest.write_manifest(work, manifest)
                shutil.rmtree(failed, ignore_errors=True)
                work.rename(failed)
            except BaseException:
                shutil.rmtree(work, ignore_errors=True)
                raise
            raise ReportError(message) from None
        _swap_into_place(work, target)
    shutil.rmtree(failed, ignore_errors=True)
    return target


def _summary(work: Path, corpus: Path) -> dict[str, Any] | None:
    """The landing page's corpus summary; a corpus it cannot summarise gets none."""
    try:
        return corpus_summary(work, corpus)
    except Exception:  # noqa: BLE001 - the notebooks ran; the summary is a nicety
        return None


def _progress_wanted(progress: bool | None) -> bool:
    if progress is not None:
        return bool(progress)
    ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    return not ci and sys.stderr.isatty()


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


def _run_one(entry: dict[str, Any], path: Path, work: Path, kernel_name: str, log: bool,
             progress: bool) -> None:
    import nbformat
    import papermill

    entry["status"] = "running"
    entry["started"] = _manifest.now()
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


#: HTML outputs at least this long skip nbconvert's BeautifulSoup pass (see _to_html).
_BIG_HTML = 64 * 1024


def _to_html(nb: Any, title: str) -> str:
    """Export an executed notebook to HTML with its code hidden.

    nbconvert re-parses the whole page with BeautifulSoup's pure-Python parser
    to add ``alt`` text to images and ``tabindex`` to output areas: 13 s for
    the 4 MB ``rhetoric_markers`` page of MFA 2018 (its evidence tables). Our
    large HTML outputs (tables, evidence, highlighted text) hold neither images
    nor output areas, so each is swapped for a placeholder before the export
    and put back, verbatim, after it; everything else goes through nbconvert
    unchanged.
    """
    import copy
    import uuid

    from nbconvert import HTMLExporter

    nb = copy.deepcopy(nb)
    big: dict[str, str] = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            html = data.get("text/html")
            html = "".join(html) if isinstance(html, list) else html
            if html and len(html) >= _BIG_HTML:
                key = f"rhetoric-workbook-output-{uuid.uuid4().hex}"
                big[key] = html
                data["text/html"] = key
    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    for key, html in big.items():
        if body.count(key) != 1:  # the template did not show it verbatim: export as nbconvert does
            body, _ = HTMLExporter(
                exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
            ).from_notebook_node(_restore(nb, big), resources={"metadata": {"name": title}})
            return body
        body = body.replace(key, html)
    return body


def _restore(nb: Any, big: Mapping[str, str]) -> Any:
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if data.get("text/html") in big:
                data["text/html"] = big[data["text/html"]]
    return nb


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

    nb = next((e["name"] for e in manifest["notebooks"] if e["status"] == "failed"), None)
    if isinstance(exc, PapermillExecutionError):
        first = next((ln.strip() for ln in (exc.source or "").splitlines() if ln.strip()), "")
        value = (str(exc.evalue).strip().splitlines() or [""])[0]
        what = (f"failed in cell {exc.cell_index} (`{_shorten(first, 80)}`): "
                f"{exc.ename}: {_shorten(value, 300)}")
    else:
        what = f"failed: {type(exc).__name__}: {_shorten(str(exc).strip(), 300)}"
    kept = "is unchanged" if target.exists() else "does not exist"
    if nb is None:  # every notebook ran; exporting (PDF) failed
        return (f"the report {what}. The partial run is in {failed}{os.sep}; the previous "
                f"report {target}{os.sep} {kept}.")
    return (
        f"notebook {nb!r} {what}. The partial run is in {failed}{os.sep} (open {nb}.ipynb "
        f"there to see the traceback); the previous report {target}{os.sep} {kept}."
    )


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


