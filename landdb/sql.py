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
def sql_text(*parts: str) -> str:
    """The text of ``sql/<parts…>.sql`` (cached), e.g. ``sql_text("qa", "overlap")``."""
    path = SQL_DIR.joinpath(*parts[:-1], f"{parts[-1]}.sql")
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"no SQL file {path}") from exc


def query(name: str) -> str:
    """The text of ``sql/queries/<name>.sql``."""
    return sql_text("queries", *name.split("/"))


def fill(template: str, **parts: str | pgsql.Composable) -> pgsql.Composed:
    """``template`` with its ``{placeholders}`` filled: strings are (dotted) identifiers, safely quoted;
    Composables go in as given."""
    filled = {k: pgsql.Identifier(*v.split(".")) if isinstance(v, str) else v for k, v in parts.items()}
    return pgsql.SQL(template).format(**filled)


def composed(name: str, **parts: str | pgsql.Composable) -> pgsql.Composed:
    """``sql/queries/<name>.sql`` whose ``{placeholders}`` are identifiers (table/schema names)."""
    return fill(query(name), **parts)


def sql_path(*parts: str) -> Path:
    return SQL_DIR.joinpath(*parts)
