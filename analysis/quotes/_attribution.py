"""Attribution patterns: a speaker noun phrase and a reporting cue around a quote or clause."""

from __future__ import annotations

import re

from analysis.quotes._patterns import _ADV, _VERB, NP_STOP, THAT_ONLY

_NPCHAR = r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Jr|St|[A-Z])\.\s*|[^,;:!?.\"“”\n])"
_CUE = rf"(?P<cue>{_ADV}*{_VERB})\b(?!-)"
# after a closing mark: ', said Ms Hua.'  /  ' Ms Hua said' / ' Foreign Ministry spokesman X told ...'
AFTER_INVERTED = re.compile(r"[ \t]*,?[ \t]*" + _CUE + r"[ \t]+(?P<sp>" + _NPCHAR + r"{1,80}?)[ \t]*(?=[,.;:!?\"“”]|$)")
AFTER_NORMAL = re.compile(
    r"[ \t]*,?[ \t]*(?P<sp>[^\s,;:!?\"“”]+(?:[ \t]+[^\s,;:!?\"“”]+){0,7}?)[ \t]+" + _CUE)
# before an opening mark: 'She added: "' / 'said Mr X, "' / 'he told reporters: "'
BEFORE = re.compile(_CUE + r"(?P<pp>[ \t]+[^\"“”.!?:]{0,60}?)?[ \t]*(?P<sep>[,:])?[ \t]*$")
THAT = re.compile(r"(?P<pp>[^.;:!?\"“”]{0,80}?)\bthat\b", re.IGNORECASE)
PP_TAIL = re.compile(
    r"[ \t]*(?:(?:on|in|at|to|during|after|before|from|with|via|last|this|on\s+\w+|today|yesterday|earlier|later|"
    r"recently|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)"
    r"\b[^,.;:!?\"“”]{0,50})?"
    r"[ \t]*[.!?…]*[\"”’]*[ \t]*$")
_WORD = re.compile(r"[^\s]+")
_LOWER_HEAD_OK = {"the", "a", "an", "another", "one", "two", "some", "many", "several", "other", "his", "her",
                  "their", "its", "our"}


def valid_speaker(phrase: str, *, max_words: int = 8) -> bool:
    """A plausible speaker noun phrase: short, no clause words, starts like a noun phrase."""
    words = phrase.split()
    if not words or len(words) > max_words:
        return False
    lowered = [w.lower().strip(".,") for w in words]
    if any(w in NP_STOP for w in lowered) or lowered[-1] in _LOWER_HEAD_OK:
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
    start = end
    words = 0
    while start > limit and words < max_words:
        word_end = start
        while word_end > limit and text[word_end - 1].isspace():
            word_end -= 1
        word_start = word_end
        while word_start > limit and not text[word_start - 1].isspace():
            word_start -= 1
        word = text[word_start:word_end]
        if not word or word[-1] in ",;:!?\"“”()" or (word[-1] == "." and word[:-1] not in {"Mr", "Ms", "Mrs", "Dr"}
                                                    and len(word) > 2) \
                or word.lower() in NP_STOP or word[0] in "\"“”(":
            break
        start = word_start
        words += 1
    if start >= end:
        return None
    if not valid_speaker(text[start:end], max_words=max_words):
        return None
    return start, end


def cue_takes_bare_clause(cue: str) -> bool:
    """Whether a cue's verb can introduce a clause without 'that' (said, claims), unlike 'found'."""
    words = cue.lower().split()
    head = " ".join(words[-2:]) if len(words) > 1 and words[-1] in ("on", "out") else words[-1]
    return head not in THAT_ONLY
