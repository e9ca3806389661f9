"""A folder's ``index.csv``: metadata for the files it lists, for :func:`analysis.read_corpus`.

Private helper. Users write these files in a spreadsheet, so the reader is
forgiving where that is safe and strict where a silent choice would corrupt
the metadata:

* column names match whatever their case and surrounding spaces (``File``,
  `` DATE ``, ``Spokesperson``);
* blank rows (every cell empty, as Excel writes ``,,,``) are skipped; a row
  with metadata but no file is skipped with a warning;
* a file listed twice with the same metadata is kept once, with a warning; a
  file listed twice with *different* metadata is an error naming both lines:
  which row is right is the user's call, not the reader's;
* a row with more fields than the header is an error naming its line
  (:func:`analysis._tables.read_table`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis._tables import (
    DERIVED,
    FIELD_ALIASES,
    _extra_columns,
    _given_fields,
    _missing,
    date_candidates,
    read_table,
)
from analysis.errors import CorpusError

__all__ = ["read_sidecar"]

#: Column names recognised in any case and spacing, renamed to these spellings.
KNOWN_COLUMNS = ("file", "date", *(a for names in FIELD_ALIASES.values() for a in names), *DERIVED)


def read_sidecar(
    path: Path, prefix: str, *, encoding: str | None, note: Callable[[str], None]
) -> dict[str, tuple] | None:
    """Read an ``index.csv`` of metadata: ``{relative file path: (given, date, extras)}``.

    Returns None when the file has no ``file`` column (in any case or
    spacing: it is then an ordinary table). ``prefix`` is the index.csv's
    folder relative to the corpus root, so keys are root-relative posix paths.

    Raises
    ------
    CorpusError
        If two columns differ only in case or spaces, a file is listed twice
        with different metadata, or a row has more fields than the header.
    """
    read = read_table(path, encoding=encoding, note=note, lines=True)
    if read is None:
        return None
    frame = read[0]
    lines = frame.attrs.get("lines")
    frame = _canonical_columns(frame, path)
    if "file" not in frame.columns:
        return None
    frame = frame.reset_index(drop=True)
    where = _Where(lines)
    cells = pd.DataFrame({c: [_cell(v) for v in frame[c]] for c in frame.columns}, dtype=object)
    filled = cells.notna().any(axis=1).to_numpy()
    has_file = cells["file"].notna().to_numpy()
    orphans = [i for i in range(len(frame)) if filled[i] and not has_file[i]]
    if orphans:
        note(
            f"'{path}' has {len(orphans)} rows without a file, skipped ({where(orphans[:5])}); "
            "fill their 'file' cell with the path of the document they describe"
        )
    keep = [i for i in range(len(frame)) if has_file[i]]
    keys = {
        i: posixpath.normpath(posixpath.join(prefix, cells.at[i, "file"].replace("\\", "/")))
        for i in keep
    }
    keep = _drop_repeats(keep, keys, cells, where, path, note)
    frame = frame.iloc[keep].reset_index(drop=True)
    dates = (
        date_candidates(frame["date"], label="index.csv", where=f"'{path}'", note=note)
        if "date" in frame.columns
        else [None] * len(frame)
    )
    given = _given_fields(frame, label="index.csv")
    records = frame[_extra_columns(list(frame.columns), {"file", "date"})].to_dict("records")
    return {keys[row]: (given[i], dates[i], records[i]) for i, row in enumerate(keep)}


def _canonical_columns(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Known column names in their canonical spelling; other names without outer spaces."""
    names = []
    for column in frame.columns:
        if not isinstance(column, str):
            names.append(column)
            continue
        key = " ".join(column.split()).lower()
        names.append(key if key in KNOWN_COLUMNS else column.strip())
    seen: dict = {}
    for original, name in zip(frame.columns, names):
        if name in seen:
            raise CorpusError(
                f"'{path}' has columns {seen[name]!r} and {original!r}, which are one column "
                "(names match whatever their case and spaces); keep one of them"
            )
        seen[name] = original
    return frame.set_axis(names, axis=1)


def _drop_repeats(keep: list[int], keys: dict, cells: pd.DataFrame, where, path: Path, note) -> list[int]:
    """``keep`` without the repeats of a file; an error if two rows of a file disagree."""
    rows_of: dict[str, list[int]] = {}
    for i in keep:
        rows_of.setdefault(keys[i], []).append(i)
    repeated = {key: rows for key, rows in rows_of.items() if len(rows) > 1}
    if not repeated:
        return keep
    compared = [c for c in cells.columns if c != "file"]  # "a.txt" and "./a.txt" are one file
    conflicts, same = [], []
    for key, rows in repeated.items():
        first = cells.loc[rows[0], compared]
        differ = [c for c in compared if any(cells.at[r, c] != first[c] for r in rows[1:])]
        lines = where(rows)
        (conflicts if differ else same).append((key, lines, differ))
    if conflicts:
        key, lines, differ = conflicts[0]
        more = f" ({len(conflicts) - 1} more files too)" if len(conflicts) > 1 else ""
        raise CorpusError(
            f"'{path}' lists {key!r} more than once with different metadata ({lines} differ in "
            f"{differ}){more}; delete the wrong row, so that each file has one row"
        )
    listed = "; ".join(f"{key!r} ({lines})" for key, lines, _ in same[:5])
    note(
        f"'{path}' lists {len(same)} files more than once, with the same metadata: {listed}; "
        "the repeats were ignored"
    )
    firsts = {rows[0] for rows in rows_of.values()}
    return [i for i in keep if i in firsts]


class _Where:
    """Names rows for messages: ``lines 2 and 5`` (of the file), else ``data rows 1 and 4``."""

    def __init__(self, lines: list[int] | None):
        self.lines = lines

    def __call__(self, rows: list[int]) -> str:
        numbers = [self.lines[r] if self.lines else r + 1 for r in rows]
        kind = "line" if self.lines else "data row"
        if len(numbers) == 1:
            return f"{kind} {numbers[0]}"
        return f"{kind}s {', '.join(map(str, numbers[:-1]))} and {numbers[-1]}"


def _cell(value) -> str | None:
    """A cell as compared and tested for blankness: stripped text, or None when empty."""
    if _missing(value):
        return None
    text = str(value).strip()
    return text or None
