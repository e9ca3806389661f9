"""Word classes and regular expressions shared by the quote, speaker and actor finders.

The reporting verbs are the speech-act and cognition verbs of reported-speech
grammar (Quirk et al. 1985, §14.29-14.33 "reporting clauses"; Bergler 1992 on
evidential reporting verbs) that occur in news and diplomatic prose. Cue
adverbs are the distancing and manner adverbs that sit between subject and
verb ("reportedly openly claimed"), plus the auxiliaries of perfect and modal
forms ("has said", "would add").
"""

from __future__ import annotations

import re

# base form -> (3rd person, past, -ing); None -> regular
_VERBS = {
    "say": ("says", "said", "saying"), "tell": ("tells", "told", "telling"),
    "add": None, "claim": None, "state": ("states", "stated", "stating"), "note": ("notes", "noted", "noting"),
    "argue": ("argues", "argued", "arguing"), "insist": None, "stress": ("stresses", "stressed", "stressing"),
    "emphasize": ("emphasizes", "emphasized", "emphasizing"), "emphasise": ("emphasises", "emphasised", "emphasising"),
    "warn": None, "explain": None, "announce": ("announces", "announced", "announcing"), "report": None,
    "suggest": None, "admit": ("admits", "admitted", "admitting"), "acknowledge": ("acknowledges", "acknowledged", "acknowledging"),
    "deny": ("denies", "denied", "denying"), "reply": ("replies", "replied", "replying"), "respond": None,
    "answer": None, "write": ("writes", "wrote", "writing"), "tweet": None, "believe": ("believes", "believed", "believing"),
    "think": ("thinks", "thought", "thinking"), "allege": ("alleges", "alleged", "alleging"), "maintain": None,
    "contend": None, "assert": None, "declare": ("declares", "declared", "declaring"), "confirm": None,
    "reveal": None, "predict": None, "remark": None, "comment": None, "complain": None, "recall": None,
    "reiterate": ("reiterates", "reiterated", "reiterating"), "vow": None, "pledge": ("pledges", "pledged", "pledging"),
    "promise": ("promises", "promised", "promising"), "concede": ("concedes", "conceded", "conceding"),
    "estimate": ("estimates", "estimated", "estimating"), "indicate": ("indicates", "indicated", "indicating"),
    "observe": ("observes", "observed", "observing"), "mention": None, "point out": ("points out", "pointed out", "pointing out"),
    "accuse": ("accuses", "accused", "accusing"), "charge": ("charges", "charged", "charging"), "ask": None,
    "urge": ("urges", "urged", "urging"), "testify": ("testifies", "testified", "testifying"), "worry": ("worries", "worried", "worrying"),
    "fear": None, "hope": ("hopes", "hoped", "hoping"), "feel": ("feels", "felt", "feeling"), "know": ("knows", "knew", "knowing"),
    "agree": ("agrees", "agreed", "agreeing"), "show": None, "find": ("finds", "found", "finding"), "learn": None,
    "tout": None, "boast": None, "joke": ("jokes", "joked", "joking"), "quip": ("quips", "quipped", "quipping"),
    "continue": ("continues", "continued", "continuing"), "retort": None, "counter": None, "shout": None,
    "recount": None, "repeat": None, "conclude": ("concludes", "concluded", "concluding"), "expect": None,
    # directives and commissives with an infinitive ("called on X to ...", "vowed to ..."), and
    # verbs of doubt with an interrogative clause ("questioned whether ...")
    "call on": ("calls on", "called on", "calling on"), "demand": None, "threaten": None, "refuse": ("refuses", "refused", "refusing"),
    "question": None, "wonder": None, "doubt": None, "suspect": None, "signal": ("signals", "signaled", "signaling"),
    "hint": None, "recognize": ("recognizes", "recognized", "recognizing"), "want": None, "plan": ("plans", "planned", "planning"),
    "speculate": ("speculates", "speculated", "speculating"), "caution": None, "propose": ("proposes", "proposed", "proposing"),
    # commissives and volitionals with an infinitive ("agreed to share ...", "hopes to offset ...")
    "decide": ("decides", "decided", "deciding"), "intend": None, "seek": ("seeks", "sought", "seeking"),
    # verbs of communication and judgment whose object is what was said, or what it was about
    # (Levin 1993, classes 33 "judgment" and 37 "communication"): "cited improving mental health
    # services", "called for his dismissal", "criticized Obama for ...", "talked about the economy"
    "cite": ("cites", "cited", "citing"), "call for": ("calls for", "called for", "calling for"),
    "criticize": ("criticizes", "criticized", "criticizing"), "criticise": ("criticises", "criticised", "criticising"),
    "praise": ("praises", "praised", "praising"), "condemn": None, "denounce": ("denounces", "denounced", "denouncing"),
    "endorse": ("endorses", "endorsed", "endorsing"), "reject": None, "blame": ("blames", "blamed", "blaming"),
    "mock": None, "slam": ("slams", "slammed", "slamming"), "blast": None, "applaud": None,
    "describe": ("describes", "described", "describing"), "discuss": ("discusses", "discussed", "discussing"),
    "talk about": ("talks about", "talked about", "talking about"), "speak about": ("speaks about", "spoke about", "speaking about"),
    "speak of": ("speaks of", "spoke of", "speaking of"), "warn of": ("warns of", "warned of", "warning of"),
    "warn about": ("warns about", "warned about", "warning about"), "complain about": ("complains about", "complained about", "complaining about"),
}
# verbs whose noun-phrase object is the reported content (no clause, so no comma form either)
NP_OBJECT_BASES = ("cite", "call for", "criticize", "criticise", "praise", "condemn", "denounce", "endorse", "reject",
                   "blame", "mock", "slam", "blast", "applaud", "describe", "discuss", "talk about", "speak about",
                   "speak of", "warn of", "warn about", "complain about", "mention", "question")
