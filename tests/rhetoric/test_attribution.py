"""analysis/rhetoric/attribution.py: the span that contains each marker."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.rhetoric.attribution import _containing


def _reference(spans: pd.DataFrame, doc: str, pos: int):
    """The rule, one offset at a time: the last span (by start, end) starting at or
    before ``pos`` if it covers it, else the last of those reaching furthest."""
    mine = spans[(spans["doc_id"] == doc) & spans["speaker"].notna()]
    mine = mine.sort_values(["start", "end"], kind="stable")
    before = mine[mine["start"] <= pos]
    if before.empty:
        return None
    last = before.iloc[-1]
    if last["end"] > pos:
        return last["speaker"]
    ends = before["end"].to_numpy()
    widest = before.iloc[np.flatnonzero(ends == ends.max())[-1]]
    return widest["speaker"] if widest["end"] > pos else None


span = st.tuples(st.sampled_from("abc"), st.integers(0, 40), st.integers(1, 25), st.booleans())


@settings(max_examples=200, deadline=None)
@given(st.lists(span, max_size=12), st.lists(st.tuples(st.sampled_from("abcd"), st.integers(0, 70)), max_size=30))
def test_containing_follows_the_rule_in_every_document(raw_spans, queries):
    spans = pd.DataFrame(
        {
            "doc_id": [d for d, *_ in raw_spans],
            "start": [s for _, s, _, _ in raw_spans],
            "end": [s + n for _, s, n, _ in raw_spans],
            "speaker": [f"p{i}" if named else None for i, (*_, named) in enumerate(raw_spans)],
        },
        columns=["doc_id", "start", "end", "speaker"],
    )
    doc_ids = np.array([d for d, _ in queries], dtype=object)
    starts = np.array([p for _, p in queries], dtype=np.int64)
    got = _containing(spans, doc_ids, starts)
    assert list(got) == [_reference(spans, d, p) for d, p in queries]
