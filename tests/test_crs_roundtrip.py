"""A VN-2000 parcel goes in and comes back exactly; the WGS 84 copy matches domain.md §3's check point."""

from __future__ import annotations

import pytest
import shapely

from geo.crs import wgs84_transformer
from landdb.sql import query

# domain.md §3: E 600125.887, N 1231608.428 (EPSG:9210) -> 106.668438° E, 11.135589° N
CHECK_E, CHECK_N = 600125.887, 1231608.428
CHECK_LON, CHECK_LAT = 106.668438, 11.135589


def test_check_point_in_pyproj() -> None:
    lon, lat = wgs84_transformer(9210).transform(CHECK_E, CHECK_N)
    assert lon == pytest.approx(CHECK_LON, abs=1e-6)
    assert lat == pytest.approx(CHECK_LAT, abs=1e-6)


@pytest.mark.db
def test_check_point_in_postgis(conn) -> None:
    row = conn.execute(
        "select st_x(p) lon, st_y(p) lat from (select st_transform(st_setsrid(st_makepoint(%s, %s), 9210), 4326) p) q",
        (CHECK_E, CHECK_N),
    ).fetchone()
    assert row["lon"] == pytest.approx(CHECK_LON, abs=1e-6)
    assert row["lat"] == pytest.approx(CHECK_LAT, abs=1e-6)


@pytest.mark.db
def test_parcel_polygon_round_trip_and_wgs84_copy(conn) -> None:
    # a 12.5 m x 8.2 m lot whose first vertex is the check point; (Y=easting, X=northing)
    ring = [(CHECK_E, CHECK_N), (CHECK_E + 12.5, CHECK_N), (CHECK_E + 12.5, CHECK_N + 8.2),
            (CHECK_E, CHECK_N + 8.2), (CHECK_E, CHECK_N)]
    polygon = shapely.Polygon(ring)
    row = conn.execute(query("parcel/insert"), {
        "commune_code": "26734", "sheet_no": "12", "parcel_no": "125", "srid": 9210,
        "wkb": shapely.to_wkb(polygon), "declared_area_m2": 102.5, "address": None,
        "land_use_raw": "Đất ở tại đô thị", "land_use_code": "ODT",
    }).fetchone()
    back = conn.execute(query("parcel/get_geometry"), {"id": row["id"]}).fetchone()
    assert back["srid"] == 9210
    assert list(shapely.from_wkb(back["wkb"]).exterior.coords) == ring  # bit-identical coordinates
    assert back["geom_area_m2"] == pytest.approx(102.5, abs=1e-6)
    wgs = shapely.from_wkb(back["wkb_wgs84"])
    lon, lat = wgs.exterior.coords[0]
    assert lon == pytest.approx(CHECK_LON, abs=1e-6)
    assert lat == pytest.approx(CHECK_LAT, abs=1e-6)
    expected = wgs84_transformer(9210)  # the pinned shift PostGIS uses too (tests/test_geo_wgs84.py)
    for (e, n), (lon, lat) in zip(ring, wgs.exterior.coords, strict=True):
        plon, plat = expected.transform(e, n)
        assert lon == pytest.approx(plon, abs=1e-7) and lat == pytest.approx(plat, abs=1e-7)
    conn.rollback()
