"""Who said what: :func:`quote_table` finds direct, indirect and mixed quotes and their speakers."""

from __future__ import annotations

import bisect
import re

import numpy as np
import pandas as pd

from analysis._columns import as_docs
from analysis.quotes import _attribution as attr
from analysis.quotes._indirect import WH, _according, _coordinated, _indirect, clause_subject, document_subject
from analysis.quotes._patterns import (
    ACCORDING,
    COMMISSIVES,
    DIRECTIVES,
    EVIDENTIALS,
    INTERROGATIVES,
    NP_OBJECT,
    THAT_ONLY,
    find_cues,
    has_verb_word,
    scan,
)
from analysis.quotes._segments import (
    Sentences,
    document_ends,
    paragraphs,
    quote_pairs,
)
from analysis.quotes.speakers import SpeakerIndex, anchors
from analysis.quotes.turns import _column, _doc_turns

__all__ = ["QUOTE_COLUMNS", "quote_table"]

QUOTE_COLUMNS = ["doc_id", "quote_id", "start", "end", "content", "speaker", "speaker_start", "speaker_end",
                 "cue", "kind", "speaker_role"]
KINDS = ("direct", "indirect", "mixed")
_WORDS = re.compile(r"\w+")
PREFIX_LINE = re.compile(r"(?:^|\n)[ \t]*A[ \t]*[:：]")
_NEW_SENTENCE = {"He", "She", "They", "We", "I", "The", "A", "An", "It", "This", "That", "But", "And"}
_END_PUNCT = re.compile(r"[.!?…,;:—-]\s*$")
_MARKS = ("\"", "“", "”", "''")
_SPACES = re.compile(r"\s+")
_THAT_WORD = re.compile(r"\bthat\b")
_LABEL = re.compile(r"[\"“]+[ \t]*([A-Z][A-Z.'’ -]{1,30}[A-Z.]):[ \t]")  # a speaker label in capitals


def quote_table(docs: pd.DataFrame | str) -> pd.DataFrame:
    """Direct, indirect and mixed quotes of every document, with speaker and reporting cue.

    Direct quotes are spans in straight or curly double quotation marks with
    an attribution beside them (``"...," said Ms Hua``; ``She added: "..."``;
    ``"...," Foreign Ministry spokesman Hua Chunying told ...``), or whole
    quoted sentences that continue the previous attributed quote (split
    quotes, quote paragraphs). Short quoted phrases with no attribution
    (scare quotes, titles) are not quotes; a quoted paragraph opening with a
    speaker label in capitals (``"PENCE: ...``) is that speaker's. Indirect
    quotes are clauses reported by a reporting verb: ``that``-clauses (``Mr Ford
    reportedly openly claimed in the speech that ...``), bare clauses after
    *say*-type verbs, the comma form (``..., Ms Hua said.``), infinitives after
    directives and commissives (``urged X to ...``, ``hopes to ...``),
    ``whether``/wh-clauses after verbs of asking, ``according to X``, and the
    object of a verb of communication or judgment (``cited ...``, ``called for
    ...``, ``criticized ...``) or of an evidential verb whose subject is a
    document (``Polls show ...``). Speaker phrases may carry an affiliation
    (``Mr. Morgan of the Sierra Club``), a party-and-state parenthesis, a time
    phrase (``Sanders on Tuesday said``) or an appositive between commas; a
    relative pronoun or "it" before the verb is the speaker phrase. An
    indirect clause that contains quotation marks is ``mixed``. No quote
    crosses a paragraph (blank line): a quote left open runs to its
    paragraph's end. Speakers are resolved within each document (see
    :class:`analysis.quotes.speakers.SpeakerIndex`): full names keep their
    titles as ``speaker_role``; "Ms Hua", "she", "the spokesman" resolve to
    the same canonical name. In a briefing transcript (``A:`` turns, see
    :func:`turn_table`) "I" in the spokesperson's answer is the spokesperson
    (``docs.speaker`` or the name in the title), with role "spokesperson".

    Parameters
    ----------
    docs : DataFrame or str
        A docs table with ``doc_id`` and ``text`` (as ``read_corpus`` returns;
        ``speaker`` and ``title`` are used for briefing transcripts), or one
        text (its doc_id is ``"doc"``).

    Returns
    -------
    DataFrame
        One row per quote, in document order:

        - ``doc_id`` (category): the document.
        - ``quote_id`` (int32): 0, 1, ... within the document.
        - ``start``, ``end`` (int32): character offsets of the content in
          ``docs.text`` (direct quotes include their marks);
          ``text[start:end] == content``.
        - ``content`` (str): the quoted or reported words.
        - ``speaker`` (str, NA when unknown): canonical speaker ("Hua Chunying"),
          or the source phrase as written when it is not a person ("a source").
        - ``speaker_start``, ``speaker_end`` (Int32, NA when the speaker is
          inherited or unknown): offsets of the speaker phrase attributing this quote.
        - ``cue`` (str, NA when none): the reporting verb with its adverbs and
          auxiliaries ("reportedly openly claimed", "said", "according to").
        - ``kind`` (category): ``direct``, ``indirect`` or ``mixed``.
        - ``speaker_role`` (str, NA when none): the title or role found for the
          speaker in the document ("Foreign Ministry spokesman").

    Raises
    ------
    ParameterError
        If ``docs`` is not a docs table or a str, or lacks ``doc_id``/``text``.

    Examples
    --------
    >>> text = 'Mr Ford claimed that China lied. "That is false," said Ms Hua Chunying.'
    >>> table = quote_table(text)
    >>> table[["content", "speaker", "cue", "kind"]].values.tolist()
    [['that China lied.', 'Ford', 'claimed', 'indirect'], ['"That is false,"', 'Hua Chunying', 'said', 'direct']]
    """
    ids, texts = as_docs(docs)
    speakers, titles = _column(docs, "speaker", len(ids)), _column(docs, "title", len(ids))
    rows: list[tuple] = []
    for doc_id, text, speaker, title in zip(ids, texts, speakers, titles):
        found = _doc_quotes(text)
        if found and ("A:" in text or "A：" in text) and PREFIX_LINE.search(text):
            found = _first_person(text, found, speaker, title)
        for quote_id, row in enumerate(found):
            rows.append((doc_id, quote_id, *row))
    return _frame(rows, ids)


