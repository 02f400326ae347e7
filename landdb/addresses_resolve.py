"""Relate every printed address of the database to today's unit (rules in :mod:`landdb.addresses`) and keep the
result in ``address_unit``; load the new units' boundaries that decide for divided wards.

>>> decide_split({"26734": 1.0, "26740": 0.0}) == ("26734", None)
True
>>> decide_split({"A": 0.6, "B": 0.4})[1]
'the parcel straddles the new units: A 60 %, B 40 %'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import psycopg

from landdb import addresses as au
from landdb.errors import InputFileError
from landdb.sql import query


@dataclass(frozen=True)
class Resolution:
    former_code: str | None
    former_name: str | None
    current_code: str | None
    current_name: str | None
    status: str
    reason: str | None


def decide_split(shares: dict[str, float]) -> tuple[str | None, str | None]:
    """(the new unit holding the parcel, or None with the reason) from each candidate's share of its area."""
    inside = [code for code, share in shares.items() if share >= au.WHOLE_SHARE]
    if len(inside) == 1:
        return inside[0], None
    if sum(shares.values()) < 0.5:
        return None, "the parcel lies outside the new units its former ward went to"
    parts = ", ".join(f"{code} {share:.0%}".replace("%", " %") for code, share in
                      sorted(shares.items(), key=lambda kv: -kv[1]) if share > 0)
    return None, f"the parcel straddles the new units: {parts}"


def _former_name(unit: au.FormerUnit) -> str:
    return ", ".join(x for x in (unit.ward, unit.district, unit.province) if x)


def resolve_one(conn: psycopg.Connection, printed: str, parcel_id: int | None,
                certificate_parcel_id: int | None) -> Resolution:
    parsed = au.parse(printed)
    former = au.find_former(parsed)
    if len(former) > 1:
        return Resolution(None, None, None, None, "needs_review",
                          "the address matches several former wards: " + "; ".join(map(_former_name, former)))
    if not former:
        current = au.find_current(parsed)
        if len(current) == 1:
            return Resolution(None, None, current[0].code, current[0].name, "current", None)
        why = ("no ward or commune found in the address" if parsed.ward is None else
               f"no former ward '{parsed.ward}' in district '{parsed.district}' in {au.DATA_FILE.name}"
               if parsed.district else f"'{parsed.ward}' names {len(current)} current units")
        return Resolution(None, None, None, None, "unknown", why)
    unit = former[0]
    if len(unit.successors) == 1:
        new = au.current_unit(unit.successors[0])
        return Resolution(unit.code, _former_name(unit), new.code, new.name, "succeeded", None)
    rows = conn.execute(query("addresses/shares"), {"codes": list(unit.successors), "parcel_id": parcel_id,
                                                    "certificate_parcel_id": certificate_parcel_id}).fetchall()
    names = ", ".join(f"{au.current_unit(c).name} ({c})" for c in unit.successors)
    if not rows or not rows[0]["has_geometry"]:
        why = f"{unit.ward} was divided between {names}; the parcel has no geometry to decide"
    elif not all(r["has_boundary"] for r in rows):
        missing = ", ".join(r["code"] for r in rows if not r["has_boundary"])
        why = f"{unit.ward} was divided between {names}; no boundary of {missing} to decide"
    else:
        code, why = decide_split({r["code"]: float(r["share"] or 0) for r in rows})
        if code is not None:
            new = au.current_unit(code)
            return Resolution(unit.code, _former_name(unit), new.code, new.name, "split_resolved", None)
        why = f"{unit.ward} was divided between {names}; {why}"
    return Resolution(unit.code, _former_name(unit), None, None, "needs_review", why)


def resolve_addresses(conn: psycopg.Connection, commune: str | None = None) -> Counter:
    """Resolve every printed address (of one commune or all) again; returns the count per status. A reviewer's
    decision (``reviewed``) is kept while the address is printed the same way."""
    todo = conn.execute(query("addresses/printed"), {"commune": commune}).fetchall()
    counts: Counter = Counter()
    with conn.transaction():
        conn.execute(query("addresses/clear"), {
            "parcel_ids": [r["parcel_id"] for r in todo if r["parcel_id"] is not None],
            "cert_parcel_ids": [r["certificate_parcel_id"] for r in todo if r["certificate_parcel_id"] is not None]})
        for r in todo:
            res = resolve_one(conn, r["printed"], r["parcel_id"], r["certificate_parcel_id"])
            inserted = conn.execute(query("addresses/insert"), {**r, **res.__dict__}).fetchone()
            counts[res.status if inserted else "reviewed"] += 1   # else a reviewer's decision was kept
    return counts


def load_boundaries(conn: psycopg.Connection, path: str | Path, *, code_column: str, name_column: str,
                    layer: str | None = None) -> int:
    """Load today's units' boundaries from a vector file (any CRS; stored in WGS 84)."""
    import geopandas as gpd
    import shapely

    frame = gpd.read_file(path, layer=layer)
    for column in (code_column, name_column):
        if column not in frame.columns:
            raise InputFileError(path, f"no column {column!r} (columns: {', '.join(map(str, frame.columns))})")
    if frame.crs is None:
        raise InputFileError(path, "the file has no CRS; boundaries must say theirs")
    from geo.crs import pinned_crs

    frame = frame.set_crs(pinned_crs(frame.crs), allow_override=True).to_crs(4326)  # VN-2000: the pinned shift
    with conn.transaction():
        for row in frame.itertuples():
            conn.execute(query("addresses/boundary_upsert"), {
                "code": str(getattr(row, code_column)), "name": str(getattr(row, name_column)),
                "wkb": shapely.to_wkb(row.geometry), "source": Path(path).name})
    return len(frame)
