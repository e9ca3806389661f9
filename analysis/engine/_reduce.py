"""Reduce per-batch partial tables to the tables of the whole corpus.

Term counts are sums: ``n`` and ``docs`` (batches hold disjoint documents)
add up per (ngram, term); ``per_10k`` and ``rank`` are then recomputed from
the totals exactly as :func:`analysis.term_table` computes them. Token-level
tables are concatenated in batch (= document) order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

TERM_KEYS = ["ngram", "term"]


def combine_terms(*parts: pd.DataFrame) -> pd.DataFrame:
    """Sum ``n`` and ``docs`` per (ngram, term) over partial term counts (associative)."""
    frames = [p for p in parts if len(p)]
    if not frames:
        return parts[0]
    table = pd.concat(frames, ignore_index=True)
    return table.groupby(TERM_KEYS, sort=False, as_index=False)[["n", "docs"]].sum()


def finish_terms(
    counts: pd.DataFrame, n_words: int, *, ngram, min_count: int = 1
) -> pd.DataFrame:
    """The :func:`analysis.term_table` (``by=None``) of summed counts over ``n_words`` word tokens."""
    counts = counts[counts["n"] >= min_count].reset_index(drop=True)
    counts = counts.astype(
        {"ngram": "int64", "term": "str", "n": "int64", "docs": "int64"}
    )
    counts["per_10k"] = (
        counts["n"] / np.array([n_words])[np.zeros(len(counts), np.intp)] * 10_000
    )
    counts["rank"] = (
        counts.groupby("ngram")["n"]
        .rank(method="min", ascending=False)
        .astype(np.int64)
    )
    counts = counts.sort_values(["ngram", "rank", "term"], kind="stable").reset_index(
        drop=True
    )
    columns = (["ngram"] if isinstance(ngram, tuple) else []) + [
        "term",
        "n",
        "per_10k",
        "docs",
        "rank",
    ]
    table = counts[columns]
    table.attrs.update({"by": None, "ngram": ngram})
    return table


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
