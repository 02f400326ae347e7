"""``cert_map_area``: area printed on the certificate vs the linked map parcel, beyond ΔP = k · M · √P.

>>> explain({"parcel_keys": ["1/5"], "measure": 6.0, "threshold": 2.0,
...          "details": {"certificate_id": 7, "certificate_area_m2": 100.0, "map_area_m2": 106.0}})
'Thửa 1/5: giấy chứng nhận #7 ghi 100,00 m², bản đồ đo 106,00 m², chênh 6,00 m² > cho phép 2,00 m². / Parcel 1/5: certificate #7 says 100.00 m², the map measures 106.00 m², a difference of 6.00 m² above the allowed 2.00 m².'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, keys_text, num, vnum


def explain(f: Mapping[str, Any]) -> str:
    d, key = f["details"], keys_text(f["parcel_keys"])
    cert = d.get("certificate_id")
    return bilingual(
        f"Thửa {key}: giấy chứng nhận #{cert} ghi {vnum(d.get('certificate_area_m2'))} m², bản đồ đo "
        f"{vnum(d.get('map_area_m2'))} m², chênh {vnum(f['measure'])} m² > cho phép {vnum(f['threshold'])} m².",
        f"Parcel {key}: certificate #{cert} says {num(d.get('certificate_area_m2'))} m², the map measures "
        f"{num(d.get('map_area_m2'))} m², a difference of {num(f['measure'])} m² above the allowed "
        f"{num(f['threshold'])} m².")


RULE = Rule(
    id="cert_map_area", severity="warning", target="certificate",
    description_vi="Diện tích trên giấy chứng nhận khác diện tích thửa trên bản đồ",
    description_en="Certificate area differs from the map parcel's area",
    explain=explain, parameters=("area_tolerance_k", "default_map_scale"),
)
