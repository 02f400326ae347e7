"""Former and current administrative units (domain.md §6): an address is kept exactly as printed; this module
relates it to today's unit.

The mapping (``landdb/data/admin_units_2025_hcmc.json``: today's 168 units of TP. Hồ Chí Minh and the 442 former
wards and communes of old HCMC, Bình Dương and Bà Rịa–Vũng Tàu that went into them; source, legal basis and date in
the file, rebuilt by ``landdb/data/build_admin_units_2025.py``) says which new unit(s) each former ward went to.

- A former ward that went whole into one new unit: that unit (``succeeded``).
- A former ward divided between several: the **parcel's geometry decides**, against the new units' boundaries in
  ``admin_unit_boundary`` — ``split_resolved`` when one of them holds at least :data:`WHOLE_SHARE` of the parcel;
  otherwise (straddling, no geometry, no boundaries) ``needs_review`` with the reason. Never guessed.
- A two-level address naming a current unit: ``current``. Anything else: ``unknown`` (kept for a reviewer).

>>> parse("381/40 Hẻm 58, P.5, Q. Gò Vấp, TP. Hồ Chí Minh").district
'go vap'
>>> [u.name for u in successors(parse("12 Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh"))]
['Phường Sài Gòn']
>>> parse("3 Hẻm 294, Phường An Nhơn, Thành phố Hồ Chí Minh").district is None
True
>>> parse("350 Hẻm 310 Quang Trung, Phường 5, Quận Gò Vấp, FP. Hồ Chí Minh")
Parsed(ward='5', district='go vap', province='ho chi minh')
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from landdb.vietnamese import fold

DATA_FILE = Path(__file__).resolve().parent / "data" / "admin_units_2025_hcmc.json"
WHOLE_SHARE = 0.99     # a parcel with ≥ 99 % of its area in one new unit belongs to it

_WARD_TYPES = ("phuong", "xa", "thi tran", "dac khu")
_DISTRICT_TYPES = ("quan", "huyen", "thi xa", "thanh pho")
_PROVINCE_TYPES = ("thanh pho", "tinh")
_ABBREVIATIONS = [(r"^p\.?\s*(?=\d)", "phuong "), (r"^p\.\s*", "phuong "), (r"^q\.?\s*(?=\d)", "quan "),
                  (r"^q\.\s*", "quan "), (r"^tp\.?\s*", "thanh pho "), (r"^tx\.\s*", "thi xa "),
                  (r"^tt\.\s*", "thi tran "), (r"^h\.\s*", "huyen "), (r"^x\.\s*", "xa ")]
_PROVINCES = {"ho chi minh": "ho chi minh", "hcm": "ho chi minh", "hochiminh": "ho chi minh",
              "sai gon": "ho chi minh", "binh duong": "binh duong", "ba ria vung tau": "ba ria vung tau",
              "ba ria - vung tau": "ba ria vung tau", "brvt": "ba ria vung tau"}


@dataclass(frozen=True)
class CurrentUnit:
    code: str
    name: str
    province: str


@dataclass(frozen=True)
class FormerUnit:
    code: str
    ward: str | None
    district: str
    province: str
    successors: tuple[str, ...]


@dataclass(frozen=True)
class Parsed:
    """The administrative part of a printed address, folded (the printed text itself is never changed)."""

    ward: str | None
    district: str | None
    province: str | None


def _strip_type(folded: str, types: tuple[str, ...]) -> tuple[str | None, str]:
    for t in types:
        if folded == t or folded.startswith(t + " "):
            return t, folded[len(t):].strip()
    return None, folded


def _norm(part: str) -> str:
    folded = re.sub(r"\s+", " ", fold(part).lower()).strip(" .")
    for pattern, replacement in _ABBREVIATIONS:
        folded = re.sub(pattern, replacement, folded)
    folded = re.sub(r"\b0+(\d)", r"\1", folded)            # Phường 05 → 5
    return re.sub(r"\s+", " ", folded.replace(".", " ")).strip()


@cache
def _short(name: str, types: tuple[str, ...]) -> str:
    return _strip_type(_norm(name), types)[1]


def _province_key(text: str) -> str | None:
    """The province a part names; a short misread prefix ('FP. Hồ Chí Minh' for 'TP.') is tolerated."""
    text = _strip_type(text, _PROVINCE_TYPES)[1].replace("-", " ")
    text = re.sub(r"\s+", " ", text).strip()
    found = _PROVINCES.get(text) or _PROVINCES.get(text.replace(" ", ""))
    if found is None and (m := re.match(r"^[a-z]{1,3} (.+)$", text)):
        found = _PROVINCES.get(m.group(1))
    return found


def parse(address: str | None) -> Parsed:
    """Find the ward, district and province in a printed address (right to left, comma-separated)."""
    ward = district = province = None
    for raw in reversed([p for p in (address or "").split(",") if p.strip()]):
        part = _norm(raw)
        if province is None and ward is None and district is None and _province_key(part):
            province = _province_key(part)
            continue
        kind, rest = _strip_type(part, _WARD_TYPES)
        if kind and ward is None and rest:
            ward = rest
            break
        kind, rest = _strip_type(part, _DISTRICT_TYPES)
        if kind and district is None and ward is None and rest:
            district = rest
            continue
        break
    return Parsed(ward, district, province)


@cache
def _data() -> tuple[dict[str, CurrentUnit], list[FormerUnit], str]:
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    current = {u["code"]: CurrentUnit(u["code"], u["name"], u["province"]) for u in raw["current"]}
    former = [FormerUnit(u["code"], u["ward"], u["district"], u["province"], tuple(u["successors"]))
              for u in raw["former"]]
    return current, former, raw["source"]


def unit_names() -> list[tuple[str, str]]:
    """(kind, name) of every unit the mapping knows, as printed ('Phường Bến Nghé', 'Quận 1', 'Tỉnh Bình Dương'):
    today's wards and communes ('ward', 'province'), the former ones ('former ward', 'former district', 'former
    province'), for the OCR's place lexicon."""
    current, former, _ = _data()
    names = {("ward", u.name) for u in current.values()} | {("province", u.province) for u in current.values()}
    for u in former:
        names |= {("former ward", u.ward), ("former district", u.district), ("former province", u.province)} \
            if u.ward else {("former district", u.district), ("former province", u.province)}
    return sorted(names)


def source() -> str:
    """Where the mapping comes from, and its date."""
    return _data()[2]


def current_unit(code: str) -> CurrentUnit:
    return _data()[0][code]


def find_former(parsed: Parsed) -> list[FormerUnit]:
    """The former units a three-level address names (several only if the address is ambiguous)."""
    if parsed.ward is None or parsed.district is None:
        return []
    found = []
    for unit in _data()[1]:
        if unit.ward is None or _short(unit.ward, _WARD_TYPES) != parsed.ward:
            continue
        if _short(unit.district, _DISTRICT_TYPES) != parsed.district:
            continue
        if parsed.province and _province_key(_norm(unit.province)) != parsed.province:
            continue
        found.append(unit)
    return found


def find_current(parsed: Parsed) -> list[CurrentUnit]:
    """Today's units a two-level address names."""
    if parsed.ward is None or parsed.district is not None:
        return []
    return [u for u in _data()[0].values() if _short(u.name, _WARD_TYPES) == parsed.ward]


