"""``extract_document(path)``: a scanned certificate → an :class:`ExtractionResult` (never raises for bad input)."""

from __future__ import annotations

import time
from pathlib import Path

from landdb.errors import InputFileError
from landdb.settings import Settings, get_settings
from ocr.pages import load_pages
from ocr.result import ExtractionResult, FieldReading

__all__ = ["extract_document", "ExtractionResult", "FieldReading"]


def extract_document(path: Path, settings: Settings | None = None) -> ExtractionResult:
    """Read one document (PDF, TIFF, image or folder of images) into a certificate record with flags."""
    settings = settings or get_settings()
    started = time.perf_counter()
    result = ExtractionResult(source=str(path))
    try:
        pages = load_pages(path)
    except InputFileError as exc:
        result.error = str(exc)
        result.seconds = time.perf_counter() - started
        return result
    result.pages = len(pages)
    result.error = f"{path}: extraction not implemented yet"
    result.seconds = time.perf_counter() - started
    return result
