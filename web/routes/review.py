"""The reviewers' workbench: the queue (``/review``), one item (``/review/{id}``) and their JSON API
(``/api/review/*``). Reading needs the reviewer role, and so does every decision; retracting a certificate
needs an admin. A stale decision gets 409 with the other person's change."""

from __future__ import annotations

from typing import Any

import psycopg
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel

from landdb.settings import get_settings
from web import review, review_decide
from web.accounts import User
from web.auth import admin, db, reviewer, writing

router = APIRouter()


class Decision(BaseModel):
    action: str
    version: int
    value: Any = None
    reason: str | None = None


class Retraction(BaseModel):
    version: int
    reason: str


@router.get("/api/review/tasks")
def api_tasks(status: str = Query("open", max_length=10), kind: str | None = Query(None, max_length=10),
              rule: str | None = Query(None, max_length=60), commune: str | None = Query(None, max_length=20),
              run: int | None = Query(None, ge=1), limit: int = Query(200, ge=1, le=2000),
              user: User = Depends(reviewer), conn: psycopg.Connection = Depends(db)) -> dict[str, Any]:
    return review.queue(conn, status=status, kind=kind or None, rule=rule, commune=commune, run=run, limit=limit)


@router.get("/api/review/tasks/{item_id}")
def api_task(item_id: str, user: User = Depends(reviewer), conn: psycopg.Connection = Depends(db)) -> dict[str, Any]:
    return review.item(conn, item_id)


@router.post("/api/review/tasks/{item_id}", response_model=None)
def api_decide(item_id: str, body: Decision, user: User = Depends(reviewer),
               conn: psycopg.Connection = Depends(db)) -> dict[str, Any] | JSONResponse:
    actor = f"web:{user.username}"
    try:
        with writing(conn, user):
            result = review_decide.decide(conn, item_id, actor, body.action, body.version, body.value, body.reason)
    except review_decide.StaleItem as exc:
        return _stale(conn, exc)
    _rerun(conn, result.pop("rerun", None), actor)
    return result


@router.post("/api/review/certificates/{certificate_id}/retract", response_model=None)
def api_retract(certificate_id: int, body: Retraction, user: User = Depends(admin),
                conn: psycopg.Connection = Depends(db)) -> dict[str, Any] | JSONResponse:
    try:
        with writing(conn, user):
            return review_decide.retract(conn, certificate_id, f"web:{user.username}", body.version, body.reason)
    except review_decide.StaleItem as exc:
        return _stale(conn, exc)


def _stale(conn: psycopg.Connection, exc: review_decide.StaleItem) -> JSONResponse:
    change = review_decide.last_change(conn, exc)
    message = str(exc)
    if change:
        what = f"value {change['value']!r}, " if change.get("value") is not None else ""
        message = f"{change['by']} already decided this at {change['at'][:19]} ({what}{change['status']}). {message}"
    return JSONResponse({"error": "conflict", "message": message, "change": change}, status_code=409)


def _rerun(conn: psycopg.Connection, rerun: dict[str, Any] | None, actor: str) -> None:
    """After a correction: the links (for a parcel or vertex fix) and the certificate rules of the commune again, so
    the findings follow the corrected value. The map rules are left out: a certificate's value cannot change them."""
    if not rerun:
        return
    from geo.link import link_certificates
    from qa import rules
    from qa.runner import run_database

    if rerun.get("relink"):
        link_certificates(conn, commune=rerun.get("link_commune"), actor=actor)
    certificate_rules = [r.id for r in rules.RULES if r not in rules.MAP_RULES]
    run_database(commune=rerun.get("commune"), rule_ids=certificate_rules, actor=actor, settings=get_settings())


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, status: str = Query("open", max_length=10),
                kind: str | None = Query(None, max_length=10), rule: str | None = Query(None, max_length=60),
                commune: str | None = Query(None, max_length=20), run: int | None = Query(None, ge=1),
                user: User = Depends(reviewer), conn: psycopg.Connection = Depends(db)) -> HTMLResponse:
    from web.routes.pages import render

    found = review.queue(conn, status=status, kind=kind or None, rule=rule, commune=commune, run=run)
    return render(request, "review.html", {"user": user, "csrf": user.csrf_token, "found": found,
                                           "filters": {"status": status, "kind": kind or "", "rule": rule or "",
                                                       "commune": commune or "", "run": run or ""}})


@router.get("/review/{item_id}", response_class=HTMLResponse)
def review_item_page(request: Request, item_id: str, user: User = Depends(reviewer),
                     conn: psycopg.Connection = Depends(db)) -> HTMLResponse:
    from web.routes.pages import render

    detail = review.item(conn, item_id)
    return render(request, "review_item.html", {"user": user, "csrf": user.csrf_token, "d": detail})
