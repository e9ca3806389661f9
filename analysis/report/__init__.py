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
import shutil
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from analysis.errors import ReportError
from analysis.figures import parse_formats
from analysis.report import _manifest, _progress
from analysis.report._checks import (  # noqa: F401 - re-exported: tests and tools use them from here
    _NAME,
    _NOTEBOOK,
    NOTEBOOK_DIR,
    _check_documents,
    _check_kernel,
    _check_name,
    _check_out,
    _find_notebooks,
    _kernel_arguments,
    _kernel_executable,
    _progress_wanted,
    _resolve_corpus,
    _slug,
)
from analysis.report._html import _BIG_HTML, _restore, _to_html  # noqa: F401 - re-exported
from analysis.report._index_page import corpus_summary, index_html
from analysis.report._params import expand_notebooks, plan_parameters
from analysis.report._pdf import find_chromium, parse_report_formats, print_pdf
from analysis.report._run import (  # noqa: F401 - re-exported
    _failure_message,
    _preload,
    _run_one,
    _shorten,
    _swap_into_place,
    _terminate_as_interrupt,
)

__all__ = ["DEFAULT_NOTEBOOKS", "NOTEBOOK_DIR", "run_report"]

#: Notebooks a report runs when none are named, in order.
DEFAULT_NOTEBOOKS = (
    "corpus_overview",
    "term_frequencies",
    "rhetoric_markers",
    "timeline",
)


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
        current working directory. Created if missing; must not lie inside
        the corpus folder.
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
        If the corpus path does not exist or holds no documents (nothing is
        written).
    ParameterError
        If the name, a notebook, a parameter (name or type), a figure or report
        format, the engine or the kernel is not accepted, or PDF is asked for
        and no Chromium is found; if ``out`` is (inside) a file or inside the
        corpus folder; or if ``<out>/<name>/`` (or ``<name>.failed/``) exists
        and is neither empty nor a report folder with a ``manifest.json``, or
        holds the corpus (nothing is written).
    EngineError
        If the Dask scheduler does not answer within 5 s (nothing is written).
    ReportError
        If ``out`` is not writable (nothing is written), or a notebook fails.
        The message names the notebook, the cell and the exception; the
        partial run is moved to ``<out>/<name>.failed/`` and a previous report
        of the same name is left as it was.
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
    _check_documents(corpus_path)
    out_dir = Path(out if out is not None else Path.cwd() / "reports").expanduser().resolve()
    name = _check_name(name if name is not None else _slug(corpus_path))
    _check_out(out_dir, name, corpus_path)
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

    _preload()  # one-time imports, outside every notebook's duration
    started = time.perf_counter()
    with _terminate_as_interrupt(), report_engine(plan, n_workers=n_workers) as used:
        manifest["engine"] = used  # the cluster is up (or answered): now write
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(work, ignore_errors=True)
            (work / "figures").mkdir(parents=True)
            (work / "tables").mkdir()
        except OSError as exc:
            shutil.rmtree(work, ignore_errors=True)
            raise ReportError(
                f"cannot create the report in {out_dir}: {exc.strerror or exc}; choose an out "
                "folder you can write to (out=, --out)"
            ) from None
        kernel_args = _kernel_arguments(kernel_name, log_output)
        try:
            with _progress.Overall(len(paths), enabled=show) as bar:
                for entry in manifest["notebooks"]:
                    bar.start(entry["name"])
                    _run_one(entry, paths[entry["name"]], work, kernel_name, log_output, show,
                             kernel_args)
                    bar.done()
                manifest["summary"] = _summary(work, corpus_path)
                _manifest.finish(manifest, started, "ok")
                _manifest.write_manifest(work, manifest)
                (work / "index.html").write_text(index_html(manifest, work), encoding="utf-8")
                if browser:
                    pages = ["index", *paths]
                    bar.start("pdf", total=len(pages))
                    entries = {e["name"]: e for e in manifest["notebooks"]}
                    for page in pages:
                        print_pdf(browser, work / f"{page}.html", work / f"{page}.pdf")
                        if page in entries:
                            entries[page]["outputs"].append(f"{page}.pdf")
                        bar.step()
                    _manifest.write_manifest(work, manifest)  # with the PDF pages
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
            except KeyboardInterrupt:
                shutil.rmtree(work, ignore_errors=True)
                raise
            except Exception as keep:  # noqa: BLE001 - e.g. the disk is full
                shutil.rmtree(work, ignore_errors=True)
                message = _failure_message(manifest, exc, None, target, reason=keep)
            raise ReportError(message) from None
        try:
            _swap_into_place(work, target)
        except OSError as exc:
            shutil.rmtree(work, ignore_errors=True)
            raise ReportError(
                f"the report ran, but could not be moved into {target}: {exc.strerror or exc}; "
                f"the previous report {target}{os.sep} is unchanged"
            ) from None
    shutil.rmtree(failed, ignore_errors=True)
    return target


def _summary(work: Path, corpus: Path) -> dict[str, Any] | None:
    """The landing page's corpus summary; a corpus it cannot summarise gets none."""
    try:
        return corpus_summary(work, corpus)
    except Exception:  # noqa: BLE001 - the notebooks ran; the summary is a nicety
        return None

