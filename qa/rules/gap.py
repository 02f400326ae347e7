"""``gap``: an area inside the map covered by no parcel (roads and canals are parcels too).

The gaps are the holes of the union of all parcels, so the outer boundary is never a gap.

>>> explain({"parcel_keys": ["4/1", "4/2"], "measure": 3.2, "threshold": 0.01, "details": {"width_m": 0.15}})
'Khe hở 3,20 m² (rộng tới 0,15 m) giữa các thửa 4/1, 4/2 không thuộc thửa nào. / Gap of 3.20 m² (up to 0.15 m wide) covered by no parcel, next to parcels 4/1 and 4/2 (threshold 0.01 m²).'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, keys_text, num, vnum


def explain(f: Mapping[str, Any]) -> str:
    keys, width = f["parcel_keys"], f["details"].get("width_m")
    return bilingual(
        f"Khe hở {vnum(f['measure'])} m² (rộng tới {vnum(width)} m) giữa các thửa {', '.join(keys) or '?'} "
        "không thuộc thửa nào.",
        f"Gap of {num(f['measure'])} m² (up to {num(width)} m wide) covered by no parcel, next to parcels "
        f"{keys_text(keys)} (threshold {num(f['threshold'])} m²).")


RULE = Rule(
    id="gap", severity="error", target="map",
    description_vi="Khe hở giữa các thửa đất không thuộc thửa nào",
    description_en="Gap between parcels not covered by any parcel",
    explain=explain, parameters=("gap_min_area_m2", "gap_neighbours_max"), fingerprint_by_keys=False,
)
