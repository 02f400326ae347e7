"""``GET /api/export``: a search result, a box or one parcel as a GIS or CAD file (``web.exports``); and
``GET /parcels/{id}/extract.pdf``: the printable parcel extract (``web.extract_pdf``)."""

from __future__ import annotations

from urllib.parse import quote

import psycopg
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from web import exports, search
from web.accounts import User
from web.auth import officer, read_db

router = APIRouter()


@router.get("/api/export")
def api_export(request: Request, q: str | None = Query(None, max_length=search.MAX_QUERY),
               bbox: str | None = Query(None, max_length=100), parcel: int | None = Query(None, ge=1),
               commune: str | None = Query(None, max_length=20), format: str = Query("gpkg", max_length=10),
               crs: str | None = Query(None, max_length=10), personal: int = Query(0, ge=0, le=1),
               user: User = Depends(officer), conn: psycopg.Connection = Depends(read_db)) -> Response:
    """Officers only (a search reads owner names); owners and ID numbers in the file only with ``personal=1``."""
    crs = crs or ("4326" if format == "geojson" else "native")
    ids = exports.select_ids(conn, q=q, bbox=bbox, parcel=parcel, commune=commune)
    data = exports.render(exports.load(conn, ids, crs=crs, personal=bool(personal)), format)
    what = f"parcel-{parcel}" if parcel else ("box" if bbox else (q or "search"))
    name = exports.filename(format, what)
    return Response(data, media_type=exports.FORMATS[format][0], headers={
        "Content-Disposition": f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}"})


@router.get("/parcels/{parcel_id}/extract.pdf")
def extract_pdf(parcel_id: int, user: User = Depends(officer), conn: psycopg.Connection = Depends(read_db)) -> Response:
    """The printable parcel extract (A4 PDF, with owners: officers only)."""
    from web.extract_pdf import extract_pdf as render_extract

    data = render_extract(conn, parcel_id, user.username)
    return Response(data, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="trich-luc-thua-{parcel_id}.pdf"'})
