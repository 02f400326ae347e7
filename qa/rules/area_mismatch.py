"""``area_mismatch``: declared area P vs the geometry beyond ΔP = k · M · √P (domain.md §4).

>>> explain({"parcel_keys": ["1/5"], "measure": 12.0, "threshold": 2.0,
...          "details": {"declared_m2": 100.0, "geometric_m2": 112.0, "scale": 500, "k": 0.0004}})
'Thửa 1/5: diện tích kê khai 100,00 m² khác diện tích đo trên bản đồ 112,00 m² là 12,00 m², vượt mức cho phép 2,00 m² (ΔP = 0.0004·500·√P). / Parcel 1/5: declared area 100.00 m² differs from the mapped area 112.00 m² by 12.00 m², more than the allowed 2.00 m² (ΔP = 0.0004·500·√P).'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, keys_text, num, vnum


def explain(f: Mapping[str, Any]) -> str:
    d, key = f["details"], keys_text(f["parcel_keys"])
    formula = f"ΔP = {d.get('k')}·{d.get('scale')}·√P"
    return bilingual(
        f"Thửa {key}: diện tích kê khai {vnum(d.get('declared_m2'))} m² khác diện tích đo trên bản đồ "
        f"{vnum(d.get('geometric_m2'))} m² là {vnum(f['measure'])} m², vượt mức cho phép "
        f"{vnum(f['threshold'])} m² ({formula}).",
        f"Parcel {key}: declared area {num(d.get('declared_m2'))} m² differs from the mapped area "
        f"{num(d.get('geometric_m2'))} m² by {num(f['measure'])} m², more than the allowed "
        f"{num(f['threshold'])} m² ({formula}).")


RULE = Rule(
    id="area_mismatch", severity="warning", target="map",
    description_vi="Diện tích kê khai khác diện tích hình học quá sai số cho phép",
    description_en="Declared area differs from the geometric area beyond the tolerance",
    explain=explain, parameters=("area_tolerance_k", "default_map_scale"),
)
