"""The life of a finding: ``new → fixed | exception (with a reason) → verified``, with who and when.

Changes go through :func:`landdb.db.update_versioned` (optimistic concurrency: an edit based on a stale
version is refused) inside :func:`landdb.db.transaction` (the audit log records the actor).

>>> check_transition("new", "exception", "road reserve, agreed with the commune")
>>> check_transition("new", "verified", None)
Traceback (most recent call last):
...
landdb.errors.ValidationError: a finding cannot go from 'new' to 'verified' (allowed: exception, fixed)
>>> check_transition("new", "exception", " ")
Traceback (most recent call last):
...
landdb.errors.ValidationError: an exception needs a reason (--reason)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from landdb.db import connect, transaction, update_versioned
from landdb.errors import NotFoundError, ValidationError
from landdb.settings import Settings, get_settings
from qa.sqlfiles import text

TRANSITIONS: dict[str, set[str]] = {
    "new": {"fixed", "exception"},
    "fixed": {"verified", "new"},
    "exception": {"verified", "new"},
    "verified": {"new"},
}


def check_transition(current: str, wanted: str, reason: str | None) -> None:
    """Raise :class:`ValidationError` unless ``current → wanted`` is allowed (an exception needs a reason)."""
    allowed = TRANSITIONS.get(current, set())
    if wanted not in allowed:
        raise ValidationError(
            f"a finding cannot go from {current!r} to {wanted!r} (allowed: {', '.join(sorted(allowed))})")
    if wanted == "exception" and not (reason or "").strip():
        raise ValidationError("an exception needs a reason (--reason)")


def get(finding_id: int, settings: Settings | None = None) -> dict[str, Any]:
    with connect(settings or get_settings()) as conn:
        row = conn.execute(text("finding_get"), {"id": finding_id}).fetchone()
    if row is None:
        raise NotFoundError(f"QA finding {finding_id} does not exist")
    return row


def set_status(finding_id: int, status: str, reason: str | None = None, actor: str | None = None,
               expected_version: int | None = None, settings: Settings | None = None) -> dict[str, Any]:
    """Move a finding to ``status``; ``expected_version`` is the version the person looked at (default: now)."""
    settings = settings or get_settings()
    actor = actor or settings.who
    with connect(settings, autocommit=True) as conn, transaction(actor, conn):
        row = conn.execute(text("finding_get"), {"id": finding_id}).fetchone()
        if row is None:
            raise NotFoundError(f"QA finding {finding_id} does not exist")
        check_transition(row["status"], status, reason)
        version = update_versioned(conn, "qa_finding", finding_id,
                                   row["version"] if expected_version is None else expected_version,
                                   {"status": status, "status_reason": (reason or "").strip() or None,
                                    "status_by": actor, "status_at": dt.datetime.now(dt.UTC)})
        return {**row, "status": status, "status_reason": reason, "status_by": actor, "version": version}
