"""The batch and Dask engine: per-document stages over batches of whole documents.

:func:`run_stages` reads a folder or file in batches (Dask partitions), runs
tokens, term counts, markers, timexes and quotes per batch, in this process
(``engine="pandas"``) or on a ``distributed`` cluster (``engine="dask"``), and
reduces to the tables the pandas functions return for the whole corpus.
:func:`compute_tables` is the notebooks' entry: the pandas functions in the
kernel, or :func:`run_stages` on Dask, for the same tables.
"""

from analysis.engine.run import (
    ENGINES,
    STAGES,
    EngineError,
    partition_words_for,
    run_stages,
)
from analysis.engine.tables import TABLE_STAGES, compute_tables

__all__ = [
    "ENGINES",
    "STAGES",
    "TABLE_STAGES",
    "EngineError",
    "compute_tables",
    "partition_words_for",
    "run_stages",
]
