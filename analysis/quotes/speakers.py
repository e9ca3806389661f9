"""Speaker resolution within one document: names, titles, roles, pronouns.

A document's people are indexed from their first full mention ("Foreign Ministry
spokesman Hua Chunying", "Mr Christopher Ford, the United States Assistant
Secretary ..."); later short mentions ("Ms Hua", "Mr Ford"), role nouns ("the
spokesman") and personal pronouns ("she") resolve to the one canonical full name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.quotes._patterns import (
    HEAD_WORDS,
    HONORIFICS,
    NAME,
    PRONOUNS_PERSON,
    ROLE_HEADS,
    ROLE_NOUNS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
    trie_regex,
)

__all__ = ["SpeakerIndex", "split_title"]


# an honorific or a role noun, then a capitalised name: "Mr Christopher Ford", "spokesman Hua Chunying"
ANCHOR = re.compile(r"\b(?:(?P<hon>Mr|Mrs|Ms|Miss|Dr)\.?|(?P<abbr>" + "|".join(TITLE_ABBREVIATIONS) + r")\.|(?P<head>" + trie_regex(ROLE_HEADS) + r"))\s+(?P<name>" + NAME + ")")
_HEADS = None


def anchors(text: str, hits: list[tuple[int, int]] | None = None) -> list[re.Match]:
    """ANCHOR matches, tried only where an honorific or a role noun starts (found with Aho-Corasick).

    ``hits`` are the ``(last, length)`` Aho-Corasick hits of :data:`HEAD_WORDS` in
    ``text`` when already found (:func:`analysis.quotes._patterns.scan`).
    """
    global _HEADS
    if hits is None:
        if _HEADS is None:
            import ahocorasick

            _HEADS = ahocorasick.Automaton()
            for head in HEAD_WORDS:
                _HEADS.add_word(head, len(head))
            _HEADS.make_automaton()
        hits = _HEADS.iter(text)
    out, reach = [], -1
    for last, length in hits:
        start = last - length + 1
        if start < reach or (start and text[start - 1].isalnum()) or text[last + 1:last + 2] not in (" ", "."):
            continue
        match = ANCHOR.match(text, start)
        if match:
            out.append(match)
            reach = match.end()
    return out


_ROLE_PREFIX = re.compile(r"((?:[A-Z][\w\-]*\s+){1,4})$")
APPOSITIVE = re.compile(r",\s+(?:the|a|an)\s+([^,.;:\"“”]{3,120}?)\s*(?=[,.;])")
_ROLE_IN = re.compile(r"\b(" + "|".join(sorted(ROLE_NOUNS)) + r")\b", re.IGNORECASE)
_AFFILIATION = re.compile(r"(?<=[\w.])\s+of\s+(?:the\s+)?[A-Z]")
_INITIAL = re.compile(r"[A-Z]\.")
_CAP = re.compile(r"[A-Z][a-zA-Z’'\-]+")
_NOT_NAMES = {
    "The", "A", "An", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "In", "On", "At",
    "But", "And", "Ministry", "Foreign", "Council", "States", "United", "Republic", "Party", "Department",
    "House", "Office", "Committee", "Government", "People", "Press", "Conference", "Regular", "China",
    "Chinese", "American", "Security", "National", "Senate", "Congress", "Union", "Nations",
}


def split_title(phrase: str) -> tuple[str, str]:
    """``(role, name)`` of a noun phrase: title words before a capitalised name, honorifics dropped.

    Example: ``split_title("Foreign Ministry spokesman Hua Chunying")`` is
    ``("Foreign Ministry spokesman", "Hua Chunying")``.
    """
    words = phrase.split()
    name_start = len(words)
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if _CAP.fullmatch(word.rstrip(".,")) and word.lower().rstrip(".") not in TITLE_WORDS \
                and word not in HONORIFICS and word not in _NOT_NAMES:
            name_start = index
        elif _INITIAL.fullmatch(word) and name_start == index + 1 < len(words):
            name_start = index  # a middle initial: 'Jeffrey N. Trimble'
        else:
            break
    role = [w for w in words[:name_start] if w not in HONORIFICS]
    return " ".join(role), " ".join(words[name_start:])


@dataclass
class Person:
    name: str
    role: str = ""
    tokens: set = field(default_factory=set)


class SpeakerIndex:
    """The people of one document and the resolution of later mentions to them."""

    def __init__(self, text: str, matches: list[re.Match] | None = None) -> None:
        """Index the people of ``text`` (``matches``: its :func:`anchors`, when already found)."""
        self.people: list[Person] = []
        self.last: Person | None = None
        self._named: dict[str, tuple[Person, str]] = {}  # phrase -> (person, role it carries)
        for match in anchors(text) if matches is None else matches:
            name = match.group("name")
            role = ""
            if match.group("abbr"):
                role = match.group("abbr") + "."
            if match.group("head"):
                prefix = _ROLE_PREFIX.search(text, max(0, match.start() - 60), match.start())
                role = ((prefix.group(1) if prefix else "") + match.group("head")).strip()
            if len(name.split()) < 2 or any(word in _NOT_NAMES for word in name.split()):
                continue
            appositive = APPOSITIVE.match(text, match.end())
            if appositive and (_ROLE_IN.search(appositive.group(1)) or _CAP.search(appositive.group(1))):
                role = role or appositive.group(1).strip()
            self._add(name, role)

    def _add(self, name: str, role: str) -> Person:
        for person in self.people:
            if person.name == name:
                person.role = person.role or role
                return person
        person = Person(name, role, set(name.split()))
        self.people.append(person)
        return person

    def resolve(self, phrase: str) -> tuple[str | None, str]:
        """``(canonical speaker, role)`` of a speaker noun phrase; remembers it for pronouns."""
        known = self._named.get(phrase)
        if known is not None:  # a phrase with a name resolves to the same person every time
            person, role = known
            person.role = person.role or role
            self.last = person
            return person.name, person.role
        original = phrase
        phrase, lower, words, role_words, role, name = _analyse(phrase)
        if lower in PRONOUNS_PERSON:
            if self.last is None:
                return phrase, ""
            return self.last.name, self.last.role
        if not name:
            if words and words[0] in {"the", "this"} and role_words and len(words) <= 4:
                for person in ([self.last] if self.last else []) + self.people[::-1]:
                    if person and any(w in person.role.lower() for w in role_words):
                        self.last = person
                        return person.name, person.role
            return phrase, ""
        name_tokens = name.split()
        if len(name_tokens) == 1:
            for person in self.people:
                if name_tokens[0] in person.tokens:
                    self.last = person
                    if person.role or not role:
                        self._named[original] = (person, "")
                    return person.name, person.role or role
        person = self._add(name, role)
        person.role = person.role or role
        self.last = person
        self._named[original] = (person, role)
        return person.name, person.role


_ANALYSED: dict[str, tuple] = {}  # phrase -> its parts: the same phrase recurs across mentions and documents


def _analyse(original: str) -> tuple[str, str, list[str], list[str], str, str]:
    """``(phrase, lower, words, role_words, role, name)`` of a speaker phrase (no document state)."""
    parts = _ANALYSED.get(original)
    if parts is None:
        phrase = original.strip().strip(",")
        affiliation = _AFFILIATION.search(phrase)
        if affiliation and split_title(phrase[:affiliation.start()])[1]:
            phrase = phrase[:affiliation.start()]  # 'Mr. Morgan of the Sierra Club' -> 'Mr. Morgan'
        lower = phrase.lower()
        words = lower.split()
        role_words = [w for w in words if w in ROLE_NOUNS]
        role, name = split_title(phrase)
        if len(_ANALYSED) >= 1 << 16:
            _ANALYSED.clear()
        parts = _ANALYSED[original] = (phrase, lower, words, role_words, role, name)
    return parts
