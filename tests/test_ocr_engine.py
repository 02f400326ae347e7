"""The engine is a resource chosen by configuration; recorded output replays without Tesseract."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from landdb.errors import ConfigError, OCRError
from ocr.engine import RecordedEngine, RecordingEngine, Word
from ocr.engine_config import make_engine


class FakeEngine:
    """A stand-in that answers from a table (pure-logic test of the recording/replay plumbing)."""

    name = "fake"

    def words(self, image, *, lang, psm, whitelist=None):
        return [Word(f"{lang}-{psm}-{int(image.mean())}", 0.9, 1, 2, 3, 4)]

    def orientation(self, image):
        return 90, 5.0


def test_recording_then_replay(tmp_path):
    image = np.full((20, 30), 200, np.uint8)
    recorder = RecordingEngine(FakeEngine())
    live = recorder.words(image, lang="vie", psm=6)
    assert recorder.orientation(image) == (90, 5.0)
    path = tmp_path / "rec.json"
    recorder.save(path)
    replay = RecordedEngine.load(path)
    assert replay.words(image, lang="vie", psm=6) == live
    assert replay.orientation(image) == (90, 5.0)
    with pytest.raises(OCRError, match="no recorded OCR output"):
        replay.words(image, lang="eng", psm=6)
    with pytest.raises(OCRError):
        replay.words(np.zeros((20, 30), np.uint8), lang="vie", psm=6)


def test_engine_by_configuration(tmp_path, monkeypatch):
    path = tmp_path / "rec.json"
    path.write_text(json.dumps({}), encoding="utf-8")
    from landdb.settings import get_settings

    monkeypatch.setenv("LANDDB_OCR_ENGINE", f"recorded:{path}")
    get_settings.cache_clear()
    assert make_engine().name == "recorded"
    monkeypatch.setenv("LANDDB_OCR_ENGINE", "tesseract")
    get_settings.cache_clear()
    assert make_engine().name == "tesseract" and os.environ["OMP_THREAD_LIMIT"] == "1"
    assert type(make_engine()).__name__ == "TesseractApiEngine"  # tesserocr is part of the install
    assert type(make_engine("tesseract-cli")).__name__ == "TesseractCliEngine"
    monkeypatch.delenv("LANDDB_OCR_ENGINE")
    get_settings.cache_clear()
    with pytest.raises(ConfigError, match="unknown OCR engine"):
        make_engine("abbyy")
    with pytest.raises(ConfigError, match="cannot load"):
        make_engine(f"recorded:{tmp_path / 'missing.json'}")


def test_one_in_process_engine_serves_every_document_of_a_process():
    """Documents read in one process share the engine, so its language models load once per thread, not once per
    document; a worker forked from this process makes its own (the engines are keyed by process id)."""
    import multiprocessing

    from ocr.tesseract import tesseract_engine

    engine = tesseract_engine()
    assert tesseract_engine() is engine and make_engine("tesseract") is engine
    engine.words(np.full((40, 120), 255, np.uint8), lang="vie", psm=6)
    loaded = engine._local.apis["vie"]
    assert tesseract_engine()._api("vie") is loaded  # the model loaded for the first document serves the next
    with multiprocessing.get_context("fork").Pool(1) as pool:
        child, owner = pool.apply(_engine_owner)
    assert owner == child != os.getpid()


def _engine_owner() -> tuple[int, int]:
    """This process's id, and that under which the engine it is given was made."""
    from ocr.tesseract import _SHARED, tesseract_engine

    engine = tesseract_engine()
    return os.getpid(), next(pid for pid, e in _SHARED.items() if e is engine)
