"""Indirect quotes: a reporting verb, its speaker and the clause it reports."""

from __future__ import annotations

import re
from typing import Any

from analysis.quotes import _attribution as attr
from analysis.quotes._patterns import (
    COMMISSIVES,
    DIRECTIVES,
    DOCUMENT_NOUNS,
    EVIDENTIALS,
    INTERROGATIVES,
    NOT_CLAUSE_START,
    NP_OBJECT,
    NP_OBJECT_BASES,
    NP_STOP,
    PARTICLES,
)
from analysis.quotes._segments import Sentences

_WORDS = re.compile(r"\w+")
_SUBJECT = re.compile(r"\s*((?:He|She|They|We|I)\b|(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})")
# words that open a fronted adverbial ("During a speech on Monday, Trump ..."), not a subject
_FRONTED = frozenset({
    "In", "On", "At", "During", "After", "Before", "When", "While", "Since", "As", "Although", "Though", "If",
    "Because", "Recently", "Earlier", "Later", "Last", "This", "Yesterday", "Today", "Then", "But", "And", "So",
    "Meanwhile", "However", "Still", "Also", "Instead", "Now", "Asked", "Speaking", "Following",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December", "Over", "Under",
    "Despite", "Without", "With", "For", "From", "By", "Through", "Throughout", "Until", "Unlike", "Like", "Once",
})
_FRONTED_PHRASE = re.compile(r"\s*(\w+)[^,.;:!?\"“”]{0,100},")


def clause_subject(text: str, start: int, end: int) -> re.Match | None:
    """The capitalised subject (group 1) opening the clause at ``start``, after a fronted adverbial.

    "During a speech on Monday, Trump attacked ..." -> "Trump"; a sentence that opens
    with an adverbial but no comma has no subject found (None).
    """
    first = _FRONTED_PHRASE.match(text, start, end)
    if first is not None and first.group(1) in _FRONTED:
        start = first.end()
    elif first is None:
        word = _FIRST_WORD.match(text, start, end)
        if word and word.group(1) in _FRONTED:
            return None
    subject = _SUBJECT.match(text, start, end)
    if subject is not None and subject.group(1).split()[0] in _FRONTED:
        return None
    return subject
# a pronoun subject right before the cue: a relative pronoun after a comma, or "it"
_RELATIVE = re.compile(r"(?:(,)[ \t]*|\b)(who|which|[Ii]t)[ \t]+$")
# '..., said Jeffrey N. Trimble, a senior official with the Broadcasting Board of Governors.'
_INVERTED_APPOSITIVE = re.compile(
    r"\s+([A-Z](?:[^,.;:!?]|(?<=\b[A-Z])\.){1,60}?),\s+(?:the|a|an|who|whose|one|[A-Z])\b[^;:!?\"“”]{0,200}?[.!?]?[\"”]?\s*$")
_ASIDE = re.compile(r"[ \t]*(?:(?:on|in|at|during|to)\b[^,.;:!?\"“”]{0,40})?,[ \t]*(?=\S)")
_FIRST_WORD = re.compile(r"\s*(\w+)")
_SPACES = re.compile(r"\s+")
_THREE_WORDS = re.compile(r"\w+\W+\w+\W+\w")
_MARK = re.compile(r"[\"“”]|''")
_INVERTED = re.compile(r"\s+([^,.;:!?]{1,60}?)\s*[.!?]?[\"”]?\s*$")
_TO = re.compile(r"\s+(?:not\s+)?to\s+\w")
_OBJECT_TO = re.compile(r"\s+((?:[\w’'.-]+\s+){1,5}?)(?:not\s+)?to\s+\w")
WH = re.compile(r"\s+(?:whether|if|how|why|what|who|when|where|which)\b")
_BARE = re.compile(r"\s*(?:(?:on|in|at|during|to)\s+[^,.;:!?\"“”]{1,40}?,\s*)?")
_TOLD = re.compile(r"\s*(?:reporters|journalists|[A-Z][\w.]*|him|her|them|us|me|the\s+\w+)\s+")
_SOURCE = re.compile(r"([^,.;:!?\"“”]{1,80}?)\s*(?=[,.;:!?]|$)")


