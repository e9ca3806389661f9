"""Bytes to text for :func:`analysis.read_corpus`: encodings, binary sniffing, newlines.

Private helper. The text a reader returns must be sliceable by every offset
computed later, so decoding changes nothing but two things: a byte-order mark
is dropped (it is not text) and ``\\r\\n`` / ``\\r`` become ``\\n``.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from analysis.errors import CorpusError, ParameterError

__all__ = [
    "BINARY_NOTE",
    "BINARY_SNIFF_BYTES",
    "check_encoding",
    "decode_bytes",
    "looks_binary",
    "normalise_newlines",
    "read_text",
]

#: Prefix of the note :func:`read_text` callers record for a skipped binary file.
BINARY_NOTE = "binary:"

#: How much of a file :func:`looks_binary` inspects.
BINARY_SNIFF_BYTES = 8192
#: Share of NUL bytes in that sample above which a file is taken for binary.
BINARY_NUL_SHARE = 0.01

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
#: Byte-order marks and the codec that reads (and drops) each; UTF-32's first,
#: as its little-endian mark begins with UTF-16's.
_BOMS = (
    ((codecs.BOM_UTF8, "utf-8-sig"),)
    + tuple((bom, "utf-32") for bom in _UTF32_BOMS)
    + tuple((bom, "utf-16") for bom in _UTF16_BOMS)
)
#: A UTF-8 file with stray single-byte characters (text pasted from a
#: Windows-1252 file): its ``encoding`` reads "utf-8+cp1252".
MIXED = "utf-8+cp1252"
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
#: Codecs that consume a leading byte-order mark themselves.
_BOM_CODECS = ("utf-8-sig", "utf-16", "utf-32")
#: The Big5 punctuation an English text saved on a Traditional-Chinese system
#: holds: ideographic space, ellipsis, en and em dash (0xA1 + ``@ K V X``) and
#: curly quotes (0xA1 + 0xA5-0xA8). In cp1252 these read "¡X", "¡¦" ...; the
#: quotes ("¡¦" is no cp1252 text) are the evidence, so at least one is needed.
_BIG5_PUNCT = re.compile(rb"\xa1[\x40\x4b\x56\x58\xa5-\xa8]")
_BIG5_QUOTE = re.compile(rb"\xa1[\xa5-\xa8]")
_NON_ASCII = re.compile(rb"[\x80-\xff]")


def read_text(path: Path, *, encoding: str | None) -> tuple[str, str] | None:
    """Read and decode a file with newlines normalised: ``(text, encoding_used)``.

    Returns None for a file that :func:`looks_binary`.

    Raises
    ------
    CorpusError
        If the file cannot be read, or not decoded with the explicit ``encoding``.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"cannot read '{path}': {exc.strerror}; check its permissions") from None
    if looks_binary(data, encoding=encoding):
        return None
    text, used = decode_bytes(data, encoding=encoding, name=str(path))
    return normalise_newlines(text), used


def check_encoding(encoding: str | None) -> str | None:
    """Validate the user's ``encoding`` argument; return Python's name for it.

    Raises
    ------
    ParameterError
        If ``encoding`` is not None or a string, or names no known codec.
    """
    if encoding is None:
        return None
    if not isinstance(encoding, str):
        raise ParameterError(
            f"encoding must be a string such as 'utf-8' or None (detect), "
            f"not {type(encoding).__name__}"
        )
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise ParameterError(
            f"encoding {encoding!r} is not a codec Python knows; use a name such as "
            "'utf-8', 'utf-16', 'cp1252' or 'latin-1', or None to detect it"
        ) from None
    if not getattr(info, "_is_text_encoding", True):  # e.g. "base64", "zip"
        raise ParameterError(f"encoding {encoding!r} is not a text encoding; use e.g. 'utf-8'")
    return info.name


