"""Who is talked about: :func:`load_aliases` and :func:`actor_table`."""

from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

import ahocorasick
import numpy as np
import pandas as pd

from analysis._columns import as_docs
from analysis.errors import ParameterError
from analysis.quotes.speakers import SpeakerIndex, anchors

__all__ = ["ACTOR_COLUMNS", "ALIAS_TYPES", "actor_table", "load_aliases"]

ACTOR_COLUMNS = ["doc_id", "sent_id", "start", "end", "mention", "actor", "actor_type"]
ALIAS_TYPES = ("country", "region", "organisation", "veiled")
ACTOR_TYPES = ("person", "country", "region", "organisation")
_AUTOMATA: dict[str, tuple] = {}


def load_aliases(path: str | Path | None = None) -> pd.DataFrame:
    """The alias table: surface forms of countries, organisations and veiled references.

    Parameters
    ----------
    path : str or Path, optional
        A CSV with columns ``alias, actor, type, basis`` (``#`` lines are
        comments). Default: the table shipped in ``analysis/data/aliases.csv``
        (sources in ``analysis/data/ALIASES.md``).

    Returns
    -------
    DataFrame
        ``alias`` (str, matched case-sensitively on word boundaries),
        ``actor`` (str, the canonical actor; NA for unnamed veiled references),
        ``type`` (str: country, region, organisation or veiled), ``basis`` (str:
        why the alias denotes the actor).

    Raises
    ------
    ParameterError
        If the file lacks a column, repeats an alias or uses an unknown type.

    Examples
    --------
    >>> aliases = load_aliases()
    >>> aliases.set_index("alias").loc["the American side", "actor"]
    'United States'
    """
    if path is None:
        raw = (resources.files("analysis") / "data" / "aliases.csv").read_text(encoding="utf-8")
    else:
        raw = Path(path).read_text(encoding="utf-8")
    lines = [line for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    table = pd.DataFrame(rows, columns=["alias", "actor", "type", "basis"])
    if rows and set(rows[0]) != {"alias", "actor", "type", "basis"}:
        raise ParameterError(f"alias table {path} must have columns alias, actor, type, basis; has {list(rows[0])}")
    bad = sorted(set(table["type"]) - set(ALIAS_TYPES))
    if bad:
        raise ParameterError(f"alias table has unknown type(s) {bad}; allowed: {', '.join(ALIAS_TYPES)}")
    repeated = table["alias"][table["alias"].duplicated()].tolist()
    if repeated:
        raise ParameterError(f"alias table repeats alias(es) {repeated[:5]}")
    table["actor"] = table["actor"].where(table["actor"] != "", None)
    return table.astype({"alias": "str", "actor": "str", "type": "str", "basis": "str"})


def automaton(types: tuple[str, ...]) -> ahocorasick.Automaton:
    """A cached Aho-Corasick automaton of the shipped aliases of the given types."""
    key = ",".join(types)
    if key not in _AUTOMATA:
        table = load_aliases()
        machine = ahocorasick.Automaton()
        for row in table[table["type"].isin(types)].itertuples(index=False):
            value = (len(row.alias), row.actor if isinstance(row.actor, str) else None, row.type)
            machine.add_word(row.alias, value)
            if row.alias[:1].islower():  # "the Chinese side" also opens a sentence: "The Chinese side"
                machine.add_word(row.alias[0].upper() + row.alias[1:], value)
        machine.make_automaton()
        _AUTOMATA[key] = machine
    return _AUTOMATA[key]


def alias_mentions(text: str, machine: ahocorasick.Automaton) -> list[tuple[int, int, str | None, str]]:
    """Leftmost-longest alias matches on word boundaries: ``(start, end, actor, type)``."""
    found = []
    for last, (length, actor, kind) in machine.iter(text):
        start, end = last - length + 1, last + 1
        if (start and (text[start - 1].isalnum() or text[start - 1] in "-_")) or \
                (end < len(text) and (text[end].isalnum() or text[end] in "_")):
            continue
        found.append((start, end, actor, kind))
    found.sort(key=lambda m: (m[0], -m[1]))
    out, reach = [], -1
    for mention in found:
        if mention[0] >= reach:
            out.append(mention)
            reach = mention[1]
    return out


def person_mentions(text: str) -> list[tuple[int, int, str, str]]:
    """People named with an honorific or a title ("Mr Ford", "spokesman Hua Chunying"), resolved in the document."""
    out = []
    matches = anchors(text)
    index = SpeakerIndex(text, matches) if matches else None
    for match in matches:
        name, _ = index.resolve(match.group("name"))
        out.append((match.start(), match.end(), name, "person"))
    return out


def actor_table(docs: pd.DataFrame | str, *, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """People, countries, regions and organisations named in each sentence.

    Countries and organisations are found with the shipped alias table
    (:func:`load_aliases`: "US", "U.S.", "Washington", "the American side" ->
    United States), case-sensitive (an alias in lower case also matches with a
    capital first letter) and on word boundaries, longest alias first.
    People are the names after an honorific (Mr, Ms, Dr) or a title (President,
    Minister, spokesman ...), resolved within the document so that "Ms Hua" and
    "Foreign Ministry spokesman Hua Chunying" are one actor.

    Parameters
    ----------
    docs : DataFrame or str
        A docs table with ``doc_id`` and ``text``, or one text.
    sentences : DataFrame, optional
        ``sentence_table(docs)`` if already computed (saves its time).

    Returns
    -------
    DataFrame
        One row per mention, in document order:

        - ``doc_id`` (category), ``sent_id`` (int32, the sentence of ``sentence_table``; -1 if none).
        - ``start``, ``end`` (int32): offsets; ``text[start:end] == mention``.
        - ``mention`` (str): the words as written.
        - ``actor`` (str): canonical actor ("United States", "Hua Chunying").
        - ``actor_type`` (category): person, country, region or organisation.

    Raises
    ------
    ParameterError
        If ``docs`` is not a docs table or a str, or ``sentences`` is not a
        sentence table.

    Examples
    --------
    >>> table = actor_table("Ms Lee met the American side in Beijing.")
    >>> table[["mention", "actor", "actor_type"]].values.tolist()
    [['Ms Lee', 'Lee', 'person'], ['the American side', 'United States', 'country'], ['Beijing', 'China', 'country']]
    """
    ids, texts = as_docs(docs)
    check_sentences(sentences)
    machine = automaton(("country", "region", "organisation"))
    rows = []
    for doc_id, text in zip(ids, texts):
        mentions = alias_mentions(text, machine) + person_mentions(text)
        mentions.sort(key=lambda m: (m[0], -m[1]))
        reach = -1
        for start, end, actor, kind in mentions:
            if start < reach:
                continue
            reach = end
            rows.append((doc_id, start, end, text[start:end], actor, kind))
    return _with_sentences(rows, ids, docs, sentences)


def check_sentences(sentences: object) -> None:
    """Raise unless ``sentences`` is None or a :func:`analysis.sentence_table`."""
    needed = ["doc_id", "sent_id", "start", "end"]
    if sentences is None:
        return
    if not isinstance(sentences, pd.DataFrame):
        raise ParameterError(
            f"sentences must be None or the table of analysis.sentence_table(docs), "
            f"not {type(sentences).__name__}"
        )
    missing = [column for column in needed if column not in sentences.columns]
    if missing:
        raise ParameterError(
            f"sentences must be the table of analysis.sentence_table(docs) (columns {needed}); "
            f"it lacks {missing}"
        )


def _with_sentences(rows: list, ids: list, docs: object, sentences: pd.DataFrame | None,
                    types: tuple[str, ...] = ACTOR_TYPES) -> pd.DataFrame:
    from analysis.text import sentence_table

    frame = pd.DataFrame(rows, columns=["doc_id", "start", "end", "mention", "actor", "actor_type"])
    if sentences is None:
        sentences = sentence_table(docs if isinstance(docs, pd.DataFrame) else pd.DataFrame(
            {"doc_id": ids, "text": [docs]}))
    sent_id = np.full(len(frame), -1, dtype=np.int32)
    if len(frame) and len(sentences):
        # one searchsorted over (document, start) keys of all sentences and all mentions
        categories = pd.unique(pd.Series(ids, dtype=object))
        sent_doc = pd.Categorical(sentences["doc_id"].astype(object), categories=categories).codes.astype(np.int64)
        sent_start = sentences["start"].to_numpy(dtype=np.int64)
        span = int(max(sent_start.max(initial=0), frame["start"].max())) + 1
        sent_key = sent_doc * span + sent_start
        order = np.argsort(sent_key, kind="stable")
        sent_key = sent_key[order]
        doc = pd.Categorical(frame["doc_id"], categories=categories).codes.astype(np.int64)
        where = np.searchsorted(sent_key, doc * span + frame["start"].to_numpy(dtype=np.int64), side="right") - 1
        found = where >= 0
        rows_found = order[where[found]]
        same_doc = sent_doc[rows_found] == doc[found]
        target = np.flatnonzero(found)[same_doc]
        sent_id[target] = sentences["sent_id"].to_numpy()[rows_found[same_doc]]
    return pd.DataFrame({
        "doc_id": pd.Categorical(frame["doc_id"], categories=pd.unique(pd.Series(ids, dtype=object))),
        "sent_id": sent_id,
        "start": frame["start"].to_numpy(dtype=np.int32),
        "end": frame["end"].to_numpy(dtype=np.int32),
        "mention": frame["mention"].astype("str"),
        "actor": frame["actor"].astype("str"),
        "actor_type": pd.Categorical(frame["actor_type"], categories=list(types)),
    })
