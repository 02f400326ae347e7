"""Second readings of digit fields: each value's box re-read with a digit whitelist (``eng``), in one call.

Agreement with the full-page reading raises confidence; disagreement flags the field.
"""

from __future__ import annotations

import re

from ocr.checks import _flag, agree
from ocr.engine import OcrEngine
from ocr.page import PageOCR
from ocr.result import FieldReading
from ocr.table import read_cells

__all__ = ["reread_digits", "DIGIT_FIELDS"]

DIGIT_FIELDS = re.compile(r"parcel\.(parcel_no|sheet_no|area_m2)$|owners\.\d+\.(id_number|birth_year)$|^register_no$")
WHITELIST = "ABCDEGHKLMNPQRSTUVXY0123456789,."  # one call per page for every field


def _canon(field: str, text: str) -> str | None:
    if field == "register_no":
        from ocr.normalize import parse_register_no

        return parse_register_no(text)
    if field.endswith("area_m2"):
        from ocr.normalize import parse_area

        value = parse_area(text.rstrip(".,"))
        return None if value is None else f"{value:g}"
    return text.strip(",.") if text.strip(",.").isdigit() else None


def reread_digits(readings: dict[str, FieldReading], pages: dict[int, PageOCR], engine: OcrEngine,
                  lang: str) -> None:
    """Re-read every digit field that has a value and a box; agree or flag."""
    todo: dict[tuple[int, str], list[FieldReading]] = {}
    for key, r in readings.items():
        if DIGIT_FIELDS.search(key) and r.value is not None and r.bbox is not None and r.page in pages:
            todo.setdefault((r.page, WHITELIST), []).append(r)
    for (page_no, whitelist), items in todo.items():
        page = pages[page_no]
        h, w = page.gray.shape
        boxes = []
        for r in items:
            x, y, bw, bh = r.bbox
            pad = max(4, bh // 4)
            x0, y0 = max(x - pad, 0), max(y - pad, 0)
            boxes.append((x0, y0, min(bw + 2 * pad, w - x0), min(bh + 2 * pad, h - y0)))
        again = read_cells(page.gray, boxes, engine, lang, whitelist)
        for r, cell in zip(items, again, strict=True):
            second = _canon(r.field, cell.text)
            if second == r.value:
                agree(r)
            elif second is None:
                r.confidence = min(r.confidence, 0.6)
            else:
                _flag(f"a re-reading with a character whitelist gives {second!r}", r)
