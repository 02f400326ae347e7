"""Before a build runs on a Dask scheduler (``--task-runner dask://HOST:PORT``): every worker must read the batch
at the same path as the machine that starts the build, and write to the same database.

Scans on a shared path are a requirement of a multi-machine build (an NFS or SMB share mounted at the same place
on every machine, or the same folder synced before the run): a document a worker cannot read would otherwise
fail on that worker only, one by one. A worker whose ``LANDDB_DATABASE_URL`` names another database (or none:
its own local cluster) would load documents where nobody looks. Both are refused here, with the worker named,
before the run row is written.
"""

from __future__ import annotations

import os
from typing import Any

from landdb.errors import ConfigError
from landdb.settings import Settings, get_settings
from landdb.sql import query

CONNECT_TIMEOUT_S = 10.0


def database_identity(settings: Settings) -> tuple[str, int, str]:
    """(cluster system identifier, database OID, database name) of the database ``settings`` reach."""
    from landdb.db import connect

    with connect(settings, connect_timeout=10) as conn:
        row = conn.execute(query("ingest/database_identity")).fetchone()
    return row["cluster"], row["oid"], row["name"]


def probe(paths: list[str]) -> dict[str, Any]:
    """Run on each worker (``Client.run``): which of ``paths`` it cannot read, and which database it reaches."""
    unreadable = [p for p in paths if not os.access(p, os.R_OK)]
    answer: dict[str, Any] = {"unreadable": unreadable[:3], "unreadable_count": len(unreadable)}
    try:
        answer["database"] = database_identity(get_settings())
    except Exception as exc:  # noqa: BLE001 - reported to the machine that starts the build, one line
        answer["database_error"] = str(exc).splitlines()[0][:300]
    return answer


def check_dask_workers(address: str, paths: list[str], settings: Settings,
                       timeout_s: float = CONNECT_TIMEOUT_S) -> int:
    """Ask every worker of the scheduler at ``address`` (``HOST:PORT``) to :func:`probe`; returns how many
    answered. Raises :class:`ConfigError` naming the first worker that cannot read the batch or reaches
    another database, or when the scheduler has no workers."""
    from distributed import Client

    try:
        client = Client(f"tcp://{address}", timeout=timeout_s)
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"cannot connect to the Dask scheduler at {address}: {exc}") from exc
    with client:
        try:
            answers = client.run(probe, paths)
        except ModuleNotFoundError as exc:
            raise ConfigError(f"a Dask worker of {address} cannot import landdb ({exc}): install landdb on every "
                              f"worker machine, or start `dask worker` with landdb on its PYTHONPATH") from exc
    if not answers:
        raise ConfigError(f"the Dask scheduler at {address} has no workers: start `dask worker tcp://{address}` "
                          f"on each machine")
    ours = database_identity(settings)
    for worker, answer in sorted(answers.items()):
        if answer["unreadable_count"]:
            raise ConfigError(
                f"Dask worker {worker} cannot read {answer['unreadable_count']} of the batch's {len(paths)} "
                f"documents (first: {answer['unreadable'][0]}): scans must be on a shared path that every "
                f"worker mounts at the same place as this machine")
        if "database_error" in answer:
            raise ConfigError(f"Dask worker {worker} cannot reach its database: {answer['database_error']}")
        if tuple(answer["database"]) != ours:
            raise ConfigError(
                f"Dask worker {worker} writes to another database ({answer['database'][2]} of cluster "
                f"{answer['database'][0]}) than this build ({ours[2]} of cluster {ours[0]}): set the same "
                f"LANDDB_DATABASE_URL on every worker")
    return len(answers)
