"""``geometry_empty``: a parcel without a geometry, or with an empty one.

>>> explain_empty({"parcel_keys": ["2/5"], "details": {"missing": True}})
'Thửa 2/5 không có hình học. / Parcel 2/5 has no geometry.'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, keys_text


def explain_empty(f: Mapping[str, Any]) -> str:
    key = keys_text(f["parcel_keys"])
    if f["details"].get("missing"):
        return bilingual(f"Thửa {key} không có hình học.", f"Parcel {key} has no geometry.")
    return bilingual(f"Thửa {key} có hình học rỗng.", f"Parcel {key} has an empty geometry.")


RULE = Rule(
    id="geometry_empty", severity="error", target="map",
    description_vi="Thửa đất không có hình học hoặc hình học rỗng",
    description_en="Parcel has no geometry or an empty one",
    explain=explain_empty,
)
