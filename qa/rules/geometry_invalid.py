"""``geometry_invalid``: the reason and location GEOS gives (ST_IsValidDetail), or why it cannot be read.

>>> explain_invalid({"parcel_keys": ["3/12"], "details": {"reason": "Self-intersection", "x": 1.0, "y": 2.0}})
'Thửa 3/12: hình học không hợp lệ (tự cắt) tại E 1.00 N 2.00. / Parcel 3/12: invalid geometry (Self-intersection) at E 1.00 N 2.00.'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, keys_text, num

REASONS_VI = {
    "self-intersection": "tự cắt",
    "ring self-intersection": "vòng ranh tự cắt",
    "nested shells": "các vùng lồng nhau",
    "nested holes": "các lỗ lồng nhau",
    "too few points": "quá ít điểm",
    "hole lies outside shell": "lỗ nằm ngoài vùng",
    "interior is disconnected": "phần trong bị chia cắt",
    "duplicate rings": "vòng ranh trùng lặp",
    "invalid coordinate": "tọa độ không hợp lệ",
    "ring is not closed": "vòng ranh không khép kín",
}


def reason_vi(reason: str) -> str:
    """GEOS's reason in Vietnamese (the English reason when there is no translation).

    >>> reason_vi("Too few points in geometry component"), reason_vi("Something new")
    ('quá ít điểm', 'Something new')
    """
    low = reason.lower()
    for en, vi in REASONS_VI.items():
        if low.startswith(en):
            return vi
    return reason


def explain_invalid(f: Mapping[str, Any]) -> str:
    d, key = f["details"], keys_text(f["parcel_keys"])
    reason = d.get("reason") or "?"
    if d.get("unreadable"):
        return bilingual(f"Thửa {key}: không đọc được hình học ({reason}); "
                         "các quy tắc khác không kiểm tra được thửa này.",
                         f"Parcel {key}: the geometry cannot be read ({reason}); other rules could not check it.")
    where = f" tại E {num(d.get('x'))} N {num(d.get('y'))}" if d.get("x") is not None else ""
    where_en = f" at E {num(d.get('x'))} N {num(d.get('y'))}" if d.get("x") is not None else ""
    vi = f"Thửa {key}: hình học không hợp lệ ({reason_vi(reason)}){where}."
    en = f"Parcel {key}: invalid geometry ({reason}){where_en}."
    if d.get("repair_failed"):
        vi += " Không tự sửa được; các quy tắc khác bỏ qua thửa này."
        en += " It could not be repaired automatically; other rules could not check it."
    return bilingual(vi, en)


RULE = Rule(
    id="geometry_invalid", severity="error", target="map",
    description_vi="Hình học thửa đất không hợp lệ (tự cắt, vùng lồng nhau, quá ít điểm…)",
    description_en="Parcel geometry is invalid (self-intersection, nested shells, too few points…)",
    explain=explain_invalid,
)
