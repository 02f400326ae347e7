"""The register number (số vào sổ cấp GCN, blue italic print): its box in several versions (gray, binarized, blue
ink; 1x and 2x) stacked in one whitelisted call, and voted on (:func:`register_vote`)."""

from __future__ import annotations

import numpy as np

from ocr.checks import _flag, agree
from ocr.engine import OcrEngine
from ocr.page import PageOCR
from ocr.preprocess import scaled
from ocr.result import FieldReading
from ocr.table import crop, padded_box, read_crops
from ocr.vote import vote

__all__ = ["reread_register", "register_vote", "register_crops", "REGISTER_CHARS"]

REGISTER_CHARS = "ABCDEGHKLMNPQRSTUVXY0123456789."  # what a register number may hold (landdb.ids.REGISTER_NO)
REGISTER_SCALES = (1.0, 2.0)


def _blue_layer(rgb: np.ndarray) -> np.ndarray:
    """Blue ink as dark on white, everything else (black print, background) white.

    >>> crop = np.full((10, 10, 3), 245, np.uint8); crop[2:5] = (40, 60, 190); crop[6:8] = (20, 20, 20)
    >>> layer = _blue_layer(crop); int(layer[3, 3]) < 100, int(layer[7, 3]), int(layer[0, 0])
    (True, 255, 255)
    """
    r, g, b = (rgb[:, :, i].astype(np.int16) for i in range(3))
    blueness = np.clip((b - np.maximum(r, g) - 30) * 2, 0, 255).astype(np.uint8)
    return 255 - blueness


def register_crops(page: PageOCR, bbox: tuple[int, int, int, int]) -> list[np.ndarray]:
    """Differently made images of the register number's box: gray, Otsu-binarized and the blue-ink layer,
    each at 1x and 2x."""
    box = padded_box(page.gray.shape, bbox, 3)
    layers = [crop(page.gray, box, False), crop(page.gray, box, True)]
    if page.rgb is not None and page.rgb.shape[:2] == page.gray.shape:
        blue = _blue_layer(page.rgb[box[1]:box[1] + box[3], box[0]:box[0] + box[2]])
        if (blue < 128).mean() > 0.01:  # blue ink present
            layers.append(blue)
    return [scaled(layer, scale) for layer in layers for scale in REGISTER_SCALES]


def register_vote(first: str | None, others: list[str | None]) -> tuple[str | None, str | None]:
    """:func:`ocr.vote.vote` over register numbers (``landdb.ids.REGISTER_NO``)."""
    from landdb.ids import register_no_ok

    return vote(first, others, register_no_ok)


def reread_register(readings: dict[str, FieldReading], pages: dict[int, PageOCR], engine: OcrEngine,
                    lang: str) -> None:
    """Re-read the register number's box (blue italic print) in several versions, stacked in one call with a
    whitelist; :func:`register_vote` decides. A value the vote accepts replaces an unreadable full-page one."""
    from ocr.normalize import parse_register_no

    r = readings.get("register_no")
    if r is None or r.bbox is None or r.page not in pages:
        return
    cells = read_crops(register_crops(pages[r.page], r.bbox), engine, lang, REGISTER_CHARS)
    others = [parse_register_no(c.text) for c in cells]
    value, problem = register_vote(r.value, others)
    if problem is not None:
        if r.value is not None:
            _flag(f"register number: {problem}", r)
        return
    if r.value != value:  # the full-page text was unreadable or outvoted by every re-reading
        r.value, r.flagged, r.flag_reason, r.confidence = value, False, None, 0.0
    agree(r, by="reread")
    if pages[r.page].degraded and others.count(value) >= 3:  # a degraded scan needs more than two
        agree(r, by="reread2")
