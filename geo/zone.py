"""The VN-2000 zone of a certificate, from the document itself (domain.md §3).

The zone belongs to the **former** province (before the 1 Jul 2025 mergers) of the parcel. The
certificate tells it twice: the issuer line (``ỦY BAN NHÂN DÂN QUẬN GÒ VẤP``) and the parcel's
address (``…, Quận Gò Vấp, TP. Hồ Chí Minh``). A province named on a certificate issued before
1 Jul 2025 is that former province; one issued later names today's unit, and today's
TP. Hồ Chí Minh holds three former provinces on two zones (old HCMC and Bình Dương on 105°45′,
Bà Rịa–Vũng Tàu on 107°45′), so only a former district's name — or the coordinates falling
in exactly one of those provinces' ranges — decides.

The printed coordinates must then fall in the range of that province (``geo.crs.SANITY_RANGES``) or,
where no range is configured, be plausible in the zone. :func:`decide_zone` never guesses: when
the document and the coordinates disagree, or nothing decides, the decision has ``srid=None``
and a reason for the reviewer. A zone given explicitly (the commune passed to ``landdb build``,
or the zone of that commune's map) takes precedence over the text, but not over the coordinates.

>>> d = decide_zone(issuer="ỦY BAN NHÂN DÂN QUẬN GÒ VẤP", address="Phường 5, Quận Gò Vấp, TP. Hồ Chí Minh",
...                 issue_date=None, points=[(1198122.5, 600986.9)])
>>> d.srid, d.source
(9210, 'document')
>>> decide_zone(issuer=None, address="Phường Thắng Tam, TP. Vũng Tàu, Tỉnh Bà Rịa - Vũng Tàu",
...             issue_date=None, points=[(1198122.5, 600986.9)]).srid is None
True
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from geo.crs import PROVINCE_ZONE, SANITY_RANGES, ZONES, classify_point
from landdb.vietnamese import fold

__all__ = ["ZoneDecision", "decide_zone", "former_provinces"]

MERGER_DATE = dt.date(2025, 7, 1)

# Today's units (since 1 Jul 2025) that hold several former provinces (domain.md §3). Others keep their name.
MERGED_INTO: dict[str, tuple[str, ...]] = {
    "ho chi minh": ("ho chi minh", "binh duong", "ba ria vung tau"),
}

# Former districts and towns whose name tells the former province (folded; matched as whole words).
DISTRICTS: dict[str, tuple[str, ...]] = {
    "ho chi minh": ("go vap", "binh thanh", "tan binh", "tan phu", "phu nhuan", "binh tan", "thu duc", "cu chi",
                    "hoc mon", "binh chanh", "nha be", "can gio", "quan 1", "quan 3", "quan 4", "quan 5", "quan 6",
                    "quan 7", "quan 8", "quan 10", "quan 11", "quan 12"),
    "binh duong": ("thu dau mot", "di an", "thuan an", "ben cat", "bau bang", "dau tieng", "phu giao",
                   "tan uyen"),
    "ba ria vung tau": ("vung tau", "ba ria", "phu my", "chau duc", "xuyen moc", "long dien", "dat do",
                        "con dao"),
    "ha noi": ("ba dinh", "hoan kiem", "dong da", "hai ba trung", "cau giay", "tay ho", "thanh xuan", "hoang mai",
               "long bien", "tu liem", "ha dong", "dan phuong", "hoai duc", "gia lam", "dong anh", "soc son",
               "me linh", "thach that", "quoc oai", "chuong my", "thanh oai", "thuong tin", "phu xuyen",
               "ung hoa", "my duc", "ba vi", "phuc tho", "son tay", "thanh tri"),
}

_PROVINCE_NAMES: dict[str, tuple[str, ...]] = {
    "ho chi minh": ("ho chi minh", "tp hcm", "tphcm"), "binh duong": ("binh duong",), "long an": ("long an",),
    "ba ria vung tau": ("ba ria vung tau", "brvt"), "dong nai": ("dong nai",), "da nang": ("da nang",),
    "ha noi": ("ha noi",), "hai duong": ("hai duong",),
}


@dataclass(frozen=True)
class ZoneDecision:
    srid: int | None
    source: str  # 'explicit' | 'document' | 'coordinates' | 'none'
    reason: str
    review: bool = False  # a reviewer must confirm (a boundary without a zone, or a disagreement)


def _words(text: str | None) -> str:
    return " " + " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text or "")).split()) + " "


def _named(text: str, names: Iterable[str]) -> bool:
    return any(f" {n} " in text for n in names)


def former_provinces(issuer: str | None, address: str | None, issue_date: dt.date | None) -> set[str]:
    """The former provinces the document's issuer line and address point to (folded keys).

    >>> sorted(former_provinces(None, "Phường An Nhơn, Thành phố Hồ Chí Minh", dt.date(2026, 1, 5)))
    ['ba ria vung tau', 'binh duong', 'ho chi minh']
    >>> sorted(former_provinces("UBND QUẬN GÒ VẤP", "Phường An Nhơn, Thành phố Hồ Chí Minh", dt.date(2026, 1, 5)))
    ['ho chi minh']
    """
    text = _words(issuer) + _words(address)
    by_district = {p for p, names in DISTRICTS.items() if _named(text, names)}
    if by_district:
        return by_district
    named = {p for p, names in _PROVINCE_NAMES.items() if _named(text, names)}
    if issue_date is not None and issue_date < MERGER_DATE:
        return named  # issued before the mergers: the province named is the former one
    return {former for p in named for former in MERGED_INTO.get(p, (p,))}


def _fits(province: str, points: Sequence[tuple[float, float]]) -> bool:
    """Do all points (X northing, Y easting) lie in the former province's range (or its zone when none)?"""
    srid = PROVINCE_ZONE[province]
    rng = SANITY_RANGES.get(province)
    if rng is None:
        return all(classify_point(x, y, srid) == "ok" for x, y in points)
    return all(rng[0] <= y <= rng[1] and rng[2] <= x <= rng[3] for x, y in points)


