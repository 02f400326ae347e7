"""``/api/export/vbdlis.xlsx?commune=C&parcel_class=Loại N``: the VBDLIS import workbook of one commune for officers
(the same export and checks as ``landdb export vbdlis``; ``without_certificate=true`` for the map parcels no current
certificate claims, ``id_state`` for columns BB/BE). Column AY's class is the office's: missing or malformed, 422 with
the reason. Problems found by the pre-import checks: 409 with every parcel and reason."""

from __future__ import annotations

import psycopg
from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse, Response

from web.accounts import User
from web.auth import db, officer
from web.errors import BadRequest

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/api/export/vbdlis.xlsx")
def export_vbdlis(commune: str = Query(..., min_length=1, max_length=20),
                  parcel_class: str | None = Query(None, max_length=20),
                  id_state: str | None = Query(None, max_length=5), without_certificate: bool = Query(False),
                  user: User = Depends(officer), conn: psycopg.Connection = Depends(db)) -> Response:
    from geo.names import require_commune
    from landdb.export import vbdlis, vbdlis_uncertified
    from landdb.export.vbdlis_workbook import to_bytes

    code = require_commune(conn, commune)
    if without_certificate:
        if id_state:
            raise BadRequest("id_state does not apply with without_certificate (no ID papers)")
        result = vbdlis_uncertified.build(conn, code, parcel_class=parcel_class)
    else:
        result = vbdlis.build(conn, code, parcel_class=parcel_class, id_state=id_state or None)
    if result.problems or not result.rows:
        problems = [{"parcel": p.parcel, "reason": p.reason} for p in result.problems]
        message = str(vbdlis.ExportBlocked(result.problems)) if problems else f"nothing to export in commune {code}"
        return JSONResponse({"error": message, "problems": problems, "notes": result.notes}, status_code=409)
    name = f"vbdlis-{code}{'-chuacogiay' if without_certificate else ''}.xlsx"
    return Response(to_bytes(result.rows), media_type=XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
