"""Names a user types (commune codes, rule ids) that match nothing are errors with the close matches
listed, never an empty result that looks clean.

>>> close_matches("overlpa", ["overlap", "gap", "geometry_invalid"])
['overlap']
>>> unknown_name("rule", "bogus", ["overlap", "gap"])
"unknown rule 'bogus'; known: overlap, gap"
>>> unknown_name("commune", "DP0l", ["DP01", "DP02", "26893"])
"unknown commune 'DP0l'; did you mean DP01, DP02?"
"""

from __future__ import annotations

from collections.abc import Sequence

import psycopg
from rapidfuzz import fuzz, process

from landdb.errors import NotFoundError, ValidationError
from landdb.sql import query

__all__ = ["close_matches", "require_commune", "unknown_name"]

SHOWN = 8  # how many known names to list when none is close


def close_matches(name: str, known: Sequence[str], limit: int = 3, cutoff: float = 60.0) -> list[str]:
    """The known names closest to ``name`` (case-insensitive similarity ≥ ``cutoff`` out of 100)."""
    found = process.extract(name, list(known), scorer=fuzz.ratio, processor=str.casefold, limit=limit,
                            score_cutoff=cutoff)
    return [match for match, _score, _index in found]


def unknown_name(kind: str, name: str, known: Sequence[str]) -> str:
    """The one-line message for a ``kind`` named ``name`` that is not among ``known``."""
    close = close_matches(name, known)
    if close:
        return f"unknown {kind} {name!r}; did you mean {', '.join(close)}?"
    if not known:
        return f"unknown {kind} {name!r}; there is none yet"
    listed = ", ".join(known[:SHOWN]) + (f" … ({len(known)} in all)" if len(known) > SHOWN else "")
    return f"unknown {kind} {name!r}; known: {listed}"


def require_commune(conn: psycopg.Connection, code: str | None, option: str = "--commune") -> str | None:
    """``code`` stripped, when the land database knows it (None stays None: every commune).

    A blank code is refused; an unknown one is a :class:`NotFoundError` listing the close matches.
    """
    if code is None:
        return None
    clean = code.strip()
    if not clean:
        raise ValidationError(f"{option} {code!r} is blank; give a commune code (mã xã)")
    if conn.execute(query("geo/commune_known"), {"code": clean}).fetchone()["known"]:
        return clean
    known = [r["code"] for r in conn.execute(query("geo/communes_all")).fetchall()]
    raise NotFoundError(f"{option}: " + unknown_name("commune", clean, known))
