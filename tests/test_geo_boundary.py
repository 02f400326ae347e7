"""geo.boundary: coordinate table → polygon and report (pure logic, no database)."""

from __future__ import annotations

import pytest

from geo.boundary import polygon_from_vertices
from landdb.errors import GeometryError
from landdb.models import Vertex

# A 12.5 m x 8.2 m lot near Bến Thành, printed clockwise (x = northing, y = easting).
N0, E0 = 1191842.0, 603699.0
LOT = [("1", N0, E0, 12.5), ("2", N0, E0 + 12.5, 8.2), ("3", N0 - 8.2, E0 + 12.5, 12.5), ("4", N0 - 8.2, E0, 8.2)]


def _table(rows):
    return [{"point": p, "x": x, "y": y, "edge_m": e} for p, x, y, e in rows]


def test_clean_table_gives_polygon_area_orientation() -> None:
    report = polygon_from_vertices(_table(LOT))
    assert report.ok and report.is_valid
    assert report.area_m2 == pytest.approx(12.5 * 8.2)
    assert report.orientation == "clockwise"
    assert report.points == ["1", "2", "3", "4"]
    assert all(e.ok for e in report.edges)
    # easting first: a PostGIS point is (Y, X)
    assert report.polygon.exterior.coords[1] == (E0 + 12.5, N0)


def test_accepts_models_and_tuples_alike() -> None:
    models = [Vertex(point=p, x=x, y=y, edge_m=e) for p, x, y, e in LOT]
    assert polygon_from_vertices(models).area_m2 == polygon_from_vertices(LOT).area_m2


def test_repeated_closing_vertex_is_dropped_and_reported() -> None:
    rows = [*LOT, ("1", N0, E0, None)]
    report = polygon_from_vertices(_table(rows))
    assert report.closed_in_table and report.closure_gap_m == 0.0
    assert len(report.points) == 4 and report.ok


def test_closing_vertex_that_does_not_close() -> None:
    rows = [*LOT, ("1", N0 + 0.05, E0, None)]
    report = polygon_from_vertices(_table(rows))
    assert report.closure_gap_m == pytest.approx(0.05)
    assert any("0.050 m away" in p for p in report.problems)


def test_counterclockwise_is_reported_not_a_problem() -> None:
    report = polygon_from_vertices(_table([LOT[0], LOT[3], LOT[2], LOT[1]]))
    assert report.orientation == "counterclockwise"
    assert not any("orientation" in p for p in report.problems)


def test_printed_edge_that_disagrees_is_named() -> None:
    rows = list(LOT)
    rows[1] = ("2", N0, E0 + 12.5, 8.25)
    report = polygon_from_vertices(_table(rows))
    (bad,) = report.edge_mismatches
    assert (bad.from_point, bad.to_point) == ("2", "3")
    assert bad.diff_m == pytest.approx(-0.05)
    assert "edge 2–3" in report.problems[0]


def test_self_intersection_gives_edges_and_spot() -> None:
    bowtie = [LOT[0], LOT[1], LOT[3], LOT[2]]
    report = polygon_from_vertices(_table(bowtie))
    assert not report.is_valid and "Self-intersection" in report.invalid_reason
    (cross,) = report.crossings
    assert {cross.edge_a, cross.edge_b} == {("2", "4"), ("3", "1")}
    assert (cross.easting, cross.northing) == pytest.approx((E0 + 6.25, N0 - 4.1))
    with pytest.raises(GeometryError, match="crosses"):
        polygon_from_vertices(_table(bowtie), strict=True)


def test_duplicate_points() -> None:
    rows = [LOT[0], LOT[1], ("2b", LOT[1][1], LOT[1][2], 0.0), LOT[2], LOT[3]]
    report = polygon_from_vertices(_table(rows))
    (dup,) = report.duplicates
    assert (dup.point_a, dup.point_b, dup.consecutive) == ("2", "2b", True)
    assert not report.ok


def test_missing_coordinate_and_too_few_vertices() -> None:
    rows = _table(LOT)
    rows[2]["x"] = None
    report = polygon_from_vertices(rows)
    assert report.polygon is None and "point 3 (row 3) has no usable x/y" in report.problems
    assert "at least 3" in polygon_from_vertices(_table(LOT[:2])).problems[0]
