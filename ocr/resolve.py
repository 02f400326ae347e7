"""Two readings of a coordinate-table cell that disagree, settled by geometry when exactly one fits.

The printed edge lengths and the vertex coordinates check each other to the centimetre (domain.md §1b): when a
cell's two readings disagree and exactly one of them makes the adjacent edges agree with the coordinates (the
other cells themselves read without disagreement), that one is taken — a misreading that happens to fit to
1 cm is not plausible. Otherwise the cell stays flagged.
"""

from __future__ import annotations

import math

from geo.tolerance import PRINTED_ROUNDING_M
from ocr.result import FieldReading
from ocr.vertices import DISAGREE

__all__ = ["resolve_by_edges"]

Readings = dict[str, FieldReading]


def _settled(r: FieldReading | None) -> float | None:
    """A value read without disagreement (flags for other reasons still count as read)."""
    if r is None or r.value is None or r.alternatives:
        return None
    try:
        return float(r.value)
    except ValueError:
        return None


def _undecided(r: FieldReading | None) -> bool:
    return r is not None and bool(r.alternatives) and r.flag_reason is not None and \
        r.flag_reason.startswith(DISAGREE) and ";" not in r.flag_reason


def _take(r: FieldReading, value: str) -> None:
    others = [v for v in [r.value, *r.alternatives] if v != value]
    r.value, r.raw_text, r.alternatives = value, value, []
    r.flagged, r.flag_reason = False, None
    r.confidence = 0.8  # the edge check (ocr.checks.check_edges) now confirms it with its neighbours
    r.confirmed.append(f"geometry over {'/'.join(others)}")


def _fits(a: tuple[float, float] | None, b: tuple[float, float] | None, edge: float | None, slack: float) -> bool:
    return a is not None and b is not None and edge is not None and abs(math.dist(a, b) - edge) <= slack


def resolve_by_edges(rs: Readings, tolerance_m: float = 0.01) -> None:
    """Settle undecided edge lengths and coordinates where exactly one reading fits the geometry.

    >>> R = FieldReading
    >>> rs = {'vertices.0.x': R('vertices.0.x', '100.0', '', .9), 'vertices.0.y': R('vertices.0.y', '0.0', '', .9),
    ...       'vertices.1.x': R('vertices.1.x', '100.0', '', .9), 'vertices.1.y': R('vertices.1.y', '58.77', '', .9),
    ...       'vertices.0.edge_m': R('vertices.0.edge_m', '98.77', '', .5, flagged=True,
    ...                              flag_reason='two readings disagree: 98.77 / 58.77', alternatives=['58.77'])}
    >>> resolve_by_edges(rs); rs['vertices.0.edge_m'].value, rs['vertices.0.edge_m'].flagged
    ('58.77', False)
    """
    n = 0
    while f"vertices.{n}.x" in rs:
        n += 1
    slack = tolerance_m + PRINTED_ROUNDING_M  # printed lengths are rounded to 2 decimals

    def xy(i: int) -> tuple[float, float] | None:
        x, y = _settled(rs.get(f"vertices.{i % n}.x")), _settled(rs.get(f"vertices.{i % n}.y"))
        return None if x is None or y is None else (x, y)

    for i in range(n):
        edge = rs.get(f"vertices.{i}.edge_m")
        if _undecided(edge):
            fitting = [v for v in [edge.value, *edge.alternatives] if _fits(xy(i), xy(i + 1), float(v), slack)]
            if len(fitting) == 1:
                _take(edge, fitting[0])
        for axis in ("x", "y"):
            cell = rs.get(f"vertices.{i}.{axis}")
            other = _settled(rs.get(f"vertices.{i}.{'y' if axis == 'x' else 'x'}"))
            if not _undecided(cell) or other is None:
                continue
            before, after = _settled(rs.get(f"vertices.{(i - 1) % n}.edge_m")), _settled(edge)
            fitting = []
            for v in [cell.value, *cell.alternatives]:
                here = (float(v), other) if axis == "x" else (other, float(v))
                if _fits(xy(i - 1), here, before, slack) and _fits(here, xy(i + 1), after, slack):
                    fitting.append(v)
            if len(fitting) == 1:
                _take(cell, fitting[0])
