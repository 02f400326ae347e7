"""The project's cluster is locked: passwords for every login, a private socket, a non-superuser application
role that cannot empty the audit log or switch its triggers off, and no password in any output but `db url`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from landdb import cluster
from landdb.settings import Settings
from tests.conftest import server_settings

pytestmark = pytest.mark.db


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "landdb.cli.main", *args], capture_output=True, text=True,
                          env=env or os.environ.copy(), timeout=300)


def _own_cluster_env() -> dict[str, str]:
    """The environment of a user of the project's own cluster (not the test database URL)."""
    return {k: v for k, v in os.environ.items() if k != "LANDDB_DATABASE_URL"}



@pytest.fixture(scope="module")
def own() -> Settings:
    settings = server_settings()
    if not settings.uses_own_cluster:
        pytest.skip("LANDDB_DATABASE_URL points at a server of the user's own; its locks are the user's")
    cluster.start(settings)
    return settings


def test_another_os_user_cannot_connect_without_a_password(own: Settings) -> None:
    if os.geteuid() != 0 or shutil.which("runuser") is None:
        pytest.skip("needs root to act as another OS user (CI runs as root)")
    socket_dir = own.pg_dir.resolve() / "run"
    for host in ("127.0.0.1", str(socket_dir)):
        done = subprocess.run(["runuser", "-u", "nobody", "--", "psql", "-w", "-h", host, "-p", str(own.pg_port),
                               "-U", "postgres", "-d", "postgres", "-Atc", "select 1"],
                              capture_output=True, text=True, timeout=30)
        assert done.returncode != 0, f"{host}: {done.stdout}"
        assert "password" in done.stderr or "Permission denied" in done.stderr, done.stderr
    hba = (own.pg_dir.resolve() / "data" / "pg_hba.conf").read_text(encoding="utf-8")
    rules = [line.split() for line in hba.splitlines() if line.strip() and not line.startswith("#")]
    assert rules and all(rule[-1] == "scram-sha-256" for rule in rules)
    assert oct(socket_dir.stat().st_mode & 0o777) == "0o700"


def test_the_application_role_is_not_a_superuser(own: Settings) -> None:
    url = _cli("db", "url", env=_own_cluster_env()).stdout.strip()
    with psycopg.connect(url) as conn:
        row = conn.execute("select rolsuper, rolcreaterole, rolbypassrls from pg_roles "
                           "where rolname = current_user").fetchone()
        assert row == (False, False, False)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("set session_replication_role = replica")


def test_the_application_role_never_jit_compiles(own: Settings) -> None:
    """Through any way in — a bare connection (as psql or pgbouncer opens one), the tools' and the web's pools."""
    from landdb.db import async_read_pool, get_pool

    url = _cli("db", "url", env=_own_cluster_env()).stdout.strip()
    with psycopg.connect(url) as conn:
        assert conn.execute("show jit").fetchone() == ("off",)
    settings = Settings(database_url=url)
    with get_pool(settings).connection() as conn:
        assert conn.execute("show jit").fetchone()["jit"] == "off"
    import asyncio

    async def web_pool() -> str:
        pool = async_read_pool(settings)
        await pool.open()
        try:
            async with pool.connection() as conn:
                return (await (await conn.execute("show client_min_messages")).fetchone())["client_min_messages"]
        finally:
            await pool.close()

    assert asyncio.run(web_pool()) == "warning"


def test_the_password_file_is_private(own: Settings) -> None:
    for name in ("app.password", "admin.password"):
        path = own.var_dir / "secrets" / name
        assert oct(path.stat().st_mode & 0o777) == "0o600", path
    assert oct((own.var_dir / "secrets").stat().st_mode & 0o777) == "0o700"


def test_the_audit_log_cannot_be_truncated_or_its_triggers_disabled(db_settings) -> None:
    with psycopg.connect(db_settings.url, autocommit=True) as conn:
        conn.execute("insert into audit_log (actor, action, table_name) values ('t', 'insert', 'x')")
        for statement in ("truncate audit_log", "alter table audit_log disable trigger all",
                          "alter table audit_log disable trigger audit_log_append_only",
                          "drop trigger audit_log_no_truncate on audit_log"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        assert conn.execute("select count(*) from audit_log").fetchone()[0] >= 1


def test_even_the_audit_logs_owner_cannot_truncate_it(own: Settings, db_settings) -> None:
    """The trigger refuses TRUNCATE for any role that is allowed to try (here the superuser)."""
    dbname = psycopg.conninfo.conninfo_to_dict(db_settings.url)["dbname"]
    with cluster.admin_connect(own, dbname) as admin, pytest.raises(psycopg.errors.RaiseException,
                                                                   match="append-only"):
        admin.execute("truncate audit_log")


def _outputs_of_commands(env: dict[str, str], tmp_path: Path) -> list[tuple[str, str]]:
    runs = [
        ("db", "start"), ("db", "status"), ("db", "migrate"), ("stats",), ("runs", "list"),
        ("qa", "rules"), ("link",), ("extract", str(tmp_path / "missing.pdf")),
    ]
    outputs = []
    for args in runs:
        done = _cli(*args, env=env)
        outputs.append((" ".join(args), done.stdout + done.stderr))
    bad = {**env, "LANDDB_PG_PORT": "1"}  # a connection that fails must not print the password either
    done = _cli("stats", env=bad)
    outputs.append(("stats on a closed port", done.stdout + done.stderr))
    assert done.returncode != 0
    return outputs


def test_no_output_or_log_holds_the_password_but_db_url(own: Settings, tmp_path: Path) -> None:
    env = _own_cluster_env()
    password = own.password
    for command, text in _outputs_of_commands(env, tmp_path):
        assert password not in text, command
    assert password in _cli("db", "url", env=env).stdout
    for log in [own.var_dir / "log" / "errors.log", own.pg_dir.resolve() / "postgres.log"]:
        if log.exists():
            assert password not in log.read_text(encoding="utf-8", errors="replace"), log
