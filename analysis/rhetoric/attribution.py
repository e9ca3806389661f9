"""Who makes each rhetorical move: markers joined to quotes and briefing turns.

Counting (the matcher) stays apart from attribution: :func:`attribute_speakers`
takes a marker table and fills its ``speaker`` column from the quote layer
(:func:`analysis.quote_table`) and the turn layer (:func:`analysis.turn_table`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import ParameterError

__all__ = ["attribute_speakers", "SPEAKER_SOURCES"]

#: Values of the ``speaker_source`` column, in order of precedence.
SPEAKER_SOURCES = ("quote", "turn", "narrator")


def attribute_speakers(
    markers: pd.DataFrame,
    docs: pd.DataFrame,
    *,
    quotes: pd.DataFrame | None = None,
    turns: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Fill ``speaker`` (and add ``speaker_source``) for every marker.

    A marker takes, in this order:

    1. the speaker of the quote whose content contains it (``quote``): in
       the seed, the moves inside "... totally unfounded and irresponsible ..."
       are Hua Chunying's, and those inside Mr Ford's reported claim are his;
    2. else the speaker of the briefing turn that contains it (``turn``): an
       ``A:`` paragraph is the spokesperson's, a ``Q:`` paragraph the press's
       (speaker ``"press"`` when the journalist is not named);
    3. else the narrator (``narrator``): the document's ``source`` (the agency,
       e.g. ``XINHUA``) when known, else None. A reporting cue such as
       "reportedly openly claimed" is the narrator's move, not the quoted
       person's.

    Parameters
    ----------
    markers : pandas.DataFrame
        A marker table (:func:`analysis.marker_table`): ``doc_id``, ``start``,
        ``end`` at least.
    docs : pandas.DataFrame
        The docs the markers were found in (``doc_id``, ``text``; ``source``
        is used for the narrator when present).
    quotes, turns : pandas.DataFrame, optional
        :func:`analysis.quote_table` / :func:`analysis.turn_table` of ``docs``;
        computed when omitted.

    Returns
    -------
    pandas.DataFrame
        A copy of ``markers`` with ``speaker`` (object: str or None) filled and
        ``speaker_source`` (object: ``"quote"``, ``"turn"``, ``"narrator"``)
        added after it.

    Raises
    ------
    ParameterError
        If ``markers`` lacks ``doc_id``, ``start`` or ``end``.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.rhetoric import marker_table
    >>> docs = pd.DataFrame({"doc_id": ["d"], "source": ["XINHUA"],
    ...     "text": ['"The claims are totally unfounded," said Ms Hua.']})
    >>> m = attribute_speakers(marker_table(docs, speakers=False).drop(columns="speaker_source"), docs)
    >>> m[["match", "speaker", "speaker_source"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['claims', 'Hua', 'quote'], ['totally', 'Hua', 'quote'], ['unfounded', 'Hua', 'quote'],
     ['said', 'XINHUA', 'narrator']]
    """
    missing = [c for c in ("doc_id", "start", "end") if c not in getattr(markers, "columns", [])]
    if missing:
        raise ParameterError(f"markers needs columns {missing}; it has {list(markers.columns)}")
    out = markers.copy()
    n = len(out)
    speaker = np.full(n, None, dtype=object)
    source = np.full(n, "narrator", dtype=object)
    if n:
        if quotes is None or turns is None:
            from analysis.quotes import quote_table, turn_table

            quotes = quote_table(docs) if quotes is None else quotes
            turns = turn_table(docs) if turns is None else turns
        doc_ids = out["doc_id"].astype(str).to_numpy()
        starts = out["start"].to_numpy().astype(np.int64)
        narrator = _narrators(docs)
        speaker[:] = [narrator.get(d) for d in doc_ids]
        turn_speaker = turns["speaker"].astype(object).where(turns["speaker"].notna(), None)
        press = (turns["role"].astype(str) == "press") & turn_speaker.isna()
        turn_speaker = turn_speaker.where(~press, "press")
        named_turns = turns.assign(speaker=turn_speaker)[turn_speaker.notna()]
        for label, table in (("turn", named_turns), ("quote", quotes)):
            who = _containing(table, doc_ids, starts)
            hit = who != None  # noqa: E711 -- elementwise on an object array
            speaker[hit] = who[hit]
            source[hit] = label
    at = list(out.columns).index("speaker") + 1 if "speaker" in out.columns else len(out.columns)
    out["speaker"] = pd.Series(speaker, index=out.index, dtype=object)
    out.insert(at, "speaker_source", pd.Series(source, index=out.index, dtype=object))
    return out


def _narrators(docs: pd.DataFrame) -> dict[str, str | None]:
    if "source" not in docs.columns:
        return {}
    values = docs["source"].astype(object).where(docs["source"].notna(), None)
    return dict(zip(docs["doc_id"].astype(str), values))


def _containing(spans: pd.DataFrame, doc_ids: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """For each (doc, offset), the ``speaker`` of a span containing it, or None.

    The innermost span wins: among spans starting at or before the offset,
    the last one if it still covers the offset, else the one reaching
    furthest (an enclosing span).
    """
    found = np.full(len(starts), None, dtype=object)
    if spans is None or not len(spans):
        return found
    spans = spans[spans["speaker"].notna()]
    if not len(spans):
        return found
    span_docs = spans["doc_id"].astype(str).to_numpy(dtype=object)
    names = pd.Index(pd.unique(span_docs))
    doc = names.get_indexer(span_docs).astype(np.int64)
    s = spans["start"].to_numpy().astype(np.int64)
    e = spans["end"].to_numpy().astype(np.int64)
    who = spans["speaker"].to_numpy(dtype=object)
    order = np.lexsort((e, s, doc))  # by document, start, end; stable for ties
    doc, s, e, who = doc[order], s[order], e[order], who[order]
    # one sorted key over all documents: doc * width + offset
    width = int(max(e.max(initial=0), s.max(initial=0), starts.max(initial=0))) + 1
    s_key, e_key = doc * width + s, doc * width + e
    # widest reach so far within the document, and which span has it (a new
    # document's first span always holds the running maximum of e_key)
    running = np.maximum.accumulate(e_key)
    reach_at = np.maximum.accumulate(np.where(e_key == running, np.arange(len(e_key)), 0))
    query_doc = names.get_indexer(pd.Index(doc_ids, dtype=object)).astype(np.int64)
    known = query_doc >= 0
    k = np.searchsorted(s_key, query_doc * width + starts, side="right") - 1
    valid = known & (k >= 0)
    k = np.where(valid, k, 0)
    valid &= doc[k] == query_doc
    last_covers = valid & (e[k] > starts)
    outer = reach_at[k]
    outer_covers = valid & ~last_covers & (e[outer] > starts)
    found[last_covers] = who[k[last_covers]]
    found[outer_covers] = who[outer[outer_covers]]
    return found
