"""``parcel_without_certificate`` (informational): a map parcel of a commune whose digitisation is closed that
no current certificate is linked to.

>>> explain({"parcel_keys": ["7/31"], "details": {"land_use": "ODT", "closed_at": "2026-11-30T10:00:00+00:00"}})
"Thửa 7/31 (ODT) chưa có giấy chứng nhận nào sau khi xã đã số hóa xong (2026-11-30). / Parcel 7/31 (ODT) has no certificate although the commune's digitisation was closed (2026-11-30)."
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, keys_text


def explain(f: Mapping[str, Any]) -> str:
    d, key = f["details"], keys_text(f["parcel_keys"])
    use, closed = d.get("land_use") or "?", str(d.get("closed_at") or "")[:10]
    return bilingual(f"Thửa {key} ({use}) chưa có giấy chứng nhận nào sau khi xã đã số hóa xong ({closed}).",
                     f"Parcel {key} ({use}) has no certificate although the commune's digitisation was closed "
                     f"({closed}).")


RULE = Rule(
    id="parcel_without_certificate", severity="info", target="certificate",
    description_vi="Thửa chưa có giấy chứng nhận sau khi xã đã số hóa xong",
    description_en="Map parcel without a certificate after the commune's digitisation was closed",
    explain=explain, parameters=("uncertified_land_uses",),
)
