"""One Dask cluster for a whole report run: check the notebooks' engine, start or reach it.

:func:`analysis.report.run_report` calls :func:`report_engine` with the
parameters planned for each notebook; with ``engine="dask"`` and no scheduler
address it starts one ``distributed.LocalCluster`` for the whole report and
gives its address to every notebook that runs on Dask (instead of one cluster
per notebook); with an address it checks that the scheduler answers before any
notebook runs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import Any

from analysis.engine.run import ENGINES, _client
from analysis.errors import ParameterError

__all__ = ["check_engines", "report_engine"]

#: Memory limit per worker of the report's local cluster.
MEMORY_LIMIT = "2GiB"


def check_engines(plan: Mapping[str, Mapping[str, Any]], requested: str | None = None) -> None:
    """Refuse an ``engine`` parameter that is not one of :data:`ENGINES`, naming the notebook.

    ``requested`` is the engine asked for the whole run (``--engine``): it must
    reach at least one notebook.

    Raises
    ------
    ParameterError
        ``engine 'spark' of notebook 'timeline' is not accepted; use one of pandas, dask``,
        or an engine requested for notebooks none of which has an ``engine`` parameter.
    """
    if requested is not None and not any("engine" in values for values in plan.values()):
        raise ParameterError(
            f"engine {requested!r} was asked for, but none of the notebooks "
            f"({', '.join(plan)}) has an 'engine' parameter; run it without --engine"
        )
    for nb, values in plan.items():
        engine = values.get("engine")
        if engine is not None and engine not in ENGINES:
            raise ParameterError(
                f"engine {engine!r} of notebook {nb!r} is not accepted; "
                f"use one of {', '.join(ENGINES)}"
            )


@contextlib.contextmanager
def report_engine(
    plan: dict[str, dict[str, Any]], *, n_workers: int = 2, timeout: str = "5s"
) -> Iterator[dict[str, Any]]:
    """Provide the Dask cluster the notebooks of a report run on, for the length of the run.

    Notebooks whose ``engine`` is ``"dask"`` and whose ``scheduler`` is empty
    or not set (a notebook with an ``engine`` parameter must also declare
    ``scheduler``) get the address of a ``LocalCluster`` of ``n_workers`` single-threaded
    worker processes started here (``plan`` is updated in place); a given
    address is checked now, so that an unreachable one fails before any
    notebook runs.

    Parameters
    ----------
    plan : dict
        Notebook name -> its parameters (``engine``, ``scheduler`` where declared).
    n_workers : int, default 2
        Workers of the local cluster.
    timeout : str, default "5s"
        How long to try a scheduler address.

    Yields
    ------
    dict
        What the manifest records: ``engine`` ("pandas" or "dask"),
        ``scheduler`` (the address the notebooks used, or None), ``local_cluster``
        (bool) and ``n_workers`` (int or None).

    Raises
    ------
    ParameterError
        An engine that is not pandas or dask, or a bad ``n_workers``.
    EngineError
        A scheduler address that does not answer within ``timeout``.
    """
    check_engines(plan)
    on_dask = [nb for nb, values in plan.items() if values.get("engine") == "dask"]
    if not on_dask:
        yield {"engine": "pandas", "scheduler": None, "local_cluster": False, "n_workers": None}
        return
    if not isinstance(n_workers, int) or isinstance(n_workers, bool) or n_workers < 1:
        raise ParameterError(f"--workers / n_workers must be a positive int, got {n_workers!r}")
    given = sorted({plan[nb].get("scheduler") or "" for nb in on_dask} - {""})
    for address in given:  # fail now, not in the middle of the run
        with _client(address, n_workers, MEMORY_LIMIT, timeout):
            pass
    local = any(not plan[nb].get("scheduler") for nb in on_dask)
    if not local:
        yield {"engine": "dask", "scheduler": ", ".join(given), "local_cluster": False,
               "n_workers": None}
        return
    with _client(None, n_workers, MEMORY_LIMIT, timeout) as client:
        address = client.scheduler.address
        warming = [  # held until the run ends; a released future may be cancelled
            client.submit(_warm_up, pure=False, workers=[worker], allow_other_workers=False)
            for worker in client.scheduler_info(n_workers=-1)["workers"]
        ]
        for nb in on_dask:
            if not plan[nb].get("scheduler"):
                plan[nb]["scheduler"] = address
        yield {"engine": "dask", "scheduler": address, "local_cluster": True,
               "n_workers": n_workers}
        del warming


#: Modules the stages import on a worker: imports (pandas, pyarrow, regex,
#: vaderSentiment ...) and pattern compilation that the first task would otherwise wait for.
_STAGE_MODULES = ("analysis.engine._batches", "analysis.text", "analysis.terms",
                  "analysis.rhetoric", "analysis.quotes", "analysis.timeline")


def _warm_up() -> None:
    """Import the stage modules on a fresh worker while the first notebook's kernel starts."""
    import importlib

    for module in _STAGE_MODULES:
        importlib.import_module(module)
    from analysis.timeline._dispatch import warm_up

    warm_up()  # the timex grammar for every trigger word, compiled once per worker
