"""The tolerances and plausible ranges of landdb, defined once (domain.md §3, §4), for the OCR cross-checks
(``ocr/checks.py``), the certificate boundary (``geo/boundary.py``, ``landdb/loader.py``), linking and the QA
rules (whose SQL receives these numbers as parameters, ``qa/params.py``). The configurable values (k, the
default scale, the edge tolerance) live in the settings; this module holds the formulas and the fixed facts.

- Allowed boundary-point error by map scale (Thông tư 25/2014). Thông tư 26/2024 replaced it from
  15 Jan 2025 and its numbers may differ: pass your own ``table`` where that matters.
- Area tolerance ΔP = k · M · √P.
- Edge tolerance: a printed edge length against the distance between its printed vertices, plus the
  rounding of the printed figures (two decimals).
- Vietnam-wide plausible ranges of a zone's coordinates, and X/Y-swap detection on them (the ranges
  of each former province are ``geo.crs.SANITY_RANGES``).

>>> point_tolerance_m(500), point_tolerance_m(2000, agricultural=True)
(0.07, 0.45)
>>> area_tolerance_m2(100, scale=500, k=0.0004)
2.0
>>> edge_disagrees(10.016, 10.0, 0.01), edge_disagrees(10.014, 10.0, 0.01)
(True, False)
>>> zone_range(9210), looks_swapped(603699, 1191842, 9210)
((250000, 750000, 900000, 2600000), True)
"""

from __future__ import annotations

import math

from landdb.errors import ConfigError

__all__ = ["AGRICULTURAL_FACTOR_SCALES", "DUPLICATE_VERTEX_M", "POINT_TOLERANCE_M", "PRINTED_ROUNDING_M", "ZONE_RANGES",
           "area_tolerance_m2", "edge_disagrees", "in_zone_range", "looks_swapped", "point_tolerance_m",
           "zone_range", "zone_ranges_by_srid"]

POINT_TOLERANCE_M: dict[int, float] = {200: 0.05, 500: 0.07, 1000: 0.15, 2000: 0.30, 5000: 1.50, 10000: 3.00}
AGRICULTURAL_FACTOR_SCALES = (1000, 2000)  # ×1.5 for agricultural land at these scales

# Two vertices closer than this are the same spot (a repeated vertex), metres.
DUPLICATE_VERTEX_M = 0.001

# Printed lengths and coordinates carry two decimals: half a centimetre of rounding on a printed length.
PRINTED_ROUNDING_M = 0.005

# Where a zone's coordinates can lie in Vietnam, by kind of zone: (easting min, max, northing min, max), metres.
# TM-3: ±2.5° around the central meridian at 8°–23.5° N; UTM: the whole country.
ZONE_RANGES: dict[str, tuple[float, float, float, float]] = {
    "tm3": (250_000, 750_000, 900_000, 2_600_000),
    "utm": (150_000, 850_000, 900_000, 2_600_000),
}


def point_tolerance_m(scale: int, *, agricultural: bool = False, table: dict[int, float] | None = None) -> float:
    """The allowed point error for a sheet at 1:``scale``; ConfigError for a scale not in the table."""
    table = table or POINT_TOLERANCE_M
    if scale not in table:
        raise ConfigError(f"no point tolerance for scale 1:{scale}; known scales: {sorted(table)}")
    factor = 1.5 if agricultural and scale in AGRICULTURAL_FACTOR_SCALES else 1.0
    return round(table[scale] * factor, 6)


def area_tolerance_m2(area_m2: float, *, scale: int, k: float) -> float:
    """ΔP = k · M · √P (m²), domain.md §4."""
    return k * scale * math.sqrt(max(area_m2, 0.0))


def edge_disagrees(computed_m: float, printed_m: float, tolerance_m: float) -> bool:
    """A printed edge length disagrees with its vertices beyond the tolerance and the printed rounding."""
    return abs(computed_m - printed_m) > tolerance_m + PRINTED_ROUNDING_M + 1e-9


def zone_range(srid: int | None = None) -> tuple[float, float, float, float]:
    """The plausible range of a zone (a TM-3 zone's when ``srid`` is None or not a known UTM zone)."""
    from geo.crs import ZONES

    kind = ZONES[srid].kind if srid in ZONES else "tm3"
    return ZONE_RANGES[kind]


def zone_ranges_by_srid() -> dict[str, list[float]]:
    """Every known zone's range, keyed by SRID (the QA rules' ``zone_ranges`` parameter)."""
    from geo.crs import ZONES

    return {str(s): list(ZONE_RANGES[z.kind]) for s, z in ZONES.items()}


def in_zone_range(northing: float, easting: float, srid: int | None = None) -> tuple[bool, bool]:
    """(northing within range, easting within range)."""
    e0, e1, n0, n1 = zone_range(srid)
    return n0 <= northing <= n1, e0 <= easting <= e1


def looks_swapped(northing: float, easting: float, srid: int | None = None) -> bool:
    """Neither value fits its axis but both fit the other one: X and Y were swapped."""
    if any(in_zone_range(northing, easting, srid)):
        return False
    return all(in_zone_range(easting, northing, srid))
