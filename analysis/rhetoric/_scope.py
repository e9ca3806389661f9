"""Clause-level negation scope: which matches stand under a negated predicate of their clause.

Private helper of :func:`analysis.rhetoric.marker_table`, for the cues whose
lexicon row says ``if_negated=drop``. A match is in a negated scope when a
negator (``negators.txt``) stands before it in the same sentence, at most
:data:`SCOPE_WINDOW` tokens back, with no clause boundary between them
("China does not seek hegemony", "has never interfered in the internal
affairs of", "harbor no ulterior motives"). The word lists that bound and
except the scope are data, in ``analysis/lexicons/negation_scope.txt``:

- ``boundary``: tokens that end a clause (punctuation, ``but``, ``and``,
  subordinators and relative pronouns); the scope does not reach past them;
- ``not_negation``: negator pairs that negate no predicate (``not only``,
  ``nothing but``, ``no matter``, ``no doubt``);
- ``object_negator``: (word, negator) pairs where the negator is a pronoun
  object (``out of nothing``);
- ``demand`` / ``demand_after``: a negator after a modal of obligation (at
  most one word between: ``should not``, ``must never``), a modal between
  the negator and the cue (``I don't think others should``), or ``to`` or
  a deontic noun right after the negator (``urge the US not to``, ``has no
  right to``, ``in no position to``) forbids the other side an act: no
  scope;
- ``tolerate``: a predicate of refusal between the negator and the cue or
  right before the negator (``will not tolerate bullying``, ``brooks no
  interference``): the cue is the other side's act: no scope;
- ``reverse``: a negated verb of ceasing, changing or giving up between
  the negator and the cue asserts the act (``have not ceased to suppress``,
  ``has never deviated from``): no scope;
- ``passive``: a form of be/get followed by a word ending in -ed/-en between
  the negator and the cue, or by the cue itself (``will never be
  intimidated by such bullying``): the speaker suffers the act: no scope;
- ``question``: a sentence ending in ``?``; a negative question asserts
  ("Doesn't this constitute interference?"): no scope;
- ``subject_after``: the negative determiner ``no`` right before the cue
  and one of these (an auxiliary or modal) right after it make the cue the
  subject of its clause ("no intimidation will work on us", "make sure
  that no wrong signal is sent"): the clause presupposes the other side's
  act and denies only its effect: no scope.

Every check is vectorised over the candidate matches (a loop over at most
:data:`SCOPE_WINDOW` offsets), never over tokens.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

import numpy as np

from analysis.rhetoric._automaton import VocabMasks

SCOPE_WINDOW = 8  # tokens before a cue searched for the negator of its clause
SECTIONS = (
    "boundary", "not_negation", "object_negator", "demand", "demand_after", "tolerate", "reverse", "passive",
    "question", "subject_after",
)  # fmt: skip


@functools.lru_cache(maxsize=1)
def scope_words() -> dict[str, tuple[str, ...]]:
    """The sections of ``negation_scope.txt``: section name -> its lines (words or word pairs)."""
    text = (resources.files("analysis") / "lexicons" / "negation_scope.txt").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {name: [] for name in SECTIONS}
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            if section not in out:
                raise ValueError(f"negation_scope.txt: unknown section [{section}]; allowed: {', '.join(SECTIONS)}")
            continue
        if section is None:
            raise ValueError(f"negation_scope.txt: {line!r} before any [section]")
        out[section].append(line)
    return {name: tuple(words) for name, words in out.items()}


def word_mask(words, masks: VocabMasks) -> np.ndarray:
    """Bool per vocabulary code of ``masks`` (plus False for code -1): the norm is one of ``words``.

    ``*x`` in ``words`` means any norm ending in ``x``, ``x*`` any norm starting with ``x``.
    """
    out = np.zeros(len(masks.vocab) + 1, dtype=bool)
    suffixes = tuple(w[1:] for w in words if w.startswith("*"))
    for w in words:
        if w.startswith("*"):
            continue
        if w.endswith("*"):
            out[masks.codes(("glob", re.escape(w[:-1]) + ".*"))] = True
        else:
            code = masks.index.get(w)
            if code is not None:
                out[code] = True
    if suffixes:
        out[:-1] |= np.fromiter((w.endswith(suffixes) for w in masks.vocab), dtype=bool, count=len(masks.vocab))
    return out


def dropped_by_negation(entries, entry, first, last, codes, run, link, is_neg, masks: VocabMasks) -> np.ndarray:
    """Bool per match (cue row ``entry``, first and last token rows ``first``, ``last``): drop it.

    True where the cue says ``if_negated=drop`` and the match stands in a
    negated clause scope (:func:`negated_scope`). ``link[i]`` says token
    i+1 continues token i's sentence.
    """
    out = np.zeros(len(entry), dtype=bool)
    if "if_negated" not in entries.columns or not len(entry):
        return out
    drops = (entries["if_negated"] == "drop").to_numpy()
    rows = np.flatnonzero(drops[entry])
    if not len(rows):
        return out
    sent_end = np.append(np.flatnonzero(~link), len(codes) - 1)  # last row of every sentence
    last_row = sent_end[np.searchsorted(sent_end, first[rows])]
    out[rows] = negated_scope(first[rows], codes, run, last_row, is_neg, masks, last=last[rows])
    return out


def negated_scope(first: np.ndarray, codes: np.ndarray, run, last_row: np.ndarray, is_neg: np.ndarray,
                  masks: VocabMasks, *, last: np.ndarray | None = None) -> np.ndarray:
    """Bool per match (first token row ``first``): it stands in the scope of a negated predicate of its clause.

    ``codes`` are the norm codes per token row (-1: none), ``run[rows]`` a key
    equal for rows of one sentence, ``last_row`` the row of the last token
    of each match's sentence, ``is_neg`` the negator mask over
    the vocabulary (plus False for -1), ``last`` the last token row of each
    match (without it, the ``subject_after`` exception is not applied).
    """
    words = scope_words()
    cache = _Masks(masks)
    is_boundary = cache["boundary"]
    n = len(codes)
    anchor = run[first] if len(first) else np.empty(0, np.int64)
    neg_at = np.full(len(first), -1, dtype=np.int64)
    alive = np.ones(len(first), dtype=bool)
    for d in range(1, SCOPE_WINDOW + 1):
        row = first - d
        ok = alive & (row >= 0)
        ok[ok] &= run[row[ok]] == anchor[ok]
        alive &= ok
        code = codes[np.where(ok, row, 0)]
        hit = ok & is_neg[code]
        neg_at[hit] = row[hit]
        alive &= ~hit & ~is_boundary[code]
    found = neg_at >= 0
    if not found.any():
        return found
    is_demand, is_demand_after, is_passive, is_question, is_participle, is_tolerate = (
        cache["demand"], cache["demand_after"], cache["passive"], cache["question"], cache["participle"],
        cache["tolerate"],
    )
    is_between = is_tolerate | is_demand | cache["reverse"]  # no scope when one stands between negator and cue
    idx = np.flatnonzero(found)
    r, f = neg_at[idx], first[idx]
    keep = np.ones(len(idx), dtype=bool)

    def code_at(rows, valid):
        return codes[np.where(valid, rows, 0)], valid

    def same(rows):
        valid = (rows >= 0) & (rows < n)
        valid[valid] &= run[rows[valid]] == run[f[valid]]
        return valid

    nxt = r + 1
    nxt_code, nxt_ok = code_at(nxt, same(nxt) & (nxt < f))
    for pair in words["not_negation"]:
        a, b = pair.split()[:2]
        keep &= ~(nxt_ok & cache[("pair", a)][codes[r]] & cache[("pair", b)][nxt_code])
    keep &= ~(nxt_ok & is_demand_after[nxt_code])
    prev_code, prev_ok = code_at(r - 1, same(r - 1))
    for pair in words["object_negator"]:
        a, b = pair.split()[:2]
        keep &= ~(prev_ok & cache[("pair", a)][prev_code] & cache[("pair", b)][codes[r]])
    for back in (1, 2):
        prev = r - back
        prev_code, prev_ok = code_at(prev, same(prev))
        keep &= ~(prev_ok & is_demand[prev_code])
        if back == 1:  # "brooks no interference", "allow no interference"
            keep &= ~(prev_ok & is_tolerate[prev_code])
    for d in range(1, SCOPE_WINDOW):
        mid = r + d
        mid_code, mid_ok = code_at(mid, mid < f)
        keep &= ~(mid_ok & is_between[mid_code])
        # a passive at or before the cue: "never be intimidated (by such bullying)"
        keep &= ~(mid_ok & is_passive[mid_code] & is_participle[codes[np.minimum(mid + 1, f)]])
    keep &= ~is_question[codes[last_row[idx]]]
    if last is not None:  # "no intimidation will work on us": the cue is the clause's subject
        after_code, after_ok = code_at(last[idx] + 1, same(last[idx] + 1))
        keep &= ~((r == f - 1) & cache[("pair", "no")][codes[r]] & after_ok & cache["subject_after"][after_code])
    out = np.zeros(len(first), dtype=bool)
    out[idx] = keep
    return out


class _Masks(dict):
    """Word masks over ``masks.vocab``, computed on first use: a section's name, ``("pair", word)``
    for one word of a word pair, or ``"participle"`` (norms ending in -ed/-en)."""

    def __init__(self, masks: VocabMasks):
        super().__init__()
        self.masks = masks

    def __missing__(self, key):
        if key == "participle":
            words = ("*ed", "*en")
        elif isinstance(key, tuple):
            words = (key[1],)
        else:
            words = scope_words()[key]
        value = self[key] = word_mask(words, self.masks)
        return value