def _first_person(text: str, found: list[tuple], speaker: str | None, title: str | None) -> list[tuple]:
    """In a briefing transcript, "I" in a spokesperson's turn is the spokesperson."""
    if not any(row[3] in ("I", "i") and row[4] is not None for row in found):
        return found  # no first-person quote: the turns are not needed
    turns = [t for t in _doc_turns(text, speaker, title) if t[2] in ("spokesperson", "opening") and t[3]]
    out = []
    for row in found:
        if row[3] in ("I", "i") and row[4] is not None:
            turn = next((t for t in turns if t[0] <= row[4] < t[1]), None)
            if turn is not None:
                row = (*row[:3], turn[3], *row[4:8], "spokesperson")
        out.append(row)
    return out


def _frame(rows: list[tuple], ids: list) -> pd.DataFrame:
    columns = list(zip(*rows)) if rows else [() for _ in QUOTE_COLUMNS]
    data = dict(zip(QUOTE_COLUMNS, columns))
    categories = pd.unique(pd.Series(ids, dtype=object))
    if all(type(doc_id) is str for doc_id in categories):
        # codes from a dict: much faster than hashing the column (str ids hash as pandas does)
        code = {doc_id: number for number, doc_id in enumerate(categories)}
        doc_ids = pd.Categorical.from_codes(np.array([code[d] for d in data["doc_id"]], dtype=np.int64),
                                            categories=categories)
    else:
        doc_ids = pd.Categorical(data["doc_id"], categories=categories)
    kind_code = {kind: number for number, kind in enumerate(KINDS)}
    frame = pd.DataFrame({
        "doc_id": doc_ids,
        "quote_id": np.array(data["quote_id"], dtype=np.int32),
        "start": np.array(data["start"], dtype=np.int32),
        "end": np.array(data["end"], dtype=np.int32),
        "content": _strings(data["content"]),
        "speaker": _strings(data["speaker"]),
        "speaker_start": _nullable_int32(data["speaker_start"]),
        "speaker_end": _nullable_int32(data["speaker_end"]),
        "cue": _strings(data["cue"]),
        "kind": pd.Categorical.from_codes(np.array([kind_code[k] for k in data["kind"]], dtype=np.int8),
                                          categories=list(KINDS)),
        "speaker_role": _strings(data["speaker_role"]),
    })
    return frame


def _strings(values: tuple) -> pd.api.extensions.ExtensionArray:
    """A ``str`` column from str/None values, through one pyarrow array (faster than element checks)."""
    import pyarrow as pa

    return pd.array(pa.array(values, type=pa.large_string()), dtype="str")


def _nullable_int32(values: tuple) -> pd.arrays.IntegerArray:
    mask = np.array([value is None for value in values], dtype=bool)
    data = np.array([0 if value is None else value for value in values], dtype=np.int32)
    return pd.arrays.IntegerArray(data, mask)


