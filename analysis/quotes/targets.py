"""Who is criticised or addressed, and how openly: :func:`target_table`."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis._columns import as_docs
from analysis.errors import ParameterError
from analysis.quotes.actors import (
    _with_sentences,
    check_sentences,
    alias_mentions,
    automaton,
    person_mentions,
)

__all__ = ["TARGET_COLUMNS", "target_table"]

TARGET_COLUMNS = ["doc_id", "sent_id", "start", "end", "target", "actor", "explicitness", "cue"]
EXPLICITNESS = ("explicit", "veiled")
# Speech acts of criticism (Searle's expressives/assertives of blame) and of address
# (directives: urge, call on, hope ... will), with the evaluative adjectives diplomatic
# rebuttals pair with them. Matched on word starts, case-insensitive.
TARGET_CUES = re.compile(
    r"\b(?:oppos(?:e|es|ed|ing)|accus(?:e|es|ed|ing|ation|ations)|criticiz|criticis|condemn|denounc|"
    r"urg(?:e|es|ed|ing)|call(?:s|ed)? on|demand|hope(?:s|d)? that|interfer|meddl|smear|slander|"
    r"groundless|unfounded|irresponsible|unwarranted|so-called|hyp(?:e|ing)|double standards?|hegemon|bully|"
    r"provocat|fabricat|distort|disregard|erroneous|wrong|stop|refrain|cease|cold war mentality)",
    re.IGNORECASE)


def target_table(docs: pd.DataFrame | str, *, exclude_actors: tuple[str, ...] | list[str] = (),
                 sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Targets of criticism or address, named (explicit) or veiled.

    A *veiled* target is a vague description from the alias table
    ("certain countries", "some people", "relevant parties", "a certain
    country", "the individual official"); every one is a target. An *explicit*
    target is an actor of :func:`actor_table` (a country, organisation or
    titled person) in a sentence holding a cue of criticism or address
    ("oppose", "accuse", "urge", "call on", "unfounded", "so-called", ...),
    unless it is the speaker phrase of a quote (:func:`quote_table`): the
    one who criticises is not the target.

    Parameters
    ----------
    docs : DataFrame or str
        A docs table with ``doc_id`` and ``text``, or one text.
    exclude_actors : sequence of str, keyword-only
        Canonical actors that are never targets, usually the speaker's own
        side (``("China",)`` for MFA briefings).
    sentences : DataFrame, optional, keyword-only
        ``sentence_table(docs)`` if already computed.

    Returns
    -------
    DataFrame
        One row per target mention, in document order:

        - ``doc_id`` (category), ``sent_id`` (int32, -1 if outside every sentence).
        - ``start``, ``end`` (int32): offsets; ``text[start:end] == target``.
        - ``target`` (str): the words as written.
        - ``actor`` (str, NA for an unnamed veiled target): canonical actor.
        - ``explicitness`` (category): ``explicit`` or ``veiled``.
        - ``cue`` (str, NA when none): the first criticism/address cue of the sentence.

    Raises
    ------
    ParameterError
        If ``docs`` is not a docs table or a str, ``exclude_actors`` is not a
        list or tuple of str, or ``sentences`` is not a sentence table.

    Examples
    --------
    >>> text = "We urge certain countries to stop. The US remarks are groundless. Japan is a neighbour."
    >>> target_table(text)[["target", "actor", "explicitness", "cue"]].values.tolist()
    [['certain countries', nan, 'veiled', 'urge'], ['US', 'United States', 'explicit', 'groundless']]
    """
    if isinstance(exclude_actors, str):
        raise ParameterError("exclude_actors must be a list or tuple of actor names, e.g. ('China',), not a str")
    if not isinstance(exclude_actors, (list, tuple, set, frozenset)) or not all(
        isinstance(actor, str) for actor in exclude_actors
    ):
        raise ParameterError(
            f"exclude_actors must be a list or tuple of actor names, e.g. ('China',), not {exclude_actors!r}"
        )
    excluded = set(exclude_actors)
    ids, texts = as_docs(docs)
    check_sentences(sentences)
    if sentences is None:
        from analysis.text import sentence_table

        sentences = sentence_table(docs if isinstance(docs, pd.DataFrame) else pd.DataFrame(
            {"doc_id": ids, "text": texts}))
    bounds = {key: (g["start"].to_numpy(), g["end"].to_numpy())
              for key, g in sentences.groupby("doc_id", observed=True, sort=False)}
    from analysis.quotes.quotes import quote_table

    quotes = quote_table(pd.DataFrame({"doc_id": ids, "text": texts})).dropna(subset=["speaker_start"])
    speaking = {key: list(zip(g["speaker_start"].astype(int), g["speaker_end"].astype(int)))
                for key, g in quotes.groupby("doc_id", observed=True, sort=False)}
    named, veiled = automaton(("country", "region", "organisation")), automaton(("veiled",))
    rows, cues = [], []
    for doc_id, text in zip(ids, texts):
        starts, ends = bounds.get(doc_id, (np.array([0]), np.array([len(text)])))
        hidden = alias_mentions(text, veiled)
        taken = [(s, e) for s, e, _, _ in hidden] + speaking.get(doc_id, [])
        mentions = [(s, e, a, "veiled") for s, e, a, _ in hidden]
        for start, end, actor, _ in alias_mentions(text, named) + person_mentions(text):
            if not any(s < end and start < e for s, e in taken):
                mentions.append((start, end, actor, "explicit"))
        mentions.sort(key=lambda m: (m[0], -m[1]))
        reach = -1
        for start, end, actor, kind in mentions:
            if start < reach or (actor in excluded):
                continue
            reach = end
            index = max(0, int(np.searchsorted(starts, start, side="right")) - 1)
            cue = TARGET_CUES.search(text, int(starts[index]), int(ends[index])) if len(starts) else None
            if kind == "explicit" and cue is None:
                continue
            rows.append((doc_id, start, end, text[start:end], actor, kind))
            cues.append(cue.group() if cue else None)
    frame = _with_sentences(rows, ids, docs, sentences, EXPLICITNESS)
    return pd.DataFrame({
        "doc_id": frame["doc_id"], "sent_id": frame["sent_id"], "start": frame["start"], "end": frame["end"],
        "target": frame["mention"], "actor": frame["actor"],
        "explicitness": frame["actor_type"],
        "cue": pd.array(cues, dtype="str"),
    })
