"""Errors of the web app, under landdb's one root so the app's single handler turns them into responses."""

from __future__ import annotations

from landdb.errors import LanddbError


class NotAuthenticated(LanddbError, PermissionError):
    """No valid session or token: the log-in page for a browser, 401 for the API."""

    http_status = 401
    code = "not_authenticated"


class Forbidden(LanddbError, PermissionError):
    """Logged in, but the role does not allow this (e.g. an officer's write)."""

    http_status = 403
    code = "forbidden"


class CsrfError(Forbidden):
    """A state-changing request from a browser session without the session's CSRF token."""

    code = "csrf"


class RateLimited(LanddbError, PermissionError):
    """Too many failed log-ins for this user name or address; try again later."""

    http_status = 429
    code = "rate_limited"

    def __init__(self, message: str, retry_after_s: int) -> None:
        self.retry_after_s = retry_after_s
        super().__init__(message)


class BadRequest(LanddbError, ValueError):
    """A parameter the client sent cannot be used (the message says which and why)."""

    http_status = 400
    code = "bad_request"
