"""Input checks and column builders shared by the functions of ``analysis.text``."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis._snowball import stem as _stem
from analysis._tokenize import Chunks, normalize, tokenize_chunks
from analysis.errors import ParameterError

_ALNUM = re.compile(r"[^\W_]")
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
    printed: dict[str, object] = {}
    # tables key documents by the printed id: "1" and 1 would merge
    for doc_id in ids if len(set(map(str, ids))) < len(ids) else ():
        other = printed.setdefault(str(doc_id), doc_id)
        if other is not doc_id:
            raise ParameterError(
                f"docs.doc_id holds {other!r} and {doc_id!r}, which print the same; make the ids "
                "one type, e.g. docs['doc_id'] = docs['doc_id'].astype(str)"
            )
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


def sentence_of_chunks(
    doc_chunks: np.ndarray, first: np.ndarray, chunk_first: np.ndarray, dtype: type
) -> np.ndarray:
    """For every chunk, the 0-based index of its sentence within its document.

    ``doc_chunks``: chunks per document; ``first``: first chunk of every
    sentence; ``chunk_first``: first chunk of every document.
    """
    sent = np.zeros(int(doc_chunks.sum()), dtype=dtype)
    sent[first] = 1
    sent = np.cumsum(sent, dtype=dtype)  # 1 + index of the sentence in the corpus
    filled = doc_chunks > 0
    sent -= np.repeat(sent[chunk_first[filled]], doc_chunks[filled])
    return sent


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
    """Snowball (English) stem of every norm (the norm itself for punctuation), cached."""
    if len(_STEM_CACHE) > _STEM_CACHE_MAX:
        _STEM_CACHE.clear()
    cache, stem = _STEM_CACHE, _stem
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


def sentence_frame(ids: list, chunks: Chunks, first: np.ndarray, last: np.ndarray) -> pd.DataFrame:
    """The sentence table of chunked documents whose sentences span chunks first..last."""
    start = chunks.start[first]
    end = chunks.start[last] + chunks.type_len[chunks.code[last]]
    text = chunks.text
    sentences = [text[s:e] for s, e in zip(start.tolist(), end.tolist())]
    doc_first_chunk = np.cumsum(chunks.doc_chunks) - chunks.doc_chunks
    per_doc = np.diff(np.searchsorted(first, doc_first_chunk), append=len(first))
    doc_start = np.repeat(chunks.doc_start, per_doc)
    start -= doc_start
    end -= doc_start
    columns = {
        "doc_id": categorical(group_codes(per_doc), ids),
        "sent_id": position_in_group(per_doc, np.int32),
        "start": start,
        "end": end,
        "text": pd.array(sentences, dtype="str"),
    }
    return pd.DataFrame(columns, copy=False)


# a transcript's turn label, at the start of a paragraph: "Q:" (the press), "A:" (the spokesperson)
TURN_LABEL = re.compile(r"(?P<who>Q|A)\s*[:\uff1a]")


def turn_labels(chunks: Chunks, toks, start: np.ndarray, doc: np.ndarray) -> np.ndarray:
    """Token rows that are a transcript's turn label (:data:`TURN_LABEL`) first on a line.

    A press-conference transcript opens each question with ``Q:`` and each
    answer with ``A:``: the layout of the transcript, not a word of its text.
    ``start`` is the tokens' offset in their document, ``doc`` their document.
    """
    codes = [code for code, word in enumerate(toks.vocab) if word in ("Q", "A", ":", "\uff1a")]
    is_label = np.zeros(len(toks.vocab), dtype=bool)
    is_label[codes] = True  # (the letters and the colons: a label is a letter, then a colon)
    code = toks.code
    rows = np.flatnonzero(is_label[code[:-1]] & is_label[code[1:]])
    text = chunks.text
    keep = []
    for row, at in zip(rows.tolist(), (chunks.doc_start[doc[rows]] + start[rows]).tolist()):
        if TURN_LABEL.match(text, at) and (start[row] == 0 or text[max(0, at - 40) : at].rstrip(" \t\r\f\v").endswith("\n")):
            keep.append(row)
    return np.asarray(keep, dtype=np.int64)


def token_frame(
    ids: list, chunks: Chunks, stopset: frozenset[str], stem: bool, *, first, sentences
) -> pd.DataFrame:
    """The token table of chunked documents; sentences start at chunks ``first``, else from ``sentences``."""
    toks = tokenize_chunks(chunks)
    per_chunk = toks.per_chunk
    chunk_first = np.cumsum(chunks.doc_chunks) - chunks.doc_chunks
    token_first = chunk_first if per_chunk is None else np.append(0, np.cumsum(per_chunk))[chunk_first]
    per_doc = np.diff(token_first, append=len(toks.code)).astype(chunks.dtype)
    doc = group_codes(per_doc)
    start = toks.start
    start -= np.repeat(chunks.doc_start, per_doc)
    end = toks.vocab_len[toks.code]
    end += start
    if sentences is None:
        sent_id = sentence_of_chunks(chunks.doc_chunks, first, chunk_first, chunks.dtype)
        if per_chunk is not None:  # chunk-level values -> token level
            sent_id = np.repeat(sent_id, per_chunk)
        sent_id = sent_id.astype(np.int32, copy=False)
    else:
        sent_id = sentence_ids(sentences, ids, doc, start)
    norm_codes, norms = factorize([normalize(word) for word in toks.vocab])
    is_punct = np.fromiter((_ALNUM.search(word) is None for word in toks.vocab), bool, len(toks.vocab))
    norm_punct = np.zeros(len(norms), dtype=bool)
    norm_punct[norm_codes] = is_punct  # a norm has a letter or digit iff its tokens have
    if stem:
        stem_codes, stem_values = factorize(stems(norms, norm_punct))
    else:
        stem_codes, stem_values = np.arange(len(norms), dtype=np.int32), norms
    is_stop = np.fromiter((word in stopset for word in norms), bool, len(norms))
    norm = norm_codes[toks.code]
    stop = is_stop[norm]
    if stopset:
        stop[turn_labels(chunks, toks, start, doc)] = True
    columns = {
        "doc_id": categorical(doc, ids),
        "sent_id": sent_id,
        "token_id": position_in_group(per_doc, np.int32),
        "start": start,
        "end": end,
        "token": categorical(toks.code, toks.vocab, "str"),
        "norm": categorical(norm, norms, "str"),
        "is_stop": stop,
        "is_punct": is_punct[toks.code],
        "stem": categorical(stem_codes[norm], stem_values, "str"),
    }
    return pd.DataFrame(columns, copy=False)
