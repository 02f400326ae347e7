"""Who is asking: a bearer token (``Authorization: Bearer …``, scripts and GIS clients, no CSRF) or the session
cookie of a logged-in browser (CSRF token required on every state-changing request). FastAPI dependencies."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg
from fastapi import Depends, Request

from landdb.db import get_pool, get_read_pool, transaction
from landdb.settings import get_settings
from web.accounts import User, session_user, token_user
from web.errors import CsrfError, Forbidden, NotAuthenticated

SESSION_COOKIE = "landdb_session"
LOGIN_CSRF_COOKIE = "landdb_login_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def db() -> Iterator[psycopg.Connection]:
    """A pooled connection for one request, in autocommit: a read is one round trip per statement with no
    transaction around it, and every write opens its own (``writing``, ``conn.transaction()``)."""
    with get_pool(get_settings()).connection() as conn:
        conn.autocommit = True
        try:
            yield conn
        finally:
            if conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
                conn.autocommit = False


def read_db(primary: psycopg.Connection = Depends(db)) -> Iterator[psycopg.Connection]:
    """The connection an officer's read uses (search, parcel pages, tiles, exports): one from the read pool —
    ``LANDDB_READ_DATABASE_URL``, a streaming replica or pgbouncer in front of one — when that is set, else
    the request's primary connection. Writes (review, users, log-ins, sessions) always use :func:`db`; a read
    on a replica may lag the primary by the replication delay (docs/scale-out.md)."""
    if not get_settings().read_database_url:
        yield primary
        return
    with get_read_pool(get_settings()).connection() as conn:
        conn.autocommit = True
        try:
            yield conn
        finally:
            if conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
                conn.autocommit = False


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def current_user(request: Request, conn: psycopg.Connection = Depends(db)) -> User:
    """The user behind the request's token or session cookie (NotAuthenticated otherwise)."""
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise NotAuthenticated("the Authorization header must be 'Bearer TOKEN'")
        return token_user(conn, token.strip())
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        raise NotAuthenticated("log in first")
    return session_user(conn, cookie)


async def check_csrf(request: Request, expected: str) -> None:
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        sent = (await request.form()).get(CSRF_FIELD)
    if not expected or not isinstance(sent, str) or not secrets.compare_digest(sent, expected):
        raise CsrfError("the form is stale or did not come from this site (CSRF token missing or wrong); "
                        "reload the page and try again")


def require(role: str) -> Callable[..., User]:
    """A dependency: the current user, if their role is ``role`` or higher (403 otherwise); a browser
    session's state-changing request must carry its CSRF token."""

    async def dependency(request: Request, user: User = Depends(current_user)) -> User:
        if request.method not in SAFE_METHODS and user.via == "session":
            await check_csrf(request, user.csrf_token or "")
        if not user.may(role):
            raise Forbidden(f"{user.username} is {user.role}; this needs {role}")
        return user

    return dependency


officer = require("officer")
reviewer = require("reviewer")
admin = require("admin")


@contextmanager
def writing(conn: psycopg.Connection, user: User) -> Iterator[psycopg.Connection]:
    """One committed transaction for a user's write, audited as ``web:<user>``."""
    with transaction(f"web:{user.username}", conn):
        yield conn
