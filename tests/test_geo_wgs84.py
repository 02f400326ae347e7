"""One VN-2000 → WGS 84 transformation everywhere (domain.md §3, QĐ 05/2007): Python (geo.crs), PostGIS'
ST_Transform, each parcel's WGS 84 copy, the OGC API, the exports and the national code give the same point,
equal to an independent computation with the pinned parameters — and not PROJ's own pick inside the HCMC box."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from pyproj import CRS, Transformer

from geo.crs import pin_database, pinned_proj, pinned_wkt, vn2000_srids, wgs84_transformer
from landdb.errors import CRSError
from landdb.settings import PROJECT_ROOT
from landdb.sql import query

# domain.md §3, typed here again on purpose (an independent copy): tx, ty, tz m; rx, ry, rz ″; ds ppm
TX, TY, TZ, RX, RY, RZ, DS = (-191.90441429, -39.30318279, -111.45032835, 0.00928836, -0.01975479, 0.00427372,
                              0.252906278)
A, F = 6378137.0, 1 / 298.257223563
E2 = F * (2 - F)
BEN_THANH = (603699.0, 1191842.0)  # EPSG:9210, inside the box where PROJ picks "VN-2000 to WGS 84 (1)"
MIGRATION = PROJECT_ROOT / "sql" / "migrations" / "0090_pinned_wgs84.py"
CHECK_POINT = (600125.887, 1231608.428)  # domain.md §3's check point: 106.668438° E, 11.135589° N


def independent(srid_cm: float, easting: float, northing: float) -> tuple[float, float]:
    """TM-3 inverse on the WGS 84 ellipsoid (pyproj, no datum step), then by hand: geodetic → ECEF, the
    7-parameter position-vector Helmert, ECEF → geodetic (iterated)."""
    tm = Transformer.from_crs(
        CRS.from_proj4(f"+proj=tmerc +lat_0=0 +lon_0={srid_cm} +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 +no_defs"),
        CRS.from_proj4("+proj=longlat +ellps=WGS84 +no_defs"), always_xy=True)
    lon, lat = (math.radians(v) for v in tm.transform(easting, northing))
    n = A / math.sqrt(1 - E2 * math.sin(lat) ** 2)
    xyz = np.array([n * math.cos(lat) * math.cos(lon), n * math.cos(lat) * math.sin(lon),
                    n * (1 - E2) * math.sin(lat)])
    rx, ry, rz = (math.radians(v / 3600) for v in (RX, RY, RZ))
    rotation = np.array([[1, -rz, ry], [rz, 1, -rx], [-ry, rx, 1]])
    x, y, z = np.array([TX, TY, TZ]) + (1 + DS * 1e-6) * rotation @ xyz
    p, lat2 = math.hypot(x, y), math.atan2(z, math.hypot(x, y) * (1 - E2))
    for _ in range(10):
        n = A / math.sqrt(1 - E2 * math.sin(lat2) ** 2)
        lat2 = math.atan2(z + E2 * n * math.sin(lat2), p)
    return math.degrees(math.atan2(y, x)), math.degrees(lat2)


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    dlon, dlat = (a[0] - b[0]) * 111_320 * math.cos(math.radians(a[1])), (a[1] - b[1]) * 110_574
    return math.hypot(dlon, dlat)


@pytest.mark.parametrize(("srid", "cm", "point"), [(9210, 105.75, BEN_THANH), (9210, 105.75, CHECK_POINT),
                                                   (5899, 107.75, (431000.0, 1150000.0)),  # Vũng Tàu
                                                   (5897, 105.0, (569000.0, 2333500.0))])  # Đan Phượng
def test_pinned_python_equals_the_independent_computation(srid, cm, point) -> None:
    assert metres(wgs84_transformer(srid).transform(*point), independent(cm, *point)) < 0.01


def test_domain_check_point_and_the_default_pick_inside_the_box() -> None:
    assert wgs84_transformer(9210).transform(*CHECK_POINT) == pytest.approx((106.668438, 11.135589), abs=1e-6)
    default = Transformer.from_crs(9210, 4326, always_xy=True).transform(*BEN_THANH)  # PROJ's own choice
    gap = metres(default, independent(105.75, *BEN_THANH))
    assert 0.5 < gap < 2.0  # the oil-block shift: a silent fallback to it would fail the tests above and below


@pytest.mark.db
def test_postgis_uses_the_pinned_shift_both_ways(conn) -> None:
    row = conn.execute("select st_x(g) lon, st_y(g) lat from (select st_transform(st_setsrid(st_makepoint(%s, %s),"
                       " 9210), 4326) g) q", BEN_THANH).fetchone()
    assert metres((row["lon"], row["lat"]), independent(105.75, *BEN_THANH)) < 0.01
    lon, lat = wgs84_transformer(9210).transform(*BEN_THANH)
    back = conn.execute("select st_x(g) x, st_y(g) y from (select st_transform(st_setsrid(st_makepoint(%s, %s), "
                        "4326), 9210) g) q", (lon, lat)).fetchone()
    assert math.hypot(back["x"] - BEN_THANH[0], back["y"] - BEN_THANH[1]) < 0.001


@pytest.mark.db
def test_spatial_ref_sys_holds_the_one_definition(conn) -> None:
    rows = conn.execute("select srid, auth_name, auth_srid, srtext, proj4text from spatial_ref_sys "
                        "where srid = any(%s) order by srid", (list(vn2000_srids()),)).fetchall()
    assert [r["srid"] for r in rows] == sorted(vn2000_srids())
    for r in rows:  # no authority: PostGIS would let PROJ choose the shift by area again
        assert (r["auth_name"], r["auth_srid"], r["srtext"], r["proj4text"]) == \
            (None, None, pinned_wkt(r["srid"]), pinned_proj(r["srid"])), r["srid"]


def _parcel(conn, ring) -> int:
    return conn.execute(query("parcel/insert"), {
        "commune_code": "26734", "sheet_no": "90", "parcel_no": "1", "srid": 9210,
        "wkb": shapely.to_wkb(shapely.Polygon(ring)), "declared_area_m2": None, "address": None,
        "land_use_raw": None, "land_use_code": "ODT"}).fetchone()["id"]


@pytest.mark.db
def test_web_copy_ogc_api_export_and_national_code_agree(conn) -> None:
    from geo.national_code import geohash, national_code, pole
    from web import exports, ogcapi

    e, n = BEN_THANH
    ring = [(e, n), (e + 12, n), (e + 12, n + 20), (e, n + 20), (e, n)]
    pid = _parcel(conn, ring)
    expected = [independent(105.75, x, y) for x, y in ring]
    copy = shapely.from_wkb(conn.execute(query("parcel/get_geometry"), {"id": pid}).fetchone()["wkb_wgs84"])
    assert max(metres(a, b) for a, b in zip(copy.exterior.coords, expected, strict=True)) < 0.01
    feature, _ = ogcapi.one(conn, "http://x", ogcapi.collection("parcels"), pid, None)
    served = feature["geometry"]["coordinates"][0]
    assert max(metres(tuple(a), b) for a, b in zip(served, expected, strict=True)) < 0.02  # 7 decimals
    exported = exports.load(conn, [pid], crs="4326").geoms[0]
    assert shapely.equals_exact(exported, copy, tolerance=0)
    point = pole(shapely.Polygon(ring))
    assert national_code(shapely.Polygon(ring), 9210) == geohash(*independent(105.75, point.x, point.y))
    conn.rollback()


@pytest.mark.db
def test_migration_0090_recomputes_an_old_copy(db_settings) -> None:
    """A database migrated before 0090: its parcels' copies were made with PROJ's pick; 0090 fixes them. Each
    step in its own session: PostGIS caches a transformation for the rest of a session."""
    import psycopg
    from psycopg.rows import dict_row

    def session():
        return psycopg.connect(db_settings.url, row_factory=dict_row)

    e, n = BEN_THANH
    with session() as c:
        c.execute("update spatial_ref_sys set auth_name = 'EPSG', auth_srid = 9210 where srid = 9210")
    try:
        with session() as c:
            pid = _parcel(c, [(e, n), (e + 10, n), (e + 10, n + 10), (e, n + 10), (e, n)])
            old = shapely.from_wkb(c.execute(query("parcel/get_geometry"), {"id": pid}).fetchone()["wkb_wgs84"])
            assert metres(old.exterior.coords[0], independent(105.75, e, n)) > 0.5
            with pytest.raises(CRSError, match="new session"):  # this session cached PROJ's pick
                pin_database(c, "test")
        assert 'pin_database(conn, "migration 0090_pinned_wgs84")' in MIGRATION.read_text(encoding="utf-8")
        with session() as c:
            assert pin_database(c, "migration 0090_pinned_wgs84") >= 1
            new = shapely.from_wkb(c.execute(query("parcel/get_geometry"), {"id": pid}).fetchone()["wkb_wgs84"])
            assert metres(new.exterior.coords[0], independent(105.75, e, n)) < 0.01
            audit = c.execute("select actor from audit_log where table_name = 'parcel' and row_id = %s "
                              "and action = 'update'", (pid,)).fetchall()
            assert [a["actor"] for a in audit] == ["migration 0090_pinned_wgs84"]
            c.execute("delete from parcel where id = %s", (pid,))
    finally:
        with session() as c:
            pin_database(c, "test cleanup")
