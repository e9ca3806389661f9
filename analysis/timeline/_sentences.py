"""Sentence ids for timex_table without building the sentence table.

:func:`analysis.sentence_table` cuts the whole corpus into whitespace
chunks (:func:`analysis._tokenize.chunk_corpus`), asks Punkt about every
chunk that ends in ``.``, ``?`` or ``!`` (with closing quotes or brackets)
and builds a frame with every sentence's text. ``timex_table`` only needs
the sentence each expression starts in, that is, where sentences start. A
sentence starts at the first chunk after a blank line (every document is
preceded by one in the joined text) and after a chunk where Punkt breaks;
Punkt's decision depends only on that chunk, the chunk after it and whether
a blank line comes between them (:func:`analysis._punkt.breaks_after`). So
only the candidate chunks and their successors are cut out of the text,
found with one regex search for the sentence-final characters, and
:func:`analysis._punkt.breaks_after` decides on them exactly as it does for
:func:`analysis.sentence_table` (same parameters, same per-type cache).
``tests/timeline/test_sentences.py`` checks, on generated texts and the
shared corpora, that the ids equal those read off the sentence table.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis import _punkt
from analysis._tokenize import SEPARATOR

_CLOSERS = re.escape(_punkt._CLOSERS)
# the end of a candidate chunk: a sentence-final character, closing quotes or brackets, then whitespace
# (the whitespace after it and the next chunk are read in a lookahead: that chunk may be a candidate too)
# (not one that a blank line or the end of the text follows: the chunk after it starts a sentence anyway)
# One regex per final character, each then searched for as a literal (much faster than the class [.?!]);
# a match is one final character and closing quotes or brackets, so those of the three never overlap.
_AFTER_FINAL = r"[" + _CLOSERS + r"]*(?=(?!\s*\n[^\S\n]*\n)(\s+)(\S+))"
_FINALS = [re.compile(re.escape(char) + _AFTER_FINAL) for char in ".?!"]
_BLANK = re.compile(r"\n[^\S\n]*\n")  # a blank line (whitespace only), as chunk_corpus reads paragraphs
_PARAGRAPH = re.compile(_BLANK.pattern + r"\s*")  # ... and the whitespace after it: ends at the next chunk
_START = re.Match.start


def sentence_starts(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Where sentences start in the joined text ``SEPARATOR + SEPARATOR.join(texts)``.

    Returns ``(doc_start, starts)``: each document's offset in the joined
    text, and the sorted offsets of every sentence's first character, as
    :func:`analysis.sentence_table` would cut them (built-in Punkt parameters).
    """
    text = SEPARATOR + SEPARATOR.join(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    doc_start = np.cumsum(lengths + len(SEPARATOR)) - lengths
    paragraph = [m.end() for m in _PARAGRAPH.finditer(text)]
    chunks: list[str] = []  # candidate, next, candidate, next ...
    after: list[int] = []  # where the chunk after each candidate starts
    size = len(text)
    rfind, add, follow = text.rfind, chunks.append, after.append
    matches = [match for final in _FINALS for match in final.finditer(text)]  # in text order, as one [.?!] regex finds them
    matches.sort(key=_START)
    for match in matches:
        gap, successor = match.group(1, 2)  # (never the corpus's last chunk, nor one a blank line follows)
        begin, end = match.span()
        space = rfind(" ", begin - 40 if begin > 40 else 0, begin) + 1
        candidate = text[space:end]
        if not space or not candidate.isprintable():  # a long chunk, or other whitespace: cut exactly
            space = begin
            while space and not text[space - 1].isspace():
                space -= 1
            candidate = text[space:end]
        add(candidate)
        add(successor)
        follow(end + len(gap))
    if chunks:
        codes, uniques = pd.factorize(np.asarray(chunks, dtype=object))
        para_end = np.zeros(len(chunks), dtype=bool)
        para_end[1::2] = True  # the successors' own decisions are not read
        breaks = _punkt.breaks_after(
            codes, uniques.tolist(), para_end, _punkt.builtin_parameters(), _punkt.BUILTIN_CACHE
        )[0::2]
        decided = np.asarray(after, dtype=np.int64)[breaks]
    else:
        decided = np.zeros(0, dtype=np.int64)
    starts = np.asarray(paragraph, dtype=np.int64)  # sorted, as ``decided``: merged (np.union1d, without hashing)
    if len(decided):
        starts = np.concatenate((starts, decided))
        starts.sort()
        starts = starts[np.concatenate(([True], starts[1:] != starts[:-1]))]
    return doc_start, starts[starts < size]


def sentence_ids(texts: list[str], doc_index: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """The ``sent_id`` (int32) of the sentences holding ``offsets`` (non-space characters of documents ``doc_index``)."""
    doc_start, starts = sentence_starts(texts)
    first = np.searchsorted(starts, doc_start, side="left")  # each document's first sentence
    at = doc_start[doc_index] + offsets
    return (np.searchsorted(starts, at, side="right") - 1 - first[doc_index]).astype(np.int32)
