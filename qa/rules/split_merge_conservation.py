"""``split_merge_conservation``: a split or merge must keep the outer boundary and the total area (0.1 %).

>>> explain({"parcel_keys": ["1/5", "1/50", "1/51"], "measure": 0.02, "threshold": 0.001,
...          "details": {"event": "BD-7", "before": ["1/5"], "after": ["1/50", "1/51"],
...                      "area_before_m2": 200.0, "area_after_m2": 204.0}})
'Biến động BD-7: tách/hợp thửa 1/5 → 1/50, 1/51 làm thay đổi ranh ngoài/diện tích 2,00 % (200,00 → 204,00 m², cho phép 0,10 %). / Change BD-7: split/merge 1/5 → 1/50, 1/51 changes the outer boundary/area by 2.00 % (200.00 → 204.00 m², allowed 0.10 %).'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, num, vnum


def explain(f: Mapping[str, Any]) -> str:
    d = f["details"]
    before, after = ", ".join(d.get("before", [])), ", ".join(d.get("after", []))
    pct, allowed = 100 * (f["measure"] or 0), 100 * (f["threshold"] or 0)
    a0, a1 = d.get("area_before_m2"), d.get("area_after_m2")
    return bilingual(
        f"Biến động {d.get('event')}: tách/hợp thửa {before} → {after} làm thay đổi ranh ngoài/diện tích "
        f"{vnum(pct)} % ({vnum(a0)} → {vnum(a1)} m², cho phép {vnum(allowed)} %).",
        f"Change {d.get('event')}: split/merge {before} → {after} changes the outer boundary/area by "
        f"{num(pct)} % ({num(a0)} → {num(a1)} m², allowed {num(allowed)} %).")


RULE = Rule(
    id="split_merge_conservation", severity="error", target="change",
    description_vi="Tách/hợp thửa phải bảo toàn ranh ngoài và tổng diện tích (0,1 %)",
    description_en="A split or merge must conserve the outer boundary and total area (0.1 %)",
    explain=explain, parameters=("split_merge_tolerance",),
)
