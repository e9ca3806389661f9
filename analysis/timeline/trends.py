"""Trends: how often terms or rhetoric markers occur per calendar period.

:func:`trend_table` counts the rows of any table with a ``doc_id`` and a term
or category column (a per-document :func:`analysis.term_table`, a marker
table, a phrase table) per period of the documents' dates, and divides by the
number of word tokens of that period. Counting stays apart from scoring: the
``n`` and ``n_tokens`` columns are the counts, ``rate`` is one division.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from analysis.errors import AnalysisWarning, CorpusError, ParameterError

__all__ = ["FREQ_ALIASES", "VALUES", "parse_freq", "trend_table", "word_counts"]

#: Frequencies users type -> the pandas Period frequency used.
FREQ_ALIASES = {
    "D": "D", "DAY": "D", "DAILY": "D",
    "W": "W", "W-SUN": "W", "WEEK": "W", "WEEKLY": "W",
    "M": "M", "ME": "M", "MS": "M", "MONTH": "M", "MONTHLY": "M",
    "Q": "Q", "QE": "Q", "QS": "Q", "Q-DEC": "Q", "QUARTER": "Q", "QUARTERLY": "Q",
    "Y": "Y", "YE": "Y", "YS": "Y", "A": "Y", "AS": "Y", "Y-DEC": "Y", "A-DEC": "Y",
    "YEAR": "Y", "YEARLY": "Y", "ANNUAL": "Y",
}  # fmt: skip

#: ``value`` choices -> the multiplier of ``n / n_tokens`` (``count`` keeps ``n``).
VALUES = {"per_1k": 1_000.0, "per_10k": 10_000.0, "per_million": 1_000_000.0, "share": 1.0, "count": None}

#: Columns looked for, in order, when ``column`` is not given.
TERM_COLUMNS = ("term", "category", "marker", "cue", "phrase", "norm")

DENOMINATOR = "word tokens (token_table rows with is_punct False, stopwords included)"


def parse_freq(freq: object) -> str:
    """The pandas Period frequency for a frequency a user typed.

    Parameters
    ----------
    freq : str
        ``D``, ``W``, ``M``, ``Q``, ``Y`` or a common alias: ``ME``/``MS``,
        ``QE``/``QS``, ``YE``/``YS``/``A``, ``day``, ``week``, ``month``,
        ``quarter``, ``year`` (any case).

    Returns
    -------
    str
        One of ``D``, ``W`` (weeks Monday to Sunday), ``M``, ``Q``, ``Y``.

    Raises
    ------
    ParameterError
        For any other value; the message lists the accepted ones.

    Examples
    --------
    >>> parse_freq("YE"), parse_freq("month")
    ('Y', 'M')
    """
    key = freq.strip().upper() if isinstance(freq, str) else None
    if key not in FREQ_ALIASES:
        raise ParameterError(
            f"freq={freq!r} is not a calendar frequency; use one of D, W, M, Q, Y "
            "(aliases ME, MS, QE, QS, YE, YS, A, day, week, month, quarter, year are accepted)"
        )
    return FREQ_ALIASES[key]


def word_counts(tokens: pd.DataFrame) -> pd.Series:
    """Number of word tokens (``is_punct`` False) per document, indexed by ``doc_id`` (str)."""
    for column in ("doc_id", "is_punct"):
        if column not in getattr(tokens, "columns", ()):
            raise CorpusError(f"tokens needs a {column!r} column (the table of analysis.token_table)")
    is_word = ~tokens["is_punct"].to_numpy(bool)
    ids = tokens["doc_id"]
    if isinstance(ids.dtype, pd.CategoricalDtype):  # count the codes: no 10M strings built
        codes = ids.cat.codes.to_numpy()[is_word]
        counts = np.bincount(codes[codes >= 0], minlength=len(ids.cat.categories))
        return pd.Series(counts, index=ids.cat.categories.astype(str), dtype="int64")
    return ids[is_word].astype(str).value_counts(sort=False).astype("int64")


def trend_table(
    table: pd.DataFrame,
    docs: pd.DataFrame,
    *,
    freq: str = "M",
    by: str | None = None,
    value: str = "per_10k",
    min_tokens: int = 1000,
    rolling: int | None = None,
    tokens: pd.DataFrame | None = None,
    column: str | None = None,
    terms: list[str] | None = None,
    start: object = None,
    end: object = None,
) -> pd.DataFrame:
    """Count terms or categories per calendar period and divide by the period's words.

    Every period from the first to the last dated document is present, for
    every term, so a line drops to 0 instead of skipping a quiet month. A
    period with fewer than ``min_tokens`` word tokens (the whole period, all
    documents) is flagged ``low_coverage`` and gets no rate: a handful of words
    says nothing about a month. No smoothing unless ``rolling`` is given.

    Parameters
    ----------
    table : DataFrame
        Rows with a ``doc_id`` and a term column: one row per occurrence (a
        marker table), or per (document, term) with a count column ``n``
        (:func:`analysis.term_table` with ``by="doc_id"``, whose ``group`` column
        is read as ``doc_id``; :func:`analysis.timeline.formulations.phrase_table`).
    docs : DataFrame
        Documents of :func:`analysis.read_corpus` (``doc_id``, ``date``; ``text``
        when ``tokens`` is not given; the ``by`` column).
    freq : str, default "M"
        Period length: ``D``, ``W``, ``M``, ``Q``, ``Y`` or an alias (see :func:`parse_freq`).
    by : str, optional
        A column of ``docs`` (``speaker``, ``source``) to give each value its
        own series; documents without a value are left out with a warning.
    value : {"per_10k", "per_1k", "per_million", "share", "count"}, default "per_10k"
        What ``rate`` holds: ``n / n_tokens`` times 10,000, 1,000, 1,000,000,
        times 1 (``share``), or ``n`` itself (``count``).
    min_tokens : int, default 1000
        Periods (per ``by`` group) with fewer word tokens are ``low_coverage``
        and their ``rate`` is NaN. At least 1: a period without words never has a rate.
    rolling : int, optional
        Add ``rate_rolling``: over a trailing window of ``rolling`` periods,
        the sum of ``n`` over the sum of ``n_tokens`` (not a mean of rates),
        scaled like ``rate``; NaN until the window is full or when it holds
        fewer than ``min_tokens`` tokens.
    tokens : DataFrame, optional
        The :func:`analysis.token_table` of ``docs``; computed when omitted.
    column : str, optional
        The term column; by default the first of ``term``, ``category``,
        ``marker``, ``cue``, ``phrase``, ``norm`` present.
    terms : list of str, optional
        Keep only these terms, in this order; a term absent from ``table``
        still gets its rows of zeros.
    start, end : str or datetime-like, optional
        First and last period to show (the period holding that date), instead
        of the first and last dated document.

    Returns
    -------
    DataFrame
        One row per (``by`` value,) term and period, sorted by (group,) term
        order of first appearance (or ``terms``) and period:

        - ``group`` (str): the ``by`` value (only when ``by`` is given);
        - ``<column>`` (str): the term or category;
        - ``period`` (period[freq]): the calendar period;
        - ``date`` (datetime64[ns]): the period's first day, for plotting;
        - ``n`` (int64): occurrences in the period;
        - ``n_docs`` (int64): dated documents in the period (and group);
        - ``n_tokens`` (int64): word tokens of those documents (the denominator);
        - ``low_coverage`` (bool): ``n_tokens < min_tokens``;
        - ``rate`` (float64): per ``value``; NaN where ``low_coverage``;
        - ``rate_rolling`` (float64): only with ``rolling``.

        ``attrs`` holds ``freq``, ``value``, ``scale``, ``min_tokens``,
        ``rolling``, ``column``, ``by``, ``denominator`` (what ``n_tokens``
        counts) and ``n_undated_docs``. An empty ``docs`` (no documents at
        all) gives an empty table with these columns and dtypes.

    Raises
    ------
    ParameterError
        ``table`` lacks ``doc_id`` or a term column; a bad ``freq``, ``value``,
        ``min_tokens``, ``rolling``, ``by``, ``start`` or ``end``.
    CorpusError
        ``docs`` lacks ``doc_id``/``date``, or it has documents but none has
        a date (every ``date`` is NaT): there is no calendar to count over.

    Warns
    -----
    AnalysisWarning
        Undated documents, or rows of ``table`` whose document is not in ``docs``, are left out.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["win-win talks", "more talks"],
    ...     "date": pd.to_datetime(["2018-01-05", "2018-03-02"])})
    >>> table = pd.DataFrame({"doc_id": ["a"], "term": ["win-win"], "n": [1]})
    >>> trend_table(table, docs, min_tokens=1)[["period", "n", "n_tokens", "rate"]]
        period  n  n_tokens    rate
    0  2018-01  1         2  5000.0
    1  2018-02  0         0     NaN
    2  2018-03  0         2     0.0
    """
    period_freq = parse_freq(freq)
    if value not in VALUES:
        raise ParameterError(f"value={value!r} is not accepted; use one of {', '.join(VALUES)}")
    min_tokens = _positive_int("min_tokens", min_tokens)
    if rolling is not None:
        rolling = _positive_int("rolling", rolling)
    table, column = _check_table(table, column)
    for needed in ("doc_id", "date"):
        if needed not in getattr(docs, "columns", ()):
            raise CorpusError(f"docs needs a {needed!r} column (the table of analysis.read_corpus)")
    if by is not None and by not in docs.columns:
        raise ParameterError(f"by={by!r} is not a column of docs; it has {list(docs.columns)}")

    doc_ids = docs["doc_id"].astype(str)
    dates = pd.to_datetime(docs["date"], errors="coerce")
    n_undated = int(dates.isna().sum())
    if n_undated == len(docs) and len(docs):
        raise CorpusError(
            f"no document has a date (all {len(docs)} dates are NaT), so there are no periods "
            "to count over; give the corpus dates (an index.csv 'date' column, a 'date "
            "YYYY-MM-DD' line, or YYYY-MM-DD in the file names)"
        )
    if tokens is None:
        from analysis.text import token_table

        tokens = token_table(docs)
    words = word_counts(tokens).reindex(doc_ids, fill_value=0).to_numpy()

    meta = pd.DataFrame({"doc_id": doc_ids.to_numpy(), "period": dates.dt.to_period(period_freq).array,
                         "n_tokens": words})  # fmt: skip
    meta["group"] = docs[by].to_numpy() if by is not None else ""
    keep = dates.notna().to_numpy() & pd.notna(meta["group"]).to_numpy()
    if n_undated or not keep.all():
        why = f"{n_undated} undated" + (f", {int((~keep).sum()) - n_undated} without {by!r}" if by else "")
        warnings.warn(f"{int((~keep).sum())} of {len(docs)} documents left out of the trends ({why})",
                      AnalysisWarning, stacklevel=2)  # fmt: skip
    meta = meta[keep].copy()
    meta["group"] = meta["group"].astype(str)

    periods = _period_range(meta["period"], period_freq, start, end)
    counts = _counts(table, column, meta, terms, set(doc_ids))
    term_order = list(terms) if terms is not None else list(dict.fromkeys(counts[column]))
    groups = sorted(meta["group"].unique())

    grid = pd.MultiIndex.from_product([groups, term_order, periods], names=["group", column, "period"])
    n = counts.groupby(["group", column, "period"], observed=True)["n"].sum()
    out = pd.DataFrame(index=grid).join(n).fillna({"n": 0}).reset_index()
    out["n"] = out["n"].astype("int64")
    cover = meta.groupby(["group", "period"]).agg(n_docs=("doc_id", "size"), n_tokens=("n_tokens", "sum"))
    out = out.merge(cover.reset_index(), on=["group", "period"], how="left")
    out[["n_docs", "n_tokens"]] = out[["n_docs", "n_tokens"]].fillna(0).astype("int64")
    out["low_coverage"] = out["n_tokens"] < min_tokens
    scale = VALUES[value]
    rate = out["n"].astype(float) if scale is None else out["n"] / out["n_tokens"].where(out["n_tokens"] > 0) * scale
    out["rate"] = rate.where(~out["low_coverage"]).astype("float64")
    if rolling is not None:
        keys = out.groupby(["group", column], sort=False)
        n_sum = keys["n"].transform(lambda s: s.rolling(rolling, min_periods=rolling).sum())
        t_sum = keys["n_tokens"].transform(lambda s: s.rolling(rolling, min_periods=rolling).sum())
        rolled = n_sum if scale is None else n_sum / t_sum.where(t_sum > 0) * scale
        out["rate_rolling"] = rolled.where(t_sum >= min_tokens).astype("float64")
    out.insert(out.columns.get_loc("period") + 1, "date", out["period"].dt.start_time.astype("datetime64[ns]"))
    out = out[["group", column, "period", "date", "n", "n_docs", "n_tokens", "low_coverage", "rate"]
              + (["rate_rolling"] if rolling is not None else [])]  # fmt: skip
    if by is None:
        out = out.drop(columns="group")
    else:
        out["group"] = out["group"].astype(str)  # (an empty corpus's too)
    out[column] = out[column].astype(str)
    out.attrs.update(freq=period_freq, value=value, scale=scale, min_tokens=min_tokens, rolling=rolling,
                     column=column, by=by, denominator=DENOMINATOR, n_undated_docs=n_undated)  # fmt: skip
    return out.reset_index(drop=True)


def _positive_int(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ParameterError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def _check_table(table: object, column: str | None) -> tuple[pd.DataFrame, str]:
    if not isinstance(table, pd.DataFrame):
        raise ParameterError(f"table must be a DataFrame with doc_id and a term column, got {type(table).__name__}")
    if "doc_id" not in table.columns:
        if "group" in table.columns and table.attrs.get("by") == "doc_id":
            table = table.rename(columns={"group": "doc_id"})
        else:
            raise ParameterError(
                f"table needs a 'doc_id' column to place its rows in time; it has {list(table.columns)} "
                "(for a term table, use term_table(tokens, by='doc_id'))"
            )
    if column is None:
        column = next((c for c in TERM_COLUMNS if c in table.columns), None)
        if column is None:
            raise ParameterError(
                f"table has no term column; expected one of {', '.join(TERM_COLUMNS)} "
                f"(or name one with column=), it has {list(table.columns)}"
            )
    elif column not in table.columns or column == "doc_id":
        raise ParameterError(f"column={column!r} is not a term column of the table; it has {list(table.columns)}")
    return table, column


def _counts(
    table: pd.DataFrame, column: str, meta: pd.DataFrame, terms: list[str] | None, known: set
) -> pd.DataFrame:
    n = table["n"].astype("int64") if "n" in table.columns else pd.Series(1, index=table.index, dtype="int64")
    counts = pd.DataFrame({"doc_id": table["doc_id"].astype(str).to_numpy(),
                           column: table[column].astype(str).to_numpy(), "n": n.to_numpy()})  # fmt: skip
    if terms is not None:
        if isinstance(terms, str) or not all(isinstance(t, str) for t in terms):
            raise ParameterError(f"terms must be a list of strings, got {terms!r}")
        counts = counts[counts[column].isin(list(terms))]
    # rows of undated documents were announced with the documents; unknown ones are not
    unknown = ~counts["doc_id"].isin(known)
    if unknown.any():
        warnings.warn(f"{int(unknown.sum())} rows of the table name documents that are not in docs "
                      f"(e.g. {counts.loc[unknown, 'doc_id'].iloc[0]!r}); left out", AnalysisWarning, stacklevel=3)
    counts = counts.merge(meta[["doc_id", "period", "group"]], on="doc_id", how="inner")
    return counts


def _period_range(periods: pd.Series, freq: str, start: object, end: object) -> pd.PeriodIndex:
    if not len(periods):  # an empty corpus: no calendar (start and end alone do not make one)
        return pd.PeriodIndex([], freq=freq)
    first, last = periods.min(), periods.max()
    try:
        if start is not None and start != "":
            first = pd.Period(pd.Timestamp(start), freq)
        if end is not None and end != "":
            last = pd.Period(pd.Timestamp(end), freq)
    except (ValueError, TypeError) as exc:
        raise ParameterError(f"start={start!r} / end={end!r} must be dates such as '2018-07-01': {exc}") from None
    if last < first:
        raise ParameterError(f"end ({last}) is before start ({first})")
    return pd.period_range(first, last, freq=freq)
