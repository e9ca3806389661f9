"""Command line: ``python -m analysis SUBCOMMAND ...``.

``python -m analysis report [CORPUS] [--notebooks terms,rhetoric,...] [--out DIR]
[--name NAME] [-p NAME VALUE]... [-f params.yaml|PRESET] [--formats html,pdf]
[--figure-formats png,svg,pdf] [--engine pandas|dask] [--scheduler ADDRESS]
[--workers N]`` runs the report notebooks (see :func:`analysis.report.run_report`).
``python -m analysis table KIND [CORPUS] [-o FILE] [--lexicon NAME] [--by COLUMN]
[--ngram N] [--min-count N]`` computes one table (see :func:`analysis.export.compute_table`)
and writes it to FILE (``.csv``, ``.tsv``, ``.parquet``, ``.jsonl``, atomically) or as CSV
to standard output. Errors the
user can fix (:class:`analysis.errors.AnalysisError`) print ``error: <message>``
to stderr and exit with status 2, without a traceback.

Each subcommand is one ``_add_<name>`` function that registers its arguments and
sets ``handler``; add new subcommands the same way.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import analysis
from analysis.errors import AnalysisError, ParameterError

__all__ = ["build_parser", "main"]


def parse_value(text: str) -> Any:
    """Read a ``-p`` value as a YAML scalar, like ``papermill -p``.

    ``5`` becomes an int, ``0.5`` a float, ``true`` a bool, ``null`` None and
    ``[a, b]`` a list; anything else, including dates, stays the string given.

    Examples
    --------
    >>> parse_value("5"), parse_value("yes please"), parse_value("2018-07-20")
    (5, 'yes please', '2018-07-20')
    """
    import yaml

    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    if isinstance(value, (dt.date, dt.datetime)):
        return text
    return text if value is None and text.strip().lower() not in {"null", "~", "none"} else value


def _add_report(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "report",
        help="run the report notebooks on a corpus",
        description="Run the report notebooks on a corpus and write reports/<name>/ "
        "(index.html, one .html and .ipynb per notebook, figures/, tables/, manifest.json).",
    )
    parser.add_argument("corpus", nargs="?", default="seeds",
                        help="file or folder of documents (default: %(default)s)")
    parser.add_argument("--out", metavar="DIR", default=None,
                        help="folder to write report folders in "
                        "(default: reports/ in the working directory)")
    parser.add_argument("--name", default=None,
                        help="report folder name (default: from the corpus file or folder name)")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                        metavar=("NAME", "VALUE"),
                        help="notebook parameter, VALUE read as YAML (5, 0.5, true, text); "
                        "NOTEBOOK.NAME sets it for one notebook only; repeatable")
    parser.add_argument("-f", "--parameters-file", action="append", default=[],
                        metavar="YAML",
                        help="YAML mapping of parameters, or the name of a preset in "
                        "seeds/params/ (e.g. quick); repeatable, later files and -p win")
    parser.add_argument("--notebooks", action="append", default=None, metavar="LIST",
                        help="notebooks to run, comma-separated, in order; aliases: "
                        "overview, terms, rhetoric, timeline (default: corpus_overview, "
                        "term_frequencies, rhetoric_markers, timeline)")
    parser.add_argument("--notebook", action="append", dest="notebooks",
                        help=argparse.SUPPRESS)  # the older, repeatable spelling
    parser.add_argument("--notebook-dir", metavar="DIR", default=None,
                        help="folder to find the notebooks in (default: the project's notebooks/)")
    parser.add_argument("--formats", default="html", metavar="LIST",
                        help="report formats, comma-separated from html,pdf; pdf prints each "
                        "page with headless Chromium (default: %(default)s)")
    parser.add_argument("--figure-formats", default="png", metavar="LIST",
                        help="figure formats, comma-separated from png,svg,pdf "
                        "(default: %(default)s)")
    parser.add_argument("--chromium", metavar="PATH", default=None,
                        help="Chromium for --formats pdf (default: $RHETORIC_CHROMIUM, else "
                        "chromium, chromium-browser or google-chrome on PATH)")
    parser.add_argument("--engine", choices=("pandas", "dask"), default=None,
                        help="where the notebooks' per-document stages (term counts, markers, "
                        "dates, quotes) run: pandas in each notebook's kernel, or dask on a "
                        "Dask cluster (default: each notebook's own default, pandas)")
    parser.add_argument("--scheduler", metavar="ADDRESS", default=None,
                        help="address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                        "(implies --engine dask; default: start a local cluster for the run)")
    parser.add_argument("--workers", type=int, default=2, metavar="N",
                        help="workers of the local Dask cluster (default: %(default)s)")
    parser.add_argument("--kernel", default="python3",
                        help="Jupyter kernel name (default: %(default)s, this Python)")
    parser.add_argument("--log-output", action="store_true",
                        help="stream the notebooks' output to stderr while they run")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="progress bars on stderr (default: on a terminal outside CI)")
    parser.set_defaults(handler=_report)


def _report(args: argparse.Namespace) -> int:
    from analysis.report import DEFAULT_NOTEBOOKS, run_report
    from analysis.report._params import load_parameter_file

    if args.log_output:  # papermill logs notebook output at INFO; show it on stderr
        logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    else:
        # Without a handler, Python prints papermill's and nbclient's errors ("Kernel
        # died while waiting for execute reply." on Ctrl-C) to stderr beside our own
        # one-line message, which already says what failed.
        quiet = logging.getLogger("papermill")
        if not any(isinstance(h, logging.NullHandler) for h in quiet.handlers):
            quiet.addHandler(logging.NullHandler())
    parameters: dict[str, Any] = {}
    for spec in args.parameters_file:
        parameters.update(load_parameter_file(spec))
    parameters.update({name: parse_value(value) for name, value in args.parameter})
    engine = args.engine
    if args.scheduler and engine is None:
        engine = "dask"  # a scheduler address only makes sense for the Dask engine
    elif args.scheduler and engine == "pandas":
        raise ParameterError(
            "--scheduler is for --engine dask; drop --scheduler, or use --engine dask"
        )
    folder = run_report(
        args.corpus,
        out=args.out,
        name=args.name,
        notebooks=tuple(args.notebooks or DEFAULT_NOTEBOOKS),
        parameters=parameters,
        figure_formats=args.figure_formats,
        formats=args.formats,
        chromium=args.chromium,
        kernel_name=args.kernel,
        log_output=args.log_output,
        progress=args.progress,
        notebook_dir=args.notebook_dir,
        engine=engine,
        scheduler=args.scheduler,
        n_workers=args.workers,
    )
    print(f"Report written to {_display(folder / 'index.html')}")
    return 0


def _add_table(commands: argparse._SubParsersAction) -> None:
    from analysis.export import TABLES

    kinds = "\n".join(f"  {kind:<10} {what}" for kind, (_, what) in TABLES.items())
    parser = commands.add_parser(
        "table",
        help="compute one table (markers, terms, timex, ...) and write it as CSV, TSV, Parquet or JSONL",
        description="Compute one of the workbook's tables on a corpus and write it to a file "
        "(format from its extension, written atomically) or as CSV to standard output.\n\n"
        f"KIND is one of:\n{kinds}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("kind", metavar="KIND", help="the table to compute (see above)")
    parser.add_argument("corpus", nargs="?", default="seeds",
                        help="file or folder of documents, or a .csv/.tsv/.jsonl/.parquet table "
                        "(default: %(default)s)")
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="file to write: .csv, .tsv, .parquet or .jsonl (default: CSV on "
                        "standard output)")
    parser.add_argument("--lexicon", default="diplomatic",
                        help="markers, profile: a shipped lexicon or a lexicon file (default: %(default)s)")
    parser.add_argument("--by", default=None, metavar="COLUMN",
                        help="terms: count per group; profile: group (default doc_id); a docs "
                        "column such as speaker, or date:Y / date:M")
    parser.add_argument("--ngram", type=int, default=1, metavar="N",
                        help="terms: n-grams up to N words (default: %(default)s)")
    parser.add_argument("--min-count", type=int, default=1, metavar="N",
                        help="terms: drop terms seen fewer than N times (default: %(default)s)")
    parser.set_defaults(handler=_table)


def _table(args: argparse.Namespace) -> int:
    import warnings

    from analysis.export import compute_table, save_table, table_format, write_table

    if args.output is not None:
        table_format(args.output)  # an unknown extension is refused before any work
    with warnings.catch_warnings():  # the package's warnings as one plain line each
        warnings.showwarning = lambda message, *rest, **kw: print(f"warning: {message}", file=sys.stderr)
        table = compute_table(args.kind, args.corpus, lexicon=args.lexicon, by=args.by,
                              ngram=args.ngram, min_count=args.min_count)
    if args.output is None:
        write_table(table, "csv")
        return 0
    path = save_table(table, args.output)
    print(f"{len(table):,} rows written to {_display(path)}", file=sys.stderr)
    return 0


def _display(path: Path) -> str:
    """The path relative to the working directory when it lies under it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m analysis`` argument parser, with one subparser per command."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Rhetoric Workbook: analyse political and diplomatic statements.",
    )
    parser.add_argument("--version", action="version",
                        version=f"rhetoric-workbook {analysis.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_report(commands)
    _add_table(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; default ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 2 on a usage error or an :class:`~analysis.errors.AnalysisError`
        (reported as ``error: <message>`` on stderr), 130 when interrupted.
    """
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        # The interrupted kernel's pending execute task dies with it; asyncio would
        # log that DeadKernelError at exit, after our message. It is expected here.
        logging.getLogger("asyncio").setLevel(logging.CRITICAL)
        print("error: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
