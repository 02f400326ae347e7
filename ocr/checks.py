"""Cross-checks between fields: each independent second reading raises confidence when it agrees and flags
both sides when it does not (domain.md §1, §3, §6).

All functions work on a ``dict[field path → FieldReading]`` and change readings in place; no I/O.

>>> from ocr.result import FieldReading as R
>>> rs = {'parcel.area_m2': R('parcel.area_m2', '32.4', '32,4', 0.9),
...       'parcel.area_words': R('parcel.area_words', 'Ba mươi hai phẩy bốn mét vuông', None, 0.9)}
>>> check_area_words(rs); rs['parcel.area_m2'].flagged, rs['parcel.area_m2'].confidence
(False, 0.995)
"""

from __future__ import annotations

import math
import re

from geo.tolerance import PRINTED_ROUNDING_M, area_tolerance_m2, edge_disagrees, in_zone_range, looks_swapped
from landdb.ids import cccd_problems, cmnd_ok, register_no_ok, serial_ok
from ocr.result import FieldReading

__all__ = ["check_area_words", "check_land_use_sum", "check_owner_ids", "check_edges", "check_polygon_area",
           "check_points", "check_use_form_shares",
           "check_zone", "check_formats", "agree", "AGREED"]

Readings = dict[str, FieldReading]
AGREED = 0.995  # confidence of a value that an independent second reading confirms


def agree(*readings: FieldReading | None, level: float = AGREED, by: str = "check") -> None:
    """Two independent readings agree: raise both (unless flagged) and note what confirmed them
    (``by``: 'check' for a cross-check between fields, 'reread'/'reread2' for OCR re-readings)."""
    for reading in readings:
        if reading is not None and not reading.flagged:
            reading.confidence = max(reading.confidence, level)
            if by not in reading.confirmed:
                reading.confirmed.append(by)


def _flag(reason: str, *readings: FieldReading | None) -> None:
    for reading in readings:
        if reading is not None:
            reading.flag(reason, confidence_cap=0.3)


def _flag_whole(rs: Readings, key: str, reason: str) -> None:
    """Flag a whole list ('vertices', 'parcel.land_uses'): an item may be missing, and a missing item has no
    reading of its own to carry the flag."""
    rs.setdefault(key, FieldReading(key, None, None, 0.0)).flag(reason)


def _num(reading: FieldReading | None) -> float | None:
    if reading is None or reading.value is None:
        return None
    try:
        return float(reading.value)
    except ValueError:
        return None


def check_area_words(rs: Readings) -> None:
    """Area digits vs the area in words ('bằng chữ'), parsed back to a number."""
    from landdb.vietnamese import words_to_number

    area, words = rs.get("parcel.area_m2"), rs.get("parcel.area_words")
    if area is None or words is None or words.value is None:
        return
    from landdb.vietnamese import UNIT_M2, fold

    if not fold(words.value).rstrip(" .;)").endswith(fold(UNIT_M2)):  # cut short: its last words were not read
        _flag(f"the area in words does not end with '{UNIT_M2}': part of it was not read", words)
        return
    try:
        spoken = words_to_number(words.value)
    except ValueError as exc:
        _flag(f"the area in words cannot be read as a number ({exc})", words)
        return
    digits = _num(area)
    if digits is None:
        return
    if abs(digits - spoken) < PRINTED_ROUNDING_M:  # the same figure, to the printed two decimals
        agree(area, words)
    else:
        _flag(f"area digits {digits:g} disagree with the words ({spoken:g})", area, words)


def check_land_use_sum(rs: Readings) -> None:
    """The per-use areas add up to the total area."""
    total = _num(rs.get("parcel.area_m2"))
    parts = [rs[k] for k in sorted(rs) if re.fullmatch(r"parcel\.land_uses\.\d+\.area_m2", k)]
    if total is None or not parts:
        return
    values = [_num(p) for p in parts]
    if any(v is None for v in values):
        return
    if abs(sum(values) - total) < 0.05:
        agree(*parts, level=max(rs["parcel.area_m2"].confidence, 0.9) if len(parts) > 1 else AGREED)
    else:
        reason = f"land-use areas add up to {sum(values):g} m², not the total {total:g} m²"
        _flag(reason, *parts, rs.get("parcel.area_m2"))
        if sum(values) < total:
            _flag_whole(rs, "parcel.land_uses", f"{reason}: a land use may be missing")


