"""pgbouncer (Debian's package) in front of a cluster of the project — typically a read replica — on loopback.

Transaction pooling: many web processes share a few server connections. Clients log in with scram-sha-256;
pgbouncer's ``userlist.txt`` holds the application role's SCRAM *verifier* copied from the primary (not its
password), which it passes through to the server. The files live in ``var/pgbouncer-PORT/`` (0600, the cluster
owner's: pgbouncer refuses to run as root, so it runs as the cluster's owner). Clients connect with
``prepare_threshold=None`` (pgbouncer 1.18 cannot keep server-side prepared statements across transactions;
landdb's read pool does so, :func:`landdb.db.get_read_pool`).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from landdb import cluster
from landdb.errors import ClusterError
from landdb.settings import Settings
from landdb.sql import sql_text

INI = """; written by landdb (landdb/pgbouncer.py)
[databases]
* = host=127.0.0.1 port={server_port}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = scram-sha-256
auth_file = {userlist}
pool_mode = transaction
max_client_conn = 500
default_pool_size = 20
server_reset_query =
logfile = {log}
pidfile = {pid}
"""


def _root(settings: Settings, port: int) -> cluster.ClusterPaths:
    return cluster.prepare_paths(settings, f"pgbouncer-{port}")


def _private_file(path: Path, text: str) -> None:
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    cluster.owned_by_cluster_owner(path)


def _pid(paths: cluster.ClusterPaths) -> int | None:
    pidfile = paths.root / "pgbouncer.pid"
    try:
        pid = int(pidfile.read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def start_pgbouncer(settings: Settings, port: int, server_port: int, dbname: str | None = None,
                    timeout_s: float = 20.0) -> str:
    """Start pgbouncer on ``port`` in front of the cluster on ``server_port`` (every database name is passed
    through); returns the application's URL of ``dbname`` through it (for ``LANDDB_READ_DATABASE_URL``)."""
    binary = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
    if not Path(binary).exists():
        raise ClusterError("pgbouncer is not installed: `make setup` installs Debian's package")
    paths = _root(settings, port)
    if _pid(paths) is None:
        with cluster.admin_connect(settings) as conn:
            row = conn.execute(sql_text("admin", "scram_verifier"), {"role": settings.pg_user}).fetchone()
        if row is None or not (row[0] or "").startswith("SCRAM-SHA-256$"):
            raise ClusterError(f"role {settings.pg_user} has no SCRAM password on port {settings.pg_port}")
        _private_file(paths.root / "userlist.txt", f'"{settings.pg_user}" "{row[0]}"\n')
        ini = paths.root / "pgbouncer.ini"
        _private_file(ini, INI.format(server_port=server_port, port=port, userlist=paths.root / "userlist.txt",
                                      log=paths.log, pid=paths.root / "pgbouncer.pid"))
        done = subprocess.run([*cluster.run_as_owner(), binary, "-d", str(ini)], capture_output=True, text=True)
        if done.returncode != 0:
            raise ClusterError(f"pgbouncer did not start on port {port}: {done.stderr.strip() or done.stdout.strip()}")
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError as exc:
            if time.monotonic() > deadline:
                raise ClusterError(f"pgbouncer on port {port} does not answer (see {paths.log})") from exc
            time.sleep(0.1)
    return f"postgresql://{settings.pg_user}:{settings.password}@127.0.0.1:{port}/{dbname or settings.pg_database}"


def stop_pgbouncer(settings: Settings, port: int, timeout_s: float = 10.0) -> bool:
    """Stop the pgbouncer on ``port`` (by its pidfile); True if it was running."""
    paths = _root(settings, port)
    pid = _pid(paths)
    if pid is None:
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while _pid(paths) is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    return True
