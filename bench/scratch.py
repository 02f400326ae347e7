"""A scratch database of a benchmark's own, made like the real one (application role, hardened audit log)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql as pgsql

from landdb.settings import Settings, get_settings


def fresh_database(base: Settings, name: str) -> str:
    """Drop and re-create database ``name``, migrated; returns its URL."""
    from landdb import cluster
    from landdb.migrations import migrate

    if base.uses_own_cluster:
        return cluster.create_database(base, name, replace=True)
    with psycopg.connect(base.url, autocommit=True) as admin:
        admin.execute(pgsql.SQL("drop database if exists {} with (force)").format(pgsql.Identifier(name)))
        admin.execute(pgsql.SQL("create database {}").format(pgsql.Identifier(name)))
    url = base.url.rpartition("/")[0] + "/" + name
    migrate(Settings(database_url=url))
    return url


def drop_database(base: Settings, name: str) -> None:
    from landdb import cluster

    if base.uses_own_cluster:
        cluster.drop_database(base, name)
        return
    with psycopg.connect(base.url, autocommit=True) as admin:
        admin.execute(pgsql.SQL("drop database if exists {} with (force)").format(pgsql.Identifier(name)))


@contextmanager
def database_url_kept() -> Iterator[None]:
    """Whatever a benchmark does to ``LANDDB_DATABASE_URL`` (pointing it at its own database) is undone after."""
    saved = os.environ.get("LANDDB_DATABASE_URL")
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("LANDDB_DATABASE_URL", None)
        else:
            os.environ["LANDDB_DATABASE_URL"] = saved
        get_settings.cache_clear()
