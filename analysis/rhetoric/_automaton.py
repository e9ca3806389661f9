"""Compile a lexicon into a token trie over a norm vocabulary and run it, vectorised.

Private helper of :func:`analysis.rhetoric.marker_table`. Every cue is split
into token patterns (:func:`~analysis.rhetoric.lexicon.parse_cue`); a gap
``~N`` is expanded into N+1 variants with 0..N "any token" patterns. Each
distinct pattern is evaluated once against the vocabulary (a dict look-up
for a word, a prefix range of the sorted vocabulary for ``word*``, a regular
expression over the distinct norms otherwise, remembered per word across
calls), never against the corpus.

The variants form a trie whose edges are patterns. The root's transitions
are a CSR array over vocabulary codes. The other transitions are indexed by
(inner node, code column): the codes that some non-root, non-"any" edge
matches get one column each, every other code shares one column (only
"any" edges match it) and a missing norm has a column of its own (nothing
matches it). A cell holds the position of its child list (CSR), in a dense
table when nodes x columns is small enough, else in a sorted key array
searched with ``np.searchsorted``. Matching walks all start positions at
once: the live (start row, node) pairs after k steps are exactly the corpus
positions whose next k tokens spell a prefix of some cue, so the work is
proportional to the number of partial matches, not tokens x cues. Arrays
index with the token codes as they are, ``-1`` (no norm) picking the extra
last slot of each per-code table.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

import numpy as np

from analysis.rhetoric.lexicon import Lexicon, parse_cue

ANY = ("any", "")
DENSE_CELLS = 1 << 23  # largest dense (inner node x code column) table, 32 MB of int32
_BITS = 62  # regex patterns evaluated together, one bit each in an int64
_MEMO_WORDS = 1_000_000  # regex memo: forget a pattern group's words past this many
_MEMO_KEYS = 64  # ... and all groups past this many (many lexicons in one process)
_REGEX_MEMO: dict[tuple[str, ...], dict[str, int]] = {}


@dataclass(frozen=True)
class Trie:
    """Trie transitions over a vocabulary of size ``V``; see the module docstring."""

    V: int
    root_ptr: np.ndarray  # (V+2,) CSR start per code; code -1 -> slot V (no children)
    root_count: np.ndarray  # (V+1,) int32 children per code, 0 at slot V
    root_child: np.ndarray
    inner: np.ndarray  # (n_nodes,) int64 index among inner (non-root, with children) nodes, -1 otherwise
    column: np.ndarray  # (V+1,) int64 code column; slot V (code -1) -> the "missing" column
    width: int  # columns per inner node
    dense: np.ndarray | None  # (n_inner*width,) int32 cell -> key position, -1 none; None: use cells
    cells: np.ndarray  # sorted unique int64 cells with children
    key_ptr: np.ndarray  # (len(cells)+1,) CSR over key_child
    key_child: np.ndarray
    term_count: np.ndarray  # (n_nodes,) entries ending at each node
    term_ptr: np.ndarray  # (n_nodes+1,) CSR node -> entries ending there
    term_entry: np.ndarray
    depth: int


class VocabMasks:
    """Vocabulary codes matched by each token pattern, computed once per pattern."""

    def __init__(self, vocab: list[str]):
        self.vocab = vocab
        self.index = {word: code for code, word in enumerate(vocab)}
        self._sorted: tuple[list[str], np.ndarray] | None = None
        self._cache: dict[tuple[str, str], np.ndarray] = {}
        self._masks: dict[tuple[str, str], np.ndarray] = {}
        self._unions: dict[tuple[tuple[str, str], ...], np.ndarray] = {}

    def _sorted_vocab(self) -> tuple[list[str], np.ndarray]:
        if self._sorted is None:
            order = sorted(range(len(self.vocab)), key=self.vocab.__getitem__)
            self._sorted = ([self.vocab[i] for i in order], np.asarray(order, dtype=np.int64))
        return self._sorted

    def prepare(self, patterns) -> None:
        """Evaluate all regular-expression ``patterns`` in one pass over the vocabulary.

        Each word's matches are remembered per process (a bit per pattern), so a
        later call with another vocabulary (the next batch) tests only its new words.
        """
        todo = sorted({p for p in patterns if p not in self._cache and p[0] in ("glob", "regex") and _prefix(p) is None})
        for at in range(0, len(todo), _BITS):
            chunk = todo[at : at + _BITS]
            values = tuple(value for _, value in chunk)
            memo = _REGEX_MEMO.get(values)
            if memo is None or len(memo) > _MEMO_WORDS:
                if len(_REGEX_MEMO) >= _MEMO_KEYS:
                    _REGEX_MEMO.clear()
                memo = _REGEX_MEMO[values] = {}
            tests = [re.compile(value).fullmatch for value in values]
            get, bits = memo.get, []
            for word in self.vocab:
                found = get(word)
                if found is None:
                    found = 0
                    for bit, test in enumerate(tests):
                        if test(word) is not None:
                            found |= 1 << bit
                    memo[word] = found
                bits.append(found)
            array = np.asarray(bits, dtype=np.int64)
            for bit, pattern in enumerate(chunk):
                self._cache[pattern] = np.flatnonzero((array >> bit) & 1).astype(np.int64)

    def codes(self, pattern: tuple[str, str]) -> np.ndarray:
        """Sorted vocabulary codes whose norm matches ``pattern`` (kind, value)."""
        hit = self._cache.get(pattern)
        if hit is not None:
            return hit
        kind, value = pattern
        prefix = _prefix(pattern)
        if kind == "any":
            hit = np.arange(len(self.vocab), dtype=np.int64)
        elif kind == "word":
            code = self.index.get(value)
            hit = np.asarray([] if code is None else [code], dtype=np.int64)
        elif prefix is not None:
            words, order = self._sorted_vocab()
            lo = bisect.bisect_left(words, prefix)
            hi = bisect.bisect_left(words, prefix + "\U0010ffff")
            hit = np.sort(order[lo:hi])
        else:
            self.prepare([pattern])
            return self._cache[pattern]
        self._cache[pattern] = hit
        return hit

    def mask(self, pattern: tuple[str, str]) -> np.ndarray:
        """Bool per vocabulary code, plus a final False for code -1."""
        out = self._masks.get(pattern)
        if out is None:
            out = np.zeros(len(self.vocab) + 1, dtype=bool)
            out[self.codes(pattern)] = True
            self._masks[pattern] = out
        return out

    def union(self, patterns: tuple[tuple[str, str], ...]) -> np.ndarray:
        """Like :meth:`mask`, True where any of ``patterns`` matches."""
        out = self._unions.get(patterns)
        if out is None:
            self.prepare(patterns)
            out = np.zeros(len(self.vocab) + 1, dtype=bool)
            for pattern in patterns:
                out[self.codes(pattern)] = True
            self._unions[patterns] = out
        return out


@functools.lru_cache(maxsize=4096)
def _prefix(pattern: tuple[str, str]) -> str | None:
    """The literal prefix of a ``prefix*`` glob (a range of the sorted vocabulary), else None."""
    kind, value = pattern
    if kind == "glob" and value.endswith(".*") and not re.search(r"[.*\[\]?]", re.sub(r"\\.", "", value[:-2])):
        return re.sub(r"\\(.)", r"\1", value[:-2])
    return None


@functools.lru_cache(maxsize=8192)
def variants(text: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    """The token-pattern sequences a cue stands for, gaps expanded (cached per text)."""
    out: list[tuple[tuple[str, str], ...]] = [()]
    for kind, value in parse_cue(text):
        if kind == "gap":
            out = [seq + (ANY,) * k for seq in out for k in range(int(value) + 1)]
        else:
            out = [seq + ((kind, value),) for seq in out]
    return tuple(out)


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
    masks.prepare([pattern for node in children for pattern in node])
    V, n_nodes = len(masks.vocab), len(children)
    root_codes, root_kids = [], []
    for pattern, child in children[0].items():
        hit = masks.codes(pattern)
        root_codes.append(hit)
        root_kids.append(np.full(len(hit), child, dtype=np.int64))
    root_ptr, root_child = _csr(_cat(root_codes), _cat(root_kids), V + 1)
    root_count = np.diff(root_ptr).astype(np.int32)
    # columns: codes some non-root specific edge matches, then "other" (any edges only), then "missing"
    specific = [masks.codes(p) for node in children[1:] for p in node if p != ANY]
    relevant = np.unique(_cat(specific))
    R = len(relevant)
    column = np.full(V + 1, R, dtype=np.int64)
    column[relevant] = np.arange(R)
    column[V] = R + 1
    width = R + 2
    inner_nodes = [node for node in range(1, n_nodes) if children[node]]
    inner = np.full(n_nodes, -1, dtype=np.int64)
    inner[inner_nodes] = np.arange(len(inner_nodes))
    cell_parts, kid_parts = [], []
    for node in inner_nodes:
        base = int(inner[node]) * width
        for pattern, child in children[node].items():
            cols = np.arange(R + 1) if pattern == ANY else column[masks.codes(pattern)]
            cell_parts.append(cols + base)
            kid_parts.append(np.full(len(cols), child, dtype=np.int64))
    cells_raw, kids = _cat(cell_parts), _cat(kid_parts)
    order = np.argsort(cells_raw, kind="stable")
    cells_raw, kids = cells_raw[order], kids[order]
    cells, first = np.unique(cells_raw, return_index=True)
    key_ptr = np.append(first, len(cells_raw)).astype(np.int64)
    dense = None
    if len(inner_nodes) * width <= DENSE_CELLS:
        dense = np.full(len(inner_nodes) * width, -1, dtype=np.int32)
        dense[cells] = np.arange(len(cells), dtype=np.int32)
    term = np.asarray(terminal, dtype=np.int64).reshape(-1, 2)
    term_ptr, term_entry = _csr(term[:, 0], term[:, 1], n_nodes)
    term_count = np.diff(term_ptr)
    return Trie(V, root_ptr, root_count, root_child, inner, column, width, dense, cells, key_ptr, kids,
                term_count, term_ptr, term_entry, depth)


def run_trie(trie: Trie, codes: np.ndarray, link: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All matches of the trie in a token sequence.

    ``codes`` are vocabulary codes per token (-1: none; any integer dtype),
    ``link[i]`` says token i+1 continues token i's sentence. Returns
    ``(first_row, last_row, entry)`` int64 arrays, one item per match (every
    cue variant that matches), in no particular order.
    """
    n = len(codes)
    has_root = trie.root_count > 0
    start = np.flatnonzero(has_root[codes])
    code = codes[start]
    node, (start,) = _expand(trie.root_ptr[code], trie.root_count[code], trie.root_child, start)
    out_first, out_last, out_entry = [], [], []
    is_term = trie.term_count > 0
    has_kids = trie.inner >= 0
    for step in range(trie.depth):
        _emit(trie, is_term, node, start, step, out_first, out_last, out_entry)
        if step == trie.depth - 1:
            break
        row = start + step  # the row of the current token
        go = has_kids[node] & (row + 1 < n)
        go[go] &= link[row[go]]
        node, start = node[go], start[go]
        cell = trie.inner[node] * trie.width + trie.column[codes[start + step + 1]]
        if trie.dense is not None:
            pos = trie.dense[cell]
            found = pos >= 0
        else:
            pos = np.minimum(np.searchsorted(trie.cells, cell), max(len(trie.cells) - 1, 0))
            found = trie.cells[pos] == cell if len(trie.cells) else np.zeros(len(cell), bool)
        pos, start = pos[found], start[found]
        lo = trie.key_ptr[pos]
        node, (start,) = _expand(lo, trie.key_ptr[pos + 1] - lo, trie.key_child, start)
        if not len(node):
            break
    if not out_first:
        empty = np.empty(0, np.int64)
        return empty, empty, empty
    return np.concatenate(out_first), np.concatenate(out_last), np.concatenate(out_entry)


