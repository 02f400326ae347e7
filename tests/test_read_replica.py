"""Officers' search served by a streaming read replica while ingest writes to the primary, and through pgbouncer.

The test makes a primary of its own (the project's cluster code, in a temporary ``var/`` on a free port: a
base backup of the developer's cluster could be gigabytes), a replica of it with ``pg_basebackup -R``
(landdb/replica.py), and pgbouncer in transaction pooling in front of the replica (landdb/pgbouncer.py). The web
app reads from ``LANDDB_READ_DATABASE_URL``; its log-in bookkeeping (the API token's last use) still writes to
the primary — a replica refuses writes, so a request that wrote there would fail.

- with WAL replay paused on the replica, a certificate just loaded on the primary is *not* found: search reads
  the replica, not the primary; once replay resumes it is;
- a certificate loaded while search polls the replica through pgbouncer is found within :data:`LAG_BUDGET_S`
  of its load committing (the measured lag is printed).
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from psycopg.rows import dict_row

from landdb.settings import PROJECT_ROOT, Settings, get_settings

pytestmark = [pytest.mark.db, pytest.mark.ocr, pytest.mark.slow]

LAG_BUDGET_S = 5.0   # commit on the primary → found by search on the replica (loopback, idle machine: ≈ 0.1 s)
SAMPLES = PROJECT_ROOT / "sample_scans" / "certificates"
FIRST, SECOND = "gcn_0001_2024_clean.pdf", "gcn_0009_2024_clean.pdf"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _owner(pdf: str) -> str:
    return json.loads((SAMPLES / pdf).with_suffix(".json").read_text(encoding="utf-8"))["owners"][0]["name"]


@contextmanager
def _environment(**values: str | None) -> Iterator[None]:
    from landdb.db import close_pools

    saved = {k: os.environ.get(k) for k in values}
    for key, value in values.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    get_settings.cache_clear()
    close_pools()
    try:
        yield
    finally:
        close_pools()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        get_settings.cache_clear()


@pytest.fixture(scope="module")
def clusters(tmp_path_factory) -> Iterator[tuple[Settings, int, int]]:
    """A primary (migrated, empty), its streaming replica and a pgbouncer in front of the replica."""
    import shutil

    from landdb import cluster, pgbouncer, replica
    from landdb.migrations import migrate

    var = tmp_path_factory.mktemp("replication") / "var"
    primary = Settings(var_dir=var, pg_port=_free_port(), database_url=None, read_database_url=None, ocr_workers=1)
    replica_port, bouncer_port = _free_port(), _free_port()
    cluster.start(primary)
    migrate(primary)
    try:
        replica.start_replica(primary, replica_port)
        pgbouncer.start_pgbouncer(primary, bouncer_port, replica_port)
        yield primary, replica_port, bouncer_port
    finally:
        pgbouncer.stop_pgbouncer(primary, bouncer_port)
        replica.stop_replica(primary, replica_port)
        cluster.stop(primary)
        for name in ("pg", f"pg-replica-{replica_port}", f"pgbouncer-{bouncer_port}"):
            shutil.rmtree((var / name).resolve(), ignore_errors=True)


@pytest.fixture(scope="module")
def token(clusters) -> str:
    from landdb.db import transaction
    from web.accounts import add_user, new_token

    primary, _, _ = clusters
    with psycopg.connect(primary.url, row_factory=dict_row) as conn, transaction("test", conn):
        add_user(conn, "mai", "officer", "a long test password 1", created_by="test")
        return new_token(conn, "mai", "replica test")


def _load(primary: Settings, pdf: str) -> None:
    from flows.runs import open_run
    from flows.steps import ingest_file

    with open_run(primary, scans_dir=str(SAMPLES), arguments={}, task_runner="inline",
                  documents=[str(SAMPLES / pdf)]) as run:
        assert ingest_file(SAMPLES / pdf, run.run_id, settings=primary).outcome == "loaded"
        run.close("done", {})


def _found(client, token: str, name: str) -> list[dict]:
    response = client.get("/api/search", params={"q": name}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    return [r for r in response.json()["results"] if name in (r.get("matched") or "")]


def test_search_reads_the_replica_and_sees_a_load_once_replayed(clusters, token) -> None:
    from fastapi.testclient import TestClient

    from landdb import replica
    from web.app import create_app

    primary, replica_port, _ = clusters
    with _environment(LANDDB_DATABASE_URL=primary.url,
                      LANDDB_READ_DATABASE_URL=replica.replica_url(primary, replica_port)):
        client = TestClient(create_app())
        with replica.admin_connect_replica(primary, replica_port) as admin:
            admin.execute("select pg_wal_replay_pause()")
            try:
                _load(primary, FIRST)
                with psycopg.connect(primary.url) as conn:   # on the primary, it is there
                    assert conn.execute("select count(*) from party where name = %s", (_owner(FIRST),)).fetchone()[0]
                time.sleep(0.5)
                assert _found(client, token, _owner(FIRST)) == [], "search answered from the primary"
            finally:
                admin.execute("select pg_wal_replay_resume()")
        deadline = time.monotonic() + LAG_BUDGET_S
        while not (hits := _found(client, token, _owner(FIRST))):
            assert time.monotonic() < deadline, f"not on the replica {LAG_BUDGET_S} s after replay resumed"
            time.sleep(0.05)
        assert hits[0]["parcel_no"] and hits[0]["sheet_no"]
    with psycopg.connect(primary.url) as conn:   # the token's use was written on the primary
        assert conn.execute("select last_used_at is not null from api_token").fetchone()[0]


def test_search_through_pgbouncer_finds_a_load_within_the_lag_budget(clusters, token) -> None:
    import threading

    from fastapi.testclient import TestClient

    from landdb import pgbouncer
    from web.app import create_app

    primary, replica_port, bouncer_port = clusters
    through = pgbouncer.start_pgbouncer(primary, bouncer_port, replica_port)   # already running: its URL
    with _environment(LANDDB_DATABASE_URL=primary.url, LANDDB_READ_DATABASE_URL=through):
        client = TestClient(create_app())
        assert _found(client, token, _owner(SECOND)) == []
        committed: list[float] = []      # when the load (its own transaction, then the run's bookkeeping) returned
        loader = threading.Thread(target=lambda: (_load(primary, SECOND), committed.append(time.monotonic())))
        loader.start()
        found_at = None
        deadline = time.monotonic() + 120
        while found_at is None and time.monotonic() < deadline:   # officers search while ingest writes
            if _found(client, token, _owner(SECOND)):
                found_at = time.monotonic()
            else:
                time.sleep(0.02)
        loader.join()
        assert found_at is not None and committed
        lag = found_at - committed[0]     # negative: found before the run's bookkeeping after the load ended
        print(f"replica through pgbouncer: found {lag * 1000:+.0f} ms after the load returned")
        assert lag < LAG_BUDGET_S
    log = (Path(primary.var_dir) / f"pgbouncer-{bouncer_port}").resolve() / "postgres.log"
    assert "login attempt: db=landdb user=landdb" in log.read_text(errors="replace")


def test_reads_default_to_the_primary_and_a_bad_read_url_is_named_without_its_password() -> None:
    from landdb.errors import ConfigError

    primary = "postgresql://landdb:s3cret@10.0.0.5:5432/landdb"
    assert Settings(database_url=primary, read_database_url=None).read_url == primary
    replica_url = "postgresql://landdb:s3cret@10.0.0.8:6432/landdb"
    assert Settings(database_url=primary, read_database_url=replica_url).read_url == replica_url
    with pytest.raises(ConfigError) as bad:
        Settings(database_url=primary, read_database_url="postgresql://landdb:s3cret@host/x?nonsense=1")
    assert "read_database_url" in str(bad.value) and "s3cret" not in str(bad.value)
