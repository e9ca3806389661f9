"""Find the cues of a rhetoric lexicon in documents: :func:`marker_table`."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import _columns
from analysis.errors import ParameterError
from analysis.rhetoric._automaton import VocabMasks, build_trie, run_trie, variants
from analysis.rhetoric._scope import dropped_by_negation, word_mask
from analysis.rhetoric.attribution import attribute_speakers
from analysis.rhetoric.lexicon import Lexicon, load_lexicon

__all__ = ["BOOSTER_WINDOW", "COORDINATORS", "MARKER_COLUMNS", "NEGATION_WINDOW", "marker_table"]

NEGATION_WINDOW = 3  # tokens before a cue searched for a negator
BOOSTER_WINDOW = 2  # a booster ending this many tokens or fewer before a graded cue raises it
COORDINATORS = frozenset({",", "and", "or", "of", "the"})  # tokens that join two cues of one category into one move
# ("of", "the": "the purposes and principles of the UN Charter" is one noun phrase, one move)
COORDINATION_GAP = 2  # at most this many coordinator tokens between two joined cues
MARKER_COLUMNS = (
    "doc_id", "sent_id", "start", "end", "category", "cue", "match", "negated", "speaker",
    "speaker_source", "intensity", "cue_id", "weight",
)  # fmt: skip
_TOKEN_COLUMNS = ("doc_id", "sent_id", "start", "end", "norm")


def marker_table(
    docs: pd.DataFrame | str,
    *,
    lexicon: str | Path | list | Lexicon = "diplomatic",
    tokens: pd.DataFrame | None = None,
    join_coordinated: bool = True,
    speakers: bool = True,
    quotes: pd.DataFrame | None = None,
    turns: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Find every rhetoric marker (lexicon cue) in the documents.

    Cues are matched on token sequences of ``norm`` (so case, curly quotes
    and line breaks do not matter) inside one sentence. A cue whose lexicon
    row says ``if_negated=drop`` (in ``diplomatic``: every accusation and
    the labels of intent such as ``ulterior motive*``) is no move inside the
    scope of a negated predicate of its own clause ("China does not seek
    hegemony", "has never interfered in"; not "should not interfere", "will
    not tolerate bullying", "not only ... but also"; rules and word lists in
    ``analysis/lexicons/negation_scope.txt``). A span that carries
    several categories gets one row per category; within one category a
    match contained in a longer match is dropped (``"firmly opposes"`` as
    opposition hides ``"opposes"``), and of two cues with the same span the
    first in the lexicon wins. A cue's context rules (``needs_before``,
    ``not_after``, ... in the lexicon file) are checked in the same sentence.
    Matches of one category that overlap, touch, or are joined only by up to
    two of ``,``, "and", "or", "of", "the" in one sentence are one move and
    one row (``"mutual respect, equality and mutual benefit"``, ``"outdated
    Cold War mentality"``, ``"the purposes and principles of the UN
    Charter"``), unless ``join_coordinated=False``.

    Parameters
    ----------
    docs : DataFrame or str
        A docs table with ``doc_id`` and ``text`` (as :func:`analysis.read_corpus`
        returns), or one text.
    lexicon : str, Path, list or Lexicon, default "diplomatic"
        A shipped lexicon's name, a lexicon file, a list of both (see
        :func:`load_lexicon`) or a loaded :class:`Lexicon`.
    tokens : DataFrame, optional
        :func:`analysis.token_table` of the same docs, to reuse one you have
        (computed without stems when omitted).
    join_coordinated : bool, default True
        Join coordinated matches of one category into one row (see above);
        False gives one row per cue match.
    speakers : bool, default True
        Fill ``speaker`` from the quote and turn layers with
        :func:`analysis.rhetoric.attribution.attribute_speakers` (who makes
        each move). False leaves it None and skips that work (the matcher
        alone, e.g. for speed).
    quotes, turns : DataFrame, optional
        :func:`analysis.quote_table` / :func:`analysis.turn_table` of the same
        docs, to reuse ones you have for the speaker attribution.

    Returns
    -------
    DataFrame
        One row per (match, category), in document order, then by ``start``:

        - ``doc_id`` (category): the document;
        - ``sent_id`` (int32): the sentence of the match;
        - ``start``, ``end`` (int32): character offsets into the document's
          text, end exclusive; ``text[start:end] == match``;
        - ``category`` (category of str): the lexicon category;
        - ``cue`` (str): the cue pattern as written in the lexicon; for
          joined matches, their patterns in text order joined by ``" + "``;
        - ``match`` (str): the matched text;
        - ``negated`` (bool): a negator (``analysis/lexicons/negators.txt``:
          not, no, never, neither, nor, without, cannot, any ``-n't`` word)
          stands among the 3 tokens before the match in the same sentence;
        - ``speaker`` (object): who makes the move: the speaker of the quote
          containing it, else of the briefing turn (spokesperson / "press"),
          else the narrator (the docs ``source``, e.g. XINHUA) or None; see
          :func:`~analysis.rhetoric.attribution.attribute_speakers`. A docs
          ``speaker`` column is not copied, since a document quotes several
          voices. None everywhere with ``speakers=False``;
        - ``speaker_source`` (object): ``"quote"``, ``"turn"`` or
          ``"narrator"``; None with ``speakers=False``;
        - ``intensity`` (float): the cue's stance grade (denial: 1 not
          true .. 3 fabrication; opposition: 1 regret .. 6 condemnation, see
          the lexicon README), plus the weight of a booster ending at most 2
          tokens before it in the same sentence ("firmly opposes" = 4 + 1);
          NaN for cues without a grade; the largest one for joined matches;
        - ``cue_id`` (int64): row of the cue in ``Lexicon.entries`` (of the
          first cue for joined matches);
        - ``weight`` (float): the cue's weight (of the first cue when joined).

    Raises
    ------
    ParameterError
        If ``docs`` or ``tokens`` lacks a column.
    LexiconError
        If the lexicon cannot be loaded.

    Examples
    --------
    >>> m = marker_table("We firmly oppose the so-called report.")
    >>> m[["match", "category", "intensity"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'match': 'firmly', 'category': 'booster', 'intensity': nan},
     {'match': 'oppose', 'category': 'opposition', 'intensity': 5.0},
     {'match': 'so-called', 'category': 'distanced_attribution', 'intensity': nan}]
    """
    ids, texts = _columns.as_docs(docs)
    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    if tokens is None:
        from analysis.text import token_table

        tokens = token_table(docs, stem=False)
    missing = [c for c in _TOKEN_COLUMNS if c not in tokens.columns]
    if missing:
        raise ParameterError(f"tokens lacks column(s) {missing}; pass analysis.token_table(docs)")
    norm = tokens["norm"]
    if not isinstance(norm.dtype, pd.CategoricalDtype):
        norm = norm.astype("category")
    codes = norm.cat.codes.to_numpy()  # -1 (no norm) indexes the extra last slot of per-code tables
    vocab = [str(v) for v in norm.cat.categories]
    doc_id = tokens["doc_id"]
    if not isinstance(doc_id.dtype, pd.CategoricalDtype):
        doc_id = pd.Categorical(doc_id, categories=ids)
    doc_cat = pd.Categorical(doc_id)
    doc = doc_cat.codes
    sent = tokens["sent_id"].to_numpy()
    link = doc[1:] == doc[:-1]  # token i+1 continues token i's sentence
    link &= sent[1:] == sent[:-1]
    run = _Sentences(doc, sent)
    masks = VocabMasks(vocab)
    first, last, entry = run_trie(build_trie(lex, masks), codes, link)
    entries = lex.entries
    keep = _context_ok(entries, entry, first, last, codes, run, masks)
    is_neg = _negator_mask(masks)
    keep &= ~dropped_by_negation(entries, entry, first, last, codes, run, link, is_neg, masks)
    first, last, entry = first[keep], last[keep], entry[keep]
    categories = lex.categories
    cat_of = pd.Categorical(entries["category"], categories=categories).codes.astype(np.int64)[entry]
    first, last, entry, cat_of = _resolve_overlaps(first, last, entry, cat_of)
    grade = entries["grade"].to_numpy(float)[entry]
    weight = entries["weight"].to_numpy(float)[entry]
    intensity = _intensity(grade, first, cat_of, last, weight, run, categories)
    negated = _negated(first, codes, run, is_neg)
    cue = entries["cue"].to_numpy(object)[entry]
    if join_coordinated:
        first, last, entry, cat_of, intensity, weight, negated, cue = _join_coordinated(
            first, last, entry, cat_of, intensity, weight, negated, cue, codes, run, masks
        )
    starts = tokens["start"].to_numpy()[first].astype(np.int64)
    ends = tokens["end"].to_numpy()[last].astype(np.int64)
    doc_codes = doc_cat.codes[first]
    doc_categories = list(doc_cat.categories)
    match = _match_text(tokens, first, last, starts, ends, doc_codes, doc_categories, dict(zip(ids, texts)))
    table = pd.DataFrame(
        {
            "doc_id": pd.Categorical.from_codes(doc_codes, categories=doc_categories),
            "sent_id": sent[first].astype(np.int32),
            "start": starts.astype(np.int32),
            "end": ends.astype(np.int32),
            "category": pd.Categorical.from_codes(cat_of, categories=categories),
            "cue": cue,
            "match": np.asarray(match, dtype=object),
            "negated": negated,
            "speaker": np.full(len(first), None, dtype=object),
            "speaker_source": np.full(len(first), None, dtype=object),
            "intensity": intensity,
            "cue_id": entry.astype(np.int64),
            "weight": weight,
        },
        columns=list(MARKER_COLUMNS),
    )
    if speakers:
        frame = docs if isinstance(docs, pd.DataFrame) else pd.DataFrame({"doc_id": ids, "text": texts})
        table = attribute_speakers(table.drop(columns="speaker_source"), frame, quotes=quotes, turns=turns)
    return table


