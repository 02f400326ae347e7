"""Shared fixtures: the real cluster (started if needed), a fresh database per xdist worker,
and the shared real data (in CI a missing file fails the test instead of skipping it)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from psycopg import sql as pgsql
from psycopg.rows import dict_row

from landdb.settings import PROJECT_ROOT, Settings, get_settings
from tests.xdist_costs import (  # noqa: F401 - hooks: `make test` hands out files by cost, prints worker loads
    pytest_runtest_logreport,
    pytest_terminal_summary,
    pytest_xdist_make_scheduler,
)

SHARED = Path(os.environ.get("LANDDB_SHARED_DIR", PROJECT_ROOT.parent / "shared"))
REALDATA = SHARED / "realdata"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# The user's own server, if any; the test session later points LANDDB_DATABASE_URL at its own databases.
USER_DATABASE_URL = os.environ.get("LANDDB_DATABASE_URL") or None


def server_settings() -> Settings:
    """Settings of the server the tests make their databases on (the project's cluster unless the user named one)."""
    return Settings(database_url=USER_DATABASE_URL)


def need_file(path: Path) -> Path:
    """Return ``path``; skip the test if it is missing, or fail it in CI."""
    if not path.exists():
        message = f"shared data missing: {path}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def realdata() -> Path:
    return need_file(REALDATA)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return need_file(SHARED)


def _worker_db_name(worker_id: str) -> str:
    return f"landdb_test_{worker_id}".replace("-", "_")


def create_database(name: str) -> str:
    """Create (or re-create) a migrated database ``name`` on the test server; returns its URL.

    On the project's cluster it is made exactly as ``landdb db start/migrate`` makes the real one (owned by
    the non-superuser application role, audit log hardened), so tests meet the privileges users have."""
    from landdb import cluster
    from landdb.migrations import migrate

    base = server_settings()
    if base.uses_own_cluster:  # a copy of the migrated template: the same database, without migrating again
        return cluster.clone_database(base, migrated_template(base), name)
    with psycopg.connect(base.url, autocommit=True) as admin:  # a server of the user's own: its URL's rights
        admin.execute(pgsql.SQL("drop database if exists {} with (force)").format(pgsql.Identifier(name)))
        admin.execute(pgsql.SQL("create database {}").format(pgsql.Identifier(name)))
    head, _, _ = base.url.rpartition("/")
    url = f"{head}/{name}"
    migrate(Settings(database_url=url))
    return url


TEMPLATE_PREFIX = "landdb_test_template_"
_templates: dict[str, str] = {}


def _template_name() -> str:
    """The template's name carries a digest of what makes it (migrations, admin SQL, the migration code), so a
    changed migration makes a new template and a stale one is never cloned."""
    from landdb.sql import sql_path

    digest = hashlib.sha256()
    files = [*sql_path("migrations").iterdir(), *sql_path("admin").iterdir(),
             PROJECT_ROOT / "landdb" / "migrations.py", PROJECT_ROOT / "landdb" / "cluster.py"]
    for path in sorted(f for f in files if f.is_file()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return TEMPLATE_PREFIX + digest.hexdigest()[:12]


def migrated_template(base: Settings) -> str:
    """The name of a database on the project's cluster made by ``landdb.cluster.create_database`` (prepared,
    migrated, hardened) once for every test process of every session with the same migrations; test databases
    are copies of it (``CREATE DATABASE … TEMPLATE``: everything inside a database, owners and grants too)."""
    from landdb import cluster

    name = _template_name()
    if name in _templates:
        return name
    cluster.start(base)
    with cluster.admin_connect(base) as admin:
        admin.execute("select pg_advisory_lock(hashtext('landdb test template'))")  # one builder at a time
        try:
            if admin.execute("select 1 from pg_database where datname = %s", (name,)).fetchone() is None:
                building = f"{name}_building"
                cluster.create_database(base, building, replace=True)
                admin.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = %s",
                              (building,))
                admin.execute(pgsql.SQL("alter database {} rename to {}").format(
                    pgsql.Identifier(building), pgsql.Identifier(name)))  # only a finished template has the name
                stale = admin.execute("select datname from pg_database where datname like %s and datname <> %s",
                                      (TEMPLATE_PREFIX + "%", name)).fetchall()
                for (old,) in stale:
                    admin.execute(pgsql.SQL("drop database if exists {} with (force)").format(pgsql.Identifier(old)))
        finally:
            admin.execute("select pg_advisory_unlock(hashtext('landdb test template'))")
    _templates[name] = name
    return name


def drop_database(name: str) -> None:
    """Drop a test database made by :func:`create_database`."""
    from landdb import cluster

    base = server_settings()
    if base.uses_own_cluster:
        cluster.drop_database(base, name)
        return
    with psycopg.connect(base.url, autocommit=True) as admin:
        admin.execute(pgsql.SQL("drop database if exists {} with (force)").format(pgsql.Identifier(name)))


@contextmanager
def database_in_use(url: str) -> Iterator[str]:
    """Make ``url`` the database of this process and its subprocesses (LANDDB_DATABASE_URL) for a while."""
    from landdb.db import close_pools

    previous = os.environ.get("LANDDB_DATABASE_URL")
    os.environ["LANDDB_DATABASE_URL"] = url
    get_settings.cache_clear()
    try:
        yield url
    finally:
        close_pools()
        if previous is None:
            os.environ.pop("LANDDB_DATABASE_URL", None)
        else:
            os.environ["LANDDB_DATABASE_URL"] = previous
        get_settings.cache_clear()


@pytest.fixture(scope="session")
def db_settings(worker_id: str) -> Iterator[Settings]:
    """Settings pointing at a fresh, migrated database for this test worker on the real cluster."""
    test_url = create_database(_worker_db_name(worker_id))
    with database_in_use(test_url):  # subprocesses (CLI tests) use the same database
        yield Settings(database_url=test_url)


@pytest.fixture
def conn(db_settings: Settings) -> Iterator[psycopg.Connection]:
    """A connection to the worker's test database (dict rows, autocommit off)."""
    with psycopg.connect(db_settings.url, row_factory=dict_row) as connection:
        yield connection
