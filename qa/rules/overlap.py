"""``overlap``: two parcels whose interiors overlap by more than ``overlap_min_area_m2``.

A parcel whose invalid geometry was repaired gets one finding for all the parcels its copy overlaps.

>>> explain({"parcel_keys": ["1/2", "1/3"], "measure": 0.5, "threshold": 0.01, "details": {}})
'Thửa 1/2 và thửa 1/3 chồng lấn nhau 0,50 m² (ngưỡng 0,01 m²). / Parcels 1/2 and 1/3 overlap by 0.50 m² (threshold 0.01 m²).'
>>> explain({"parcel_keys": ["1/2", "1/3", "1/4"], "measure": 2.0, "threshold": 0.01,
...          "details": {"repaired_parcel": "1/2", "valid_neighbours": ["1/3"], "invalid_neighbours": ["1/4"]}}
...         ).split(" / ")[1]
'Parcel 1/2 (invalid geometry, repaired copy) overlaps 1 valid parcels by 2.00 m² in all: 1/3 (threshold 0.01 m²) and overlaps 1 other invalid parcels: 1/4.'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, num, vnum


def _listed(keys: list[str], most: int = 10) -> str:
    return ", ".join(keys[:most]) + (", …" if len(keys) > most else "")


def explain(f: Mapping[str, Any]) -> str:
    d = f["details"]
    if d.get("repaired_parcel"):
        key, valid, invalid = d["repaired_parcel"], d.get("valid_neighbours", []), d.get("invalid_neighbours", [])
        vi, en = [f"Thửa {key} (hình học không hợp lệ, đã tự sửa)"], [f"Parcel {key} (invalid geometry, repaired copy)"]
        if valid:
            vi.append(f"chồng lấn {vnum(f['measure'])} m² lên {len(valid)} thửa {_listed(valid)} "
                      f"(ngưỡng {vnum(f['threshold'])} m²)")
            en.append(f"overlaps {len(valid)} valid parcels by {num(f['measure'])} m² in all: {_listed(valid)} "
                      f"(threshold {num(f['threshold'])} m²)")
        if invalid:
            vi.append(f"{'và ' if valid else ''}chồng lên {len(invalid)} thửa không hợp lệ khác: {_listed(invalid)}")
            en.append(f"{'and ' if valid else ''}overlaps {len(invalid)} other invalid parcels: {_listed(invalid)}")
        return bilingual(" ".join(vi) + ".", " ".join(en) + ".")
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
