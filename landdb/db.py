"""Database access: a psycopg 3 connection pool, transactions that know who is acting,
and optimistic-concurrency updates.

Every transaction opened with :func:`transaction` sets ``landdb.actor`` so the
audit trigger (``sql/migrations``) records who made each write.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool, ConnectionPool

from landdb.errors import ConflictError, DatabaseError, NotFoundError
from landdb.secrets import redact
from landdb.settings import Settings, get_settings
from landdb.sql import query

_pools: dict[str, ConnectionPool] = {}
_lock = threading.Lock()

# Every session landdb opens straight to PostgreSQL: PostgreSQL's notices unsent, and no JIT. PostGIS functions and
# city-size row estimates carry high costs, so statements crossed ``jit_above_cost`` and paid for LLVM compilation
# more than they cost to run: QA ``duplicate_vertex`` on a 3,000-parcel commune 2.3 s of which JIT 2.1 s
# (docs/scale.md); a parcel-key search at 2,500,000 parcels 885 ms of which ≈ 830 ms compiling, against ≈ 20 ms
# without (docs/search.md). The project's cluster also sets ``jit = off`` on the application role
# (landdb/cluster.py), which reaches sessions opened through pgbouncer (no startup options there) and replicas.
SESSION_OPTIONS = "-c client_min_messages=warning -c jit=off"


def get_pool(settings: Settings | None = None) -> ConnectionPool:
    """The process-wide pool for the configured database (created on first use)."""
    settings = settings or get_settings()
    url = settings.url
    with _lock:
        pool = _pools.get(url)
        if pool is None:
            pool = ConnectionPool(
                url, min_size=1, max_size=settings.pool_max_size, open=True,
                kwargs={"row_factory": dict_row, "options": SESSION_OPTIONS}, name="landdb",
            )
            _pools[url] = pool
    return pool


def get_read_pool(settings: Settings | None = None) -> ConnectionPool:
    """The pool officers' reads use: on ``LANDDB_READ_DATABASE_URL`` (a streaming replica, or pgbouncer in front
    of one) when it is set, else the primary's pool.

    Its connections never prepare statements server-side (``prepare_threshold=None``): a transaction pooler
    such as pgbouncer 1.18 hands each transaction to any server connection, where a statement prepared on
    another one does not exist."""
    settings = settings or get_settings()
    if not settings.read_database_url:
        return get_pool(settings)
    key = "read:" + settings.read_database_url
    with _lock:
        pool = _pools.get(key)
        if pool is None:
            pool = ConnectionPool(
                settings.read_database_url, min_size=1, max_size=settings.pool_max_size, open=True,
                kwargs={"row_factory": dict_row, "prepare_threshold": None}, name="landdb-read",
            )
            _pools[key] = pool
    return pool


def async_read_pool(settings: Settings | None = None) -> AsyncConnectionPool:
    """A new asyncio pool for officers' reads, on the same database as :func:`get_read_pool` and with its
    settings, its connections in autocommit (reads only). Not opened: its owner opens it in its event loop and
    closes it there (the web app's lifespan)."""
    settings = settings or get_settings()
    url = settings.read_database_url or settings.url
    kwargs: dict[str, Any] = {"row_factory": dict_row, "autocommit": True}
    if settings.read_database_url:
        kwargs["prepare_threshold"] = None     # a transaction pooler may sit in front (see get_read_pool)
    else:
        kwargs["options"] = SESSION_OPTIONS
    return AsyncConnectionPool(url, min_size=1, max_size=settings.pool_max_size, open=False, kwargs=kwargs,
                               name="landdb-read-async")


def close_pools() -> None:
    with _lock:
        for pool in _pools.values():
            pool.close()
        _pools.clear()


def connect(settings: Settings | None = None, **kwargs: Any) -> psycopg.Connection:
    """A fresh connection outside the pool (for tools, tests and long jobs).

    PostgreSQL's notices (one per invalid geometry from ``ST_IsValid``, thousands on a real map) are not sent:
    nothing reads them, and a signal that lands while psycopg runs its notice callback is swallowed there
    (``Exception ignored in notice_receiver``), so a SIGTERM could not stop a long check. No JIT
    (:data:`SESSION_OPTIONS`)."""
    settings = settings or get_settings()
    kwargs.setdefault("options", SESSION_OPTIONS)
    try:
        return psycopg.connect(settings.url, row_factory=dict_row, **kwargs)
    except psycopg.OperationalError as exc:
        reason = redact(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__, settings.password)
        raise DatabaseError(f"cannot connect to {settings.safe_url}: {reason}. Is the cluster up? `make db`") from exc


@contextmanager
def transaction(actor: str, conn: psycopg.Connection | None = None) -> Iterator[psycopg.Connection]:
    """One transaction in which every write is attributed to ``actor`` in the audit log."""
    if not actor:
        raise ValueError("a transaction that writes must name its actor")
    if conn is not None:
        with conn.transaction():
            conn.execute(query("audit/set_actor"), (actor,))
            yield conn
        return
    with get_pool().connection() as pooled, pooled.transaction():
        pooled.execute(query("audit/set_actor"), (actor,))
        yield pooled


def update_versioned(
    conn: psycopg.Connection, table: str, row_id: int, expected_version: int, changes: dict[str, Any]
) -> int:
    """Update one row only if it still has ``expected_version``; returns the new version.

    Raises :class:`ConflictError` when someone else changed the row first, and
    :class:`NotFoundError` when it does not exist. Two concurrent callers with the
    same version: exactly one wins (the other re-checks ``version`` after the first
    commits and finds it changed).
    """
    if not changes:
        raise ValueError("nothing to update")
    from psycopg import sql as pgsql

    assignments = pgsql.SQL(", ").join(
        pgsql.SQL("{} = {}").format(pgsql.Identifier(col), pgsql.Placeholder(col)) for col in changes
    )
    statement = pgsql.SQL(query("audit/update_versioned")).format(
        table=pgsql.Identifier(table), assignments=assignments
    )
    row = conn.execute(statement, {**changes, "id": row_id, "expected_version": expected_version}).fetchone()
    if row is not None:
        return row["version"] if isinstance(row, dict) else row[0]
    exists = conn.execute(
        pgsql.SQL(query("audit/row_version")).format(table=pgsql.Identifier(table)), {"id": row_id}
    ).fetchone()
    if exists is None:
        raise NotFoundError(f"{table} {row_id} does not exist")
    current = exists["version"] if isinstance(exists, dict) else exists[0]
    raise ConflictError(
        f"{table} {row_id} was changed by someone else (you edited version {expected_version}, "
        f"it is now version {current}); reload and apply your change again"
    )
