"""Linked views of the two summaries a report shows most: marker profile and keyness."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import ParameterError
from analysis.evidence.tables import evidence_tables_html
from analysis.terms._tokens import check_count

__all__ = ["linked_keyness_html", "linked_profile_html"]

_GLOB = re.compile(r"[*?\[]")  # a term with glob characters is no literal KWIC query
_KEYNESS_SHOWN = ("term", "direction", "n_target", "n_reference", "per_10k_target",
                  "per_10k_reference", "log_ratio", "g2", "p_value", "test")


def linked_profile_html(
    profile: pd.DataFrame,
    markers: pd.DataFrame,
    docs: pd.DataFrame,
    *,
    tokens: pd.DataFrame | None = None,
    limit: int = 20,
    width: int = 60,
    id_prefix: str = "ev-profile",
) -> str:
    """Render a marker profile whose counts link to their matches in context.

    ``n`` links to the matches the profile counted in it (non-negated ones
    unless the profile was made with ``negated="include"``), ``n_negated`` to
    the negated ones; each (group, category) lists its first ``limit`` matches.

    Parameters
    ----------
    profile : DataFrame
        A table of :func:`analysis.rhetoric.profile.marker_profile` (its
        ``attrs`` say how it grouped and counted; a filtered copy works too).
    markers : DataFrame
        The marker table the profile counted (``doc_id``, ``start``, ``end``,
        ``category``, ``negated``; ``cue`` is shown when present).
    docs : DataFrame
        The docs table (``doc_id``, ``text`` and the grouping column).
    tokens : DataFrame, optional
        Its token table, used to assign groups; made from ``docs`` if omitted.
    limit : int, default 20
        Matches listed per (group, category) at most.
    width : int, default 60
        Characters of context on each side of a match.
    id_prefix : str, default "ev-profile"
        Start of the anchor ids (see :func:`evidence_tables_html`).

    Returns
    -------
    str
        The HTML fragment of :func:`evidence_tables_html`: the profile
        (``group``, ``category``, ``n``, ``per_1k``, ``share``,
        ``mean_intensity``, ``n_negated``, ``n_tokens``; those present) and the
        matches (``doc_id``, ``left``, ``match``, ``right``, ``cue``).

    Raises
    ------
    ParameterError, CorpusError
        As :func:`evidence_tables_html` and
        :func:`analysis.rhetoric.highlight.marker_context_table`.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.rhetoric.profile import marker_profile
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["We firmly oppose it."]})
    >>> markers = pd.DataFrame({"doc_id": ["a"], "start": [10], "end": [16],
    ...     "category": ["opposition"], "negated": [False]})
    >>> profile = marker_profile(markers, docs, categories=["opposition"])
    >>> "of 1 shown" in linked_profile_html(profile, markers, docs)
    True
    """
    from analysis.rhetoric.highlight import marker_context_table
    from analysis.rhetoric.profile import _group_codes

    for name in ("group", "category", "n"):
        if name not in profile.columns:
            raise ParameterError(f"profile lacks column {name!r}; pass a table of marker_profile")
    by = profile.attrs.get("by", "doc_id")
    negated = profile.attrs.get("negated", "separate")
    if tokens is None:
        from analysis.text import token_table

        tokens = token_table(docs)
    cats = list(dict.fromkeys(profile["category"].astype(object)))
    contexts = marker_context_table(markers, docs, width=width, categories=cats or None)
    _, doc_group, groups, doc_ids = _group_codes(docs, tokens, by)
    code = pd.Index(doc_ids, dtype=object).get_indexer(contexts["doc_id"].astype(object).to_numpy())
    group = np.where(code >= 0, doc_group[np.maximum(code, 0)], -1) if len(code) else code
    contexts = contexts[group >= 0].reset_index(drop=True)
    contexts.insert(0, "group", np.asarray(groups, dtype=object)[group[group >= 0]])
    counts: dict[str, dict[str, Any]] = {"n": {}}
    if "negated" in contexts.columns:
        if negated == "separate":
            counts["n"] = {"negated": False}
        if "n_negated" in profile.columns:
            counts["n_negated"] = {"negated": True}
    shown = [c for c in ("doc_id", "left", "match", "right", "cue") if c in contexts.columns]
    return evidence_tables_html(
        profile, contexts, keys=["group", "category"], count_columns=counts,
        detail_columns=shown, limit=limit, id_prefix=id_prefix,
    )


def linked_keyness_html(
    keyness: pd.DataFrame,
    target: pd.DataFrame,
    reference: pd.DataFrame,
    docs: pd.DataFrame,
    *,
    top_n: int | None = 20,
    limit: int = 20,
    window: int = 8,
    unit: str = "norm",
    id_prefix: str = "ev-keyness",
) -> str:
    """Render a keyness table whose counts link to their KWIC lines.

    ``n_target`` links to the term's occurrences in the target documents and
    ``n_reference`` to those in the reference, found with
    :func:`analysis.terms.kwic_table`.

    Parameters
    ----------
    keyness : DataFrame
        A table of :func:`analysis.terms.keyness_table` (``term``,
        ``n_target``, ``n_reference``, ...), in the order to show.
    target, reference : DataFrame
        The token tables the keyness table compared.
    docs : DataFrame
        The docs table (``doc_id``, ``text``).
    top_n : int or None, default 20
        Show the first ``top_n`` rows of ``keyness``; None for all.
    limit : int, default 20
        KWIC lines listed per term and side at most.
    window : int, default 8
        Word tokens of context on each side.
    unit : {"norm", "token", "stem"}, default "norm"
        The unit the keyness table counted.
    id_prefix : str, default "ev-keyness"
        Start of the anchor ids (see :func:`evidence_tables_html`).

    Returns
    -------
    str
        The HTML fragment of :func:`evidence_tables_html`: the keyness rows
        (``term``, ``direction``, ``n_target``, ``n_reference``,
        ``per_10k_target``, ``per_10k_reference``, ``log_ratio``, ``g2``,
        ``p_value``, ``test``; those present; every column is in the CSV) and
        the KWIC lines (``doc_id``, ``left``, ``match``, ``right``).

    Raises
    ------
    ParameterError, CorpusError
        As :func:`evidence_tables_html` and :func:`analysis.terms.kwic_table`.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis import token_table
    >>> from analysis.terms import keyness_table
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"],
    ...     "text": ["hegemony hegemony hegemony now", "peace and peace now"]})
    >>> tokens = token_table(docs)
    >>> t, r = tokens[tokens["doc_id"] == "a"], tokens[tokens["doc_id"] == "b"]
    >>> "3 of 3 shown" in linked_keyness_html(keyness_table(t, r), t, r, docs)
    True
    """
    from analysis.terms import kwic_table

    for name in ("term", "n_target", "n_reference"):
        if name not in keyness.columns:
            raise ParameterError(f"keyness lacks column {name!r}; pass a table of keyness_table")
    if top_n is not None:
        keyness = keyness.head(check_count("top_n", top_n))
    pieces = []
    for term in dict.fromkeys(keyness["term"].astype(object)):
        if not isinstance(term, str) or not term.split() or _GLOB.search(term) or term.startswith("re:"):
            continue  # cannot be searched as a literal word or phrase: its counts stay unlinked
        for side, tokens in (("target", target), ("reference", reference)):
            lines = kwic_table(tokens, term, window=window, unit=unit, docs=docs)
            pieces.append(lines.assign(term=term, side=side))
    columns = ["term", "side", "doc_id", "left", "match", "right"]
    detail = pd.concat(pieces, ignore_index=True)[columns] if pieces else pd.DataFrame(columns=columns)
    return evidence_tables_html(
        keyness, detail, keys=["term"],
        count_columns={"n_target": {"side": "target"}, "n_reference": {"side": "reference"}},
        detail_columns=["doc_id", "left", "match", "right"], limit=limit, id_prefix=id_prefix,
        summary_columns=[c for c in _KEYNESS_SHOWN if c in keyness.columns],
    )
