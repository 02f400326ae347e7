"""The public certificate check: is the GCN with this serial (số phát hành) the current one for its parcel?

Anyone may ask (no log-in), so the answer holds no personal data: the state, the parcel key and the commune.
The input is a serial (``AB 02393494``) or the QR payload printed on the 2024 form (``GCN|serial|commune/sheet/
parcel``). Requests are counted per client address in the database (``verify_request``), so the limit holds
across server processes the way the log-in limit does.

>>> read_serial("ab 0239 3494"), read_serial("GCN|AB 02393494|26893/2/210")
('AB02393494', 'AB02393494')
"""

from __future__ import annotations

import re
from typing import Any

import psycopg

from landdb.sql import query
from landdb.vietnamese import nfc
from web.errors import BadRequest, RateLimited

MAX_PER_WINDOW = 30
WINDOW_SECONDS = 600
_SERIAL = re.compile(r"^[A-Z]{1,3}\d{5,10}$")

ANSWERS = {
    "current": "còn hiệu lực: giấy chứng nhận mới nhất của thửa đất này trong cơ sở dữ liệu",
    "superseded": "đã được thay thế bằng giấy chứng nhận mới hơn",
    "unknown": "không có trong cơ sở dữ liệu này",
}


def read_serial(text: str | None) -> str:
    """The serial in ``text`` (a serial or a 2024 QR payload), upper case without spaces; BadRequest if none."""
    text = nfc((text or "").replace("\x00", "")).strip()
    if not text:
        raise BadRequest("give the certificate's serial (số phát hành), e.g. AB 02393494, or its QR text")
    if len(text) > 300:
        raise BadRequest("the serial or QR text is longer than 300 characters")
    if "|" in text:
        parts = [p.strip() for p in text.split("|")]
        if len(parts) < 2 or parts[0].upper() != "GCN":
            raise BadRequest("a certificate QR text reads GCN|serial|commune/sheet/parcel")
        text = parts[1]
    serial = re.sub(r"[\s.\-]", "", text).upper()
    if not _SERIAL.match(serial):
        raise BadRequest(f"{text[:40]!r} is not a certificate serial (two letters and digits, e.g. AB 02393494)")
    return serial


def check_rate(conn: psycopg.Connection, address: str, *, limit: int = MAX_PER_WINDOW,
               window_s: int = WINDOW_SECONDS) -> None:
    """Count this request from ``address``; RateLimited when it has asked ``limit`` times within the window."""
    used = conn.execute(query("export/verify_count"), {"address": address, "window": window_s}).fetchone()
    if (used["n"] if isinstance(used, dict) else used[0]) >= limit:
        raise RateLimited(f"too many certificate checks from this address; try again in {window_s // 60} minutes",
                          retry_after_s=window_s)
    with conn.transaction():
        conn.execute(query("export/verify_record"), {"address": address})


def verify(conn: psycopg.Connection, text: str | None) -> dict[str, Any]:
    """``{"status": current|superseded|unknown, "message", "serial", "parcel", "commune", "superseded_on"}``."""
    serial = read_serial(text)
    row = conn.execute(query("export/verify_serial"), {"serial": serial}).fetchone()
    if row is None:
        return {"status": "unknown", "message": ANSWERS["unknown"], "serial": serial}
    status = "superseded" if row["superseded_on"] is not None else "current"
    answer = {
        "status": status, "message": ANSWERS[status], "serial": row["serial"],
        "parcel": {"commune_code": row["commune_code"], "sheet_no": row["sheet_no"], "parcel_no": row["parcel_no"]},
        "commune": row["commune_name"] or row["commune_code"],
    }
    if status == "superseded":
        answer["superseded_on"] = row["superseded_on"].isoformat()
        answer["message"] = f"{ANSWERS['superseded']} ngày {row['superseded_on']:%d/%m/%Y}"
    return answer
