"""``cert_id_inconsistent``: a holder's CCCD disagrees with their title (Ông/Bà) or birth year.

>>> explain({"parcel_keys": ["1/5"], "details": {"certificate_id": 2, "name": "NGUYỄN VĂN AN",
...          "problems": ["CCCD 079175001234 says female (4th digit 1) but the title is 'Ông'"]}})
"Giấy chứng nhận #2 (thửa 1/5): số CCCD của NGUYỄN VĂN AN không khớp: CCCD 079175001234 says female (4th digit 1) but the title is 'Ông'. / Certificate #2 (parcel 1/5): the CCCD of NGUYỄN VĂN AN is inconsistent: CCCD 079175001234 says female (4th digit 1) but the title is 'Ông'."
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from landdb.ids import cccd_problems
from qa.rules.base import Rule, bilingual, keys_text
from qa.sqlfiles import text


def evaluate(conn: psycopg.Connection, params: Mapping[str, Any], commune: str | None) -> Iterator[dict[str, Any]]:
    for row in conn.execute(text("cert_id_rows"), {"commune": commune}).fetchall():
        problems = cccd_problems(row["id_number"], title=row["title"], birth_year=row["birth_year"])
        if not problems:
            continue
        yield {
            "parcel_ids": [row["parcel_id"]] if row["parcel_id"] else [], "parcel_keys": [row["pkey"] or "?/?"],
            "commune_code": row["commune_code"], "measure": float(len(problems)), "threshold": 0.0,
            "unit": "problems",
            "details": Jsonb({"certificate_id": row["certificate_id"], "party_id": row["party_id"],
                              "name": row["name"], "id_number": row["id_number"], "problems": problems}),
            "geom": row["geom"], "spot": f"cert:{row['certificate_id']}:party:{row['party_id']}",
        }


def explain(f: Mapping[str, Any]) -> str:
    d, key = f["details"], keys_text(f["parcel_keys"])
    cert, name, problems = d.get("certificate_id"), d.get("name"), "; ".join(d.get("problems", []))
    return bilingual(f"Giấy chứng nhận #{cert} (thửa {key}): số CCCD của {name} không khớp: {problems}.",
                     f"Certificate #{cert} (parcel {key}): the CCCD of {name} is inconsistent: {problems}.")


RULE = Rule(
    id="cert_id_inconsistent", severity="warning", target="certificate",
    description_vi="Số CCCD không khớp với danh xưng (Ông/Bà) hoặc năm sinh",
    description_en="CCCD disagrees with the holder's title or birth year",
    explain=explain, evaluate=evaluate,
)
