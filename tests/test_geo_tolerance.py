"""One definition of each tolerance and of the zone ranges (geo/tolerance.py, geo/crs.py, landdb/settings.py),
used by the OCR cross-checks, the boundary and the QA rules alike."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from geo.boundary import polygon_from_vertices
from geo.tolerance import PRINTED_ROUNDING_M, ZONE_RANGES, area_tolerance_m2, edge_disagrees, looks_swapped
from landdb.settings import PROJECT_ROOT
from ocr.checks import check_edges, check_zone
from ocr.result import FieldReading
from qa.params import rule_parameters

CODE = [p for folder in ("geo", "ocr", "qa", "landdb", "flows") for p in (PROJECT_ROOT / folder).rglob("*.py")]
RULE_SQL = [*(PROJECT_ROOT / "sql" / "qa").glob("*.sql"), *(PROJECT_ROOT / "sql" / "queries").rglob("*.sql")]


def _constants(path: Path) -> set[float]:
    """The numbers written in a module's code (docstrings and comments are not code)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, int | float)
            and not isinstance(n.value, bool)}


def _where(value: float) -> list[str]:
    return sorted(str(p.relative_to(PROJECT_ROOT)) for p in CODE if value in _constants(p))


@pytest.mark.parametrize(("value", "home"), [
    (0.0004, ["landdb/settings.py"]),                   # k of ΔP = k · M · √P
    (PRINTED_ROUNDING_M, ["geo/tolerance.py"]),         # the printed rounding of an edge length
    (0.0051, []),                                       # the OCR's former private edge slack
    (0.0151, []),
])
def test_each_tolerance_is_written_once(value, home) -> None:
    assert _where(value) == home


def test_the_zone_ranges_are_written_once() -> None:
    for value in {v for rng in ZONE_RANGES.values() for v in rng} | {200_000, 800_000}:
        assert _where(value) in ([], ["geo/tolerance.py"]), value
    for path in RULE_SQL:
        text = re.sub(r"--[^\n]*", "", path.read_text(encoding="utf-8"))
        assert "qa_zone_range" not in text and not re.search(r"\b(2600000|900000|750000|250000)\b", text), path
    defined = [str(p.relative_to(PROJECT_ROOT)) for p in CODE
               if re.search(r"^(PROVINCE_ZONE|SANITY_RANGES|ZONE_RANGES|ZONES)\b.*=", p.read_text(encoding="utf-8"),
                            re.M)]
    assert sorted(defined) == ["geo/crs.py", "geo/tolerance.py"]


def test_the_qa_rules_get_the_same_numbers_as_parameters() -> None:
    params = rule_parameters()
    assert params["printed_rounding_m"] == PRINTED_ROUNDING_M
    assert params["zone_ranges"]["9210"] == list(ZONE_RANGES["tm3"])
    assert params["zone_ranges"]["3405"] == list(ZONE_RANGES["utm"])


def _readings(points: list[tuple[float, float, float]]) -> dict[str, FieldReading]:
    rs = {}
    for i, (x, y, edge) in enumerate(points):
        for name, value in (("x", x), ("y", y), ("edge_m", edge)):
            key = f"vertices.{i}.{name}"
            rs[key] = FieldReading(key, str(value), str(value), 0.9)
    return rs


@pytest.mark.parametrize("off", [0.012, 0.016])
def test_ocr_and_the_boundary_judge_an_edge_alike(off) -> None:
    # a 10 × 5 m rectangle whose first printed edge is off by `off`
    n, e = 1_191_842.0, 603_699.0
    ring = [(n, e, 10.0 + off), (n, e + 10, 5.0), (n - 5, e + 10, 10.0), (n - 5, e, 5.0)]
    rs = _readings(ring)
    check_edges(rs, 0.01)
    ocr_flagged = rs["vertices.0.edge_m"].flagged
    report = polygon_from_vertices([{"point": str(i + 1), "x": x, "y": y, "edge_m": m}
                                    for i, (x, y, m) in enumerate(ring)], edge_tolerance_m=0.01)
    assert ocr_flagged == (report.edges[0].ok is False) == edge_disagrees(10.0, 10.0 + off, 0.01) == (off > 0.015)


def test_area_tolerance_and_swap() -> None:
    assert area_tolerance_m2(100, scale=500, k=0.0004) == pytest.approx(2.0)
    assert looks_swapped(603_699, 1_191_842) and not looks_swapped(1_191_842, 603_699)
    rs = _readings([(603_699.0, 1_191_842.0, 1.0)])
    check_zone(rs)
    assert "swapped" in (rs["vertices.0.x"].flag_reason or "")
