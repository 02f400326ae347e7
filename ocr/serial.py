"""The red serial (số phát hành), read from the red colour layer, and the 2024 form's QR code.

Red text blobs (wide, short) are cut from the red layer and read; the one that has the form's serial format
is the serial, read again in several versions and voted on. The QR code, when it carries a serial or a
'sheet/parcel' key, is one more independent reading.
"""

from __future__ import annotations

import re

import cv2
import numpy as np

from ocr.checks import AGREED
from ocr.engine import OcrEngine
from ocr.normalize import parse_serial
from ocr.page import PageOCR
from ocr.preprocess import red_layer, scaled
from ocr.result import FieldReading
from ocr.table import crop, read_cells, read_each
from ocr.vote import vote

__all__ = ["read_serial", "read_qr", "red_text_boxes"]

SERIAL_CHARS = "ABCDĐEGHIKLMNOPQRSTUVXY0123456789 "  # the re-readings: only what a serial may hold
TEXT_HEIGHT = 26  # px: letter height Tesseract reads best (measured on the red serial, 300 dpi)
BOX_PAD = 8


def red_text_boxes(red: np.ndarray, min_height: int = 25, max_height: int = 200) -> list[tuple[int, int, int, int]]:
    """Boxes of red text lines (x, y, w, h): red ink merged along the line, wide and not too tall."""
    ink = (red < 160).astype(np.uint8) * 255
    merged = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (41, 5)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(merged, connectivity=8)
    boxes = []
    for i in range(1, count):
        x, y, w, h, area = stats[i]
        if min_height <= h <= max_height and w >= 2.5 * h and area >= 0.3 * w * h:
            boxes.append((max(x - BOX_PAD, 0), max(y - BOX_PAD, 0), w + 2 * BOX_PAD, h + 2 * BOX_PAD))
    return boxes


def serial_crops(red: np.ndarray, box: tuple[int, int, int, int]) -> list[np.ndarray]:
    """Differently made images of a red text box: gray and Otsu-binarized, each at its own size and scaled so that
    its letters are ≈ :data:`TEXT_HEIGHT` px tall (Tesseract misreads large bold digits: 3 → 5 at 50 px)."""
    gray, binary = crop(red, box, False), crop(red, box, True)
    letters = max(box[3] - 2 * BOX_PAD, 1)
    scale = min(max(TEXT_HEIGHT / letters, 0.3), 2.0)
    if abs(scale - 1.0) < 0.25:  # already that size: the other version is larger
        scale = 1.5
    return [gray, binary, scaled(gray, scale), scaled(binary, scale)]


def read_serial(page: PageOCR, form: str, engine: OcrEngine, lang: str) -> FieldReading:
    """The serial on ``page`` (page 1 of either form).

    The red text boxes are read once freely; the one with the form's serial format is read again in four
    versions (:func:`serial_crops`, whitelisted, each on its own) and :func:`ocr.vote.vote` decides: an accepted value
    is confirmed by re-reading ('reread', and 'reread2' when three or more versions give it); any dissenting
    version flags the serial (nothing else checks it but the 2024 form's QR code).
    """
    top = page.rgb.shape[0] * 2 // 3  # the serial is printed in the bottom third (domain.md §1)
    red = red_layer(page.rgb[top:])
    boxes = red_text_boxes(red)
    result = FieldReading("serial", None, None, 0.0, page=page.index, engine=engine.name)
    if not boxes:
        result.flag("no red serial found on page 1")
        return result
    free = read_cells(red, boxes, engine, lang, None)
    versions = read_each([c for box in boxes for c in serial_crops(red, box)], engine, lang, SERIAL_CHARS)
    found = []
    for i, (box, cell) in enumerate(zip(boxes, free, strict=True)):
        first = parse_serial(cell.text, form)
        others = [parse_serial(c.text, form) for c in versions[4 * i:4 * i + 4]]
        if first or any(others):
            found.append((box, cell, first, others))
    if not found:
        result.raw_text = " | ".join(c.text for c in free if c.text) or None
        result.flag(f"no red text has the {form} serial format")
        return result
    box, cell, first, others = found[-1]
    result.bbox = (box[0], box[1] + top, box[2], box[3])
    result.raw_text = cell.text
    value, problem = vote(first, others, lambda v: parse_serial(v, form) == v, outvote=False)
    result.value = value
    if len(found) > 1:
        result.flag("several red texts look like a serial")
    if problem is not None:
        result.confidence = 0.5 if value else 0.0
        result.flag(f"serial: {problem}", confidence_cap=0.5)
        result.alternatives = sorted({v for v in others if v and v != value})  # the QR code may settle it
        return result
    result.confidence = AGREED
    result.confirmed.append("reread")
    if others.count(value) >= 3:  # three differently made images agree: enough even on a degraded scan
        result.confirmed.append("reread2")
    return result


def read_qr(rgb: np.ndarray) -> str | None:
    """The text of a QR code in the top third of the page, if any."""
    import zxingcpp

    top = rgb[: rgb.shape[0] // 3]
    try:
        results = zxingcpp.read_barcodes(top, formats=zxingcpp.BarcodeFormat.QRCode)
    except (ValueError, RuntimeError):
        return None
    texts = [r.text for r in results if r.valid and r.text]
    return texts[0] if texts else None


def qr_checks(qr_text: str, readings: dict[str, FieldReading], form: str) -> None:
    """Cross-check the serial and the sheet/parcel numbers against what the QR code carries."""
    from ocr.checks import _flag, agree

    serial = readings.get("serial")
    qr_serial = parse_serial(qr_text, form)
    if serial is not None and qr_serial:
        if serial.flagged and serial.flag_reason and serial.flag_reason.startswith("serial: re-readings disagree") \
                and ";" not in serial.flag_reason and qr_serial in [serial.value, *serial.alternatives]:
            # the readings disagree and the QR code (error-corrected data) is one of them: it settles the vote
            serial.value, serial.alternatives = qr_serial, []
            serial.flagged, serial.flag_reason, serial.confidence = False, None, AGREED
            serial.confirmed.append("qr")
        elif serial.value == qr_serial:
            agree(serial)
        elif serial.value is not None:
            _flag(f"serial {serial.value} disagrees with the QR code ({qr_serial})", serial)
    sheet, parcel = readings.get("parcel.sheet_no"), readings.get("parcel.parcel_no")
    pair = re.findall(r"(?<![\d/])(\d{1,4})/(\d{1,5})(?![\d/])", qr_text)
    if sheet is not None and parcel is not None and len(pair) == 1:
        if (sheet.value, parcel.value) == pair[0]:
            agree(sheet, parcel)
