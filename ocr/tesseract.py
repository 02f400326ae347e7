"""Tesseract 5 behind the :class:`ocr.engine.OcrEngine` interface, two ways to call the same library.

- :class:`TesseractApiEngine` (the default): libtesseract in this process through tesserocr, built against
  Debian's libtesseract (``make setup``). A language model is loaded once per thread and kept, so the many small
  re-readings of a document (table cells, digit fields, the register number) cost no model load each; the image
  goes over as raw bytes, not through a temporary file.
- :class:`TesseractCliEngine`: the ``tesseract`` command with TSV output, one process per call. The fallback when
  tesserocr is not installed; it gives the same words (same library, same parameters — tested).

Both run Tesseract with one OpenMP thread (``OMP_THREAD_LIMIT=1``, set before the library loads): its threads
fight each other otherwise (traps.md); parallelism is across pages and documents.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import tempfile
import threading
from pathlib import Path

import numpy as np

from landdb.errors import OCRError
from ocr.engine import Word, parse_tsv

__all__ = ["TesseractApiEngine", "TesseractCliEngine", "tesseract_engine", "DPI"]

log = logging.getLogger(__name__)
DPI = 300  # pages are rasterized at 300 dpi; Tesseract is told so, for every image and crop


def _one_thread() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"


class TesseractCliEngine:
    """Tesseract 5 through its command line (TSV output), one process per call."""

    name = "tesseract"

    def __init__(self, binary: str = "tesseract", timeout_s: float = 120.0) -> None:
        self.binary = binary
        self.timeout_s = timeout_s
        _one_thread()

    def _run(self, image: np.ndarray, args: list[str]) -> str:
        import cv2

        with tempfile.TemporaryDirectory(prefix="landdb-ocr-") as tmp:
            src = Path(tmp) / ("in.pgm" if image.ndim == 2 else "in.ppm")
            data = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2BGR)
            if not cv2.imwrite(str(src), data):
                raise OCRError(f"cannot write a temporary image for Tesseract in {tmp}")
            cmd = [self.binary, str(src), "stdout", "--dpi", str(DPI), *args]
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


class TesseractApiEngine:
    """libtesseract in this process (tesserocr): one initialised API per language and thread, kept for reuse.

    Thread-safe: each thread has its own APIs (tesserocr releases the GIL while Tesseract works, so threads of a
    Prefect thread pool really run in parallel). Orientation detection (every phone photo) uses its own ``osd``
    API, kept like the others: no process and no model load per page.
    """

    name = "tesseract"

    def __init__(self) -> None:
        _one_thread()
        import tesserocr  # noqa: F401  (after the thread limit: the OpenMP runtime reads it when it loads)

        self._local = threading.local()

    def _api(self, lang: str):
        import tesserocr

        apis = self._local.__dict__.setdefault("apis", {})
        if lang not in apis:
            try:
                apis[lang] = tesserocr.PyTessBaseAPI(lang=lang, oem=tesserocr.OEM.DEFAULT) if lang != "osd" else \
                    tesserocr.PyTessBaseAPI(lang="osd", psm=tesserocr.PSM.OSD_ONLY)
            except RuntimeError as exc:
                raise OCRError(f"Tesseract cannot load language {lang!r}: {exc}") from exc
        return apis[lang]

    def words(self, image: np.ndarray, *, lang: str, psm: int, whitelist: str | None = None) -> list[Word]:
        image = np.ascontiguousarray(image)
        if image.dtype != np.uint8 or image.ndim not in (2, 3):
            raise OCRError(f"Tesseract needs an 8-bit gray or RGB image, got {image.dtype} {image.shape}")
        api = self._api(lang)
        height, width = image.shape[:2]
        depth = 1 if image.ndim == 2 else image.shape[2]
        try:
            api.SetPageSegMode(psm)
            api.SetVariable("tessedit_char_whitelist", whitelist or "")
            api.SetImageBytes(image.tobytes(), width, height, depth, width * depth)
            api.SetSourceResolution(DPI)
            tsv = api.GetTSVText(0)
        except RuntimeError as exc:
            raise OCRError(f"Tesseract failed on a {width}x{height} image: {exc}") from exc
        finally:
            api.Clear()
        return parse_tsv(tsv)

    def orientation(self, image: np.ndarray) -> tuple[int, float]:
        """As the command's ``--psm 0``: tesserocr's ``orient_deg`` is the clockwise turn the image has, so the
        counter-clockwise turn that makes it upright (the command prints ``Rotate: (360 - orient_deg) % 360``)."""
        image = np.ascontiguousarray(image)
        api = self._api("osd")
        height, width = image.shape[:2]
        depth = 1 if image.ndim == 2 else image.shape[2]
        try:
            api.SetImageBytes(image.tobytes(), width, height, depth, width * depth)
            api.SetSourceResolution(DPI)
            found = api.DetectOrientationScript()
        except RuntimeError:
            found = None  # too little text to tell, as the command says
        finally:
            api.Clear()
        if not found:
            return 0, 0.0
        return int(found["orient_deg"]) % 360, float(found["orient_conf"])


_SHARED: dict[int, TesseractApiEngine] = {}  # process id → this process's in-process engine


def tesseract_engine() -> TesseractApiEngine | TesseractCliEngine:
    """The in-process engine when tesserocr is installed, else the command line (same results, slower).

    One in-process engine per process, shared by every document read there: its language models, loaded once per
    thread, then serve all of them (an engine per document loaded them per document: 0.2 CPU-s each, measured).
    Keyed by process id, so a forked worker makes its own rather than use its parent's."""
    try:
        engine = _SHARED.get(os.getpid())
        if engine is None:
            engine = _SHARED[os.getpid()] = TesseractApiEngine()
        return engine
    except ImportError:
        log.warning("tesserocr is not installed: Tesseract runs as one process per call (slower; `make setup`)")
        return TesseractCliEngine()
