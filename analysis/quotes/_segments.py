"""Paragraphs, sentence ends and quotation-mark pairs of one document's text."""

from __future__ import annotations

import bisect

from analysis.quotes._patterns import DOUBLE_MARK, PARAGRAPH_BREAK, QUOTE_MARK, SENTENCE_END


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every paragraph (blank-line separated), whitespace trimmed."""
    out = []
    position = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        out.append((position, match.start()))
        position = match.end()
    out.append((position, len(text)))
    trimmed = []
    for start, end in out:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            trimmed.append((start, end))
    return trimmed


def sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Offsets just after each sentence-final punctuation run inside ``text[start:end]``.

    A full stop after a known abbreviation (``Mr.``, ``U.S.``) or a single
    capital initial does not end a sentence. The paragraph end is always last.
    """
    out = [match.end() for match in SENTENCE_END.finditer(text, start, end)]
    out.append(end)
    return out


def sentence_around(ends: list[int], para_start: int, position: int) -> tuple[int, int]:
    """``(start, end)`` of the sentence holding ``position`` (``ends`` from :func:`sentence_ends`)."""
    index = bisect.bisect_right(ends, position)
    index = min(index, len(ends) - 1)
    return (ends[index - 1] if index else para_start), ends[index]


def document_ends(text: str, start: int, end: int) -> list[int]:
    """Sentence ends of every paragraph inside ``text[start:end]`` in one scan.

    A paragraph's :func:`sentence_ends` are the offsets of this list that fall
    inside it, plus the paragraph end (an end found at a paragraph's last
    character only by looking past it, into the blank line, is not one).
    """
    return [match.end() for match in SENTENCE_END.finditer(text, start, end)]


class Sentences:
    """Sentence bounds inside one paragraph, looked up in the document's sentence ends.

    ``around(position)`` equals ``sentence_around(sentence_ends(...), ...)``
    for the paragraph; ``ends`` is :func:`document_ends` of a span holding the
    paragraph, computed once per document.
    """

    __slots__ = ("_end", "_ends", "_high", "_low", "_start")

    def __init__(self, text: str, start: int, end: int, ends: list[int] | None = None) -> None:
        if ends is None:
            ends = document_ends(text, start, end)
        self._start, self._end, self._ends = start, end, ends
        self._low = bisect.bisect_right(ends, start)
        self._high = bisect.bisect_left(ends, end, self._low)

    def around(self, position: int) -> tuple[int, int]:
        ends, low, high = self._ends, self._low, self._high
        index = bisect.bisect_right(ends, position, low, high)
        return (ends[index - 1] if index > low else self._start), (ends[index] if index < high else self._end)


def quote_pairs(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Quoted spans ``(open, close, closed)`` of a paragraph, marks included.

    Curly marks pair by shape; a straight ``"`` toggles. A second opening mark
    while a quote is open discards the stray first one (nested double quotes
    are not a convention of English); a quote left open at the paragraph end
    runs to the paragraph end (``closed`` is False), so no quote crosses a
    paragraph. Single quotes inside double quotes are left to the outer quote.
    """
    out = []
    open_at = -1
    marks = QUOTE_MARK if text.find("''", start, end) >= 0 else DOUBLE_MARK  # a class scans faster
    for match in marks.finditer(text, start, end):
        mark, position = match.group(), match.start()
        if mark == "''":
            mark = '"'
        if open_at < 0:
            if mark == "”":
                continue  # stray closing mark
            open_at = position
        elif mark == "“":
            open_at = position  # the earlier opening mark was stray
        else:
            out.append((open_at, match.end(), True))
            open_at = -1
    if open_at >= 0 and end - open_at > 1:
        out.append((open_at, end, False))
    return out
