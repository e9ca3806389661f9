"""Run the per-document stages over batches of documents, in process or on Dask."""

from __future__ import annotations

import logging
import warnings

import pandas as pd

from analysis.engine import _batches, _reduce
from analysis.errors import AnalysisWarning, EngineError, ParameterError

__all__ = ["ENGINES", "STAGES", "EngineError", "partition_words_for", "run_stages"]

STAGES = ("tokens", "terms", "markers", "timexes", "quotes", "trends")
ENGINES = ("pandas", "dask")

#: Peak memory per word of a batch going through every stage, in bytes: measured
#: 300-400 (ru_maxrss over the interpreter's, batches of 0.24M and 0.95M words of
#: mfa_2018), rounded up. A batch gets at most a quarter of a worker's memory.
BYTES_PER_WORD_PEAK = 500
MEMORY_SHARE = 4


def partition_words_for(memory_limit: str | int) -> int:
    """Words per batch for a worker memory limit: ``limit / 4 / BYTES_PER_WORD_PEAK`` (500).

    Examples
    --------
    >>> partition_words_for("2GiB")
    1073741
    """
    from dask.utils import parse_bytes

    limit = (
        parse_bytes(memory_limit)
        if isinstance(memory_limit, str)
        else int(memory_limit)
    )
    return max(1_000, limit // MEMORY_SHARE // BYTES_PER_WORD_PEAK)


def run_stages(
    source,
    *,
    stages: tuple[str, ...] = (
        "tokens",
        "terms",
        "markers",
        "timexes",
        "quotes",
        "trends",
    ),
    engine: str = "pandas",
    scheduler: str | None = None,
    n_workers: int = 2,
    memory_limit: str = "2GiB",
    partition_words: int | None = None,
    ngram: int | tuple[int, int] = (1, 3),
    lexicon: str = "diplomatic",
    freq: str = "M",
    encoding: str | None = None,
    connect_timeout: str = "5s",
) -> dict[str, pd.DataFrame]:
    """Run the per-document stages of a corpus batch by batch and reduce to whole-corpus tables.

    The corpus is split into batches (Dask partitions) of whole files of about
    ``partition_words`` words; each batch is read with the rules of
    :func:`analysis.read_corpus`, tokenised (:func:`analysis.token_table`) and
    run through the stages; partial tables are then reduced to the tables the
    pandas functions give for the whole corpus: term counts are summed per term
    and ``per_10k``/``docs``/``rank`` recomputed as :func:`analysis.term_table`
    does; marker, timex and quote rows are concatenated in document order.

    Partition size rule: a batch's peak memory was measured at 300-400 bytes
    per word through all stages (``BYTES_PER_WORD_PEAK`` = 500 with a margin),
    so by default ``partition_words = memory_limit / 4 / 500`` (1,073,741
    words for 2 GiB: about 0.5 GB at peak), leaving three quarters of a
    worker's memory to the interpreter (~0.25 GB), the held partial tables and
    the term reduce (up to 8 partial term tables at once). The driver holds the
    reduced tables and the per-document metadata, never the text. A table file (``.parquet``, ``.csv``, ``.jsonl``)
    is one batch whatever its size: write large corpora as Parquet parts of at
    most ``partition_words`` words. Checked at 100M words in 1M-word Parquet
    parts on 2 workers of 2 GiB (see ``benchmarks/README.md``, Dask engine).

    On Dask the driver only plans (a task gets its own batch's file list) and
    assembles: each worker reads its batch, runs the stages, feeds its partial
    term counts into a tree of sums on the workers and sends back only the
    small rest (per-document metadata, marker, timex and quote rows), gathered
    as each batch finishes so that no worker keeps finished batches; the final
    sort and ranks of the terms run on a worker while the driver concatenates
    the rows and computes the trends. The pandas engine streams the same way:
    at most 8 partial term tables are held before they are summed.

    Parameters
    ----------
    source : str or Path
        A folder of text/table files or one file, as for :func:`analysis.read_corpus`.
    stages : tuple of str
        Any of ``tokens`` (always run: every stage needs tokens), ``terms``,
        ``markers``, ``timexes``, ``quotes``, ``trends`` (marker categories per
        period, needs markers).
    engine : {"pandas", "dask"}
        ``pandas``: batches one after the other in this process (memory bounded
        by one batch plus the reduced tables); ``dask``: batches as tasks on a
        ``distributed`` cluster.
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:8786``); without it a
        ``LocalCluster(n_workers, threads_per_worker=1, processes=True,
        memory_limit)`` is started and closed.
    n_workers : int
        Workers of the local cluster.
    memory_limit : str
        Memory limit per local worker (``"2GiB"``); sets the default ``partition_words``.
    partition_words : int, optional
        Words per batch; default from ``memory_limit`` (see above).
    ngram : int or (int, int)
        Term lengths, as in :func:`analysis.term_table`.
    lexicon : str
        Marker lexicon, as in :func:`analysis.marker_table`.
    freq : str
        Period of the trends, as in :func:`analysis.trend_table`.
    encoding : str, optional
        As in :func:`analysis.read_corpus`.
    connect_timeout : str
        How long to try a ``scheduler`` address before giving up.

    Returns
    -------
    dict of str to DataFrame
        - ``docs``: one row per document in order: ``doc_id``, ``date``,
          ``place``, ``source``, ``title``, ``speaker`` (as read_corpus),
          ``n_chars`` (int64), ``n_tokens`` (int64, token-table rows),
          ``n_words`` (int64, tokens with ``is_punct`` False);
        - ``terms``: as ``term_table(token_table(docs), ngram=ngram)``:
          (``ngram``), ``term``, ``n``, ``per_10k``, ``docs``, ``rank``;
        - ``markers``: as ``marker_table(docs, lexicon=lexicon)``;
        - ``timexes``: as ``timex_table(docs)``;
        - ``quotes``: as ``quote_table(docs)``;
        - ``trends``: as ``trend_table(markers, docs, column="category", freq=freq)``
          (absent when no document has a date).

        Only the requested stages are present (``docs`` always).

    Raises
    ------
    ParameterError
        An unknown stage or engine, or a bad number.
    EngineError
        An unreachable ``scheduler`` (after ``connect_timeout``), or duplicate
        document ids across files (use unique ids or the pandas functions).
    CorpusError
        As :func:`analysis.read_corpus` for a missing or empty source.

    Warns
    -----
    AnalysisWarning
        Files skipped (binary or malformed), each named, and the other notes of read_corpus.

    Examples
    --------
    >>> out = run_stages("seeds/000_bc67b9ca0fc0fcf9.txt", stages=("terms",), ngram=1)
    >>> out["terms"].columns.tolist()
    ['term', 'n', 'per_10k', 'docs', 'rank']
    """
    stages = _check(stages, engine, n_workers)
    if partition_words is None:
        partition_words = partition_words_for(memory_limit)
    if not isinstance(partition_words, int) or partition_words < 1:
        raise ParameterError(
            f"partition_words must be a positive int, not {partition_words!r}"
        )
    _check_options(stages, ngram, lexicon)
    plan = _batches.plan_batches(
        source, partition_words=partition_words, encoding=encoding
    )
    args = (frozenset(stages), ngram, lexicon)
    if engine == "pandas":
        results, terms = [], []
        for i in range(len(plan.batches)):
            result = _batches.process_batch(plan.batch(i), 0, *args)
            if "terms" in result:  # streamed: at most FAN_IN partial term tables held at once
                terms.append(result.pop("terms"))
                if len(terms) == FAN_IN:
                    terms = [_reduce.combine_terms(*terms)]
            results.append(result)
        total = _tree(terms, lambda parts: _reduce.combine_terms(*parts)) if terms else None
        return _assemble(
            plan, results, lambda n: _reduce.finish_terms(total, n, ngram=ngram), stages, freq
        )
    with _client(scheduler, n_workers, memory_limit, connect_timeout) as client:
        return _on_dask(client, plan, args, stages, freq)


#: Partial term tables combined at once (the reduce tree's fan-in).
FAN_IN = 8


def _on_dask(client, plan, args, stages, freq) -> dict[str, pd.DataFrame]:
    """Run the batches as tasks; the workers read, process and reduce, the driver plans and assembles.

    Each task gets only its own batch's file list (not the whole plan). A
    batch's result is split on its worker into the partial term table, which
    goes into a tree of :func:`_reduce.combine_terms` tasks, and the small rest
    (docs metadata, marker/timex/quote rows, notes), which the driver gathers
    as soon as it is ready, so that a worker holds no finished batch for long.
    The final sort and ranks of the terms run on a worker while the driver
    concatenates rows and computes trends.
    """
    from distributed import as_completed

    stage_set, ngram, lexicon = args
    futures = [
        client.submit(_batches.process_batch, plan.batch(i), 0, stage_set, ngram, lexicon,
                      pure=False)
        for i in range(len(plan.batches))
    ]
    terms = None
    if "terms" in stages:
        # priority: a group is summed (and a batch's parts taken) as soon as its inputs are
        # ready, between batches, not after the last batch: only the last group is left then
        parts = [client.submit(_terms_of, f, pure=False, priority=1) for f in futures]
        terms = _tree(
            parts,
            lambda group: client.submit(_reduce.combine_terms, *group, pure=False, priority=1),
        )
        del parts
    light = [client.submit(_drop_terms, f, pure=False, priority=1) for f in futures]
    del futures  # a batch's full result is released once both of its parts are taken
    position = {future.key: i for i, future in enumerate(light)}
    results: list = [None] * len(light)
    done = as_completed(light, with_results=True)
    light = None
    for future, result in done:
        results[position[future.key]] = result
    future = done = None

    def finish(n_words):
        if terms is None:
            return None
        return client.submit(
            _reduce.finish_terms, terms, n_words, ngram=ngram, pure=False, priority=1
        )

    return _assemble(plan, results, finish, stages, freq, depth=4)


def _terms_of(result: dict) -> pd.DataFrame:
    return result["terms"]


def _drop_terms(result: dict) -> dict:
    return {k: v for k, v in result.items() if k != "terms"}


def _tree(items: list, combine, fan_in: int = FAN_IN):
    """Reduce ``items`` by combining groups of ``fan_in`` until one is left.

    Items left over after the full groups of a level wait for the next level,
    where they are combined with the groups' sums: 21 batches are summed as
    8 + 8, then those two sums with the last 5 batches (one combine after the
    last batch instead of two).
    """
    while len(items) > 1:
        if len(items) <= fan_in:
            return combine(items)
        full = len(items) // fan_in * fan_in
        items = [combine(items[i : i + fan_in]) for i in range(0, full, fan_in)] + items[full:]
    return items[0]


def _assemble(plan, results, finish, stages, freq, *, depth: int = 3) -> dict[str, pd.DataFrame]:
    """The whole-corpus tables from the batches' results; ``finish(n_words)`` gives the terms.

    ``finish`` returns the term table, or a future of it (Dask) that is only
    waited for after the rows and trends are assembled here.
    """
    notes = list(plan.notes) + [n for r in results for n in r["notes"]]
    from analysis.corpus import _summarise

    for message in _summarise(notes):
        warnings.warn(message, AnalysisWarning, stacklevel=depth)
    docs = pd.concat([r["docs"] for r in results], ignore_index=True)
    duplicated = docs["doc_id"][docs["doc_id"].duplicated()].tolist()
    if duplicated:
        raise EngineError(
            f"{len(duplicated)} document ids occur in more than one file: {duplicated[:5]}; "
            "give the documents unique ids (file names or a doc_id column)"
        )
    doc_ids = docs["doc_id"].astype(str).tolist()
    out = {"docs": docs}
    terms = finish(int(docs["n_words"].sum())) if "terms" in stages else None
    for name in ("markers", "timexes", "quotes"):
        if name in stages or (name == "markers" and "trends" in stages):
            out[name] = _reduce.concat_rows([r[name] for r in results], doc_ids)
    if "trends" in stages and docs["date"].notna().any():
        from analysis.timeline import trend_table

        out["trends"] = trend_table(
            out["markers"], docs, tokens=_reduce.word_rows(docs, doc_ids), column="category", freq=freq
        )
    if "markers" not in stages:
        out.pop("markers", None)
    if terms is not None:
        out["terms"] = terms.result() if hasattr(terms, "result") else terms
    order = ("docs", "terms", "markers", "timexes", "quotes", "trends")
    return {name: out[name] for name in order if name in out}


def _check_options(stages, ngram, lexicon) -> None:
    """Fail before any batch runs: a bad ``ngram`` or lexicon would fail on every worker."""
    if "terms" in stages:
        from analysis.terms._tokens import check_ngram

        check_ngram(ngram)
    if "markers" in stages or "trends" in stages:
        from analysis.rhetoric import load_lexicon

        load_lexicon(lexicon)


def _check(stages, engine, n_workers) -> tuple[str, ...]:
    if isinstance(stages, str):
        stages = (stages,)
    unknown = [s for s in stages if s not in STAGES]
    if unknown:
        raise ParameterError(
            f"unknown stages {unknown}; use any of {', '.join(STAGES)}"
        )
    if engine not in ENGINES:
        raise ParameterError(
            f"engine={engine!r} is not accepted; use one of {', '.join(ENGINES)}"
        )
    if not isinstance(n_workers, int) or n_workers < 1:
        raise ParameterError(f"n_workers must be a positive int, not {n_workers!r}")
    return tuple(stages)


class _client:
    """Context manager: a Client on ``scheduler``, or on a LocalCluster started and closed here."""

    def __init__(self, scheduler, n_workers, memory_limit, timeout):
        self.args = scheduler, n_workers, memory_limit, timeout
        self.cluster = self.client = None

    def __enter__(self):
        from distributed import Client, LocalCluster

        scheduler, n_workers, memory_limit, timeout = self.args
        if scheduler is None:
            self.cluster = LocalCluster(
                n_workers=n_workers,
                threads_per_worker=1,
                processes=True,
                memory_limit=memory_limit,
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            )
            self.client = Client(self.cluster)
            return self.client
        try:
            self.client = Client(scheduler, timeout=timeout)
        except (OSError, TimeoutError) as error:
            raise EngineError(
                f"cannot reach the Dask scheduler at {scheduler!r} within {timeout}: {error}; "
                "check the address (tcp://host:8786) and that the scheduler runs, or give "
                "no scheduler (scheduler=None, no --scheduler) to start a local cluster"
            ) from None
        return self.client

    def __exit__(self, *exc):
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
