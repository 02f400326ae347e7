"""``xy_swapped``: coordinates that fit the zone only with X (northing) and Y (easting) swapped.

>>> explain({"parcel_keys": ["1/1"], "details": {"srid": 9210, "x_min": 1191842.0, "y_min": 603699.0}})
'Thửa 1/1: tọa độ X và Y bị đảo (E 1191842.00, N 603699.00 trong EPSG:9210). / Parcel 1/1: X and Y are swapped (easting 1191842.00, northing 603699.00 in EPSG:9210).'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, keys_text, num


def explain(f: Mapping[str, Any]) -> str:
    d, key = f["details"], keys_text(f["parcel_keys"])
    e, n, srid = num(d.get("x_min")), num(d.get("y_min")), d.get("srid")
    return bilingual(f"Thửa {key}: tọa độ X và Y bị đảo (E {e}, N {n} trong EPSG:{srid}).",
                     f"Parcel {key}: X and Y are swapped (easting {e}, northing {n} in EPSG:{srid}).")


RULE = Rule(
    id="xy_swapped", severity="error", target="map",
    description_vi="Tọa độ X (Bắc) và Y (Đông) bị đảo",
    description_en="X (northing) and Y (easting) swapped",
    explain=explain, parameters=("zone_ranges",),
)
