"""A read replica of the project's cluster: a second PostgreSQL cluster on another port, a streaming standby
made with ``pg_basebackup -R`` (hot standby: it answers read-only queries while it replays the primary's WAL).

It logs in to the primary as :data:`landdb.cluster.REPLICATION_ROLE` with that role's generated password, kept
in a passfile (0600, the cluster owner's) beside the replica — never in its configuration. Its roles and
passwords are the primary's (a physical copy), so the application's URL works on it with the replica's port.
For a replica on another machine, docs/scale-out.md gives the same steps by hand.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

from landdb import cluster, secrets
from landdb.errors import ClusterError
from landdb.settings import Settings


@dataclass(frozen=True)
class Replica:
    port: int
    paths: cluster.ClusterPaths

    @property
    def passfile(self) -> Path:
        return self.paths.root / "primary.pgpass"


def replica_of(settings: Settings, port: int) -> Replica:
    """Where the replica on ``port`` lives: ``var/pg-replica-PORT`` (made reachable by the cluster's owner)."""
    if port == settings.pg_port:
        raise ClusterError(f"a replica needs a port of its own, not the primary's ({port})")
    paths = cluster.prepare_paths(settings, f"pg-replica-{port}")
    return Replica(port, paths)


def _write_passfile(settings: Settings, replica: Replica) -> None:
    password = secrets.read_or_create(settings.var_dir, secrets.REPLICATION)
    line = f"127.0.0.1:{settings.pg_port}:replication:{cluster.REPLICATION_ROLE}:{password}\n"
    replica.passfile.unlink(missing_ok=True)
    fd = os.open(replica.passfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(line)
    cluster.owned_by_cluster_owner(replica.passfile)


def _base_backup(settings: Settings, replica: Replica) -> None:
    _write_passfile(settings, replica)
    cmd = [
        *cluster.run_as_owner(), str(cluster.pg_bin_dir(settings.pg_major) / "pg_basebackup"),
        "-h", "127.0.0.1", "-p", str(settings.pg_port), "-U", cluster.REPLICATION_ROLE, "-w",
        "-D", str(replica.paths.data), "-X", "stream", "-R", "--checkpoint=fast",
        "-d", f"passfile={replica.passfile} application_name=landdb_replica_{replica.port}",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        shutil.rmtree(replica.paths.data, ignore_errors=True)
        raise ClusterError(f"pg_basebackup from port {settings.pg_port} failed: "
                           f"{(done.stderr.strip() or done.stdout.strip()).splitlines()[-1:]}")
    with open(replica.paths.data / "postgresql.auto.conf", "a", encoding="utf-8") as conf:
        conf.write("# written by landdb (landdb/replica.py): the replica's own port and socket\n")
        conf.write(f"port = {replica.port}\nunix_socket_directories = '{replica.paths.run}'\n")


def start_replica(settings: Settings, port: int, timeout_s: float = 60.0) -> Replica:
    """Make (first time: a base backup of the running primary) and start the replica on ``port``; returns it
    once it accepts read-only connections."""
    if not settings.uses_own_cluster:
        raise ClusterError("a replica is made of the project's own cluster; LANDDB_DATABASE_URL names another")
    cluster.start(settings)
    replica = replica_of(settings, port)
    if not (replica.paths.data / "PG_VERSION").exists():
        _base_backup(settings, replica)
    if cluster.pg_ctl(settings, replica.paths, "status").returncode != 0:
        done = cluster.pg_ctl(settings, replica.paths, "-l", str(replica.paths.log), "-w",
                              "-t", str(int(timeout_s)), "start")
        if done.returncode != 0:
            raise ClusterError(f"the replica on port {port} did not start: {done.stderr.strip()} "
                               f"(see {replica.paths.log})")
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with psycopg.connect(replica_url(settings, port), connect_timeout=5) as conn:
                if conn.execute("select pg_is_in_recovery()").fetchone()[0]:
                    return replica
                raise ClusterError(f"the cluster on port {port} is not a standby")
        except psycopg.OperationalError as exc:
            if time.monotonic() > deadline:
                raise ClusterError(f"the replica on port {port} does not answer: {exc}") from exc
            time.sleep(0.3)


def stop_replica(settings: Settings, port: int) -> bool:
    """Stop the replica on ``port``; True if it was running."""
    replica = replica_of(settings, port)
    if not (replica.paths.data / "PG_VERSION").exists():
        return False
    if cluster.pg_ctl(settings, replica.paths, "status").returncode != 0:
        return False
    done = cluster.pg_ctl(settings, replica.paths, "-w", "-m", "fast", "stop")
    if done.returncode != 0:
        raise ClusterError(f"could not stop the replica on port {port}: {done.stderr.strip()}")
    return True


def replica_url(settings: Settings, port: int, dbname: str | None = None) -> str:
    """The application role's URL on the replica (the primary's roles and passwords: a physical copy)."""
    return (f"postgresql://{settings.pg_user}:{settings.password}@127.0.0.1:{port}/"
            f"{dbname or settings.pg_database}")


def admin_connect_replica(settings: Settings, port: int, dbname: str = "postgres") -> psycopg.Connection:
    """A superuser connection to the replica over its private socket (to pause or resume WAL replay)."""
    replica = replica_of(settings, port)
    return psycopg.connect(host=str(replica.paths.run), port=port, user=cluster.SUPERUSER, dbname=dbname,
                           autocommit=True, password=secrets.read_or_create(settings.var_dir, secrets.ADMIN),
                           connect_timeout=10)
