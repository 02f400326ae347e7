"""Section IV / 6 'Những thay đổi sau khi cấp giấy chứng nhận': one entry per filled row of its 2-column table.

The left cell holds the change and its legal basis, the right cell the confirmation with its date. Text
comes from the page's full OCR words whose centres fall inside the cell (rows by geometry).
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from landdb.vietnamese import nfc
from ocr.engine import Word
from ocr.layout import Line, Span, group_lines
from ocr.normalize import clean_text, parse_date
from ocr.page import PageOCR
from ocr.result import FieldReading
from ocr.table import Grid

__all__ = ["read_changes", "text_confidence", "confirmable_words", "standard_words", "unread_lines"]


def _cell_lines(page: PageOCR, grid: Grid, row: int, col: int) -> list[Line]:
    x0, x1 = grid.xs[col], grid.xs[col + 1]
    y0, y1 = grid.ys[row], grid.ys[row + 1]
    inside = [w for w in page.words if x0 < w.left + w.width / 2 < x1 and y0 < w.cy < y1]
    return group_lines(inside, page.index)


@cache
def standard_words() -> frozenset[str]:
    from ocr.assemble import CHANGE_PHRASES

    return frozenset(w.lower() for phrase in CHANGE_PHRASES for w in phrase.split())


def text_confidence(words: list[Word], empty: float | None = None) -> float:
    """The minimum word confidence, over the words that are not already, letter for letter and with their
    diacritics, a word of the standard change wording (the vocabulary vouches for those).

    >>> text_confidence([Word('Chuyển', .3, 0, 0, 9, 9), Word('nhượng', .9, 0, 0, 9, 9), Word('AN', .8, 0, 0, 9, 9)])
    0.8
    >>> text_confidence([Word('Chuyến', .3, 0, 0, 9, 9), Word('AN', .8, 0, 0, 9, 9)])
    0.3
    """
    standard = standard_words()
    rest = [w.conf for w in words if nfc(w.text).strip(",.;:").lower() not in standard]
    return min(rest, default=max((w.conf for w in words), default=0.0) if empty is None else empty)


def confirmable_words(words: list[Word], bbox: tuple[int, int, int, int], below: float,
                      vouched: frozenset[str] = frozenset(), unknown: set[str] | frozenset[str] = frozenset()
                      ) -> tuple[list[Word], list[Word]]:
    """The words of a page inside ``bbox`` (by their centres), and those a second reading must confirm: under
    ``below`` and not ``vouched`` (lower-case words, e.g. :func:`standard_words`), or holding an ``unknown``
    syllable (lower case)."""
    x, y, w, h = bbox
    inside = [wd for wd in words if x <= wd.left + wd.width / 2 <= x + w and y <= wd.cy <= y + h]

    def weak(wd: Word) -> bool:
        text = nfc(wd.text).strip(",.;:").lower()
        return (wd.conf < below and text not in vouched) or bool(unknown & set(re.findall(r"[^\W\d_]+", text)))

    return inside, [wd for wd in inside if weak(wd)]


def unread_lines(gray: np.ndarray, box: tuple[int, int, int, int], words: list[Word], inset: int = 8
                 ) -> list[tuple[int, int]]:
    """Bands of text-like ink in ``box`` (page pixels) that no word of ``words`` lies on: a line the OCR lost
    (the text layer has the background and the red/pink print already removed).

    >>> page = np.full((200, 400), 255, np.uint8); page[40:60, 20:300] = 0; page[100:120, 20:200] = 0
    >>> unread_lines(page, (0, 0, 400, 200), [Word('read', .9, 20, 40, 280, 20)])
    [(100, 120)]
    """
    x, y, w, h = box
    crop = gray[y + inset:y + h - inset, x + inset:x + w - inset]
    if crop.size == 0:
        return []
    ink = crop < 128
    rows = ink.sum(axis=1) >= max(3, 0.01 * crop.shape[1])
    bands, start = [], None
    for i, on in enumerate([*rows, False]):
        if on and start is None:
            start = i
        elif not on and start is not None:
            if i - start >= 8 and ink[start:i].any(axis=0).sum() >= 0.05 * crop.shape[1]:  # a line, not a speck
                bands.append((y + inset + start, y + inset + i))
            start = None
    return [(top, bottom) for top, bottom in bands
            if not any(wd.top < bottom and top < wd.bottom for wd in words)]


def read_changes(pages: list[PageOCR], engine: str, start: int = 0) -> list[FieldReading]:
    """Readings ``changes.<i>.text`` / ``changes.<i>.date`` from the change tables on ``pages`` in order."""
    out: list[FieldReading] = []
    index = start
    for page in pages:
        tables = [grid for grid in page.grids() if grid.cols == 2]
        if not tables:  # the change table is printed on every change page: its entries cannot be told
            lost = FieldReading("changes", None, None, 0.0, page=page.index, engine=engine)
            lost.flag(f"no change table found on page {page.index}: changes may be missing")
            out.append(lost)
        for grid in tables:
            for row in range(grid.rows):
                left = _cell_lines(page, grid, row, 0)
                text = clean_text(" ".join(line.text for line in left))
                folded = " ".join(line.folded for line in left)
                if not text and unread_lines(page.gray, grid.cell(row, 0), []):
                    whole = FieldReading("changes", None, None, 0.0, page=page.index, engine=engine)
                    whole.flag(f"a row of the change table on page {page.index} holds ink but no word was read: a "
                               "change may be missing")
                    out.append(whole)
                if not text or "noi dung thay doi" in folded:
                    continue  # empty row or the header
                words = [w for line in left for w in line.words]
                span = Span(text, words, page.index)
                entry = FieldReading(f"changes.{index}.text", text, text, text_confidence(words), page=page.index,
                                     bbox=span.bbox, engine=engine)
                lost = unread_lines(page.gray, grid.cell(row, 0), words)
                if lost:
                    entry.flag(f"{len(lost)} line(s) of this entry were not read (ink without words at y="
                               f"{', '.join(str(top) for top, _ in lost)})", confidence_cap=0.5)
                out.append(entry)
                right = _cell_lines(page, grid, row, 1)
                right_text = " ".join(line.text for line in right)
                date = parse_date(right_text)
                rwords = [w for line in right for w in line.words]
                rspan = Span(right_text, rwords, page.index)
                reading = FieldReading(f"changes.{index}.date", date.isoformat() if date else None,
                                       clean_text(right_text) or None, rspan.confidence, page=page.index,
                                       bbox=rspan.bbox, engine=engine)
                if date is None and right_text.strip():
                    reading.flag(f"cannot read a date in {clean_text(right_text)!r}")
                out.append(reading)
                index += 1
    return out
