"""The red serial (số phát hành), read from the red colour layer, and the 2024 form's QR code.

Red text blobs (wide, short) are cut from the red layer and read together, twice (gray and binarized);
the one that has the form's serial format is the serial. The QR code, when it carries a serial or a
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
from ocr.preprocess import red_layer
from ocr.result import FieldReading
from ocr.table import read_cells

__all__ = ["read_serial", "read_qr", "red_text_boxes"]

SERIAL_CHARS = "ABCDĐEGHIKLMNOPQRSTUVXY0123456789 "  # the second reading: only what a serial may hold


def red_text_boxes(red: np.ndarray, min_height: int = 25, max_height: int = 200) -> list[tuple[int, int, int, int]]:
    """Boxes of red text lines (x, y, w, h): red ink merged along the line, wide and not too tall."""
    ink = (red < 160).astype(np.uint8) * 255
    merged = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (41, 5)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(merged, connectivity=8)
    boxes = []
    for i in range(1, count):
        x, y, w, h, area = stats[i]
        if min_height <= h <= max_height and w >= 2.5 * h and area >= 0.3 * w * h:
            pad = 8
            boxes.append((max(x - pad, 0), max(y - pad, 0), w + 2 * pad, h + 2 * pad))
    return boxes


def read_serial(page: PageOCR, form: str, engine: OcrEngine, lang: str) -> FieldReading:
    """The serial on ``page`` (page 1 of either form)."""
    top = page.rgb.shape[0] * 2 // 3  # the serial is printed in the bottom third (domain.md §1)
    red = red_layer(page.rgb[top:])
    boxes = red_text_boxes(red)
    result = FieldReading("serial", None, None, 0.0, page=page.index, engine=engine.name)
    if not boxes:
        result.flag("no red serial found on page 1")
        return result
    first = read_cells(red, boxes, engine, lang, None)
    second = read_cells(red, boxes, engine, lang, SERIAL_CHARS)
    found = []
    for box, a, b in zip(boxes, first, second, strict=True):
        va, vb = parse_serial(a.text, form), parse_serial(b.text, form)
        if va or vb:
            found.append((box, a, b, va, vb))
    if not found:
        result.raw_text = " | ".join(c.text for c in first if c.text) or None
        result.flag(f"no red text has the {form} serial format")
        return result
    if len(found) > 1:
        result.flag("several red texts look like a serial")
    box, a, b, va, vb = found[-1]
    result.bbox = (box[0], box[1] + top, box[2], box[3])
    result.raw_text = a.text
    if va and va == vb:
        result.value, result.confidence = va, AGREED  # two readings (free and whitelisted) agree
        result.confirmed.append("reread")
        if page.degraded:  # two readings may share a mistake on a degraded scan: a third, binarized
            third = parse_serial(read_cells(red, [box], engine, lang, SERIAL_CHARS, binarize=True)[0].text, form)
            if third == va:
                result.confirmed.append("reread2")
            elif third:
                result.flag(f"degraded scan: a third reading of the serial gives {third}", confidence_cap=0.5)
    elif va and vb:
        result.value, result.confidence = va, min(a.conf, b.conf)
        result.flag(f"two readings of the serial disagree: {va} / {vb}", confidence_cap=0.5)
    elif vb and "".join(ch for ch in a.text if ch.isdigit()) == vb.split()[1]:
        result.value, result.confidence = vb, 0.95  # the free reading's digits agree; its letters are garbled
    else:
        result.value, result.confidence = va or vb, 0.6
        result.flag("only one reading of the serial has its format", confidence_cap=0.6)
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
        if serial.value == qr_serial:
            agree(serial)
        elif serial.value is not None:
            _flag(f"serial {serial.value} disagrees with the QR code ({qr_serial})", serial)
    sheet, parcel = readings.get("parcel.sheet_no"), readings.get("parcel.parcel_no")
    pair = re.findall(r"(?<![\d/])(\d{1,4})/(\d{1,5})(?![\d/])", qr_text)
    if sheet is not None and parcel is not None and len(pair) == 1:
        if (sheet.value, parcel.value) == pair[0]:
            agree(sheet, parcel)