PARTICLES = ("on", "out", "for", "about", "of")
# evidential verbs whose object is the reported content when the subject is a document or a
# measurement rather than a person ("Polls show a close contest", "The poll indicates a tightening race")
EVIDENTIALS = frozenset({"show", "shows", "showed", "showing", "indicate", "indicates", "indicated", "indicating",
                         "suggest", "suggests", "suggested", "suggesting", "find", "finds", "found", "finding",
                         "reveal", "reveals", "revealed", "revealing", "predict", "predicts", "predicted"})
DOCUMENT_NOUNS = frozenset({
    "poll", "polls", "survey", "surveys", "study", "studies", "report", "reports", "data", "figures", "analysis",
    "research", "average", "averages", "records", "documents", "statistics", "numbers", "results", "findings",
    "estimates", "projections", "forecast", "forecasts", "model", "models", "video", "footage", "emails", "letter",
    "memo", "filing", "filings", "audit", "review", "investigation", "census", "index", "ad", "ads", "book",
})  # the last word of a two-word verb ("called for")
DIRECTIVES = {"expect", "expects", "expected", "expecting", "urge", "urges", "urged", "urging", "ask", "asks", "asked", "asking", "call on", "calls on",
              "called on", "calling on", "demand", "demands", "demanded", "demanding", "tell", "tells", "told",
              "telling", "want", "wants", "wanted", "wanting", "warn", "warns", "warned", "warning"}
COMMISSIVES = {"hope", "hopes", "hoped", "hoping", "agree", "agrees", "agreed", "agreeing", "decide", "decides",
               "decided", "deciding", "intend", "intends", "intended", "intending", "seek", "seeks", "sought",
               "seeking", "expect", "expects", "expected", "expecting", "promise", "promises", "promised", "promising", "pledge", "pledges", "pledged", "pledging", "vow",
               "vows", "vowed", "vowing", "threaten", "threatens", "threatened", "threatening", "refuse",
               "refuses", "refused", "refusing", "want", "wants", "wanted", "wanting", "plan", "plans", "planned",
               "planning", "propose", "proposes", "proposed", "proposing"}
INTERROGATIVES = {"ask", "asks", "asked", "asking", "question", "questions", "questioned", "questioning",
                  "wonder", "wonders", "wondered", "wondering", "doubt", "doubts", "doubted", "doubting"}
