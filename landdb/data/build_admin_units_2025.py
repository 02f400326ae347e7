"""Rebuild ``admin_units_2025_hcmc.json`` from the data of the ``vietnamadminunits`` package (MIT, Hieu Tran,
https://github.com/tranngocminhhieu/vietnamadminunits): its ``data/dataset.db`` (names and codes of the 63-province
and 34-province units) and ``data/converter_2025.json`` (which former wards went whole into which new one, and which
were divided). Only the data is used, never the package's converter: for a divided ward it picks a "default" new
ward or geocodes the address online, i.e. it guesses; landdb lets the parcel's geometry decide or asks a reviewer.

    pip download --no-deps vietnamadminunits==1.0.4 -d /tmp/vau && cd /tmp/vau && unzip -q *.whl
    python landdb/data/build_admin_units_2025.py /tmp/vau/vietnamadminunits/data \
        > landdb/data/admin_units_2025_hcmc.json
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

PROVINCES = {"thanhphohochiminh": "thanhphohochiminh", "tinhbinhduong": "thanhphohochiminh",
             "tinhbariavungtau": "thanhphohochiminh"}   # former province key -> today's (Nghị quyết 202/2025)


def build(data_dir: Path) -> dict:
    db = sqlite3.connect(data_dir / "dataset.db")
    converter = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))
    former = {}
    for row in db.execute("select province, district, ward, wardCode, districtCode, provinceCode, provinceKey, "
                          "districtKey, wardKey from admin_units_legacy where provinceKey in (?, ?, ?)",
                          tuple(PROVINCES)):
        province, district, ward, code, dcode, pcode, pkey, dkey, wkey = row
        # a district without wards (Côn Đảo) is its own unit, under its district code
        former[f"{pkey}_{dkey}_{wkey or ''}"] = {
            "code": code or dcode, "ward": ward, "district": district, "province": province,
            "district_code": dcode, "province_code": pcode, "successors": []}
    current = {}
    for province, ward, code, _pkey, wkey in db.execute(
            "select province, ward, wardCode, provinceKey, wardKey from admin_units where provinceKey = ?",
            ("thanhphohochiminh",)):
        current[wkey] = {"code": code, "name": ward, "province": province}
    whole = converter["DICT_PROVINCE_WARD_NO_DIVIDED"]["thanhphohochiminh"]
    for new_key, old_keys in whole.items():
        for old_key in old_keys:
            if old_key in former and new_key in current:
                former[old_key]["successors"].append(current[new_key]["code"])
    for old_key, parts in converter["DICT_PROVINCE_WARD_DIVIDED"].get("thanhphohochiminh", {}).items():
        if old_key in former:
            former[old_key]["successors"] += [current[p["newWardKey"]]["code"] for p in parts
                                              if p["newWardKey"] in current]
    return {
        "source": "vietnamadminunits 1.0.4 (PyPI, MIT licence; data files dated 2025-08-23), "
                  "https://github.com/tranngocminhhieu/vietnamadminunits: dataset.db and converter_2025.json",
        "legal_basis": "Nghị quyết 202/2025/QH15 (provinces merged, districts abolished, from 1 Jul 2025); "
                       "Nghị quyết 1685/NQ-UBTVQH15 (HCMC's 168 communes and wards)",
        "scope": "today's TP. Hồ Chí Minh: former TP. Hồ Chí Minh, Bình Dương and Bà Rịa–Vũng Tàu",
        "former_units_as_of": "30 Jun 2025 (wards merged before then, e.g. in the 2019-2025 district-level mergers, "
                              "are not listed: such an address is flagged, never guessed)",
        "current": sorted(current.values(), key=lambda u: u["code"]),
        "former": sorted(former.values(), key=lambda u: u["code"]),
    }


if __name__ == "__main__":
    json.dump(build(Path(sys.argv[1])), sys.stdout, ensure_ascii=False, indent=0)
    sys.stdout.write("\n")
