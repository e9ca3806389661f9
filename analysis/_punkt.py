"""Punkt sentence-boundary decisions, applied per chunk type and vectorised.

NLTK's :class:`~nltk.tokenize.punkt.PunktSentenceTokenizer` examines every
``[.?!]`` followed by whitespace or punctuation, building Python objects for
the word before and after it. Here the corpus is already cut into
whitespace-delimited *chunks* (see :mod:`analysis._tokenize`), and a
candidate boundary is the whitespace after a chunk that ends in ``[.?!]``
plus optional closing quotes or brackets. (Chinese and Japanese full stops,
fullwidth ``！？．`` and their closing brackets end a chunk and always break:
Punkt has nothing to say about them.) Punkt's decision depends only on
the token before the boundary (its type, whether it is a known abbreviation,
an ellipsis, an initial or a number) and on the first token after it (its
orthographic context, case, and whether it is a frequent sentence starter).
Both are properties of a chunk's *type*, so they are computed once per
distinct chunk and the decisions for all candidates are combined with numpy.

The decision logic mirrors NLTK's ``_first_pass_annotation``,
``_second_pass_annotation`` and ``_ortho_heuristic`` (Kiss & Strunk 2006,
sections 4.1-4.3), reading the same :class:`PunktParameters`, with one
deliberate difference: when a closing quote or bracket follows an
abbreviation or an ellipsis, the chunk after the whitespace decides (NLTK
asks about the quote character, whose orthography is never known, and so
never splits there). ``tests/test_text.py`` measures the agreement with
NLTK over the shared corpora.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from analysis._punkt_vars import PunktParameters, PunktToken, word_tokenize
from analysis._tokenize import CJK_CLOSERS, CJK_STOPS

__all__ = ["ABBREVIATIONS", "SENT_STARTERS", "builtin_parameters", "train_parameters", "breaks_after"]

# Punkt stores abbreviations lower-cased and without their final period:
# "U.S." is "u.s", "e.g." is "e.g".
ABBREVIATIONS = frozenset(
    """
    mr mrs ms messrs mme mlle dr prof rev hon st jr sr esq
    gen lt col maj capt cmdr adm sgt cpl pvt amb pres supt gov sen rep rt fr
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues thu thur thurs fri
    u.s u.s.a u.n u.k e.u u.s.s.r p.r.c d.c n.y
    a.m p.m ph.d m.a b.a m.d
    etc e.g i.e vs viz cf al approx ca
    inc ltd co corp llc plc bros dept govt assn univ intl
    no nos vol vols pp fig figs ch sec para ed eds est op
    ave blvd mt ft
    """.split()
)
"""Built-in abbreviations (our own list; see ``analysis/data/README.md``)."""

# Capitalised function words that, after an abbreviation or an ellipsis,
# start a new sentence ("... in the U.S. The talks ..."). Punkt's frequent
# sentence-starter heuristic (section 4.1.3) reads them.
SENT_STARTERS = frozenset(
    """
    the this that these those there it its he she we they you our their his her
    but and or so yet however meanwhile moreover furthermore nevertheless therefore
    thus then today now if when while as since because although though after before
    what why how who where all some many most both each every such also in on at
    """.split()
)
"""Built-in frequent sentence starters (lower-cased Punkt types)."""

_CLOSERS = "\"')]}\u2018\u2019\u201c\u201d\xab\xbb"  # NLTK's boundary-realignment set
#: Chinese and Japanese sentence ends (ideographic and fullwidth full stop,
#: fullwidth ! and ?), with their closing quotes and brackets: always a break.
_CJK_ENDS = CJK_STOPS + "\uff0e"
_ALL_CLOSERS = _CLOSERS + CJK_CLOSERS
_LAST_CHARS = frozenset(".?!" + _CJK_ENDS + _ALL_CLOSERS)
_PUNCTUATION = frozenset(";:,.!?")  # NLTK's PunktSentenceTokenizer.PUNCTUATION

# orthographic context flags, as in nltk.tokenize.punkt
_BEG_UC, _MID_UC, _UNK_UC, _BEG_LC, _MID_LC, _UNK_LC = (1 << k for k in range(1, 7))
_UC = _BEG_UC | _MID_UC | _UNK_UC
_LC = _BEG_LC | _MID_LC | _UNK_LC

# kinds of chunk type, as the token before a candidate boundary
_NOT_CANDIDATE, _BREAK, _NO_BREAK, _ABBREV, _INITIAL, _NUMBER = range(6)
# results of the orthographic heuristic
_ORTHO_FALSE, _ORTHO_TRUE, _ORTHO_UNKNOWN = range(3)


def builtin_parameters() -> PunktParameters:
    """Return a fresh PunktParameters holding the built-in lists."""
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    params.sent_starters = set(SENT_STARTERS)
    return params


def train_parameters(texts: Iterable[str]) -> PunktParameters:
    """Train Punkt on ``texts`` and merge in the built-in lists.

    Returns NLTK's ``PunktParameters``: training is rare, so NLTK's
    ``PunktTrainer`` is imported here rather than at module level.
    """
    from nltk.tokenize.punkt import PunktTrainer

    trainer = PunktTrainer()
    for text in texts:
        if text and text.strip():
            trainer.train(text, finalize=False)
    params = trainer.get_params()
    params.abbrev_types |= ABBREVIATIONS
    params.sent_starters |= SENT_STARTERS
    return params


def _first_pass(tok: str, params: PunktParameters) -> tuple[PunktToken, bool, bool]:
    """Punkt's type-based annotation: ``(token, sentbreak, abbr)``."""
    token = PunktToken(tok)
    if tok in (".", "?", "!"):
        return token, True, False
    if token.is_ellipsis or not token.period_final or tok.endswith(".."):
        return token, False, False
    stem = tok[:-1].lower()
    abbr = stem in params.abbrev_types or stem.split("-")[-1] in params.abbrev_types
    return token, not abbr, abbr


