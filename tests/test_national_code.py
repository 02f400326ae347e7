"""The national parcel code (domain.md §4): vectors computed here independently (PROJ string of domain.md §3 +
pygeohash), the U-shaped parcel, a parcel near a zone's edge, and stability across re-imports."""

from __future__ import annotations

import geopandas as gpd
import pygeohash
import pytest
import shapely
from pyproj import Transformer
from shapely.ops import polylabel

from geo.importer import import_map
from geo.national_code import POLYLABEL_TOLERANCE_M, assign_codes, geohash, is_national_code, national_code

TOWGS84 = "-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278"


def expected_code(polygon: shapely.Polygon, central_meridian: float) -> str:
    """Independently: polylabel in the zone, domain.md §3's PROJ string, pygeohash."""
    proj = (f"+proj=tmerc +lat_0=0 +lon_0={central_meridian} +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 "
            f"+towgs84={TOWGS84} +units=m +no_defs")
    point = polylabel(polygon, tolerance=POLYLABEL_TOLERANCE_M)
    lon, lat = Transformer.from_crs(proj, "EPSG:4326", always_xy=True).transform(point.x, point.y)
    return pygeohash.encode(lat, lon, precision=12)


def box(x: float, y: float, w: float = 12.0, h: float = 20.0) -> shapely.Polygon:
    return shapely.box(x, y, x + w, y + h)


def u_shape(x: float, y: float) -> shapely.Polygon:
    """A U open to the north: 30 m wide, 20 m high, arms 8 m thick, base 6 m."""
    return shapely.Polygon([(x, y), (x + 30, y), (x + 30, y + 20), (x + 22, y + 20), (x + 22, y + 6),
                            (x + 8, y + 6), (x + 8, y + 20), (x, y + 20)])


def test_geohash_encoder_agrees_with_pygeohash() -> None:
    for lon, lat in [(106.668438, 11.135589), (105.8342, 21.0278), (-0.1276, 51.5072), (151.2, -33.87)]:
        assert geohash(lon, lat) == pygeohash.encode(lat, lon, precision=12)


def test_check_point_square_in_hcmc_zone() -> None:
    square = box(600120.0, 1231600.0)
    code = national_code(square, 9210)
    assert code == expected_code(square, 105.75)
    assert is_national_code(code) and code.startswith("w3gz7")  # the check point's cell (domain.md §3)


def test_u_shaped_parcel_code_is_of_a_point_inside_it() -> None:
    parcel = u_shape(601000.0, 1198300.0)
    assert not parcel.contains(parcel.centroid)
    code = national_code(parcel, 9210)
    assert code == expected_code(parcel, 105.75)
    lat, lon = pygeohash.decode_exactly(code)[:2]
    inverse = Transformer.from_crs("EPSG:4326", (
        f"+proj=tmerc +lat_0=0 +lon_0=105.75 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 +towgs84={TOWGS84} "
        "+units=m +no_defs"), always_xy=True)
    x, y = inverse.transform(lon, lat)
    assert parcel.contains(shapely.Point(x, y)) and parcel.exterior.distance(shapely.Point(x, y)) > 3.0
    centroid_code = expected_code(parcel.centroid.buffer(0.001), 105.75)
    assert code != centroid_code


def test_parcel_near_a_zone_edge_is_coded_in_its_native_zone() -> None:
    # Former Bà Rịa–Vũng Tàu is on 107°45′ (EPSG:5899); this parcel lies at ≈ 106.28° E, near that zone's
    # western edge (106.25°), where the neighbouring 105°45′ zone would also draw it.
    parcel = u_shape(340000.0, 1156000.0)
    code = national_code(parcel, 5899)
    assert code == expected_code(parcel, 107.75)
    lat, lon = pygeohash.decode(code)
    assert 106.25 < lon < 106.35 and 10.4 < lat < 10.5


