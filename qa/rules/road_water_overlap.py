"""``road_water_overlap``: a parcel overlapping a road or water feature of its commune (``map_feature``, a map
file's feature layer: ``import-map --kind features``, land-use codes ``road_water_land_uses``). Parcels that are
roads or water themselves are not checked; a commune with no such feature is not checked and the run says so.

>>> explain({"parcel_keys": ["1/40"], "measure": 5.25, "threshold": 0.01,
...          "details": {"feature_land_use": "SON", "feature_name": "Rạch Bến Cát", "land_use": "ODT"}})
'Thửa 1/40 (ODT) lấn lên đất sông, ngòi, kênh, rạch, suối (SON) Rạch Bến Cát 5,25 m² (ngưỡng 0,01 m²). / Parcel 1/40 (ODT) overlaps the river or canal (SON) Rạch Bến Cát by 5.25 m² (threshold 0.01 m²).'
>>> explain({"parcel_keys": ["3/9"], "measure": 1.0, "threshold": 0.01,
...          "details": {"feature_land_use": "DGT", "feature_name": None, "land_use": None}}).split(" / ")[1]
'Parcel 3/9 overlaps the road (DGT) by 1.00 m² (threshold 0.01 m²).'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from landdb.landuse import CODES_2014
from qa.rules.base import Rule, bilingual, keys_text, num, vnum

KIND_EN = {"DGT": "road", "DTL": "irrigation canal", "SON": "river or canal", "MNC": "water surface"}


def explain(f: Mapping[str, Any]) -> str:
    d, key = f["details"], keys_text(f["parcel_keys"])
    code, name = d.get("feature_land_use") or "?", d.get("feature_name")
    use = f" ({d['land_use']})" if d.get("land_use") else ""
    named = f" {name}" if name else ""
    return bilingual(
        f"Thửa {key}{use} lấn lên {CODES_2014.get(code, code).lower()} ({code}){named} {vnum(f['measure'])} m² "
        f"(ngưỡng {vnum(f['threshold'])} m²).",
        f"Parcel {key}{use} overlaps the {KIND_EN.get(code, 'feature')} ({code}){named} by {num(f['measure'])} m² "
        f"(threshold {num(f['threshold'])} m²).")


RULE = Rule(
    id="road_water_overlap", severity="error", target="map",
    description_vi="Thửa đất lấn lên đường giao thông, kênh mương, sông rạch hoặc mặt nước",
    description_en="Parcel overlapping a road, canal, river or water feature of the map (communes without such "
                   "features are not checked)",
    explain=explain, parameters=("road_water_overlap_min_area_m2", "road_water_land_uses"), coverage=True,
)