def check_use_form_shares(rs: Readings) -> None:
    """'riêng: A m²; chung: B m²' adds up to the total area ('Không' counts 0)."""
    use_form, total = rs.get("parcel.use_form"), _num(rs.get("parcel.area_m2"))
    if use_form is None or use_form.value is None or total is None:
        return
    shares = re.findall(r"(?:riêng|chung): (Không|[\d.]+(?:,\d+)?) m²", use_form.value)
    if len(shares) != 2:
        return
    values = [0.0 if v == "Không" else float(v.replace(".", "").replace(",", ".")) for v in shares]
    if abs(sum(values) - total) < 0.05:
        agree(use_form)
    else:
        _flag(f"shares of use add up to {sum(values):g} m², not the total {total:g} m²", use_form)


def check_owner_ids(rs: Readings) -> None:
    """CCCD vs the owner's title (sex) and birth year; CMND format."""
    for index in range(20):
        prefix = f"owners.{index}."
        if prefix + "name" not in rs:
            break
        id_reading = rs.get(prefix + "id_number")
        if id_reading is None or id_reading.value is None:
            continue
        id_type = rs.get(prefix + "id_type")
        kind = id_type.value if id_type else None
        title = rs.get(prefix + "title")
        year = rs.get(prefix + "birth_year")
        if kind in ("CCCD", "CC"):
            birth = int(year.value) if year is not None and year.value and year.value.isdigit() else None
            problems = cccd_problems(id_reading.value, title.value if title else None, birth)
            if problems:
                involved = [id_reading]
                if any("birth year" in p for p in problems):
                    involved.append(year)
                if any("title" in p for p in problems):
                    involved.append(title)
                _flag("; ".join(problems), *involved)
            else:
                # the number vouches for a citizen ID, not for 'CCCD' against 'CC' (a truncated 'CCCD' reads 'CC')
                agree(id_type if kind == "CCCD" else None, year if birth is not None else None)
        elif kind == "CMND":
            if cmnd_ok(id_reading.value):
                agree(id_type if len(id_reading.value) == 9 else None)  # 12 digits could be a citizen ID too
            else:
                _flag(f"CMND {id_reading.value!r} is not 9 or 12 digits", id_reading)


def _vertex_count(rs: Readings) -> int:
    count = 0
    while f"vertices.{count}.x" in rs:
        count += 1
    return count


def _xy(rs: Readings, i: int) -> tuple[float, float] | None:
    x, y = _num(rs.get(f"vertices.{i}.x")), _num(rs.get(f"vertices.{i}.y"))
    return None if x is None or y is None else (x, y)


def check_edges(rs: Readings, tolerance_m: float = 0.01) -> None:
    """Every printed edge length vs the distance between its two vertices.

    An edge that agrees confirms both its vertices and itself; a vertex whose both edges disagree is flagged,
    and an edge that alone disagrees is flagged itself (its neighbours vouch for the vertices).
    """
    n = _vertex_count(rs)
    if n < 3:
        return
    status: list[bool | None] = []
    for i in range(n):
        a, b, edge = _xy(rs, i), _xy(rs, (i + 1) % n), _num(rs.get(f"vertices.{i}.edge_m"))
        if a is None or b is None or edge is None:
            status.append(None)
            continue
        status.append(not edge_disagrees(math.dist(a, b), edge, tolerance_m))
    for i in range(n):
        here, before = status[i], status[i - 1]
        v = [rs.get(f"vertices.{i}.{c}") for c in ("x", "y")]
        if here is False and before is False:
            _flag(f"vertex {i + 1}: both of its edges disagree with the printed lengths", *v)
        elif here is False:
            nxt = status[(i + 1) % n]
            if nxt is not False:
                _flag(f"edge {i + 1}→{(i + 1) % n + 1}: printed length disagrees with the coordinates",
                      rs.get(f"vertices.{i}.edge_m"))
        if here is True:
            agree(rs.get(f"vertices.{i}.edge_m"))
        if here is True and before is True:
            agree(*v)


