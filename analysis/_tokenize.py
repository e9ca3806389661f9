"""Cut a corpus into whitespace chunks and chunks into tokens, vectorised.

The documents are joined into one string with a blank line between them and
cut at every single space into *pieces* (``text.split(" ")``, done by
pyarrow in C++, without a Python object per piece). Pieces are factorised: a corpus of ten
million words has only tens of thousands of distinct pieces, so everything
that needs Python runs once per distinct piece, chunk or token, and numpy
spreads the results over the corpus:

- a piece's *chunks* are its maximal runs of non-whitespace (a piece holds
  newlines or tabs only where a line or paragraph ends, so most pieces are
  exactly one chunk);
- a chunk's *tokens* come from :data:`TOKEN_RE`. No token contains
  whitespace, so tokenising each distinct chunk gives exactly what
  tokenising the whole text would.

Offsets are plain arithmetic: piece ``j`` starts at ``sum(len[:j]) + j``;
a chunk starts at its piece's start plus its offset inside the piece type.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["Chunks", "chunk_corpus", "Tokens", "tokenize_chunks", "normalize", "TOKEN_RE"]

SEPARATOR = "\n\n"  # before every document: a paragraph break

# One token. Branches are tried in order at each position of a chunk.
TOKEN_RE = re.compile(
    r"""
    (?:https?://|www\.)[^\s<>"'\u201c\u201d\u2018\u2019]*[^\s<>"'\u201c\u201d\u2018\u2019.,;:!?)\]}]
                                      # URL, without trailing punctuation
    | (?:[^\W\d_]\.){2,}              # U.S. U.N. e.g. a.m.
    | \w+(?:(?:[-\u2010\u2011'\u2019.@&]|(?<=\d)[,:/](?=\d))\w+)*
                                      # words joined by hyphens, apostrophes (don't,
                                      # China's), dots, @ and &; 1,000 3.5 10:30 9/11
    | \.{2,} | -{2,}                  # ellipsis, dash runs
    | \S                              # any other character on its own
    """,
    re.VERBOSE,
)
_CHUNK_RE = re.compile(r"\S+")
_PARAGRAPH_RE = re.compile(r"\n[^\S\n]*\n")  # a blank line (whitespace only)

# norm: lower case, curly quotes straightened, dashes unified
_NORM_TABLE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-",
        "\u2014": "--", "\u2015": "--", "\u2026": "...",
    }
)  # fmt: skip


def normalize(token: str) -> str:
    """Lower-case ``token`` and unify quotes, apostrophes and dashes."""
    return token.lower().translate(_NORM_TABLE)


@dataclass(frozen=True)
class Chunks:
    """A corpus cut at whitespace; offsets are into ``text``.

    Integer arrays use ``dtype`` (int32 unless the text has 2**31 characters).
    """

    text: str  # the documents, each preceded by SEPARATOR
    dtype: type  # np.int32 or np.int64
    doc_start: np.ndarray  # (n_docs,): where each document starts in text
    doc_chunks: np.ndarray  # (n_docs,): number of chunks in each document
    start: np.ndarray  # (n_chunks,)
    code: np.ndarray  # (n_chunks,): index into types
    types: list[str]  # the distinct chunks
    type_len: np.ndarray  # (n_types,)
    para_end: np.ndarray  # (n_chunks,) bool: last chunk of a paragraph or document


@dataclass(frozen=True)
class Tokens:
    """Every token of a chunked corpus, in text order."""

    per_chunk: np.ndarray | None  # (n_chunks,): tokens in each chunk; None if all are 1
    start: np.ndarray  # (n_tokens,): offset into Chunks.text
    code: np.ndarray  # (n_tokens,) int32: index into vocab
    vocab: list[str]  # the distinct tokens
    vocab_len: np.ndarray  # (n_vocab,)


def chunk_corpus(texts: Sequence[str]) -> Chunks:
    """Cut ``texts`` into chunks; see the module docstring."""
    text = SEPARATOR + SEPARATOR.join(texts)
    dtype = np.int32 if len(text) < 2**31 - 1 else np.int64
    lengths = np.fromiter(map(len, texts), dtype=dtype, count=len(texts))
    doc_start = np.cumsum(lengths + len(SEPARATOR), dtype=dtype) - lengths
    piece_code, piece_types = _split_pieces(text)
    step = _lengths(piece_types, dtype)[piece_code]
    step += 1  # a piece and the space after it
    piece_start = np.cumsum(step, dtype=dtype)
    piece_start -= step
    del step
    _, start, code, types = _spread(piece_code, piece_types, _chunks_of, piece_start)
    del piece_code, piece_start
    # chunks after a blank line start a paragraph; so does every document
    para_start = np.zeros(len(code) + 1, dtype=bool)
    breaks = np.fromiter((m.end() for m in _PARAGRAPH_RE.finditer(text)), dtype=dtype)
    para_start[np.searchsorted(start, breaks)] = True
    first_of_doc = np.searchsorted(start, doc_start)
    para_start[first_of_doc] = True
    para_start[len(code)] = True
    doc_chunks = np.diff(first_of_doc, append=len(code)).astype(dtype)
    type_len = _lengths(types, dtype)
    return Chunks(text, dtype, doc_start, doc_chunks, start, code, types, type_len, para_start[1:])


def tokenize_chunks(chunks: Chunks) -> Tokens:
    """Split every chunk into tokens with :data:`TOKEN_RE`, once per chunk type."""
    per_chunk, start, code, vocab = _spread(chunks.code, chunks.types, _tokens_of, chunks.start)
    return Tokens(per_chunk, start, code, vocab, _lengths(vocab, chunks.dtype))


def _chunks_of(piece: str) -> list[tuple[int, str]]:
    if piece and piece.isprintable():  # printable: no whitespace but " ", which split removed
        return [(0, piece)]
    return [(m.start(), m.group()) for m in _CHUNK_RE.finditer(piece)]


def _tokens_of(chunk: str) -> list[tuple[int, str]]:
    if chunk.isalnum():
        return [(0, chunk)]
    return [(m.start(), m.group()) for m in TOKEN_RE.finditer(chunk)]


def _is_whole_piece(types: list[str]) -> np.ndarray:
    """Pieces that are exactly one chunk: non-empty and printable (see :func:`_chunks_of`)."""
    whole = np.fromiter(map(str.isprintable, types), bool, len(types))
    whole &= np.fromiter(map(bool, types), bool, len(types))
    return whole


def _is_whole_chunk(types: list[str]) -> np.ndarray:
    """Chunks that are exactly one token: alphanumeric (see :func:`_tokens_of`)."""
    return np.fromiter(map(str.isalnum, types), bool, len(types))


#: Splits of the types that are not one part, kept across calls (a corpus read
#: batch by batch meets the same types again); cleared when it grows past the limit.
_SPLIT_CACHE: dict = {_chunks_of: {}, _tokens_of: {}}
_SPLIT_CACHE_MAX = 300_000
_WHOLE = {_chunks_of: _is_whole_piece, _tokens_of: _is_whole_chunk}


def _spread(codes, types, split, starts):
    """Split each distinct type into parts once and spread them over ``codes``.

    ``split(type)`` returns ``[(offset, part), ...]``. Returns the number of
    parts of every occurrence (None when every occurrence has exactly one
    part), then for every part of every occurrence, in order: its start
    (``starts`` of the occurrence plus the offset) and its code into the
    returned list of distinct parts (in order of first appearance).

    Most types are one part at offset 0 (a printable piece, an alphanumeric
    chunk): they are found with a C-level predicate and never split in Python;
    the others are split once and cached across calls.
    """
    dtype = starts.dtype
    whole = _WHOLE[split](types)
    cache = _SPLIT_CACHE[split]
    if len(cache) > _SPLIT_CACHE_MAX:
        cache.clear()
    count = np.ones(len(types), dtype=dtype)
    other_offsets: list[int] = []
    other_parts: list[str] = []
    for code in np.flatnonzero(~whole).tolist():
        value = types[code]
        found = cache.get(value)
        if found is None:
            found = cache[value] = split(value)
        count[code] = len(found)
        for offset, part in found:
            other_offsets.append(offset)
            other_parts.append(part)
    first = np.cumsum(count, dtype=dtype) - count  # where each type's parts begin
    total = int(count.sum()) if len(count) else 0
    single = np.zeros(total, dtype=bool)
    single[first[whole]] = True
    flat_parts = np.empty(total, dtype=object)
    flat_parts[first[whole]] = np.asarray(types, dtype=object)[whole] if len(types) else []
    flat_parts[~single] = other_parts
    offset_a = np.zeros(total, dtype=dtype)
    offset_a[~single] = other_offsets
    del single
    part_codes, uniques = pd.factorize(flat_parts)  # codes in order of first appearance
    part_a = part_codes.astype(np.int32, copy=False)
    vocab = uniques.tolist()
    del flat_parts, part_codes, uniques
    per = count[codes]
    if (per == 1).all():
        flat = first[codes]
        start = offset_a[flat]
        start += starts
        return None, start, part_a[flat], vocab
    # flat index of a part = first[type] + (its rank within the occurrence)
    rank = np.cumsum(per, dtype=dtype)
    rank -= per  # first part of each occurrence
    shift = first[codes]
    shift -= rank
    del rank
    flat = np.repeat(shift, per)
    del shift
    flat += np.arange(len(flat), dtype=dtype)
    start = offset_a[flat]
    start += np.repeat(starts, per)
    return per, start, part_a[flat], vocab


def _split_pieces(text: str) -> tuple[np.ndarray, list[str]]:
    """``text.split(" ")`` factorised by pyarrow: (int32 codes, distinct pieces)."""
    encoded = pc.split_pattern(pa.array([text], type=pa.large_string()), pattern=" ").flatten()
    encoded = encoded.dictionary_encode()
    return encoded.indices.to_numpy().astype(np.int32, copy=False), encoded.dictionary.to_pylist()


def _lengths(values: list[str], dtype: type) -> np.ndarray:
    return np.fromiter(map(len, values), dtype=dtype, count=len(values))
