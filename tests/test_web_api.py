"""The JSON API an officer's scripts and GIS clients use: search results, a parcel with everything on it, the
scan pages (rendered from the stored scan, checked against its hash, cached), and bearer tokens."""

from __future__ import annotations

import io
import math

import psycopg
import pytest
from PIL import Image
from psycopg.rows import dict_row

from tests import web_support
from tests.web_support import make_client

pytestmark = [pytest.mark.db]

web_url = web_support.web_url          # fixtures
officer_client = web_support.officer_client


def _parcel_id(url: str, sheet: str, parcel: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("select id from parcel where sheet_no = %s and parcel_no = %s", (sheet, parcel)
                            ).fetchone()[0]


def test_search_json(officer_client):
    body = officer_client.get("/api/search", params={"q": "tran my tuyet"}).json()
    assert body["took_ms"] >= 0
    first = body["results"][0]
    for key in ("parcel_id", "commune_code", "sheet_no", "parcel_no", "address", "area_m2", "land_uses", "owners",
                "certificate_serials", "national_code", "reason", "matched", "score"):
        assert key in first, key
    assert (first["sheet_no"], first["parcel_no"], first["owners"]) == ("2", "1", ["TRẦN MỸ TUYẾT"])
    assert first["certificate_serials"] == ["AA 03965879"] and first["land_uses"] == ["ODT"]
    assert first["reason"] == "owner name" and first["commune_code"] == "26893"
    assert len(officer_client.get("/api/search", params={"q": "hẻm", "limit": 2}).json()["results"]) <= 2
    assert officer_client.get("/api/search", params={"q": "hẻm", "limit": 0}).status_code == 422


def test_parcel_json(officer_client, web_url):
    pid = _parcel_id(web_url, "2", "210")
    d = officer_client.get(f"/api/parcels/{pid}").json()
    assert d["key"] == "2/210" and d["parcel"]["commune_code"] == "26893"
    assert d["parcel"]["geometry"]["type"] in ("Polygon", "MultiPolygon") and len(d["parcel"]["bbox"]) == 4
    assert abs(d["parcel"]["map_area_m2"] - 105.63) < 0.01
    (cert,) = d["certificates"]
    assert cert["serial"] == "AB 02393494" and cert["register_no"] == "CS41887" and cert["link_status"] == "matched"
    assert [o["name"] for o in cert["owners"]] == ["PHẠM HỮU HẬU"] and cert["owners"][0]["id_number"] == "075072013759"
    assert cert["land_uses"][0]["code"] == "ODT" and cert["area_m2"] == 105.6
    assert abs(cert["area_difference_m2"] - (105.6 - 105.63)) < 0.011
    name = next(f for f in cert["fields"] if f["field"] == "owners.0.name")
    assert name["value"] == "PHẠM HỮU HẬU" and name["page"] == 1 and len(name["bbox"]) == 4
    assert len(cert["vertices"]) == 4
    for v in cert["vertices"]:
        assert abs(v["printed_edge_m"] - v["computed_edge_m"]) <= 0.015, v
    assert cert["changes"][0]["kind"] == "transfer"
    assert len(d["map_vertices"]) == 5 and d["map_vertices"][-1]["edge_m"] is None
    map_perimeter = sum(v["edge_m"] for v in d["map_vertices"][:-1])
    assert abs(map_perimeter - sum(v["printed_edge_m"] for v in cert["vertices"])) < 0.1
    neighbours = {f"{n['sheet_no']}/{n['parcel_no']}" for n in d["neighbours"]}
    assert {"2/209", "2/211"} <= neighbours
    assert any(h["table_name"] == "certificate_parcel" and h["action"] == "update" for h in d["history"])


def test_parcel_with_findings_and_open_review(officer_client, web_url):
    d = officer_client.get(f"/api/parcels/{_parcel_id(web_url, '1', '155')}").json()
    assert "cert_map_area" in {f["rule_id"] for f in d["findings"]}
    assert {t["field"] for t in d["certificates"][0]["open_review"]} >= {"parcel.area_m2"}
    assert officer_client.get("/api/parcels/999999999").status_code == 404


def test_scan_page_image(officer_client, web_url):
    from landdb.settings import get_settings
    from web.scans import cached_page

    with psycopg.connect(web_url) as conn:
        doc_id, sha = conn.execute("select id, sha256 from source_document order by id limit 1").fetchone()
    cached = cached_page(sha, 2)
    cached.unlink(missing_ok=True)
    response = officer_client.get(f"/api/documents/{doc_id}/pages/2.jpg")
    assert response.status_code == 200 and response.headers["content-type"] == "image/jpeg"
    image = Image.open(io.BytesIO(response.content))
    from ocr.pages import load_pages

    with psycopg.connect(web_url) as conn:
        path = conn.execute("select path from source_document where id = %s", (doc_id,)).fetchone()[0]
    height, width = load_pages(path)[1].shape[:2]
    assert image.size == (width, height)          # the pixels the OCR read: the word boxes fall where they were
    assert cached.exists() and str(cached).startswith(str(get_settings().var_dir))
    assert officer_client.get(f"/api/documents/{doc_id}/pages/3.jpg").status_code == 404
    assert officer_client.get("/api/documents/999999/pages/1.jpg").status_code == 404
    assert make_client().get(f"/api/documents/{doc_id}/pages/1.jpg").status_code == 401


def test_scan_that_changed_on_disk_is_refused(officer_client, web_url, tmp_path):
    from web.scans import cached_page

    copy = tmp_path / "scan.pdf"
    copy.write_bytes(web_support.certificate_paths()[0].read_bytes())
    with psycopg.connect(web_url, autocommit=True) as conn:
        doc_id = conn.execute("insert into source_document (sha256, path, pages) values ('not-its-hash', %s, 2) "
                              "returning id", (str(copy),)).fetchone()[0]
    try:
        cached_page("not-its-hash", 1).unlink(missing_ok=True)
        response = officer_client.get(f"/api/documents/{doc_id}/pages/1.jpg")
        assert response.status_code == 422 and "changed since it was loaded" in response.json()["message"]
        copy.unlink()
        response = officer_client.get(f"/api/documents/{doc_id}/pages/1.jpg")
        assert response.status_code == 404 and "no longer at" in response.json()["message"]
    finally:
        with psycopg.connect(web_url, autocommit=True) as conn:
            conn.execute("delete from source_document where id = %s", (doc_id,))


def test_bearer_token_reads_the_api(web_url):
    from landdb.db import transaction
    from web.accounts import new_token

    with psycopg.connect(web_url, row_factory=dict_row) as conn, transaction("test", conn):
        token = new_token(conn, "test-officer", "api test")
    client = make_client()
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/search", params={"q": "2/210"}, headers=headers).json()["results"][0]["parcel_no"] == "210"
    pid = _parcel_id(web_url, "2", "210")
    assert client.get(f"/api/parcels/{pid}", headers=headers).status_code == 200
    assert client.get(f"/api/parcels/{pid}", headers={"Authorization": "Bearer ldb_wrong"}).status_code == 401


def _tile_of(web_url: str, z: int, sheet: str, parcel: str) -> tuple[int, int, int]:
    with psycopg.connect(web_url) as conn:
        lon, lat = conn.execute("select centre_lon, centre_lat from parcel where sheet_no = %s and parcel_no = %s",
                                (sheet, parcel)).fetchone()
    n = 2 ** z
    return z, int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)


