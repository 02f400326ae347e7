"""``duplicate_vertex``: two consecutive vertices of a boundary at the same spot (closer than ``duplicate_vertex_m``).

>>> explain({"parcel_keys": ["1/4"], "measure": 0.0, "threshold": 0.001,
...          "details": {"count": 2, "easting": 600010.0, "northing": 1191000.0}})
'Thửa 1/4: 2 đỉnh trùng nhau trên ranh thửa, đầu tiên tại E 600010,000 N 1191000,000. / Parcel 1/4: 2 repeated vertices on its boundary, the first at E 600010.000 N 1191000.000.'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, keys_text, num, vnum


def explain(f: Mapping[str, Any]) -> str:
    d, key = f["details"], keys_text(f["parcel_keys"])
    e, n, count = d.get("easting"), d.get("northing"), d.get("count")
    return bilingual(
        f"Thửa {key}: {count} đỉnh trùng nhau trên ranh thửa, đầu tiên tại E {vnum(e, 3)} N {vnum(n, 3)}.",
        f"Parcel {key}: {count} repeated vertices on its boundary, the first at E {num(e, 3)} N {num(n, 3)}.")


RULE = Rule(
    id="duplicate_vertex", severity="warning", target="map",
    description_vi="Đỉnh ranh thửa bị lặp",
    description_en="Repeated vertex on a parcel boundary",
    explain=explain, parameters=("duplicate_vertex_m",),
)
