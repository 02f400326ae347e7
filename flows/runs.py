"""A build's run row, kept honest: it ends ``done``, ``partial``, ``failed`` or ``interrupted``.

While a build runs, its own database session holds a PostgreSQL advisory lock keyed by the run id. When the
process ends in any way (kill -9 included) PostgreSQL drops the session and the lock with it, so a run still
marked ``running`` whose lock is free has lost its process: :func:`sweep_interrupted` (called when a build
starts and by ``landdb runs``) marks it ``interrupted``. This works across machines (Dask, Prefect workers) and
needs no superuser rights.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from types import TracebackType

import psycopg
from psycopg.types.json import Jsonb

from landdb import __version__
from landdb.db import connect
from landdb.settings import Settings
from landdb.sql import query

__all__ = ["RunLease", "open_run", "sweep_interrupted", "run_status", "FINAL_STATUSES", "LOCK_CLASS"]

LOCK_CLASS = 0x4C44_5255  # "LDRU": the advisory-lock class of landdb's build runs (objid = run id)
FINAL_STATUSES = ("done", "partial", "failed", "interrupted")


def sweep_interrupted(conn: psycopg.Connection) -> list[int]:
    """Mark as ``interrupted`` every running run whose process is gone; returns their ids.

    Never call it on a connection that holds a run's lock itself (a session can re-take its own lock).
    """
    with conn.transaction():
        rows = conn.execute(query("ingest/sweep_interrupted"), {"lock_class": LOCK_CLASS}).fetchall()
    return [r["id"] for r in rows]


def run_status(outcomes: Mapping[str, int], documents: int) -> str:
    """The final status of a run from its items' outcomes and the number of documents it was given.

    >>> run_status({'loaded': 2, 'skipped': 1}, 3), run_status({'loaded': 2, 'failed': 1}, 3)
    ('done', 'partial')
    >>> run_status({'failed': 3}, 3), run_status({}, 0)
    ('failed', 'done')
    """
    ok = sum(outcomes.get(k, 0) for k in ("loaded", "new_version", "skipped"))
    if ok >= documents:
        return "done"
    return "partial" if ok else "failed"


class RunLease:
    """An open run: its id and the session holding its lock. Close it with a final status (or use ``with``:
    an exception marks the run ``failed``, Ctrl-C ``interrupted``)."""

    def __init__(self, conn: psycopg.Connection, run_id: int) -> None:
        self.conn = conn
        self.run_id = run_id

    def set_commune(self, commune_code: str | None) -> None:
        """Record the commune the documents are loaded with (given or inferred from the map import)."""
        self.conn.execute(query("ingest/set_run_commune"), {"id": self.run_id, "commune_code": commune_code})

    def close(self, status: str, summary: dict) -> None:
        if status not in FINAL_STATUSES:
            raise ValueError(f"not a final run status: {status!r}")
        if self.conn.closed:
            return
        try:
            self.conn.execute(query("ingest/finish_run"), {"id": self.run_id, "status": status,
                                                          "summary": Jsonb(summary)})
            self.conn.execute(query("ingest/release_run"), {"lock_class": LOCK_CLASS, "id": self.run_id})
        finally:
            self.conn.close()

    def __enter__(self) -> RunLease:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if exc is not None and not self.conn.closed:
            if isinstance(exc, Exception):
                self.close("failed", {"error": f"{type(exc).__name__}: {exc}".splitlines()[0][:500]})
            else:
                self.close("interrupted", {"error": f"stopped ({type(exc).__name__}, e.g. Ctrl-C)"})
        elif not self.conn.closed:
            self.conn.close()  # left open without a status: the next sweep finds it interrupted


def open_run(settings: Settings, *, scans_dir: str | None, arguments: dict, task_runner: str,
             documents: list[str], retry_of: int | None = None, commune_code: str | None = None) -> RunLease:
    """Sweep runs whose process is gone, then write the run row with its documents and take its lock.

    The lock is taken before the row is committed, so no other session ever sees the run running and unlocked.
    """
    conn = connect(settings)
    try:
        sweep_interrupted(conn)
        with conn.transaction():
            run_id = conn.execute(query("ingest/start_run"), {
                "run_by": settings.who, "scans_dir": scans_dir, "arguments": Jsonb(arguments),
                "task_runner": task_runner, "retry_of": retry_of, "software_version": __version__,
                "host": socket.gethostname(), "pid": os.getpid(), "commune_code": commune_code,
            }).fetchone()["id"]
            conn.execute(query("ingest/add_run_documents"), {"run_id": run_id, "paths": documents})
            conn.execute(query("ingest/hold_run"), {"lock_class": LOCK_CLASS, "id": run_id})
        conn.autocommit = True
    except BaseException:
        conn.close()
        raise
    return RunLease(conn, run_id)
