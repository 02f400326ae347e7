"""The task runner is configuration: a local pool by default, Dask to scale out.

- ``thread`` (default): ThreadPoolTaskRunner (libtesseract releases the GIL, so threads keep every core busy).
- ``process``: Prefect's ProcessPoolTaskRunner, one process per worker.
- ``dask``: prefect-dask's DaskTaskRunner on a LocalCluster of ``workers`` processes, or on an existing
  Dask scheduler given as ``dask://HOST:PORT`` (many machines).

:func:`check_task_runner` validates a name (and reaches a ``dask://`` scheduler) in a few seconds, before a build
writes its run row or imports a map.
"""

from __future__ import annotations

import importlib.util
import os
import socket

from landdb.errors import ConfigError
from landdb.settings import Settings, get_settings

RUNNERS = "thread, process, dask or dask://HOST:PORT"
SCHEDULER_TIMEOUT_S = 3.0


def resolve_workers(workers: int | None, settings: Settings | None = None) -> int:
    """Parallel documents: ``workers`` if given (> 0), else ``LANDDB_OCR_WORKERS`` (> 0), else the cores."""
    if workers is not None and workers < 0:
        raise ConfigError(f"--workers must be 0 (automatic) or more, not {workers}")
    if workers:
        return workers
    configured = (settings or get_settings()).ocr_workers
    if configured < 0:
        raise ConfigError(f"LANDDB_OCR_WORKERS must be 0 (automatic) or more, not {configured}")
    return configured or os.cpu_count() or 1


def _check_scheduler(kind: str, timeout_s: float) -> None:
    address = kind.removeprefix("dask://")
    host, sep, port = address.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"--task-runner {kind}: expected dask://HOST:PORT, e.g. dask://10.0.0.5:8786")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout_s).close()
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise ConfigError(f"cannot reach the Dask scheduler at {address} ({reason}): start it with "
                          f"`dask scheduler`, or use --task-runner thread") from exc


def check_task_runner(kind: str, timeout_s: float = SCHEDULER_TIMEOUT_S) -> str:
    """The task runner name, checked: a known name, prefect-dask installed for Dask, a ``dask://`` scheduler
    reachable within ``timeout_s``. Raises :class:`ConfigError` otherwise.

    >>> check_task_runner('thread')
    'thread'
    """
    kind = kind.strip()
    if kind in ("thread", "process"):
        return kind
    if kind == "dask" or kind.startswith("dask://"):
        # looked up, not imported: importing it imports Prefect, which must not happen before flows.prefect_env
        if importlib.util.find_spec("prefect_dask") is None:
            raise ConfigError("--task-runner dask needs the prefect-dask package (`make setup` installs it)")
        if kind != "dask":
            _check_scheduler(kind, timeout_s)
        return kind
    raise ConfigError(f"unknown task runner {kind!r}: use {RUNNERS}")


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
    raise ConfigError(f"unknown task runner {kind!r}: use {RUNNERS}")
