"""Work written once as steps and run on either kind of connection.

A *steps* generator hands out one statement at a time — ``rows = yield sql, params`` — receives its rows, and
returns its answer. A third item ``False`` (``yield sql, params, False``) runs the statement unprepared: planned
for its parameters every time, for a statement whose generic plan is bad (psycopg prepares a statement from its
fifth run on a connection, and PostgreSQL may then plan it once for any parameters). A third item :data:`LITERAL`
runs it unprepared with its parameters written into the SQL as literals (psycopg's client-side binding, the text
psql is sent; on the demo 0.3–0.5 ms faster than bound parameters unprepared, docs/search.md "Session 7"). A third
item ``True`` prepares it on its first run (a vector tile's statement, whose generic plan is good); on a connection
that never prepares (``prepare_threshold=None``: a transaction pooler in front, landdb/db.py) it runs as LITERAL.
:func:`run` executes the statements on a psycopg connection (CLI, exports, thread-pool routes); :func:`run_async`
on an asyncio one (the web app's hot routes, which then never hop to a worker thread).
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import psycopg

Steps = Generator[tuple[Any, ...], list[dict[str, Any]], Any]    # yields (sql, params[, prepare or LITERAL])
LITERAL = "literal"


def _as_literals(conn: psycopg.Connection | psycopg.AsyncConnection, how: list[Any]) -> bool:
    """Whether a step runs with its parameters written in: asked for, or to be prepared where nothing is."""
    return how == [LITERAL] or (how == [True] and conn.prepare_threshold is None)


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
            sql, params, *how = steps.send(rows)  # type: ignore[arg-type]
        except StopIteration as done:
            return done.value
        if _as_literals(conn, how):
            rows = psycopg.ClientCursor(conn).execute(sql, params, prepare=False).fetchall()
        else:
            rows = conn.execute(sql, params, prepare=how[0] if how else None).fetchall()


async def run_async(conn: psycopg.AsyncConnection, steps: Steps) -> Any:
    """:func:`run` on an asyncio connection."""
    rows: list[dict[str, Any]] | None = None
    while True:
        try:
            sql, params, *how = steps.send(rows)  # type: ignore[arg-type]
        except StopIteration as done:
            return done.value
        if _as_literals(conn, how):
            cursor = await psycopg.AsyncClientCursor(conn).execute(sql, params, prepare=False)
        else:
            cursor = await conn.execute(sql, params, prepare=how[0] if how else None)
        rows = await cursor.fetchall()
