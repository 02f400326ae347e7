"""``GET /verify`` (page) and ``GET /api/verify`` (JSON): the public certificate check (``web.verify``). No log-in;
rate-limited per client address; no personal data in any answer."""

from __future__ import annotations

from typing import Any

import psycopg
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from web import verify
from web.auth import client_address, db

router = APIRouter()


@router.get("/api/verify")
def api_verify(request: Request, serial: str | None = Query(None, max_length=300),
               qr: str | None = Query(None, max_length=300), conn: psycopg.Connection = Depends(db)) -> dict[str, Any]:
    verify.check_rate(conn, client_address(request))
    return verify.verify(conn, serial or qr)


@router.get("/verify", response_class=HTMLResponse)
def verify_page(request: Request, serial: str | None = Query(None, max_length=300),
                qr: str | None = Query(None, max_length=300), conn: psycopg.Connection = Depends(db)) -> HTMLResponse:
    from web.routes.pages import render

    asked = serial or qr
    answer = None
    if asked:
        verify.check_rate(conn, client_address(request))
        answer = verify.verify(conn, asked)
    return render(request, "verify.html", {"asked": asked or "", "answer": answer})
