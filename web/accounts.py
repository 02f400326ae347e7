"""Accounts, sessions, API tokens and log-in rate limiting: plain functions over a connection, used by the
web app and by ``landdb users``.

Secrets never reach the database: passwords are argon2id hashes; session cookies and API tokens are random
and stored as their sha256 (a leaked table cannot be replayed).

>>> token_hash("abc") == token_hash("abc") != token_hash("abd")
True
>>> new_secret("ldb_").startswith("ldb_") and len(new_secret("ldb_")) > 40
True
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

import psycopg
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from landdb.errors import ConflictError, NotFoundError, ValidationError
from landdb.sql import query
from web.errors import NotAuthenticated, RateLimited
from web.settings import WebSettings

ROLES = ("officer", "reviewer", "admin")
# what each role may do; a higher role includes the lower ones
RANK = {"officer": 1, "reviewer": 2, "admin": 3}
MIN_PASSWORD = 10
TOKEN_PREFIX = "ldb_"

_hasher = PasswordHasher()
# verified against when the user name is unknown, so a wrong name costs as long as a wrong password
_DUMMY_HASH = _hasher.hash("not a password of anyone")


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str
    csrf_token: str | None = None   # set for a browser session; None for a bearer token
    via: str = "session"            # session | token

    def may(self, role: str) -> bool:
        return RANK[self.role] >= RANK[role]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_secret(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"the password must have at least {MIN_PASSWORD} characters")


def add_user(conn: psycopg.Connection, username: str, role: str, password: str, created_by: str) -> dict[str, Any]:
    """Create an account (commits nothing: the caller's transaction)."""
    if role not in ROLES:
        raise ValidationError(f"role {role!r} is not one of {', '.join(ROLES)}")
    check_password(password)
    name = username.strip().lower()
    if conn.execute(query("web/user_by_name"), {"username": name}).fetchone() is not None:
        raise ConflictError(f"user {name!r} already exists")
    try:
        with conn.transaction():
            return conn.execute(query("web/user_insert"), {
                "username": name, "role": role, "password_hash": _hasher.hash(password), "created_by": created_by,
            }).fetchone()
    except psycopg.errors.CheckViolation as exc:
        raise ValidationError(f"user name {name!r}: 2–63 characters a-z, 0-9, '.', '_' or '-'") from exc


def list_users(conn: psycopg.Connection) -> list[dict[str, Any]]:
    return conn.execute(query("web/user_list")).fetchall()


def disable_user(conn: psycopg.Connection, username: str) -> dict[str, Any]:
    """Disable an account: its sessions end and its tokens stop working at once."""
    row = conn.execute(query("web/user_disable"), {"username": username.strip().lower()}).fetchone()
    if row is None:
        raise NotFoundError(f"no user {username!r}")
    conn.execute(query("web/user_revoke_all"), {"user_id": row["id"]})
    return row


def new_token(conn: psycopg.Connection, username: str, label: str | None = None) -> str:
    """A new personal API token for ``username`` (shown once; only its hash is kept)."""
    user = conn.execute(query("web/user_by_name"), {"username": username.strip().lower()}).fetchone()
    if user is None:
        raise NotFoundError(f"no user {username!r}")
    if user["disabled"]:
        raise ValidationError(f"user {username!r} is disabled")
    token = new_secret(TOKEN_PREFIX)
    conn.execute(query("web/token_insert"), {
        "user_id": user["id"], "token_hash": token_hash(token), "prefix": token[:10], "label": label,
    })
    return token


def list_tokens(conn: psycopg.Connection, username: str) -> list[dict[str, Any]]:
    """A user's tokens; :class:`NotFoundError` for a user name that matches no account."""
    if conn.execute(query("web/user_by_name"), {"username": username.strip().lower()}).fetchone() is None:
        raise NotFoundError(f"no user {username!r}")
    return conn.execute(query("web/token_list"), {"username": username.strip().lower()}).fetchall()


def revoke_token(conn: psycopg.Connection, username: str, prefix: str) -> None:
    if conn.execute(query("web/token_revoke"), {"username": username.strip().lower(), "prefix": prefix}
                    ).fetchone() is None:
        raise NotFoundError(f"user {username!r} has no live token starting {prefix!r}")


def token_user(conn: psycopg.Connection, token: str) -> User:
    row = conn.execute(query("web/token_user"), {"token_hash": token_hash(token)}).fetchone()
    if row is None:
        raise NotAuthenticated("the token is unknown, revoked, or its user is disabled")
    if row["stale"]:
        with conn.transaction():
            conn.execute(query("web/token_touch"), {"id": row["token_id"]})
    return User(row["id"], row["username"], row["role"], via="token")


def session_user(conn: psycopg.Connection, session_token: str) -> User:
    row = conn.execute(query("web/session_user"), {"token_hash": token_hash(session_token)}).fetchone()
    if row is None:
        raise NotAuthenticated("the session has ended; log in again")
    return User(row["id"], row["username"], row["role"], csrf_token=row["csrf_token"])


def log_in(conn: psycopg.Connection, username: str, password: str, address: str,
           settings: WebSettings) -> tuple[User, str]:
    """Check a log-in (rate limited per user name and address); returns the user and a new session token.

    Every attempt is recorded (committed even when the log-in fails), so the limit holds across server
    processes. The connection may be in autocommit or not: each write is its own transaction block.
    """
    name = username.strip().lower()[:64]
    window = settings.login_window_minutes * 60
    counts = conn.execute(query("web/login_failures"),
                          {"username": name, "address": address, "window": window}).fetchone()
    if counts["by_user"] >= settings.login_max_failures_user or \
            counts["by_address"] >= settings.login_max_failures_address:
        raise RateLimited(f"too many failed log-ins; try again in {settings.login_window_minutes:g} minutes",
                          retry_after_s=int(window))
    row = conn.execute(query("web/user_by_name"), {"username": name}).fetchone()
    ok = _verify(row["password_hash"] if row else _DUMMY_HASH, password) and row is not None \
        and not row["disabled"]
    if not ok:
        with conn.transaction():
            conn.execute(query("web/login_attempt_insert"), {"username": name, "address": address, "ok": False})
        raise NotAuthenticated("wrong user name or password")
    session_token = new_secret()
    csrf = new_secret()
    with conn.transaction():
        conn.execute(query("web/login_attempt_insert"), {"username": name, "address": address, "ok": True})
        if _hasher.check_needs_rehash(row["password_hash"]):
            conn.execute(query("web/user_set_password"),
                         {"user_id": row["id"], "password_hash": _hasher.hash(password)})
        conn.execute(query("web/session_insert"), {
            "token_hash": token_hash(session_token), "user_id": row["id"], "csrf_token": csrf, "address": address,
            "seconds": settings.session_hours * 3600,
        })
        conn.execute(query("web/user_touch_login"), {"user_id": row["id"]})
    return User(row["id"], row["username"], row["role"], csrf_token=csrf), session_token


def log_out(conn: psycopg.Connection, session_token: str) -> None:
    conn.execute(query("web/session_end"), {"token_hash": token_hash(session_token)})


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