def _next_features(tok: str, params: PunktParameters) -> tuple[int, bool, bool, bool, str]:
    """What Punkt asks of the token after a boundary.

    Returns ``(ortho, first_upper, is_sent_starter, seen_lower, type)`` where
    ``ortho`` is the orthographic heuristic's answer.
    """
    token, sentbreak, _ = _first_pass(tok, params)
    typ = token.type_no_period if sentbreak else token.type
    context = params.ortho_context.get(typ, 0)
    upper, lower = token.first_upper, token.first_lower
    if tok in _PUNCTUATION:
        ortho = _ORTHO_FALSE
    elif upper and context & _LC and not context & _MID_UC:
        ortho = _ORTHO_TRUE
    elif lower and (context & _UC or not context & _BEG_LC):
        ortho = _ORTHO_FALSE
    else:
        ortho = _ORTHO_UNKNOWN
    starter = upper and typ in params.sent_starters
    return ortho, upper, starter, bool(context & _LC), typ


def _decide(kind: int, initial: bool, nxt: tuple[int, bool, bool, bool, str]) -> bool:
    """Punkt's token-based second pass for one boundary (sections 4.2, 4.3)."""
    ortho, upper, starter, seen_lower, _ = nxt
    if kind == _ABBREV:
        return ortho == _ORTHO_TRUE or starter
    if kind in (_INITIAL, _NUMBER):
        special = initial and ortho == _ORTHO_UNKNOWN and upper and not seen_lower
        return not (ortho == _ORTHO_FALSE or special)
    return kind == _BREAK


