"""Work written once as steps and run on either kind of connection.

A *steps* generator hands out one statement at a time — ``rows = yield sql, params`` — receives its rows, and
returns its answer. A third item ``False`` (``yield sql, params, False``) runs the statement unprepared: planned
for its parameters every time, for a statement whose generic plan is bad (psycopg prepares a statement from its
fifth run on a connection, and PostgreSQL may then plan it once for any parameters).
:func:`run` executes the statements on a psycopg connection (CLI, exports, thread-pool routes); :func:`run_async`
on an asyncio one (the web app's hot routes, which then never hop to a worker thread).
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import psycopg

Steps = Generator[tuple[Any, ...], list[dict[str, Any]], Any]    # yields (sql, params[, prepare])


def run(conn: psycopg.Connection, steps: Steps) -> Any:
    """Run ``steps`` on ``conn``: each statement executed and its rows sent back; the steps' return value.

    >>> def two():
    ...     rows = yield "select 1", {}
    ...     return len(rows)
    >>> class Fake:
    ...     def execute(self, sql, params, prepare=None):
    ...         return self
    ...     def fetchall(self):
    ...         return [{"a": 1}]
    >>> run(Fake(), two())
    1
    """
    rows: list[dict[str, Any]] | None = None
    while True:
        try:
            sql, params, *prepare = steps.send(rows)  # type: ignore[arg-type]
        except StopIteration as done:
            return done.value
        rows = conn.execute(sql, params, prepare=prepare[0] if prepare else None).fetchall()


async def run_async(conn: psycopg.AsyncConnection, steps: Steps) -> Any:
    """:func:`run` on an asyncio connection."""
    rows: list[dict[str, Any]] | None = None
    while True:
        try:
            sql, params, *prepare = steps.send(rows)  # type: ignore[arg-type]
        except StopIteration as done:
            return done.value
        rows = await (await conn.execute(sql, params, prepare=prepare[0] if prepare else None)).fetchall()
