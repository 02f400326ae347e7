"""``out_of_zone``: coordinates outside the plausible range of the parcel's VN-2000 zone (domain.md §3).

>>> explain({"parcel_keys": ["1/1"], "measure": 700.0, "details": {"srid": 5897}})
'Thửa 1/1: tọa độ nằm ngoài phạm vi hợp lý của múi chiếu EPSG:5897, lệch 700,00 m. / Parcel 1/1: coordinates lie 700.00 m outside the plausible range of zone EPSG:5897.'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, keys_text, num, vnum


def explain(f: Mapping[str, Any]) -> str:
    srid, key = f["details"].get("srid"), keys_text(f["parcel_keys"])
    return bilingual(
        f"Thửa {key}: tọa độ nằm ngoài phạm vi hợp lý của múi chiếu EPSG:{srid}, lệch {vnum(f['measure'])} m.",
        f"Parcel {key}: coordinates lie {num(f['measure'])} m outside the plausible range of zone EPSG:{srid}.")


RULE = Rule(
    id="out_of_zone", severity="error", target="map",
    description_vi="Tọa độ nằm ngoài phạm vi hợp lý của múi chiếu",
    description_en="Coordinates outside the plausible range of the zone",
    explain=explain, parameters=("zone_ranges",),
)
