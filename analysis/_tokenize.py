"""Cut a corpus into whitespace chunks and chunks into tokens, vectorised.

The documents are joined into one string with a blank line between them and
cut at every single space into *pieces* (``text.split(" ")``, done by
pyarrow in C++, without a Python object per piece). Pieces are factorised: a corpus of ten
million words has only tens of thousands of distinct pieces, so everything
that needs Python runs once per distinct piece, chunk or token, and numpy
spreads the results over the corpus:

- a piece's *chunks* are its maximal runs of non-whitespace (a piece holds
  newlines or tabs only where a line or paragraph ends, so most pieces are
  exactly one chunk), also cut after a Chinese or Japanese full stop
  (:data:`CJK_STOPS`, with its closing quotes), which ends a sentence with
  no space after it;
- a chunk's *tokens* come from :data:`TOKEN_RE`. No token contains
  whitespace, so tokenising each distinct chunk gives exactly what
  tokenising the whole text would.

Offsets are plain arithmetic: piece ``j`` starts at ``sum(len[:j]) + j``;
a chunk starts at its piece's start plus its offset inside the piece type.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "Chunks", "chunk_corpus", "Tokens", "tokenize_chunks", "normalize", "split_ideographs", "TOKEN_RE",
]  # fmt: skip

SEPARATOR = "\n\n"  # before every document: a paragraph break

#: Combining marks (Unicode categories Mn, Mc and Me), which ``\w`` does not
#: match: an accent typed as its own code point (``e`` + U+0301, as in text
#: from macOS or PDFs), the vowel signs of Indic scripts, Arabic and Hebrew
#: points, variation selectors. A mark belongs to the token before it.
#: Generated from :mod:`unicodedata`; ``tests/test_text_odd.py`` checks it.
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1-\u05c2\u05c4-\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7-\u06e8\u06ea-\u06ed"
    "\u0711\u0730-\u074a\u07a6-\u07b0\u07eb-\u07f3\u07fd\u0816-\u0819\u081b-\u0823"
    "\u0825-\u0827\u0829-\u082d\u0859-\u085b\u0898-\u089f\u08ca-\u08e1\u08e3-\u0903"
    "\u093a-\u093c\u093e-\u094f\u0951-\u0957\u0962-\u0963\u0981-\u0983\u09bc\u09be-\u09c4"
    "\u09c7-\u09c8\u09cb-\u09cd\u09d7\u09e2-\u09e3\u09fe\u0a01-\u0a03\u0a3c\u0a3e-\u0a42"
    "\u0a47-\u0a48\u0a4b-\u0a4d\u0a51\u0a70-\u0a71\u0a75\u0a81-\u0a83\u0abc\u0abe-\u0ac5"
    "\u0ac7-\u0ac9\u0acb-\u0acd\u0ae2-\u0ae3\u0afa-\u0aff\u0b01-\u0b03\u0b3c\u0b3e-\u0b44"
    "\u0b47-\u0b48\u0b4b-\u0b4d\u0b55-\u0b57\u0b62-\u0b63\u0b82\u0bbe-\u0bc2\u0bc6-\u0bc8"
    "\u0bca-\u0bcd\u0bd7\u0c00-\u0c04\u0c3c\u0c3e-\u0c44\u0c46-\u0c48\u0c4a-\u0c4d"
    "\u0c55-\u0c56\u0c62-\u0c63\u0c81-\u0c83\u0cbc\u0cbe-\u0cc4\u0cc6-\u0cc8\u0cca-\u0ccd"
    "\u0cd5-\u0cd6\u0ce2-\u0ce3\u0d00-\u0d03\u0d3b-\u0d3c\u0d3e-\u0d44\u0d46-\u0d48"
    "\u0d4a-\u0d4d\u0d57\u0d62-\u0d63\u0d81-\u0d83\u0dca\u0dcf-\u0dd4\u0dd6\u0dd8-\u0ddf"
    "\u0df2-\u0df3\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd"
    "\u0f18-\u0f19\u0f35\u0f37\u0f39\u0f3e-\u0f3f\u0f71-\u0f84\u0f86-\u0f87\u0f8d-\u0f97"
    "\u0f99-\u0fbc\u0fc6\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d"
    "\u1071-\u1074\u1082-\u108d\u108f\u109a-\u109d\u135d-\u135f\u1712-\u1715\u1732-\u1734"
    "\u1752-\u1753\u1772-\u1773\u17b4-\u17d3\u17dd\u180b-\u180d\u180f\u1885-\u1886\u18a9"
    "\u1920-\u192b\u1930-\u193b\u1a17-\u1a1b\u1a55-\u1a5e\u1a60-\u1a7c\u1a7f\u1ab0-\u1ace"
    "\u1b00-\u1b04\u1b34-\u1b44\u1b6b-\u1b73\u1b80-\u1b82\u1ba1-\u1bad\u1be6-\u1bf3"
    "\u1c24-\u1c37\u1cd0-\u1cd2\u1cd4-\u1ce8\u1ced\u1cf4\u1cf7-\u1cf9\u1dc0-\u1dff"
    "\u20d0-\u20f0\u2cef-\u2cf1\u2d7f\u2de0-\u2dff\u302a-\u302f\u3099-\u309a\ua66f-\ua672"
    "\ua674-\ua67d\ua69e-\ua69f\ua6f0-\ua6f1\ua802\ua806\ua80b\ua823-\ua827\ua82c"
    "\ua880-\ua881\ua8b4-\ua8c5\ua8e0-\ua8f1\ua8ff\ua926-\ua92d\ua947-\ua953\ua980-\ua983"
    "\ua9b3-\ua9c0\ua9e5\uaa29-\uaa36\uaa43\uaa4c-\uaa4d\uaa7b-\uaa7d\uaab0\uaab2-\uaab4"
    "\uaab7-\uaab8\uaabe-\uaabf\uaac1\uaaeb-\uaaef\uaaf5-\uaaf6\uabe3-\uabea\uabec-\uabed"
    "\ufb1e\ufe00-\ufe0f\ufe20-\ufe2f\U000101fd\U000102e0\U00010376-\U0001037a"
    "\U00010a01-\U00010a03\U00010a05-\U00010a06\U00010a0c-\U00010a0f\U00010a38-\U00010a3a"
    "\U00010a3f\U00010ae5-\U00010ae6\U00010d24-\U00010d27\U00010eab-\U00010eac"
    "\U00010f46-\U00010f50\U00010f82-\U00010f85\U00011000-\U00011002\U00011038-\U00011046"
    "\U00011070\U00011073-\U00011074\U0001107f-\U00011082\U000110b0-\U000110ba\U000110c2"
    "\U00011100-\U00011102\U00011127-\U00011134\U00011145-\U00011146\U00011173"
    "\U00011180-\U00011182\U000111b3-\U000111c0\U000111c9-\U000111cc\U000111ce-\U000111cf"
    "\U0001122c-\U00011237\U0001123e\U000112df-\U000112ea\U00011300-\U00011303"
    "\U0001133b-\U0001133c\U0001133e-\U00011344\U00011347-\U00011348\U0001134b-\U0001134d"
    "\U00011357\U00011362-\U00011363\U00011366-\U0001136c\U00011370-\U00011374"
    "\U00011435-\U00011446\U0001145e\U000114b0-\U000114c3\U000115af-\U000115b5"
    "\U000115b8-\U000115c0\U000115dc-\U000115dd\U00011630-\U00011640\U000116ab-\U000116b7"
    "\U0001171d-\U0001172b\U0001182c-\U0001183a\U00011930-\U00011935\U00011937-\U00011938"
    "\U0001193b-\U0001193e\U00011940\U00011942-\U00011943\U000119d1-\U000119d7"
    "\U000119da-\U000119e0\U000119e4\U00011a01-\U00011a0a\U00011a33-\U00011a39"
    "\U00011a3b-\U00011a3e\U00011a47\U00011a51-\U00011a5b\U00011a8a-\U00011a99"
    "\U00011c2f-\U00011c36\U00011c38-\U00011c3f\U00011c92-\U00011ca7\U00011ca9-\U00011cb6"
    "\U00011d31-\U00011d36\U00011d3a\U00011d3c-\U00011d3d\U00011d3f-\U00011d45\U00011d47"
    "\U00011d8a-\U00011d8e\U00011d90-\U00011d91\U00011d93-\U00011d97\U00011ef3-\U00011ef6"
    "\U00016af0-\U00016af4\U00016b30-\U00016b36\U00016f4f\U00016f51-\U00016f87"
    "\U00016f8f-\U00016f92\U00016fe4\U00016ff0-\U00016ff1\U0001bc9d-\U0001bc9e"
    "\U0001cf00-\U0001cf2d\U0001cf30-\U0001cf46\U0001d165-\U0001d169\U0001d16d-\U0001d172"
    "\U0001d17b-\U0001d182\U0001d185-\U0001d18b\U0001d1aa-\U0001d1ad\U0001d242-\U0001d244"
    "\U0001da00-\U0001da36\U0001da3b-\U0001da6c\U0001da75\U0001da84\U0001da9b-\U0001da9f"
    "\U0001daa1-\U0001daaf\U0001e000-\U0001e006\U0001e008-\U0001e018\U0001e01b-\U0001e021"
    "\U0001e023-\U0001e024\U0001e026-\U0001e02a\U0001e130-\U0001e136\U0001e2ae"
    "\U0001e2ec-\U0001e2ef\U0001e8d0-\U0001e8d6\U0001e944-\U0001e94a\U000e0100-\U000e01ef"
)  # fmt: skip
#: Invisible characters that belong inside a word: ZWNJ and ZWJ (Persian and
#: Indic words), the soft hyphen (a hyphenation point in web and PDF text:
#: ``hy\u00adphen``) and the word joiner.
_JOINERS = "\u200c\u200d\u00ad\u2060"
#: Han ideographs and Hiragana. Written without spaces and with no dictionary
#: segmenter at hand, each is a token of its own (Unicode's default word
#: boundaries, UAX #29); Katakana and Hangul runs stay whole words.
_IDEOGRAPHS = (
    "\u3005\u3007\u3021-\u3029\u3038-\u303b\u3041-\u3096\u309d-\u309f"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
)
_LETTER = f"[^\\W\\d_{_IDEOGRAPHS}]"
_WORD_START = f"[^\\W{_IDEOGRAPHS}]"
_WORD_CHAR = f"(?:{_WORD_START}|[{_MARKS}{_JOINERS}])"
#: What extends a symbol into one emoji: marks (variation selector 16, the
#: keycap), skin-tone modifiers, tag characters (subdivision flags), and a
#: zero-width joiner with the next character (family and profession sequences).
_EMOJI_TAIL = f"(?:[{_MARKS}\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]|\u200d\\S)"

# One token. Branches are tried in order at each position of a chunk.
TOKEN_RE = re.compile(
    r"""
    (?:https?://|www\.)[^\s<>"'\u201c\u201d\u2018\u2019]*[^\s<>"'\u201c\u201d\u2018\u2019.,;:!?)\]}]
                                      # URL, without trailing punctuation
    | (?:LETTER[MARKS]*\.){2,}(?:['\u2019]s(?!\w))?
                                      # U.S. U.N. e.g. a.m., U.S.'s
    | WORD_START WORD_CHAR*(?:(?:[-\u2010\u2011\u2013'\u2019.@&]|(?<=\d)[,:/](?=\d))WORD_START WORD_CHAR*)*
                                      # words joined by hyphens or en dashes (win–win,
                                      # 2018–2019), apostrophes (don't, China's), dots,
                                      # @ and &; 1,000 3.5 10:30 9/11; combining marks
                                      # and joiners inside
    | [IDEOGRAPHS][MARKS]*            # one Han ideograph or Hiragana character
    | \.{2,} | -{2,}                  # ellipsis, dash runs
    | [\U0001f1e6-\U0001f1ff]{2}       # a flag: two regional indicators
    | \S EMOJI_TAIL*                  # any other character on its own, with its marks
    """.replace("LETTER", _LETTER)
    .replace("WORD_START", _WORD_START)
    .replace("WORD_CHAR", _WORD_CHAR)
    .replace("EMOJI_TAIL", _EMOJI_TAIL)
    .replace("IDEOGRAPHS", _IDEOGRAPHS)
    .replace("MARKS", _MARKS),
    re.VERBOSE,
)
_HAS_IDEOGRAPH = re.compile(f"[{_IDEOGRAPHS}]")
_IDEOGRAPH_PARTS = re.compile(f"[{_IDEOGRAPHS}][{_MARKS}]*|[^{_IDEOGRAPHS}]+")
#: Full stops, exclamation and question marks of Chinese and Japanese text,
#: which end a sentence even with no space after them (a chunk ends after
#: them and any closing quotes or brackets).
CJK_STOPS = "\u3002\uff01\uff1f\uff61"
CJK_CLOSERS = "\u300d\u300f\u3011\u3009\u300b\uff09\uff02\uff07"
_CLOSING = "\"')]}\u2019\u201d\xbb" + CJK_CLOSERS  # closing quotes and brackets only
_CHUNK_RE = re.compile(f"[^\\s{CJK_STOPS}]*[{CJK_STOPS}]+[{re.escape(_CLOSING)}]*|[^\\s{CJK_STOPS}]+")
_HAS_CJK_STOP = re.compile(f"[{CJK_STOPS}]")
_PARAGRAPH_RE = re.compile(r"\n[^\S\n]*\n")  # a blank line (whitespace only)
_ALNUM = re.compile(r"[^\W_]")
_PARAGRAPH_SEPARATOR = "\u2029"  # Unicode's paragraph separator: a paragraph break too

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
    """Lower-case ``token`` and unify quotes, apostrophes and dashes.

    A token with a letter or digit that is not ASCII is first put in Unicode's
    composed form (NFC), and its fullwidth, halfwidth, mathematical-font and
    ligature characters are replaced by their plain letters (NFKC for those
    alone), so that spellings of one word share a norm: a precomposed ``é``
    and ``e`` + U+0301, fullwidth ``Ｃｈｉｎａ`` and ``China``, the ligature in
    ``ﬁnance`` and ``finance``; soft hyphens and word joiners are dropped.
    Superscripts and fractions (``²``, ``½``) stay.
    """
    if not token.isascii() and _ALNUM.search(token):
        token = _fold(token)
    return token.lower().translate(_NORM_TABLE)


def split_ideographs(word: str) -> list[str]:
    """``word`` cut before and after every Han or Hiragana character, as tokens are.

    ``"中国"`` -> ``["中", "国"]``, ``"2018年"`` -> ``["2018", "年"]``; other words
    are returned whole, so a query word can be matched against tokens.
    """
    if word.isascii() or not _HAS_IDEOGRAPH.search(word):
        return [word]
    return _IDEOGRAPH_PARTS.findall(word)


_INVISIBLE = {0x00AD: None, 0x2060: None}  # soft hyphen, word joiner: "hy\u00adphen" is "hyphen"
#: Decomposition tags of the characters :func:`normalize` replaces.
_FOLD_TAGS = ("<wide>", "<narrow>", "<font>", "<compat>")


def _fold(token: str) -> str:
    chars = [
        unicodedata.normalize("NFKC", char)
        if ord(char) > 0x7F and unicodedata.decomposition(char).startswith(_FOLD_TAGS)
        else char
        for char in token
    ]
    folded = unicodedata.normalize("NFC", "".join(chars)).translate(_INVISIBLE)
    return folded if _ALNUM.search(folded) else token  # (a word stays a word)


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
    if _PARAGRAPH_SEPARATOR in text:
        more = np.fromiter((m.end() for m in re.finditer(_PARAGRAPH_SEPARATOR, text)), dtype=dtype)
        breaks = np.sort(np.concatenate([breaks, more]))
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
    if piece and piece.isprintable() and (piece.isascii() or not _HAS_CJK_STOP.search(piece)):
        return [(0, piece)]  # printable: no whitespace but " ", which split removed
    return [(m.start(), m.group()) for m in _CHUNK_RE.finditer(piece)]


def _tokens_of(chunk: str) -> list[tuple[int, str]]:
    if chunk.isalnum() and (chunk.isascii() or not _HAS_IDEOGRAPH.search(chunk)):
        return [(0, chunk)]
    return [(m.start(), m.group()) for m in TOKEN_RE.finditer(chunk)]


def _is_whole_piece(types: list[str]) -> np.ndarray:
    """Pieces that are exactly one chunk (see :func:`_chunks_of`).

    Non-empty and printable, and without a CJK full stop (:data:`CJK_STOPS`) if
    not ASCII.
    """
    whole = np.fromiter(map(str.isprintable, types), bool, len(types))
    whole &= np.fromiter(map(bool, types), bool, len(types))
    return _unless(whole, types, _HAS_CJK_STOP)


def _is_whole_chunk(types: list[str]) -> np.ndarray:
    """Chunks that are exactly one token (see :func:`_tokens_of`).

    Alphanumeric, and without Han or Hiragana characters if not ASCII.
    """
    whole = np.fromiter(map(str.isalnum, types), bool, len(types))
    return _unless(whole, types, _HAS_IDEOGRAPH)


def _unless(whole: np.ndarray, types: list[str], pattern: re.Pattern) -> np.ndarray:
    """``whole`` without the non-ASCII types in which ``pattern`` occurs (a C-level pass first)."""
    ascii_ = np.fromiter(map(str.isascii, types), bool, len(types))
    for code in np.flatnonzero(whole & ~ascii_).tolist():
        if pattern.search(types[code]):
            whole[code] = False
    return whole


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
