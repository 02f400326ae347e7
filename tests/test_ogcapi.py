"""OGC API – Features at /ogcapi read by a real client (GDAL's OAPIF driver, Debian's ogrinfo) and by plain
HTTP: features with geometry, the CRS, paging, bbox, CRS negotiation; no owner names; qa_findings needs a token."""

from __future__ import annotations

import shutil
import subprocess

import httpx
import psycopg
import pytest

from tests import web_support
from tests.live_server import serve_on_loopback
from web import ogcapi

pytestmark = [pytest.mark.db]

web_url = web_support.web_url   # the fixture


@pytest.fixture(scope="module")
def server(web_url):
    """The app on a loopback port (tests/live_server.py)."""
    with serve_on_loopback() as url:
        yield url


@pytest.fixture(scope="module")
def owners(web_url) -> list[str]:
    with psycopg.connect(web_url) as conn:
        rows = conn.execute("select name, id_number from party").fetchall()
    return [v for row in rows for v in row if v]


@pytest.fixture(scope="module")
def token(web_url) -> str:
    from psycopg.rows import dict_row

    from landdb.db import transaction
    from web.accounts import new_token

    with psycopg.connect(web_url, row_factory=dict_row) as conn, transaction("test", conn):
        return new_token(conn, "test-officer", "ogcapi test")


def _ogrinfo(*args: str, timeout: int = 240) -> subprocess.CompletedProcess:
    if shutil.which("ogrinfo") is None:
        pytest.fail("ogrinfo is missing: Debian's gdal-bin")
    return subprocess.run(["ogrinfo", *args], capture_output=True, text=True, timeout=timeout,
                          env={"PATH": "/usr/bin:/bin", "GDAL_HTTP_TIMEOUT": "60", "CPL_DEBUG": "OFF"})


def test_gdal_reads_the_parcels_with_geometry_and_crs_and_no_owner(server, owners, web_url):
    done = _ogrinfo("-ro", "-al", "-where", "sheet_no = '2'", f"OAPIF:{server}/ogcapi", "parcels")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Layer name: parcels" in out
    assert "WGS 84" in out or "CRS84" in out
    with psycopg.connect(web_url) as conn:
        expected = conn.execute("select count(*) from parcel where sheet_no = '2' and geom is not null").fetchone()[0]
    assert out.count("OGRFeature(parcels)") == expected > 0
    assert out.count("POLYGON") >= expected
    assert "parcel_no (String) = 210" in out
    assert "Phạm Văn Chiêu" in out                          # UTF-8 through GDAL
    for value in owners:
        assert value not in out, value


def test_qa_findings_refused_without_a_token_and_read_with_one(server, token):
    refused = httpx.get(f"{server}/ogcapi/collections/qa_findings/items")
    assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith("Bearer")
    assert [c["id"] for c in httpx.get(f"{server}/ogcapi/collections").json()["collections"]] == ["parcels"]
    done = _ogrinfo("-ro", "-so", f"OAPIF:{server}/ogcapi", "qa_findings")
    assert done.returncode != 0 or "Feature Count" not in done.stdout
    allowed = httpx.get(f"{server}/ogcapi/collections/qa_findings/items",
                        headers={"Authorization": f"Bearer {token}"})
    assert allowed.status_code == 200 and allowed.json()["numberMatched"] > 0


def test_paging_bbox_and_crs_negotiation(server, web_url):
    base = f"{server}/ogcapi/collections/parcels"
    described = httpx.get(base).json()
    assert described["crs"][0] == ogcapi.CRS84 and ogcapi.EPSG_URI.format(9210) in described["crs"]
    assert described.get("storageCrs") == ogcapi.EPSG_URI.format(9210), described["crs"]
    assert ogcapi.CONFORMANCE[2] in httpx.get(f"{server}/ogcapi/conformance").json()["conformsTo"]

    first = httpx.get(f"{base}/items", params={"limit": 5})
    assert first.headers["content-crs"] == f"<{ogcapi.CRS84}>"
    page = first.json()
    assert page["numberReturned"] == 5 and page["numberMatched"] > 5
    following = next(link["href"] for link in page["links"] if link["rel"] == "next")
    second = httpx.get(following).json()
    assert {f["id"] for f in second["features"]}.isdisjoint({f["id"] for f in page["features"]})

    with psycopg.connect(web_url) as conn:
        pid, x, y = conn.execute("select id, st_x(st_pointn(st_exteriorring(st_geometryn(geom, 1)), 1)), "
                                 "st_y(st_pointn(st_exteriorring(st_geometryn(geom, 1)), 1)) "
                                 "from parcel where sheet_no = '2' and parcel_no = '210'").fetchone()
    native = httpx.get(f"{base}/items/{pid}", params={"crs": ogcapi.EPSG_URI.format(9210)})
    assert native.headers["content-crs"] == f"<{ogcapi.EPSG_URI.format(9210)}>"
    geometry = native.json()["geometry"]
    ring = geometry["coordinates"][0] if geometry["type"] == "Polygon" else geometry["coordinates"][0][0]
    assert ring[0] == pytest.approx([x, y], abs=0.001)
    assert "owners" not in native.json()["properties"]

    boxed = httpx.get(f"{base}/items", params={"bbox": f"{x - 1},{y - 1},{x + 1},{y + 1}",
                                               "bbox-crs": ogcapi.EPSG_URI.format(9210), "limit": 50}).json()
    assert pid in {f["id"] for f in boxed["features"]} and boxed["numberMatched"] < page["numberMatched"]
    assert httpx.get(f"{base}/items", params={"crs": "EPSG:3857"}).status_code == 400
