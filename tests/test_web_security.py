"""The web app's doors: anonymous clients get the log-in page (pages) or 401 (API) everywhere except the log-in
and the public tile layer; officers cannot write; hostile strings in every search parameter change nothing and are
never executed; no page loads anything from the internet; tiles carry no personal data."""

from __future__ import annotations

import re

import psycopg
import pytest

from landdb.settings import PROJECT_ROOT
from tests import web_support
from tests.web_support import PASSWORDS, make_client, session_csrf

pytestmark = [pytest.mark.db]

web_url = web_support.web_url          # fixtures
officer_client = web_support.officer_client

PUBLIC = {"/login", "/favicon.ico", "/tiles/{z}/{x}/{y}.pbf"}
SAMPLE = {"parcel_id": "444", "document_id": "1", "page": "1", "username": "test-officer", "name": "sheet_2",
          "z": "16", "x": "52188", "y": "30784"}
HOSTILE = [
    "' OR '1'='1", "'; drop table parcel; --", "1' union select id, null from app_user --", "%' or 1=1 --",
    "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "%s %(q)s {q} %%", "\\'; select pg_sleep(1); --",
    "tờ 1' or '1'='1 thửa 2", "12/345' or 1=1 --", "\x00nul", "a" * 250,
]


def _routes():
    from web.routes import api, pages

    for route in [*api.hot_routes, *api.router.routes, *pages.router.routes]:
        path = getattr(route, "path", "")
        if path.startswith("/static") or path in PUBLIC:
            continue
        for method in sorted(getattr(route, "methods", None) or ()):
            if method != "HEAD":
                yield method, path


def _fill(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: SAMPLE[m.group(1)], path)


def test_every_route_is_closed_to_anonymous(web_url):
    client = make_client()
    checked = 0
    for method, path in _routes():
        response = client.request(method, _fill(path), follow_redirects=False)
        if path.startswith("/api/"):
            assert response.status_code == 401, (method, path, response.status_code)
            assert response.json()["error"] == "not_authenticated"
        else:
            assert response.status_code in (303, 401), (method, path, response.status_code)
            if response.status_code == 303:
                assert response.headers["location"].startswith("/login"), (method, path)
        assert "PHẠM HỮU HẬU" not in response.text
        checked += 1
    assert checked >= 12
    assert client.get("/search?q=pham", follow_redirects=True).url.path == "/login"


def test_public_tiles_carry_no_personal_data(web_url):
    client = make_client()
    tile = client.get("/tiles/16/52188/30784.pbf")
    assert tile.status_code == 200 and tile.headers["content-type"] == "application/vnd.mapbox-vector-tile"
    assert b"parcels" in tile.content and b"land_use" in tile.content and b"qa" in tile.content
    with psycopg.connect(web_url) as conn:
        secrets = [v for row in conn.execute("select name, id_number, address from party") for v in row if v]
        secrets += [r[0] for r in conn.execute("select address from certificate_parcel where address is not null")]
    assert secrets
    for value in secrets:
        assert value.encode() not in tile.content
    assert client.get("/tiles/3/9/0.pbf").status_code == 400
    assert client.get("/tiles/5/1/1.pbf").content == b""            # below the layer's first zoom


def test_officer_writes_are_forbidden(officer_client):
    csrf = session_csrf(officer_client)
    headers = {"X-CSRF-Token": csrf}
    for path, body in [("/api/users", {"username": "x-officer-made", "role": "admin", "password": "0123456789ab"}),
                       ("/api/users/test-admin/disable", None), ("/api/users/test-admin/tokens", {})]:
        response = officer_client.post(path, json=body, headers=headers)
        assert response.status_code == 403, path
    assert officer_client.post("/admin/users", data={"username": "x2", "role": "admin", "password": "0123456789ab",
                                                     "csrf_token": csrf}, follow_redirects=False).status_code == 403


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_search_text_finds_nothing_and_breaks_nothing(officer_client, hostile):
    api = officer_client.get("/api/search", params={"q": hostile})
    assert api.status_code in (200, 422), api.text
    if api.status_code == 200:
        assert api.json()["results"] == []
    page = officer_client.get("/search", params={"q": hostile})
    assert page.status_code in (200, 422)
    assert "<script>alert(1)" not in page.text and "<img src=x" not in page.text
    if "<script>" in hostile and page.status_code == 200:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


@pytest.mark.parametrize("hostile", HOSTILE[:8])
def test_hostile_filters_add_no_rows(officer_client, hostile):
    baseline = officer_client.get("/api/search", params={"q": "pham huu hau"}).json()["results"]
    assert len(baseline) == 1
    with_commune = officer_client.get("/api/search", params={"q": "pham huu hau", "commune": hostile})
    assert with_commune.status_code in (200, 422)
    if with_commune.status_code == 200:
        assert with_commune.json()["results"] == []
    assert officer_client.get("/api/search", params={"q": "pham huu hau", "bbox": hostile}).status_code in (400, 422)
    assert officer_client.get("/api/search", params={"q": "pham huu hau", "limit": hostile}).status_code == 422
    assert officer_client.get("/search", params={"q": "x", "commune": hostile}).status_code in (200, 422)
    assert officer_client.get(f"/api/parcels/{hostile}").status_code in (404, 422)


def test_the_tables_survive(web_url):
    with psycopg.connect(web_url) as conn:
        assert conn.execute("select count(*) from parcel").fetchone()[0] > 900
        assert conn.execute("select count(*) from app_user").fetchone()[0] >= 3


def test_no_asset_from_the_internet(officer_client):
    pages = ["/search", "/search?q=pham+huu+hau", "/parcels/444", "/login"]
    for path in pages:
        html = officer_client.get(path).text
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), path
        assert "@import" not in html
    for asset in ["/static/app.css", "/static/map.js", "/static/search.js", "/static/parcel.js", "/static/scan.js"]:
        body = officer_client.get(asset).text
        assert not re.search(r"https?://", body), asset
    css = officer_client.get("/static/vendor/maplibre-gl/maplibre-gl.css").text
    assert not re.search(r"url\((['\"])?https?://", css)


def test_security_headers(officer_client):
    response = officer_client.get("/search")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"


def test_reviewer_is_not_admin(web_url):
    client = make_client()
    web_support.log_in(client, "test-reviewer", PASSWORDS["reviewer"])
    assert client.get("/api/me").json()["role"] == "reviewer"
    assert client.get("/api/users").status_code == 403


def test_the_map_library_is_served_from_its_compressed_copy_to_any_client(officer_client):
    import gzip

    stored = (PROJECT_ROOT / "web/static/vendor/maplibre-gl/maplibre-gl.js.gz").read_bytes()
    wanted = "/static/vendor/maplibre-gl/maplibre-gl.js"
    compressed = officer_client.get(wanted, headers={"accept-encoding": "gzip"})
    assert compressed.status_code == 200 and compressed.headers["content-encoding"] == "gzip"
    assert compressed.headers["content-type"].startswith("text/javascript")
    assert compressed.content == gzip.decompress(stored)   # the client library undoes the encoding
    plain = officer_client.get(wanted, headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == gzip.decompress(stored)
    assert officer_client.get("/static/vendor/maplibre-gl/nothing.js").status_code == 404


def test_a_mistyped_address_gets_the_apps_own_page_and_the_api_json(officer_client):
    page = officer_client.get("/no-such-page")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "Không có trang này" in page.text and "landdb" in page.text and '"detail"' not in page.text
    api = officer_client.get("/api/no-such-route")
    assert api.status_code == 404 and api.headers["content-type"].startswith("application/json")
