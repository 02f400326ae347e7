"""The OCR engine named by configuration (``LANDDB_OCR_ENGINE``)."""

from __future__ import annotations

from landdb.errors import ConfigError
from ocr.engine import OcrEngine, RecordedEngine
from ocr.tesseract import TesseractCliEngine, tesseract_engine

__all__ = ["make_engine", "ENGINES"]

ENGINES = "'tesseract' (in-process), 'tesseract-cli' (one process per call) or 'recorded:<file.json>'"


def make_engine(spec: str | None = None) -> OcrEngine:
    """The engine named by ``spec`` or ``LANDDB_OCR_ENGINE`` (default Tesseract in-process).

    >>> make_engine('tesseract-cli').name
    'tesseract'
    """
    if spec is None:
        from landdb.settings import get_settings

        spec = get_settings().ocr_engine
    if spec == "tesseract":
        return tesseract_engine()
    if spec == "tesseract-cli":
        return TesseractCliEngine()
    if spec.startswith("recorded:"):
        return RecordedEngine.load(spec.removeprefix("recorded:"))
    raise ConfigError(f"unknown OCR engine {spec!r}: use {ENGINES}")
