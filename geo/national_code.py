"""The national parcel code (domain.md §4, Thông tư 19/2026): a 12-character GeoHash of the parcel's pole of
inaccessibility, found in the parcel's own VN-2000 zone and only then converted to WGS 84.

- The point: the centre of GEOS' maximum inscribed circle (what ``shapely.ops.polylabel`` returns) with a tolerance of
  :data:`POLYLABEL_TOLERANCE_M` = 1 cm, below the size of a 12-character GeoHash cell (≈ 3.7 cm × 1.9 cm).
  Unlike the centroid it is always inside the parcel (a U-shaped parcel's centroid is not).
- A multipolygon parcel: its largest part. An invalid ring is repaired (``make_valid``) first, only for
  finding the point; the stored geometry is never changed.
- VN-2000 → WGS 84 through :func:`geo.crs.wgs84_transformer`, the one pinned 7-parameter shift of QĐ 05/2007
  that PostGIS uses too (left to itself PROJ picks an oil-block shift inside most of HCMC: ≈ 0.8 m apart,
  twenty GeoHash cells; a code must not depend on such a choice).
- Stable: a map import stages the codes of its features (:func:`stage_codes`) and migration 0080's trigger gives
  each parcel it inserts or moves the code of its exact geometry, in the same statement (no extra update, no extra
  audit row). The trigger retires the old code to ``parcel_national_code_history`` when the geometry changes; a
  re-import that does not change a geometry keeps its code. :func:`assign_codes` fills parcels written otherwise.

>>> geohash(106.668438, 11.135589)
'w3gz771tdb0p'
>>> len(national_code(shapely.Polygon([(0, 0), (10, 0), (10, 10), (0, 10)]).buffer(0), 9210))
12
"""

from __future__ import annotations

import re

import numpy as np
import psycopg
import shapely

from geo.crs import wgs84_transformer
from landdb.sql import query

__all__ = ["GEOHASH_LENGTH", "POLYLABEL_TOLERANCE_M", "assign_codes", "geohash", "is_national_code",
           "national_code", "pole", "poles", "stage_codes"]

POLYLABEL_TOLERANCE_M = 0.01
GEOHASH_LENGTH = 12
_BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz"
_CODE = re.compile(rf"^[{_BASE32}]{{{GEOHASH_LENGTH}}}$")


def geohash(lon: float, lat: float, length: int = GEOHASH_LENGTH) -> str:
    """The standard GeoHash (interleaved bits, longitude first, base 32) of a WGS 84 point."""
    lon_lo, lon_hi, lat_lo, lat_hi = -180.0, 180.0, -90.0, 90.0
    chars, bits, value, even = [], 0, 0, True
    while len(chars) < length:
        if even:
            mid = (lon_lo + lon_hi) / 2
            value, lon_lo, lon_hi = (value << 1 | 1, mid, lon_hi) if lon >= mid else (value << 1, lon_lo, mid)
        else:
            mid = (lat_lo + lat_hi) / 2
            value, lat_lo, lat_hi = (value << 1 | 1, mid, lat_hi) if lat >= mid else (value << 1, lat_lo, mid)
        even, bits = not even, bits + 1
        if bits == 5:
            chars.append(_BASE32[value])
            bits, value = 0, 0
    return "".join(chars)


