"""Compile a lexicon into a token trie over a norm vocabulary and run it, vectorised.

Private helper of :func:`analysis.rhetoric.marker_table`. Every cue is split
into token patterns (:func:`~analysis.rhetoric.lexicon.parse_cue`); a gap
``~N`` is expanded into N+1 variants with 0..N "any token" patterns. Each
distinct pattern is evaluated once against the vocabulary (a dict look-up
for a word, a prefix range of the sorted vocabulary for ``word*``, a regular
expression over the distinct norms otherwise), never against the corpus.

The variants form a trie whose edges are patterns. Its transitions are
materialised as integer keys ``node * V + vocab_code -> child nodes``
(sorted, so a batch of look-ups is one ``np.searchsorted``); the root uses a
dense array of length V. Matching walks all start positions at once: the
live (start row, node) pairs after k steps are exactly the corpus positions
whose next k tokens spell a prefix of some cue, so the work is proportional
to the number of partial matches, not tokens x cues.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import numpy as np

from analysis.rhetoric.lexicon import Lexicon, parse_cue

ANY = ("any", "")


@dataclass(frozen=True)
class Trie:
    """Trie transitions over a vocabulary of size ``V``; see the module docstring."""

    V: int
    root_ptr: np.ndarray  # (V+1,) CSR over vocab codes -> root children
    root_child: np.ndarray
    keys: np.ndarray  # sorted unique int64 node*V+code for non-root nodes
    key_ptr: np.ndarray  # (len(keys)+1,)
    key_child: np.ndarray
    term_ptr: np.ndarray  # (n_nodes+1,) CSR node -> entries ending there
    term_entry: np.ndarray
    depth: int


class VocabMasks:
    """Vocabulary codes matched by each token pattern, computed once per pattern."""

    def __init__(self, vocab: list[str]):
        self.vocab = vocab
        self.index = {word: code for code, word in enumerate(vocab)}
        order = sorted(range(len(vocab)), key=vocab.__getitem__)
        self.sorted_words = [vocab[i] for i in order]
        self.order = np.asarray(order, dtype=np.int64)
        self._cache: dict[tuple[str, str], np.ndarray] = {}

    def codes(self, pattern: tuple[str, str]) -> np.ndarray:
        """Sorted vocabulary codes whose norm matches ``pattern`` (kind, value)."""
        hit = self._cache.get(pattern)
        if hit is not None:
            return hit
        kind, value = pattern
        if kind == "any":
            hit = np.arange(len(self.vocab), dtype=np.int64)
        elif kind == "word":
            code = self.index.get(value)
            hit = np.asarray([] if code is None else [code], dtype=np.int64)
        elif kind == "glob" and value.endswith(".*") and not re.search(r"[.*\[\]?]", re.sub(r"\\.", "", value[:-2])):
            prefix = re.sub(r"\\(.)", r"\1", value[:-2])
            lo = bisect.bisect_left(self.sorted_words, prefix)
            hi = bisect.bisect_left(self.sorted_words, prefix + "\U0010ffff")
            hit = np.sort(self.order[lo:hi])
        else:
            regex = re.compile(value)
            hit = np.asarray([c for c, w in enumerate(self.vocab) if regex.fullmatch(w)], dtype=np.int64)
        self._cache[pattern] = hit
        return hit

    def mask(self, pattern: tuple[str, str]) -> np.ndarray:
        """Bool per vocabulary code, plus a final False for code -1."""
        out = np.zeros(len(self.vocab) + 1, dtype=bool)
        out[self.codes(pattern)] = True
        return out


def variants(text: str) -> list[list[tuple[str, str]]]:
    """The token-pattern sequences a cue stands for, gaps expanded."""
    out: list[list[tuple[str, str]]] = [[]]
    for kind, value in parse_cue(text):
        if kind == "gap":
            out = [seq + [ANY] * k for seq in out for k in range(int(value) + 1)]
        else:
            out = [seq + [(kind, value)] for seq in out]
    return out


def build_trie(lexicon: Lexicon, masks: VocabMasks) -> Trie:
    """Compile the cues of ``lexicon`` into a :class:`Trie` over ``masks.vocab``."""
    children: list[dict[tuple[str, str], int]] = [{}]
    terminal: list[tuple[int, int]] = []  # (node, entry)
    depth = 0
    for entry, cue in enumerate(lexicon.entries["cue"]):
        for seq in variants(cue):
            node = 0
            for pattern in seq:
                nxt = children[node].get(pattern)
                if nxt is None:
                    nxt = len(children)
                    children[node][pattern] = nxt
                    children.append({})
                node = nxt
            terminal.append((node, entry))
            depth = max(depth, len(seq))
    V = len(masks.vocab)
    root_codes, root_kids, codes_all, kids_all = [], [], [], []
    for node, edges in enumerate(children):
        for pattern, child in edges.items():
            hit = masks.codes(pattern)
            if node == 0:
                root_codes.append(hit)
                root_kids.append(np.full(len(hit), child, dtype=np.int64))
            else:
                codes_all.append(hit + node * V)
                kids_all.append(np.full(len(hit), child, dtype=np.int64))
    root_ptr, root_child = _csr(_cat(root_codes), _cat(root_kids), V)
    keys_raw, kids = _cat(codes_all), _cat(kids_all)
    order = np.argsort(keys_raw, kind="stable")
    keys_raw, kids = keys_raw[order], kids[order]
    keys, first = np.unique(keys_raw, return_index=True)
    key_ptr = np.append(first, len(keys_raw)).astype(np.int64)
    term = np.asarray(terminal, dtype=np.int64).reshape(-1, 2)
    term_ptr, term_entry = _csr(term[:, 0], term[:, 1], len(children))
    return Trie(V, root_ptr, root_child, keys, key_ptr, kids, term_ptr, term_entry, depth)


def run_trie(trie: Trie, codes: np.ndarray, link: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All matches of the trie in a token sequence.

    ``codes`` are vocabulary codes per token (-1: none), ``link[i]`` says
    token i+1 continues token i's sentence. Returns ``(first_row, last_row,
    entry)`` arrays, one item per match (every cue variant that matches).
    """
    n = len(codes)
    safe = np.where(codes < 0, trie.V, codes)
    root_ptr = np.append(trie.root_ptr, trie.root_ptr[-1])  # code V (missing) -> no children
    count = np.diff(root_ptr)[safe]
    rows = np.flatnonzero(count)
    node, rows = _expand(root_ptr[safe[rows]], count[rows], trie.root_child, rows)
    start = rows
    out_first, out_last, out_entry = [], [], []
    for step in range(trie.depth):
        _emit(trie, node, start, rows, out_first, out_last, out_entry)
        if step == trie.depth - 1:
            break
        go = rows + 1 < n
        go[go] &= link[rows[go]]
        node, start, rows = node[go], start[go], rows[go] + 1
        key = node * trie.V + codes[rows]
        key[codes[rows] < 0] = -1
        pos = np.searchsorted(trie.keys, key)
        pos_c = np.minimum(pos, len(trie.keys) - 1)
        found = (len(trie.keys) > 0) & (trie.keys[pos_c] == key) if len(trie.keys) else np.zeros(len(key), bool)
        pos_c, start, rows = pos_c[found], start[found], rows[found]
        lo, hi = trie.key_ptr[pos_c], trie.key_ptr[pos_c + 1]
        node, (start, rows) = _expand_pairs(lo, hi - lo, trie.key_child, start, rows)
        if not len(node):
            break
    if not out_first:
        empty = np.empty(0, np.int64)
        return empty, empty, empty
    return np.concatenate(out_first), np.concatenate(out_last), np.concatenate(out_entry)


