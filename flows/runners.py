"""The task runner is configuration: a local pool by default, Dask to scale out.

- ``process`` (default): Prefect's ProcessPoolTaskRunner, one process per core; OCR is CPU-bound.
- ``thread``: ThreadPoolTaskRunner (Tesseract runs as a subprocess, so threads also keep cores busy).
- ``dask``: prefect-dask's DaskTaskRunner on a LocalCluster of ``workers`` processes, or on an existing
  Dask scheduler given as ``dask://HOST:PORT`` (many machines).
"""

from __future__ import annotations

import os

from landdb.errors import ConfigError


def resolve_workers(workers: int) -> int:
    return workers if workers > 0 else (os.cpu_count() or 1)


def make_task_runner(kind: str, workers: int):
    """A Prefect task runner by name (see the module docstring)."""
    workers = resolve_workers(workers)
    if kind == "thread":
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner(max_workers=workers)
    if kind == "process":
        from prefect.task_runners import ProcessPoolTaskRunner

        return ProcessPoolTaskRunner(max_workers=workers)
    if kind == "dask" or kind.startswith("dask://"):
        from prefect_dask import DaskTaskRunner

        if kind.startswith("dask://"):
            return DaskTaskRunner(address="tcp://" + kind.removeprefix("dask://"))
        return DaskTaskRunner(cluster_kwargs={
            "n_workers": workers, "threads_per_worker": 1, "processes": True, "dashboard_address": None})
    raise ConfigError(f"unknown task runner {kind!r}: use process, thread, dask or dask://HOST:PORT")
