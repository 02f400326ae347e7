"""The ASGI app: ``create_app()`` (``landdb serve`` runs it with uvicorn).

Routes are thin: each calls one library function (``web.search``, ``web.parcels``, ``web.accounts``,
``web.tiles``, ``web.scans``) whose SQL lives in ``sql/queries/web/``. One handler turns every landdb error into
a response: JSON ``{"error": code, "message": …}`` under ``/api`` and ``/tiles``; a page elsewhere, and the
log-in page for a browser that is not logged in.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from landdb import __version__
from landdb.errors import LanddbError
from web.errors import NotAuthenticated, RateLimited
from web.settings import WebSettings, get_web_settings
from web.static_files import PrecompressedStaticFiles

WEB_DIR = Path(__file__).resolve().parent


def create_app(settings: WebSettings | None = None) -> FastAPI:
    from web.routes import api, exports, ogcapi, pages, review, vbdlis, verify

    settings = settings or get_web_settings()
    app = FastAPI(title="landdb", version=__version__, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.web_settings = settings
    app.mount("/static", PrecompressedStaticFiles(directory=WEB_DIR / "static"), name="static")
    app.include_router(api.router)
    app.include_router(vbdlis.router)
    app.include_router(pages.router)
    app.include_router(review.router)
    app.include_router(exports.router)
    app.include_router(verify.router)
    app.include_router(ogcapi.router)
    app.add_exception_handler(LanddbError, _landdb_error)
    app.middleware("http")(_security_headers(settings))
    return app


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith(("/api/", "/tiles/", "/ogcapi")) or path == "/api"


async def _landdb_error(request: Request, exc: LanddbError) -> Response:
    headers = {}
    if isinstance(exc, RateLimited):
        headers["Retry-After"] = str(exc.retry_after_s)
    if _wants_json(request):
        if isinstance(exc, NotAuthenticated):
            headers["WWW-Authenticate"] = 'Bearer realm="landdb"'
        return JSONResponse({"error": exc.code, "message": str(exc)}, status_code=exc.http_status, headers=headers)
    if isinstance(exc, NotAuthenticated) and request.url.path != "/login":
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    from web.routes.pages import render

    return render(request, "error.html", {"status": exc.http_status, "message": str(exc)},
                  status_code=exc.http_status, headers=headers)


def _security_headers(settings: WebSettings):
    extra = ""
    if settings.base_map_url:
        parts = urlsplit(settings.base_map_url.replace("{", "").replace("}", ""))
        extra = f" {parts.scheme}://{parts.netloc}"
    policy = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
              f"img-src 'self' data: blob:{extra}; connect-src 'self'{extra}; worker-src 'self' blob:; "
              "child-src blob:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'")

    async def add_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if not request.url.path.startswith(("/static/", "/tiles/")):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    return add_headers
