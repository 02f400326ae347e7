"""SQL of the QA rules lives in ``sql/qa/``: this module loads it and fills in table names.

Rule SQL refers to the parcels it checks as ``{parcels}`` so that the same file runs on the
working copy of the main ``parcel`` table or of a scratch table loaded from a file.

>>> "{parcels}" in text("overlap")
True
>>> composed("overlap", parcels="pg_temp.qa_work").as_string(None).count('"qa_work"') >= 2
True
"""

from __future__ import annotations

from functools import cache

from psycopg import sql as pgsql

from landdb.errors import ConfigError
from landdb.sql import sql_path


@cache
def text(name: str) -> str:
    """The text of ``sql/qa/<name>.sql`` (cached)."""
    path = sql_path("qa", f"{name}.sql")
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"no QA SQL file {path}") from exc


def identifier(dotted: str) -> pgsql.Identifier:
    """``schema.table`` as a safely quoted identifier."""
    return pgsql.Identifier(*dotted.split("."))


def composed(name: str, **parts: str | pgsql.Composable) -> pgsql.Composed:
    """``sql/qa/<name>.sql`` with ``{placeholders}`` filled: strings are identifiers, Composables as given."""
    filled = {k: identifier(v) if isinstance(v, str) else v for k, v in parts.items()}
    return pgsql.SQL(text(name)).format(**filled)
