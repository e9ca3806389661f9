"""Corpus overview: how long each document is in sentences, tokens and words."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import ParameterError

__all__ = ["length_table"]

_COLUMNS = ["doc_id", "n_chars", "n_sentences", "n_tokens", "n_words", "mean_sentence_length"]


def length_table(
    docs: pd.DataFrame,
    *,
    sentences: pd.DataFrame | None = None,
    tokens: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Count sentences, tokens and words per document.

    Parameters
    ----------
    docs : pandas.DataFrame
        The docs table of :func:`analysis.read_corpus` (``doc_id`` and ``text``).
    sentences : pandas.DataFrame, optional
        The output of :func:`analysis.sentence_table` for ``docs``; computed
        when omitted.
    tokens : pandas.DataFrame, optional
        The output of :func:`analysis.token_table` for ``docs``; computed when
        omitted.

    Returns
    -------
    pandas.DataFrame
        One row per document, in ``docs`` order:

        - ``doc_id`` (str): the document.
        - ``n_chars`` (int64): characters of text.
        - ``n_sentences`` (int64): sentences.
        - ``n_tokens`` (int64): tokens, punctuation included.
        - ``n_words`` (int64): tokens that are not punctuation (``~is_punct``).
        - ``mean_sentence_length`` (float64): ``n_words / n_sentences``, rounded
          to one decimal; NaN for a document without sentences.

    Raises
    ------
    ParameterError
        If ``docs`` lacks ``doc_id`` or ``text``, or ``sentences`` or
        ``tokens`` is not such a table.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["One two. Three!"]})
    >>> length_table(docs)[["n_sentences", "n_tokens", "n_words"]].values.tolist()
    [[2, 5, 3]]
    """
    missing = [c for c in ("doc_id", "text") if c not in getattr(docs, "columns", [])]
    if missing:
        have = list(getattr(docs, "columns", []))
        raise ParameterError(f"docs needs columns {missing}; it has {have} (use analysis.read_corpus)")
    for name, table, needed in (
        ("sentences", sentences, ["doc_id"]),
        ("tokens", tokens, ["doc_id", "is_punct"]),
    ):
        if table is not None and not (
            isinstance(table, pd.DataFrame) and all(c in table.columns for c in needed)
        ):
            got = list(table.columns) if isinstance(table, pd.DataFrame) else type(table).__name__
            raise ParameterError(
                f"{name} must be None or the table of analysis.{name[:-1]}_table(docs) "
                f"(with columns {needed}); got {got}"
            )
    if sentences is None or tokens is None:
        from analysis.text import sentence_table, token_table

        sentences = sentence_table(docs) if sentences is None else sentences
        tokens = token_table(docs, sentences=sentences) if tokens is None else tokens

    ids = docs["doc_id"].astype(str)  # (ids that print alike are refused by the tables' as_docs)

    def per_doc(table: pd.DataFrame) -> np.ndarray:
        counts = table["doc_id"].astype(str).value_counts()
        return counts.reindex(ids, fill_value=0).astype("int64").to_numpy()

    out = pd.DataFrame({"doc_id": pd.array(ids.tolist(), dtype="str")})
    out["n_chars"] = docs["text"].fillna("").str.len().astype("int64").to_numpy()
    out["n_sentences"] = per_doc(sentences)
    out["n_tokens"] = per_doc(tokens)
    out["n_words"] = per_doc(tokens[~tokens["is_punct"].to_numpy()])
    sents = out["n_sentences"].where(out["n_sentences"] > 0)
    out["mean_sentence_length"] = (out["n_words"] / sents).round(1)
    return out[_COLUMNS]