class _Doc:
    """State of one document while its quotes are found."""

    def __init__(self, text: str, heads: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.heads = heads  # Aho-Corasick hits of the words that may start a name (see anchors)
        self.index: SpeakerIndex | None = None
        self.quotes: list[list] = []  # [start, end, speaker, sp_start, sp_end, cue, kind, role, cue_start]
        self.last: tuple | None = None  # (speaker, role, cue, paragraph number) of the last attributed quote

    def speaker(self, sp_start: int, sp_end: int) -> tuple[str, str]:
        if self.index is None:
            self.index = SpeakerIndex(self.text, anchors(self.text, self.heads))
        name, role = self.index.resolve(self.text[sp_start:sp_end])
        return name, role


def _doc_quotes(text: str) -> list[tuple]:
    cues, heads = scan(text)
    doc = _Doc(text, heads)
    paras = paragraphs(text)
    para_starts = [start for start, _ in paras]
    cues_by_para: dict[int, list] = {}
    for cue in cues:
        if cue.verb in _COMPLEMENT_ONLY and _no_complement(text, cue):
            continue  # 'found', 'hope', 'vowed' ... report only through a that/to/whether complement
        cues_by_para.setdefault(bisect.bisect_right(para_starts, cue.verb_start) - 1, []).append(cue)
    according_by_para: dict[int, list] = {}
    position = text.find("ccording")
    while position > 0:  # str.find, then the pattern: much faster than a regex scan of the text
        match = ACCORDING.match(text, position - 1)
        if match:
            according_by_para.setdefault(bisect.bisect_right(para_starts, match.start()) - 1, []).append(match)
        position = text.find("ccording", position + 8)
    marked = set()
    for mark in ('"', "“", "”", "''"):
        position = text.find(mark)
        while position >= 0:  # one search per paragraph with quotation marks
            number = bisect.bisect_right(para_starts, position) - 1
            marked.add(number)
            position = text.find(mark, max(paras[number][1], position + 1))
    numbers = sorted(marked | set(cues_by_para) | set(according_by_para))
    ends = document_ends(text, paras[numbers[0]][0], paras[numbers[-1]][1]) if numbers else []
    for number in numbers:
        p_start, p_end = paras[number]
        cues, according = cues_by_para.get(number, ()), according_by_para.get(number, ())
        sentences = Sentences(text, p_start, p_end, ends)
        found: list[list] = []
        used_cues: set[int] = set()
        if number in marked:
            _direct(doc, number, p_start, p_end, sentences, found, used_cues)
        direct_spans = [(q[0], q[1]) for q in found]
        for match in cues:
            start = match.start("cue")
            if start in used_cues or direct_spans and any(a <= start < b for a, b in direct_spans):
                continue
            row = _indirect(doc, match, sentences)
            if row and isinstance(row[0], list):
                found.extend(row)
            elif row is not None:
                found.append(row)
        for match in according:
            if direct_spans and any(a <= match.start() < b for a, b in direct_spans):
                continue
            row = _according(doc, match, sentences)
            if row is not None:
                found.append(row)
        doc.quotes.extend(_absorb(found))
    out = []
    for q in sorted(doc.quotes, key=lambda q: (q[0], q[1])):
        start, end = q[0], q[1]
        out.append((start, end, text[start:end], q[2], q[3], q[4], q[5], q[6], q[7] or None))
    return out


_COMPLEMENT_ONLY = THAT_ONLY - NP_OBJECT  # verbs that report only through a complement


def _no_complement(text: str, cue: object) -> bool:
    head = cue.verb
    if head not in _COMPLEMENT_ONLY:
        return False
    if head in EVIDENTIALS and document_subject(text, cue.start()):
        return False
    window = text[cue.end():cue.end() + 90]
    if "that" in window:
        return False
    if (head in DIRECTIVES or head in COMMISSIVES) and " to " in window:
        return False
    return not (head in INTERROGATIVES and WH.match(window))


def _absorb(found: list[list]) -> list[list]:
    """Drop quotes inside a longer one (a quoted fragment inside a reported clause)."""
    found.sort(key=lambda q: (q[0], -q[1]))
    kept: list[list] = []
    for q in found:
        if kept and q[0] < kept[-1][1]:
            if q[1] <= kept[-1][1]:
                continue
            q[0] = kept[-1][1]
            if q[1] - q[0] < 2:
                continue
        kept.append(q)
    return kept


def _direct(doc: _Doc, number: int, p_start: int, p_end: int, sentences: Sentences, found: list, used: set) -> None:
    text = doc.text
    for open_at, close_at, closed in quote_pairs(text, p_start, p_end):
        inner = text[open_at:close_at].strip("\"“”'")
        n_words = len(_WORDS.findall(inner))
        if n_words == 0:
            continue
        s_start, _ = sentences.around(open_at)
        speaker = None
        match = attr.AFTER_NORMAL.match(text, close_at, p_end)
        if match and attr.valid_speaker(match.group("sp")) and not _after_is_clause(match) \
                and not (inner.endswith((".", "…")) and match.group("sp").split()[0] in _NEW_SENTENCE):
            speaker = (match.start("sp"), match.end("sp"), match.group("cue"), match.start("cue"))
        if speaker is None:
            match = attr.AFTER_INVERTED.match(text, close_at, p_end)
            if match and attr.valid_speaker(match.group("sp"), max_words=6):
                speaker = (match.start("sp"), match.end("sp"), match.group("cue"), match.start("cue"))
        if speaker is None and text.count(",", close_at, close_at + 300) >= 2 \
                and attr.COMMA_CUE.search(text, close_at, min(p_end, close_at + 300)):
            match = attr.AFTER_APPOSITIVE.match(text, close_at, p_end)
            if match and attr.valid_speaker(match.group("sp"), max_words=6) and not _after_is_clause(match):
                speaker = (match.start("sp"), match.end("sp"), match.group("cue"), match.start("cue"))
        if speaker is None and open_at > s_start and has_verb_word(text, max(s_start, open_at - 160), open_at):
            match = attr.BEFORE.search(text, max(s_start, open_at - 160), open_at)
            if match and (match.group("sep") or not match.group("pp")):
                span = attr.np_before(text, s_start, match.start("cue"))
                if span is not None:
                    speaker = (span[0], span[1], match.group("cue"), match.start("cue"))
                elif _coordinated(text, s_start, match.start("cue")) and doc.last and doc.last[3] == number:
                    # '..., adding:' / 'and said,': the participle or second verb shares the subject
                    name, role, _, _ = doc.last
                    cue = _SPACES.sub(" ", match.group("cue"))
                    used.add(match.start("cue"))
                    found.append([open_at, close_at, name, None, None, cue, "direct", role])
                    continue
        if speaker is None and open_at > s_start:
            for match in find_cues(text, s_start, open_at):
                span = attr.np_before(text, s_start, match.start("cue"))
                between = text[match.end("cue"):open_at]
                if span is not None and match.start("cue") not in used and len(between.split()) <= 5 \
                        and not _THAT_WORD.search(between):
                    speaker = (span[0], span[1], match.group("cue"), match.start("cue"))
        sentence_like = not text[s_start:open_at].strip() or text[p_start:open_at].strip() in {"-", "—"}
        if speaker is None and sentence_like:
            label = _LABEL.match(text, open_at, close_at)
            if label:  # a transcript turn quoted whole: '"PENCE: And that's why ...'
                speaker = (label.start(1), label.end(1), None, None)
        if speaker is not None:
            name, role = doc.speaker(speaker[0], speaker[1])
            used.add(speaker[3])
            cue = _SPACES.sub(" ", speaker[2]) if speaker[2] else None
            found.append([open_at, close_at, name, speaker[0], speaker[1], cue, "direct", role])
            doc.last = (name, role, cue, number)
        elif sentence_like and (n_words >= 4 or _END_PUNCT.search(inner)) or n_words >= 3:
            if sentence_like and doc.last is not None and doc.last[3] >= number - 1:
                name, role, cue, _ = doc.last
                doc.last = (name, role, cue, number)
                found.append([open_at, close_at, name, None, None, cue, "direct", role])
            elif n_words >= 3:
                # words quoted inside a clause belong to the clause's subject:
                # 'Japan branded North Korea an "outlaw nation"'
                subject = clause_subject(text, s_start, open_at) if not sentence_like else None
                if subject and attr.valid_speaker(subject.group(1), max_words=5):
                    name, role = doc.speaker(*subject.span(1))
                    found.append([open_at, close_at, name, subject.start(1), subject.end(1), None, "direct", role])
                else:
                    found.append([open_at, close_at, None, None, None, None, "direct", None])


def _after_is_clause(match: re.Match) -> bool:
    """'"X" is what he said' is not an attribution: the phrase must not start a clause."""
    return match.group("sp").split()[0].lower() in {"is", "was", "are", "were", "and", "but", "that", "which"}
