"""Tests of the private trie matcher behind ``marker_table`` (analysis/rhetoric/_automaton.py)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.rhetoric import _automaton, load_lexicon, marker_table
from analysis.rhetoric._automaton import VocabMasks, build_trie, run_trie, variants
from analysis.rhetoric.lexicon import Lexicon

GAPPY = (
    "We urge the US side to stop. We strongly urge them to stop at once. "
    "China has never and will never accept it. China does not seek hegemony. "
    "The so-called report is totally unfounded and a pure fabrication."
)


def test_dense_and_sorted_transition_tables_agree(monkeypatch, seed_docs):
    docs = pd.concat([seed_docs[["doc_id", "text"]], pd.DataFrame({"doc_id": ["gappy"], "text": [GAPPY]})])
    dense = marker_table(docs, speakers=False)
    monkeypatch.setattr(_automaton, "DENSE_CELLS", 0)  # force the np.searchsorted path
    sparse = marker_table(docs, speakers=False)
    assert len(dense) > 20
    pd.testing.assert_frame_equal(dense, sparse)


def test_regex_patterns_match_like_re_fullmatch_across_vocabularies(monkeypatch):
    monkeypatch.setattr(_automaton, "_REGEX_MEMO", {})
    monkeypatch.setattr(_automaton, "_BITS", 3)  # several pattern groups
    patterns = [("regex", r"harm(s|ed)?"), ("glob", r"demoni.e.*"), ("regex", r"[a-z]+est"),
                ("regex", r"poses?"), ("glob", r"jeopardi.e.*"), ("regex", r"n't")]
    for vocab in (["harm", "harmed", "harmless", "best", "demonize", "pose"],
                  ["poses", "harms", "best", "latest", "don't", "demonised", "jeopardize"]):
        masks = VocabMasks(vocab)
        masks.prepare(patterns)
        for kind, value in patterns:
            expected = [c for c, w in enumerate(vocab) if re.fullmatch(value, w)]
            assert masks.codes((kind, value)).tolist() == expected
            assert masks.mask((kind, value))[:-1].nonzero()[0].tolist() == expected
            assert not masks.mask((kind, value))[-1]  # the slot of code -1


def test_prefix_globs_use_the_sorted_vocabulary():
    masks = VocabMasks(["refuted", "apple", "refute", "refuse", "refutation"])
    assert masks.codes(("glob", "refut.*")).tolist() == [0, 2, 4]
    assert masks.codes(("word", "apple")).tolist() == [1]
    assert masks.codes(("word", "pear")).tolist() == []


def test_variants_expand_gaps_and_are_cached():
    assert variants("urge ~2 to") == (
        (("word", "urge"), ("word", "to")),
        (("word", "urge"), ("any", ""), ("word", "to")),
        (("word", "urge"), ("any", ""), ("any", ""), ("word", "to")),
    )
    assert variants("urge ~2 to") is variants("urge ~2 to")


def test_run_trie_on_codes_with_missing_norms_and_sentence_breaks():
    entries = pd.DataFrame({"cue": ["firmly oppose", "oppose", "urge ~1 to"]})
    vocab = ["firmly", "oppose", "urge", "to", "them"]
    masks = VocabMasks(vocab)
    trie = build_trie(Lexicon(entries), masks)
    # firmly oppose | <none> oppose | urge them to | urge <break> to
    codes = np.array([0, 1, -1, 1, 2, 4, 3, 2, 3], dtype=np.int16)
    link = np.array([True, True, True, True, True, True, True, False])
    first, last, entry = run_trie(trie, codes, link)
    found = sorted(zip(first.tolist(), last.tolist(), entry.tolist()))
    assert found == [(0, 1, 0), (1, 1, 1), (3, 3, 1), (4, 6, 2)]


def test_repeated_calls_give_the_same_table(seed_docs):
    lexicon = load_lexicon("diplomatic")
    first = marker_table(seed_docs, lexicon=lexicon, speakers=False)
    marker_table(GAPPY, lexicon=lexicon, speakers=False)  # another vocabulary in between
    pd.testing.assert_frame_equal(first, marker_table(seed_docs, lexicon=lexicon, speakers=False))
