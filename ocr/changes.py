"""Section IV / 6 'Những thay đổi sau khi cấp giấy chứng nhận': one entry per filled row of its 2-column table.

The left cell holds the change and its legal basis, the right cell the confirmation with its date. Text
comes from the page's full OCR words whose centres fall inside the cell (rows by geometry).
"""

from __future__ import annotations

from ocr.layout import Line, Span, group_lines
from ocr.normalize import clean_text, parse_date
from ocr.page import PageOCR
from ocr.result import FieldReading
from ocr.table import Grid

__all__ = ["read_changes"]


def _cell_lines(page: PageOCR, grid: Grid, row: int, col: int) -> list[Line]:
    x0, x1 = grid.xs[col], grid.xs[col + 1]
    y0, y1 = grid.ys[row], grid.ys[row + 1]
    inside = [w for w in page.words if x0 < w.left + w.width / 2 < x1 and y0 < w.cy < y1]
    return group_lines(inside, page.index)


def read_changes(pages: list[PageOCR], engine: str, start: int = 0) -> list[FieldReading]:
    """Readings ``changes.<i>.text`` / ``changes.<i>.date`` from the change tables on ``pages`` in order."""
    out: list[FieldReading] = []
    index = start
    for page in pages:
        for grid in page.grids():
            if grid.cols != 2:
                continue
            for row in range(grid.rows):
                left = _cell_lines(page, grid, row, 0)
                text = clean_text(" ".join(line.text for line in left))
                folded = " ".join(line.folded for line in left)
                if not text or "noi dung thay doi" in folded:
                    continue  # empty row or the header
                words = [w for line in left for w in line.words]
                span = Span(text, words, page.index)
                out.append(FieldReading(f"changes.{index}.text", text, text, span.confidence, page=page.index,
                                        bbox=span.bbox, engine=engine))
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
