"""The ASGI app: ``create_app()`` (``landdb serve`` runs it with uvicorn).

Routes are thin: each calls one library function (``web.search``, ``web.parcels``, ``web.accounts``,
``web.tiles``, ``web.scans``) whose SQL lives in ``sql/queries/web/``. One handler turns every landdb error into
a response: JSON ``{"error": code, "message": …}`` under ``/api`` and ``/tiles``; a page elsewhere, and the
log-in page for a browser that is not logged in.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from landdb import __version__
from landdb.errors import LanddbError
from web.errors import NotAuthenticated, RateLimited
from web.settings import WebSettings, get_web_settings
from web.static_files import PrecompressedStaticFiles

WEB_DIR = Path(__file__).resolve().parent


def create_app(settings: WebSettings | None = None) -> FastAPI:
    from web.routes import api, exports, ogcapi, pages, review, vbdlis, verify

    settings = settings or get_web_settings()
    app = FastAPI(title="landdb", version=__version__, docs_url=None, redoc_url=None, openapi_url=None,
                  lifespan=_lifespan)
    app.state.web_settings = settings
    app.state.async_read_pool = None
    app.router.routes[0:0] = api.hot_routes     # first: matched before every other route (web/routes/api.py)
    app.mount("/static", PrecompressedStaticFiles(directory=WEB_DIR / "static"), name="static")
    app.include_router(api.router)
    app.include_router(vbdlis.router)
    app.include_router(pages.router)
    app.include_router(review.router)
    app.include_router(exports.router)
    app.include_router(verify.router)
    app.include_router(ogcapi.router)
    app.add_exception_handler(LanddbError, _landdb_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_middleware(SecurityHeaders, settings=settings)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """The asyncio read pool of the hot routes (/api/search, /tiles), opened and closed in the server's event loop.
    Without a lifespan (a test client used outside ``with``) those routes take the thread-pool path instead."""
    from landdb.db import async_read_pool

    pool = async_read_pool()
    await pool.open(wait=False)
    app.state.async_read_pool = pool
    try:
        yield
    finally:
        app.state.async_read_pool = None
        await pool.close()


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


# what a person sees for the HTTP errors the framework raises itself (a mistyped address, a form sent to a page)
HTTP_MESSAGES = {404: "Không có trang này. / No such page.",
                 405: "Trang này không nhận thao tác đó. / Method not allowed here."}


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """A browser gets the app's own error page; ``/api``, ``/tiles`` and ``/ogcapi`` keep the framework's JSON."""
    if _wants_json(request) or exc.status_code not in HTTP_MESSAGES:
        return await http_exception_handler(request, exc)
    from web.routes.pages import render

    return render(request, "error.html", {"status": exc.status_code, "message": HTTP_MESSAGES[exc.status_code]},
                  status_code=exc.status_code, headers=getattr(exc, "headers", None))


class SecurityHeaders:
    """Headers every response carries unless it set them itself (CSP, nosniff, referrer, frames; ``no-store`` but
    for static files and tiles). Plain ASGI: Starlette's ``BaseHTTPMiddleware`` (``app.middleware("http")``)
    runs each request in a task of its own behind memory streams, a fixed cost on every request."""

    def __init__(self, app, settings: WebSettings) -> None:
        self.app = app
        extra = ""
        if settings.base_map_url:
            parts = urlsplit(settings.base_map_url.replace("{", "").replace("}", ""))
            extra = f" {parts.scheme}://{parts.netloc}"
        policy = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                  f"img-src 'self' data: blob:{extra}; connect-src 'self'{extra}; worker-src 'self' blob:; "
                  "child-src blob:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'")
        self.always = [(b"content-security-policy", policy.encode()), (b"x-content-type-options", b"nosniff"),
                       (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]
        self.private = [*self.always, (b"cache-control", b"no-store")]

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.always if scope["path"].startswith(("/static/", "/tiles/")) else self.private

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in extra if name not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
