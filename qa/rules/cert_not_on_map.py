"""``cert_not_on_map``: a parcel printed on a certificate that the map does not have.

>>> explain({"parcel_keys": ["9/99"], "details": {"certificate_id": 4}})
'Giấy chứng nhận #4: thửa 9/99 không có trên bản đồ địa chính. / Certificate #4: parcel 9/99 is not on the cadastral map.'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, keys_text


def explain(f: Mapping[str, Any]) -> str:
    cert, key = f["details"].get("certificate_id"), keys_text(f["parcel_keys"])
    return bilingual(f"Giấy chứng nhận #{cert}: thửa {key} không có trên bản đồ địa chính.",
                     f"Certificate #{cert}: parcel {key} is not on the cadastral map.")


RULE = Rule(
    id="cert_not_on_map", severity="error", target="certificate",
    description_vi="Thửa trên giấy chứng nhận không có trên bản đồ",
    description_en="Certificate parcel not found on the map",
    explain=explain,
)
