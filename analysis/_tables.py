"""Tabular sources for :func:`analysis.read_corpus`: CSV/TSV/JSONL/Parquet and DataFrames.

Private helper. Every table becomes a list of document rows (plain dicts, the
same shape :mod:`analysis.corpus` builds for text files) plus a DataFrame of
the columns the reader keeps as they are. An ``index.csv`` of metadata is
:mod:`analysis._sidecar`'s business.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis._dates import DateCandidate, date_candidate
from analysis._decode import BINARY_NOTE, normalise_newlines, read_text
from analysis._metadata import HEAD_CHARS, describe
from analysis.errors import CorpusError

__all__ = [
    "DERIVED",
    "EMPTY_TABLE_NOTE",
    "FIELD_ALIASES",
    "date_candidates",
    "read_table",
    "record_lines",
    "sniff_delimiter",
    "table_rows",
]

#: Output columns the reader computes; input columns with these names are replaced.
DERIVED = (
    "doc_id", "text", "path", "encoding", "n_chars", "date_source", "date_precision",
    "place_source", "source_source", "title_source", "speaker_source",
)  # fmt: skip
#: Metadata fields taken from a table's (or index.csv's) columns of these names.
FIELD_ALIASES = {
    "title": ("title",),
    "speaker": ("speaker", "spokesperson"),
    "place": ("place",),
    "source": ("source",),
}
#: Column names suggested when a table has no text column.
_TEXT_LIKE = ("body", "content", "article", "speech", "transcript", "document", "sentence")
#: How the note on an empty table file ends (``'<path>' is empty`` before it).
EMPTY_TABLE_NOTE = "; skipped (a table needs rows with a text column)"
_READ_CSV = {"keep_default_na": False, "na_values": [""], "low_memory": False}
#: Delimiters a .csv file may use, in order of preference on ties, and how messages name them.
_SEP_NAMES = {",": "','", ";": "';'", "\t": "tab"}
_NON_SPACE = re.compile(r"\S")
_ISO_DATE = re.compile(r"^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:[T ].*)?$")


def read_table(
    path: Path,
    *,
    encoding: str | None,
    note: Callable[[str], None],
    str_cols: tuple = (),
    lines: bool = False,
) -> tuple[pd.DataFrame, str | None] | None:
    """Read a .csv/.tsv/.jsonl/.parquet file: ``(frame, encoding_used)``, or None if skipped.

    CSV/TSV cells are text only where empty cells are missing; ``str_cols``
    (the text, id and date columns) are never converted to numbers. A
    ``.csv`` file's delimiter is sniffed (:func:`sniff_delimiter`); a ``.tsv``
    file's is a tab. ``lines`` stores in ``frame.attrs["lines"]`` the line
    where each row starts (see :func:`record_lines`).

    Raises
    ------
    CorpusError
        If the file cannot be read or parsed (the message names it, and the
        line for JSONL), or a row has more fields than the header (the message
        names its line and says to quote the field).
    """
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        try:
            return pd.read_parquet(path), None
        except Exception as exc:  # pyarrow raises many types; all mean "not readable"
            raise CorpusError(
                f"cannot read '{path}' as Parquet ({type(exc).__name__}: {exc}); "
                "check that the file is complete and really Parquet"
            ) from None
    read = read_text(path, encoding=encoding)
    if read is None:
        note(f"{BINARY_NOTE}{path}")
        return None
    text, used = read
    if not text.strip():
        note(f"'{path}' is empty{EMPTY_TABLE_NOTE}")
        return None
    if suffix == ".jsonl":
        return _parse_jsonl(text, path), used
    sep = "\t" if suffix == ".tsv" else sniff_delimiter(text)
    kind = "TSV" if suffix == ".tsv" else "CSV"
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            dtype={col: str for col in str_cols if col is not None},
            **_READ_CSV,
        )
    except (pd.errors.ParserError, ValueError) as exc:
        long_rows = _long_rows(text, sep)
        if long_rows:
            raise CorpusError(_long_rows_message(path, long_rows, sep)) from None
        detail = " ".join(str(exc).split())
        raise CorpusError(
            f"cannot parse '{path}' as {kind}: {detail}; check its quoting and delimiter "
            f"(read with {_SEP_NAMES[sep]})"
        ) from None
    if not isinstance(frame.index, pd.RangeIndex):  # pandas took a longer first row's extra field for an index
        raise CorpusError(_long_rows_message(path, _long_rows(text, sep), sep))
    if lines:
        frame.attrs["lines"] = record_lines(text, sep, len(frame))
    return frame, used


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV file: ``,``, ``;`` (Excel in many European locales) or tab.

    The one that splits the header line into the most fields (outside quotes);
    a comma on ties and when none splits it (a one-column table).

    >>> sniff_delimiter("file;date;title\\na.txt;2018;T"), sniff_delimiter("text\\nx")
    (';', ',')
    """
    found = _NON_SPACE.search(text)  # the header: the first line with text
    start = found.start() if found else 0
    end = text.find("\n", start)
    header = text[text.rfind("\n", 0, start) + 1 : end if end >= 0 else len(text)]
    counts = dict.fromkeys(_SEP_NAMES, 0)
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=counts.get)  # first of the maximal ones: "," before ";" before tab
    return best if counts[best] else ","


