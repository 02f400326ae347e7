"""The OCR engine interface (:class:`OcrEngine`, :class:`Word`) and the recorded-output engine for unit tests.

Tesseract itself is in :mod:`ocr.tesseract`; the engine is chosen by configuration in :mod:`ocr.engine_config`
(``LANDDB_OCR_ENGINE``: ``tesseract``, ``tesseract-cli`` or ``recorded:<file.json>``), so tests replay recorded
output without patching anything::

    >>> engine = RecordedEngine({})
    >>> engine.name
    'recorded'
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from landdb.errors import ConfigError, OCRError
from landdb.vietnamese import nfc

__all__ = ["Word", "OcrEngine", "RecordedEngine", "RecordingEngine", "parse_tsv"]

DIGITS = "0123456789"


@dataclass(frozen=True)
class Word:
    """One word as the engine saw it: NFC text, confidence 0..1 and its box (page pixels of the image given)."""

    text: str
    conf: float
    left: int
    top: int
    width: int
    height: int
    block: int = 0
    par: int = 0
    line: int = 0

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def cy(self) -> float:
        return self.top + self.height / 2


class OcrEngine(Protocol):
    name: str

    def words(self, image: np.ndarray, *, lang: str, psm: int, whitelist: str | None = None) -> list[Word]:
        """Words with boxes and confidences for a grayscale or RGB image."""

    def orientation(self, image: np.ndarray) -> tuple[int, float]:
        """(degrees to rotate counter-clockwise to make the text upright: 0/90/180/270, confidence)."""


def _key(image: np.ndarray, lang: str, psm: int, whitelist: str | None) -> str:
    digest = hashlib.sha1(np.ascontiguousarray(image).tobytes())
    digest.update(f"{image.shape}|{lang}|{psm}|{whitelist or ''}".encode())
    return digest.hexdigest()


def parse_tsv(tsv: str) -> list[Word]:
    """Words from Tesseract's TSV output (level-5 rows with text).

    >>> header = "\\t".join("level page block par line word left top width height conf text".split())
    >>> parse_tsv(header + "\\n" + "5\\t1\\t1\\t1\\t1\\t1\\t10\\t20\\t30\\t12\\t96.5\\tThửa")
    [Word(text='Thửa', conf=0.965, left=10, top=20, width=30, height=12, block=1, par=1, line=1)]
    """
    words: list[Word] = []
    for row in tsv.splitlines():  # the command line adds a header row, the API does not
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        words.append(Word(text=nfc(cols[11].strip()), conf=max(float(cols[10]), 0.0) / 100,
                          left=int(cols[6]), top=int(cols[7]), width=int(cols[8]), height=int(cols[9]),
                          block=int(cols[2]), par=int(cols[3]), line=int(cols[4])))
    return words


class RecordedEngine:
    """Replays outputs recorded by :class:`RecordingEngine` (keyed by image content and parameters)."""

    name = "recorded"

    def __init__(self, recordings: dict[str, list[dict]]) -> None:
        self.recordings = recordings

    @classmethod
    def load(cls, path: str | Path) -> RecordedEngine:
        try:
            return cls(json.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot load recorded OCR output {path}: {exc}") from exc

    def words(self, image: np.ndarray, *, lang: str, psm: int, whitelist: str | None = None) -> list[Word]:
        key = _key(image, lang, psm, whitelist)
        if key not in self.recordings:
            raise OCRError(f"no recorded OCR output for this image (lang={lang}, psm={psm}); re-record")
        return [Word(**w) for w in self.recordings[key]]

    def orientation(self, image: np.ndarray) -> tuple[int, float]:
        key = _key(image, "osd", 0, None)
        if key not in self.recordings:
            raise OCRError("no recorded orientation for this image; re-record")
        degrees, conf = self.recordings[key]
        return int(degrees), float(conf)


class RecordingEngine:
    """Wraps an engine and records every call, to be saved and replayed by :class:`RecordedEngine`."""

    def __init__(self, inner: OcrEngine) -> None:
        self.inner = inner
        self.name = inner.name
        self.recordings: dict[str, list] = {}

    def words(self, image: np.ndarray, *, lang: str, psm: int, whitelist: str | None = None) -> list[Word]:
        result = self.inner.words(image, lang=lang, psm=psm, whitelist=whitelist)
        self.recordings[_key(image, lang, psm, whitelist)] = [asdict(w) for w in result]
        return result

    def orientation(self, image: np.ndarray) -> tuple[int, float]:
        result = self.inner.orientation(image)
        self.recordings[_key(image, "osd", 0, None)] = list(result)
        return result

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.recordings, ensure_ascii=False), encoding="utf-8")
