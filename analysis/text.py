"""Sentences and tokens, with character offsets into each document's text.

``sentence_table`` and ``token_table`` turn a docs table (``doc_id``,
``text``; what :func:`analysis.read_corpus` returns) into tidy tables whose
``start``/``end`` columns slice the document text exactly
(``sentences_and_tokens`` makes both in one pass). Sentences follow
NLTK's Punkt algorithm with parameters built in code (no downloaded NLTK
data); the work is vectorised over distinct whitespace-delimited chunks, see
:mod:`analysis._tokenize` and :mod:`analysis._punkt`.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from analysis import _columns, _punkt
from analysis._punkt_vars import PunktParameters, is_punkt_parameters
from analysis._tokenize import Chunks, chunk_corpus, normalize
from analysis.errors import ParameterError

__all__ = [
    "sentence_table",
    "token_table",
    "sentences_and_tokens",
    "load_stopwords",
    "punkt_parameters",
    "train_punkt_parameters",
]

PunktChoice = Literal["builtin", "train"]
_PUNKT_CHOICES = ("builtin", "train")
_STOPWORD_NAMES = {"en": "stopwords_en.txt"}


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
    PunktParameters
        A new object (safe to modify; ``analysis._punkt_vars.PunktParameters``,
        which has the attributes of NLTK's and which NLTK's
        ``PunktSentenceTokenizer`` accepts) whose ``abbrev_types`` hold about a
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

    A sentence never crosses a blank line (a line holding only whitespace)
    or a paragraph separator (U+2029), so a transcript's title line and each
    ``Q:``/``A:`` paragraph stand alone. Within a paragraph, Punkt decides at
    every ``.``, ``?`` or ``!`` (with any closing quotes or brackets) that is
    followed by whitespace; a fullwidth ``．``, ``！`` or ``？`` followed by
    whitespace, and a Chinese or Japanese full stop ``。`` (or ``！``, ``？``)
    with its closing quotes and brackets, wherever it stands, always end a
    sentence (``中方反对。美方…`` is two).
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
        the corpus); or pass your own parameters (ours or NLTK's
        ``PunktParameters``: any object with ``abbrev_types``,
        ``collocations``, ``sent_starters`` and ``ortho_context``).

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
    params, cache = _resolve_punkt(punkt, texts)
    chunks = _chunk_corpus(ids, texts)
    return _columns.sentence_frame(ids, chunks, *_sentence_chunks(chunks, params, cache))


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
    en dashes, apostrophes and dots (``military-civilian``, ``win-win``,
    ``win–win``, ``don't``, ``China's``, ``U.S.'s``: the possessive stays
    attached and the stem drops it),
    numbers keep their separators (``1,000``, ``3.5``, ``2018-07-20``),
    dotted abbreviations keep their dots (``U.S.``, ``e.g.``), and e-mail
    addresses and URLs stay whole. Any other punctuation character is a
    token of its own, except runs of dots or hyphens (``...``, ``--``).
    ``Mr.`` is ``Mr`` plus ``.``. A combining mark stays with the character
    before it (``e`` + U+0301, Indic vowel signs, Arabic vowel points), and
    zero-width joiners inside a word keep it whole; an emoji sequence (skin
    tone, ZWJ family, flag, keycap) is one token. Chinese and Japanese are
    written without spaces and no dictionary is at hand: each Han or Hiragana
    character is a token (Unicode's default word boundaries, UAX #29);
    Katakana and Hangul runs are words. Hyphenated line breaks
    (``docu-\nment``) are left as they are: ``docu``, ``-``, ``ment``.

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
          words with non-ASCII letters are composed (NFC: ``e`` + U+0301 is
          ``é``) and their fullwidth, ligature and math-font letters made
          plain (``Ｃｈｉｎａ`` and ``ﬁ`` to ``china`` and ``fi``);
        - ``is_stop`` (bool): ``norm`` is in the stopword set, or (unless
          ``stopwords`` is off) the token is a transcript's turn label: the
          ``Q`` or ``A`` that opens a line with ``Q:`` / ``A:`` (press
          questions and answers), the layout of the transcript, not a word;
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
    _check_stem(stem)
    chunks = _chunk_corpus(ids, texts)
    first = None
    if sentences is None:
        first, _ = _sentence_chunks(chunks, *_resolve_punkt("builtin", texts))
    return _columns.token_frame(ids, chunks, stopset, stem, first=first, sentences=sentences)


def sentences_and_tokens(
    docs: pd.DataFrame | str, *, stopwords: bool | Iterable[str] | None = True, stem: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both tables at once: ``(sentence_table(docs), token_table(docs, ...))``.

    The same two tables as the two calls, for the price of one pass over the
    text: the documents are cut into chunks and Punkt decides once for both
    (built-in Punkt parameters). For pipelines that need both, such as
    :func:`analysis.engine.run_stages`.

    Parameters
    ----------
    docs : DataFrame or str
        As in :func:`sentence_table`.
    stopwords, stem
        As in :func:`token_table`.

    Returns
    -------
    (DataFrame, DataFrame)
        The :func:`sentence_table` and the :func:`token_table` of ``docs``,
        with the columns documented there.

    Raises
    ------
    ParameterError
        As :func:`sentence_table` and :func:`token_table`.

    Examples
    --------
    >>> sentences, tokens = sentences_and_tokens("Mr. Ford spoke. Ms Hua replied.")
    >>> len(sentences), tokens.sent_id.tolist()
    (2, [0, 0, 0, 0, 0, 1, 1, 1, 1])
    """
    ids, texts = _columns.as_docs(docs)
    stopset = _resolve_stopwords(stopwords)
    _check_stem(stem)
    chunks = _chunk_corpus(ids, texts)
    first, last = _sentence_chunks(chunks, *_resolve_punkt("builtin", texts))
    return (
        _columns.sentence_frame(ids, chunks, first, last),
        _columns.token_frame(ids, chunks, stopset, stem, first=first, sentences=None),
    )


# -- helpers -----------------------------------------------------------------


def _resolve_punkt(punkt: object, texts: list[str]) -> tuple[PunktParameters, dict | None]:
    """The Punkt parameters, and the cache of per-type answers when they are the built-in ones."""
    if not isinstance(punkt, str) and is_punkt_parameters(punkt):  # ours or NLTK's
        return punkt, None
    if isinstance(punkt, str) and punkt == "builtin":
        return _punkt.builtin_parameters(), _punkt.BUILTIN_CACHE
    if isinstance(punkt, str) and punkt == "train":
        return _punkt.train_parameters(texts), None
    raise ParameterError(
        f"punkt must be one of {list(_PUNKT_CHOICES)} or a PunktParameters object (ours or nltk's), not {punkt!r}"
    )


def _check_stem(stem: object) -> None:
    if not isinstance(stem, (bool, np.bool_)):
        raise ParameterError(f"token_table: stem must be True or False, not {stem!r}")


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


def _sentence_chunks(
    chunks: Chunks, params: PunktParameters, cache: dict | None
) -> tuple[np.ndarray, np.ndarray]:
    """First and last chunk of every sentence."""
    last = np.flatnonzero(_punkt.breaks_after(chunks.code, chunks.types, chunks.para_end, params, cache))
    first = np.zeros_like(last)
    first[1:] = last[:-1] + 1
    return first, last