class _Sentences:
    """``run[rows]``: a key per token row, equal for two rows iff they share document and sentence.

    Computed for the rows asked for only (match rows), not for every token.
    """

    def __init__(self, doc: np.ndarray, sent: np.ndarray):
        self.doc, self.sent = doc, sent
        self.scale = int(sent.max()) + 1 if len(sent) else 1

    def __getitem__(self, rows) -> np.ndarray:
        rows = np.asarray(rows)
        return self.doc[rows].astype(np.int64) * self.scale + self.sent[rows]


def _match_text(tokens, first, last, starts, ends, doc_codes, doc_categories, text_of) -> np.ndarray:
    """``text[start:end]`` per match: the token's text for one-token matches, a slice otherwise."""
    out = np.empty(len(first), dtype=object)
    single = first == last
    if "token" in tokens.columns and isinstance(tokens["token"].dtype, pd.CategoricalDtype):
        token = tokens["token"]
        values = token.cat.categories.to_numpy(dtype=object)
        out[single] = values[token.cat.codes.to_numpy()[first[single]]]
    else:
        single[:] = False
    texts = [text_of.get(d, "") for d in doc_categories]
    rest = np.flatnonzero(~single)
    out[rest] = [texts[d][s:e] for d, s, e in zip(doc_codes[rest].tolist(), starts[rest].tolist(), ends[rest].tolist())]
    return out


