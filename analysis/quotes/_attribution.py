"""Attribution patterns: a speaker noun phrase and a reporting cue around a quote or clause."""

from __future__ import annotations

import re

from analysis.quotes._patterns import _ADV, _VERB, NOT_SPEAKER, NP_STOP, PARTICLES, THAT_ONLY

_NPCHAR = r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Jr|St|[A-Z])\.\s*|[^,;:!?.\"“”\n])"
_CUE = rf"(?P<cue>{_ADV}*{_VERB})\b(?!-)"
# after a closing mark: ', said Ms Hua.'  /  ' Ms Hua said' / ' Foreign Ministry spokesman X told ...'
AFTER_INVERTED = re.compile(r"[ \t]*,?[ \t]*" + _CUE + r"[ \t]+(?P<sp>" + _NPCHAR + r"{1,80}?)[ \t]*(?=[,.;:!?\"“”]|$)")
AFTER_NORMAL = re.compile(
    r"[ \t]*,?[ \t]*(?P<sp>[^\s,;:!?\"“”]+(?:[ \t]+[^\s,;:!?\"“”]+){0,7}?)[ \t]+" + _CUE)
# an appositive between the speaker and the verb: '"...," Scott Pruitt, the attorney general of Oklahoma, said'
AFTER_APPOSITIVE = re.compile(
    r"[ \t]*,?[ \t]*(?P<sp>[A-Z][^\s,;:!?\"“”]*(?:[ \t]+[^\s,;:!?\"“”]+){0,5}?)[ \t]*,[ \t]+"
    r"(?:the|a|an|[A-Z])(?:[^\"“”.;:!?\n]|(?<=[A-Z])\.|(?<=[A-Z][a-z])\.|(?<=[A-Z][a-z][a-z])\.){0,160}?,[ \t]+" + _CUE)
COMMA_CUE = re.compile(r",[ \t]+" + _CUE)  # the end of AFTER_APPOSITIVE: a cheap test before trying it
# before an opening mark: 'She added: "' / 'said Mr X, "' / 'he told reporters: "'
BEFORE = re.compile(_CUE + r"(?P<pp>[ \t]+[^\"“”.!?:]{0,60}?)?[ \t]*(?P<sep>[,:])?[ \t]*$")
THAT = re.compile(r"(?P<pp>[^.;:!?\"“”]{0,80}?)\bthat\b", re.IGNORECASE)
_NOT_IN_PP = re.compile(r"[.;:!?\"“”]")


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def that_clause(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``(that_start, that_end)`` of the first 'that' ``THAT.match(text, start, end)`` would find, or None.

    The same match as the pattern (a whole word 'that' in any case, at most 80 characters
    after ``start``, no sentence punctuation or quotation mark before it), found with
    ``str.find`` instead of trying the lazy pattern at every position.
    """
    window = text[start:min(end, start + 84)]
    lower = window.lower()
    if "that" not in lower:
        return None
    if len(lower) != len(window):  # a character whose lower case is longer: let the pattern decide
        match = THAT.match(text, start, end)
        return (match.start() + len(match.group("pp")), match.end()) if match else None
    forbidden = _NOT_IN_PP.search(window)
    limit = min(80, forbidden.start() if forbidden else 80)
    at = lower.find("that")
    while 0 <= at <= limit:
        first, last = start + at, start + at + 4
        if (first == 0 or not _is_word(text[first - 1])) and last <= end \
                and (last == len(text) or last == end or not _is_word(text[last])):
            return first, last
        at = lower.find("that", at + 1)
    return None
PP_TAIL = re.compile(
    r"[ \t]*(?:(?:on|in|at|to|during|after|before|from|with|via|last|this|on\s+\w+|today|yesterday|earlier|later|"
    r"recently|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)"
    r"\b[^,.;:!?\"“”]{0,50})?"
    r"[ \t]*[.!?…]*[\"”’]*[ \t]*$")
_WORD = re.compile(r"[^\s]+")
_ADVERB_ENDINGS = ("ingly", "edly", "ously", "ately", "ively", "ently", "antly", "fully", "ically")
_LOWER_HEAD_OK = {"the", "a", "an", "another", "one", "two", "some", "many", "several", "other", "his", "her",
                  "their", "its", "our"}


_VALID: dict[tuple[str, int], bool] = {}  # (phrase, max_words) -> verdict: phrases recur ('he said', 'officials said')
_CACHE_SIZE = 1 << 16


def valid_speaker(phrase: str, *, max_words: int = 8) -> bool:
    """A plausible speaker noun phrase: short, no clause words, starts like a noun phrase."""
    key = (phrase, max_words)
    verdict = _VALID.get(key)
    if verdict is None:
        if len(_VALID) >= _CACHE_SIZE:
            _VALID.clear()
        verdict = _VALID[key] = _valid_speaker(phrase, max_words)
    return verdict


def _valid_speaker(phrase: str, max_words: int) -> bool:
    words = phrase.split()
    if not words or len(words) > max_words:
        return False
    lowered = [w.lower().strip(".,") for w in words]
    if "of" in lowered and words[0][0].isupper():
        # a name with its affiliation: 'Mr. Morgan of the Sierra Club', 'Rep. Elijah Cummings of Maryland'
        at = lowered.index("of")
        rest = words[at + 1:] if at + 1 < len(words) and lowered[at + 1] != "the" else words[at + 2:]
        if 0 < at and rest and rest[0][0].isupper() and words[at - 1][0].isupper():
            lowered = lowered[:at]
    if any(w in NP_STOP for w in lowered) or lowered[-1] in _LOWER_HEAD_OK or lowered[0] in NOT_SPEAKER \
            or lowered[-1] in NOT_SPEAKER:
        return False  # a clause word inside, or a determiner at the end: not a noun phrase
    first = words[0]
    return first[0].isupper() or lowered[0] in _LOWER_HEAD_OK or lowered[0] in {"he", "she", "they", "we", "i"} \
        or (len(words) <= 2 and lowered[-1].endswith("s"))


def np_before(text: str, limit: int, cue_start: int, *, max_words: int = 8) -> tuple[int, int] | None:
    """``(start, end)`` of the speaker phrase ending right before a cue, within ``text[limit:cue_start]``.

    Walks back over words until punctuation, a clause word or ``max_words``.
    """
    end = cue_start
    while end > limit and text[end - 1].isspace():
        end -= 1
    if text.endswith(_ADVERB_ENDINGS, limit, end):  # 'his aides increasingly signaled': not the speaker
        adverb = max(text.rfind(" ", limit, end), text.rfind("\n", limit, end)) + 1
        if text[adverb:end].isalpha() and text[adverb:end].islower():
            end = adverb
    return _walk_back(text, limit, end, max_words)


_NP_END = frozenset(",;:!?\"“”()")
_NP_OPEN = frozenset("\"“”(")
_HONORIFIC = frozenset({"Mr", "Ms", "Mrs", "Dr"})


def _walk_back(text: str, limit: int, end: int, max_words: int) -> tuple[int, int] | None:
    """Walk back from ``end`` word by word (str.rfind: faster than a regex for the 1-3 words usual)."""
    start = end
    words = 0
    while start > limit and words < max_words:
        word_end = start
        while word_end > limit and text[word_end - 1].isspace():
            word_end -= 1
        word_start = text.rfind(" ", limit, word_end) + 1 or limit  # then any other whitespace inside
        word = text[word_start:word_end]
        if not word.isprintable():  # a newline, tab or other space inside (' ' is the only printable space)
            word_start = word_end - len(word.split()[-1])
            word = text[word_start:word_end]
        if not word or word[-1] in _NP_END or (word[-1] == "." and word[:-1] not in _HONORIFIC and len(word) > 2) \
                or word.lower() in NP_STOP or word[0] in _NP_OPEN:
            break
        start = word_start
        words += 1
    if start >= end:
        return None
    if not valid_speaker(text[start:end], max_words=max_words):
        return None
    return start, end


_BARE_CLAUSE: dict[str, bool] = {}  # cue -> verdict (a few hundred distinct cues)


def cue_takes_bare_clause(cue: str) -> bool:
    """Whether a cue's verb can introduce a clause without 'that' (said, claims), unlike 'found'."""
    verdict = _BARE_CLAUSE.get(cue)
    if verdict is None:
        if len(_BARE_CLAUSE) >= _CACHE_SIZE:
            _BARE_CLAUSE.clear()
        verdict = _BARE_CLAUSE[cue] = _takes_bare_clause(cue)
    return verdict


def _takes_bare_clause(cue: str) -> bool:
    words = cue.lower().split()
    head = " ".join(words[-2:]) if len(words) > 1 and words[-1] in PARTICLES else words[-1]
    return head not in THAT_ONLY


_PAREN_TAIL = re.compile(r"[ \t]*\([^()\n]{1,30}\)[ \t]*$")  # 'Sen. David Perdue (R-Ga.)'
_TIME_TAIL = re.compile(
    r"(?:[ \t]*,)?(?:[ \t]+(?:just|on|early|late|earlier|later|last|this|next|in|that))*[ \t]+(?:Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July|August|September|October|"
    r"November|December|week|month|year|morning|afternoon|evening|night|today|yesterday|tonight)"
    r"(?:[ \t]+\d{1,2})?[ \t]*,?[ \t]*$")


_TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
               "march", "april", "june", "july", "august", "september", "october", "november", "december",
               "week", "month", "year", "morning", "afternoon", "evening", "night", "today", "yesterday", "tonight"}


def speaker_before(text: str, limit: int, cue_start: int) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """The speaker phrase before a cue, and the part of it that names the speaker (None: all of it).

    Beyond :func:`np_before`: a party-and-state parenthesis after the name ('Sen. David
    Perdue (R-Ga.) said'), a time phrase before the verb ('Sanders on Tuesday said'), and an
    appositive between commas ('A lawyer for the outlets, David Schulz, said';
    'Scott Pruitt, the attorney general of Oklahoma, said').
    """
    span = np_before(text, limit, cue_start)
    if span is not None:
        return span, None
    window = max(limit, cue_start - 60)
    last = text[window:cue_start].rstrip(" \t,")
    last = last[max(last.rfind(" "), last.rfind("\n")) + 1:]
    tails = (_PAREN_TAIL,) if last.endswith(")") else (_TIME_TAIL,) if last.rstrip("0123456789") != last \
        or last.lower() in _TIME_WORDS else ()
    for tail in tails:
        match = tail.search(text, window, cue_start)
        if match and match.start() > limit:
            span = np_before(text, limit, match.start())
            if span is not None:
                end = len(text[:cue_start].rstrip()) if tail is _PAREN_TAIL else span[1]
                return (span[0], end), span
    end = cue_start
    while end > limit and text[end - 1].isspace():
        end -= 1
    if end > limit and text[end - 1] == ",":
        second = end - 1
        first = text.rfind(",", max(limit, second - 160), second)
        if first > limit:
            appositive = text[first + 1:second].strip()
            named = np_before(text, limit, first)
            opens = appositive.split()[0] if appositive else ""
            if named is not None:
                # the head noun phrase opens its clause ('A lawyer for the news outlets, ...'):
                # at most a few words of a prepositional chain before the part np_before found
                chunk = max(text.rfind(",", limit, named[0]), text.rfind(";", limit, named[0]),
                            text.rfind(":", limit, named[0]), limit - 1) + 1
                prefix = text[chunk:named[0]].strip(" \t\n“\"").split()
                if len(prefix) > 4 or any(w.lower() in _CLAUSE_WORDS or w[-1] in ".!?" for w in prefix):
                    named = None
                elif prefix:
                    named = (text.index(prefix[0], chunk), named[1])
            if named is not None and appositive and len(appositive.split()) <= 20 \
                    and (opens[0].isupper() or opens.lower() in _APPOSITIVE_OPENERS) \
                    and not any(w in _CLAUSE_WORDS for w in appositive.lower().split()):
                # the name is the head noun phrase, or else the appositive ('A lawyer ..., David Schulz,')
                name = named if any(w[:1].isupper() for w in text[named[0]:named[1]].split()[-1:]) \
                    and valid_speaker(text[named[0]:named[1]], max_words=4) else None
                if name is None:
                    inner = np_before(text, first + 1, second, max_words=5)
                    name = inner if inner is not None and text[inner[0]:inner[0] + 1].isupper() else named
                return (named[0], second), name
    return None


_APPOSITIVE_OPENERS = {"the", "a", "an", "who", "whose", "one", "another", "his", "her", "their", "its"}
# words that make an appositive a clause ('Trump, who said ..., said' is fine; 'X, he said, said' is not)
_CLAUSE_WORDS = {"said", "says", "say", "told", "is", "was", "are", "were", "has", "have", "had", "will", "would",
                 "and", "but", "or", "he", "she", "they", "we", "i", "it"}