def successors(parsed: Parsed) -> list[CurrentUnit]:
    """Today's units the former ward of ``parsed`` went to (empty unless exactly one former ward matches)."""
    former = find_former(parsed)
    return [current_unit(c) for c in former[0].successors] if len(former) == 1 else []


def units_named(text: str) -> tuple[list[str], list[str]]:
    """(former codes, current codes) of the units a search text names: a current unit by its name ('An Nhơn',
    'Phường An Nhơn'), a former one by ward and district ('Phường 5, Gò Vấp'), or by a ward name that is not a
    bare number ('Bến Nghé')."""
    folded = _norm(text.replace(",", " "))
    kind, rest = _strip_type(folded, _WARD_TYPES)
    current = [u.code for u in _data()[0].values() if rest and _short(u.name, _WARD_TYPES) == rest]
    words = re.sub(r"\b(?:quan|huyen|thi xa|thanh pho)\b", " ", rest)   # once, not once per unit (5 ms a search)
    words = re.sub(r"\s+", " ", words).strip()
    former = []
    for unit in _data()[1]:
        if unit.ward is None:
            continue
        ward, district = _short(unit.ward, _WARD_TYPES), _short(unit.district, _DISTRICT_TYPES)
        if words in (f"{ward} {district}",) or (not ward.isdigit() and words == ward):
            former.append(unit.code)
    return former, current


def candidates(printed: str | None, former_code: str | None) -> list[CurrentUnit]:
    """Today's units a reviewer chooses from for an undecided address: those its former ward went to, those of every
    former ward an ambiguous text names, else every current unit."""
    current, former, _ = _data()
    if former_code:
        codes = [c for u in former if u.code == former_code for c in u.successors]
    else:
        codes = [c for u in find_former(parse(printed)) for c in u.successors]
    if not codes:
        return sorted(current.values(), key=lambda u: u.name)
    return [current[c] for c in dict.fromkeys(codes)]


def current_address(printed: str | None, unit: CurrentUnit) -> str | None:
    """The printed address in today's two levels: what precedes the ward (house, street) as printed, then today's
    unit and its province; None when the address has no ward to replace.

    >>> current_address("381/40 Hẻm 58, P.5, Q. Gò Vấp, TP. Hồ Chí Minh",
    ...                 CurrentUnit("26876", "Phường An Nhơn", "Thành phố Hồ Chí Minh"))
    '381/40 Hẻm 58, Phường An Nhơn, Thành phố Hồ Chí Minh'
    """
    parts = [p.strip() for p in (printed or "").split(",") if p.strip()]
    ward = parse(printed).ward
    if ward is None:
        return None
    for i in range(len(parts) - 1, -1, -1):
        kind, rest = _strip_type(_norm(parts[i]), _WARD_TYPES)
        if kind and rest == ward:
            return ", ".join([*parts[:i], unit.name, unit.province])
    return None