def _classify(chunk: str, params: PunktParameters) -> tuple[int, bool, str | None]:
    """Classify a chunk as the token before a candidate boundary.

    Returns ``(kind, is_initial, colloc_type)``; ``colloc_type`` is the
    period-stripped Punkt type used for collocation look-ups (None when the
    boundary character is ``?`` or ``!``).
    """
    rest = chunk.rstrip(_ALL_CLOSERS)
    if not rest or (rest[-1] not in ".?!" and rest[-1] not in _CJK_ENDS):
        return _NOT_CANDIDATE, False, None
    if rest[-1] != ".":
        return _BREAK, False, None
    token, sentbreak, abbr = _first_pass(word_tokenize(rest)[-1], params)
    typ = token.type_no_period
    initial = bool(token.is_initial)
    if abbr or token.is_ellipsis:
        kind = _NO_BREAK if initial else _ABBREV
    elif sentbreak and initial:
        kind = _INITIAL
    elif sentbreak and typ == "##number##":
        kind = _NUMBER
    else:
        kind = _BREAK if sentbreak else _NO_BREAK
    if len(rest) < len(chunk) and kind != _ABBREV:  # NLTK: the closing quote/bracket is the next token
        nxt = _next_features(word_tokenize(chunk[len(rest) :])[0], params)
        if (typ, nxt[4]) in params.collocations:
            return _NO_BREAK, initial, None
        kind = _BREAK if _decide(kind, initial, nxt) else _NO_BREAK
        return kind, initial, None
    return kind, initial, typ


#: Per-type answers for the built-in parameters, kept across calls: chunk ->
#: ``_classify`` result and chunk -> ``_next_features`` of its first token.
BUILTIN_CACHE: dict[str, dict] = {"classify": {}, "after": {}}
_CACHE_MAX = 300_000


def breaks_after(
    codes: np.ndarray,
    types: list[str],
    para_end: np.ndarray,
    params: PunktParameters,
    cache: dict[str, dict] | None = None,
) -> np.ndarray:
    """Decide, for every chunk, whether a sentence ends after it.

    Parameters
    ----------
    codes : ndarray of int
        Chunk type code of every chunk, in text order.
    types : list of str
        The distinct chunk strings, indexed by code.
    para_end : ndarray of bool
        True where a chunk is the last of its paragraph (or document).
    params : PunktParameters
        The Punkt model.
    cache : dict, optional
        Per-type answers kept across calls (:data:`BUILTIN_CACHE`); only valid
        for one unchanging ``params``.

    Returns
    -------
    ndarray of bool
        True where a sentence ends after the chunk.
    """
    if cache is None:
        cache = {"classify": {}, "after": {}}
    elif len(cache["classify"]) + len(cache["after"]) > _CACHE_MAX:
        cache["classify"].clear()
        cache["after"].clear()
    classified, features = cache["classify"], cache["after"]
    kinds = np.zeros(len(types), dtype=np.int8)
    initials = np.zeros(len(types), dtype=bool)
    colloc_types: dict[int, str] = {}
    colloc_firsts = {first for first, _ in params.collocations}
    ends = np.fromiter((chunk[-1] in _LAST_CHARS for chunk in types), bool, len(types))
    for code in np.flatnonzero(ends).tolist():
        chunk = types[code]
        found = classified.get(chunk)
        if found is None:
            found = classified[chunk] = _classify(chunk, params)
        kind, initial, typ = found
        kinds[code], initials[code] = kind, initial
        if typ is not None and typ in colloc_firsts:
            colloc_types[code] = typ

    def after(code: int) -> tuple[int, bool, bool, bool, str]:  # features of a chunk's first token
        chunk = types[code]
        found = features.get(chunk)
        if found is None:
            found = features[chunk] = _next_features(word_tokenize(chunk)[0], params)
        return found

    kind = kinds[codes]
    result = para_end | (kind == _BREAK)
    pending = np.flatnonzero(~para_end & ((kind == _ABBREV) | (kind == _INITIAL) | (kind == _NUMBER)))
    if pending.size:
        # decide once per distinct (chunk before, chunk after) pair
        keys = codes[pending].astype(np.int64) * len(types) + codes[pending + 1]
        unique_keys, inverse = np.unique(keys, return_inverse=True)
        decisions = np.empty(len(unique_keys), dtype=bool)
        for row, key in enumerate(unique_keys.tolist()):
            prev_code, next_code = divmod(key, len(types))
            decisions[row] = _decide(int(kinds[prev_code]), bool(initials[prev_code]), after(next_code))
        result[pending] = decisions[inverse]
    if colloc_types:  # a known collocation across the boundary overrides everything
        for i in np.flatnonzero(np.isin(codes, list(colloc_types)) & ~para_end).tolist():
            if (colloc_types[int(codes[i])], after(int(codes[i + 1]))[4]) in params.collocations:
                result[i] = False
    return result
