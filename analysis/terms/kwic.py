"""Keyword in context: :func:`kwic_table`."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import CorpusError, ParameterError
from analysis.terms._match import match_rows, regex_query, token_patterns
from analysis.terms._tokens import (
    UNITS,
    TokenArrays,
    check_choice,
    check_count,
    check_table,
    token_arrays,
)

__all__ = ["kwic_table"]

COLUMNS = ["doc_id", "sent_id", "start", "end", "left", "match", "right"]
DOCS_HINT = "pass the table made by analysis.read_corpus"


def _inputs(table: Any, docs: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(tokens, docs)`` from a docs table, or from a token table plus ``docs``."""
    if isinstance(table, pd.DataFrame) and "token_id" in table.columns:
        if docs is None:
            raise ParameterError(
                "kwic_table needs the documents' text: with a token table pass docs=read_corpus(...), "
                "or pass the docs table itself"
            )
        tokens = table
    elif isinstance(table, pd.DataFrame) and "text" in table.columns:
        from analysis.text import token_table

        docs, tokens = table, token_table(table)
    else:
        raise ParameterError(
            "kwic_table takes a docs table (doc_id, text) from analysis.read_corpus "
            "or a token table from analysis.token_table"
        )
    check_table(docs, "docs", ("doc_id", "text"), hint=DOCS_HINT)
    check_table(tokens, "tokens", ("start", "end"), hint="pass the table made by analysis.token_table(docs)")
    return tokens, docs


