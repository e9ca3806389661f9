"""Tables out of the workbook: one writer for every file format, and the tables by name.

:func:`save_table` writes a DataFrame as CSV, TSV, Parquet or JSON Lines,
chosen by the file's extension, atomically (a temporary file in the same
folder, renamed over the target only once it is complete). :data:`TABLES`
names the tables ``python -m analysis table KIND CORPUS`` can compute, and
:func:`compute_table` computes one from a corpus.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.errors import ParameterError

__all__ = ["FORMATS", "TABLES", "save_table", "write_table", "compute_table", "table_format"]

#: File extensions :func:`save_table` writes, and the format each means.
FORMATS = {".csv": "csv", ".tsv": "tsv", ".parquet": "parquet", ".jsonl": "jsonl"}


def table_format(path: str | os.PathLike[str]) -> str:
    """The format a table file is written in, from its extension.

    Parameters
    ----------
    path : str or path-like
        The file name.

    Returns
    -------
    str
        ``"csv"``, ``"tsv"``, ``"parquet"`` or ``"jsonl"``.

    Raises
    ------
    ParameterError
        If the extension is none of :data:`FORMATS`.

    Examples
    --------
    >>> table_format("markers.tsv")
    'tsv'
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ParameterError(
            f"cannot write a table to {str(path)!r}: unknown extension {suffix or '(none)'!r}; "
            f"use one of {', '.join(FORMATS)}"
        )
    return FORMATS[suffix]


def save_table(table: pd.DataFrame, path: str | os.PathLike[str], *, fmt: str | None = None) -> Path:
    """Write ``table`` to ``path`` atomically, in the format its extension names.

    The table is written to a temporary file in the target's folder, which is
    renamed over ``path`` only once it is complete: an interrupted or failed
    write leaves the previous file (if any) as it was, never half a table.

    Parameters
    ----------
    table : pandas.DataFrame
        Any table of the workbook; the index is not written.
    path : str or path-like
        The file to write; its folder must exist.
    fmt : {"csv", "tsv", "parquet", "jsonl"}, optional
        The format; default from the extension (:func:`table_format`).

    Returns
    -------
    pathlib.Path
        ``path``, absolute.

    Raises
    ------
    ParameterError
        If the format is unknown, or the folder does not exist or is a file.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> folder = tempfile.mkdtemp()
    >>> save_table(pd.DataFrame({"a": [1, 2]}), f"{folder}/t.csv").read_text()
    'a\\n1\\n2\\n'
    """
    target = Path(path).expanduser().resolve()
    fmt = table_format(target) if fmt is None else _check_fmt(fmt)
    if not target.parent.is_dir():
        raise ParameterError(
            f"cannot write {str(path)!r}: the folder {str(target.parent)!r} does not exist; "
            "create it first or choose another path"
        )
    if target.is_dir():
        raise ParameterError(f"cannot write {str(path)!r}: it is a folder; give a file name")
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        _write(table, temp, fmt)
        os.chmod(temp, _file_mode(target))  # mkstemp makes it private (0600); a table is a normal file
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target


