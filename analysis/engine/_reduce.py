"""Reduce per-batch partial tables to the tables of the whole corpus.

Term counts are sums: ``n`` and ``docs`` (batches hold disjoint documents)
add up per (ngram, term); ``per_10k`` and ``rank`` are then recomputed from
the totals exactly as :func:`analysis.term_table` computes them. Token-level
tables are concatenated in batch (= document) order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.api.types import union_categoricals

TERM_KEYS = ["ngram", "term"]


def combine_terms(*parts: pd.DataFrame) -> pd.DataFrame:
    """Sum ``n`` and ``docs`` per (ngram, term) over partial term counts (associative).

    (Measured against Arrow's hash aggregation and a dictionary-encode plus
    bincount: pandas' groupby was as fast or faster.)
    """
    frames = [p for p in parts if len(p)]
    if not frames:
        return parts[0]
    table = pd.concat(frames, ignore_index=True)
    return table.groupby(TERM_KEYS, sort=False, as_index=False)[["n", "docs"]].sum()


def _arrow_terms(frame: pd.DataFrame) -> pa.Table:
    """A partial term table as Arrow columns of fixed types."""
    return pa.table(
        {
            "ngram": pa.array(frame["ngram"].to_numpy("int64")),
            "term": pa.array(frame["term"].array, type=pa.large_string()),
            "n": pa.array(frame["n"].to_numpy("int64")),
            "docs": pa.array(frame["docs"].to_numpy("int64")),
        }
    )


def finish_terms(
    counts: pd.DataFrame, n_words: int, *, ngram, min_count: int = 1
) -> pd.DataFrame:
    """The :func:`analysis.term_table` (``by=None``) of summed counts over ``n_words`` word tokens.

    Rows are sorted by ngram, ``n`` descending and term (Arrow's sort: code
    point order, as Python compares strings), which is term_table's order by
    ngram, rank and term.
    """
    counts = counts[counts["n"] >= min_count].reset_index(drop=True)
    table = _arrow_terms(counts)
    order = pc.sort_indices(
        table,
        sort_keys=[("ngram", "ascending"), ("n", "descending"), ("term", "ascending")],
    ).to_numpy()
    kinds = table["ngram"].to_numpy()[order]
    n = table["n"].to_numpy()[order]
    new_set = np.ones(len(order), bool)  # a new ngram: ranks start at 1
    new_set[1:] = kinds[1:] != kinds[:-1]
    new_n = new_set.copy()
    new_n[1:] |= n[1:] != n[:-1]  # competition rank = 1 + rows above it with a larger n
    position = np.arange(len(order))
    set_start = np.maximum.accumulate(np.where(new_set, position, 0))
    n_start = np.maximum.accumulate(np.where(new_n, position, 0))
    sorted_counts = pd.DataFrame(
        {
            "ngram": kinds,
            "term": pd.array(table["term"].take(pa.array(order)), dtype="str"),
            "n": n,
            "per_10k": pd.Series(n) / np.array([n_words])[np.zeros(len(n), np.intp)] * 10_000,
            "docs": table["docs"].to_numpy()[order],
            "rank": (n_start - set_start + 1).astype(np.int64),
        }
    )
    columns = (["ngram"] if isinstance(ngram, tuple) else []) + [
        "term",
        "n",
        "per_10k",
        "docs",
        "rank",
    ]
    result = sorted_counts[columns]
    result.attrs.update({"by": None, "ngram": ngram})
    return result


def concat_rows(parts: list[pd.DataFrame], doc_ids: list[str]) -> pd.DataFrame:
    """Concatenate per-batch tables in order; ``doc_id`` categories are all documents in order."""
    parts = [p for p in parts if p is not None]
    fixed = []
    for column in parts[0].columns if parts else ():
        if (
            column != "doc_id"
            and isinstance(parts[0][column].dtype, pd.CategoricalDtype)
            and len({tuple(p[column].cat.categories) for p in parts}) > 1
        ):
            fixed.append(column)
    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    for column in fixed:
        table[column] = union_categoricals([p[column] for p in parts]).astype(
            "category"
        )
    if "doc_id" in table.columns:
        table["doc_id"] = pd.Categorical(
            table["doc_id"].astype(str), categories=doc_ids
        )
    return table


def word_rows(docs: pd.DataFrame, doc_ids: list[str]) -> pd.DataFrame:
    """One row per word token (``doc_id`` categorical over ``doc_ids``, ``is_punct`` False).

    The stand-in token table that :func:`analysis.trend_table` counts words
    from, built from ``docs["n_words"]`` with integer codes (the same table as
    ``pd.Categorical(docs["doc_id"].repeat(docs["n_words"]), categories=doc_ids)``,
    about 100 times faster at 10M words).
    """
    per_doc = docs["n_words"].to_numpy("int64")
    codes = pd.Index(doc_ids).get_indexer(docs["doc_id"].astype(str))
    return pd.DataFrame(
        {
            "doc_id": pd.Categorical.from_codes(
                np.repeat(codes.astype(np.int32), per_doc),
                categories=pd.Index(doc_ids, dtype="str"),
            ),
            "is_punct": np.zeros(int(per_doc.sum()), bool),
        }
    )