def _contexts(
    arrays: TokenArrays, tokens: pd.DataFrame, doc: np.ndarray, start: np.ndarray, end: np.ndarray,
    window: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Left-context start, right-context end and sentence of each match (character offsets).

    The left context begins at the ``window``-th word token that ends at or
    before the match start; the right context ends with the ``window``-th
    word token that starts at or after the match end; both stay in the document.
    """
    rows = np.flatnonzero(arrays.word & np.isin(arrays.doc, np.unique(doc)))  # words of matched docs
    w_start = tokens["start"].to_numpy()[rows].astype(np.int64)
    w_end = tokens["end"].to_numpy()[rows].astype(np.int64)
    w_doc = arrays.doc[rows].astype(np.int64)
    order = np.lexsort((w_start, w_doc))
    rows, w_start, w_end, w_doc = rows[order], w_start[order], w_end[order], w_doc[order]
    if not len(rows):  # one dummy word keeps the lookups below valid; every mask is False
        rows, w_start, w_end, w_doc = (np.zeros(1, np.int64),) * 3 + (np.full(1, -1),)
    big = int(max(w_end.max(), end.max(initial=0))) + 1
    first = np.searchsorted(w_doc, doc, "left")
    stop = np.searchsorted(w_doc, doc, "right")
    # of the words in the match's document, [first, before) end by the match start
    # and [after, stop) start at or after the match end
    before = np.searchsorted(w_doc * big + w_end, doc * big + start, "right")
    after = np.searchsorted(w_doc * big + w_start, doc * big + end, "left")
    left_word = np.maximum(first, before - window)
    right_word = np.minimum(stop, after + window) - 1

    def at(index: np.ndarray) -> np.ndarray:  # an index clipped into range, for masked lookups
        return np.clip(index, 0, len(rows) - 1)

    left = np.where(left_word < before, w_start[at(left_word)], start)
    right = np.where(right_word >= after, w_end[at(right_word)], end)
    sent = pd.array(tokens["sent_id"].to_numpy(np.int64)[rows[at(before)]], dtype="Int64")
    sent[~((before < stop) & (w_start[at(before)] < end))] = pd.NA
    return left, right, sent


def kwic_table(
    docs_or_tokens: pd.DataFrame,
    query: str | Any,
    *,
    window: int = 8,
    unit: str = "norm",
    docs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Find a word, phrase, glob or regular expression and show it in context.

    Parameters
    ----------
    docs_or_tokens : DataFrame
        A docs table from :func:`analysis.read_corpus` (it is tokenised with
        :func:`analysis.token_table`), or a token table, in which case ``docs``
        must give the text.
    query : str or re.Pattern
        - a word: ``"integration"``; a phrase: ``"Cold War mentality"``, matched
          token by token on consecutive tokens of one document;
        - a glob in any word of it: ``"refut*"``, ``"*-civilian"``, ``"?ar"``;
        - a regular expression: ``"re:Cold\\s+War"`` or ``re.compile(...)``,
          searched in each document's text (its flags apply; zero-length matches
          are skipped).

        Words and globs are compared with the ``unit`` column (for ``"norm"``
        they are lowercased first, so ``"Cold War"`` matches ``"cold war"``).
    window : int
        Context size on each side, in word tokens (punctuation in between is
        kept but not counted); ``0`` for none.
    unit : {"norm", "token", "stem"}
        The token-table column that word and glob queries are compared with.
    docs : DataFrame, optional
        The docs table (``doc_id``, ``text``) when ``docs_or_tokens`` is a token table.

    Returns
    -------
    DataFrame
        One row per match, in document order then by ``start``:

        - ``doc_id``; ``sent_id``: the sentence of the match's first word token
          (``<NA>`` if a regex match holds no word);
        - ``start``, ``end``: character offsets into the document text, so
          ``text[start:end] == match``;
        - ``left``, ``match``, ``right``: slices of the original text (spacing and
          line breaks kept), so ``left + match + right`` is one contiguous slice.

        No match gives an empty table with these columns.

    Raises
    ------
    ParameterError
        An empty or non-string query, a bad regex, an unknown ``unit``, a token
        table without ``docs``.
    CorpusError
        A table lacks a required column, or ``docs`` has no text for a document.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["d"],
    ...     "text": ["We firmly reject the Cold War mentality and zero-sum games."]})
    >>> kwic_table(docs, "cold war mentality", window=2)[["start", "end", "left", "match", "right"]]
       start  end         left               match          right
    0     21   39  reject the   Cold War mentality   and zero-sum
    """
    check_choice("unit", unit, UNITS)
    window = check_count("window", window, minimum=0)
    pattern = regex_query(query)
    patterns = None if pattern is not None else token_patterns(query, unit)
    tokens, docs = _inputs(docs_or_tokens, docs)
    arrays = token_arrays(tokens, unit=unit)
    texts = docs.drop_duplicates("doc_id").set_index("doc_id")["text"].reindex(arrays.doc_ids)
    present = np.unique(arrays.doc)
    missing = texts.iloc[present].isna()
    if missing.any():
        raise CorpusError(f"docs has no text for doc_id {list(missing.index[missing])[:5]}; " + DOCS_HINT)
    if pattern is not None:
        found = [
            (d, m.start(), m.end())
            for d in present
            for m in pattern.finditer(texts.iloc[d])
            if m.end() > m.start()
        ]
        doc, start, end = np.array(found, dtype=np.int64).reshape(-1, 3).T
    else:
        first = match_rows(arrays, patterns)
        doc = arrays.doc[first].astype(np.int64)
        start = tokens["start"].to_numpy(np.int64)[first]
        end = tokens["end"].to_numpy(np.int64)[first + len(patterns) - 1]
    left, right, sent = _contexts(arrays, tokens, doc, start, end, window)
    text = texts.to_numpy(dtype=object)[doc]

    def cut(lows: np.ndarray, highs: np.ndarray) -> pd.api.extensions.ExtensionArray:
        # (str even when empty: an empty list would make float64 columns)
        return pd.array([t[low:high] for t, low, high in zip(text, lows, highs, strict=True)], dtype="str")

    table = pd.DataFrame(
        {
            "doc_id": arrays.doc_ids[doc],
            "sent_id": sent,
            "start": start,
            "end": end,
            "left": cut(left, start),
            "match": cut(start, end),
            "right": cut(end, right),
        },
        columns=COLUMNS,
    )
    order = np.lexsort((start, doc))
    table = table.iloc[order].reset_index(drop=True)
    table.attrs["query"] = query if isinstance(query, str) else query.pattern
    return table
