"""``parcel_many_certificates``: a map parcel that more than one current certificate is linked to.

>>> explain({"parcel_keys": ["5/20"], "measure": 2, "details": {"certificate_ids": [4, 9], "serials": ["CĐ 1", "CĐ 2"]}})
'Thửa 5/20 có 2 giấy chứng nhận còn hiệu lực (#4, #9). / Parcel 5/20 has 2 current certificates (#4, #9).'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, keys_text


def explain(f: Mapping[str, Any]) -> str:
    key, count = keys_text(f["parcel_keys"]), int(f["measure"])
    certs = ", ".join(f"#{c}" for c in sorted(f["details"].get("certificate_ids") or []))
    return bilingual(f"Thửa {key} có {count} giấy chứng nhận còn hiệu lực ({certs}).",
                     f"Parcel {key} has {count} current certificates ({certs}).")


RULE = Rule(
    id="parcel_many_certificates", severity="error", target="certificate",
    description_vi="Một thửa có nhiều giấy chứng nhận còn hiệu lực",
    description_en="A parcel with more than one current certificate",
    explain=explain,
)
