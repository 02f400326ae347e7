"""Schema migrations: plain SQL files under ``sql/migrations/`` applied by yoyo-migrations.

Re-running is a no-op: yoyo records what it applied in its own tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from landdb.errors import MigrationError
from landdb.secrets import redact
from landdb.settings import Settings, get_settings
from landdb.sql import sql_path


def _yoyo_url(url: str) -> str:
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


@dataclass(frozen=True)
class MigrationResult:
    applied: tuple[str, ...]
    already: tuple[str, ...]


def migrate(settings: Settings | None = None, harden_as: tuple[Settings, str] | None = None) -> MigrationResult:
    """Apply every pending migration, each in its own transaction, as the application role.

    On the project's own cluster the superuser then hands the audit log to its own owner
    (:func:`landdb.cluster.harden`); ``harden_as`` = (cluster settings, database) does so for another
    database of that cluster."""
    from yoyo import get_backend, read_migrations

    from landdb import cluster

    settings = settings or get_settings()
    if harden_as is None and settings.uses_own_cluster:
        harden_as = (settings, settings.pg_database)
    migrations = read_migrations(str(sql_path("migrations")))
    backend = None
    try:
        backend = get_backend(_yoyo_url(settings.url))
        with backend.lock():
            pending = backend.to_apply(migrations)
            backend.apply_migrations(pending)
    except Exception as exc:  # noqa: BLE001 - yoyo/psycopg raise many kinds; re-raised with context
        raise MigrationError(f"migration failed on {settings.safe_url}: {redact(str(exc), settings.password)}") from exc
    finally:
        if backend is not None:
            backend.connection.close()
    if harden_as is not None:
        cluster.harden(*harden_as)
    applied = tuple(m.id for m in pending)
    already = tuple(m.id for m in migrations if m.id not in applied)
    return MigrationResult(applied, already)


def pending(settings: Settings | None = None) -> tuple[str, ...]:
    from yoyo import get_backend, read_migrations

    settings = settings or get_settings()
    backend = get_backend(_yoyo_url(settings.url))
    try:
        return tuple(m.id for m in backend.to_apply(read_migrations(str(sql_path("migrations")))))
    finally:
        backend.connection.close()