def _resolve_overlaps(first, last, entry, cat):
    """Sort by (row, category); drop a match inside a longer one of its category."""
    order = np.lexsort((entry, -last, first, cat))
    first, last, entry, cat = first[order], last[order], entry[order], cat[order]
    if len(first):
        # sorted by category: category * n + last grows across categories, so one running
        # maximum gives each category's reach; a match is inside an earlier one iff its
        # (category, last) does not pass the reach before it
        value = cat * (int(last.max()) + 1) + last
        reach = np.maximum.accumulate(value)
        keep = value > np.append(-1, reach[:-1])
        first, last, entry, cat = first[keep], last[keep], entry[keep], cat[keep]
    order = np.lexsort((cat, first))
    return first[order], last[order], entry[order], cat[order]


def _join_coordinated(first, last, entry, cat, intensity, weight, negated, cue, codes, run, masks):
    """Join same-category matches that overlap, touch or are separated only by coordinators.

    The inputs are sorted by (first, category); so is the output. A joined row
    keeps the first match's entry, weight and negation, the largest intensity
    and the cues joined by " + ".
    """
    n = len(first)
    if n < 2:
        return first, last, entry, cat, intensity, weight, negated, cue
    order = np.lexsort((first, cat))
    f, l, c = first[order], last[order], cat[order]
    scale = int(l.max()) + 2
    reach = np.maximum.accumulate(c * scale + l) - c * scale  # running last row within the category
    prev = np.append(-1, reach[:-1])
    same = np.append(False, c[1:] == c[:-1])
    gap = f - prev - 1
    join = same & (gap <= COORDINATION_GAP)
    join &= run[f] == run[np.maximum(prev, 0)]
    is_coord = np.asarray([w in COORDINATORS for w in masks.vocab] + [False], dtype=bool)
    for k in range(1, COORDINATION_GAP + 1):
        inside = join & (gap >= k)
        row = np.where(inside, prev + k, 0)
        join &= ~inside | is_coord[codes[row]]
    starts = np.flatnonzero(~join)
    out_first = f[starts]
    out_last = np.maximum.reduceat(l, starts)
    out_intensity = np.fmax.reduceat(intensity[order], starts)
    out_cue = cue[order][starts].copy()
    sizes = np.diff(np.append(starts, n))
    cue_sorted = cue[order]
    for size in np.unique(sizes[sizes > 1]).tolist():  # a group is a contiguous slice of the sorted rows
        groups = np.flatnonzero(sizes == size)
        joined = cue_sorted[starts[groups]]
        for k in range(1, size):  # elementwise str + on object arrays
            joined = joined + " + " + cue_sorted[starts[groups] + k]
        out_cue[groups] = joined
    keep = order[starts]
    resort = np.lexsort((c[starts], out_first))
    return (out_first[resort], out_last[resort], entry[keep][resort], c[starts][resort],
            out_intensity[resort], weight[keep][resort], negated[keep][resort], out_cue[resort])


