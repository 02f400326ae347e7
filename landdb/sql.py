"""SQL lives in ``sql/``: this module finds and loads it.

>>> "select" in query("meta/postgis_version").lower()
True
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from psycopg import sql as pgsql

from landdb.errors import ConfigError
from landdb.settings import PROJECT_ROOT

SQL_DIR = PROJECT_ROOT / "sql"


@cache
def query(name: str) -> str:
    """The text of ``sql/queries/<name>.sql`` (cached)."""
    path = SQL_DIR / "queries" / f"{name}.sql"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"no SQL file {path}") from exc


def composed(name: str, **identifiers: str) -> pgsql.Composed:
    """A query whose ``{placeholders}`` are SQL identifiers (table/schema names), safely quoted."""
    return pgsql.SQL(query(name)).format(**{k: pgsql.Identifier(*v.split(".")) for k, v in identifiers.items()})


def sql_path(*parts: str) -> Path:
    return SQL_DIR.joinpath(*parts)
