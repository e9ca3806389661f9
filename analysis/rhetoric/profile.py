"""Marker profiles: :func:`marker_profile` counts markers per group and category.

Counting only: a profile turns the rows of :func:`analysis.rhetoric.marker_table`
into counts, rates per 1,000 word tokens, shares and mean intensity per
(group, category). Groups follow the ``by=`` convention of
:func:`analysis.terms.term_table` (``"doc_id"``, any docs column, ``"date:M"``...),
and reuse its grouping helper, so a profile and a term table group alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import CorpusError, ParameterError
from analysis.terms._tokens import (
    REQUIRED,
    _by_column,
    check_choice,
    check_table,
    resolve_groups,
    token_arrays,
)

__all__ = ["CATEGORIES", "marker_profile", "resolve_categories"]

#: The categories of the default ``diplomatic`` lexicon, in display order.
CATEGORIES = (
    "denial",
    "opposition",
    "accusation",
    "labelling",
    "distanced_attribution",
    "neutral_attribution",
    "booster",
    "hedge",
    "consensus",
    "counter_accusation",
    "cooperation",
    "appeal",
)

NEGATED = ("separate", "include")
COLUMNS = ["group", "category", "n", "per_1k", "share", "mean_intensity", "n_negated", "n_tokens"]
MARKERS_HINT = "pass the table made by analysis.marker_table(docs)"
DOCS_HINT = "pass the table made by analysis.read_corpus"


def resolve_categories(markers: pd.DataFrame, categories: Any = None) -> list[str]:
    """The categories to show, in order, checked against those the markers can have.

    The known categories are those of a categorical ``category`` column, else
    ``markers.attrs["categories"]``, else the 12 default categories when every
    present value is one of them, else the present values sorted. ``categories``
    picks some of them (a list, or one comma-separated string); a name that is
    neither known nor a default category raises :class:`ParameterError`.
    """
    column = markers["category"]
    if isinstance(column.dtype, pd.CategoricalDtype):
        known = [str(c) for c in column.cat.categories]
    elif markers.attrs.get("categories"):
        known = [str(c) for c in markers.attrs["categories"]]
    else:
        present = sorted({str(c) for c in column.dropna()})
        known = list(CATEGORIES) if set(present) <= set(CATEGORIES) else present
    if categories is None:
        return known
    if isinstance(categories, str):
        categories = [c.strip() for c in categories.split(",") if c.strip()]
    if not isinstance(categories, Sequence) or not all(isinstance(c, str) for c in categories):
        raise ParameterError(
            f"categories={categories!r} must be a list of category names or one comma-separated string"
        )
    allowed = known + [c for c in CATEGORIES if c not in known]
    unknown = [c for c in categories if c not in allowed]
    if unknown:
        raise ParameterError(
            f"unknown categor{'y' if len(unknown) == 1 else 'ies'} {', '.join(map(repr, unknown))}; "
            f"use some of {', '.join(allowed)}"
        )
    if not categories:
        raise ParameterError(f"categories is empty; use None for all, or some of {', '.join(allowed)}")
    return list(dict.fromkeys(categories))


def _group_codes(
    docs: pd.DataFrame, tokens: pd.DataFrame, by: str | None
) -> tuple[np.ndarray, np.ndarray, pd.Index, np.ndarray]:
    """Word tokens per group, group code per doc code, the group values and the doc ids."""
    arrays = token_arrays(tokens, unit="norm")
    if by is not None:
        column, _ = _by_column(by)
        if column != "doc_id" and column not in docs.columns:
            raise ParameterError(
                f"by={by!r} names no column of docs; use 'doc_id' or one of "
                f"{', '.join(map(str, docs.columns))} (a date column may take a period: 'date:M')"
            )
        # Only the columns resolve_groups needs, so that `by` always means a docs column.
        tokens = tokens[list(REQUIRED) + ["norm"]]
        row_group, groups, doc_group = resolve_groups(tokens, arrays, by, docs)
    else:
        groups = pd.Index(["all"])
        row_group = np.zeros(len(arrays.doc), np.int64)
        doc_group = np.zeros(len(arrays.doc_ids), np.int64)
    keep = arrays.word & (row_group >= 0)
    n_tokens = np.bincount(row_group[keep].astype(np.int64), minlength=len(groups))
    return n_tokens, np.asarray(doc_group, np.int64), groups, arrays.doc_ids


def marker_profile(
    markers: pd.DataFrame,
    docs: pd.DataFrame,
    *,
    by: str | None = "doc_id",
    tokens: pd.DataFrame | None = None,
    categories: Sequence[str] | str | None = None,
    negated: str = "separate",
) -> pd.DataFrame:
    """Count rhetoric markers per group and category, with rates per 1,000 words.

    Every (group, category) pair gets a row, with zeros where a group has no
    marker of the category, so profiles of different groups line up. A span
    reported under two categories (a cue that is both booster and denial) counts
    once in each.

    Negated markers ("we do **not** oppose") did not make the move, so by default
    they are left out of ``n`` and counted apart in ``n_negated``;
    ``negated="include"`` counts them in ``n`` too (``n_negated`` then says how
    many of ``n`` were negated).

    Parameters
    ----------
    markers : DataFrame
        A marker table from :func:`analysis.rhetoric.marker_table`: ``doc_id``,
        ``category``, ``negated`` (bool) and, if present, ``intensity`` (float,
        NaN where not graded). A categorical ``category`` column fixes the list of
        categories (so absent ones get zero rows).
    docs : DataFrame
        The docs table of :func:`analysis.read_corpus` the markers were found in
        (``doc_id``, ``text``, and the column named by ``by``).
    by : str or None, default "doc_id"
        Group by ``"doc_id"``, any column of ``docs`` (``"speaker"``,
        ``"source"``), or a calendar period of a date column: ``"date:D"``,
        ``"date:W"``, ``"date:M"``, ``"date:Q"``, ``"date:Y"`` (as in
        :func:`analysis.terms.term_table`). Documents without a group value are
        left out with an :class:`~analysis.errors.AnalysisWarning`. ``None``: one
        group, ``"all"``.
    tokens : DataFrame, optional
        The token table of ``docs`` (:func:`analysis.token_table`), to save
        tokenising again; made from ``docs`` when omitted.
    categories : list of str or str, optional
        The categories to show, in this order (a comma-separated string works
        too). Default: every category the marker table knows, in its order (the
        12 categories of the default lexicon for a plain table of them).
    negated : {"separate", "include"}, default "separate"
        Whether negated markers count in ``n`` (see above).

    Returns
    -------
    DataFrame
        One row per (group, category), groups sorted, categories in order:

        - ``group``: the group value (doc id, docs column value, or
          ``pandas.Period`` for ``date:F``; ``"all"`` when ``by=None``);
        - ``category`` (str): the marker category;
        - ``n`` (int64): markers of the category in the group;
        - ``per_1k`` (float64): ``n / n_tokens * 1000``; NaN when the group
          has no word token;
        - ``share`` (float64): ``n`` over the group's ``n`` summed over the
          categories shown, so shares sum to 1 per group; NaN for a group
          without markers;
        - ``mean_intensity`` (float64): mean ``intensity`` of the counted
          markers that carry a grade; NaN when none does (or the column is absent);
        - ``n_negated`` (int64): negated markers of the category in the group;
        - ``n_tokens`` (int64): the denominator, the group's word tokens:
          tokens that are not punctuation (``is_punct`` False), stopwords
          included, the same ``W`` as :func:`analysis.terms.term_table`.

        ``attrs`` holds ``by``, ``negated`` and ``categories``.

    Raises
    ------
    ParameterError
        An unknown ``by`` column or period, category, or ``negated`` choice.
    CorpusError
        A table lacks a required column, or markers name documents that are not
        in ``docs``/``tokens``.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"],
    ...     "text": ["We firmly oppose it.", "We hope for win-win cooperation."]})
    >>> markers = pd.DataFrame({"doc_id": ["a", "b"], "category": ["opposition", "cooperation"],
    ...     "negated": [False, False], "intensity": [4.0, float("nan")]})
    >>> marker_profile(markers, docs, categories=["opposition", "cooperation"])
      group     category  n  per_1k  share  mean_intensity  n_negated  n_tokens
    0     a   opposition  1   250.0    1.0             4.0          0         4
    1     a  cooperation  0     0.0    0.0             NaN          0         4
    2     b   opposition  0     0.0    0.0             NaN          0         5
    3     b  cooperation  1   200.0    1.0             NaN          0         5
    """
    negated = check_choice("negated", negated, NEGATED)
    check_table(markers, "markers", ("doc_id", "category", "negated"), hint=MARKERS_HINT)
    check_table(docs, "docs", ("doc_id",), hint=DOCS_HINT)
    cats = resolve_categories(markers, categories)
    if tokens is None:
        from analysis.text import token_table

        check_table(docs, "docs", ("doc_id", "text"), hint=DOCS_HINT)
        tokens = token_table(docs)
    n_tokens, doc_group, groups, doc_ids = _group_codes(docs, tokens, by)
    n_groups, n_cats = len(groups), len(cats)

    doc_code = pd.Index(doc_ids, dtype=object).get_indexer(markers["doc_id"].astype(object).to_numpy())
    if (doc_code < 0).any():
        missing = pd.unique(markers["doc_id"].astype(object).to_numpy()[doc_code < 0])[:5]
        raise CorpusError(
            f"markers name document(s) {', '.join(map(repr, missing))} that are not in "
            "docs/tokens; profile markers with the docs table they were found in"
        )
    group = doc_group[doc_code] if len(doc_code) else np.zeros(0, np.int64)
    cat = pd.Index(cats, dtype=object).get_indexer(markers["category"].astype(object).to_numpy())
    cat = cat.astype(np.int64)
    keep = (group >= 0) & (cat >= 0)
    try:
        neg = markers["negated"].fillna(False).to_numpy(dtype=bool)
    except (TypeError, ValueError):
        raise CorpusError("markers.negated must hold booleans; " + MARKERS_HINT) from None
    counted = keep & ~neg if negated == "separate" else keep
    cell = group * n_cats + cat
    size = n_groups * n_cats

    n = np.bincount(cell[counted], minlength=size).astype(np.int64)
    n_negated = np.bincount(cell[keep & neg], minlength=size).astype(np.int64)
    if "intensity" in markers.columns:
        grade = pd.to_numeric(markers["intensity"], errors="coerce").to_numpy(dtype=float)
        graded = counted & ~np.isnan(grade)
        total = np.bincount(cell[graded], weights=grade[graded], minlength=size)
        count = np.bincount(cell[graded], minlength=size)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(count > 0, total / np.maximum(count, 1), np.nan)
    else:
        mean = np.full(size, np.nan)

    words = np.repeat(n_tokens, n_cats).astype(np.int64)
    group_n = np.repeat(n.reshape(n_groups, n_cats).sum(axis=1), n_cats)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_1k = np.where(words > 0, n / np.maximum(words, 1) * 1000, np.nan)
        share = np.where(group_n > 0, n / np.maximum(group_n, 1), np.nan)

    table = pd.DataFrame({
        "group": groups.repeat(n_cats),
        "category": pd.array(np.tile(np.asarray(cats, dtype=object), n_groups), dtype="str"),
        "n": n,
        "per_1k": per_1k,
        "share": share,
        "mean_intensity": mean,
        "n_negated": n_negated,
        "n_tokens": words,
    })
    table.attrs.update({"by": by, "negated": negated, "categories": list(cats)})
    return table
