"""``owner_id_names``: one ID number (CCCD/CMND) under different names across the current certificates.

>>> explain({"parcel_keys": ["1/2", "4/7"], "measure": 2,
...          "details": {"id_number": "079203001234", "names": ["NGUYỄN VĂN AN", "NGUYỄN VĂN ANH"],
...                      "certificate_ids": [3, 8]}})
'Số giấy tờ 079203001234 mang 2 tên khác nhau (NGUYỄN VĂN AN, NGUYỄN VĂN ANH) trên các giấy chứng nhận #3, #8 (thửa 1/2 và 4/7). / ID number 079203001234 appears under 2 different names (NGUYỄN VĂN AN, NGUYỄN VĂN ANH) on certificates #3, #8 (parcels 1/2 and 4/7).'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, keys_text


def explain(f: Mapping[str, Any]) -> str:
    d = f["details"]
    names = ", ".join(sorted(d.get("names") or []))
    certs = ", ".join(f"#{c}" for c in sorted(d.get("certificate_ids") or []))
    count, keys_vi, keys_en = int(f["measure"]), keys_text(f["parcel_keys"], " và "), keys_text(f["parcel_keys"])
    return bilingual(
        f"Số giấy tờ {d.get('id_number')} mang {count} tên khác nhau ({names}) trên các giấy chứng nhận {certs} "
        f"(thửa {keys_vi}).",
        f"ID number {d.get('id_number')} appears under {count} different names ({names}) on certificates {certs} "
        f"(parcels {keys_en}).")


RULE = Rule(
    id="owner_id_names", severity="error", target="certificate",
    description_vi="Cùng số CCCD/CMND nhưng khác tên chủ sử dụng",
    description_en="The same CCCD/CMND number under different owners' names",
    explain=explain, fingerprint_by_keys=False,
)