def check_points(rs: Readings) -> None:
    """Vertex numbers printed 1, 2, 3 … in order confirm each other."""
    n = _vertex_count(rs)
    points = [rs.get(f"vertices.{i}.point") for i in range(n)]
    values = [p.value if p is not None else None for p in points]
    if n < 3 or not all(v is not None and v.isdigit() for v in values):
        return  # lettered or unread points: nothing to say
    numbers = [int(v) for v in values]
    if all(b - a == 1 for a, b in zip(numbers, numbers[1:], strict=False)):
        agree(*points)
    else:
        # e.g. 2, 3, 4, 5, 1: a row was lost into the header and the closing row kept — same ring, other order
        fields = [rs.get(f"vertices.{i}.{c}") for i in range(n) for c in ("point", "x", "y", "edge_m")]
        reason = f"vertex numbers read as {', '.join(values)}: not consecutive, rows may be missing or shifted"
        _flag(reason, *fields)
        _flag_whole(rs, "vertices", reason)


def check_polygon_area(rs: Readings, k: float, scale: int) -> None:
    """The polygon's area from the vertices vs the printed area: ΔP = k·M·√P (domain.md §4)."""
    from shapely.geometry import Polygon

    n = _vertex_count(rs)
    points = [_xy(rs, i) for i in range(n)]
    area_r = rs.get("parcel.area_m2")
    area = _num(area_r)
    if n < 3 or any(p is None for p in points) or area is None or area <= 0:
        return
    computed = Polygon([(y, x) for x, y in points]).area
    allowed = area_tolerance_m2(area, scale=scale, k=k)
    if abs(computed - area) > allowed:
        # vertices that their edges already confirmed are not what is wrong: the flag goes to the others and
        # to the area, which a person compares with the coordinates
        vertices = [rs.get(f"vertices.{i}.{c}") for i in range(n) for c in ("x", "y")]
        reason = f"the vertices enclose {computed:.1f} m², the printed area is {area:g} m² (±{allowed:.1f})"
        _flag(reason, area_r, *(v for v in vertices if v is not None and v.confidence < AGREED))
        edges = [rs.get(f"vertices.{i}.edge_m") for i in range(n)]
        ring_checked = all(e is not None and "check" in e.confirmed for e in edges)  # closing edge included
        if computed < area and not ring_checked:
            _flag_whole(rs, "vertices", f"{reason}: a vertex row may be missing")


def check_zone(rs: Readings) -> None:
    """Coordinates within a VN-2000 TM-3 zone's range (``geo.tolerance``); X (northing) and Y (easting)
    swapped is named as such."""
    for i in range(_vertex_count(rs)):
        xr, yr = rs.get(f"vertices.{i}.x"), rs.get(f"vertices.{i}.y")
        x, y = _num(xr), _num(yr)
        if x is None or y is None:
            continue
        x_ok, y_ok = in_zone_range(x, y)
        if looks_swapped(x, y):
            _flag(f"vertex {i + 1}: X and Y look swapped (X is the northing)", xr, yr)
        else:
            if not x_ok:
                _flag(f"vertex {i + 1}: X={x:g} is outside the VN-2000 northing range", xr)
            if not y_ok:
                _flag(f"vertex {i + 1}: Y={y:g} is outside the VN-2000 easting range", yr)


def check_formats(rs: Readings, form: str) -> None:
    """Serial and register number have their form's format."""
    serial = rs.get("serial")
    if serial is not None and serial.value is not None and not serial_ok(serial.value, form):
        _flag(f"serial {serial.value!r} does not have the {form} format", serial)
    register = rs.get("register_no")
    if register is not None and register.value is not None and not register_no_ok(register.value):
        _flag(f"register number {register.value!r} does not have the usual format", register)
