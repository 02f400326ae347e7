"""``cert_area_words``: the area in figures vs the area written in words (bằng chữ) on the certificate.

>>> check_words(32.4, "Ba mươi hai phẩy bốn mét vuông", 0.05)
(0.0, 32.4, None)
>>> check_words(32.4, "Ba mươi hai mét vuông", 0.05)[:2]
(0.4, 32.0)
>>> check_words(32.4, "không đọc được", 0.05)[2] is not None
True
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from landdb.vietnamese import words_to_number
from qa.rules.base import Rule, bilingual, keys_text, num, vnum
from qa.sqlfiles import text


def check_words(area_m2: float, words: str, tolerance: float) -> tuple[float | None, float | None, str | None]:
    """(difference, value read from the words, error) — error is set when the words cannot be read."""
    try:
        value = words_to_number(words)
    except (ValueError, KeyError) as exc:
        return None, None, str(exc)
    return round(abs(value - area_m2), 6), value, None


def evaluate(conn: psycopg.Connection, params: Mapping[str, Any], commune: str | None) -> Iterator[dict[str, Any]]:
    tolerance = float(params["cert_area_words_tolerance_m2"])
    for row in conn.execute(text("cert_area_words_rows"), {"commune": commune}).fetchall():
        if row["area_m2"] is None:
            continue
        diff, value, error = check_words(row["area_m2"], row["area_words"], tolerance)
        if error is None and diff <= tolerance:
            continue
        yield {
            "parcel_ids": [row["parcel_id"]] if row["parcel_id"] else [], "parcel_keys": [row["pkey"]],
            "commune_code": row["commune_code"], "measure": diff, "threshold": tolerance, "unit": "m²",
            "details": Jsonb({"certificate_id": row["certificate_id"], "certificate_parcel_id": row["id"],
                              "area_m2": row["area_m2"], "area_words": row["area_words"], "words_value": value,
                              "error": error}),
            "geom": row["geom"], "spot": f"cp:{row['id']}",
        }


def explain(f: Mapping[str, Any]) -> str:
    d, key = f["details"], keys_text(f["parcel_keys"])
    cert, words = d.get("certificate_id"), d.get("area_words")
    if d.get("error"):
        return bilingual(f"Giấy chứng nhận #{cert} (thửa {key}): không đọc được diện tích bằng chữ {words!r}.",
                         f"Certificate #{cert} (parcel {key}): the area in words {words!r} cannot be read.")
    return bilingual(
        f"Giấy chứng nhận #{cert} (thửa {key}): diện tích bằng số {vnum(d.get('area_m2'))} m² nhưng bằng chữ "
        f"{words!r} = {vnum(d.get('words_value'))} m² (lệch {vnum(f['measure'])} m²).",
        f"Certificate #{cert} (parcel {key}): area {num(d.get('area_m2'))} m² in figures but {words!r} = "
        f"{num(d.get('words_value'))} m² in words (off by {num(f['measure'])} m²).")


RULE = Rule(
    id="cert_area_words", severity="error", target="certificate",
    description_vi="Diện tích bằng số khác diện tích bằng chữ trên giấy chứng nhận",
    description_en="Area in figures differs from the area in words on the certificate",
    explain=explain, evaluate=evaluate, parameters=("cert_area_words_tolerance_m2",),
)