def geohashes(lons: np.ndarray, lats: np.ndarray, length: int = GEOHASH_LENGTH) -> list[str]:
    """:func:`geohash` of many points at once (the same bisection on whole arrays: identical codes, without a
    Python loop per bit — a map import computes one per parcel).

    >>> geohashes(np.array([106.7, -0.1]), np.array([10.78, 51.5]), 8) == [geohash(106.7, 10.78, 8),
    ...                                                                    geohash(-0.1, 51.5, 8)]
    True
    """
    n = len(lons)
    lon_lo, lon_hi = np.full(n, -180.0), np.full(n, 180.0)
    lat_lo, lat_hi = np.full(n, -90.0), np.full(n, 90.0)
    digits = np.zeros((n, length), dtype=np.int64)
    for bit in range(length * 5):
        if bit % 2 == 0:
            mid = (lon_lo + lon_hi) / 2
            up = lons >= mid
            lon_lo, lon_hi = np.where(up, mid, lon_lo), np.where(up, lon_hi, mid)
        else:
            mid = (lat_lo + lat_hi) / 2
            up = lats >= mid
            lat_lo, lat_hi = np.where(up, mid, lat_lo), np.where(up, lat_hi, mid)
        digits[:, bit // 5] = digits[:, bit // 5] << 1 | up
    alphabet = np.array(list(_BASE32))
    return ["".join(row) for row in alphabet[digits]]


def is_national_code(text: str) -> bool:
    """Whether ``text`` (trimmed, any case) has the form of a national parcel code."""
    return bool(_CODE.match(text.strip().lower()))


def _largest_polygon(geom: shapely.Geometry) -> shapely.Polygon | None:
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    parts = [p for p in shapely.get_parts(geom) if isinstance(p, shapely.Polygon) and not p.is_empty]
    if not parts:
        nested = [q for p in shapely.get_parts(geom) if isinstance(p, shapely.GeometryCollection | shapely.MultiPolygon)
                  for q in shapely.get_parts(p) if isinstance(q, shapely.Polygon) and not q.is_empty]
        parts = nested
    return max(parts, key=lambda p: p.area) if parts else None


def poles(geoms: np.ndarray) -> np.ndarray:
    """The pole of inaccessibility (native coordinates) of each parcel geometry, None where it has no area — on the
    whole array at once: the largest part of every valid (multi)polygon together (only the others go through
    :func:`_largest_polygon` one by one), then GEOS' maximum inscribed circles of all of them in one call (what
    ``polylabel`` does for one; a map import needs one per parcel).

    >>> square = shapely.Polygon([(0, 0), (10, 0), (10, 10), (0, 10)])
    >>> [p if p is None else shapely.set_precision(p, 0.001).wkt
    ...  for p in poles(np.array([square, None, shapely.LineString([(0, 0), (1, 1)])]))]
    ['POINT (5 5)', None, None]
    """
    geoms = np.asarray(geoms, dtype=object)
    polygons = np.full(len(geoms), None, dtype=object)
    simple = np.isin(shapely.get_type_id(geoms), [3, 6]) & shapely.is_valid(geoms)  # a valid (Multi)Polygon
    parts, owner = shapely.get_parts(geoms[simple], return_index=True)
    keep = ~shapely.is_empty(parts)
    parts, owner = parts[keep], owner[keep]
    first = np.lexsort((-shapely.area(parts), owner))  # per geometry its largest part first (ties: the first part)
    largest = first[np.r_[True, owner[first][1:] != owner[first][:-1]]] if len(first) else first
    polygons[np.flatnonzero(simple)[owner[largest]]] = parts[largest]
    for i in np.flatnonzero(~simple & ~shapely.is_missing(geoms)):
        polygons[i] = _largest_polygon(geoms[i])
    has_area = shapely.area(polygons) > 0  # None and empty: nan / 0
    out = np.full(len(geoms), None, dtype=object)
    out[has_area] = shapely.get_point(shapely.maximum_inscribed_circle(polygons[has_area], POLYLABEL_TOLERANCE_M), 0)
    return out


def pole(geom: shapely.Geometry) -> shapely.Point | None:
    """The pole of inaccessibility (native coordinates) of a parcel geometry; None if it has no area."""
    return poles(np.array([geom], dtype=object))[0]


def national_code(geom: shapely.Geometry, srid: int) -> str | None:
    """The national parcel code of ``geom`` given in its native zone ``srid`` (x = easting); None if no area."""
    point = pole(geom)
    if point is None:
        return None
    lon, lat = wgs84_transformer(srid).transform(point.x, point.y)
    return geohash(lon, lat)


def stage_codes(conn: psycopg.Connection, srid: int) -> int:
    """Compute the codes of the features staged by a map import (temp table ``geo_stage``) for the trigger that
    sets them on insert or update; returns how many geometries got one."""
    conn.execute(query("national_code/stage_create"))
    staged = conn.execute(query("national_code/staged_features"), {"srid": srid}).fetchall()
    pairs = [(r["geom_key"], r["wkb"]) if isinstance(r, dict) else r for r in staged]
    points = poles(shapely.from_wkb([bytes(wkb) for _, wkb in pairs])) if pairs else np.array([])
    found = np.flatnonzero(shapely.is_geometry(points)) if pairs else []
    keys = [pairs[i][0] for i in found]
    if not keys:
        return 0
    xy = shapely.get_coordinates(points[found])
    lons, lats = wgs84_transformer(srid).transform(xy[:, 0], xy[:, 1])   # one call for the whole file
    with conn.cursor().copy(query("national_code/stage_copy")) as copy:
        for key, code in zip(keys, geohashes(np.asarray(lons), np.asarray(lats)), strict=True):
            copy.write_row((key, code))
    return len(keys)


def assign_codes(conn: psycopg.Connection, communes: list[str] | None = None,
                 sheets: list[str] | None = None) -> int:
    """Give a code to every parcel that has a geometry but no code (of the given commune/sheet pairs, or of
    all parcels when ``communes`` is None); returns how many were given one. Runs on ``conn``'s transaction."""
    params = {"communes": communes, "sheets": sheets if sheets is not None else None}
    rows = conn.execute(query("national_code/uncoded"), params).fetchall()
    ids, codes = [], []
    for row in rows:
        row = row if isinstance(row, dict) else dict(zip(("id", "native_srid", "wkb"), row, strict=True))
        code = national_code(shapely.from_wkb(bytes(row["wkb"])), row["native_srid"])
        if code is not None:
            ids.append(row["id"])
            codes.append(code)
    if ids:
        conn.execute(query("national_code/set"), {"ids": ids, "codes": codes})
    return len(ids)