def _file_mode(target: Path) -> int:
    """The mode of the file being replaced, else what a new file gets under the umask."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_table(table: pd.DataFrame, fmt: str, stream: Any = None) -> None:
    """Write ``table`` as CSV, TSV or JSON Lines to a text stream.

    Parameters
    ----------
    table : pandas.DataFrame
        The table; the index is not written.
    fmt : {"csv", "tsv", "jsonl"}
        The format (Parquet is binary: use :func:`save_table`).
    stream : text stream, optional
        Where to write; default standard output.

    Raises
    ------
    ParameterError
        If ``fmt`` is unknown or ``"parquet"``.

    Examples
    --------
    >>> import pandas as pd
    >>> write_table(pd.DataFrame({"a": [1], "b": ["x"]}), "tsv")
    a	b
    1	x
    """
    fmt = _check_fmt(fmt)
    if fmt == "parquet":
        raise ParameterError("parquet is a binary format: give a file name ending in .parquet (-o)")
    buffer = io.StringIO()
    _write(table, buffer, fmt)
    (stream or sys.stdout).write(buffer.getvalue())


def _check_fmt(fmt: str) -> str:
    if fmt not in FORMATS.values():
        raise ParameterError(f"unknown table format {fmt!r}; use one of {', '.join(FORMATS.values())}")
    return fmt


def _write(table: pd.DataFrame, target: Any, fmt: str) -> None:
    if fmt == "parquet":
        table.to_parquet(target, index=False)
    elif fmt == "jsonl":
        table.to_json(target, orient="records", lines=True, date_format="iso", force_ascii=False)
    else:
        table.to_csv(target, index=False, sep="\t" if fmt == "tsv" else ",")


def _docs(docs: pd.DataFrame, options: dict[str, Any]) -> pd.DataFrame:
    return docs


def _sentences(docs: pd.DataFrame, options: dict[str, Any]) -> pd.DataFrame:
    from analysis.text import sentence_table

    return sentence_table(docs)


def _tokens(docs: pd.DataFrame, options: dict[str, Any]) -> pd.DataFrame:
    from analysis.text import token_table

    return token_table(docs)


def _terms(docs: pd.DataFrame, options: dict[str, Any]) -> pd.DataFrame:
    from analysis.terms import term_table
    from analysis.text import token_table

    return term_table(token_table(docs), ngram=(1, options["ngram"]), min_count=options["min_count"],
                      by=options["by"], docs=docs if options["by"] else None)


def _markers(docs: pd.DataFrame, options: dict[str, Any]) -> pd.DataFrame:
    from analysis.rhetoric import marker_table

    return marker_table(docs, lexicon=options["lexicon"])


def _profile(docs: pd.DataFrame, options: dict[str, Any]) -> pd.DataFrame:
    from analysis.rhetoric import marker_profile, marker_table
    from analysis.text import token_table

    tokens = token_table(docs)
    markers = marker_table(docs, lexicon=options["lexicon"], tokens=tokens)
    return marker_profile(markers, docs, by=options["by"] or "doc_id", tokens=tokens)


def _sentiment(docs: pd.DataFrame, options: dict[str, Any]) -> pd.DataFrame:
    from analysis.rhetoric import sentiment_table
    from analysis.text import sentence_table

    return sentiment_table(sentence_table(docs))


def _quotes(docs: pd.DataFrame, options: dict[str, Any]) -> pd.DataFrame:
    from analysis.quotes import quote_table

    return quote_table(docs)


def _timex(docs: pd.DataFrame, options: dict[str, Any]) -> pd.DataFrame:
    from analysis.timeline import timex_table

    return timex_table(docs)


#: The tables ``python -m analysis table KIND`` computes: kind -> (function of
#: the docs and the options, what it is).
TABLES: dict[str, tuple[Callable[[pd.DataFrame, dict[str, Any]], pd.DataFrame], str]] = {
    "docs": (_docs, "read_corpus: one row per document, with its metadata and text"),
    "sentences": (_sentences, "sentence_table"),
    "tokens": (_tokens, "token_table"),
    "terms": (_terms, "term_table (--ngram, --min-count, --by)"),
    "markers": (_markers, "marker_table (--lexicon)"),
    "profile": (_profile, "marker_profile (--lexicon, --by, default doc_id)"),
    "sentiment": (_sentiment, "sentiment_table (VADER per sentence; no stance measure)"),
    "quotes": (_quotes, "quote_table"),
    "timex": (_timex, "timex_table (TIMEX3 dates and durations)"),
}


def compute_table(kind: str, corpus: str | os.PathLike[str] | pd.DataFrame, *, lexicon: str = "diplomatic",
                  by: str | None = None, ngram: int = 1, min_count: int = 1) -> pd.DataFrame:
    """One of the workbook's tables, by name, computed from a corpus.

    Parameters
    ----------
    kind : str
        One of :data:`TABLES`: ``docs``, ``sentences``, ``tokens``, ``terms``,
        ``markers``, ``profile``, ``sentiment``, ``quotes``, ``timex``.
    corpus : str, path-like or pandas.DataFrame
        Anything :func:`analysis.read_corpus` reads.
    lexicon : str, default "diplomatic"
        For ``markers`` and ``profile``: a shipped lexicon's name or a lexicon file.
    by : str, optional
        For ``terms`` (counts per group) and ``profile`` (default ``doc_id``): a
        docs column, or ``date:Y`` / ``date:M`` where the function accepts it.
    ngram : int, default 1
        For ``terms``: count n-grams up to this length.
    min_count : int, default 1
        For ``terms``: drop terms seen fewer times.

    Returns
    -------
    pandas.DataFrame
        The table, with the columns its function documents.

    Raises
    ------
    ParameterError
        If ``kind`` is unknown (the message lists the kinds), or an option is.
    CorpusError
        If the corpus cannot be read.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"text": ["China firmly opposes it. That is totally unfounded."]})
    >>> compute_table("markers", docs)[["category", "match"]].values.tolist()
    [['booster', 'firmly'], ['opposition', 'opposes'], ['booster', 'totally'], ['denial', 'unfounded']]
    """
    if kind not in TABLES:
        raise ParameterError(f"unknown table {kind!r}; choose one of {', '.join(TABLES)}")
    if not isinstance(ngram, int) or isinstance(ngram, bool) or ngram < 1:
        raise ParameterError(f"ngram must be a positive int, got {ngram!r}")
    if not isinstance(min_count, int) or isinstance(min_count, bool) or min_count < 1:
        raise ParameterError(f"min_count must be a positive int, got {min_count!r}")
    from analysis.corpus import read_corpus

    docs = read_corpus(corpus)
    return TABLES[kind][0](docs, {"lexicon": lexicon, "by": by, "ngram": ngram, "min_count": min_count})