def record_lines(text: str, sep: str, n_rows: int) -> list[int] | None:
    """The line (1-based) where each data row of a CSV text starts, or None if unsure.

    Blank lines are skipped as pandas skips them; a quoted field may span lines.
    None when the count differs from ``n_rows`` (the parsers disagreed).
    """
    try:
        starts = [line for line, _ in _records(text, sep)]
    except csv.Error:
        return None
    return starts[1:] if len(starts) - 1 == n_rows else None


def table_rows(
    frame: pd.DataFrame,
    *,
    name: str,
    prefix: str | None,
    text_col: str,
    date_col: str | None,
    id_col: str | None,
    date_col_named: bool,
    note: Callable[[str], None],
) -> tuple[list[dict], pd.DataFrame]:
    """Document rows of a table, and its extra columns (same row order).

    ``name`` quotes the table in messages; ``prefix`` is the id prefix for rows
    without an id (``<prefix>:<row>``), or None to use the DataFrame's index.
    ``date_col_named`` says the user chose ``date_col``: then it must exist.
    """
    columns = list(frame.columns)
    if frame.columns.duplicated().any():
        twice = sorted({str(c) for c in frame.columns[frame.columns.duplicated()]})
        raise CorpusError(f"{name} has repeated column names {twice}; rename them first")
    if text_col not in frame.columns:
        raise CorpusError(_missing_text(name, columns, text_col))
    if id_col is not None and id_col not in frame.columns:
        raise CorpusError(
            f"{name} has no id column {id_col!r}; its columns are {columns}; "
            "pass id_col=<one of them>, or id_col=None to number the rows"
        )
    id_source = id_col if id_col is not None else ("doc_id" if "doc_id" in frame.columns else None)
    if date_col is not None and date_col not in frame.columns and date_col_named:
        raise CorpusError(
            f"{name} has no date column {date_col!r}; its columns are {columns}; "
            "pass date_col=<one of them>, or date_col=None to take dates from the text only"
        )
    if date_col is not None and date_col in frame.columns:
        dates = date_candidates(frame[date_col], label="column", where=name, note=note)
    else:
        dates = [None] * len(frame)
    given = _given_fields(frame, label="column")
    texts = _texts(frame[text_col], name=name, text_col=text_col)
    labels = frame.index if prefix is None else range(len(frame))
    fallback = [str(label) if prefix is None else f"{prefix}:{label}" for label in labels]
    ids = fallback
    if id_source is not None:
        raw = frame[id_source]
        missing = raw.isna().to_numpy()
        ids = [fb if miss else str(v) for v, miss, fb in zip(raw, missing, fallback)]
        if missing.any():
            note(f"{int(missing.sum())} rows of {name} have no {id_source!r}; numbered instead")
    rows = []
    for i, text in enumerate(texts):
        meta = describe(text[:HEAD_CHARS], stem=None, given=given[i], given_date=dates[i])
        rows.append({"doc_id": ids[i], "text": text, **meta})
    extras = frame[_extra_columns(columns, {text_col, date_col, id_source, "date"})]
    return rows, extras.reset_index(drop=True)


def date_candidates(
    values: pd.Series, *, label: str, where: str, note: Callable[[str], None]
) -> list[DateCandidate | None]:
    """Parse a date column into one candidate per row; unparseable values are None.

    ISO 8601 (``1945``: year precision, ``1945-04``: month, ``1945-04-16``:
    day, any time after it ignored), else pandas' parser for one value
    (``April 16, 1945``). Time of day and time zone are dropped: the date as
    written is kept. Failures are counted in one note naming the column.
    """
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return [
            None if pd.isna(ts) else date_candidate(ts.year, ts.month, ts.day, label)
            for ts in values
        ]
    if pd.api.types.is_float_dtype(values.dtype) and (values.dropna() % 1 == 0).all():
        values = values.astype("Int64")  # 1945.0 -> "1945"
    strings = [None if _missing(v) or not str(v).strip() else str(v).strip() for v in values]
    parsed = {text: _parse_date(text, label) for text in set(strings) if text is not None}
    bad = sorted(text for text, cand in parsed.items() if cand is None)
    if bad:
        count = sum(1 for s in strings if s is not None and parsed[s] is None)
        note(
            f"{count} of {len(strings)} values in column {values.name!r} of {where} are not "
            f"dates and were left NaT (e.g. {bad[:3]}); fix them, or pass date_col=None "
            "to ignore the column"
        )
    return [None if s is None else parsed[s] for s in strings]


