"""Indirect quotes: a reporting verb, its speaker and the clause it reports."""

from __future__ import annotations

import re
from typing import Any

from analysis.quotes import _attribution as attr
from analysis.quotes._patterns import (
    COMMISSIVES,
    DIRECTIVES,
    INTERROGATIVES,
    NOT_CLAUSE_START,
    NP_STOP,
)
from analysis.quotes._segments import Sentences

_WORDS = re.compile(r"\w+")
_SUBJECT = re.compile(r"\s*((?:He|She|They|We|I)\b|(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})")
_ASIDE = re.compile(r"[ \t]*(?:(?:on|in|at|during|to)\b[^,.;:!?\"“”]{0,40})?,[ \t]*(?=\S)")
MARKS = ("\"", "“", "”", "''")


def _head(cue: str) -> str:
    """The reporting verb of a cue, particle included ("reportedly called on" -> "called on")."""
    words = cue.split()
    return " ".join(words[-2:]) if len(words) > 1 and words[-1] in ("on", "out") else words[-1]


def _row(doc: Any, start: int, end: int, sp: tuple[int, int] | None, cue: str) -> list | None:
    text = doc.text
    while start < end and text[start] in " \t,":
        start += 1
    while end > start and text[end - 1] in " \t,":
        end -= 1
    if text.count(" ", start, end) < 2 or len(_WORDS.findall(text[start:end])) < 3:
        return None
    name, role = doc.speaker(*sp) if sp is not None else (None, None)
    sp = sp or (None, None)
    kind = "mixed" if any(mark in text[start:end] for mark in MARKS) else "indirect"
    return [start, end, name, sp[0], sp[1], re.sub(r"\s+", " ", cue), kind, role]


def _clause_end(text: str, start: int, s_end: int) -> int:
    """Sentence end, pushed past a quote opened inside the clause and closed later."""
    segment = text[start:s_end]
    opens = segment.count("“") + (segment.count('"') % 2)
    if opens > segment.count("”") and s_end < len(text):
        close = min([i for i in (text.find("”", s_end), text.find('"', s_end)) if i >= 0], default=-1)
        para = text.find("\n\n", s_end)
        if close >= 0 and (para < 0 or close < para):
            return close + 1
    return s_end


def _indirect(doc: Any, match: re.Match, sentences: Sentences) -> list | None:
    text = doc.text
    cue_start, cue_end = match.start("cue"), match.end("cue")
    cue = match.group("cue")
    s_start, s_end = sentences.around(cue_start)
    after = text[cue_end:s_end]
    # comma form: '..., Ms Hua said.' or '..., said Ms Hua.'
    comma = text.rfind(",", s_start, cue_start)
    if attr.cue_takes_bare_clause(cue) and comma > s_start:
        between = text[comma + 1:cue_start].strip()
        tail = attr.PP_TAIL.match(after)
        if between and attr.valid_speaker(between) and tail:
            sp = (comma + 1 + (len(text[comma + 1:cue_start]) - len(text[comma + 1:cue_start].lstrip())),
                  cue_start - (len(text[comma + 1:cue_start]) - len(text[comma + 1:cue_start].rstrip())))
            return _row(doc, s_start, comma, sp, cue)
        aside = _ASIDE.match(after)
        if between and attr.valid_speaker(between) and aside and text[s_start:comma].strip():
            # parenthetical attribution: 'The museum, Mr. Obama said, would make visitors ...'
            sp = (comma + 1 + (len(text[comma + 1:cue_start]) - len(text[comma + 1:cue_start].lstrip())),
                  cue_start - (len(text[comma + 1:cue_start]) - len(text[comma + 1:cue_start].rstrip())))
            first = _row(doc, s_start, comma, sp, cue)
            rest = cue_end + aside.end()
            second = _row(doc, rest, _clause_end(text, rest, s_end), sp, cue)
            return [row for row in (first, second) if row] or None
        if not between and text[cue_end:cue_end + 1] == " ":
            inv = re.match(r"\s+([^,.;:!?]{1,60}?)\s*[.!?]?[\"”]?\s*$", after)
            if inv and attr.valid_speaker(inv.group(1), max_words=6):
                sp = (cue_end + inv.start(1), cue_end + inv.end(1))
                return _row(doc, s_start, comma, sp, cue)
    content = _complement(text, cue, cue_end, after, s_end)
    if content is None:
        return None
    speaker = attr.np_before(text, s_start, cue_start)
    if speaker is None:
        if not _coordinated(text, s_start, cue_start):
            return None
        subject = _SUBJECT.match(text, s_start, cue_start)
        speaker = subject.span(1) if subject else None
    return _row(doc, content[0], content[1], speaker, cue)


def _complement(text: str, cue: str, cue_end: int, after: str, s_end: int) -> tuple[int, int] | None:
    """``(start, end)`` of what a reporting verb reports: that-, to-, whether- or bare clause."""
    that = attr.THAT.match(text, cue_end, s_end)
    if that and len(that.group("pp").split()) <= 8:
        return that.start() + len(that.group("pp")), _clause_end(text, that.end(), s_end)
    head = _head(cue)
    if head in COMMISSIVES:
        to = re.match(r"\s+(?:not\s+)?to\s+\w", after)
        if to:
            start = cue_end + len(after) - len(after.lstrip())
            return start, _clause_end(text, start, s_end)
    if head in DIRECTIVES:
        to = re.match(r"\s+((?:[\w’'.-]+\s+){1,5}?)(?:not\s+)?to\s+\w", after)
        if to and not any(w.lower() in NP_STOP for w in to.group(1).split()):
            start = cue_end + to.start(1)
            return start, _clause_end(text, start, s_end)
    if head in INTERROGATIVES:
        wh = re.match(r"\s+(?:whether|if)\b", after)
        if wh:
            start = cue_end + len(after) - len(after.lstrip())
            return start, _clause_end(text, start, s_end)
    if not attr.cue_takes_bare_clause(cue):
        return None
    bare = re.match(r"\s*(?:(?:on|in|at|during|to)\s+[^,.;:!?\"“”]{1,40}?,\s*)?", after)
    if head.startswith(("tell", "told")):
        bare = re.match(r"\s*(?:reporters|journalists|[A-Z][\w.]*|him|her|them|us|me|the\s+\w+)\s+", after)
        if bare is None:
            return None
    start = cue_end + bare.end()
    first = _WORDS.match(text, start, s_end)
    if first is None or first.start() != start or first.group().lower() in NOT_CLAUSE_START \
            or text.count(" ", start, s_end) < 3:
        return None
    return start, _clause_end(text, start, s_end)


def _coordinated(text: str, s_start: int, cue_start: int) -> bool:
    """'... and said', '..., saying': a reporting verb sharing the sentence's subject."""
    before = text[s_start:cue_start].rstrip()
    return before.endswith((" and", ",")) and len(before) > 10


def _according(doc: Any, match: re.Match, sentences: Sentences) -> list | None:
    text = doc.text
    s_start, s_end = sentences.around(match.start())
    source = re.match(r"([^,.;:!?\"“”]{1,80}?)\s*(?=[,.;:!?]|$)", text[match.end():s_end])
    if source is None:
        return None
    sp = (match.end(), match.end() + source.end(1))
    cue = text[match.start():match.end()].strip()
    if text[s_start:match.start()].strip():
        return _row(doc, s_start, match.start(), sp, cue)
    return _row(doc, sp[1] + 1, _clause_end(text, sp[1] + 1, s_end), sp, cue)
