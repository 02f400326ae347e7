"""The project's own PostgreSQL + PostGIS cluster under ``var/pg/``.

PostgreSQL refuses to run as root, so when landdb runs as root the cluster is
owned by and run as the ``postgres`` system user (``runuser``). A
``LANDDB_DATABASE_URL`` pointing elsewhere bypasses all of this.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import pwd
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

from landdb.errors import ClusterError
from landdb.settings import Settings

EXTENSIONS = ("postgis", "pg_trgm", "unaccent")

SERVER_OPTIONS = {
    "listen_addresses": "'127.0.0.1'",
    "shared_buffers": "'256MB'",
    "work_mem": "'64MB'",
    "maintenance_work_mem": "'256MB'",
    "max_connections": "100",
    "timezone": "'UTC'",
}


@dataclass(frozen=True)
class ClusterPaths:
    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def run(self) -> Path:
        return self.root / "run"

    @property
    def log(self) -> Path:
        return self.root / "postgres.log"


def pg_bin_dir(major: int | None = None) -> Path:
    """The bin directory of the installed PostgreSQL server (newest major unless given)."""
    base = Path("/usr/lib/postgresql")
    majors = sorted((int(p.name) for p in base.glob("*") if p.name.isdigit()), reverse=True)
    if major is not None:
        majors = [m for m in majors if m == major]
    for m in majors:
        if (base / str(m) / "bin" / "postgres").exists():
            return base / str(m) / "bin"
    raise ClusterError(
        f"no PostgreSQL server found under {base} (major {major or 'any'}); run `make setup`"
    )


def _run_as_owner() -> list[str]:
    """Command prefix that runs a program as the cluster's owner."""
    if os.geteuid() != 0:
        return []
    if shutil.which("runuser") is None:
        raise ClusterError("running as root needs `runuser` to start PostgreSQL as user postgres")
    return ["runuser", "-u", "postgres", "--"]


def _owner_can_reach(path: Path) -> bool:
    if os.geteuid() != 0:
        return True
    probe = path if path.exists() else path.parent
    done = subprocess.run([*_run_as_owner(), "test", "-x", str(probe)], capture_output=True)
    return done.returncode == 0


def prepare_paths(settings: Settings) -> ClusterPaths:
    """Create ``var/pg`` owned by the cluster owner; fall back to a link if postgres cannot reach var/."""
    pg_dir = settings.pg_dir
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    if not pg_dir.exists() and not pg_dir.is_symlink():
        if _owner_can_reach(settings.var_dir):
            pg_dir.mkdir()
        else:  # e.g. a clone under /root, which user postgres may not traverse
            digest = hashlib.sha256(str(pg_dir.resolve()).encode()).hexdigest()[:12]
            target = Path("/var/lib/postgresql") / f"landdb-{digest}"
            target.mkdir(parents=True, exist_ok=True)
            pg_dir.symlink_to(target)
    paths = ClusterPaths(pg_dir.resolve())
    paths.run.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        for p in (paths.root, paths.run):
            os.chown(p, pw.pw_uid, pw.pw_gid)
        if paths.log.exists():
            os.chown(paths.log, pw.pw_uid, pw.pw_gid)
    return paths


