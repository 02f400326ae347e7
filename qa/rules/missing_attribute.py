"""``missing_attribute``: sheet no., parcel no., declared area or land use missing.

>>> explain({"parcel_keys": ["3/?"], "details": {"missing": ["parcel_no", "land_use"]}})
'Thửa 3/? thiếu thông tin: số thửa, loại đất. / Parcel 3/? is missing: parcel number, land use.'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, keys_text

FIELDS = {
    "sheet_no": ("số tờ bản đồ", "sheet number"),
    "parcel_no": ("số thửa", "parcel number"),
    "declared_area_m2": ("diện tích", "declared area"),
    "land_use": ("loại đất", "land use"),
}


def explain(f: Mapping[str, Any]) -> str:
    missing = f["details"].get("missing", [])
    key = keys_text(f["parcel_keys"])
    return bilingual(f"Thửa {key} thiếu thông tin: {', '.join(FIELDS.get(m, (m, m))[0] for m in missing)}.",
                     f"Parcel {key} is missing: {', '.join(FIELDS.get(m, (m, m))[1] for m in missing)}.")


RULE = Rule(
    id="missing_attribute", severity="warning", target="map",
    description_vi="Thiếu thông tin bắt buộc của thửa (số tờ, số thửa, diện tích, loại đất)",
    description_en="Required parcel attribute missing (sheet, parcel number, area, land use)",
    explain=explain,
)
