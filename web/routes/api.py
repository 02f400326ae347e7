"""JSON API (``/api/*``: session cookie or ``Authorization: Bearer``) and the public vector tiles."""

from __future__ import annotations

from typing import Any, TypeVar

import psycopg
from fastapi import APIRouter, Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.routing import Route

from web import accounts, parcels, scans, search, sheets, tiles
from web.accounts import User
from web.auth import admin, authorized, db, officer, read_db, read_pooled, writing
from web.responses import json_response

router = APIRouter()
Model = TypeVar("Model", bound=BaseModel)


class NewUser(BaseModel):
    username: str
    role: str
    password: str


class NewToken(BaseModel):
    label: str | None = None


@router.get("/api/me")
async def me(user: User = Depends(officer)) -> Response:
    return json_response({"username": user.username, "role": user.role, "via": user.via})


class SearchQuery(BaseModel):
    """The parameters of ``GET /api/search`` (validated as FastAPI validated them: 422 naming the parameter)."""

    q: str = Field("", max_length=search.MAX_QUERY)
    commune: str | None = Field(None, max_length=20)
    bbox: str | None = Field(None, max_length=100)
    limit: int | None = Field(None, ge=1)


class TilePath(BaseModel):
    z: int
    x: int
    y: int


def _valid(model: type[Model], where: str, values: Any) -> Model:
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        raise RequestValidationError([{**e, "loc": (where, *e["loc"])} for e in exc.errors(include_url=False)]
                                     ) from None


async def api_search(request: Request) -> Response:
    """``GET /api/search?q=…[&commune=…][&bbox=…][&limit=…]`` (officers): ``{"results": [...], "took_ms": n}``."""
    await authorized(request, "officer")
    params = _valid(SearchQuery, "query", dict(request.query_params))
    settings = request.app.state.web_settings
    limit = min(params.limit or settings.search_limit, settings.search_max_limit)
    box = search.parse_bbox(params.bbox)
    pool = request.app.state.async_read_pool
    if pool is None:     # no lifespan (a test client outside `with`): the same search in a worker thread
        return json_response(await run_in_threadpool(_search_pooled, params.q, params.commune, limit, box))
    async with pool.connection() as conn:     # asyncio: no hop to a worker thread
        return json_response(await search.search_async(conn, params.q, commune=params.commune, limit=limit, bbox=box))


def _search_pooled(q: str, commune: str | None, limit: int, box: tuple[float, float, float, float] | None
                   ) -> dict[str, Any]:
    with read_pooled() as conn:
        return search.search(conn, q, commune=commune, limit=limit, bbox=box)


@router.get("/api/search.csv")
def api_search_csv(request: Request, q: str = Query("", max_length=search.MAX_QUERY),
                   commune: str | None = Query(None, max_length=20), bbox: str | None = Query(None, max_length=100),
                   user: User = Depends(officer), conn: psycopg.Connection = Depends(read_db)) -> Response:
    """The search results as CSV (UTF-8 with BOM, so a spreadsheet shows the diacritics): an officer's export."""
    settings = request.app.state.web_settings
    found = search.search(conn, q, commune=commune, limit=settings.search_max_limit, bbox=search.parse_bbox(bbox))
    return Response(search.to_csv(found["results"]), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="landdb-search.csv"'})


@router.get("/api/parcels/{parcel_id}")
def api_parcel(parcel_id: int, user: User = Depends(officer),
               conn: psycopg.Connection = Depends(read_db)) -> Response:
    return json_response(parcels.parcel_detail(conn, parcel_id))


@router.get("/api/documents/{document_id}/pages/{page}.jpg")
def api_page(document_id: int, page: int, user: User = Depends(officer),
             conn: psycopg.Connection = Depends(read_db)) -> FileResponse:
    path = scans.page_image(conn, document_id, page)
    return FileResponse(path, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=86400"})


@router.get("/api/sheets")
def api_sheets(request: Request, user: User = Depends(officer)) -> dict[str, Any]:
    """Georeferenced paper map sheets: name, CRS and corners in WGS 84 (NW, NE, SE, SW)."""
    return {"sheets": sheets.list_sheets(sheets.sheets_dir(request.app.state.web_settings.sheets_dir))}


@router.get("/api/sheets/{name}.png")
def api_sheet_png(request: Request, name: str, user: User = Depends(officer)) -> FileResponse:
    folder = sheets.sheets_dir(request.app.state.web_settings.sheets_dir)
    return FileResponse(sheets.sheet_png(folder, name), media_type="image/png",
                        headers={"Cache-Control": "private, max-age=3600"})


@router.get("/api/users")
def api_users(user: User = Depends(admin), conn: psycopg.Connection = Depends(db)) -> dict[str, Any]:
    return {"users": accounts.list_users(conn)}


@router.post("/api/users", status_code=201)
def api_add_user(body: NewUser, user: User = Depends(admin),
                 conn: psycopg.Connection = Depends(db)) -> dict[str, Any]:
    with writing(conn, user):
        return accounts.add_user(conn, body.username, body.role, body.password, created_by=user.username)


@router.post("/api/users/{username}/disable")
def api_disable_user(username: str, user: User = Depends(admin),
                     conn: psycopg.Connection = Depends(db)) -> dict[str, Any]:
    with writing(conn, user):
        return accounts.disable_user(conn, username)


@router.post("/api/users/{username}/tokens", status_code=201)
def api_new_token(username: str, body: NewToken, user: User = Depends(admin),
                  conn: psycopg.Connection = Depends(db)) -> dict[str, Any]:
    with writing(conn, user):
        return {"token": accounts.new_token(conn, username, body.label)}


async def tile(request: Request) -> Response:
    """``GET /tiles/{z}/{x}/{y}.pbf``, public: geometry, key, land use and QA status only."""
    at = _valid(TilePath, "path", request.path_params)
    cache_max_zoom = request.app.state.web_settings.tile_cache_max_zoom
    pool = request.app.state.async_read_pool
    if pool is None:     # no lifespan (a test client outside `with`): the same tile in a worker thread
        data = await run_in_threadpool(_tile_pooled, at.z, at.x, at.y, cache_max_zoom)
    else:
        async with pool.connection() as conn:     # asyncio: no hop to a worker thread
            data = await tiles.parcel_tile_async(conn, at.z, at.x, at.y, cache_max_zoom)
    return Response(data, media_type="application/vnd.mapbox-vector-tile",
                    headers={"Cache-Control": "public, max-age=60"})


def _tile_pooled(z: int, x: int, y: int, cache_max_zoom: int) -> bytes:
    with read_pooled() as conn:
        return tiles.parcel_tile(conn, z, x, y, cache_max_zoom)


# The two routes a map and a search box call most, as plain Starlette routes that create_app puts first: FastAPI's
# routing through every included router and its dependency machinery cost more than the rest of a request's Python
# (docs/search.md, "Session 7"). The same checks: the officer role (web.auth.authorized) and FastAPI's validation.
hot_routes = [Route("/api/search", api_search, methods=["GET"]),
              Route("/tiles/{z}/{x}/{y}.pbf", tile, methods=["GET"])]
