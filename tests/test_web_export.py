"""Exports of the demo database (three certificates through the real OCR, the sample ward map in VN-2000 zone
105°45', EPSG:9210) read back with the tools a GIS analyst or a surveyor uses: GeoPandas/pyogrio and ezdxf."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import geopandas as gpd
import psycopg
import pytest
from psycopg.rows import dict_row

from tests import web_support
from web import exports
from web.errors import BadRequest

pytestmark = [pytest.mark.db]

web_url = web_support.web_url   # the fixture
officer_client = web_support.officer_client


@pytest.fixture
def conn(web_url):
    """A connection whose changes are rolled back after the test."""
    with psycopg.connect(web_url, row_factory=dict_row) as connection:
        yield connection
        connection.rollback()


@pytest.fixture
def p210(conn) -> int:
    """The id of parcel 2/210 (PHẠM HỮU HẬU's, on Phạm Văn Chiêu)."""
    return _parcel(conn, "2", "210")["id"]


def _parcel(conn, sheet: str, number: str) -> dict:
    return conn.execute("select id, st_astext(geom) as wkt, geom_area_m2 from parcel "
                        "where sheet_no = %s and parcel_no = %s", (sheet, number)).fetchone()


def test_geopackage_of_a_search_has_the_native_zone_and_the_rows(officer_client, conn, tmp_path):
    reply = officer_client.get("/api/export", params={"q": "Phạm Văn Chiêu", "format": "gpkg"})
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"] == "application/geopackage+sqlite3"
    path = tmp_path / "out.gpkg"
    path.write_bytes(reply.content)
    frame = gpd.read_file(path, layer="parcels")
    expected = exports.select_ids(conn, q="Phạm Văn Chiêu")
    assert len(expected) >= 2
    assert sorted(frame["parcel_id"]) == sorted(expected)
    assert frame.crs.to_epsg() == 9210
    assert "105.75" in frame.crs.to_wkt() or "105,75" in frame.crs.to_wkt()
    row = frame[frame["parcel_no"] == "210"].iloc[0]
    assert row["address"] == "Phạm Văn Chiêu, Phường 5, Quận Gò Vấp"       # UTF-8 diacritics intact
    truth = _parcel(conn, "2", "210")
    assert row.geometry.area == pytest.approx(truth["geom_area_m2"], rel=1e-9)
    assert "owners" not in frame.columns                                     # not asked for


def test_personal_data_only_when_asked(officer_client, p210, tmp_path):
    plain = officer_client.get("/api/export", params={"parcel": p210, "format": "csv"}).content.decode("utf-8-sig")
    assert "PHẠM HỮU HẬU" not in plain and "075072013759" not in plain
    asked = officer_client.get("/api/export", params={"parcel": p210, "format": "csv", "personal": 1})
    text = asked.content.decode("utf-8-sig")
    assert "PHẠM HỮU HẬU" in text and "075072013759" in text


def test_export_needs_a_logged_in_user(web_url, p210):
    client = web_support.make_client()
    reply = client.get("/api/export", params={"parcel": p210, "format": "csv", "personal": 1})
    assert reply.status_code == 401
    assert "PHẠM" not in reply.text


def test_geojson_is_wgs84(officer_client, p210, conn):
    reply = officer_client.get("/api/export", params={"parcel": p210, "format": "geojson"})
    assert reply.status_code == 200, reply.text
    collection = json.loads(reply.content)
    assert "crs" not in collection                                           # RFC 7946: no crs member
    (feature,) = collection["features"]
    geometry = feature["geometry"]
    ring = geometry["coordinates"][0] if geometry["type"] == "Polygon" else geometry["coordinates"][0][0]
    lon, lat = ring[0]
    assert 106.5 < lon < 106.8 and 10.7 < lat < 10.9                         # Gò Vấp, in degrees
    assert feature["properties"]["address"] == "Phạm Văn Chiêu, Phường 5, Quận Gò Vấp"
    refused = officer_client.get("/api/export", params={"parcel": p210, "format": "geojson", "crs": "native"})
    assert refused.status_code == 400 and "RFC 7946" in refused.json()["message"]


def test_shapefile_zip_has_prj_cpg_and_utf8_names(officer_client, tmp_path):
    reply = officer_client.get("/api/export", params={"q": "Phạm Văn Chiêu", "format": "shp"})
    assert reply.status_code == 200, reply.text
    with zipfile.ZipFile(io.BytesIO(reply.content)) as archive:
        names = set(archive.namelist())
        assert {"parcels.shp", "parcels.shx", "parcels.dbf", "parcels.prj", "parcels.cpg"} <= names
        assert archive.read("parcels.cpg").decode().strip().upper() in ("UTF-8", "UTF8")
        assert "105.75" in archive.read("parcels.prj").decode()
        archive.extractall(tmp_path)
    frame = gpd.read_file(tmp_path / "parcels.shp")
    assert frame.crs is not None and "VN-2000" in frame.crs.to_wkt()
    assert "Phạm Văn Chiêu, Phường 5, Quận Gò Vấp" in set(frame["address"])


def test_dxf_has_outline_vertex_and_label_layers_with_the_parcels_coordinates(officer_client, p210, conn, tmp_path):
    import ezdxf
    import shapely

    reply = officer_client.get("/api/export", params={"parcel": p210, "format": "dxf"})
    assert reply.status_code == 200, reply.text
    path = tmp_path / "out.dxf"
    path.write_bytes(reply.content)
    doc = ezdxf.readfile(path)
    assert doc.units == ezdxf.units.M
    msp = doc.modelspace()
    layers = {e.dxf.layer for e in msp}
    assert set(exports.DXF_LAYERS.values()) <= layers
    (outline,) = msp.query(f'LWPOLYLINE[layer=="{exports.DXF_LAYERS["outline"]}"]')
    truth = shapely.from_wkt(_parcel(conn, "2", "210")["wkt"])
    ring = truth.geoms[0].exterior if hasattr(truth, "geoms") else truth.exterior
    expected = list(ring.coords)[:-1]
    drawn = [(p[0], p[1]) for p in outline.get_points("xy")]
    assert [c for p in drawn for c in p] == pytest.approx([c for p in expected for c in p], abs=1e-6)
    numbers = [t.dxf.text for t in msp.query(f'TEXT[layer=="{exports.DXF_LAYERS["vertex"]}"]')]
    assert numbers == [str(n) for n in range(1, len(expected) + 1)]
    labels = [t.dxf.text for t in msp.query(f'TEXT[layer=="{exports.DXF_LAYERS["label"]}"]')]
    assert any(label.startswith("2/210 ODT") for label in labels)
    assert any("EPSG:9210" in label for label in labels)


def test_csv_has_wkt_and_neutralises_formulas(officer_client, conn):
    parcel = _parcel(conn, "2", "210")
    export = exports.load(conn, [parcel["id"]])
    export.rows[0]["address"] = "=HYPERLINK(\"http://x\")"
    export.rows[0]["land_use_raw"] = "@SUM(A1)"
    rows = list(csv.reader(io.StringIO(exports.render(export, "csv").decode("utf-8-sig"))))
    header, first = rows[0], rows[1]
    cell = dict(zip(header, first, strict=True))
    assert cell["address"] == "'=HYPERLINK(\"http://x\")"
    assert cell["land_use_raw"] == "'@SUM(A1)"
    assert cell["wkt"].startswith(("POLYGON", "MULTIPOLYGON")) and cell["crs"] == "EPSG:9210"
    reply = officer_client.get("/api/export", params={"bbox": "106.5,10.7,106.9,10.9", "format": "csv"})
    assert reply.status_code == 200 and reply.content.startswith("\ufeff".encode())
    assert len(reply.content.decode("utf-8-sig").strip().splitlines()) > 2


def test_two_zones_are_refused_in_native_and_exported_in_wgs84(conn):
    parcel = _parcel(conn, "2", "210")
    other = conn.execute(
        "insert into parcel (commune_code, sheet_no, parcel_no, native_srid, geom) "
        "select commune_code, '99', '1', 9211, st_transform(geom, 9211) from parcel where id = %s returning id",
        (parcel["id"],)).fetchone()["id"]
    with pytest.raises(BadRequest, match="2 VN-2000 zones"):
        exports.load(conn, [parcel["id"], other], crs="native")
    both = exports.load(conn, [parcel["id"], other], crs="4326")
    assert both.srid == 4326 and len(both.rows) == 2


def test_one_selector_and_known_formats(officer_client, p210):
    assert officer_client.get("/api/export", params={"format": "gpkg"}).status_code == 400
    both = officer_client.get("/api/export", params={"parcel": p210, "q": "x", "format": "gpkg"})
    assert both.status_code == 400 and "not both" in both.json()["message"]
    assert officer_client.get("/api/export", params={"parcel": p210, "format": "xls"}).status_code == 400
    assert officer_client.get("/api/export", params={"parcel": p210, "format": "dxf", "crs": "4326"}).status_code == 400


def test_export_buttons_on_the_result_list_and_the_parcel_page(officer_client, p210):
    page = officer_client.get("/search", params={"q": "Phạm Văn Chiêu"}).text
    links = re.findall(r'class="export" data-format="(\w+)" href="([^"]+)"', page)
    assert {f for f, _ in links} == set(exports.FORMATS)
    href = dict(links)["gpkg"].replace("&amp;", "&")
    assert officer_client.get(href).headers["content-type"] == "application/geopackage+sqlite3"
    parcel_page = officer_client.get(f"/parcels/{p210}").text
    assert f'href="/api/export?parcel={p210}&amp;format=dxf"' in parcel_page