# verbs that introduce reported content only with an explicit "that" (never the bare or comma form)
THAT_ONLY = {"show", "shows", "showed", "showing", "find", "finds", "found", "finding", "know", "knows", "knew",
             "knowing", "hope", "hopes", "hoped", "hoping", "feel", "feels", "felt", "feeling", "learn", "learns",
             "learned", "learning", "expect", "expects", "expected", "expecting", "fear", "fears", "feared",
             "fearing", "worry", "worries", "worried", "worrying", "agree", "agrees", "agreed", "agreeing",
             "accuse", "accuses", "accused", "accusing", "charge", "charges", "charged", "charging", "ask",
             "asks", "asked", "asking", "urge", "urges", "urged", "urging", "promise", "promises", "promised",
             "promising", "continue", "continues", "continued", "continuing", "indicate", "indicates",
             "indicated", "indicating", "estimate", "estimates", "estimated", "estimating", "reveal",
             "reveals", "revealed", "revealing", "mention", "mentions", "mentioned", "mentioning"}
def _forms(base: str, irregular: tuple[str, str, str] | None) -> list[str]:
    if irregular is not None:
        return [base, *irregular]
    return [base, base + "s", base + "ed", base + "ing"]


# noun homographs ("a state visit", "the report", "no comment") are verbs only before a complementiser
THAT_ONLY |= {"maintain", "maintains", "state", "states", "report", "reports", "answer", "answers", "comment", "comments", "remark",
              "remarks", "counter", "counters", "repeat", "repeats", "note", "notes", "tweet", "tweets", "shout",
              "shouts", "claim", "claims", "charge", "charges", "estimate", "estimates", "reply",
              "replies", "respond", "responds", "recall", "recalls", "testify", "boast", "boasts", "joke", "jokes"}
THAT_ONLY |= {form for base in ("call on", "demand", "threaten", "refuse", "question", "wonder", "doubt",
                                 "suspect", "signal", "hint", "recognize", "want", "plan", "propose", "caution",
                                 "vow", "pledge", "speculate")
              for form in _forms(base, _VERBS[base])}
THAT_ONLY |= {form for base in ("decide", "intend", "seek") for form in _forms(base, _VERBS[base])}
NP_OBJECT = frozenset(form for base in NP_OBJECT_BASES for form in _forms(base, _VERBS[base]))
THAT_ONLY |= NP_OBJECT
VERB_FORMS = sorted({form for base, irr in _VERBS.items() for form in _forms(base, irr)}, key=len, reverse=True)
ADVERBS = ["reportedly", "openly", "also", "later", "again", "repeatedly", "publicly", "privately", "previously", "earlier", "once", "often", "recently", "further", "then", "firmly", "strongly", "flatly", "clearly", "explicitly", "allegedly", "apparently", "falsely", "angrily", "quickly", "simply", "only", "just", "even", "never", "not", "always", "bluntly", "sharply", "now", "still", "already", "initially", "first", "frequently", "consistently", "specifically", "directly", "formally", "officially", "personally", "immediately", "separately", "has", "have", "had", "will", "would", "could", "may", "might", "did", "does", "do", "is", "was", "were", "be", "been", "being", "can", "cannot", "should", "must", "shall"]


