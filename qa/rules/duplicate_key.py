"""``duplicate_key``: the same commune/sheet/parcel number more than once.

>>> explain({"parcel_keys": ["2/7", "2/7"], "measure": 2.0, "details": {}})
'Số thửa 2/7 xuất hiện 2 lần trên bản đồ. / Parcel number 2/7 (sheet/parcel) appears 2 times on the map.'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual


def explain(f: Mapping[str, Any]) -> str:
    key, times = f["parcel_keys"][0], int(f["measure"])
    return bilingual(f"Số thửa {key} xuất hiện {times} lần trên bản đồ.",
                     f"Parcel number {key} (sheet/parcel) appears {times} times on the map.")


RULE = Rule(
    id="duplicate_key", severity="error", target="map",
    description_vi="Trùng số hiệu thửa (xã, tờ, thửa)",
    description_en="Same commune/sheet/parcel number more than once",
    explain=explain,
)
