"""The plain functions the flows orchestrate (no Prefect here: they run and test on their own).

:func:`ingest_file` is the per-document step: hash → skip if loaded → extract →
validate → load (one transaction) → record the outcome in the run's item list. It
never raises for a bad document: the failure is recorded with the file, the stage
and the reason, and the batch goes on.
"""

from __future__ import annotations

import mimetypes
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from psycopg.types.json import Jsonb

from landdb import __version__
from landdb.db import connect
from landdb.errors import LanddbError
from landdb.loader import load_document, sha256_of
from landdb.models import validate_record_json
from landdb.settings import Settings, get_settings
from landdb.sql import query

SCAN_SUFFIXES = {".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg"}


@dataclass(frozen=True)
class ItemResult:
    path: str
    outcome: str                   # loaded | skipped | new_version | failed
    stage: str | None = None       # where it failed: read, extract, validate, load
    reason: str | None = None
    pages: int = 0
    flagged_fields: int = 0
    seconds: float = 0.0
    sha256: str | None = None
    document_id: int | None = None


def list_scans(scans_dir: Path) -> list[Path]:
    """Input documents under a folder: scan files, and sub-folders of page images (one document each)."""
    if not scans_dir.is_dir():
        raise LanddbError(f"{scans_dir}: not a folder of scans")
    found: list[Path] = []
    for entry in sorted(scans_dir.iterdir()):
        if entry.is_file() and entry.suffix.lower() in SCAN_SUFFIXES:
            found.append(entry)
        elif entry.is_dir() and any(p.suffix.lower() in SCAN_SUFFIXES for p in entry.iterdir()):
            found.append(entry)
    return found


def start_run(settings: Settings, *, scans_dir: str | None, arguments: dict, task_runner: str,
              retry_of: int | None = None) -> int:
    with connect(settings) as conn:
        row = conn.execute(query("ingest/start_run"), {
            "run_by": settings.who, "scans_dir": scans_dir, "arguments": Jsonb(arguments),
            "task_runner": task_runner, "retry_of": retry_of, "software_version": __version__,
        }).fetchone()
        conn.commit()
        return row["id"]


def finish_run(settings: Settings, run_id: int, summary: dict) -> None:
    with connect(settings) as conn:
        conn.execute(query("ingest/finish_run"), {"id": run_id, "summary": Jsonb(summary)})
        conn.commit()


def _record(settings: Settings, run_id: int, item: ItemResult) -> ItemResult:
    with connect(settings) as conn:
        conn.execute(query("ingest/record_item"), {"run_id": run_id, **{
            k: v for k, v in asdict(item).items() if k not in ("flagged_fields",)}})
        conn.commit()
    return item


def _hash_document(path: Path) -> str:
    if path.is_dir():
        import hashlib

        digest = hashlib.sha256()
        for page in sorted(p for p in path.iterdir() if p.is_file()):
            digest.update(page.name.encode())
            digest.update(sha256_of(page).encode())
        return digest.hexdigest()
    return sha256_of(path)


def ingest_file(path: Path, run_id: int, *, commune_code: str | None = None,
                settings: Settings | None = None) -> ItemResult:
    """Hash, extract and load one document; record the outcome (never raises for a bad document)."""
    settings = settings or get_settings()
    started = time.perf_counter()

    def done(**kwargs) -> ItemResult:
        return _record(settings, run_id, ItemResult(path=str(path), seconds=time.perf_counter() - started,
                                                    **kwargs))

    try:
        sha = _hash_document(path)
    except OSError as exc:
        return done(outcome="failed", stage="read", reason=f"cannot read the file: {exc.strerror or exc}")
    with connect(settings) as conn:
        existing = conn.execute(query("ingest/find_document"), {"sha256": sha}).fetchone()
    if existing is not None:
        return done(outcome="skipped", reason="already loaded (same content hash)", sha256=sha,
                    document_id=existing["id"])

    from ocr.extract import extract_document

    result = extract_document(path, settings)
    if result.error or result.record is None:
        return done(outcome="failed", stage="extract", reason=result.error or "no certificate found",
                    sha256=sha, pages=result.pages)
    record = result.record.model_copy(update={"source": str(path)})
    try:
        validate_record_json(record.model_dump(mode="json", exclude_none=False))
    except LanddbError as exc:
        return done(outcome="failed", stage="validate", reason=str(exc), sha256=sha, pages=result.pages)
    try:
        with connect(settings) as conn:
            loaded = load_document(
                conn, path=path, sha256=sha, record=record, fields=result.fields, pages=result.pages,
                actor=f"ingest:{settings.who}", commune_code=commune_code,
                media_type=mimetypes.guess_type(path.name)[0] if path.is_file() else "inode/directory",
            )
    except (LanddbError, OSError) as exc:
        return done(outcome="failed", stage="load", reason=str(exc), sha256=sha, pages=result.pages)
    except Exception as exc:  # noqa: BLE001 - a DB constraint error must not stop the batch; it is recorded
        return done(outcome="failed", stage="load", reason=f"{type(exc).__name__}: {exc}", sha256=sha,
                    pages=result.pages)
    return done(outcome=loaded.outcome, sha256=sha, pages=result.pages, flagged_fields=loaded.flagged_fields,
                document_id=loaded.document_id)
