"""One page: colour separation, blank test, deskew, full-page OCR, kind, and orientation when needed."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ocr.classify import BLANK, OTHER, classify_text
from ocr.engine import OcrEngine, Word
from ocr.layout import Line, group_lines
from ocr.preprocess import ink_ratio, rotate, skew_angle, text_layer
from ocr.table import Grid, find_grids

__all__ = ["PageOCR", "read_page", "page_quality", "scan_quality", "BLANK_INK", "DEGRADED"]

BLANK_INK = 0.0015  # share of dark pixels below which a page is blank (a text page has 2–6 %)
MIN_SKEW = 0.15
# mean word confidence under which a scan is degraded: calibrated on generated seed 101, where document means
# were 0.82–0.87 on heavy scans and 0.89–0.95 on medium/light ones (not on the benchmark's seed)
DEGRADED = 0.88


@dataclass
class PageOCR:
    index: int  # 1-based page number in the document
    rgb_read: np.ndarray  # the page's colours as read; :attr:`rgb` gives them turned like ``gray``
    gray: np.ndarray
    kind: str
    words: list[Word] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    rotation: int = 0
    skew: float = 0.0
    scan_quality: float | None = None  # the whole document's quality (set once every page is read)
    _grids: list[Grid] | None = field(default=None, repr=False)
    _rgb_turn: float = field(default=0.0, repr=False)  # the deskew still owed by ``rgb_read``

    @property
    def rgb(self) -> np.ndarray:
        """The colours turned like ``gray`` — on first use: only the pages whose serial, QR code or register
        stamp is read need them (turning the colours of every skewed page cost 0.05 CPU-s each)."""
        if self._rgb_turn:
            self.rgb_read, self._rgb_turn = rotate(self.rgb_read, self._rgb_turn), 0.0
        return self.rgb_read

    @rgb.setter
    def rgb(self, value: np.ndarray | None) -> None:
        self.rgb_read, self._rgb_turn = value, 0.0

    def grids(self) -> list[Grid]:
        """The ruled tables of the page (found once)."""
        if self._grids is None:
            self._grids = find_grids(self.gray, min_rows=1, min_cols=2)
        return self._grids

    @property
    def quality(self) -> float:
        """How well the page reads: Tesseract's mean confidence over its words of two or more letters/digits
        (1.0 for a page without words). Degraded scans (noise, blur, low contrast) read lower."""
        return page_quality(self.words)

    @property
    def degraded(self) -> bool:
        """A degraded scan: two OCR readings of it may share a mistake (the document's quality, else the page's)."""
        return (self.scan_quality if self.scan_quality is not None else self.quality) < DEGRADED

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def scan_quality(pages: list[PageOCR]) -> float:
    """The document's quality: the mean of its read pages' qualities (1.0 if none was read)."""
    read = [p.quality for p in pages if p.words]
    return round(sum(read) / len(read), 4) if read else 1.0


def page_quality(words: list[Word]) -> float:
    """Mean confidence of the words with at least two letters or digits.

    >>> page_quality([Word('Thửa', .9, 0, 0, 9, 9), Word('đất', .7, 0, 0, 9, 9), Word(':', .1, 0, 0, 9, 9)])
    0.8
    """
    confs = [w.conf for w in words if sum(ch.isalnum() for ch in w.text) >= 2]
    return round(sum(confs) / len(confs), 4) if confs else 1.0


def read_page(rgb: np.ndarray, index: int, engine: OcrEngine, lang: str) -> PageOCR:
    """Read a page; a page that is not recognised is tried again after Tesseract's orientation detection."""
    gray = text_layer(rgb)
    if ink_ratio(gray) < BLANK_INK:
        return PageOCR(index, rgb, gray, BLANK)
    page = _ocr(rgb, gray, index, engine, lang, rotation=0)
    if page.kind != OTHER:
        return page
    degrees, confidence = engine.orientation(gray)
    if degrees and confidence >= 1.0:
        turned = rotate(rgb, degrees)
        again = _ocr(turned, text_layer(turned), index, engine, lang, rotation=degrees)
        if again.kind != OTHER:
            return again
    return page


def _ocr(rgb: np.ndarray, gray: np.ndarray, index: int, engine: OcrEngine, lang: str, rotation: int) -> PageOCR:
    skew = skew_angle(gray)
    skew = skew if abs(skew) >= MIN_SKEW else 0.0
    if skew:  # the text layer turned as it is, not made again from the turned colours (the same pixels up to
        gray = rotate(gray, skew)  # interpolation, for a fifth of the CPU); the colours are turned when used
    words = engine.words(gray, lang=lang, psm=3)
    lines = group_lines(words, index)
    kind = classify_text("\n".join(line.text for line in lines))
    return PageOCR(index, rgb, gray, kind, words, lines, rotation, skew, _rgb_turn=skew)
