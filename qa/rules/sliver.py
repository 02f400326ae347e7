"""``sliver``: a thin parcel, area / perimeter² below ``sliver_ratio_max``.

>>> explain({"parcel_keys": ["3/12"], "measure": 0.0011, "threshold": 0.003,
...          "details": {"area_m2": 40.5, "perimeter_m": 192.0}})
'Thửa 3/12 quá hẹp: diện tích 40,50 m², chu vi 192,00 m, tỷ số A/P² = 0,0011 < 0,0030. / Parcel 3/12 is a sliver: area 40.50 m², perimeter 192.00 m, A/P² = 0.0011 < 0.0030.'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, keys_text, num, vnum


def explain(f: Mapping[str, Any]) -> str:
    d, key = f["details"], keys_text(f["parcel_keys"])
    ratio, limit = f["measure"], f["threshold"]
    return bilingual(
        f"Thửa {key} quá hẹp: diện tích {vnum(d.get('area_m2'))} m², chu vi {vnum(d.get('perimeter_m'))} m, "
        f"tỷ số A/P² = {vnum(ratio, 4)} < {vnum(limit, 4)}.",
        f"Parcel {key} is a sliver: area {num(d.get('area_m2'))} m², perimeter {num(d.get('perimeter_m'))} m, "
        f"A/P² = {num(ratio, 4)} < {num(limit, 4)}.")


RULE = Rule(
    id="sliver", severity="warning", target="map",
    description_vi="Thửa đất nhỏ và quá hẹp (diện tích / chu vi² nhỏ)",
    description_en="Sliver parcel (small, and area / perimeter² below the threshold)",
    explain=explain, parameters=("sliver_ratio_max", "sliver_area_max_m2", "sliver_exempt_land_uses"),
)