def trie_regex(words: list[str]) -> str:
    """A prefix-factored alternation of ``words`` (much faster than a flat one in ``re``)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        if set(node) == {""}:
            return ""
        branches = [re.escape(char).replace(r"\ ", r"\s+") + build(child) for char, child in node.items() if char]
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(sorted(branches)) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return "(?:" + build(trie) + ")"


ADVERB_SET = frozenset(ADVERBS)
_ADV = "(?:" + trie_regex(sorted(ADVERB_SET)) + r"\s+)"
_VERB = trie_regex(VERB_FORMS)


class Cue:
    """A reporting cue ``text[start:end]``: adverbs and auxiliaries, then a reporting verb.

    ``verb`` is the verb alone; the adverbs before it are found on first use of
    :meth:`start` or :meth:`group` (most candidate verbs are rejected before).
    """

    __slots__ = ("_end", "_limit", "_start", "_text", "verb", "verb_start")

    def __init__(self, text: str, start: int, end: int, limit: int) -> None:
        self._text, self._limit, self._start, self._end = text, limit, -start - 1, end
        self.verb, self.verb_start = text[start:end], start

    def start(self, _: str = "cue") -> int:
        if self._start < 0:
            text, limit, start = self._text, self._limit, -self._start - 1
            while start - 1 > limit and text[start - 1] == " ":
                word_start = max(text.rfind(" ", limit, start - 1), text.rfind("\n", limit, start - 1)) + 1
                if text[word_start:start - 1].lower() not in ADVERB_SET:
                    break
                start = max(word_start, limit)
            self._start = start
        return self._start

    def end(self, _: str = "cue") -> int:
        return self._end

    def group(self, _: str = "cue") -> str:
        return self._text[self.start():self._end]


_VERB_AUTOMATON = None
_SCAN_AUTOMATON = None


def _verb_automaton():
    global _VERB_AUTOMATON
    if _VERB_AUTOMATON is None:
        import ahocorasick

        _VERB_AUTOMATON = ahocorasick.Automaton()
        for form in VERB_FORMS:
            _VERB_AUTOMATON.add_word(form, len(form))
        _VERB_AUTOMATON.make_automaton()
    return _VERB_AUTOMATON


def _cues(text: str, start: int, hits: list[tuple[int, int]]) -> list[Cue]:
    out = []
    for last, length in hits:
        first, stop = last - length + 1, last + 1
        if (first > 0 and (text[first - 1].isalnum() or text[first - 1] == "-")) or \
                (stop < len(text) and (text[stop].isalnum() or text[stop] in "-_")):
            continue
        out.append(Cue(text, first, stop, start))
    return out


_FIRST_WORD_AUTOMATON = None


def has_verb_word(text: str, start: int, end: int) -> bool:
    """Whether the first word of some reporting verb form occurs in ``text[start:end]``.

    A cheap rejection before a cue pattern is searched in a window: every match of
    ``_VERB`` holds the first word of its form literally (inner spaces may vary).
    """
    global _FIRST_WORD_AUTOMATON
    if _FIRST_WORD_AUTOMATON is None:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for first in {form.split()[0] for form in VERB_FORMS}:
            automaton.add_word(first, len(first))
        automaton.make_automaton()
        _FIRST_WORD_AUTOMATON = automaton
    for _ in _FIRST_WORD_AUTOMATON.iter(text, start, end):
        return True
    return False


def find_cues(text: str, start: int, end: int) -> list[Cue]:
    """Reporting cues in ``text[start:end]``, each extended back over its adverbs.

    Verbs are found with an Aho-Corasick automaton (case-sensitive, single
    spaces inside "pointed out") and kept on word boundaries.
    """
    return _cues(text, start, _verb_automaton().iter(text, start, end))


def scan(text: str) -> tuple[list[Cue], list[tuple[int, int]]]:
    """One Aho-Corasick pass over a whole text: its reporting cues (as :func:`find_cues`)
    and the ``(last, length)`` hits of the honorifics and role nouns that may start a
    person's name (:data:`HEAD_WORDS`, for :func:`analysis.quotes.speakers.anchors`).
    """
    global _SCAN_AUTOMATON
    if _SCAN_AUTOMATON is None:
        import ahocorasick

        _SCAN_AUTOMATON = ahocorasick.Automaton()
        for form in VERB_FORMS:
            _SCAN_AUTOMATON.add_word(form, len(form))
        for head in HEAD_WORDS:
            _SCAN_AUTOMATON.add_word(head, -len(head))  # negative: a name head, not a verb
        _SCAN_AUTOMATON.make_automaton()
    cues, heads = [], []
    add_cue, add_head = cues.append, heads.append
    size = len(text)
    for last, length in _SCAN_AUTOMATON.iter(text):
        if length < 0:
            add_head((last, -length))
            continue
        first, stop = last - length + 1, last + 1
        if first > 0:
            before = text[first - 1]
            if before.isalnum() or before == "-":
                continue  # inside a word: 'essay', 'restated'
        if stop < size:
            after = text[stop]
            if after.isalnum() or after == "-" or after == "_":
                continue
        add_cue(Cue(text, first, stop, 0))
    return cues, heads


ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+")

HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.")
# abbreviated titles that precede a name in news prose ("Sen. Ted Cruz", "Gen. Norman Ham")
TITLE_ABBREVIATIONS = ("Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Adm", "Del", "Prof", "Rev")
TITLE_WORDS = {
    "president", "vice", "premier", "chancellor", "prime", "minister", "secretary", "ambassador", "senator",
    "sen.", "rep.", "representative", "gov.", "governor", "general", "gen.", "spokesman", "spokeswoman",
    "spokesperson", "director", "chairman", "chairwoman", "chair", "secretary-general", "king", "queen",
    "pope", "counselor", "councilor", "envoy", "mayor", "judge", "speaker", "leader", "candidate", "nominee",
    "adviser", "advisor", "official", "deputy", "assistant", "foreign", "state", "chief", "former", "lt.",
    "col.", "congressman", "congresswoman", "attorney", "prosecutor", "commissioner", "ceo", "founder",
    "sen", "rep", "gov", "gen", "lt", "col", "del", "sgt", "capt", "prof", "adm", "rev", "justice",
}
ROLE_NOUNS = {
    "spokesman", "spokeswoman", "spokesperson", "minister", "president", "secretary", "ambassador", "senator",
    "governor", "official", "envoy", "premier", "chancellor", "director", "chairman", "mayor", "candidate",
    "nominee", "adviser", "advisor", "leader", "representative", "congressman", "congresswoman", "councilor",
    "counselor", "speaker", "prosecutor", "commissioner", "judge", "aide", "manager", "chief",
}
# capitalised titles, and the lower-case spokes- nouns that precede a name in MFA and Xinhua prose
ROLE_HEADS = sorted({w.capitalize() for w in ROLE_NOUNS} | {"spokesman", "spokeswoman", "spokesperson"})
HEAD_WORDS = ["Mr", "Mrs", "Ms", "Miss", "Dr", *TITLE_ABBREVIATIONS, *ROLE_HEADS]  # words that may start a person's name
PRONOUNS_PERSON = {"he", "she"}  # third person: resolved to an antecedent ("I" is the current speaker)
# words that cannot end a speaker noun phrase or belong to one
NP_STOP = {
    "that", "which", "who", "and", "but", "or", "when", "as", "while", "because", "if", "though", "although",
    "to", "in", "on", "at", "for", "with", "by", "from", "of", "is", "was", "are", "were", "not", "so", "this",
    "there", "it", "what", "how", "why", "where", "can", "could", "do", "does", "did", "will", "would", "may",
    "might", "should", "must", "shall", "like", "let", "please", "before", "after", "during", "since", "until",
    "about", "into", "than", "has", "have", "had", "be", "been", "being",
}
# time words and sentence adverbs: never a speaker ('..., said Tuesday', '..., perhaps said')
NOT_SPEAKER = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november", "december", "today", "tonight",
    "yesterday", "tomorrow", "perhaps", "according", "earlier", "later", "recently", "week", "weekend", "morning",
    "afternoon", "evening", "night", "year", "month", "also", "then", "now", "once", "still",
}
# words that cannot start a bare reported clause ("said in a statement", "said to be")
NOT_CLAUSE_START = {
    "to", "in", "on", "at", "of", "for", "with", "by", "about", "from", "into", "during", "after", "before",
    "nothing", "so", "yes", "no", "goodbye", "hello", "thanks", "as", "and", "or", "but", "than", "is", "was",
    "over", "out", "up", "off", "again", "when", "where", "while", "if", "because", "whether",
    "repeatedly", "earlier", "later", "recently",
}
NAME = r"[A-Z][a-zA-Z’'\-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-zA-Z’'\-]+){0,2}"
QUOTE_MARK = re.compile(r"[\"“”]|''")
DOUBLE_MARK = re.compile(r"[\"“”]")  # faster when a text has no '' marks
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "gov", "sen", "rep", "lt", "col", "sgt", "capt", "prof",
    "inc", "corp", "co", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.g", "i.e", "d.c", "a.m", "p.m", "ft", "mt",
}
# a full stop after a known abbreviation or a single capital initial does not end a sentence
# (the look-behinds follow the dot, so they run only where a dot is)
# one look-behind per abbreviation length (a look-behind must be fixed-width): a handful of
# checks per full stop instead of one per abbreviation
_ABBREVIATION_FORMS: dict[int, list[str]] = {}
for _form in sorted({v for a in ABBREVIATIONS for v in (a, a.capitalize(), a.upper())}):
    _ABBREVIATION_FORMS.setdefault(len(_form), []).append(re.escape(_form))
_NOT_AFTER = "".join(r"(?<!\b(?:" + "|".join(forms) + r")\.)" for _, forms in sorted(_ABBREVIATION_FORMS.items()))
# the look-behinds end in a full stop, so after ! ? … they always hold; a leading character
# class lets the regex engine skip straight to punctuation
SENTENCE_END = re.compile(r"[!?….]" + _NOT_AFTER + r"(?<!\b[A-Z]\.)[.!?…]*[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
