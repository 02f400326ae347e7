"""/api/search and /tiles run on the asyncio read pool when the app's lifespan opened it (as under `landdb serve`),
and on the thread pool otherwise: the same answers either way (web/steps.py runs the same steps)."""

from __future__ import annotations

import math

import psycopg
import pytest
from psycopg.rows import dict_row

from tests import web_support
from tests.web_support import make_client

pytestmark = [pytest.mark.db]

web_url = web_support.web_url   # the fixtures
officer_client = web_support.officer_client


def _tile_of(lon: float, lat: float, z: int) -> str:
    n = 2 ** z
    x, y = int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return f"/tiles/{z}/{x}/{y}.pbf"


def test_async_and_threaded_routes_answer_alike(web_url):
    from landdb.db import transaction
    from web.accounts import new_token

    with psycopg.connect(web_url, row_factory=dict_row) as conn:
        with transaction("test", conn):
            token = new_token(conn, "test-officer", "async routes test")
        c = conn.execute("select centre_lon, centre_lat from parcel where sheet_no = '2' and parcel_no = '210'"
                         ).fetchone()
    headers = {"Authorization": f"Bearer {token}"}
    queries = ["pham huu hau", "pham hu hau", "2/210", "075072013759", "AB 02393494", "pham van chieu", "zzqx wvvk"]
    tiles = [_tile_of(c["centre_lon"], c["centre_lat"], z) for z in (9, 12, 14, 15, 18)]

    def answers(client) -> tuple[list, list]:
        found = []
        for q in queries:
            body = client.get("/api/search", params={"q": q}, headers=headers).json()
            found.append([(r["parcel_id"], r["certificate_parcel_id"], r["score"], r["reason"])
                          for r in body["results"]])
        return found, [client.get(t).content for t in tiles]

    threaded = make_client(tile_cache_max_zoom=-1)
    assert threaded.app.state.async_read_pool is None
    found, made = answers(threaded)
    with make_client(tile_cache_max_zoom=-1) as lifespan:
        assert lifespan.app.state.async_read_pool is not None
        assert answers(lifespan) == (found, made)
        assert lifespan.get("/api/search", params={"q": "x" * 201}, headers=headers).status_code == 422
        assert lifespan.get("/tiles/3/8/0.pbf").status_code == 400
    assert found[0] and found[2] and found[-1] == [] and len(made[-1]) > 0 and made[0] == b""


def test_hot_routes_check_what_fastapi_checked(web_url, officer_client):
    """/api/search and /tiles are plain Starlette routes (web/routes/api.py ``hot_routes``): the officer role, and
    FastAPI's validation with its 422 naming the parameter."""
    def bad(response, where: str, name: str) -> None:
        assert response.status_code == 422, response.text
        assert [e["loc"] for e in response.json()["detail"]] == [[where, name]], response.text

    bad(officer_client.get("/tiles/a/0/0.pbf"), "path", "z")
    bad(officer_client.get("/tiles/12/1.5/0.pbf"), "path", "x")
    bad(officer_client.get("/api/search", params={"q": "2/210", "limit": "many"}), "query", "limit")
    bad(officer_client.get("/api/search", params={"q": "2/210", "limit": "0"}), "query", "limit")
    bad(officer_client.get("/api/search", params={"q": "2/210", "commune": "7" * 21}), "query", "commune")
    one = officer_client.get("/api/search", params={"q": "2/210", "limit": "1"}).json()["results"]
    assert [(r["sheet_no"], r["parcel_no"]) for r in one] == [("2", "210")]
    anonymous = make_client()
    assert anonymous.get("/api/search", params={"q": "2/210"}).status_code == 401
    assert anonymous.get("/tiles/5/1/1.pbf").status_code == 200