def _intensity(grade, first, cat, last, weight, run, categories) -> np.ndarray:
    out = grade.copy()
    if "booster" not in categories:
        return out
    is_boost = cat == categories.index("booster")
    b_last, b_weight = last[is_boost], weight[is_boost]
    graded = np.flatnonzero(~np.isnan(grade))
    if not len(graded) or not len(b_last):
        return out
    order = np.argsort(b_last, kind="stable")
    b_last, b_weight = b_last[order], b_weight[order]
    raise_by = np.zeros(len(graded))
    for gap in range(1, BOOSTER_WINDOW + 1):
        row = first[graded] - gap
        pos = np.clip(np.searchsorted(b_last, row), 0, len(b_last) - 1)
        hit = (b_last[pos] == row) & (row >= 0)
        hit &= run[np.maximum(row, 0)] == run[first[graded]]
        raise_by = np.where(hit, np.maximum(raise_by, b_weight[pos]), raise_by)
    out[graded] += raise_by
    return out


@functools.lru_cache(maxsize=1)
def _negators() -> tuple[str, ...]:
    """The negators of ``negators.txt``: words, and ``*n't``-style endings."""
    text = (resources.files("analysis") / "lexicons" / "negators.txt").read_text(encoding="utf-8")
    return tuple(word for line in text.splitlines() if (word := line.split("#", 1)[0].strip()))


def _negator_mask(masks: VocabMasks) -> np.ndarray:
    """Bool per vocabulary code (plus False for code -1): the norm is a negator."""
    return word_mask(_negators(), masks)


def _negated(first, codes, run, is_neg: np.ndarray) -> np.ndarray:
    out = np.zeros(len(first), dtype=bool)
    for gap in range(1, NEGATION_WINDOW + 1):
        row = first - gap
        ok = row >= 0
        ok[ok] &= run[row[ok]] == run[first[ok]]
        ok[ok] &= is_neg[codes[row[ok]]]
        out |= ok
    return out


def _seq_at(starts, seq_masks, codes, run, anchor_run) -> np.ndarray:
    """Whether a token sequence matches at each start row, inside the anchor's sentence.

    ``seq_masks`` holds one mask per position (bool per vocabulary code, plus
    False for code -1): :meth:`VocabMasks.mask` of a pattern, or
    :meth:`VocabMasks.union` of one-token alternatives.
    """
    ok = (starts >= 0) & (starts + len(seq_masks) <= len(codes))
    for j, mask in enumerate(seq_masks):
        row = np.where(ok, starts + j, 0)
        ok &= run[row] == anchor_run
        ok &= mask[codes[row]]
    return ok


def _context_ok(entries, entry, first, last, codes, run, masks) -> np.ndarray:
    keep = np.ones(len(entry), dtype=bool)
    fields = ("needs_before", "needs_after", "not_before", "not_after")
    context = entries[list(fields)]
    ruled = np.flatnonzero((context != "").any(axis=1).to_numpy())
    is_ruled = np.zeros(len(entries), dtype=bool)
    is_ruled[ruled] = True
    candidates = np.flatnonzero(is_ruled[entry])
    if not len(candidates):
        return keep
    order = candidates[np.argsort(entry[candidates], kind="stable")]
    bounds = np.searchsorted(entry[order], np.append(ruled, len(entries)))
    values = {field: context[field].tolist() for field in fields}
    windows = entries["window"].tolist()
    for e, lo, hi in zip(ruled.tolist(), bounds[:-1].tolist(), bounds[1:].tolist()):
        rows = order[lo:hi]
        if not len(rows):
            continue
        window = int(windows[e])
        anchor = run[first[rows]]
        for field in fields:
            singles, longer = _context_patterns(values[field][e])
            if not singles and not longer:
                continue
            found = np.zeros(len(rows), dtype=bool)
            before = field.endswith("before")
            for d in range(window):
                if singles:  # one-token alternatives: one look-up in their union
                    starts = first[rows] - d - 1 if before else last[rows] + 1 + d
                    found |= _seq_at(starts, (masks.union(singles),), codes, run, anchor)
                for seq in longer:
                    starts = first[rows] - d - len(seq) if before else last[rows] + 1 + d
                    found |= _seq_at(starts, [masks.mask(p) for p in seq], codes, run, anchor)
            keep[rows] &= found if field.startswith("needs") else ~found
    return keep


@functools.lru_cache(maxsize=4096)
def _context_patterns(text: str) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[tuple[str, str], ...], ...]]:
    """The ``|``-separated alternatives of a context field as (one-token patterns, longer sequences)."""
    seqs = [seq for alt in text.split("|") if alt.strip() for seq in variants(alt.strip())]
    singles = tuple(dict.fromkeys(seq[0] for seq in seqs if len(seq) == 1))
    return singles, tuple(seq for seq in seqs if len(seq) > 1)
