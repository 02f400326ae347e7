"""``land_use_code_unknown``: a land-use value that is no code of the 2014 or 2024 catalogue.

Old letter codes (``T``, ``2L``, ``ĐM``) and 2003-era codes are reported with their raw value.

>>> explain({"parcel_keys": ["1/9"], "details": {"raw": "2L"}})
"Thửa 1/9: mã loại đất '2L' không có trong danh mục 2014/2024. / Parcel 1/9: land-use code '2L' is not in the 2014 or 2024 catalogue."
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from landdb.landuse import CODES_2014, CODES_2024
from qa.rules.base import Rule, bilingual, keys_text

KNOWN_CODES: tuple[str, ...] = tuple(sorted(set(CODES_2014) | set(CODES_2024)))


def explain(f: Mapping[str, Any]) -> str:
    raw, key = f["details"].get("raw"), keys_text(f["parcel_keys"])
    return bilingual(f"Thửa {key}: mã loại đất {raw!r} không có trong danh mục 2014/2024.",
                     f"Parcel {key}: land-use code {raw!r} is not in the 2014 or 2024 catalogue.")


RULE = Rule(
    id="land_use_code_unknown", severity="warning", target="map",
    description_vi="Mã loại đất không có trong danh mục (giữ nguyên giá trị gốc)",
    description_en="Land-use code not in the catalogue of its era (raw value kept)",
    explain=explain, parameters=("known_land_use_codes",),
)
