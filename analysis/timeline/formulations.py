"""Formulations over time: when a set phrase is first used, where it peaks, when it bursts.

Official language travels in fixed phrases ("win-win", "Cold War mentality",
"community with a shared future"). :func:`phrase_table` finds them in a token
table with spelling variants folded, :func:`first_use_table` summarises each
phrase's life in a dated corpus, and :func:`burst_table` flags the periods in
which a phrase stands well above its own baseline.

Folding (:func:`fold_phrase`), applied alike to the phrases and to the text:
Unicode NFKC and case folding; curly apostrophes straightened; hyphens and
dashes (``-`` ``‐`` ``‑`` ``‒`` ``–`` ``—`` ``―`` ``−``), underscores and runs
of white space all become one space, soft hyphens vanish, so ``win-win``,
``win win``, ``Win–Win`` and ``win - win`` are one phrase; British ``-ise``,
``-isation``, ``-yse`` spellings fold to ``-ize``, ``-ization``, ``-yze`` in
words of six letters or more (``organisation`` = ``organization``). Other
punctuation breaks a phrase, as do sentence and document boundaries.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import chain

import numpy as np
import pandas as pd

from analysis.errors import CorpusError, ParameterError
from analysis.timeline.trends import _check_table, trend_table

__all__ = ["burst_table", "first_use_table", "fold_phrase", "phrase_table"]

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d_"
_JOINER = re.compile(f"[{_DASHES}]+")
_WORDS = re.compile(r"\w+(?:'\w+)*")
_BRITISH = re.compile(r"^(\w{3,}?)(is|ys)(e|es|ed|ing|ation|ations)$")
_TOKEN_COLUMNS = ("doc_id", "sent_id", "norm", "is_punct")
_BREAK = -1


def _fold_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", str(text)).casefold().replace("\u00ad", "")
    text = re.sub("[\u2018\u2019\u02bc`\u00b4]", "'", text)
    words = _WORDS.findall(_JOINER.sub(" ", text))
    return [_BRITISH.sub(lambda m: m[1] + m[2][0] + "z" + m[3], w) if len(w) >= 6 else w for w in words]


def fold_phrase(text: str) -> str:
    """The folded form of a phrase: the key under which its variants are counted together.

    Parameters
    ----------
    text : str
        A phrase as written.

    Returns
    -------
    str
        Its words, folded as the module docstring states, joined by single spaces.

    Examples
    --------
    >>> fold_phrase("Win–Win"), fold_phrase("win - win"), fold_phrase("Globalisation")
    ('win win', 'win win', 'globalization')
    """
    return " ".join(_fold_words(text))


def phrase_table(tokens: pd.DataFrame, terms: list[str]) -> pd.DataFrame:
    """Find phrases in a token table, spelling variants folded (see :func:`fold_phrase`).

    Matches do not overlap (a match resumes after the previous one) and may
    start or end inside a hyphenated token: ``win`` is found twice in ``win-win``.

    Parameters
    ----------
    tokens : DataFrame
        A token table of :func:`analysis.token_table` (``doc_id``, ``sent_id``,
        ``norm``, ``is_punct``; ``start``/``end`` for offsets), rows in document order.
    terms : list of str
        The phrases to find, as the user writes them.

    Returns
    -------
    DataFrame
        One row per occurrence, sorted by ``doc_id`` order, ``start``, ``term``:
        ``doc_id`` (str), ``term`` (str, the phrase as given in ``terms``),
        ``folded`` (str), ``start``, ``end`` (int64, character offsets of the
        first and last token matched; -1 when ``tokens`` has no offsets).

    Raises
    ------
    ParameterError
        ``terms`` is not a non-empty list of phrases with at least one word.
    CorpusError
        ``tokens`` lacks a required column.

    Examples
    --------
    >>> import pandas as pd
    >>> import analysis
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["Win–win talks. A win win deal."]})
    >>> phrase_table(analysis.token_table(docs), ["win-win"])[["term", "start", "end"]]
          term  start  end
    0  win-win      0    7
    1  win-win     17   24
    """
    terms = _check_terms(terms, required=True)
    for column in _TOKEN_COLUMNS:
        if column not in getattr(tokens, "columns", ()):
            raise CorpusError(f"tokens needs a {column!r} column (the table of analysis.token_table)")
    units, unit_token, vocab = _units(tokens)
    doc_codes, doc_names = pd.factorize(tokens["doc_id"])  # codes in order of first appearance
    has_offsets = "start" in tokens.columns and "end" in tokens.columns
    starts = tokens["start"].to_numpy(np.int64) if has_offsets else None
    ends = tokens["end"].to_numpy(np.int64) if has_offsets else None
    rows = []
    for term in terms:
        words = _fold_words(term)
        codes = [vocab.get(w) for w in words]
        if None in codes:
            continue
        k = len(codes)
        n = len(units) - k + 1
        if n <= 0:
            continue
        mask = np.ones(n, bool)
        for j, code in enumerate(codes):
            mask &= units[j : j + n] == code
        next_free = 0
        for i in np.flatnonzero(mask):
            if i < next_free:
                continue
            next_free = i + k
            first, last = unit_token[i], unit_token[i + k - 1]
            rows.append((doc_codes[first], term, " ".join(words),
                         starts[first] if has_offsets else -1, ends[last] if has_offsets else -1))  # fmt: skip
    table = pd.DataFrame(rows, columns=["doc_id", "term", "folded", "start", "end"])
    table = table.sort_values(["doc_id", "start", "term"], kind="stable").reset_index(drop=True)
    table["doc_id"] = np.asarray(doc_names, dtype=object)[table["doc_id"].to_numpy(np.int64)]
    return table.astype({"doc_id": str, "term": str, "folded": str, "start": "int64", "end": "int64"})


def _units(tokens: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, dict[str, int]]:
    """Folded word codes of the token stream, ``-1`` at breaks; the token row of each unit.

    Each distinct norm is folded once; the stream is then assembled with numpy:
    a token contributes a break if it starts a sentence, then the units of its
    norm (its folded words, or for punctuation nothing if it is a dash, else a break).
    """
    norms = tokens["norm"]
    if isinstance(norms.dtype, pd.CategoricalDtype):
        categories, codes = list(norms.cat.categories), norms.cat.codes.to_numpy(np.int64)
    else:
        codes, uniques = pd.factorize(norms.astype(str))
        categories, codes = list(uniques), codes.astype(np.int64)
    vocab: dict[str, int] = {}
    n_cat = len(categories)
    # entries 0..n-1: the norm as a word; n..2n-1: as punctuation; 2n: a missing norm
    entries = [[vocab.setdefault(w, len(vocab)) for w in _fold_words(c)] for c in categories]
    entries += [[] if _JOINER.fullmatch(str(c).strip() or "x") else [_BREAK] for c in categories]
    entries.append([_BREAK])
    entry_len = np.fromiter(map(len, entries), np.int64, len(entries))
    entry_start = np.concatenate([[0], np.cumsum(entry_len)[:-1]])
    flat = np.fromiter(chain.from_iterable(entries), np.int64, int(entry_len.sum()))

    is_punct = tokens["is_punct"].to_numpy(bool)
    entry = np.where(codes < 0, 2 * n_cat, codes + n_cat * is_punct)
    doc = pd.factorize(tokens["doc_id"])[0]
    sent = tokens["sent_id"].to_numpy(np.int64)
    boundary = np.ones(len(tokens), np.int64)
    boundary[1:] = (doc[1:] != doc[:-1]) | (sent[1:] != sent[:-1])

    own = entry_len[entry]  # units of the norm, without the break
    total = own + boundary
    offset = np.cumsum(total) - total  # first unit of each token
    units = np.empty(int(total.sum()), np.int64)
    units[offset[boundary == 1]] = _BREAK
    within = np.arange(int(own.sum())) - np.repeat(np.cumsum(own) - own, own)
    units[np.repeat(offset + boundary, own) + within] = flat[np.repeat(entry_start[entry], own) + within]
    unit_token = np.repeat(np.arange(len(tokens)), total)
    return units, unit_token, vocab


def _check_terms(terms: object, *, required: bool) -> list[str] | None:
    if terms is None and not required:
        return None
    if isinstance(terms, str):
        terms = [terms]
    if not isinstance(terms, (list, tuple)) or not terms or not all(isinstance(t, str) for t in terms):
        raise ParameterError(f"terms must be a non-empty list of phrases such as ['win-win'], got {terms!r}")
    empty = [t for t in terms if not _fold_words(t)]
    if empty:
        raise ParameterError(f"terms {empty!r} hold no word to look for")
    return list(dict.fromkeys(terms))


def burst_table(trends: pd.DataFrame, *, sd: float = 2.0, min_count: int = 3) -> pd.DataFrame:
    """Flag the periods in which a term stands well above its own baseline.

    Rule: a period bursts when its ``rate`` exceeds the mean of the term's
    per-period rates plus ``sd`` sample standard deviations (ddof=1), over the
    periods that have a rate (low-coverage periods are left out of the
    baseline and never burst), and the period holds at least ``min_count``
    occurrences. With few periods the rule is strict: over k periods no rate
    can stand more than (k-1)/sqrt(k) deviations above the mean.

    Parameters
    ----------
    trends : DataFrame
        A table of :func:`analysis.timeline.trends.trend_table`.
    sd : float, default 2.0
        How many standard deviations above the mean.
    min_count : int, default 3
        Fewest occurrences for a burst.

    Returns
    -------
    DataFrame
        ``trends`` with three more columns: ``baseline`` (float64, the term's
        mean rate), ``baseline_sd`` (float64) and ``burst`` (bool). ``attrs``
        gains ``burst_rule``.

    Raises
    ------
    ParameterError
        ``trends`` is not a trend table, or ``sd``/``min_count`` is out of range.

    Examples
    --------
    >>> import pandas as pd
    >>> trends = pd.DataFrame({"term": "x", "n": [1] * 9 + [9], "rate": [1.0] * 9 + [9.0]})
    >>> burst_table(trends)["burst"].tolist()[-3:]
    [False, False, True]
    """
    if not isinstance(trends, pd.DataFrame) or not {"n", "rate"} <= set(trends.columns):
        raise ParameterError("trends must be a table of trend_table (columns n and rate)")
    if isinstance(sd, bool) or not isinstance(sd, (int, float)) or sd < 0:
        raise ParameterError(f"sd must be a number >= 0, got {sd!r}")
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ParameterError(f"min_count must be a positive integer, got {min_count!r}")
    column = trends.attrs.get("column") or next((c for c in ("term", "category") if c in trends.columns), None)
    keys = [c for c in ("group", column) if c is not None and c in trends.columns]
    out = trends.copy()
    grouped = out.groupby(keys, sort=False)["rate"] if keys else out["rate"]
    out["baseline"] = grouped.transform("mean") if keys else out["rate"].mean()
    out["baseline_sd"] = grouped.transform(lambda s: s.std(ddof=1)) if keys else out["rate"].std(ddof=1)
    out["burst"] = (out["rate"] > out["baseline"] + sd * out["baseline_sd"].fillna(np.inf)) & (out["n"] >= min_count)
    out.attrs["burst_rule"] = f"rate > mean + {sd:g} sd (ddof=1) of the term's per-period rates, and n >= {min_count}"
    return out


def first_use_table(
    tokens_or_markers: pd.DataFrame,
    docs: pd.DataFrame,
    terms: list[str] | None = None,
    *,
    freq: str = "M",
    column: str | None = None,
    tokens: pd.DataFrame | None = None,
    min_tokens: int = 1000,
    sd: float = 2.0,
    min_count: int = 3,
) -> pd.DataFrame:
    """When each phrase was first and last used, how widely, when it peaked and burst.

    Parameters
    ----------
    tokens_or_markers : DataFrame
        Either a token table of :func:`analysis.token_table` (the phrases in
        ``terms`` are found with :func:`phrase_table`), or any table with a
        ``doc_id`` and a term column (a marker table: each row one occurrence,
        or a count column ``n``), whose values are folded and matched to ``terms``.
    docs : DataFrame
        Documents of :func:`analysis.read_corpus` (``doc_id``, ``date``; ``text``
        when token counts must be computed).
    terms : list of str, optional
        Phrases or marker cues to follow. Required for a token table; for a
        marker table, by default every distinct folded value (named by its most
        frequent spelling).
    freq : str, default "M"
        Period for the peak and the bursts (``D``, ``W``, ``M``, ``Q``, ``Y``, or an alias).
    column : str, optional
        The term column of a marker table (default: detected as in :func:`trend_table`).
    tokens : DataFrame, optional
        The token table of ``docs``, for the per-period word counts; by default
        ``tokens_or_markers`` when it is one, else computed.
    min_tokens : int, default 1000
        Periods with fewer word tokens have no rate (see :func:`trend_table`).
    sd, min_count
        The burst rule of :func:`burst_table`.

    Returns
    -------
    DataFrame
        One row per term, in the order of ``terms``:

        - ``term`` (str), ``folded`` (str): the phrase and its folded key;
        - ``n`` (int64): occurrences in all documents, dated or not;
        - ``n_docs`` (int64): documents holding it;
        - ``first_date``, ``last_date`` (datetime64[ns]): earliest and latest
          dated document holding it (NaT if none); ``first_doc``, ``last_doc`` (str);
        - ``peak_period`` (str): the period with the highest rate (the earliest
          on ties; empty when no period has a rate), ``peak_n`` (int64),
          ``peak_rate`` (float64, per 10,000 word tokens);
        - ``n_bursts`` (int64), ``burst_periods`` (str, comma-separated periods).

        ``attrs`` holds ``freq``, ``burst_rule`` and ``folding``.

    Raises
    ------
    ParameterError
        Missing ``terms`` for a token table, a table without ``doc_id``, bad options.
    CorpusError
        ``docs`` lacks ``date``, or no document is dated.

    Examples
    --------
    >>> import pandas as pd
    >>> import analysis
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "date": pd.to_datetime(["2018-01-02", "2018-03-01"]),
    ...     "text": ["A win-win deal.", "Win win again, win–win."]})
    >>> table = first_use_table(analysis.token_table(docs), docs, ["win-win"], min_tokens=1)
    >>> table[["term", "n", "n_docs", "first_date", "last_date", "peak_period"]]
          term  n  n_docs first_date  last_date peak_period
    0  win-win  3       2 2018-01-02 2018-03-01     2018-03
    """
    if not isinstance(tokens_or_markers, pd.DataFrame):
        raise ParameterError(f"tokens_or_markers must be a DataFrame, got {type(tokens_or_markers).__name__}")
    for needed in ("doc_id", "date"):
        if needed not in getattr(docs, "columns", ()):
            raise CorpusError(f"docs needs a {needed!r} column (the table of analysis.read_corpus)")
    if all(c in tokens_or_markers.columns for c in _TOKEN_COLUMNS + ("token_id",)):
        labels = _check_terms(terms, required=True)
        occurrences = phrase_table(tokens_or_markers, labels)[["doc_id", "term", "folded"]]
        occurrences["n"] = 1
        tokens = tokens_or_markers if tokens is None else tokens
    else:
        occurrences, labels = _marker_occurrences(tokens_or_markers, column, _check_terms(terms, required=False))
    folded = {t: fold_phrase(t) for t in labels}
    trends = trend_table(occurrences[["doc_id", "term", "n"]], docs, freq=freq, min_tokens=min_tokens,
                         tokens=tokens, column="term", terms=labels)  # fmt: skip
    bursts = burst_table(trends, sd=sd, min_count=min_count)

    dates = dict(zip(docs["doc_id"].astype(str), pd.to_datetime(docs["date"], errors="coerce")))
    rows = []
    for term in labels:
        occ = occurrences[occurrences["term"] == term]
        per_doc = occ.groupby("doc_id", sort=False)["n"].sum()
        used = pd.Series({d: dates.get(d, pd.NaT) for d in per_doc.index}, dtype="datetime64[ns]").dropna()
        used = used.sort_values(kind="stable")
        series = bursts[bursts["term"] == term]
        rated = series.dropna(subset=["rate"])
        peak = rated.loc[rated["rate"].idxmax()] if len(rated) else None
        burst = series.loc[series["burst"], "period"].astype(str)
        rows.append((term, folded[term], int(per_doc.sum()), int((per_doc > 0).sum()),
                     used.iloc[0] if len(used) else pd.NaT, used.iloc[-1] if len(used) else pd.NaT,
                     str(used.index[0]) if len(used) else "", str(used.index[-1]) if len(used) else "",
                     str(peak["period"]) if peak is not None else "", int(peak["n"]) if peak is not None else 0,
                     float(peak["rate"]) if peak is not None else np.nan, len(burst), ", ".join(burst)))  # fmt: skip
    table = pd.DataFrame(rows, columns=["term", "folded", "n", "n_docs", "first_date", "last_date", "first_doc",
                                        "last_doc", "peak_period", "peak_n", "peak_rate", "n_bursts",
                                        "burst_periods"])  # fmt: skip
    table = table.astype({"n": "int64", "n_docs": "int64", "peak_n": "int64", "n_bursts": "int64",
                          "peak_rate": "float64", "first_date": "datetime64[ns]", "last_date": "datetime64[ns]"})  # fmt: skip
    table.attrs.update(freq=trends.attrs["freq"], burst_rule=bursts.attrs["burst_rule"],
                       folding="case, hyphens/dashes/spaces, apostrophes, -ise/-ize (see fold_phrase)")  # fmt: skip
    return table


def _marker_occurrences(table: pd.DataFrame, column: str | None, terms: list[str] | None):
    table, column = _check_table(table, column)
    n = table["n"].astype("int64").to_numpy() if "n" in table.columns else np.ones(len(table), np.int64)
    raw = table[column].astype(str)
    keys = raw.map(fold_phrase)
    if terms is None:
        spelling = pd.DataFrame({"key": keys, "raw": raw, "n": n}).groupby(["key", "raw"])["n"].sum()
        spelling = spelling.sort_values(ascending=False, kind="stable").reset_index().drop_duplicates("key")
        label_of = dict(zip(spelling["key"], spelling["raw"]))
        terms = sorted(label_of.values())
    else:
        label_of = {fold_phrase(t): t for t in reversed(terms)}
    occ = pd.DataFrame({"doc_id": table["doc_id"].astype(str).to_numpy(), "term": keys.map(label_of).to_numpy(),
                        "folded": keys.to_numpy(), "n": n})  # fmt: skip
    return occ.dropna(subset=["term"]).reset_index(drop=True), terms
