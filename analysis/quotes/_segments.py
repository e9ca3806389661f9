"""Paragraphs, sentence ends and quotation-mark pairs of one document's text."""

from __future__ import annotations

import bisect

from analysis.quotes._patterns import PARAGRAPH_BREAK, QUOTE_MARK, SENTENCE_END


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


class Sentences:
    """Sentence bounds inside one paragraph, found near the positions asked about.

    ``around(position)`` equals ``sentence_around(sentence_ends(...), ...)`` but
    scans only a window before the position and up to the next sentence end, so
    a long paragraph with one reporting verb is not split whole.
    """

    __slots__ = ("_end", "_ends", "_start", "_text")
    WINDOW = 600

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end
        self._ends: list[int] | None = None

    def around(self, position: int) -> tuple[int, int]:
        if self._ends is not None or self._end - self._start <= 2 * self.WINDOW:
            if self._ends is None:
                self._ends = sentence_ends(self._text, self._start, self._end)
            return sentence_around(self._ends, self._start, position)
        text, low = self._text, max(self._start, position - self.WINDOW)
        following = SENTENCE_END.search(text, position, self._end)
        end = following.end() if following else self._end
        start = None
        for match in SENTENCE_END.finditer(text, low, min(self._end, position + 40)):
            if match.end() > position:
                break
            start = match.end()
        if start is None:
            if low > self._start:
                self._ends = sentence_ends(text, self._start, self._end)
                return sentence_around(self._ends, self._start, position)
            start = self._start
        return start, end


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
    for match in QUOTE_MARK.finditer(text, start, end):
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