def _pg_ctl(settings: Settings, paths: ClusterPaths, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [*_run_as_owner(), str(pg_bin_dir(settings.pg_major) / "pg_ctl"), "-D", str(paths.data), *args]
    return subprocess.run(cmd, capture_output=True, text=True)


def _initdb(settings: Settings, paths: ClusterPaths) -> None:
    cmd = [
        *_run_as_owner(),
        str(pg_bin_dir(settings.pg_major) / "initdb"),
        "-D", str(paths.data), "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8",
        "--auth-local=trust", "--auth-host=scram-sha-256",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise ClusterError(f"initdb failed in {paths.data}: {done.stderr.strip() or done.stdout.strip()}")
    options = dict(SERVER_OPTIONS, port=str(settings.pg_port), unix_socket_directories=f"'{paths.run}'")
    with open(paths.data / "postgresql.auto.conf", "a", encoding="utf-8") as conf:
        conf.write("# written by landdb (landdb/cluster.py)\n")
        for key, value in options.items():
            conf.write(f"{key} = {value}\n")


def is_running(settings: Settings) -> bool:
    paths = ClusterPaths(settings.pg_dir.resolve())
    if not (paths.data / "PG_VERSION").exists():
        return False
    return _pg_ctl(settings, paths, "status").returncode == 0


def _superuser_conninfo(settings: Settings, paths: ClusterPaths, dbname: str = "postgres") -> str:
    return f"host={paths.run} port={settings.pg_port} user=postgres dbname={dbname}"


def _bootstrap_roles(settings: Settings, paths: ClusterPaths) -> None:
    """Create the landdb role, database and extensions if missing (idempotent)."""
    with psycopg.connect(_superuser_conninfo(settings, paths), autocommit=True) as conn:
        role = conn.execute("select 1 from pg_roles where rolname = %s", (settings.pg_user,)).fetchone()
        if role is None:
            conn.execute(
                psycopg.sql.SQL("create role {} login superuser password {}").format(
                    psycopg.sql.Identifier(settings.pg_user), psycopg.sql.Literal(settings.pg_password)
                )
            )
        db = conn.execute("select 1 from pg_database where datname = %s", (settings.pg_database,)).fetchone()
        if db is None:
            conn.execute(
                psycopg.sql.SQL("create database {} owner {}").format(
                    psycopg.sql.Identifier(settings.pg_database), psycopg.sql.Identifier(settings.pg_user)
                )
            )
    with psycopg.connect(_superuser_conninfo(settings, paths, settings.pg_database), autocommit=True) as conn:
        for ext in EXTENSIONS:
            conn.execute(psycopg.sql.SQL("create extension if not exists {}").format(psycopg.sql.Identifier(ext)))


@contextmanager
def _exclusive(settings: Settings) -> Iterator[None]:
    """One process at a time creates or starts the cluster (parallel test workers, two shells)."""
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.var_dir / ".pg.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def start(settings: Settings, timeout_s: float = 60.0) -> None:
    """Create the cluster on first use and start it if stopped (idempotent, safe to call concurrently)."""
    if not settings.uses_own_cluster:
        return
    with _exclusive(settings):
        _start_locked(settings, timeout_s)


def _start_locked(settings: Settings, timeout_s: float) -> None:
    paths = prepare_paths(settings)
    if not (paths.data / "PG_VERSION").exists():
        _initdb(settings, paths)
    if _pg_ctl(settings, paths, "status").returncode != 0:
        done = _pg_ctl(settings, paths, "-l", str(paths.log), "-w", "-t", str(int(timeout_s)), "start")
        if done.returncode != 0:
            tail = paths.log.read_text(errors="replace")[-2000:] if paths.log.exists() else ""
            raise ClusterError(
                f"PostgreSQL did not start on port {settings.pg_port} (data {paths.data}): "
                f"{done.stderr.strip() or done.stdout.strip()}\n{tail}"
            )
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            _bootstrap_roles(settings, paths)
            return
        except psycopg.OperationalError as exc:
            if time.monotonic() > deadline:
                raise ClusterError(f"cluster in {paths.data} started but does not answer: {exc}") from exc
            time.sleep(0.3)


def stop(settings: Settings) -> bool:
    """Stop the cluster; True if it was running."""
    if not settings.uses_own_cluster or not is_running(settings):
        return False
    paths = ClusterPaths(settings.pg_dir.resolve())
    done = _pg_ctl(settings, paths, "-w", "-m", "fast", "stop")
    if done.returncode != 0:
        raise ClusterError(f"could not stop the cluster in {paths.data}: {done.stderr.strip()}")
    return True


@dataclass(frozen=True)
class ClusterStatus:
    running: bool
    url: str
    port: int | None
    server_version: str | None = None
    postgis_version: str | None = None
    extensions: tuple[str, ...] = ()
    own_cluster: bool = True


def status(settings: Settings) -> ClusterStatus:
    """What is running where, with the PostGIS version and the extensions enabled."""
    own = settings.uses_own_cluster
    if own and not is_running(settings):
        return ClusterStatus(False, settings.url, settings.pg_port, own_cluster=True)
    try:
        with psycopg.connect(settings.url, connect_timeout=5) as conn:
            server = conn.execute("show server_version").fetchone()[0]
            exts = tuple(r[0] for r in conn.execute("select extname from pg_extension order by 1"))
            postgis = None
            if "postgis" in exts:
                postgis = conn.execute("select postgis_lib_version()").fetchone()[0]
            port = conn.info.port
    except psycopg.OperationalError:
        return ClusterStatus(False, settings.url, settings.pg_port if own else None, own_cluster=own)
    return ClusterStatus(True, settings.url, port, server, postgis, exts, own)
