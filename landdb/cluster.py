"""The project's own PostgreSQL + PostGIS cluster under ``var/pg/``.

PostgreSQL refuses to run as root, so when landdb runs as root the cluster is
owned by and run as the ``postgres`` system user (``runuser``). A
``LANDDB_DATABASE_URL`` pointing elsewhere bypasses all of this.

Locked by default: every login needs a password (scram-sha-256, no trust), the unix socket lives in a
directory only the cluster's owner (and root) can enter, and the application connects as a non-superuser
role that owns the landdb schema, with a password generated into ``var/secrets/`` (0600). Superuser work —
roles, extensions, handing the audit log to its own owner — happens here only (``landdb db start``,
``landdb db migrate``), with the superuser's own generated password.
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
from psycopg import sql as pgsql

from landdb import secrets
from landdb.errors import ClusterError
from landdb.settings import Settings
from landdb.sql import fill, sql_text

SUPERUSER = "postgres"
# Streams the WAL to read replicas (landdb/replica.py): login and replication only, its own generated password.
REPLICATION_ROLE = "landdb_replication"

# Who may log in, and how: a password for everyone, over the socket and loopback alike; the replication role
# from loopback only (a replica on another machine needs its own line, scram too: docs/scale-out.md).
HBA = f"""# written by landdb (landdb/cluster.py): a password (scram-sha-256) for every login, no trust
local   all           all                                 scram-sha-256
host    all           all                 127.0.0.1/32    scram-sha-256
host    all           all                 ::1/128         scram-sha-256
host    replication   {REPLICATION_ROLE}  127.0.0.1/32    scram-sha-256
host    replication   {REPLICATION_ROLE}  ::1/128         scram-sha-256
"""

SERVER_OPTIONS = {
    "listen_addresses": "'127.0.0.1'",
    "shared_buffers": "'256MB'",
    "work_mem": "'64MB'",
    "maintenance_work_mem": "'256MB'",
    "max_connections": "100",
    "timezone": "'UTC'",
    "unix_socket_permissions": "0700",
    "password_encryption": "'scram-sha-256'",
    # streaming replicas (PostgreSQL 15's defaults, stated): WAL for a standby, senders for replicas and backups
    "wal_level": "'replica'",
    "max_wal_senders": "10",
    "hot_standby": "on",
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


def run_as_owner() -> list[str]:
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
    done = subprocess.run([*run_as_owner(), "test", "-x", str(probe)], capture_output=True)
    return done.returncode == 0


def prepare_paths(settings: Settings, name: str = "pg") -> ClusterPaths:
    """Create ``var/pg`` (or ``var/NAME``: a replica's) owned by the cluster owner; fall back to a link if
    postgres cannot reach var/."""
    pg_dir = settings.var_dir / name
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
    os.chmod(paths.run, 0o700)  # the socket's folder: the cluster's owner (and root) only
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        for p in (paths.root, paths.run):
            os.chown(p, pw.pw_uid, pw.pw_gid)
        if paths.log.exists():
            os.chown(paths.log, pw.pw_uid, pw.pw_gid)
    return paths


def pg_ctl(settings: Settings, paths: ClusterPaths, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [*run_as_owner(), str(pg_bin_dir(settings.pg_major) / "pg_ctl"), "-D", str(paths.data), *args]
    return subprocess.run(cmd, capture_output=True, text=True)


def owned_by_cluster_owner(path: Path) -> None:
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(path, pw.pw_uid, pw.pw_gid)


def _initdb(settings: Settings, paths: ClusterPaths) -> None:
    pwfile = paths.root / ".initdb-pw"  # read by initdb as the cluster's owner, removed right after
    fd = os.open(pwfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secrets.read_or_create(settings.var_dir, secrets.ADMIN) + "\n")
    owned_by_cluster_owner(pwfile)
    cmd = [
        *run_as_owner(),
        str(pg_bin_dir(settings.pg_major) / "initdb"),
        "-D", str(paths.data), "-U", SUPERUSER, "-E", "UTF8", "--locale=C.UTF-8", f"--pwfile={pwfile}",
        "--auth-local=scram-sha-256", "--auth-host=scram-sha-256",
    ]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True)
    finally:
        pwfile.unlink(missing_ok=True)
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
    return pg_ctl(settings, paths, "status").returncode == 0


def audit_role(settings: Settings) -> str:
    """The role that owns the audit log (no login): not the application's."""
    return f"{settings.pg_user}_audit"


def admin_connect(settings: Settings, dbname: str = "postgres") -> psycopg.Connection:
    """A superuser connection to the project's cluster over its private socket (autocommit)."""
    paths = ClusterPaths(settings.pg_dir.resolve())
    return psycopg.connect(
        host=str(paths.run), port=settings.pg_port, user=SUPERUSER, dbname=dbname, autocommit=True,
        password=secrets.read_or_create(settings.var_dir, secrets.ADMIN), connect_timeout=10,
    )


def _lock_hba(settings: Settings, paths: ClusterPaths) -> None:
    """Replace any other pg_hba.conf (a cluster made before landdb locked it used trust) and reload."""
    hba = paths.data / "pg_hba.conf"
    current = hba.read_text(encoding="utf-8") if hba.exists() else ""
    if current == HBA:
        return
    rules = [line.split() for line in current.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if any("trust" in rule for rule in rules):  # an older landdb's: set the superuser's password while trust holds
        with psycopg.connect(host=str(paths.run), port=settings.pg_port, user=SUPERUSER, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(pgsql.SQL("alter role {} password {}").format(
                pgsql.Identifier(SUPERUSER), pgsql.Literal(secrets.read_or_create(settings.var_dir, secrets.ADMIN))))
    hba.write_text(HBA, encoding="utf-8")
    owned_by_cluster_owner(hba)
    done = pg_ctl(settings, paths, "reload")
    if done.returncode != 0:
        raise ClusterError(f"could not reload the cluster in {paths.data}: {done.stderr.strip()}")
    time.sleep(0.2)


def prepare_database(settings: Settings, dbname: str) -> None:
    """As superuser: the extensions in ``dbname`` and the grants its migrations need (idempotent)."""
    with admin_connect(settings, dbname) as conn:
        conn.execute(fill(sql_text("admin", "prepare_database"), app_role=settings.pg_user))


def harden(settings: Settings, dbname: str) -> None:
    """As superuser, after the migrations: the audit log is owned by its own role; the app may only append."""
    with admin_connect(settings, dbname) as conn:
        conn.execute(fill(sql_text("admin", "harden"), app_role=settings.pg_user, audit_role=audit_role(settings)))


def create_database(settings: Settings, dbname: str, *, replace: bool = False) -> str:
    """A database owned by the application role, prepared, migrated and hardened; returns its URL.

    For tests and benchmarks that need a database of their own on the project's cluster."""
    from landdb.migrations import migrate

    start(settings)
    with admin_connect(settings) as conn:
        if replace:
            conn.execute(pgsql.SQL("drop database if exists {} with (force)").format(pgsql.Identifier(dbname)))
        exists = conn.execute("select 1 from pg_database where datname = %s", (dbname,)).fetchone()
        if exists is None:
            conn.execute(pgsql.SQL("create database {} owner {}").format(
                pgsql.Identifier(dbname), pgsql.Identifier(settings.pg_user)))
    prepare_database(settings, dbname)
    head, _, _ = settings.url.rpartition("/")
    url = f"{head}/{dbname}"
    migrate(Settings(database_url=url), harden_as=(settings, dbname))
    return url


def clone_database(settings: Settings, source: str, dbname: str) -> str:
    """``dbname`` as a copy of ``source`` (which is disconnected first), owned by the application; its URL."""
    with admin_connect(settings) as conn:
        conn.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = %s "
                     "and pid <> pg_backend_pid()", (source,))
        conn.execute(pgsql.SQL("drop database if exists {} with (force)").format(pgsql.Identifier(dbname)))
        conn.execute(pgsql.SQL("create database {} template {} owner {}").format(
            pgsql.Identifier(dbname), pgsql.Identifier(source), pgsql.Identifier(settings.pg_user)))
    head, _, _ = settings.url.rpartition("/")
    return f"{head}/{dbname}"


def drop_database(settings: Settings, dbname: str) -> None:
    with admin_connect(settings) as conn:
        conn.execute(pgsql.SQL("drop database if exists {} with (force)").format(pgsql.Identifier(dbname)))


def _bootstrap_roles(settings: Settings) -> None:
    """The application role (login, not a superuser), the audit log's owner, the database (idempotent)."""
    app, password = pgsql.Identifier(settings.pg_user), pgsql.Literal(settings.password)
    with admin_connect(settings) as conn:
        if conn.execute("select 1 from pg_roles where rolname = %s", (settings.pg_user,)).fetchone() is None:
            conn.execute(pgsql.SQL("create role {} login password {}").format(app, password))
        conn.execute(pgsql.SQL(
            "alter role {} login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password {}"
        ).format(app, password))
        # the application role's own sessions never JIT-compile (landdb.db.SESSION_OPTIONS says why): a setting of
        # the role reaches every session it opens — through pgbouncer, which passes no startup options, and on a
        # streaming replica, which has the primary's catalog
        conn.execute(pgsql.SQL("alter role {} set jit = off").format(app))
        replicator, replicator_password = pgsql.Identifier(REPLICATION_ROLE), pgsql.Literal(
            secrets.read_or_create(settings.var_dir, secrets.REPLICATION))
        if conn.execute("select 1 from pg_roles where rolname = %s", (REPLICATION_ROLE,)).fetchone() is None:
            conn.execute(pgsql.SQL("create role {} login replication password {}").format(
                replicator, replicator_password))
        conn.execute(pgsql.SQL("alter role {} login replication nosuperuser nocreatedb nocreaterole password {}"
                               ).format(replicator, replicator_password))
        if conn.execute("select 1 from pg_roles where rolname = %s", (audit_role(settings),)).fetchone() is None:
            conn.execute(pgsql.SQL("create role {} nologin").format(pgsql.Identifier(audit_role(settings))))
        db = conn.execute("select 1 from pg_database where datname = %s", (settings.pg_database,)).fetchone()
        if db is None:
            conn.execute(pgsql.SQL("create database {} owner {}").format(
                pgsql.Identifier(settings.pg_database), app))
    prepare_database(settings, settings.pg_database)


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
    if pg_ctl(settings, paths, "status").returncode != 0:
        # the port of the settings in force, not the one written at initdb: LANDDB_PG_PORT may have changed since
        done = pg_ctl(settings, paths, "-l", str(paths.log), "-w", "-t", str(int(timeout_s)),
                      "-o", f"-p {settings.pg_port}", "start")
        if done.returncode != 0:
            tail = paths.log.read_text(errors="replace")[-2000:] if paths.log.exists() else ""
            raise ClusterError(
                f"PostgreSQL did not start on port {settings.pg_port} (data {paths.data}): "
                f"{done.stderr.strip() or done.stdout.strip()} (see {paths.log}: "
                f"{(tail.strip().splitlines() or [''])[-1]})"
            )
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            _lock_hba(settings, paths)
            _bootstrap_roles(settings)
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
    done = pg_ctl(settings, paths, "-w", "-m", "fast", "stop")
    if done.returncode != 0:
        raise ClusterError(f"could not stop the cluster in {paths.data}: {done.stderr.strip()}")
    return True


@dataclass(frozen=True)
class ClusterStatus:
    running: bool
    url: str  # password masked
    port: int | None
    server_version: str | None = None
    postgis_version: str | None = None
    extensions: tuple[str, ...] = ()
    own_cluster: bool = True


def status(settings: Settings) -> ClusterStatus:
    """What is running where, with the PostGIS version and the extensions enabled."""
    own = settings.uses_own_cluster
    if own and not is_running(settings):
        return ClusterStatus(False, settings.safe_url, settings.pg_port, own_cluster=True)
    try:
        with psycopg.connect(settings.url, connect_timeout=5) as conn:
            server = conn.execute("show server_version").fetchone()[0]
            exts = tuple(r[0] for r in conn.execute("select extname from pg_extension order by 1"))
            postgis = None
            if "postgis" in exts:
                postgis = conn.execute("select postgis_lib_version()").fetchone()[0]
            port = conn.info.port
    except psycopg.OperationalError:
        return ClusterStatus(False, settings.safe_url, settings.pg_port if own else None, own_cluster=own)
    return ClusterStatus(True, settings.safe_url, port, server, postgis, exts, own)