def _emit(trie, is_term, node, start, step, out_first, out_last, out_entry) -> None:
    has = np.flatnonzero(is_term[node])
    if not len(has):
        return
    at = node[has]
    entry, (first,) = _expand(trie.term_ptr[at], trie.term_count[at], trie.term_entry, start[has])
    out_first.append(first)
    out_last.append(first + step)
    out_entry.append(entry)


def _expand(lo: np.ndarray, count: np.ndarray, values: np.ndarray, *carry: np.ndarray):
    """For every i (count[i] >= 1), values[lo[i] : lo[i] + count[i]], each ``carry`` array repeated alongside."""
    multi = np.flatnonzero(count > 1)
    if not len(multi):  # every item has exactly one value (the common case)
        return values[lo], carry
    # each item's first value in place, the others (few) appended
    extra = count[multi] - 1
    offset = np.cumsum(extra) - extra
    index = np.arange(int(extra.sum()), dtype=np.int64) + np.repeat(lo[multi] + 1 - offset, extra)
    out = np.concatenate([values[lo], values[index]])
    return out, tuple(np.concatenate([c, np.repeat(c[multi], extra)]) for c in carry)


def _csr(keys: np.ndarray, values: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(keys, kind="stable")
    counts = np.bincount(keys, minlength=size).astype(np.int64)
    return np.append(0, np.cumsum(counts)), values[order]


def _cat(parts: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(parts).astype(np.int64) if parts else np.empty(0, np.int64)
