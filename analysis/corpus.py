"""Read a corpus: files, folders, tables or a DataFrame -> one row per document.

The first stage of the pipeline (``read_corpus -> sentence_table / token_table
-> ...``). Decoding lives in :mod:`analysis._decode`, metadata parsing in
:mod:`analysis._metadata`, tabular sources in :mod:`analysis._tables`, walking
a folder in :mod:`analysis._folder`, its ``index.csv`` in :mod:`analysis._sidecar`.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from analysis._decode import BINARY_NOTE, check_encoding, read_text
from analysis._folder import SIDECAR, TABLE_SUFFIXES, TEXT_SUFFIXES, list_files
from analysis._metadata import HEAD_CHARS, describe
from analysis._tables import EMPTY_TABLE_NOTE, read_table, table_rows
from analysis.errors import AnalysisWarning, CorpusError, ParameterError

__all__ = ["read_corpus", "list_files", "COLUMNS", "TEXT_SUFFIXES", "TABLE_SUFFIXES"]

#: The columns every result has, in this order (provenance and extra columns follow).
COLUMNS = (
    "doc_id", "date", "place", "source", "title", "speaker", "text", "path", "encoding", "n_chars",
)  # fmt: skip
#: Where each metadata field came from; always present, after :data:`COLUMNS`.
PROVENANCE = (
    "date_source", "date_precision", "place_source", "source_source", "title_source",
    "speaker_source",
)  # fmt: skip
_OBJECT_COLUMNS = [c for c in COLUMNS + PROVENANCE if c not in ("date", "n_chars")]


def read_corpus(
    source: str | os.PathLike | pd.DataFrame,
    *,
    text_col: str = "text",
    date_col: str | None = "date",
    id_col: str | None = None,
    encoding: str | None = None,
) -> pd.DataFrame:
    """Read documents from a file, a folder, a table or a DataFrame into one table.

    Parameters
    ----------
    source : str, os.PathLike or pandas.DataFrame
        A ``.txt`` / ``.md`` file (one document); a ``.csv`` / ``.tsv`` /
        ``.jsonl`` / ``.parquet`` file (one document per row); a folder, read
        recursively for all of these, in order of relative path (hidden files
        and folders, editors' lock files ``~$*`` and broken links are skipped;
        links to files are read, links to folders are not followed; a
        folder's ``README.md`` / ``README.txt`` is
        its documentation, not a document, and is skipped too; an
        ``index.csv`` with a ``file`` column is metadata for the files it
        lists, not a document); or a DataFrame (one document per row). Name a
        README file directly to read it as a document.
    text_col : str, default "text"
        Column holding the text, for tables and DataFrames.
    date_col : str or None, default "date"
        Column holding the date, for tables and DataFrames; parsed as ISO 8601
        (``1945``, ``1945-04``, ``1945-04-16``) or anything pandas reads. A
        table without the default ``"date"`` column simply has no column date;
        a column you name must exist. None ignores date columns.
    id_col : str or None, default None
        Column holding document ids, for tables and DataFrames. None uses a
        ``doc_id`` column if there is one, else ``<file>:<row>`` (0-based row)
        for files and the index label for a DataFrame.
    encoding : str or None, default None
        Codec for every text and CSV/TSV/JSONL file. None detects it per file:
        a UTF-8 BOM -> ``utf-8-sig``, a UTF-16 BOM -> ``utf-16``, a UTF-32
        BOM -> ``utf-32``, then ``utf-8``, then ``utf-8+cp1252`` (UTF-8 with a
        few stray Windows-1252 bytes, each read as cp1252), then ``cp1252``,
        then ``latin-1`` (never fails).

    Returns
    -------
    pandas.DataFrame
        One row per document, in this order (object columns hold ``str`` or
        None, never NaN):

        ``doc_id`` (object)
            Unique, stable id. Files: the path relative to the folder, posix
            style, without extension (``text/2018-05-11_t1558711``), or the stem
            for a single file. Tables: ``id_col`` (see above). Duplicates become
            ``id``, ``id-2``, ``id-3`` ... in reading order.
        ``date`` (datetime64[ns])
            NaT when unknown; see ``date_source`` for precedence.
        ``place``, ``source`` (object)
            Place and agency/outlet, as written (``BEIJING``, ``XINHUA``).
        ``title``, ``speaker`` (object)
            The title, and the speaker it names (``Foreign Ministry Spokesperson
            Hua Chunying's Regular Press Conference on ...`` -> ``Hua Chunying``;
            ``PRESIDENT HARRY S. TRUMAN'S ADDRESS`` -> ``HARRY S. TRUMAN``).
        ``text`` (object)
            The decoded text, unchanged except ``\\r\\n`` and ``\\r`` -> ``\\n``
            and no byte-order mark, so later offsets slice it exactly.
        ``path`` (object)
            The file read (``source`` joined with the relative path); None for
            a DataFrame.
        ``encoding`` (object)
            Codec used (Python's name for a given ``encoding``, e.g.
            ``iso8859-1`` for ``"latin-1"``), or ``utf-8+cp1252`` for UTF-8
            with stray cp1252 bytes (detected only); None for Parquet and
            DataFrames.
        ``n_chars`` (int64)
            ``len(text)``.
        ``date_source`` (object)
            Where ``date`` came from, highest precedence first: ``"index.csv"``,
            ``"column"``, ``"header"`` (`` date 2018-07-20 BEIJING (XINHUA) -``),
            ``"title"`` (a date ending the title), ``"date_line"`` (a short line
            near the top that is, starts or ends with a full date: ``April 16,
            1945``), ``"dateline"``
            (``BEIJING, July 19 (Xinhua) --``), ``"filename"`` (``1945-Truman``,
            ``2018-07-19_t1578759``); None when unknown. A lower source that is
            more precise and agrees replaces a higher one (file name ``1945`` +
            date line ``April 16, 1945`` -> the date line). A month and day
            without a year (``... on September 10``, datelines) take the year of
            the highest source that has one, else they are not used.
        ``date_precision`` (object)
            ``"day"``, ``"month"`` or ``"year"`` (the date is then the 1st of the
            month or January 1st); None when ``date`` is NaT.
        ``place_source``, ``source_source`` (object)
            ``"index.csv"`` > ``"column"`` > ``"header"`` > ``"dateline"``.
        ``title_source`` (object)
            ``"index.csv"`` > ``"column"`` > ``"heading"`` (Markdown ``#``) or
            ``"first_line"`` (a short first line followed by a blank line).
        ``speaker_source`` (object)
            ``"index.csv"`` (its ``spokesperson`` or ``speaker``) > ``"column"``
            > ``"title"`` (parsed from the chosen title).

        Then any other columns of tables and index.csv files (e.g. ``url``,
        ``kind``), with pandas' dtypes (missing values NaN). Metadata columns
        ``title``, ``speaker`` (or ``spokesperson``), ``place``, ``source``
        fill those fields; input columns named like a derived column
        (``path``, ``n_chars``, ``*_source``...) are replaced by it.

    Raises
    ------
    ParameterError
        An argument has the wrong type, or ``encoding`` is no known codec.
    CorpusError
        ``source`` does not exist, has an unsupported extension, or a folder
        holds no documents; every file was skipped (binary files, empty
        tables: the message lists them); a table lacks the text column, a
        named id or date column, or cannot be parsed (the JSONL line is named),
        or a CSV/TSV row has more fields than the header (its line is named:
        quote the field that holds the delimiter); an index.csv lists a file
        twice with different metadata; a file cannot be decoded with the
        ``encoding`` given.

    Warns
    -----
    AnalysisWarning
        Binary files skipped (>1% NUL bytes in the first 8 KB, no UTF-16 BOM);
        broken symbolic links skipped;
        empty or whitespace-only documents kept; duplicate ids renamed;
        unparseable dates left NaT; index.csv rows for files that are absent,
        rows without a file, and files listed twice with the same metadata
        (kept once).

    Notes
    -----
    Metadata comes from the first 2,048 characters of each text only, so
    reading stays fast (10,000 files of 1,000 words: about a second). Table
    rows are parsed like files for the fields their columns leave empty (no
    file-name date). An ``index.csv`` lists files relative to its own folder
    (``text/2018-05-11_t1558711.txt``) and gives ``date``, ``title``,
    ``speaker``/``spokesperson``, ``place``, ``source``; a deeper index.csv
    overrides a shallower one. Its column names match whatever their case and
    surrounding spaces (``File``, `` Date ``); blank rows are skipped. A
    ``.csv`` file may be separated by commas, semicolons (Excel in many
    European locales) or tabs: the header line decides. Dates in a column
    lose their time of day.

    Examples
    --------
    >>> from analysis import read_corpus
    >>> docs = read_corpus("seeds/000_bc67b9ca0fc0fcf9.txt")
    >>> docs.loc[0, ["doc_id", "place", "source", "date_source"]].tolist()
    ['000_bc67b9ca0fc0fcf9', 'BEIJING', 'XINHUA', 'header']
    >>> str(docs.loc[0, "date"].date())
    '2018-07-20'
    """
    for name, value, optional in (
        ("text_col", text_col, False),
        ("date_col", date_col, True),
        ("id_col", id_col, True),
    ):
        if not (isinstance(value, str) and value) and not (optional and value is None):
            allowed = "a column name" + (" or None" if optional else "")
            raise ParameterError(f"{name} must be {allowed}, not {value!r}")
    options = {
        "text_col": text_col,
        "date_col": date_col,
        "id_col": id_col,
        "date_col_named": date_col != "date",
    }
    encoding = check_encoding(encoding)
    notes: list[str] = []
    if isinstance(source, pd.DataFrame):
        rows, extras = table_rows(
            source, name="the DataFrame", prefix=None, note=notes.append, **options
        )
        blocks = [_block(rows, extras, path=None, encoding=None)]
    else:
        blocks = _read_path(_check_path(source), encoding, options, notes)
    docs = _assemble(blocks, notes.append)
    for message in _summarise(notes):
        warnings.warn(message, AnalysisWarning, stacklevel=2)
    return docs


def _check_path(source) -> Path:
    if isinstance(source, bytes) or not isinstance(source, str | os.PathLike):
        raise ParameterError(
            "source must be a path (str or pathlib.Path) to a file or folder, or a pandas "
            f"DataFrame, not {type(source).__name__}"
        )
    if not os.fspath(source):
        raise ParameterError("source is an empty string; give a file or folder path")
    path = Path(source)
    if not path.exists():
        raise CorpusError(
            f"corpus path '{path}' does not exist; check the spelling, or give an absolute "
            f"path (relative paths start from {os.getcwd()})"
        )
    return path


def _read_path(path: Path, encoding, options: dict, notes: list[str]) -> list[pd.DataFrame]:
    """Blocks of documents from a file or a folder, in order of relative path."""
    note = notes.append
    root, files, sidecars = list_files(path, encoding=encoding, note=note)
    listed = set(sidecars)
    blocks, pending = [], []
    # ids stay as written ("001", not 1): the named id column, else a doc_id column
    str_cols = (options["text_col"], options["id_col"] or "doc_id", options["date_col"])
    for rel in files:
        file, doc_id = root / rel, rel.rpartition(".")[0]
        listed.discard(rel)
        if rel.lower().endswith(TEXT_SUFFIXES):
            row = _text_row(file, doc_id, sidecars.get(rel), encoding, note)
            pending += [row] if row is not None else []
            continue
        if pending:
            blocks.append(_text_block(pending))
            pending = []
        read = read_table(file, encoding=encoding, note=note, str_cols=str_cols)
        if read is not None:
            name = f"'{file}'"
            rows, extras = table_rows(read[0], name=name, prefix=doc_id, note=note, **options)
            blocks.append(_block(rows, extras, path=str(file), encoding=read[1]))
    if pending:
        blocks.append(_text_block(pending))
    if not blocks:  # files there were, but every one was skipped
        raise CorpusError(_all_skipped(path, notes))
    if listed:
        missing = sorted(listed)
        note(f"{SIDECAR} lists {len(missing)} files that are not in the folder: {missing[:5]}")
    return blocks


def _all_skipped(path: Path, notes: list[str]) -> str:
    binary = [n.removeprefix(BINARY_NOTE) for n in notes if n.startswith(BINARY_NOTE)]
    reasons = [f"{len(binary)} binary (more than 1% NUL bytes): {binary[:5]}"] if binary else []
    reasons += [n.removesuffix(EMPTY_TABLE_NOTE) for n in notes if n.endswith(EMPTY_TABLE_NOTE)][:5]
    hint = "; if one is UTF-16 text without a byte-order mark, pass encoding='utf-16-le'"
    return (
        f"no documents read from '{path}': every file was skipped ({'; '.join(reasons)})"
        + (hint if binary else "")
    )


def _text_row(path: Path, doc_id: str, sidecar, encoding, note) -> dict | None:
    read = read_text(path, encoding=encoding)
    if read is None:
        note(f"{BINARY_NOTE}{path}")
        return None
    text, used = read
    given, given_date, extras = sidecar if sidecar is not None else ({}, None, {})
    meta = describe(
        text[:HEAD_CHARS],
        stem=path.stem,
        markdown=path.suffix.lower() == ".md",
        given=given,
        given_date=given_date,
    )
    row = {"doc_id": doc_id, "text": text, "path": str(path), "encoding": used, **meta}
    return row | {"_extras": extras}


def _text_block(rows: list[dict]) -> pd.DataFrame:
    extras = pd.DataFrame.from_records([row.pop("_extras") for row in rows], index=range(len(rows)))
    return _block(rows, extras)


def _block(rows: list[dict], extras: pd.DataFrame, **fixed) -> pd.DataFrame:
    """Rows as a DataFrame with the documented columns and dtypes, then ``extras``.

    ``fixed`` gives a value shared by every row (``path`` and ``encoding`` of a table).
    """
    core = {
        column: pd.Series(
            [fixed[column]] * len(rows) if column in fixed else [row[column] for row in rows],
            dtype=object,
        )
        for column in _OBJECT_COLUMNS
    }
    dates = [row["date"].isoformat() if row["date"] else "NaT" for row in rows]
    core["date"] = pd.Series(np.array(dates, dtype="datetime64[ns]"))
    core["n_chars"] = pd.Series([len(row["text"]) for row in rows], dtype="int64")
    frame = pd.DataFrame(core)[list(COLUMNS + PROVENANCE)]
    if not len(extras.columns):
        return frame
    return pd.concat([frame, extras.reset_index(drop=True)], axis=1)


def _assemble(blocks: list[pd.DataFrame], note) -> pd.DataFrame:
    if not blocks:
        return _block([], pd.DataFrame())
    docs = pd.concat(blocks, ignore_index=True) if len(blocks) > 1 else blocks[0]
    docs["doc_id"] = pd.Series(_unique_ids(docs["doc_id"].tolist(), note), dtype=object)
    blank = [doc_id for doc_id, text in zip(docs["doc_id"], docs["text"]) if not text.strip()]
    if blank:
        note(f"{len(blank)} empty or whitespace-only documents kept: {blank[:10]}")
    return docs


def _unique_ids(ids: list[str], note) -> list[str]:
    """``a, a, a`` -> ``a, a-2, a-3``; a suffix that is another document's id is skipped."""
    taken, seen = set(ids), set()
    out, renamed = [], []
    for doc_id in ids:
        new, n = doc_id, 1
        while new in seen or (n > 1 and new in taken):
            n += 1
            new = f"{doc_id}-{n}"
        seen.add(new)
        out.append(new)
        if new != doc_id:
            renamed.append(f"{doc_id} -> {new}")
    if renamed:
        note(
            f"{len(renamed)} duplicate doc ids renamed: {renamed[:10]}; rename the files, "
            "or pass id_col= to choose the ids of table rows"
        )
    return out


def _summarise(notes: list[str]) -> list[str]:
    """Fold the per-file binary notes into one message; keep the others as they are."""
    binary = [n.removeprefix(BINARY_NOTE) for n in notes if n.startswith(BINARY_NOTE)]
    others = [n for n in notes if not n.startswith(BINARY_NOTE)]
    if binary:
        others.insert(
            0,
            f"{len(binary)} binary files skipped (more than 1% NUL bytes): {binary[:10]}; "
            "if one is UTF-16 text without a byte-order mark, pass encoding='utf-16-le'",
        )
    return others