def test_tiles_are_cached_until_the_map_changes(web_url):
    from web.tiles import cache_root

    client = make_client(tile_cache_max_zoom=15)
    z, x, y = _tile_of(web_url, 15, "2", "210")
    first = client.get(f"/tiles/{z}/{x}/{y}.pbf").content
    assert b"ODT" in first and any(p.name == f"{y}.pbf" for p in cache_root().rglob("*.pbf"))
    assert client.get(f"/tiles/{z}/{x}/{y}.pbf").content == first            # from the cache
    with psycopg.connect(web_url) as conn:
        conn.execute("update parcel set land_use_code = 'SKC' where sheet_no = '2' and parcel_no = '210'")
        conn.commit()
    try:
        changed = client.get(f"/tiles/{z}/{x}/{y}.pbf").content
        assert changed != first and b"SKC" in changed and b"SKC" not in first
        assert make_client(tile_cache_max_zoom=-1).get(f"/tiles/{z}/{x}/{y}.pbf").content == changed
    finally:
        with psycopg.connect(web_url) as conn:
            conn.execute("update parcel set land_use_code = 'ODT' where sheet_no = '2' and parcel_no = '210'")
            conn.commit()


def test_district_zoom_tiles_are_an_overview(web_url):
    """At z14 a tile holds squares (commonest land use, worst QA, number of parcels), not parcels: no parcel key."""
    from web.tiles import OVERVIEW_MAX_ZOOM

    client = make_client(tile_cache_max_zoom=-1)
    z, x, y = _tile_of(web_url, OVERVIEW_MAX_ZOOM, "2", "210")
    overview = client.get(f"/tiles/{z}/{x}/{y}.pbf").content
    assert b"ODT" in overview and b"parcels" in overview and b"2/210" not in overview
    z, x, y = _tile_of(web_url, OVERVIEW_MAX_ZOOM + 1, "2", "210")
    assert b"2/210" in client.get(f"/tiles/{z}/{x}/{y}.pbf").content