def _names(srids: Iterable[int]) -> str:
    return ", ".join(f"EPSG:{s} ({ZONES[s].name})" for s in sorted(srids))


def decide_zone(*, issuer: str | None, address: str | None, issue_date: dt.date | None,
                points: Sequence[tuple[float, float]], explicit: Iterable[int] = ()) -> ZoneDecision:
    """The zone of one certificate (see the module docstring). ``points``: the printed vertices as
    (X northing, Y easting); ``explicit``: the zones the commune given for the batch is known on."""
    explicit = set(explicit)
    provinces = former_provinces(issuer, address, issue_date)
    doc_zones = {PROVINCE_ZONE[p] for p in provinces}
    if len(explicit) == 1:
        srid = next(iter(explicit))
        if points and not all(classify_point(x, y, srid) == "ok" for x, y in points):
            return ZoneDecision(None, "none", f"the commune given is on {_names(explicit)} but the printed "
                                "coordinates are not plausible there", True)
        if doc_zones and srid not in doc_zones:
            return ZoneDecision(srid, "explicit", f"the commune given is on {_names(explicit)}; the document "
                                f"names {', '.join(sorted(provinces))} ({_names(doc_zones)})", True)
        return ZoneDecision(srid, "explicit", f"the commune given is on {_names(explicit)}")
    if not points:
        if len(doc_zones) == 1:
            return ZoneDecision(next(iter(doc_zones)), "document", f"former province {', '.join(provinces)}")
        return ZoneDecision(None, "none", "no boundary, and the document does not name one zone")
    if not provinces:
        return ZoneDecision(None, "none", "the issuer line and the address name no province landdb knows", True)
    fitting = {p for p in provinces if _fits(p, points)}
    zones = {PROVINCE_ZONE[p] for p in fitting}
    if len(zones) == 1:
        how = "document" if len(doc_zones) == 1 else "coordinates"
        return ZoneDecision(zones.pop(), how, f"former province {', '.join(sorted(fitting))}; printed "
                            "coordinates within its range")
    swapped = [(y, x) for x, y in points]
    if any(_fits(p, swapped) for p in provinces):
        return ZoneDecision(None, "none", "the printed coordinates fit only with X and Y swapped", True)
    if not zones:
        return ZoneDecision(None, "none", f"the document names {', '.join(sorted(provinces))} "
                            f"({_names(doc_zones)}) but the printed coordinates fall outside its range", True)
    return ZoneDecision(None, "none", f"the coordinates fit several zones of the document: {_names(zones)}", True)