def _few_words(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has fewer than three words."""
    return _THREE_WORDS.search(text, start, end) is None


_HEADS: dict[str, str] = {}  # cue -> head (a few hundred distinct cues)


def _head(cue: str) -> str:
    """The reporting verb of a cue, particle included ("reportedly called on" -> "called on")."""
    head = _HEADS.get(cue)
    if head is None:
        words = cue.split()
        head = " ".join(words[-2:]) if len(words) > 1 and words[-1] in PARTICLES else words[-1]
        if len(_HEADS) >= 1 << 16:
            _HEADS.clear()
        _HEADS[cue] = head
    return head


def _row(doc: Any, start: int, end: int, sp: tuple[int, int] | None, cue: str,
         name_span: tuple[int, int] | None = None) -> list | None:
    text = doc.text
    while start < end and text[start] in " \t,":
        start += 1
    while end > start and text[end - 1] in " \t,":
        end -= 1
    if text.count(" ", start, end) < 2 or _few_words(text, start, end):
        return None
    name, role = doc.speaker(*(name_span or sp)) if sp is not None else (None, None)
    sp = sp or (None, None)
    kind = "mixed" if _MARK.search(text, start, end) else "indirect"
    return [start, end, name, sp[0], sp[1], _SPACES.sub(" ", cue), kind, role]


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
    cue = text[cue_start:cue_end]
    s_start, s_end = sentences.around(cue_start)
    after = text[cue_end:s_end]
    # comma form: '..., Ms Hua said.' or '..., said Ms Hua.'
    comma = text.rfind(",", s_start, cue_start)
    bare_ok = attr.cue_takes_bare_clause(cue)
    if bare_ok and comma > s_start:
        between = text[comma + 1:cue_start].strip()
        valid = bool(between) and attr.valid_speaker(between)
        tail = attr.PP_TAIL.match(after) if valid else None
        if tail:
            sp = (comma + 1 + (len(text[comma + 1:cue_start]) - len(text[comma + 1:cue_start].lstrip())),
                  cue_start - (len(text[comma + 1:cue_start]) - len(text[comma + 1:cue_start].rstrip())))
            return _row(doc, s_start, comma, sp, cue)
        aside = _ASIDE.match(after) if valid else None
        if aside and text[s_start:comma].strip():
            # parenthetical attribution: 'The museum, Mr. Obama said, would make visitors ...'
            sp = (comma + 1 + (len(text[comma + 1:cue_start]) - len(text[comma + 1:cue_start].lstrip())),
                  cue_start - (len(text[comma + 1:cue_start]) - len(text[comma + 1:cue_start].rstrip())))
            first = _row(doc, s_start, comma, sp, cue)
            rest = cue_end + aside.end()
            second = _row(doc, rest, _clause_end(text, rest, s_end), sp, cue)
            return [row for row in (first, second) if row] or None
        if not between and text[cue_end:cue_end + 1] == " ":
            inv = _INVERTED.match(after) or _INVERTED_APPOSITIVE.match(after)
            if inv and attr.valid_speaker(inv.group(1), max_words=6):
                sp = (cue_end + inv.start(1), cue_end + inv.end(1))
                return _row(doc, s_start, comma, sp, cue)
    head = _head(cue)
    noun_object = head in NP_OBJECT or (head in EVIDENTIALS and document_subject(text, cue_start))
    content = _complement(text, cue, cue_end, after, s_end, noun_object=noun_object, bare_ok=bare_ok)
    if content is None:
        return None
    found = attr.speaker_before(text, s_start, cue_start)
    speaker, name = found if found is not None else (None, None)
    if speaker is None:
        window = text[max(s_start, cue_start - 40):cue_start]
        # the pattern holds 'who', 'which', 'it' or 'It' literally: test for them before trying it at every offset
        relative = _RELATIVE.search(text, max(s_start, cue_start - 40), cue_start) \
            if "who" in window or "which" in window or "it" in window or "It" in window else None
        if relative:
            # 'Democrats, who have argued that ...', 'It says ...': the pronoun is the source phrase;
            # a relative pronoun's antecedent names the speaker
            speaker = relative.span(2)
            if relative.group(2).lower() in ("who", "which"):
                name = attr.np_before(text, s_start, relative.start(1) if relative.group(1) else relative.start(2))
        elif not _coordinated(text, s_start, cue_start):
            return None
        else:
            subject = clause_subject(text, s_start, cue_start)
            speaker = subject.span(1) if subject else None
    if noun_object and head in NP_OBJECT_BASES and len(cue.split()) == 1 and speaker is not None \
            and not _plural_subject(text[speaker[0]:speaker[1]]):
        return None  # 'A big question remains': a bare base form is a noun unless its subject is plural
    return _row(doc, content[0], content[1], speaker, cue, name)


def _plural_subject(phrase: str) -> bool:
    words = phrase.lower().split()
    return bool(words) and (words[-1] in ("they", "we", "i", "you") or (words[-1].endswith("s") and
                                                                       not words[-1].endswith("ss")))


def document_subject(text: str, cue_start: int) -> bool:
    """Whether the word before a cue is a document or measurement noun ("polls show", "the report found")."""
    end = cue_start
    while end > 0 and text[end - 1] == " ":
        end -= 1
    start = max(text.rfind(" ", 0, end), text.rfind("\n", 0, end)) + 1
    return text[start:end].lower().rstrip("’'s") in DOCUMENT_NOUNS or text[start:end].lower() in DOCUMENT_NOUNS


def _complement(text: str, cue: str, cue_end: int, after: str, s_end: int, *,
                noun_object: bool = False, bare_ok: bool | None = None) -> tuple[int, int] | None:
    """``(start, end)`` of what a reporting verb reports: that-, to-, whether- or bare clause."""
    that = attr.that_clause(text, cue_end, s_end)
    if that and len(text[cue_end:that[0]].split()) <= 8:
        return that[0], _clause_end(text, that[1], s_end)
    head = _head(cue)
    if head in COMMISSIVES:
        to = _TO.match(after)
        if to:
            start = cue_end + len(after) - len(after.lstrip())
            return start, _clause_end(text, start, s_end)
    if head in DIRECTIVES:
        to = _OBJECT_TO.match(after)
        if to and not any(w.lower() in NP_STOP for w in to.group(1).split()):
            start = cue_end + to.start(1)
            return start, _clause_end(text, start, s_end)
    if head in INTERROGATIVES:
        wh = WH.match(after)
        if wh:
            start = cue_end + len(after) - len(after.lstrip())
            return start, _clause_end(text, start, s_end)
    if noun_object:
        # the object noun phrase, up to the clause end: 'called for his dismissal', 'cited improving ...'
        start = cue_end + len(after) - len(after.lstrip())
        first = _WORDS.match(text, start, s_end)
        if first is None or first.start() != start or first.group().lower() in NOT_CLAUSE_START:
            return None
        return start, _clause_end(text, start, s_end)
    if not (attr.cue_takes_bare_clause(cue) if bare_ok is None else bare_ok):
        return None
    bare = _BARE.match(after)
    if head.startswith(("tell", "told")):
        bare = _TOLD.match(after)
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
    source = _SOURCE.match(text[match.end():s_end])
    if source is None:
        return None
    sp = (match.end(), match.end() + source.end(1))
    cue = text[match.start():match.end()].strip()
    if text[s_start:match.start()].strip():
        return _row(doc, s_start, match.start(), sp, cue)
    return _row(doc, sp[1] + 1, _clause_end(text, sp[1] + 1, s_end), sp, cue)
