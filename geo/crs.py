"""VN-2000 done right: the TM-3 and UTM zones, zone by *former* province, sanity ranges,
X/Y-swap detection and a plausibility check of a layer's declared CRS (domain.md §3).

Never reprojects and never silently accepts: :func:`check_declared_crs` says ``ok``,
``suspect`` (probably mislabelled, with the likely right CRS) or ``refused`` (no CRS,
coordinates outside every plausible zone, X/Y swapped, degrees on metre coordinates), always with the
reason. :func:`gate` is the one door every CRS entering landdb passes (a file's label, ``--crs`` of
``import-map``, ``georef`` and ``qa check``): what it refuses needs ``--force-crs``.

>>> zone_for_province("TP. Hồ Chí Minh").srid, zone_for_province("Ha Noi").srid
(9210, 5897)
>>> zone_for_province("Bà Rịa - Vũng Tàu").central_meridian
107.75
>>> classify_point(1191842, 603699, 9210)
'ok'
>>> classify_point(603699, 1191842, 9210)
'swapped'
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache

from pyproj import CRS, Transformer

from landdb.errors import CRSError
from landdb.vietnamese import fold

__all__ = [
    "CRSCheck", "CRSDecision", "VN2000_TOWGS84", "Zone", "ZONES", "check_declared_crs", "classify_point", "gate",
    "known_srid", "parse_srid", "pinned_proj", "pinned_wkt", "vn2000_srids", "wgs84_transformer", "zone",
    "zone_for_province", "in_sanity_range",
]

TM3_SCALE = 0.9999
UTM_SCALE = 0.9996


@dataclass(frozen=True)
class Zone:
    srid: int
    name: str
    central_meridian: float
    kind: str  # 'tm3' (VN-2000 TM-3, cadastral) | 'utm' (VN-2000 or WGS 84 UTM)
    scale: float

    @property
    def vn2000(self) -> bool:
        return self.name.startswith("VN-2000")


def _tm3(srid: int, cm: float) -> Zone:
    deg, minutes = int(cm), round((cm - int(cm)) * 60)
    return Zone(srid, f"VN-2000 / TM-3 {deg}-{minutes:02d}", cm, "tm3", TM3_SCALE)


ZONES: dict[int, Zone] = {z.srid: z for z in [
    _tm3(9205, 103.0), _tm3(9206, 104.0), _tm3(9207, 104.5), _tm3(9208, 104.75), _tm3(5897, 105.0),
    _tm3(9209, 105.5), _tm3(9210, 105.75), _tm3(9211, 106.0), _tm3(9212, 106.25), _tm3(9213, 106.5),
    _tm3(9214, 107.0), _tm3(9215, 107.25), _tm3(9216, 107.5), _tm3(5899, 107.75), _tm3(9217, 108.25),
    _tm3(9218, 108.5),
    Zone(3405, "VN-2000 / UTM zone 48N", 105.0, "utm", UTM_SCALE),
    Zone(3406, "VN-2000 / UTM zone 49N", 111.0, "utm", UTM_SCALE),
    Zone(32648, "WGS 84 / UTM zone 48N", 105.0, "utm", UTM_SCALE),
    Zone(32649, "WGS 84 / UTM zone 49N", 111.0, "utm", UTM_SCALE),
]}

# Central meridian by FORMER province (before the 1 Jul 2025 mergers), domain.md §3 [law].
# Keys are folded (no diacritics, lower case). Extend through ``extra`` where needed.
PROVINCE_ZONE: dict[str, int] = {
    "ho chi minh": 9210, "binh duong": 9210, "long an": 9210, "ha noi": 5897, "hai duong": 9209,
    "da nang": 5899, "dong nai": 5899, "ba ria vung tau": 5899,
}

# Sanity ranges (easting min, max, northing min, max) in the FORMER province's zone, metres, domain.md §3:
# the province's extent with a 2 km margin (old HCMC as surveyed). The one table of province ranges.
SANITY_RANGES: dict[str, tuple[float, float, float, float]] = {
    "ho chi minh": (565_000, 640_000, 1_144_000, 1_236_000),
    "binh duong": (561_000, 635_000, 1_198_000, 1_276_000),
    "long an": (469_000, 619_000, 1_146_000, 1_224_000),
    "ba ria vung tau": (360_000, 491_000, 944_000, 1_202_000),
    "dong nai": (387_000, 485_000, 1_159_000, 1_283_000),
    "da nang": (503_000, 566_000, 1_757_000, 1_796_000),
    "ha noi": (527_000, 609_000, 2_271_000, 2_370_000),
    "hai duong": (553_000, 618_000, 2_286_000, 2_353_000),
}

# Vietnam (mainland and near islands), degrees: lon, lat bounds used to judge plausibility.
VN_LON, VN_LAT = (102.0, 112.0), (8.0, 23.5)
MAX_DEGREES_FROM_MERIDIAN = 3.0


def _province_key(name: str) -> str:
    key = re.sub(r"[^a-z ]+", " ", fold(name)).split()
    words = [w for w in key if w not in ("tp", "thanh", "pho", "tinh", "city", "province")]
    joined = " ".join(words)
    return {"hcmc": "ho chi minh", "hcm": "ho chi minh", "sai gon": "ho chi minh", "brvt": "ba ria vung tau",
            "hanoi": "ha noi"}.get(joined, joined)


def zone(srid: int) -> Zone:
    """The zone with that EPSG code; :class:`CRSError` when it is not a Vietnamese zone."""
    try:
        return ZONES[srid]
    except KeyError:
        raise CRSError(f"EPSG:{srid} is not a VN-2000 TM-3 or UTM zone known to landdb") from None


def zone_for_province(former_province: str, extra: dict[str, int] | None = None) -> Zone:
    """The TM-3 zone of a **former** province (never today's merged unit: legacy BR-VT maps stay on 107°45′)."""
    table = {**PROVINCE_ZONE, **{_province_key(k): v for k, v in (extra or {}).items()}}
    key = _province_key(former_province)
    if key not in table:
        raise CRSError(f"no VN-2000 zone configured for province {former_province!r} (known: {sorted(table)})")
    return ZONES[table[key]]


def in_sanity_range(easting: float, northing: float, former_province: str) -> bool | None:
    """True/False against the province's configured range; None when no range is configured.

    >>> in_sanity_range(603699, 1191842, "Hồ Chí Minh"), in_sanity_range(1191842, 603699, "HCMC")
    (True, False)
    """
    rng = SANITY_RANGES.get(_province_key(former_province))
    if rng is None:
        return None
    return rng[0] <= easting <= rng[1] and rng[2] <= northing <= rng[3]


# ---------------------------------------------------------------- VN-2000 -> WGS 84, pinned
# The one datum shift landdb uses, everywhere (Python and PostGIS): the national 7-parameter transformation of
# QĐ 05/2007/QĐ-BTNMT (EPSG:6960), position-vector convention: tx, ty, tz (m), rx, ry, rz (arc-seconds), ds (ppm).
# Left to itself PROJ picks, per point, "VN-2000 to WGS 84 (1)" (an oil-block shift valid in 9.35-11.04° N,
# 104.24-107.11° E, most of HCMC) and the national shift elsewhere: ≈ 0.8 m apart. Migration 0090 writes
# :func:`pinned_wkt`/:func:`pinned_proj` into PostGIS' spatial_ref_sys (see :func:`pin_database`).
VN2000_TOWGS84 = (-191.90441429, -39.30318279, -111.45032835, 0.00928836, -0.01975479, 0.00427372, 0.252906278)
VN2000_GEOGRAPHIC_SRID = 4756
_TOWGS84_TEXT = ",".join(repr(v) for v in VN2000_TOWGS84)


def vn2000_srids() -> tuple[int, ...]:
    """Every VN-2000 CRS landdb knows: the geographic CRS and each projected zone (TM-3 and UTM)."""
    return (VN2000_GEOGRAPHIC_SRID, *sorted(s for s, z in ZONES.items() if z.vn2000))


def pinned_proj(srid: int) -> str | None:
    """The PROJ string of VN-2000 CRS ``srid`` carrying the pinned datum shift; None for any other CRS.

    >>> pinned_proj(9210)  # doctest: +NORMALIZE_WHITESPACE
    '+proj=tmerc +lat_0=0 +lon_0=105.75 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84
     +towgs84=-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278
     +units=m +no_defs'
    >>> pinned_proj(32648) is None
    True
    """
    shift = f"+ellps=WGS84 +towgs84={_TOWGS84_TEXT}"
    if srid == VN2000_GEOGRAPHIC_SRID:
        return f"+proj=longlat {shift} +no_defs"
    z = ZONES.get(srid)
    if z is None or not z.vn2000:
        return None
    return (f"+proj=tmerc +lat_0=0 +lon_0={z.central_meridian:g} +k={z.scale:g} +x_0=500000 +y_0=0 {shift} "
            "+units=m +no_defs")


def pinned_wkt(srid: int) -> str | None:
    """The same CRS as WKT 1 (what PostGIS builds its transformation from once spatial_ref_sys names no
    authority; exported files' CRS), labelled with its EPSG code (PROJ keeps the TOWGS84 of a labelled WKT 1);
    None for a CRS that is not VN-2000."""
    geog = ('GEOGCS["VN-2000",DATUM["Vietnam_2000",SPHEROID["WGS 84",6378137,298.257223563],'
            f'TOWGS84[{_TOWGS84_TEXT}]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]')
    if srid == VN2000_GEOGRAPHIC_SRID:
        return f'{geog},AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","{srid}"]]'
    z = ZONES.get(srid)
    if z is None or not z.vn2000:
        return None
    return (f'PROJCS["{z.name}",{geog}],PROJECTION["Transverse_Mercator"],'
            f'PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",{z.central_meridian:g}],'
            f'PARAMETER["scale_factor",{z.scale:g}],PARAMETER["false_easting",500000],'
            'PARAMETER["false_northing",0],UNIT["metre",1],AXIS["Easting",EAST],AXIS["Northing",NORTH],'
            f'AUTHORITY["EPSG","{srid}"]]')


@cache
def wgs84_transformer(srid: int) -> Transformer:
    """CRS ``srid`` (x = easting or longitude) → WGS 84 (lon, lat): a VN-2000 CRS through the pinned shift, any
    other CRS as PROJ sees it (there is no choice to pin)."""
    proj = pinned_proj(srid)
    return Transformer.from_crs(CRS.from_proj4(proj) if proj else CRS.from_epsg(srid), 4326, always_xy=True)


def pinned_crs(crs: CRS) -> CRS:
    """``crs`` itself, or its pinned twin when it is a VN-2000 CRS (a GeoTIFF's or a file's CRS)."""
    epsg = crs.to_epsg()
    proj = pinned_proj(epsg) if epsg else None
    return CRS.from_proj4(proj) if proj else crs


def pin_database(conn, actor: str) -> int:
    """Make PostGIS' own ``ST_Transform`` of every VN-2000 CRS use the pinned shift, then recompute the parcels'
    WGS 84 copies made otherwise (audited as ``actor``); returns how many copies changed.

    spatial_ref_sys gets this module's WKT and PROJ string and no authority: PostGIS 3.3 builds a
    transformation from ``auth_name:auth_srid`` first, which lets PROJ choose by area, and from the srtext
    only when the row names none. Run by migration 0090 (and by any later one that changes the definition)."""
    from psycopg.rows import tuple_row

    from landdb.sql import query

    with conn.cursor(row_factory=tuple_row) as cur:
        for srid in vn2000_srids():
            cur.execute(query("crs/pin_srs"), {"srid": srid, "srtext": pinned_wkt(srid),
                                               "proj4text": pinned_proj(srid)})
        for srid in vn2000_srids():  # PostGIS caches a transformation per session: this one must see the pin
            x, y = (106.7, 10.776) if srid == VN2000_GEOGRAPHIC_SRID else (600_000.0, 1_191_842.0)
            cur.execute(query("crs/probe"), {"srid": srid, "x": x, "y": y})
            got, want = cur.fetchone(), wgs84_transformer(srid).transform(x, y)
            if max(abs(got[0] - want[0]), abs(got[1] - want[1])) > 1e-9:
                raise CRSError(f"PostGIS still transforms EPSG:{srid} otherwise than the pinned shift in this "
                               "session (it cached the transformation before the pin): run it in a new session")
        cur.execute(query("audit/set_actor"), (actor,))
        cur.execute(query("crs/recompute_wgs84"))
        return cur.rowcount


def _lonlat(srid: int, easting: float, northing: float) -> tuple[float, float]:
    return wgs84_transformer(srid).transform(easting, northing)


def _plausible_in_zone(srid: int, easting: float, northing: float) -> bool:
    z = ZONES[srid]
    lon, lat = _lonlat(srid, easting, northing)
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return False
    in_vn = VN_LON[0] <= lon <= VN_LON[1] and VN_LAT[0] <= lat <= VN_LAT[1]
    return in_vn and abs(lon - z.central_meridian) <= MAX_DEGREES_FROM_MERIDIAN


def classify_point(northing: float, easting: float, srid: int) -> str:
    """``'ok'``, ``'swapped'`` (the values fit only as (easting, northing)) or ``'out_of_range'``.

    Arguments in the Vietnamese order: X = northing first, Y = easting second.
    """
    if _plausible_in_zone(srid, easting, northing):
        return "ok"
    if _plausible_in_zone(srid, northing, easting):
        return "swapped"
    return "out_of_range"


def parse_srid(text: str | int) -> int:
    """``'EPSG:5897'``, ``'5897'`` or ``5897`` → 5897.

    >>> parse_srid("EPSG:5897"), parse_srid(9210)
    (5897, 9210)
    """
    if isinstance(text, int):
        return text
    m = re.fullmatch(r"\s*(?:epsg:)?(\d{4,6})\s*", str(text), flags=re.IGNORECASE)
    if not m:
        raise CRSError(f"cannot read a CRS from {text!r}; write it as EPSG:<code>, e.g. EPSG:9210")
    return int(m.group(1))


@dataclass(frozen=True)
class CRSCheck:
    """The verdict on a layer's declared CRS."""

    verdict: str  # 'ok' | 'suspect' | 'refused'
    declared_srid: int | None
    reason: str
    suggested_srid: int | None = None
    candidates: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.verdict == "ok"

    def message(self, source: str = "layer") -> str:
        declared = f"EPSG:{self.declared_srid}" if self.declared_srid else "no CRS"
        text = f"{source}: declared {declared}: {self.reason}"
        if self.suggested_srid:
            text += f"; likely EPSG:{self.suggested_srid} ({ZONES[self.suggested_srid].name})"
        return text


def _corners(bounds: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    minx, miny, maxx, maxy = bounds
    return [(minx, miny), (maxx, maxy), ((minx + maxx) / 2, (miny + maxy) / 2)]


def _in_area_of_use(crs: CRS, srid: int, bounds: tuple[float, float, float, float]) -> bool | None:
    area = crs.area_of_use
    if area is None:
        return None
    tr = wgs84_transformer(srid)
    for x, y in _corners(bounds):
        lon, lat = tr.transform(x, y)
        slack = 1.0
        if not (area.west - slack <= lon <= area.east + slack and area.south - slack <= lat <= area.north + slack):
            return False
    return True


def _in_vietnam(srid: int, bounds: tuple[float, float, float, float]) -> bool:
    cx, cy = _corners(bounds)[2]
    lon, lat = wgs84_transformer(srid).transform(cx, cy)
    return VN_LON[0] <= lon <= VN_LON[1] and VN_LAT[0] <= lat <= VN_LAT[1]


def _tm3_candidates(bounds: tuple[float, float, float, float]) -> list[int]:
    return [s for s, z in ZONES.items() if z.kind == "tm3"
            and all(_plausible_in_zone(s, x, y) for x, y in _corners(bounds))]


def check_declared_crs(
    declared_srid: int | None, bounds: tuple[float, float, float, float], *, expected_srid: int | None = None,
) -> CRSCheck:
    """Is ``declared_srid`` plausible for a cadastral layer with these ``bounds`` (minx, miny, maxx, maxy)?

    ``expected_srid``: the TM-3 zone of the map's former province when known. Vietnamese
    cadastral maps are drawn on VN-2000 TM-3 (k = 0.9999, the province's meridian): a
    Vietnamese layer labelled UTM, geographic, or another province's zone is ``suspect`` with
    the likely CRS; one outside every plausible zone or X/Y-swapped is ``refused``. Layers
    outside Vietnam are judged by their CRS's EPSG area of use.

    >>> check_declared_crs(3405, (570000, 2330000, 575000, 2335000)).suggested_srid
    5897
    >>> check_declared_crs(5897, (570000, 2330000, 575000, 2335000)).verdict
    'ok'
    >>> check_declared_crs(5897, (2330000, 570000, 2335000, 575000)).verdict
    'refused'
    """
    if declared_srid is None:
        return CRSCheck("refused", None, "the file states no CRS; say which with --crs EPSG:<code>")
    try:
        crs = CRS.from_epsg(declared_srid)
    except Exception as exc:  # noqa: BLE001 - pyproj raises its own CRSError subclasses
        return CRSCheck("refused", declared_srid, f"unknown CRS ({exc})")
    minx, miny, maxx, maxy = bounds
    if not all(math.isfinite(v) for v in bounds) or minx > maxx or miny > maxy:
        return CRSCheck("refused", declared_srid, f"the layer has no usable extent {bounds}")

    if crs.is_geographic:
        if -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90:
            in_vn = VN_LON[0] <= (minx + maxx) / 2 <= VN_LON[1] and VN_LAT[0] <= (miny + maxy) / 2 <= VN_LAT[1]
            if not in_vn:
                return CRSCheck("ok", declared_srid, "geographic layer outside Vietnam")
            return CRSCheck("suspect", declared_srid, "a geographic CRS: Vietnamese cadastral maps are drawn on "
                            "VN-2000 TM-3; areas and lengths cannot be measured in degrees",
                            expected_srid, [expected_srid] if expected_srid else [])
        candidates = _tm3_candidates(bounds)
        return CRSCheck("refused", declared_srid,
                        f"{crs.name} is geographic (degrees) but the coordinates are metres "
                        f"({minx:.0f}…{maxx:.0f}, {miny:.0f}…{maxy:.0f}): the label is wrong",
                        expected_srid or (candidates[0] if len(candidates) == 1 else None), candidates)

    known = ZONES.get(declared_srid)
    if known is None:
        if _in_vietnam_safe(declared_srid, bounds):
            candidates = _tm3_candidates(bounds)
            return CRSCheck("suspect", declared_srid, f"{crs.name} is not a VN-2000 zone: Vietnamese cadastral "
                            "maps are drawn on VN-2000 TM-3", expected_srid, candidates)
        inside = _in_area_of_use(crs, declared_srid, bounds)
        if inside is False:
            return CRSCheck("refused", declared_srid, f"coordinates fall outside the area of use of {crs.name}")
        return CRSCheck("ok", declared_srid, f"{crs.name}; coordinates within its area of use")

    corners = _corners(bounds)
    states = {classify_point(y, x, declared_srid) for x, y in corners}
    if states != {"ok"}:
        if states == {"swapped"}:
            return CRSCheck("refused", declared_srid, "coordinates look X/Y-swapped (northing in the easting "
                            "column); swap the columns in the source, never guess")
        return CRSCheck("refused", declared_srid, f"coordinates fall outside the plausible range of "
                        f"{known.name} (Vietnam, within {MAX_DEGREES_FROM_MERIDIAN}° of its meridian)",
                        None, _tm3_candidates(bounds))
    if known.kind == "utm":
        same = [s for s, z in ZONES.items() if z.kind == "tm3" and z.central_meridian == known.central_meridian]
        suggested = expected_srid or (same[0] if same else None)
        return CRSCheck("suspect", declared_srid, f"{known.name} (k={known.scale}): Vietnamese cadastral maps are "
                        f"drawn on VN-2000 TM-3 (k={TM3_SCALE}); likely a mislabelled UTM cadastral layer "
                        "(same numbers, ≈700 m apart on the ground)", suggested, _tm3_candidates(bounds))
    if expected_srid and expected_srid != declared_srid:
        return CRSCheck("suspect", declared_srid, f"{known.name} is not the zone of the map's former province",
                        expected_srid, [expected_srid])
    return CRSCheck("ok", declared_srid, f"{known.name}; coordinates within its plausible range")


def _in_vietnam_safe(srid: int, bounds: tuple[float, float, float, float]) -> bool:
    try:
        return _in_vietnam(srid, bounds)
    except Exception:  # noqa: BLE001 - a CRS PROJ cannot invert is simply not judged as Vietnamese
        return False


def known_srid(text: str | int) -> int:
    """``parse_srid`` and the code must name a CRS PROJ knows (``EPSG:99999`` is one clear error).

    >>> known_srid("EPSG:9210")
    9210
    """
    srid = parse_srid(text)
    try:
        CRS.from_epsg(srid)
    except Exception:  # noqa: BLE001 - pyproj raises its own CRSError for an unknown code
        raise CRSError(f"EPSG:{srid} is not a known CRS; VN-2000 TM-3 zones are EPSG:9205–9218, 5897, 5899 "
                       "(e.g. EPSG:9210 for Hồ Chí Minh City, EPSG:5897 for Hà Nội)") from None
    return srid


@dataclass(frozen=True)
class CRSDecision:
    """The CRS a layer (or a set of GCPs) is taken in, after the gate: its verdict and what to record."""

    srid: int
    verdict: str  # the check's verdict: 'ok' | 'suspect' | 'refused' (only with force)
    source: str  # 'file' | 'given'
    forced: bool = False
    warnings: tuple[str, ...] = ()
    reason: str = ""


def gate(bounds: tuple[float, float, float, float], *, declared_srid: int | None = None,
         given: str | int | None = None, force: bool = False, expected_srid: int | None = None,
         what: str = "layer") -> CRSDecision:
    """The one plausibility gate every CRS passes on its way in (a file's label, ``--crs`` of
    ``import-map``, ``georef`` and ``qa check``), judged against the coordinates' ``bounds``.

    - A CRS given by the user (``given``) is taken when plausible or merely suspect (the user says
      so; the reason is kept as a warning); an implausible one (degrees on metre coordinates, a
      VN-2000 zone the data falls outside, X/Y swapped) is refused.
    - A file's own label must be ``ok``: a suspect or implausible label is refused with the likely
      right CRS, to be confirmed with ``--crs``.
    - ``force`` takes the CRS anyway, with a warning saying why it was doubted. An unknown EPSG code
      is refused even then.

    >>> gate((570000, 2330000, 575000, 2335000), declared_srid=5897).srid
    5897
    >>> try:
    ...     gate((570000, 2330000, 575000, 2335000), given="EPSG:4326")
    ... except CRSError as exc:
    ...     print(str(exc)[:62])
    layer with --crs EPSG:4326: WGS 84 is geographic (degrees) but
    >>> gate((570000, 2330000, 575000, 2335000), given=4326, force=True).warnings[0][:32]
    'CRS forced: EPSG:4326 is refused'
    """
    if given is not None:
        srid = known_srid(given)
        check = check_declared_crs(srid, bounds, expected_srid=expected_srid)
        notes = []
        if declared_srid not in (None, srid):
            notes.append(f"the file says EPSG:{declared_srid}; taken as EPSG:{srid} (--crs), not reprojected")
        if check.verdict == "suspect":
            notes.append(f"EPSG:{srid} taken as given (--crs) although: {check.reason}")
        if check.verdict == "refused":
            if not force:
                likely = f"; likely EPSG:{check.suggested_srid}" if check.suggested_srid else ""
                raise CRSError(f"{what} with --crs EPSG:{srid}: {check.reason}{likely}. Refusing; if you are sure, "
                               "add --force-crs")
            notes.append(f"CRS forced: EPSG:{srid} is refused by the plausibility check ({check.reason}); "
                         "kept because of --force-crs")
        return CRSDecision(srid, check.verdict, "given", check.verdict == "refused", tuple(notes), check.reason)
    check = check_declared_crs(declared_srid, bounds, expected_srid=expected_srid)
    if declared_srid is not None and check.reason.startswith("unknown CRS"):
        raise CRSError(check.message(what) + "; give the right one with --crs EPSG:<code>")
    if check.ok:
        return CRSDecision(int(declared_srid), check.verdict, "file", reason=check.reason)
    if force and declared_srid is not None:
        note = (f"CRS forced: the file's EPSG:{declared_srid} is {check.verdict} by the plausibility check "
                f"({check.reason}); kept because of --force-crs")
        return CRSDecision(int(declared_srid), check.verdict, "file", True, (note,), check.reason)
    hint = f" --crs EPSG:{check.suggested_srid}" if check.suggested_srid else " --crs EPSG:<code>"
    raise CRSError(check.message(what) + f". Refusing; if you are sure, re-run with{hint}")
