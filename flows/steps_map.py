"""Plain functions for the map side of the build: import cadastral maps, link certificates, run QA."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from landdb.db import connect
from landdb.settings import Settings
from landdb.sql import query


def import_cadastre(settings: Settings, path: str, commune_code: str | None) -> dict[str, Any]:
    """Import one map file (idempotent: a file already imported changes nothing)."""
    from geo.importer import import_map

    with connect(settings) as conn:
        report = import_map(conn, Path(path), commune=commune_code, actor=f"import:{settings.who}")
        conn.commit()
    return {"path": path, "map_import_id": report.map_import_id, "already_imported": report.already_imported,
            "features": report.features, "invalid": report.invalid, "summary": report.summary()}


def communes_of_imports(settings: Settings, map_import_ids: list[int]) -> list[str]:
    with connect(settings) as conn:
        rows = conn.execute(query("ingest/communes_of_imports"), {"ids": map_import_ids}).fetchall()
    return [r["commune_code"] for r in rows]


@contextmanager
def one_build_at_a_time(settings: Settings) -> Iterator[None]:
    """Hold the lock that makes the link and QA steps of concurrent builds run one after another (the last
    build's QA then sees every build's documents); released when the step ends."""
    with connect(settings, autocommit=True) as conn:
        conn.execute(query("ingest/after_ingest_lock"))
        yield


def link_certificates(settings: Settings, commune_code: str | None) -> dict[str, int]:
    from geo.link import link_certificates as link

    with one_build_at_a_time(settings), connect(settings) as conn:
        summary = link(conn, commune=commune_code, actor=f"link:{settings.who}")
        conn.commit()
    return dict(summary.counts)


def run_qa(settings: Settings, commune_code: str | None) -> dict[str, Any]:
    from qa.runner import run_database

    with one_build_at_a_time(settings):
        result = run_database(commune=commune_code, actor=f"qa:{settings.who}", settings=settings)
    return {"run_id": result.run_id, "summary": result.summary, "seconds": round(result.seconds, 2)}
