"""``cert_edge_mismatch``: a printed edge length that disagrees with the printed coordinates.

>>> explain({"parcel_keys": ["1/5"], "measure": 0.5, "threshold": 0.01,
...          "details": {"certificate_id": 3, "from_point": "2", "to_point": "3", "printed_m": 10.5, "computed_m": 10.0}})
'Giấy chứng nhận #3 (thửa 1/5): cạnh 2–3 ghi 10,50 m nhưng tính từ tọa độ được 10,00 m (lệch 0,50 m > 0,01 m). / Certificate #3 (parcel 1/5): edge 2–3 is printed 10.50 m but the coordinates give 10.00 m (off by 0.50 m > 0.01 m).'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, keys_text, num, vnum


def explain(f: Mapping[str, Any]) -> str:
    d, key = f["details"], keys_text(f["parcel_keys"])
    edge = f"{d.get('from_point')}–{d.get('to_point')}"
    cert = d.get("certificate_id")
    return bilingual(
        f"Giấy chứng nhận #{cert} (thửa {key}): cạnh {edge} ghi {vnum(d.get('printed_m'))} m nhưng tính từ tọa độ "
        f"được {vnum(d.get('computed_m'))} m (lệch {vnum(f['measure'])} m > {vnum(f['threshold'])} m).",
        f"Certificate #{cert} (parcel {key}): edge {edge} is printed {num(d.get('printed_m'))} m but the "
        f"coordinates give {num(d.get('computed_m'))} m (off by {num(f['measure'])} m > {num(f['threshold'])} m).")


RULE = Rule(
    id="cert_edge_mismatch", severity="warning", target="certificate",
    description_vi="Chiều dài cạnh ghi trên giấy chứng nhận khác với tính từ tọa độ",
    description_en="Printed edge length disagrees with the printed coordinates",
    explain=explain, parameters=("edge_tolerance_m", "printed_rounding_m"),
)
