"""Who is asking: a bearer token (``Authorization: Bearer …``, scripts and GIS clients, no CSRF) or the session
cookie of a logged-in browser (CSRF token required on every state-changing request). FastAPI dependencies."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg
from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from landdb.db import get_pool, get_read_pool, transaction
from landdb.settings import Settings, get_settings
from web.accounts import User, session_user, token_hash, token_user
from web.errors import CsrfError, Forbidden, NotAuthenticated
from web.token_cache import TokenCache, token_cache

SESSION_COOKIE = "landdb_session"
LOGIN_CSRF_COOKIE = "landdb_login_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def _autocommit(pool) -> Iterator[psycopg.Connection]:
    with pool.connection() as conn:
        conn.autocommit = True
        try:
            yield conn
        finally:
            if conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
                conn.autocommit = False


@contextmanager
def pooled() -> Iterator[psycopg.Connection]:
    """A pooled connection for one request, in autocommit: a read is one round trip per statement with no
    transaction around it, and every write opens its own (``writing``, ``conn.transaction()``)."""
    yield from _autocommit(get_pool(get_settings()))


@contextmanager
def read_pooled() -> Iterator[psycopg.Connection]:
    """The connection an officer's read uses (search, parcel pages, tiles, exports): one from the read pool —
    ``LANDDB_READ_DATABASE_URL``, a streaming replica or pgbouncer in front of one — when that is set, else
    the primary's (:func:`pooled`). Writes (review, users, log-ins, sessions) always use the primary; a read
    on a replica may lag the primary by the replication delay (docs/scale-out.md)."""
    yield from _autocommit(get_read_pool(get_settings()))


def db() -> Iterator[psycopg.Connection]:
    """:func:`pooled` as a dependency. A hot route takes ``pooled()`` in its own body instead: a dependency that
    yields costs two more hops through the thread pool (enter and exit), each a wait for a thread on a busy
    machine."""
    with pooled() as conn:
        yield conn


def read_db() -> Iterator[psycopg.Connection]:
    """:func:`read_pooled` as a dependency (for the routes that are not hot)."""
    with read_pooled() as conn:
        yield conn


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("the Authorization header must be 'Bearer TOKEN'")
    return token.strip()


def authenticate(request: Request, conn: psycopg.Connection) -> User:
    """The user behind the request's token or session cookie (NotAuthenticated otherwise); a bearer token's
    answer is kept by web/token_cache.py."""
    token = _bearer(request)
    if token is not None:
        cache = _token_cache()
        key = token_hash(token)
        user = cache.get(key)
        if user is None:
            generation = cache.generation()
            user = token_user(conn, token)
            cache.put(key, user, generation)
        return user
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        raise NotAuthenticated("log in first")
    return session_user(conn, cookie)


_current: tuple[Settings, TokenCache] | None = None


def _token_cache() -> TokenCache:
    """The process's token cache for the configured database, found once per settings object: ``Settings.url``
    reads the password file on the project's own cluster, a cost on every request otherwise."""
    global _current
    settings = get_settings()
    if _current is None or _current[0] is not settings:
        _current = (settings, token_cache(settings.url))
    return _current[1]


def _authenticate_pooled(request: Request) -> User:
    with pooled() as conn:
        return authenticate(request, conn)


async def current_user(request: Request) -> User:
    """:func:`authenticate` as a dependency: a bearer token found in the cache costs no thread hop and no query."""
    token = _bearer(request)
    if token is not None:
        user = _token_cache().get(token_hash(token))
        if user is not None:
            return user
    return await run_in_threadpool(_authenticate_pooled, request)


async def check_csrf(request: Request, expected: str) -> None:
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        sent = (await request.form()).get(CSRF_FIELD)
    if not expected or not isinstance(sent, str) or not secrets.compare_digest(sent, expected):
        raise CsrfError("the form is stale or did not come from this site (CSRF token missing or wrong); "
                        "reload the page and try again")


async def permit(request: Request, user: User, role: str) -> User:
    """``user``, if their role is ``role`` or higher (403 otherwise); a browser session's state-changing request
    must carry its CSRF token."""
    if request.method not in SAFE_METHODS and user.via == "session":
        await check_csrf(request, user.csrf_token or "")
    if not user.may(role):
        raise Forbidden(f"{user.username} is {user.role}; this needs {role}")
    return user


async def authorized(request: Request, role: str) -> User:
    """:func:`require` for a plain Starlette route (the hot ones, web/routes/api.py ``hot_routes``)."""
    return await permit(request, await current_user(request), role)


def require(role: str) -> Callable[..., User]:
    """A dependency: the current user, if their role is ``role`` or higher (:func:`permit`)."""

    async def dependency(request: Request, user: User = Depends(current_user)) -> User:
        return await permit(request, user, role)

    return dependency


officer = require("officer")
reviewer = require("reviewer")
admin = require("admin")


@contextmanager
def writing(conn: psycopg.Connection, user: User) -> Iterator[psycopg.Connection]:
    """One committed transaction for a user's write, audited as ``web:<user>``."""
    with transaction(f"web:{user.username}", conn):
        yield conn
