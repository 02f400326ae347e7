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

from landdb.db import connect
from landdb.errors import InputFileError, LanddbError
from landdb.loader import load_document, sha256_of
from landdb.models import validate_record_json
from landdb.settings import Settings, get_settings
from landdb.sql import query


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


def record_item(settings: Settings, run_id: int, item: ItemResult) -> ItemResult:
    with connect(settings) as conn:
        conn.execute(query("ingest/record_item"), {"run_id": run_id, **{
            k: v for k, v in asdict(item).items() if k not in ("flagged_fields",)}})
        conn.commit()
    return item


def _hash_document(path: Path) -> str:
    """The content hash of a document; a folder's from its page images (names and contents, in order)."""
    if path.is_dir():
        import hashlib

        from ocr.pages import page_files

        digest = hashlib.sha256()
        for page in page_files(path):
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
        return record_item(settings, run_id, ItemResult(path=str(path), seconds=time.perf_counter() - started,
                                                        **kwargs))

    try:
        sha = _hash_document(path)
    except OSError as exc:
        return done(outcome="failed", stage="read", reason=f"cannot read the file: {exc.strerror or exc}")
    except InputFileError as exc:
        return done(outcome="failed", stage="read", reason=exc.reason)
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
