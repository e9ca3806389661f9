"""The files of a corpus folder, for :func:`analysis.read_corpus`: which are documents, which metadata.

Private helper: walking a folder (hidden files, lock files, README files and
broken links skipped), and reading its ``index.csv`` files
(:mod:`analysis._sidecar`).
"""

from __future__ import annotations

import os
from pathlib import Path

from analysis._sidecar import read_sidecar
from analysis.errors import CorpusError

__all__ = ["SIDECAR", "TABLE_SUFFIXES", "TEXT_SUFFIXES", "list_files", "walk"]

TEXT_SUFFIXES = (".txt", ".md")
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".parquet")
#: The name of a folder's metadata file (any case).
SIDECAR = "index.csv"
_LOOKED_FOR = ", ".join(f"*{s}" for s in TEXT_SUFFIXES + TABLE_SUFFIXES)


def list_files(path: Path, *, encoding: str | None, note) -> tuple[Path, list[str], dict[str, tuple]]:
    """The documents a corpus path holds: ``(root, relative paths in order, sidecar metadata)``.

    A folder is walked recursively (hidden files and folder README files
    skipped); its ``index.csv`` files with a ``file`` column (any case) are metadata, not
    documents, and deeper ones override. A file is its own one-document list.

    Raises
    ------
    CorpusError
        If a folder holds no documents, or a file is of an unsupported type.
    """
    sidecars: dict[str, tuple] = {}
    if path.is_dir():
        files = walk(path, note)
        for rel in sorted((f for f in files if _is_sidecar(f)), key=lambda f: (f.count("/"), f)):
            found = read_sidecar(path / rel, rel.rpartition("/")[0], encoding=encoding, note=note)
            if found is not None:
                sidecars.update(found)
                files.remove(rel)
        if not files:
            raise CorpusError(
                f"no documents found in '{path.as_posix().rstrip('/')}/'; looked for {_LOOKED_FOR}"
            )
        return path, files, sidecars
    if path.suffix.lower() in TEXT_SUFFIXES + TABLE_SUFFIXES:
        return path.parent, [path.name], sidecars
    raise CorpusError(
        f"cannot read '{path}': unsupported file type '{path.suffix or '(none)'}'; "
        f"read_corpus accepts {', '.join(TEXT_SUFFIXES + TABLE_SUFFIXES)} files "
        "or a folder of them"
    )


def _is_sidecar(rel: str) -> bool:
    return rel.rpartition("/")[2].lower() == SIDECAR


def _is_readme(name: str) -> bool:
    """A folder's own documentation (README.md, readme.txt, README): not corpus text."""
    return name.lower().partition(".")[0] == "readme"


def walk(root: Path, note=None) -> list[str]:
    """Relative posix paths of readable files under ``root``, sorted: documents and index.csv files.

    Hidden files and folders, folder README files and editors' lock files
    (``~$name.txt``) are skipped, and so are symbolic links that lead nowhere
    (with a note). Links to files are read wherever they point; links to
    folders are not followed (a link to an ancestor would never end).
    """
    found, broken = [], []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = Path(folder).relative_to(root).as_posix()
        for name in names:
            if name.startswith((".", "~$")) or _is_readme(name):
                continue
            if name.lower().endswith(TEXT_SUFFIXES + TABLE_SUFFIXES):
                path = name if rel == "." else f"{rel}/{name}"
                if os.path.exists(os.path.join(folder, name)):
                    found.append(path)
                else:
                    broken.append(path)
    if broken and note is not None:
        note(f"{len(broken)} broken symbolic links skipped: {sorted(broken)[:10]}")
    return sorted(found)
