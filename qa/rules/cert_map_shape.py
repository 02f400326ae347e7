"""``cert_map_shape``: the outline from the certificate's coordinate table vs the map parcel.

Compared by Hausdorff distance against the allowed point error of the map's scale (domain.md §4);
a certificate in another zone than the map is reported, never silently reprojected.

>>> explain({"parcel_keys": ["1/5"], "measure": 0.8, "threshold": 0.07, "details": {"certificate_id": 3}})
'Thửa 1/5: ranh thửa theo bảng tọa độ của giấy chứng nhận #3 lệch tới 0,80 m so với bản đồ (cho phép 0,07 m). / Parcel 1/5: the outline from the coordinate table of certificate #3 is up to 0.80 m away from the map (allowed 0.07 m).'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, keys_text, num, vnum


def explain(f: Mapping[str, Any]) -> str:
    d, key = f["details"], keys_text(f["parcel_keys"])
    cert = d.get("certificate_id")
    if f["measure"] is None:
        cs, ms = d.get("certificate_srid"), d.get("map_srid")
        return bilingual(f"Thửa {key}: giấy chứng nhận #{cert} ở hệ tọa độ EPSG:{cs}, bản đồ ở EPSG:{ms}; "
                         "không so sánh.",
                         f"Parcel {key}: certificate #{cert} is in EPSG:{cs} but the map in EPSG:{ms}; not compared.")
    return bilingual(
        f"Thửa {key}: ranh thửa theo bảng tọa độ của giấy chứng nhận #{cert} lệch tới {vnum(f['measure'])} m "
        f"so với bản đồ (cho phép {vnum(f['threshold'])} m).",
        f"Parcel {key}: the outline from the coordinate table of certificate #{cert} is up to "
        f"{num(f['measure'])} m away from the map (allowed {num(f['threshold'])} m).")


RULE = Rule(
    id="cert_map_shape", severity="warning", target="certificate",
    description_vi="Hình thửa theo giấy chứng nhận khác hình thửa trên bản đồ quá sai số",
    description_en="Certificate outline differs from the map parcel beyond the scale tolerance",
    explain=explain, parameters=("point_tolerance_m", "default_map_scale"),
)