def _emit(trie, node, start, rows, out_first, out_last, out_entry) -> None:
    count = np.diff(trie.term_ptr)[node]
    has = np.flatnonzero(count)
    if not len(has):
        return
    entry, (first, last) = _expand_pairs(trie.term_ptr[node[has]], count[has], trie.term_entry, start[has], rows[has])
    out_first.append(first)
    out_last.append(last)
    out_entry.append(entry)


def _expand(lo: np.ndarray, count: np.ndarray, values: np.ndarray, rows: np.ndarray):
    child, (rows,) = _expand_pairs(lo, count, values, rows)
    return child, rows


def _expand_pairs(lo: np.ndarray, count: np.ndarray, values: np.ndarray, *carry: np.ndarray):
    """For every i, values[lo[i] : lo[i] + count[i]], with each ``carry`` array repeated alongside."""
    total = int(count.sum())
    if total == len(count):  # every item has exactly one value (the common case)
        return values[lo], carry
    rank = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(count) - count, count)
    index = np.repeat(lo, count) + rank
    return values[index], tuple(np.repeat(c, count) for c in carry)


def _csr(keys: np.ndarray, values: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(keys, kind="stable")
    counts = np.bincount(keys, minlength=size).astype(np.int64)
    return np.append(0, np.cumsum(counts)), values[order]


def _cat(parts: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(parts).astype(np.int64) if parts else np.empty(0, np.int64)