def looks_binary(data: bytes, *, encoding: str | None = None) -> bool:
    """Whether ``data`` looks like a binary file rather than text.

    More than 1% NUL bytes in the first 8 KB, unless a UTF-16 or UTF-32 byte-order mark
    (or an explicit UTF-16/32 ``encoding``) explains them.
    """
    if encoding is not None and encoding.startswith(("utf-16", "utf-32")):
        return False
    if data.startswith(_UTF16_BOMS + _UTF32_BOMS):
        return False
    sample = data[:BINARY_SNIFF_BYTES]
    return bool(sample) and sample.count(0) > BINARY_NUL_SHARE * len(sample)


def decode_bytes(data: bytes, *, encoding: str | None, name: str) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding_used)``. Newlines are left as they are.

    With ``encoding`` (already checked by :func:`check_encoding`) only that codec
    is tried, and one leading U+FEFF (a byte-order mark) is dropped if the codec
    kept it. Otherwise: a UTF-8 byte-order mark means ``utf-8-sig``, a UTF-16
    one ``utf-16``, a UTF-32 one ``utf-32``; else (or if that fails) strict
    ``utf-8``; then ``utf-8+cp1252`` (:data:`MIXED`) for UTF-8 text with a few
    stray cp1252 bytes, each read as cp1252; then ``big5`` for
    English text whose only non-ASCII bytes are Big5 punctuation pairs (an
    English file saved on a Traditional-Chinese system: ``\xa1X`` is an em dash,
    ``\xa1\xa6`` a closing quote, where ``cp1252`` would show "¡X" and "¡¦");
    then ``cp1252``, then ``latin-1`` (which never fails) when the bytes
    include one of cp1252's five undefined bytes. The byte-order mark is never
    part of the text.

    Raises
    ------
    CorpusError
        If the explicit ``encoding`` cannot decode the file (``name`` is quoted).
    """
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise CorpusError(
                f"cannot decode {name!r} as {encoding}: byte {exc.object[exc.start]:#04x} "
                f"at position {exc.start} is invalid; pass the file's real encoding, "
                "or encoding=None to detect it"
            ) from None
        if encoding not in _BOM_CODECS and text.startswith("\ufeff"):
            text = text[1:]
        return text, encoding
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                data = data[len(bom) :]  # a damaged file: the mark is still not text
                break
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        mixed = _mixed_utf8(data)
        if mixed is not None:
            return mixed, MIXED
    if _BIG5_QUOTE.search(data) and not _NON_ASCII.search(_BIG5_PUNCT.sub(b"", data)):
        return data.decode("big5"), "big5"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _mixed_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few stray cp1252 bytes, each read as cp1252; None if not that.

    Taken for UTF-8 when its multi-byte sequences are at least as many as the
    bytes that are not UTF-8 (a cp1252 file seldom holds even one sequence:
    ``Ã©``), so curly quotes stay curly quotes instead of becoming ``â€œ``.
    """
    sequences = len(_UTF8_SEQUENCE.findall(data))
    if not sequences or len(_NON_ASCII.findall(_UTF8_SEQUENCE.sub(b"", data))) > sequences:
        return None
    return data.decode("utf-8", errors=_STRAY_CP1252)


def _stray_cp1252(error: UnicodeDecodeError) -> tuple[str, int]:
    """Codec error handler: read each byte that is not UTF-8 as cp1252 (latin-1 if undefined)."""
    bytes_ = error.object[error.start : error.end]
    text = "".join(
        bytes([b]).decode("cp1252", errors="ignore") or bytes([b]).decode("latin-1") for b in bytes_
    )
    return text, error.end


_STRAY_CP1252 = "analysis-stray-cp1252"
codecs.register_error(_STRAY_CP1252, _stray_cp1252)


def normalise_newlines(text: str) -> str:
    """Turn ``\\r\\n`` and lone ``\\r`` into ``\\n`` and drop a leading byte-order mark.

    Nothing else changes. (A table cell or a DataFrame text read without
    ``utf-8-sig`` can start with U+FEFF, which is not text.)
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
