"""``overlap``: two parcels whose interiors overlap by more than ``overlap_min_area_m2``.

A parcel whose invalid geometry was repaired gets one finding for all the parcels its copy overlaps.

>>> explain({"parcel_keys": ["1/2", "1/3"], "measure": 0.5, "threshold": 0.01, "details": {}})
'Thửa 1/2 và thửa 1/3 chồng lấn nhau 0,50 m² (ngưỡng 0,01 m²). / Parcels 1/2 and 1/3 overlap by 0.50 m² (threshold 0.01 m²).'
>>> explain({"parcel_keys": ["1/2", "1/3", "1/4"], "measure": 2.0, "threshold": 0.01,
...          "details": {"repaired_parcel": "1/2"}}).split(" / ")[1]
'Parcel 1/2 (invalid geometry, repaired copy) overlaps 2 other parcels by 2.00 m² in all: 1/3, 1/4 (threshold 0.01 m²).'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, num, vnum


def explain(f: Mapping[str, Any]) -> str:
    if f["details"].get("repaired_parcel"):
        key, others = f["parcel_keys"][0], f["parcel_keys"][1:]
        listed = ", ".join(others[:10]) + (", …" if len(others) > 10 else "")
        return bilingual(
            f"Thửa {key} (hình học không hợp lệ, đã tự sửa) chồng lấn {vnum(f['measure'])} m² lên {len(others)} "
            f"thửa khác: {listed} (ngưỡng {vnum(f['threshold'])} m²).",
            f"Parcel {key} (invalid geometry, repaired copy) overlaps {len(others)} other parcels by "
            f"{num(f['measure'])} m² in all: {listed} (threshold {num(f['threshold'])} m²).")
    a, b = f["parcel_keys"]
    return bilingual(
        f"Thửa {a} và thửa {b} chồng lấn nhau {vnum(f['measure'])} m² (ngưỡng {vnum(f['threshold'])} m²).",
        f"Parcels {a} and {b} overlap by {num(f['measure'])} m² (threshold {num(f['threshold'])} m²).")


RULE = Rule(
    id="overlap", severity="error", target="map",
    description_vi="Hai thửa đất chồng lấn nhau quá diện tích cho phép",
    description_en="Two parcels overlap by more than the allowed area",
    explain=explain, parameters=("overlap_min_area_m2",),
)
