"""SQL of the QA rules lives in ``sql/qa/``: this module loads it and fills in table names.

Rule SQL refers to the parcels it checks as ``{parcels}`` so that the same file runs on the
working copy of the main ``parcel`` table or of a scratch table loaded from a file.

>>> "{parcels}" in text("overlap")
True
>>> composed("overlap", parcels="pg_temp.qa_work").as_string(None).count('"qa_work"') >= 2
True
"""

from __future__ import annotations

from psycopg import sql as pgsql

from landdb.sql import fill, sql_text


def text(name: str) -> str:
    """The text of ``sql/qa/<name>.sql`` (cached by :func:`landdb.sql.sql_text`)."""
    return sql_text("qa", name)


def composed(name: str, **parts: str | pgsql.Composable) -> pgsql.Composed:
    """``sql/qa/<name>.sql`` with ``{placeholders}`` filled: strings are identifiers, Composables as given."""
    return fill(text(name), **parts)
