"""The OCR engine: a small interface, Tesseract behind it, and a recorded-output engine for unit tests.

The engine is chosen by configuration (``LANDDB_OCR_ENGINE``: ``tesseract`` or ``recorded:<file.json>``),
so tests replay recorded output without patching anything::

    >>> engine = RecordedEngine({})
    >>> engine.name
    'recorded'
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from landdb.errors import ConfigError, OCRError
from landdb.vietnamese import nfc

__all__ = ["Word", "OcrEngine", "TesseractEngine", "RecordedEngine", "RecordingEngine", "make_engine"]

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
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        words.append(Word(text=nfc(cols[11].strip()), conf=max(float(cols[10]), 0.0) / 100,
                          left=int(cols[6]), top=int(cols[7]), width=int(cols[8]), height=int(cols[9]),
                          block=int(cols[2]), par=int(cols[3]), line=int(cols[4])))
    return words


class TesseractEngine:
    """Tesseract 5 through its command line (TSV output), one thread per call (``OMP_THREAD_LIMIT=1``)."""

    name = "tesseract"

    def __init__(self, binary: str = "tesseract", timeout_s: float = 120.0) -> None:
        self.binary = binary
        self.timeout_s = timeout_s
        os.environ["OMP_THREAD_LIMIT"] = "1"  # before any Tesseract runs: threads fight otherwise (traps.md)

    def _run(self, image: np.ndarray, args: list[str]) -> str:
        import cv2

        with tempfile.TemporaryDirectory(prefix="landdb-ocr-") as tmp:
            src = Path(tmp) / ("in.pgm" if image.ndim == 2 else "in.ppm")
            data = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2BGR)
            if not cv2.imwrite(str(src), data):
                raise OCRError(f"cannot write a temporary image for Tesseract in {tmp}")
            cmd = [self.binary, str(src), "stdout", "--dpi", "300", *args]
            env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
            try:
                done = subprocess.run(cmd, capture_output=True, timeout=self.timeout_s, env=env, check=False)
            except (OSError, subprocess.TimeoutExpired) as exc:
                raise OCRError(f"Tesseract failed to run: {exc}") from exc
        if done.returncode != 0:
            raise OCRError(f"Tesseract exited {done.returncode}: {done.stderr.decode(errors='replace')[-300:]}")
        return done.stdout.decode("utf-8", errors="replace")

    def words(self, image: np.ndarray, *, lang: str, psm: int, whitelist: str | None = None) -> list[Word]:
        args = ["-l", lang, "--psm", str(psm)]
        if whitelist:
            args += ["-c", f"tessedit_char_whitelist={whitelist}"]
        return parse_tsv(self._run(image, [*args, "tsv"]))

    def orientation(self, image: np.ndarray) -> tuple[int, float]:
        try:
            out = self._run(image, ["--psm", "0"])
        except OCRError:
            return 0, 0.0  # too little text to tell
        rotate = re.search(r"Rotate:\s*(\d+)", out)
        conf = re.search(r"Orientation confidence:\s*([\d.]+)", out)
        # Tesseract's "Rotate" is clockwise; we return counter-clockwise degrees
        return ((360 - int(rotate.group(1))) % 360 if rotate else 0), float(conf.group(1)) if conf else 0.0


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


def make_engine(spec: str | None = None) -> OcrEngine:
    """The engine named by ``spec`` or ``LANDDB_OCR_ENGINE`` (default Tesseract).

    >>> make_engine('tesseract').name
    'tesseract'
    """
    if spec is None:
        from landdb.settings import get_settings

        spec = get_settings().ocr_engine
    if spec == "tesseract":
        return TesseractEngine()
    if spec.startswith("recorded:"):
        return RecordedEngine.load(spec.removeprefix("recorded:"))
    raise ConfigError(f"unknown OCR engine {spec!r}: use 'tesseract' or 'recorded:<file.json>'")
