"""Briefing turns: :func:`turn_table` splits press-conference transcripts into Q:/A: turns."""

from __future__ import annotations

import itertools
import re

import pandas as pd

from analysis._columns import TURN_LABEL, as_docs
from analysis.quotes._segments import paragraphs

__all__ = ["TURN_COLUMNS", "turn_table"]

TURN_COLUMNS = ["doc_id", "turn_id", "start", "end", "role", "speaker"]
ROLES = ("opening", "press", "spokesperson", "narrator")
_TITLE_SPEAKER = re.compile(
    r"\b(?:Spokesperson|Spokesman|Spokeswoman|Minister|President)\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})")


def turn_table(docs: pd.DataFrame | str) -> pd.DataFrame:
    """Question and answer turns of press-conference transcripts; one narrator turn elsewhere.

    A turn starts at every paragraph (blank-line separated) that begins with
    ``Q:`` (the press) or ``A:`` (the spokesperson); paragraphs without a
    prefix continue the turn before them. The text before the first turn of a
    transcript, after its title line, is the spokesperson's ``opening``
    (announcements). A document with no ``Q:``/``A:`` paragraph is one
    ``narrator`` turn from its first to its last non-space character.
    The spokesperson is ``docs.speaker`` when that column is set, else the
    name after "Spokesperson"/"Minister"/"President" in ``docs.title`` or in
    the first line.

    Parameters
    ----------
    docs : DataFrame or str
        A docs table with ``doc_id`` and ``text`` (``speaker`` and ``title``
        used when present), or one text.

    Returns
    -------
    DataFrame
        One row per turn, in document order:

        - ``doc_id`` (category), ``turn_id`` (int32, 0, 1, ... in the document).
        - ``start``, ``end`` (int32): offsets in ``docs.text``; the turn's text,
          prefix included, is ``text[start:end]``.
        - ``role`` (category): ``opening``, ``press``, ``spokesperson`` or ``narrator``.
        - ``speaker`` (str, NA when unknown): the spokesperson for ``opening``
          and ``spokesperson`` turns, ``docs.speaker`` for ``narrator`` turns,
          NA for ``press`` turns (journalists are not named in transcripts).

    Raises
    ------
    ParameterError
        If ``docs`` is not a docs table or a str.

    Examples
    --------
    >>> turns = turn_table("Title\\n\\nQ: Any comment?\\n\\nA: No.\\n\\nWe hope so.")
    >>> turns[["role", "start", "end"]].values.tolist()
    [['press', 7, 22], ['spokesperson', 24, 43]]
    """
    ids, texts = as_docs(docs)
    speakers = _column(docs, "speaker", len(ids))
    titles = _column(docs, "title", len(ids))
    rows = []
    for doc_id, text, speaker, title in zip(ids, texts, speakers, titles):
        for turn_id, (start, end, role, who) in enumerate(_doc_turns(text, speaker, title)):
            rows.append((doc_id, turn_id, start, end, role, who))
    columns = list(zip(*rows)) if rows else [[] for _ in TURN_COLUMNS]
    data = dict(zip(TURN_COLUMNS, columns))
    return pd.DataFrame({
        "doc_id": pd.Categorical(data["doc_id"], categories=pd.unique(pd.Series(ids, dtype=object))),
        "turn_id": pd.array(data["turn_id"], dtype="int32"),
        "start": pd.array(data["start"], dtype="int32"),
        "end": pd.array(data["end"], dtype="int32"),
        "role": pd.Categorical(data["role"], categories=list(ROLES)),
        "speaker": pd.array(data["speaker"], dtype="str"),
    })


def _column(docs: object, name: str, n: int) -> list:
    if isinstance(docs, pd.DataFrame) and name in docs.columns:
        return [value if isinstance(value, str) and value.strip() else None for value in docs[name].tolist()]
    return [None] * n


def _doc_turns(text: str, speaker: str | None, title: str | None) -> list[tuple]:
    paras = paragraphs(text)
    if not paras:
        return []
    starts = [i for i, (start, _) in enumerate(paras) if TURN_LABEL.match(text, start)]
    if not starts:
        return [(paras[0][0], paras[-1][1], "narrator", speaker)]
    if speaker is None:
        for source in (title, text[paras[0][0]:paras[0][1]]):
            match = _TITLE_SPEAKER.search(source or "")
            if match:
                speaker = match.group("name")
                break
    turns = []
    first = starts[0]
    lead = paras[:first]
    if lead and len(lead) > 1 or (lead and not _is_title(text, lead[0], title)):
        begin = 1 if _is_title(text, lead[0], title) else 0
        if begin < len(lead):
            turns.append((lead[begin][0], lead[-1][1], "opening", speaker))
    bounds = starts + [len(paras)]
    for here, following in itertools.pairwise(bounds):
        start, end = paras[here][0], paras[following - 1][1]
        press = text[start] == "Q"
        turns.append((start, end, "press" if press else "spokesperson", None if press else speaker))
    return turns


def _is_title(text: str, para: tuple[int, int], title: str | None) -> bool:
    """The first paragraph is a title: one line without final punctuation, or the docs title."""
    body = text[para[0]:para[1]]
    return (title is not None and body.strip() == title.strip()) or ("\n" not in body and body[-1:] not in ".!?\"”")
