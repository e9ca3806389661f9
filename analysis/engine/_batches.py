"""Plan document batches on the client and read and process one batch on a worker.

A batch (a Dask partition) is a list of whole files: text files are grouped
in order of relative path until their estimated words reach
``partition_words``; a table file (``.csv``, ``.jsonl``, ``.parquet``) is a
batch of its own. Reading a batch follows :func:`analysis.read_corpus` file
by file (same decoding, metadata and ``index.csv`` rules), so the documents
are the ones the pandas path reads.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import corpus as _corpus
from analysis._decode import check_encoding
from analysis._tables import read_table, table_rows
from analysis.errors import CorpusError

#: Bytes of UTF-8 text per word token, to estimate a file's words from its size.
BYTES_PER_WORD = 6

#: Columns of ``docs`` kept in the result (the text stays on the workers).
DOC_COLUMNS = ("doc_id", "date", "place", "source", "title", "speaker", "n_chars")


@dataclass(frozen=True)
class Plan:
    """Where the documents are: a root folder, batches of relative paths and index.csv metadata."""

    root: str
    batches: tuple[tuple[str, ...], ...]
    sidecars: dict
    encoding: str | None
    notes: tuple[str, ...]

    def batch(self, index: int) -> Plan:
        """The plan of batch ``index`` alone (its files and their index.csv rows): what a task needs."""
        files = self.batches[index]
        sidecars = {rel: self.sidecars[rel] for rel in files if rel in self.sidecars}
        return Plan(self.root, (files,), sidecars, self.encoding, ())


def plan_batches(source, *, partition_words: int, encoding: str | None) -> Plan:
    """Split a file or folder into batches of whole files of about ``partition_words`` words."""
    encoding = check_encoding(encoding)
    path = _corpus._check_path(source)
    notes: list[str] = []
    root, files, sidecars = _corpus.list_files(path, encoding=encoding, note=notes.append)
    batches, current, words = [], [], 0
    for rel in files:
        size = os.path.getsize(root / rel) // BYTES_PER_WORD
        if not rel.lower().endswith(_corpus.TEXT_SUFFIXES):
            if current:
                batches.append(tuple(current))
                current, words = [], 0
            batches.append((rel,))
            continue
        if current and words + size > partition_words:
            batches.append(tuple(current))
            current, words = [], 0
        current.append(rel)
        words += size
    if current:
        batches.append(tuple(current))
    listed = set(sidecars) - set(files)
    if listed:
        notes.append(
            f"index.csv lists {len(listed)} files that are not in the folder: {sorted(listed)[:5]}"
        )
    return Plan(str(root), tuple(batches), sidecars, encoding, tuple(notes))


def read_batch(plan: Plan, index: int, notes: list[str]) -> pd.DataFrame:
    """The docs table of batch ``index``, as :func:`analysis.read_corpus` would give those files.

    A file that cannot be read (binary, or a table that raises) is noted and skipped.
    """
    root = Path(plan.root)
    blocks, pending = [], []
    options = {
        "text_col": "text",
        "date_col": "date",
        "id_col": None,
        "date_col_named": False,
    }
    for rel in plan.batches[index]:
        file, doc_id = root / rel, rel.rpartition(".")[0]
        try:
            if rel.lower().endswith(_corpus.TEXT_SUFFIXES):
                row = _corpus._text_row(
                    file, doc_id, plan.sidecars.get(rel), plan.encoding, notes.append
                )
                pending += [row] if row is not None else []
                continue
            if pending:
                blocks.append(_corpus._text_block(pending))
                pending = []
            read = read_table(
                file,
                encoding=plan.encoding,
                note=notes.append,
                str_cols=("text", None, "date"),
            )
            if read is not None:
                rows, extras = table_rows(
                    read[0],
                    name=f"'{file}'",
                    prefix=doc_id,
                    note=notes.append,
                    **options,
                )
                blocks.append(
                    _corpus._block(rows, extras, path=str(file), encoding=read[1])
                )
        except (OSError, ValueError, CorpusError) as error:
            notes.append(f"malformed file skipped: {file}: {error}")
    if pending:
        blocks.append(_corpus._text_block(pending))
    if not blocks:
        return _corpus._block([], pd.DataFrame())
    docs = pd.concat(blocks, ignore_index=True)
    blank = [d for d, text in zip(docs["doc_id"], docs["text"]) if not text.strip()]
    if blank:
        notes.append(
            f"{len(blank)} empty or whitespace-only documents kept: {blank[:10]}"
        )
    return docs


def process_batch(plan: Plan, index: int, stages: frozenset, ngram, lexicon) -> dict:
    """Read batch ``index`` and run the per-document stages on it: partial tables and notes."""
    from analysis.text import sentences_and_tokens

    notes: list[str] = []
    docs = read_batch(plan, index, notes)
    # one pass for both tables; no stage reads stems (terms count norms)
    sentences, tokens = sentences_and_tokens(docs, stem=False)
    # tokens' doc_id categories are docs' ids in order: count rows and words per code
    codes = tokens["doc_id"].cat.codes.to_numpy()
    n_docs = len(docs)
    meta = docs[[c for c in DOC_COLUMNS if c in docs.columns]].copy()
    meta["n_tokens"] = np.bincount(codes, minlength=n_docs).astype("int64")
    meta["n_words"] = np.bincount(
        codes, weights=~tokens["is_punct"].to_numpy(bool), minlength=n_docs
    ).astype("int64")
    out = {"notes": notes, "docs": meta}
    if "terms" in stages:
        from analysis.terms.frequency import term_counts

        out["terms"] = term_counts(tokens, ngram=ngram)  # unsorted: the reduce sorts
    quotes = None
    if stages & {"quotes", "markers", "trends"}:
        from analysis.quotes import quote_table

        quotes = quote_table(docs)  # also the markers' speaker attribution
    if "quotes" in stages:
        out["quotes"] = quotes
    if "markers" in stages or "trends" in stages:
        from analysis.rhetoric import marker_table

        out["markers"] = marker_table(docs, lexicon=lexicon, tokens=tokens, quotes=quotes)
    if "timexes" in stages:
        from analysis.timeline import timex_table

        out["timexes"] = timex_table(docs, sentences=sentences)
    return out
