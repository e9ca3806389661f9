"""The notebooks' per-document tables, from pandas in this process or from a Dask cluster."""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis.engine.run import ENGINES, run_stages
from analysis.errors import AnalysisWarning, ParameterError

__all__ = ["TABLE_STAGES", "compute_tables"]

#: Tables :func:`compute_tables` can give: the per-document stages of the engine.
TABLE_STAGES = ("terms", "markers", "timexes", "quotes")


def compute_tables(
    corpus: str | os.PathLike[str],
    *,
    stages: str | Sequence[str],
    engine: str = "pandas",
    scheduler: str | None = "",
    docs: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    tokens: pd.DataFrame | None = None,
    ngram: int | tuple[int, int] = (1, 3),
    min_count: int = 1,
    lexicon: str = "diplomatic",
    speakers: bool = True,
    n_workers: int = 2,
) -> dict[str, pd.DataFrame]:
    """Compute the per-document tables a notebook needs, with the pandas functions or on Dask.

    With ``engine="pandas"`` this calls the pandas functions on the whole
    corpus, reusing ``docs``, ``sentences`` and ``tokens`` when given (exactly
    what a notebook calls without the engine). With ``engine="dask"`` the
    corpus is read and processed batch by batch on a ``distributed`` cluster
    by :func:`analysis.engine.run_stages` and reduced to the same tables
    (same rows, order, columns and dtypes); ``docs``, ``sentences`` and
    ``tokens`` are then not used.

    Parameters
    ----------
    corpus : str or path-like
        File or folder of documents, as :func:`analysis.read_corpus` reads.
    stages : str or sequence of str
        Tables to compute, any of ``terms``, ``markers``, ``timexes``, ``quotes``.
    engine : {"pandas", "dask"}, default "pandas"
        Where the stages run: the pandas functions in this process, or batches
        on a Dask cluster.
    scheduler : str, optional
        With ``engine="dask"``: address of a running Dask scheduler
        (``tcp://host:8786``); empty or None starts a ``LocalCluster`` of
        ``n_workers`` workers for this call and closes it after. Ignored with
        ``engine="pandas"``.
    docs, sentences, tokens : DataFrame, optional
        The corpus's :func:`analysis.read_corpus`, :func:`analysis.sentence_table`
        and :func:`analysis.token_table`, reused by the pandas engine (computed
        when missing).
    ngram : int or (int, int), default (1, 3)
        Term lengths, as in :func:`analysis.term_table`.
    min_count : int, default 1
        Terms seen fewer times in the whole corpus are left out, as in
        :func:`analysis.term_table`.
    lexicon : str, default "diplomatic"
        Marker lexicon: a shipped lexicon's name or a file path (a relative
        path resolves against the working directory, also for Dask workers).
    speakers : bool, default True
        Attribute markers to speakers, as in :func:`analysis.marker_table`
        (with False, ``speaker`` and ``speaker_source`` are None).
    n_workers : int, default 2
        Workers of the local cluster started when ``scheduler`` is empty.

    Returns
    -------
    dict of str to DataFrame
        One entry per requested stage, with the columns of the pandas function:

        - ``terms``: :func:`analysis.term_table` ``(tokens, ngram=ngram,
          min_count=min_count)``: (``ngram`` int64), ``term`` (str), ``n``
          (int64), ``per_10k`` (float64), ``docs`` (int64), ``rank`` (int64);
        - ``markers``: :func:`analysis.marker_table` ``(docs, lexicon=lexicon,
          tokens=tokens, speakers=speakers)``;
        - ``timexes``: :func:`analysis.timex_table` ``(docs, sentences=sentences)``;
        - ``quotes``: :func:`analysis.quote_table` ``(docs)``.

    Raises
    ------
    ParameterError
        An unknown stage or engine.
    EngineError
        With ``engine="dask"``: an unreachable ``scheduler`` (within 5 s) or
        document ids repeated across files.
    CorpusError, LexiconError
        As the pandas functions raise them.

    Examples
    --------
    >>> out = compute_tables("seeds/000_bc67b9ca0fc0fcf9.txt", stages="terms", ngram=1)
    >>> out["terms"].columns.tolist()
    ['term', 'n', 'per_10k', 'docs', 'rank']
    """
    stages = _check_stages(stages)
    if engine not in ENGINES:
        raise ParameterError(
            f"engine={engine!r} is not accepted; use one of {', '.join(ENGINES)}"
        )
    if engine == "pandas":
        return _pandas_tables(corpus, stages, docs, sentences, tokens, ngram=ngram,
                              min_count=min_count, lexicon=lexicon, speakers=speakers)
    if isinstance(lexicon, (str, os.PathLike)) and Path(lexicon).is_file():
        lexicon = str(Path(lexicon).resolve())  # workers have another working directory
    with warnings.catch_warnings():
        if docs is not None:  # read_corpus has already warned about the same files
            warnings.simplefilter("ignore", AnalysisWarning)
        out = run_stages(corpus, stages=stages, engine="dask", scheduler=scheduler or None,
                         n_workers=n_workers, ngram=ngram, lexicon=lexicon)
    tables = {name: out[name] for name in stages}
    if "terms" in tables and min_count > 1:
        terms = tables["terms"]
        tables["terms"] = terms[terms["n"] >= min_count].reset_index(drop=True)
    if "markers" in tables and not speakers:
        markers = tables["markers"].copy()
        markers["speaker"] = None
        markers["speaker_source"] = None
        tables["markers"] = markers
    return tables


def _check_stages(stages: str | Sequence[str]) -> tuple[str, ...]:
    if isinstance(stages, str):
        stages = tuple(s.strip() for s in stages.split(",") if s.strip())
    unknown = [s for s in stages if s not in TABLE_STAGES]
    if unknown or not stages:
        raise ParameterError(
            f"unknown stages {list(unknown)}; use any of {', '.join(TABLE_STAGES)}"
        )
    return tuple(stages)


def _pandas_tables(corpus, stages, docs, sentences, tokens, *, ngram, min_count, lexicon,
                   speakers) -> dict[str, pd.DataFrame]:
    from analysis.corpus import read_corpus
    from analysis.text import sentence_table, token_table

    if docs is None:
        docs = read_corpus(corpus)
    need_tokens = tokens is None and bool({"terms", "markers"} & set(stages))
    if sentences is None and ("timexes" in stages or need_tokens):
        sentences = sentence_table(docs)
    if need_tokens:
        tokens = token_table(docs, sentences=sentences)
    tables: dict[str, pd.DataFrame] = {}
    for name in stages:
        if name == "terms":
            from analysis.terms import term_table

            tables[name] = term_table(tokens, ngram=ngram, min_count=min_count)
        elif name == "markers":
            from analysis.rhetoric import marker_table

            tables[name] = marker_table(docs, lexicon=lexicon, tokens=tokens, speakers=speakers)
        elif name == "timexes":
            from analysis.timeline import timex_table

            tables[name] = timex_table(docs, sentences=sentences)
        else:
            from analysis.quotes import quote_table

            tables[name] = quote_table(docs)
    return tables
