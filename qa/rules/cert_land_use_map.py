"""``cert_land_use_map``: the map parcel's land-use code is none of the land uses on its certificate.

>>> explain({"parcel_keys": ["3/6"], "details": {"certificate_id": 2, "map_code": "TMD",
...          "certificate_codes": ["CLN", "ODT"], "certificate_total_m2": 121.8}})
'Thửa 3/6: bản đồ ghi loại đất TMD, giấy chứng nhận #2 ghi CLN, ODT (tổng 121,80 m², 0 m² đất TMD). / Parcel 3/6: the map says land use TMD, certificate #2 lists CLN, ODT (121.80 m² in all, 0 m² of TMD).'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, keys_text, num, vnum


def explain(f: Mapping[str, Any]) -> str:
    d, key = f["details"], keys_text(f["parcel_keys"])
    codes, code, total = ", ".join(d.get("certificate_codes") or []), d.get("map_code"), d.get("certificate_total_m2")
    cert = d.get("certificate_id")
    return bilingual(
        f"Thửa {key}: bản đồ ghi loại đất {code}, giấy chứng nhận #{cert} ghi {codes} "
        f"(tổng {vnum(total)} m², 0 m² đất {code}).",
        f"Parcel {key}: the map says land use {code}, certificate #{cert} lists {codes} "
        f"({num(total)} m² in all, 0 m² of {code}).")


RULE = Rule(
    id="cert_land_use_map", severity="warning", target="certificate",
    description_vi="Loại đất trên bản đồ không có trong giấy chứng nhận",
    description_en="The map's land-use code is not among the certificate's land uses",
    explain=explain,
)
