"""``/api/export/vbdlis.xlsx?commune=C``: the VBDLIS import workbook of one commune for officers (the same export and
checks as ``landdb export vbdlis``). Problems found by the pre-import checks: 409 with every parcel and reason."""

from __future__ import annotations

import psycopg
from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse, Response

from web.accounts import User
from web.auth import db, officer

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/api/export/vbdlis.xlsx")
def export_vbdlis(commune: str = Query(..., min_length=1, max_length=20), user: User = Depends(officer),
                  conn: psycopg.Connection = Depends(db)) -> Response:
    from geo.names import require_commune
    from landdb.export import vbdlis
    from landdb.export.vbdlis_workbook import to_bytes

    code = require_commune(conn, commune)
    result = vbdlis.build(conn, code)
    if result.problems or not result.rows:
        problems = [{"parcel": p.parcel, "reason": p.reason} for p in result.problems]
        message = str(vbdlis.ExportBlocked(result.problems)) if problems else f"nothing to export in commune {code}"
        return JSONResponse({"error": message, "problems": problems}, status_code=409)
    return Response(to_bytes(result.rows), media_type=XLSX,
                    headers={"Content-Disposition": f'attachment; filename="vbdlis-{code}.xlsx"'})
