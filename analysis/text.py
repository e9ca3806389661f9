"""Sentences and tokens, with character offsets into each document's text.

``sentence_table`` and ``token_table`` turn a docs table (``doc_id``,
``text``; what :func:`analysis.read_corpus` returns) into tidy tables whose
``start``/``end`` columns slice the document text exactly. Sentences follow
NLTK's Punkt algorithm with parameters built in code (no downloaded NLTK
data); the work is vectorised over distinct whitespace-delimited chunks, see
:mod:`analysis._tokenize` and :mod:`analysis._punkt`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from nltk.tokenize.punkt import PunktParameters

from analysis import _columns, _punkt
from analysis._tokenize import Chunks, chunk_corpus, normalize, tokenize_chunks
from analysis.errors import ParameterError

__all__ = [
    "sentence_table",
    "token_table",
    "load_stopwords",
    "punkt_parameters",
    "train_punkt_parameters",
]

PunktChoice = Literal["builtin", "train"]
_PUNKT_CHOICES = ("builtin", "train")
_STOPWORD_NAMES = {"en": "stopwords_en.txt"}
_ALNUM = re.compile(r"[^\W_]")


def load_stopwords(name_or_path: str | Path = "en") -> frozenset[str]:
    """Read a stopword list: the shipped one by name, or your own file.

    Parameters
    ----------
    name_or_path : str or Path, default "en"
        ``"en"`` for the list shipped in ``analysis/data/stopwords_en.txt``
        (182 English function words; negators, modals and "us" are left
        out on purpose, see ``analysis/data/README.md``), or the path of a
        UTF-8 file in the same format: one word per line, ``#`` starts a
        comment, blank lines ignored.

    Returns
    -------
    frozenset of str
        The words, normalised as :func:`token_table` normalises ``norm``
        (lower case, curly apostrophes and quotes made straight).

    Raises
    ------
    ParameterError
        If ``name_or_path`` is neither a known name nor an existing file.

    Examples
    --------
    >>> stop = load_stopwords()
    >>> "the" in stop, "not" in stop
    (True, False)
    """
    if isinstance(name_or_path, str) and name_or_path in _STOPWORD_NAMES:
        source = resources.files("analysis") / "data" / _STOPWORD_NAMES[name_or_path]
        content = source.read_text(encoding="utf-8")
    elif isinstance(name_or_path, (str, Path)) and Path(name_or_path).is_file():
        content = Path(name_or_path).read_text(encoding="utf-8")
    else:
        raise ParameterError(
            f"load_stopwords: {name_or_path!r} is not a stopword list; "
            f"use one of {sorted(_STOPWORD_NAMES)} or the path of a file with one word per line"
        )
    words = (line.split("#", 1)[0].strip() for line in content.splitlines())
    return frozenset(normalize(word) for word in words if word)


def punkt_parameters() -> PunktParameters:
    """Return Punkt parameters built in code, with no NLTK data download.

    Returns
    -------
    nltk.tokenize.punkt.PunktParameters
        A new object (safe to modify) whose ``abbrev_types`` hold about a
        hundred abbreviations, lower-cased without their final period as Punkt
        stores them (``mr``, ``dr``, ``u.s``, ``e.g``, ``jan``, ``no``,
        ``gen``, ``inc``, ...), and whose ``sent_starters`` hold capitalised
        function words that begin a sentence after an abbreviation
        (``the``, ``but``, ``we``, ...). ``ortho_context`` and
        ``collocations`` are empty; :func:`train_punkt_parameters` learns them.

    Examples
    --------
    >>> params = punkt_parameters()
    >>> "u.s" in params.abbrev_types and "mr" in params.abbrev_types
    True
    """
    return _punkt.builtin_parameters()


def train_punkt_parameters(docs: pd.DataFrame | str) -> PunktParameters:
    """Train Punkt on a corpus and merge in the built-in parameters.

    Parameters
    ----------
    docs : DataFrame or str
        A docs table with ``doc_id`` and ``text`` columns, or one text.

    Returns
    -------
    nltk.tokenize.punkt.PunktParameters
        What NLTK's ``PunktTrainer`` learns from the texts (abbreviations,
        collocations, sentence starters, orthographic contexts), with the
        built-in abbreviations and sentence starters of
        :func:`punkt_parameters` added.

    Raises
    ------
    ParameterError
        If ``docs`` is not a docs table or a str.

    Examples
    --------
    >>> params = train_punkt_parameters("Dr. Li spoke. Then Dr. Wu replied.")
    >>> "dr" in params.abbrev_types, params.ortho_context["spoke"] > 0
    (True, True)
    """
    _, texts = _columns.as_docs(docs)
    return _punkt.train_parameters(texts)


def sentence_table(
    docs: pd.DataFrame | str, *, punkt: PunktChoice | PunktParameters = "builtin"
) -> pd.DataFrame:
    """Split every document into sentences, with character offsets.

    A sentence never crosses a blank line (a line holding only whitespace),
    so a transcript's title line and each ``Q:``/``A:`` paragraph stand
    alone. Within a paragraph, Punkt decides at every ``.``, ``?`` or ``!``
    (with any closing quotes or brackets) that is followed by whitespace.
    Sentences cover every non-whitespace character, never overlap and carry
    no leading or trailing whitespace.

    Parameters
    ----------
    docs : DataFrame or str
        A docs table with ``doc_id`` and ``text`` columns (extra columns are
        ignored; ``doc_id`` must be unique; missing texts count as empty), or
        one text, which becomes the document ``"doc"``.
    punkt : {"builtin", "train"} or PunktParameters, default "builtin"
        ``"builtin"`` uses :func:`punkt_parameters`; ``"train"`` trains on
        ``docs`` first (:func:`train_punkt_parameters`; slower, adapts to
        the corpus); or pass your own parameters.

    Returns
    -------
    DataFrame
        One row per sentence, in document and text order:

        - ``doc_id`` (category): the document, categories in ``docs`` order;
        - ``sent_id`` (int32): 0-based position of the sentence in its document;
        - ``start``, ``end`` (int32): character offsets into the document's
          text, end exclusive;
        - ``text`` (str): ``docs.text[start:end]``.

    Raises
    ------
    ParameterError
        If ``docs`` lacks a column, has duplicate ids or non-text values, or
        ``punkt`` is not one of the choices above.

    Notes
    -----
    The decisions are Punkt's (Kiss & Strunk 2006, as in NLTK), made once per
    distinct whitespace-delimited chunk rather than by calling NLTK's
    tokenizer, which would be ten times slower. Over the shared test corpora
    the boundaries agree with ``PunktSentenceTokenizer`` to 99.96%
    (``benchmarks/README.md``). One difference is deliberate: when a closing
    quote or bracket follows an abbreviation or ellipsis (``"No." She``), the
    word after it decides, where NLTK looks at the quote and never splits.

    Examples
    --------
    >>> sentence_table("Mr. Ford spoke. Ms Hua replied.").text.tolist()
    ['Mr. Ford spoke.', 'Ms Hua replied.']
    """
    ids, texts = _columns.as_docs(docs)
    params = _resolve_punkt(punkt, texts)
    chunks = _chunk_corpus(ids, texts)
    first, last = _sentence_chunks(chunks, params)
    start = chunks.start[first]
    end = chunks.start[last] + chunks.type_len[chunks.code[last]]
    text = chunks.text
    sentences = [text[s:e] for s, e in zip(start.tolist(), end.tolist())]
    doc_first_chunk = np.cumsum(chunks.doc_chunks) - chunks.doc_chunks
    per_doc = np.diff(np.searchsorted(first, doc_first_chunk), append=len(first))
    doc_start = np.repeat(chunks.doc_start, per_doc)
    start -= doc_start
    end -= doc_start
    columns = {
        "doc_id": _columns.categorical(_columns.group_codes(per_doc), ids),
        "sent_id": _columns.position_in_group(per_doc, np.int32),
        "start": start,
        "end": end,
        "text": pd.array(sentences, dtype="str"),
    }
    return pd.DataFrame(columns, copy=False)


def token_table(
    docs: pd.DataFrame | str,
    *,
    sentences: pd.DataFrame | None = None,
    stopwords: bool | Iterable[str] | None = True,
    stem: bool = True,
) -> pd.DataFrame:
    """Split every document into tokens, with offsets, norms and stems.

    Every non-whitespace character belongs to exactly one token, and
    ``docs.text[start:end] == token`` always. Words keep internal hyphens,
    apostrophes and dots (``military-civilian``, ``win-win``, ``don't``,
    ``China's``: the possessive stays attached and the stem drops it),
    numbers keep their separators (``1,000``, ``3.5``, ``2018-07-20``),
    dotted abbreviations keep their dots (``U.S.``, ``e.g.``), and e-mail
    addresses and URLs stay whole. Any other punctuation character is a
    token of its own, except runs of dots or hyphens (``...``, ``--``).
    ``Mr.`` is ``Mr`` plus ``.``.

    Parameters
    ----------
    docs : DataFrame or str
        A docs table with ``doc_id`` and ``text`` columns, or one text (see
        :func:`sentence_table`).
    sentences : DataFrame, optional
        A :func:`sentence_table` of the same docs (for instance with
        ``punkt="train"``). By default it is computed with the built-in
        Punkt parameters. Tokens starting outside every given sentence get
        ``sent_id`` -1.
    stopwords : bool, None or iterable of str, default True
        True for the shipped English list (:func:`load_stopwords`), False or
        None for none, or your own words (normalised like ``norm``).
    stem : bool, default True
        Whether to compute Snowball stems. With False the ``stem`` column
        holds ``norm`` (identity stemming) and no stemming work is done.

    Returns
    -------
    DataFrame
        One row per token, in document and text order:

        - ``doc_id`` (category): the document, categories in ``docs`` order;
        - ``sent_id`` (int32): the sentence the token is in (``sent_id`` of
          :func:`sentence_table`);
        - ``token_id`` (int32): 0-based position of the token in its document;
        - ``start``, ``end`` (int32): character offsets into the document's
          text, end exclusive;
        - ``token`` (category of str): the text, ``text[start:end]``;
        - ``norm`` (category of str): lower case, with curly apostrophes and
          quotes made straight (``’`` to ``'``, ``“`` to ``"``), hyphen and
          en-dash variants to ``-``, em dashes to ``--``, ``…`` to ``...``;
        - ``is_stop`` (bool): ``norm`` is in the stopword set;
        - ``is_punct`` (bool): the token has no letter or digit;
        - ``stem`` (category of str): NLTK's Snowball English stem of
          ``norm`` (``norm`` itself for punctuation, or when ``stem=False``).

        Categorical columns compare equal to plain strings
        (``table.norm == "china"``).

    Raises
    ------
    ParameterError
        If ``docs`` or ``sentences`` lacks a column, or ``stopwords`` or
        ``stem`` has a value other than those above.

    Examples
    --------
    >>> t = token_table("Mr. Ford said the U.S. don't need 1,000 win-win deals.")
    >>> t.token.tolist()[:7]
    ['Mr', '.', 'Ford', 'said', 'the', 'U.S.', "don't"]
    >>> t[t.token == "deals"][["start", "end", "norm", "stem", "is_stop"]].to_dict("records")
    [{'start': 48, 'end': 53, 'norm': 'deals', 'stem': 'deal', 'is_stop': False}]
    """
    ids, texts = _columns.as_docs(docs)
    stopset = _resolve_stopwords(stopwords)
    if not isinstance(stem, (bool, np.bool_)):
        raise ParameterError(f"token_table: stem must be True or False, not {stem!r}")
    chunks = _chunk_corpus(ids, texts)
    toks = tokenize_chunks(chunks)
    per_chunk = toks.per_chunk

    def spread(values: np.ndarray) -> np.ndarray:  # chunk-level values -> token level
        return values if per_chunk is None else np.repeat(values, per_chunk)

    chunk_first = np.cumsum(chunks.doc_chunks) - chunks.doc_chunks
    token_first = chunk_first if per_chunk is None else np.append(0, np.cumsum(per_chunk))[chunk_first]
    per_doc = np.diff(token_first, append=len(toks.code)).astype(chunks.dtype)
    doc = _columns.group_codes(per_doc)
    start = toks.start
    start -= np.repeat(chunks.doc_start, per_doc)
    end = toks.vocab_len[toks.code]
    end += start
    if sentences is None:
        first, _ = _sentence_chunks(chunks, _punkt.builtin_parameters())
        sent_id = spread(_sentence_of_chunks(chunks, first, chunk_first)).astype(np.int32, copy=False)
    else:
        sent_id = _columns.sentence_ids(sentences, ids, doc, start)
    norm_codes, norms = _columns.factorize([normalize(word) for word in toks.vocab])
    is_punct = np.fromiter((_ALNUM.search(word) is None for word in toks.vocab), bool, len(toks.vocab))
    norm_punct = np.zeros(len(norms), dtype=bool)
    norm_punct[norm_codes] = is_punct  # a norm has a letter or digit iff its tokens have
    if stem:
        stem_codes, stems = _columns.factorize(_columns.stems(norms, norm_punct))
    else:
        stem_codes, stems = np.arange(len(norms), dtype=np.int32), norms
    is_stop = np.fromiter((word in stopset for word in norms), bool, len(norms))
    norm = norm_codes[toks.code]
    columns = {
        "doc_id": _columns.categorical(doc, ids),
        "sent_id": sent_id,
        "token_id": _columns.position_in_group(per_doc, np.int32),
        "start": start,
        "end": end,
        "token": _columns.categorical(toks.code, toks.vocab, "str"),
        "norm": _columns.categorical(norm, norms, "str"),
        "is_stop": is_stop[norm],
        "is_punct": is_punct[toks.code],
        "stem": _columns.categorical(stem_codes[norm], stems, "str"),
    }
    return pd.DataFrame(columns, copy=False)


# -- helpers -----------------------------------------------------------------


def _resolve_punkt(punkt: object, texts: list[str]) -> PunktParameters:
    if isinstance(punkt, PunktParameters):
        return punkt
    if isinstance(punkt, str) and punkt == "builtin":
        return _punkt.builtin_parameters()
    if isinstance(punkt, str) and punkt == "train":
        return _punkt.train_parameters(texts)
    raise ParameterError(
        f"punkt must be one of {list(_PUNKT_CHOICES)} or an nltk PunktParameters object, not {punkt!r}"
    )


def _resolve_stopwords(stopwords: object) -> frozenset[str]:
    allowed = "True (the shipped list), False or None (none), or an iterable of words"
    if isinstance(stopwords, (bool, np.bool_)) or stopwords is None:
        return load_stopwords("en") if stopwords else frozenset()
    if isinstance(stopwords, (str, bytes)):
        raise ParameterError(
            f"stopwords must be {allowed}, not the string {stopwords!r}; "
            f"to read a list by name or path pass stopwords=load_stopwords({stopwords!r})"
        )
    if isinstance(stopwords, Iterable):
        words = list(stopwords)
        bad = [word for word in words if not isinstance(word, str)]
        if not bad:
            return frozenset(normalize(word) for word in words)
        raise ParameterError(f"stopwords must be {allowed}; it holds non-strings such as {bad[0]!r}")
    raise ParameterError(f"stopwords must be {allowed}, not {stopwords!r}")


def _chunk_corpus(ids: list, texts: list[str]) -> Chunks:
    try:
        return chunk_corpus(texts)
    except UnicodeEncodeError:  # pyarrow refused the joined text: say which document
        _columns.check_unicode(ids, texts)
        raise


def _sentence_of_chunks(chunks: Chunks, first: np.ndarray, chunk_first: np.ndarray) -> np.ndarray:
    """For every chunk, the 0-based index of its sentence within its document."""
    sent = np.zeros(len(chunks.code), dtype=chunks.dtype)
    sent[first] = 1
    sent = np.cumsum(sent, dtype=chunks.dtype)  # 1 + index of the sentence in the corpus
    filled = chunks.doc_chunks > 0
    sent -= np.repeat(sent[chunk_first[filled]], chunks.doc_chunks[filled])
    return sent


def _sentence_chunks(chunks: Chunks, params: PunktParameters) -> tuple[np.ndarray, np.ndarray]:
    """First and last chunk of every sentence."""
    last = np.flatnonzero(_punkt.breaks_after(chunks.code, chunks.types, chunks.para_end, params))
    first = np.zeros_like(last)
    first[1:] = last[:-1] + 1
    return first, last