def test_search_export_csv(officer_client):
    response = officer_client.get("/api/search.csv", params={"q": "nguyen thi nguyet"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("commune_code,sheet_no,parcel_no")
    assert "NGUYỄN THỊ NGUYỆT" in lines[1] and ",1,155," in lines[1]
    assert make_client().get("/api/search.csv", params={"q": "x"}).status_code == 401


def test_georeferenced_sheet_layer(web_url, tmp_path):
    """The sample paper sheet, georeferenced as `landdb georef` does, is listed with corners on the ward's parcels
    and served as a PNG; anonymous clients get neither."""
    from geo.georef import georeference
    from web.accounts import new_token

    folder = tmp_path / "sheets"
    folder.mkdir()
    mapsheet = web_support.SAMPLES / "mapsheet"
    georeference(mapsheet / "sheet_2.tif", mapsheet / "sheet_2_gcps.csv", srid=9210, method="affine",
                 out=folder / "sheet_2.tif", pixel_origin="centre")
    from landdb.db import transaction

    with psycopg.connect(web_url, row_factory=dict_row) as conn, transaction("test", conn):
        token = new_token(conn, "test-officer", "sheets test")
    client = make_client(sheets_dir=str(folder))
    headers = {"Authorization": f"Bearer {token}"}
    (sheet,) = client.get("/api/sheets", headers=headers).json()["sheets"]
    assert sheet["name"] == "sheet_2" and sheet["crs"] == "EPSG:9210"
    with psycopg.connect(web_url) as conn:
        xmin, ymin, xmax, ymax = conn.execute(
            "select st_xmin(e), st_ymin(e), st_xmax(e), st_ymax(e) from (select st_extent(geom_wgs84) e from parcel "
            "where sheet_no = '2') s").fetchone()
    lons = [c[0] for c in sheet["corners"]]
    lats = [c[1] for c in sheet["corners"]]
    assert min(lons) < xmax and max(lons) > xmin and min(lats) < ymax and max(lats) > ymin   # over sheet 2
    png = client.get("/api/sheets/sheet_2.png", headers=headers)
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert Image.open(io.BytesIO(png.content)).mode == "RGBA"
    assert client.get("/api/sheets/..%2Fsecret.png", headers=headers).status_code == 404
    assert client.get("/api/sheets").status_code == 401
    assert client.get("/api/sheets/sheet_2.png").status_code == 401
