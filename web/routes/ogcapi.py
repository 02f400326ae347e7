"""``/ogcapi``: OGC API – Features (``web.ogcapi``). ``parcels`` is open to anyone; ``qa_findings`` needs a
session or a bearer token. Every answer is JSON (errors too: ``web.app`` treats ``/ogcapi`` like ``/api``)."""

from __future__ import annotations

from typing import Any

import psycopg
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from web import ogcapi
from web.auth import authenticate, db
from web.errors import Forbidden, NotAuthenticated

router = APIRouter(prefix="/ogcapi")
GEOJSON = "application/geo+json"


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/") + "/ogcapi"


def _logged_in(request: Request, conn: psycopg.Connection) -> bool:
    try:
        return authenticate(request, conn).may("officer")
    except NotAuthenticated:
        return False


def _allowed(request: Request, conn: psycopg.Connection, name: str) -> ogcapi.Collection:
    item = ogcapi.collection(name)
    if not item.public:
        user = authenticate(request, conn)          # NotAuthenticated: 401 with WWW-Authenticate
        if not user.may("officer"):
            raise Forbidden(f"{user.username} may not read {name}")
    return item


def _geojson(body: dict[str, Any], srid: int) -> JSONResponse:
    return JSONResponse(body, media_type=GEOJSON, headers={"Content-Crs": f"<{ogcapi.crs_uri(srid)}>"})


@router.get("")
@router.get("/")
def landing(request: Request) -> dict[str, Any]:
    return ogcapi.landing(_base(request))


@router.get("/conformance")
def conformance() -> dict[str, Any]:
    return ogcapi.conformance()


@router.get("/collections")
def collections(request: Request, conn: psycopg.Connection = Depends(db)) -> dict[str, Any]:
    signed_in = _logged_in(request, conn)
    visible = [c for c in ogcapi.COLLECTIONS.values() if c.public or signed_in]
    return ogcapi.collections(conn, _base(request), visible)


@router.get("/collections/{name}")
def collection(request: Request, name: str, conn: psycopg.Connection = Depends(db)) -> dict[str, Any]:
    return ogcapi.describe(conn, _base(request), _allowed(request, conn, name))


@router.get("/collections/{name}/items")
def items(request: Request, name: str, conn: psycopg.Connection = Depends(db)) -> JSONResponse:
    item = _allowed(request, conn, name)
    body, srid = ogcapi.items(conn, _base(request), item, dict(request.query_params))
    return _geojson(body, srid)


@router.get("/collections/{name}/items/{feature_id}")
def feature(request: Request, name: str, feature_id: int, conn: psycopg.Connection = Depends(db)) -> JSONResponse:
    item = _allowed(request, conn, name)
    body, srid = ogcapi.one(conn, _base(request), item, feature_id, request.query_params.get("crs"))
    return _geojson(body, srid)