# --- helpers ---------------------------------------------------------------------------
def _long_rows(text: str, sep: str) -> list[tuple[int, int, int]]:
    """``(line, fields, header fields)`` of the first rows longer than the header."""
    found, width = [], None
    try:
        for line, record in _records(text, sep):
            if width is None:
                width = len(record)
            elif len(record) > width:
                found.append((line, len(record), width))
                if len(found) == 3:
                    break
    except csv.Error:
        pass
    return found


def _records(text: str, sep: str):
    """``(line where it starts, fields)`` of each non-blank CSV record, as pandas reads them."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    previous = 0
    for record in reader:
        start, previous = previous + 1, reader.line_num
        if record and not (len(record) == 1 and not record[0].strip()):
            yield start, record


def _long_rows_message(path: Path, rows: list[tuple[int, int, int]], sep: str) -> str:
    name = _SEP_NAMES[sep]
    example = '"Smith, John"' if sep == "," else '"Smith; John"' if sep == ";" else '"..."'
    if not rows:  # the parsers disagree: say what pandas saw
        return (
            f"'{path}' has a row with more fields than its header; a field holding the "
            f"delimiter {name} must be quoted ({example})"
        )
    line, fields, width = rows[0]
    more = f" (and line {', '.join(str(r[0]) for r in rows[1:])} too)" if len(rows) > 1 else ""
    return (
        f"'{path}' line {line} has {fields} fields but the header has {width}{more}: a field "
        f"holding the delimiter {name} shifts the columns after it; put that field in double "
        f"quotes ({example}) or remove the extra {name}, then read it again"
    )


def _parse_jsonl(text: str, path: Path) -> pd.DataFrame:
    records = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(
                f"'{path}' line {number} is not valid JSON ({exc.msg} at column {exc.colno}); "
                "each line of a .jsonl file must hold one JSON object"
            ) from None
        if not isinstance(record, dict):
            raise CorpusError(
                f"'{path}' line {number} holds a JSON {type(record).__name__}, not an object; "
                'each line must look like {"text": "...", ...}'
            )
        records.append(record)
    return pd.DataFrame.from_records(records)


def _missing_text(name: str, columns: list, text_col: str) -> str:
    likely = [c for c in columns if str(c).lower() in _TEXT_LIKE]
    hint = f"text_col={likely[0]!r}" if likely else "text_col=<the column that holds the text>"
    message = f"{name} has no text column {text_col!r}; its columns are {columns}; pass {hint}"
    if "file" in columns and name.endswith("index.csv'"):
        message += " (an index.csv with a 'file' column is metadata: pass its folder instead)"
    return message


def _texts(values: pd.Series, *, name: str, text_col: str) -> list[str]:
    texts = []
    for position, value in enumerate(values):
        if _missing(value):
            value = ""
        elif not isinstance(value, str):
            raise CorpusError(
                f"column {text_col!r} of {name} holds a {type(value).__name__} in row "
                f"{position} ({value!r:.40}), not text; convert the column to strings first"
            )
        texts.append(normalise_newlines(value))
    return texts


def _given_fields(frame: pd.DataFrame, *, label: str) -> list[dict]:
    """Per row, ``field -> (value, label)`` from the metadata columns the table has."""
    given: list[dict] = [{} for _ in range(len(frame))]
    for field, aliases in FIELD_ALIASES.items():
        column = next((a for a in aliases if a in frame.columns), None)
        if column is None:
            continue
        for row, value in zip(given, frame[column]):
            if isinstance(value, str) and value.strip():
                row[field] = (value.strip(), label)
            elif not isinstance(value, str) and not _missing(value):
                row[field] = (str(value), label)
    return given


def _extra_columns(columns: list, used: set) -> list:
    """Columns kept as they are: not read into a field, not replaced by a derived one."""
    aliases = {alias for names in FIELD_ALIASES.values() for alias in names}
    return [c for c in columns if c not in used and c not in aliases and c not in DERIVED]


def _missing(value) -> bool:
    """None, NaN, NA or NaT (a list or dict is a value, not missing)."""
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def _parse_date(text: str, label: str) -> DateCandidate | None:
    found = _ISO_DATE.match(text)
    if found is not None:
        year, month, day = (int(g) if g else None for g in found.groups())
        return date_candidate(year, month, day, label)
    try:
        ts = pd.Timestamp(text)
    except (ValueError, TypeError, OverflowError):
        return None
    return None if pd.isna(ts) else date_candidate(ts.year, ts.month, ts.day, label)

