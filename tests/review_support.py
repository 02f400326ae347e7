"""A private copy of the web tests' demo database for the review tests, which change it (fixes, verifications):
made from the demo database as a template, so it costs a copy, not another OCR run."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql as pgsql

from tests.web_support import PASSWORDS, demo_database, ensure_user, log_in, make_client

REVIEWERS = {"test-reviewer": "reviewer", "test-reviewer2": "reviewer", "test-officer": "officer",
             "test-admin": "admin"}


def password(username: str) -> str:
    return PASSWORDS[REVIEWERS[username]]


def copy_demo(worker_id: str) -> str:
    """A fresh, migrated copy of the demo database; returns its URL."""
    from landdb import cluster
    from landdb.db import close_pools
    from landdb.migrations import migrate
    from landdb.settings import Settings
    from tests.conftest import server_settings

    demo = demo_database(worker_id)
    close_pools()
    head, _, source = demo.rpartition("/")
    name = f"landdb_reviewtest_{worker_id}".replace("-", "_")
    base = server_settings()
    if base.uses_own_cluster:
        url = cluster.clone_database(base, source, name)
        migrate(Settings(database_url=url), harden_as=(base, name))
    else:  # a server of the user's own: its URL's rights
        with psycopg.connect(demo.rpartition("/")[0] + "/postgres", autocommit=True) as admin:
            admin.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = %s "
                          "and pid <> pg_backend_pid()", (source,))
            admin.execute(pgsql.SQL("drop database if exists {} with (force)").format(pgsql.Identifier(name)))
            admin.execute(pgsql.SQL("create database {} template {}").format(pgsql.Identifier(name),
                                                                              pgsql.Identifier(source)))
        url = f"{head}/{name}"
        migrate(Settings(database_url=url))
    for username, role in REVIEWERS.items():
        ensure_user(url, username, role, PASSWORDS[role])
    return url


@pytest.fixture(scope="module")
def review_url(worker_id: str):
    """A copy of the demo database made the app's database for the module."""
    from tests.conftest import database_in_use

    with database_in_use(copy_demo(worker_id)) as url:
        yield url


def client_for(username: str):
    client = make_client()
    assert log_in(client, username, password(username)).status_code == 303
    page = client.get("/review" if REVIEWERS[username] != "officer" else "/search")
    import re

    client.headers["x-csrf-token"] = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    return client


def rows(url: str, sql: str, *args) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql, args).fetchall()
