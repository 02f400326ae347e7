"""The coordinate table → vertex readings (point, x, y, edge), two readings per cell voting."""

from __future__ import annotations

import re

from geo.tolerance import zone_range
from ocr.changes import unread_lines
from ocr.engine import OcrEngine
from ocr.normalize import parse_coordinate, parse_length
from ocr.page import PageOCR
from ocr.result import FieldReading
from ocr.table import CellReading, Grid, column_roles, read_cells, read_cells_twice

__all__ = ["read_vertex_table", "pick_table", "vote"]

PARSERS = {"x": parse_coordinate, "y": parse_coordinate, "edge": parse_length,
           "point": lambda t: t if re.fullmatch(r"[A-Za-z]?\d{1,3}[A-Za-z]?", t) else None}


DISAGREE = "two readings disagree"
RANGES = {"x": zone_range()[2:], "y": zone_range()[:2]}  # northing, easting of a TM-3 zone


def _plausible(role: str, value: float) -> bool:
    low, high = RANGES[role]
    return low <= value <= high


def pick_table(grids: list[Grid]) -> Grid | None:
    """The coordinate table: 3–5 columns and at least 4 rows (header + 3 vertices)."""
    candidates = [g for g in grids if 3 <= g.cols <= 5 and g.rows >= 4]
    return candidates[0] if candidates else None


def vote(role: str, first: CellReading, second: CellReading) -> tuple[str | None, str, float, str | None]:
    """(value, raw text, confidence, problem) from two readings of one cell.

    >>> vote('x', CellReading('1204706.662', .9), CellReading('1204706.662', .8))
    ('1204706.662', '1204706.662', 0.9, None)
    >>> vote('x', CellReading('1204706.662', .9), CellReading('1204706.692', .8))[3]
    'two readings disagree: 1204706.662 / 1204706.692'
    >>> vote('y', CellReading('590684.66', .9), CellReading('5990684.66', .9))  # one is out of any zone's range
    ('590684.66', '590684.66', 0.8, None)
    """
    parse = PARSERS[role]
    a, b = parse(first.text), parse(second.text)
    if a is not None and first.text == second.text:
        return first.text, first.text, max(first.conf, second.conf), None
    if a is not None and b is not None and role in RANGES and _plausible(role, a) != _plausible(role, b):
        good = first if _plausible(role, a) else second  # the other has a digit too many or too few
        return good.text, good.text, min(good.conf, 0.8), None
    if a is not None and b is not None:
        return first.text, first.text, min(first.conf, second.conf), \
            f"{DISAGREE}: {first.text} / {second.text}"
    if a is not None or b is not None:
        good = first if a is not None else second
        return good.text, good.text, min(good.conf, 0.8), None  # the other reading is malformed: no vote
    raw = first.text or second.text
    return None, raw, 0.0, f"cannot read {raw!r} as a {role}" if raw else None


def read_vertex_table(page: PageOCR, engine: OcrEngine, digits_lang: str, text_lang: str) -> list[FieldReading]:
    """Every cell of the coordinate table on ``page`` as a reading; [] with one flagged reading if none."""
    grid = pick_table(page.grids())
    if grid is None:
        missing = FieldReading("vertices", None, None, 0.0, page=page.index, engine=engine.name)
        missing.flag("no coordinate table found on the page")
        return [missing]
    if grid.cols == 4:  # Điểm | X | Y | Cạnh, the printed order (domain.md §1b)
        roles = column_roles([""] * 4)
    else:
        header = read_cells(page.gray, [grid.cell(0, c) for c in range(grid.cols)], engine, text_lang, None)
        roles = column_roles([h.text for h in header])
    boxes = [(r, c, grid.cell(r, c)) for r in range(1, grid.rows) for c in range(grid.cols) if roles[c]]
    cells = [b for _, _, b in boxes]
    whitelist = "0123456789."
    first, second = read_cells_twice(page.gray, cells, engine, digits_lang, whitelist)
    rows: dict[int, dict[str, tuple]] = {}
    for (row, col, box), a, b in zip(boxes, first, second, strict=True):
        role = roles[col]
        if role == "point":
            a = CellReading(a.text.rstrip("."), a.conf)
            b = CellReading(b.text.rstrip("."), b.conf)
        rows.setdefault(row, {})[role] = (vote(role, a, b), box)
    ordered = [rows[r] for r in sorted(rows)]
    # drop empty rows and the closing row that repeats the first vertex; an 'empty' row with ink in it is a
    # vertex the OCR lost: the list is flagged (the record must not silently hold fewer vertices than the paper)
    lost = [i + 1 for i, r in enumerate(ordered) if not any(v[0][1] for v in r.values())
            and any(unread_lines(page.gray, box, []) for _, box in r.values())]
    ordered = [r for r in ordered if any(v[0][1] for v in r.values())]
    if len(ordered) >= 2 and _same_vertex(ordered[0], ordered[-1]):
        ordered = ordered[:-1]
    readings: list[FieldReading] = []
    for i, row in enumerate(ordered):
        for role, field in (("point", "point"), ("x", "x"), ("y", "y"), ("edge", "edge_m")):
            if role not in row:
                continue
            (value, raw, conf, problem), box = row[role]
            r = FieldReading(f"vertices.{i}.{field}", value, raw, conf, page=page.index, bbox=box,
                             engine=engine.name)
            if role == "edge" and value is None and not raw and i == len(ordered) - 1:
                r.confidence = 0.99  # the last row has no edge printed when the table closes the ring
            elif problem:
                r.flag(problem, confidence_cap=0.5)
                if problem.startswith(DISAGREE):
                    r.alternatives.append(problem.rsplit(" / ", 1)[1])
            readings.append(r)
    if lost:
        whole = FieldReading("vertices", None, None, 0.0, page=page.index, engine=engine.name)
        whole.flag(f"row(s) {', '.join(map(str, lost))} of the coordinate table hold ink but nothing was read: a "
                   "vertex may be missing")
        readings.append(whole)
    return readings


def _same_vertex(a: dict, b: dict) -> bool:
    keys = ("x", "y")  # the closing row repeats the first vertex's coordinates (its number may be misread)
    return all(k in a and k in b and a[k][0][0] is not None and a[k][0][0] == b[k][0][0] for k in keys)
