"""A certificate's coordinate table (BẢNG LIỆT KÊ TỌA ĐỘ GÓC RANH) → a polygon, with a report.

Stable entry point for OCR and QA: :func:`polygon_from_vertices`. It never raises for bad
*data* (that is what the report is for); it raises :class:`~landdb.errors.GeometryError`
only when ``strict=True`` and the report has problems.

Conventions (domain.md §1b): ``x`` is the NORTHING and ``y`` the EASTING; the polygon is
built in (easting, northing) order, i.e. as a PostGIS point ``(Y, X)``, in the native zone.
Each vertex's ``edge_m`` is the printed length of the edge to the next vertex (the last
one's to the first).

>>> table = [{"point": "1", "x": 1191842.00, "y": 603699.00, "edge_m": 10.0},
...          {"point": "2", "x": 1191842.00, "y": 603709.00, "edge_m": 5.0},
...          {"point": "3", "x": 1191837.00, "y": 603709.00, "edge_m": 10.0},
...          {"point": "4", "x": 1191837.00, "y": 603699.00, "edge_m": 5.01}]
>>> report = polygon_from_vertices(table)
>>> report.ok, report.area_m2, report.orientation
(True, 50.0, 'clockwise')
>>> report.polygon.exterior.coords[0]
(603699.0, 1191842.0)
>>> [round(e.diff_m, 3) for e in report.edges]
[0.0, 0.0, 0.0, -0.01]
>>> bowtie = [dict(v) for v in table]
>>> bowtie[2], bowtie[3] = bowtie[3], bowtie[2]
>>> bad = polygon_from_vertices(bowtie)
>>> bad.ok, bad.crossings[0].describe()
(False, 'edge 2–4 crosses edge 3–1 at E 603704.000 N 1191839.500')
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import shapely

from geo.tolerance import DUPLICATE_VERTEX_M, edge_disagrees
from landdb.errors import GeometryError

__all__ = ["BoundaryReport", "Crossing", "Duplicate", "EdgeCheck", "polygon_from_vertices"]

DUPLICATE_TOLERANCE_M = DUPLICATE_VERTEX_M


@dataclass(frozen=True)
class EdgeCheck:
    """One edge: printed length (may be None) against the length computed from the coordinates."""

    from_point: str
    to_point: str
    computed_m: float
    printed_m: float | None
    diff_m: float | None  # computed - printed
    ok: bool | None  # None when nothing was printed


@dataclass(frozen=True)
class Duplicate:
    """Two vertices (by position in the table, 0-based) at the same spot."""

    index_a: int
    index_b: int
    point_a: str
    point_b: str
    consecutive: bool


@dataclass(frozen=True)
class Crossing:
    """Two non-adjacent edges that touch or cross; ``easting``/``northing`` is the spot."""

    edge_a: tuple[str, str]
    edge_b: tuple[str, str]
    easting: float
    northing: float

    def describe(self) -> str:
        return (f"edge {self.edge_a[0]}–{self.edge_a[1]} crosses edge {self.edge_b[0]}–{self.edge_b[1]} "
                f"at E {self.easting:.3f} N {self.northing:.3f}")


@dataclass(frozen=True)
class BoundaryReport:
    """Everything learnt from one coordinate table. ``polygon`` is None when none could be built."""

    points: list[str]
    polygon: shapely.Polygon | None
    area_m2: float | None
    orientation: str | None  # 'clockwise' | 'counterclockwise' (in E/N axes)
    closed_in_table: bool  # the first vertex was repeated at the end (and dropped)
    closure_gap_m: float | None  # when repeated: distance between the first and the repeated last vertex
    duplicates: list[Duplicate] = field(default_factory=list)
    crossings: list[Crossing] = field(default_factory=list)
    is_valid: bool = False
    invalid_reason: str | None = None  # GEOS reason, e.g. 'Self-intersection[603704 1191839.5]'
    edges: list[EdgeCheck] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def edge_mismatches(self) -> list[EdgeCheck]:
        return [e for e in self.edges if e.ok is False]


def _get(vertex: Any, key: str) -> Any:
    if isinstance(vertex, Mapping):
        return vertex.get(key)
    return getattr(vertex, key, None)


def _normalise(vertices: Iterable[Any]) -> tuple[list[str], list[tuple[float, float] | None], list[float | None]]:
    labels, coords, edges = [], [], []
    for i, v in enumerate(vertices):
        if isinstance(v, tuple | list) and len(v) in (3, 4) and not isinstance(v, Mapping):
            point, x, y, *rest = v
            edge = rest[0] if rest else None
        else:
            point, x, y, edge = _get(v, "point"), _get(v, "x"), _get(v, "y"), _get(v, "edge_m")
        labels.append(str(point) if point not in (None, "") else str(i + 1))
        ok = all(isinstance(c, int | float) and math.isfinite(c) for c in (x, y))
        coords.append((float(y), float(x)) if ok else None)  # (easting, northing)
        edges.append(float(edge) if isinstance(edge, int | float) else None)
    return labels, coords, edges


def _crossings(labels: list[str], ring: list[tuple[float, float]]) -> list[Crossing]:
    n = len(ring)
    segs = [shapely.LineString([ring[i], ring[(i + 1) % n]]) for i in range(n)]
    found = []
    for i in range(n):
        for j in range(i + 2, n):
            if i == 0 and j == n - 1:
                continue  # adjacent through the closing vertex
            if segs[i].intersects(segs[j]):
                spot = segs[i].intersection(segs[j]).representative_point()
                found.append(Crossing((labels[i], labels[(i + 1) % n]), (labels[j], labels[(j + 1) % n]),
                                      spot.x, spot.y))
    return found


def polygon_from_vertices(
    vertices: Iterable[Any],
    *,
    edge_tolerance_m: float | None = None,
    duplicate_tolerance_m: float = DUPLICATE_TOLERANCE_M,
    strict: bool = False,
) -> BoundaryReport:
    """Build the parcel polygon from a printed coordinate table and check it.

    ``vertices``: items with ``point``, ``x`` (northing), ``y`` (easting) and optional
    ``edge_m`` — dicts, :class:`landdb.models.Vertex` objects or ``(point, x, y[, edge_m])``
    tuples, in printed order. ``edge_tolerance_m`` defaults to the ``edge_tolerance_m``
    setting (0.01 m). Returns a :class:`BoundaryReport`; ``report.problems`` lists, in words,
    every reason not to trust the polygon (missing coordinates, too few vertices, a closing
    vertex that does not close, duplicate points, crossings with their spot, GEOS invalidity,
    edges whose printed length disagrees).
    """
    if edge_tolerance_m is None:
        from landdb.settings import get_settings

        edge_tolerance_m = get_settings().edge_tolerance_m
    labels, coords, printed = _normalise(vertices)
    problems = [f"point {labels[i]} (row {i + 1}) has no usable x/y" for i, c in enumerate(coords) if c is None]
    closed_in_table, gap = False, None
    if len(coords) >= 2 and coords[0] is not None and coords[-1] is not None:
        gap = math.dist(coords[0], coords[-1])
        if gap <= duplicate_tolerance_m or labels[-1] == labels[0]:
            closed_in_table = True
            if gap > duplicate_tolerance_m:
                problems.append(f"closing vertex {labels[-1]} is {gap:.3f} m away from the first vertex")
            labels, coords, printed = labels[:-1], coords[:-1], printed[:-1]
        else:
            gap = None
    usable = [c for c in coords if c is not None]
    if problems and len(usable) != len(coords):
        return BoundaryReport(labels, None, None, None, closed_in_table, gap, problems=problems)
    if len(coords) < 3:
        problems.append(f"only {len(coords)} distinct vertices; a parcel needs at least 3")
        return BoundaryReport(labels, None, None, None, closed_in_table, gap, problems=problems)

    n = len(coords)
    duplicates = []
    for i in range(n):
        for j in range(i + 1, n):
            if math.dist(coords[i], coords[j]) <= duplicate_tolerance_m:
                consecutive = j == i + 1 or (i == 0 and j == n - 1)
                duplicates.append(Duplicate(i, j, labels[i], labels[j], consecutive))
                problems.append(f"points {labels[i]} and {labels[j]} are the same spot")

    edges = []
    for i in range(n):
        computed = math.dist(coords[i], coords[(i + 1) % n])
        p = printed[i]
        diff = None if p is None else computed - p
        ok = None if p is None else not edge_disagrees(computed, p, edge_tolerance_m)
        edges.append(EdgeCheck(labels[i], labels[(i + 1) % n], computed, p, diff, ok))
        if ok is False:
            problems.append(f"edge {labels[i]}–{labels[(i + 1) % n]}: printed {p:.2f} m, "
                            f"coordinates give {computed:.3f} m ({diff:+.3f} m)")

    polygon = shapely.Polygon(coords)
    valid = bool(shapely.is_valid(polygon))
    reason = None if valid else shapely.is_valid_reason(polygon)
    crossings = [] if valid else _crossings(labels, coords)
    problems.extend(c.describe() for c in crossings)
    if not valid and not crossings and not duplicates:
        problems.append(f"invalid polygon: {reason}")
    orientation = "counterclockwise" if shapely.is_ccw(polygon.exterior) else "clockwise"
    report = BoundaryReport(labels, polygon, float(polygon.area), orientation, closed_in_table, gap,
                            duplicates, crossings, valid, reason, edges, problems)
    if strict and problems:
        raise GeometryError("coordinate table rejected: " + "; ".join(problems))
    return report