def test_pinned_datum_shift_inside_the_mekong_delta_box() -> None:
    # 10.83° N lies in the box where PROJ would pick another VN-2000 shift (≈ 0.8 m away) if not pinned.
    parcel = box(601000.0, 1198300.0)
    assert national_code(parcel, 9210) == expected_code(parcel, 105.75)


def _write(path, polygons: dict[str, shapely.Polygon], names: dict[str, str] | None = None) -> None:
    frame = gpd.GeoDataFrame({"to_ban_do": ["1"] * len(polygons), "thua": list(polygons),
                              "dia_chi": [(names or {}).get(k, "Phường 1") for k in polygons]},
                             geometry=list(polygons.values()), crs="EPSG:9210")
    frame.to_file(path, layer="thua_dat", driver="GPKG")


def _codes(conn, commune: str) -> dict[str, str]:
    rows = conn.execute("select parcel_no, national_code from parcel where commune_code = %s", (commune,)).fetchall()
    return {r["parcel_no"]: r["national_code"] for r in rows}


@pytest.mark.db
def test_reimport_keeps_codes_and_a_moved_vertex_changes_only_that_one(conn, tmp_path) -> None:
    polygons = {"1": box(601000.0, 1198300.0), "2": u_shape(601020.0, 1198300.0), "3": box(601060.0, 1198300.0)}
    v1 = tmp_path / "v1.gpkg"
    _write(v1, polygons)
    import_map(conn, v1, commune="NC01", actor="test")
    first = _codes(conn, "NC01")
    assert first == {k: expected_code(p, 105.75) for k, p in polygons.items()}

    again = import_map(conn, v1, commune="NC01", actor="test")
    assert again.already_imported and _codes(conn, "NC01") == first

    renamed = tmp_path / "v1b.gpkg"  # attributes change, geometry does not: the code stays
    _write(renamed, polygons, {"1": "Phường 2"})
    assert import_map(conn, renamed, commune="NC01", actor="test").updated == 1
    assert _codes(conn, "NC01") == first

    moved = dict(polygons)
    coords = list(polygons["3"].exterior.coords)
    coords[2] = (coords[2][0] + 4.0, coords[2][1] + 3.0)
    coords[-1] = coords[0]
    moved["3"] = shapely.Polygon(coords)
    v2 = tmp_path / "v2.gpkg"
    _write(v2, moved, {"1": "Phường 2"})
    import_map(conn, v2, commune="NC01", actor="test")
    second = _codes(conn, "NC01")
    assert second["3"] == expected_code(moved["3"], 105.75) != first["3"]
    assert {k: v for k, v in second.items() if k != "3"} == {k: v for k, v in first.items() if k != "3"}
    history = conn.execute("select p.parcel_no, h.national_code from parcel_national_code_history h "
                           "join parcel p on p.id = h.parcel_id where p.commune_code = 'NC01'").fetchall()
    assert [(h["parcel_no"], h["national_code"]) for h in history] == [("3", first["3"])]

    from web.search import search

    now = search(conn, second["3"].upper())["results"]
    assert [(r["parcel_no"], r["national_code"]) for r in now] == [("3", second["3"])]
    former = search(conn, first["3"])
    assert former["understood_as"] == ["national_code"]
    assert [r["parcel_no"] for r in former["results"]] == ["3"]


@pytest.mark.db
def test_assign_codes_fills_parcels_loaded_otherwise(conn) -> None:
    parcel = u_shape(340000.0, 1156000.0)
    conn.execute("insert into parcel (commune_code, sheet_no, parcel_no, native_srid, geom) "
                 "values ('BR01', '7', '12', 5899, st_geomfromtext(%s, 5899))", (parcel.wkt,))
    assert assign_codes(conn, ["BR01"]) == 1
    row = conn.execute("select national_code from parcel where commune_code = 'BR01'").fetchone()
    assert row["national_code"] == expected_code(parcel, 107.75)
    assert assign_codes(conn, ["BR01"]) == 0
    conn.rollback()
