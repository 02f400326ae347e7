"""Server-rendered pages (Jinja, autoescaped): log-in, search + map, parcel, accounts."""

from __future__ import annotations

import json
import secrets
import time
from typing import Any
from urllib.parse import urlsplit

import psycopg
from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from landdb.sql import query
from web import accounts, parcels, search
from web.accounts import User
from web.app import WEB_DIR
from web.auth import (
    CSRF_FIELD,
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    admin,
    check_csrf,
    client_address,
    current_user,
    db,
    officer,
    read_db,
    writing,
)
from web.errors import NotAuthenticated, RateLimited
from web.labels import field_label

router = APIRouter()
templates = Jinja2Templates(directory=WEB_DIR / "templates")
templates.env.filters["field_label"] = field_label
templates.env.filters["tojson_attr"] = lambda value: json.dumps(value, ensure_ascii=False, default=str)

_extent_cache: dict[str, Any] = {}


def render(request: Request, name: str, context: dict[str, Any], *, status_code: int = 200,
           headers: dict[str, str] | None = None) -> HTMLResponse:
    settings = request.app.state.web_settings
    base = {"base_map_url": settings.base_map_url, "user": None, "csrf": None, "csrf_field": CSRF_FIELD}
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code, headers=headers)


def _safe_next(target: str | None) -> str:
    """Only a path of this site (no scheme, no host, no `//`): never an open redirect."""
    if not target or not target.startswith("/") or target.startswith("//") or urlsplit(target).netloc:
        return "/search"
    return target


@router.get("/", include_in_schema=False)
def home(user: User = Depends(current_user)) -> RedirectResponse:
    return RedirectResponse("/search", status_code=303)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return Response(status_code=204)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None, error: str | None = None) -> HTMLResponse:
    token = secrets.token_urlsafe(32)
    response = render(request, "login.html", {"next": _safe_next(next), "login_csrf": token, "error": error},
                      status_code=401 if error else 200)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", path="/login",
                        secure=request.app.state.web_settings.cookie_secure, max_age=3600)
    return response


@router.post("/login")
async def login(request: Request, username: str = Form(..., max_length=100), password: str = Form(..., max_length=1000),
                next: str = Form("/search"), conn: psycopg.Connection = Depends(db)) -> Response:
    await check_csrf(request, request.cookies.get(LOGIN_CSRF_COOKIE, ""))
    settings = request.app.state.web_settings
    try:
        user, session_token = accounts.log_in(conn, username, password, client_address(request), settings)
    except (NotAuthenticated, RateLimited) as exc:
        said = ("Đăng nhập sai quá nhiều lần, hãy thử lại sau" if isinstance(exc, RateLimited)
                else "Sai tên đăng nhập hoặc mật khẩu")
        response = login_page(request, next=next, error=f"{said} ({exc}).")
        response.status_code = exc.http_status
        if isinstance(exc, RateLimited):
            response.headers["Retry-After"] = str(exc.retry_after_s)
        return response
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, session_token, httponly=True, samesite="lax", path="/",
                        secure=settings.cookie_secure, max_age=int(settings.session_hours * 3600))
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
async def logout(request: Request, user: User = Depends(officer), conn: psycopg.Connection = Depends(db)) -> Response:
    with writing(conn, user):
        accounts.log_out(conn, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _extent(conn: psycopg.Connection) -> list[float] | None:
    cached = _extent_cache.get("extent")
    if cached is not None and time.monotonic() - cached[0] < 60:
        return cached[1]
    row = conn.execute(query("web/extent")).fetchone()
    extent = None if row is None or row["xmin"] is None else [row["xmin"], row["ymin"], row["xmax"], row["ymax"]]
    _extent_cache["extent"] = (time.monotonic(), extent)
    return extent


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = Query("", max_length=search.MAX_QUERY),
                commune: str | None = Query(None, max_length=20), bbox: str | None = Query(None, max_length=100),
                user: User = Depends(current_user), conn: psycopg.Connection = Depends(read_db)) -> HTMLResponse:
    settings = request.app.state.web_settings
    found = None
    if q.strip() or bbox:
        found = search.search(conn, q, commune=commune, limit=settings.search_limit, bbox=search.parse_bbox(bbox))
    sheets = conn.execute(query("web/map_sheets")).fetchall()
    communes = sorted({(s["commune_code"], s["commune_name"] or s["commune_code"]) for s in sheets})
    return render(request, "search.html", {
        "user": user, "csrf": user.csrf_token, "q": q, "commune": commune or "", "bbox": bbox or "",
        "found": found, "communes": communes, "extent": _extent(conn),
    })


@router.get("/parcels/{parcel_id}", response_class=HTMLResponse)
def parcel_page(request: Request, parcel_id: int, user: User = Depends(current_user),
                conn: psycopg.Connection = Depends(read_db)) -> HTMLResponse:
    detail = parcels.parcel_detail(conn, parcel_id)
    return render(request, "parcel.html", {"user": user, "csrf": user.csrf_token, "d": detail,
                                           "extent": _extent(conn)})


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request, user: User = Depends(admin),
               conn: psycopg.Connection = Depends(db)) -> HTMLResponse:
    return render(request, "users.html", {"user": user, "csrf": user.csrf_token, "users": accounts.list_users(conn),
                                          "roles": accounts.ROLES, "new_token": None})


@router.post("/admin/users", response_class=HTMLResponse)
def users_add(request: Request, username: str = Form(..., max_length=100), role: str = Form(...),
              password: str = Form(..., max_length=1000), user: User = Depends(admin),
              conn: psycopg.Connection = Depends(db)) -> Response:
    with writing(conn, user):
        accounts.add_user(conn, username, role, password, created_by=user.username)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{username}/disable")
def users_disable(username: str, user: User = Depends(admin), conn: psycopg.Connection = Depends(db)) -> Response:
    with writing(conn, user):
        accounts.disable_user(conn, username)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{username}/token", response_class=HTMLResponse)
def users_token(request: Request, username: str, label: str = Form("", max_length=200), user: User = Depends(admin),
                conn: psycopg.Connection = Depends(db)) -> HTMLResponse:
    with writing(conn, user):
        token = accounts.new_token(conn, username, label or None)
    return render(request, "users.html", {"user": user, "csrf": user.csrf_token, "users": accounts.list_users(conn),
                                          "roles": accounts.ROLES, "new_token": {"username": username, "token": token}})
