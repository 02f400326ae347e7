"""``spike``: a boundary that turns back on itself at a vertex (angle below ``spike_angle_max_deg``).

>>> explain({"parcel_keys": ["2/9"], "measure": 0.35, "threshold": 1.0,
...          "details": {"easting": 600001.5, "northing": 1191004.0}})
'Thửa 2/9: ranh thửa có gai tại E 600001,500 N 1191004,000 (góc 0,35° < 1,00°). / Parcel 2/9: its boundary has a spike at E 600001.500 N 1191004.000 (angle 0.35° < 1.00°).'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, keys_text, num, vnum


def explain(f: Mapping[str, Any]) -> str:
    d, key = f["details"], keys_text(f["parcel_keys"])
    e, n = d.get("easting"), d.get("northing")
    return bilingual(
        f"Thửa {key}: ranh thửa có gai tại E {vnum(e, 3)} N {vnum(n, 3)} "
        f"(góc {vnum(f['measure'])}° < {vnum(f['threshold'])}°).",
        f"Parcel {key}: its boundary has a spike at E {num(e, 3)} N {num(n, 3)} "
        f"(angle {num(f['measure'])}° < {num(f['threshold'])}°).")


RULE = Rule(
    id="spike", severity="warning", target="map",
    description_vi="Ranh thửa có gai (góc quá nhọn)",
    description_en="Spike on a parcel boundary (an angle too sharp)",
    explain=explain, parameters=("spike_angle_max_deg", "duplicate_vertex_m"),
)
