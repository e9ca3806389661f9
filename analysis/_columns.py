"""Input checks and column builders shared by the functions of ``analysis.text``."""

from __future__ import annotations

import numpy as np
import pandas as pd
from nltk.stem.snowball import SnowballStemmer

from analysis.errors import ParameterError

_STEMMER = SnowballStemmer("english")
_STEM_CACHE: dict[str, str] = {}  # norm -> stem, kept across calls
_STEM_CACHE_MAX = 2_000_000


def as_docs(docs: pd.DataFrame | str) -> tuple[list, list[str]]:
    """Validate a docs argument; return its ids and texts."""
    if isinstance(docs, str):
        return ["doc"], [docs]
    if not isinstance(docs, pd.DataFrame):
        raise ParameterError(
            "docs must be a DataFrame with columns doc_id and text (as read_corpus returns) "
            f"or a str, not {type(docs).__name__}"
        )
    missing = [column for column in ("doc_id", "text") if column not in docs.columns]
    if missing:
        raise ParameterError(
            f"docs is missing column(s) {missing}; it has {list(map(str, docs.columns))}. "
            "Pass the table read_corpus returns, or a DataFrame with doc_id and text columns."
        )
    ids = docs["doc_id"].tolist()
    if docs["doc_id"].isna().any():
        raise ParameterError("docs.doc_id has missing values; every document needs an id")
    repeated = docs["doc_id"][docs["doc_id"].duplicated()].unique().tolist()
    if repeated:
        raise ParameterError(f"docs.doc_id must be unique; repeated: {repeated[:5]}")
    texts = []
    for row, value in enumerate(docs["text"].tolist()):
        if isinstance(value, str):
            texts.append(value)
        elif value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
            texts.append("")
        else:
            raise ParameterError(
                f"docs.text must hold strings; row {row} (doc_id {ids[row]!r}) holds {type(value).__name__}"
            )
    return ids, texts


def check_unicode(ids: list, texts: list[str]) -> None:
    """Raise for a text pandas and pyarrow cannot hold (lone surrogates)."""
    for doc_id, text in zip(ids, texts):
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            raise ParameterError(
                f"the text of doc_id {doc_id!r} is not valid Unicode ({error.reason} at position "
                f"{error.start}); decode the source with errors='replace'"
            ) from None


def position_in_group(counts: np.ndarray, dtype: type) -> np.ndarray:
    """0, 1, ... within each run of rows, for runs of the given lengths."""
    total = int(counts.sum())
    firsts = np.cumsum(counts, dtype=dtype)
    firsts -= counts
    out = np.arange(total, dtype=dtype)
    out -= np.repeat(firsts, counts)
    return out


def group_codes(counts: np.ndarray) -> np.ndarray:
    """0 repeated counts[0] times, 1 repeated counts[1] times, ..., as small ints."""
    dtype = np.int8 if len(counts) < 2**7 else np.int16 if len(counts) < 2**15 else np.int32
    return np.repeat(np.arange(len(counts), dtype=dtype), counts)


def sentence_ids(sentences: object, ids: list, doc: np.ndarray, start: np.ndarray) -> np.ndarray:
    """sent_id of every token from a caller's sentence table; -1 outside all."""
    needed = ("doc_id", "sent_id", "start", "end")
    if not isinstance(sentences, pd.DataFrame):
        raise ParameterError(f"sentences must be a sentence_table, not {type(sentences).__name__}")
    if any(column not in sentences.columns for column in needed):
        have = list(map(str, sentences.columns))
        raise ParameterError(f"sentences must be a sentence_table with columns {list(needed)}; got {have}")
    position = {doc_id: k for k, doc_id in enumerate(ids)}
    sent_doc = sentences["doc_id"].map(position)
    known = sent_doc.notna().to_numpy()
    sent_doc = sent_doc.to_numpy()[known].astype(np.int64)
    sent_start = sentences["start"].to_numpy()[known].astype(np.int64)
    sent_end = sentences["end"].to_numpy()[known].astype(np.int64)
    span = 1 + max(int(start.max(initial=0)), int(sent_end.max(initial=0)))
    keys = sent_doc * span + sent_start
    order = np.argsort(keys, kind="stable")
    token_keys = doc.astype(np.int64) * span + start
    pos = np.searchsorted(keys[order], token_keys, side="right") - 1  # last sentence starting before
    row = order[np.maximum(pos, 0)]
    inside = (pos >= 0) & (sent_doc[row] == doc) & (start < sent_end[row])
    sent_id = sentences["sent_id"].to_numpy()[known].astype(np.int32)[row]
    return np.where(inside, sent_id, np.int32(-1))


def stems(norms: list[str], punct: np.ndarray) -> list[str]:
    """Snowball stem of every norm (the norm itself for punctuation), cached."""
    if len(_STEM_CACHE) > _STEM_CACHE_MAX:
        _STEM_CACHE.clear()
    cache, stem = _STEM_CACHE, _STEMMER.stem
    out = []
    for word, is_punct in zip(norms, punct.tolist()):
        if is_punct:
            out.append(word)
            continue
        value = cache.get(word)
        if value is None:
            value = cache[word] = stem(word)
        out.append(value)
    return out


def factorize(values: list[str]) -> tuple[np.ndarray, list[str]]:
    """(codes, distinct values in order of first appearance)."""
    index: dict[str, int] = {}
    codes = np.fromiter((index.setdefault(v, len(index)) for v in values), np.int32, len(values))
    return codes, list(index)


def categorical(codes: np.ndarray, categories: list, dtype: str | None = None) -> pd.Categorical:
    """A Categorical from codes known to be valid."""
    return pd.Categorical.from_codes(codes, categories=pd.Index(categories, dtype=dtype), validate=False)
