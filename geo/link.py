"""Linking a certificate's parcel (``certificate_parcel``) to its map parcel (``parcel``).

By natural key (commune, sheet, parcel) and by geometry (overlap ratio = intersection/union,
Hausdorff distance against the point tolerance of the sheet's scale). The result is one of
``matched`` / ``ambiguous`` / ``not_on_map`` / ``shape_disagrees``, stored with its numbers
in ``certificate_parcel.link_status`` / ``link_measures``. A parcel found by its key disagrees
when its outline does not fit, or when the area printed on the certificate differs from the map
polygon's by more than ΔP = k · M · √P (domain.md §4); ``measures["disagrees"]`` says which
(``outline``, ``area``). A parcel found by geometry alone (printed key not on the map) must
overlap at least :data:`GEOMETRY_CANDIDATE_OVERLAP`: half of a parcel merged since (or a
parcel split since) is *not on the map*, with the nearest map parcel's numbers. Candidates and measures come from
one set-based query (``sql/queries/geo/link_candidates.sql``); :func:`classify_link` is the
pure decision; the results are written back in one statement.

>>> key = Candidate(parcel_id=7, by_key=True, by_geom=True, overlap=0.999, hausdorff_m=0.02)
>>> classify_link([key], tolerance_m=0.07).status
'matched'
>>> moved = Candidate(parcel_id=7, by_key=True, by_geom=True, overlap=0.93, hausdorff_m=0.85)
>>> r = classify_link([moved], tolerance_m=0.07)
>>> r.status, r.parcel_id, r.measures["hausdorff_m"]
('shape_disagrees', 7, 0.85)
>>> classify_link([], tolerance_m=0.07).status
'not_on_map'
>>> printed = Candidate(7, True, True, 1.0, 0.0, map_area_m2=118.42, printed_area_m2=124.9)
>>> r = classify_link([printed], tolerance_m=0.07, scale=500)
>>> r.status, r.measures["disagrees"], r.measures["area_difference_m2"], r.measures["area_tolerance_m2"]
('shape_disagrees', ['area'], 6.48, 2.235)
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import psycopg

from geo.tolerance import area_tolerance_m2, point_tolerance_m
from landdb.sql import query

__all__ = ["Candidate", "LinkResult", "MIN_OVERLAP", "classify_link", "link_certificates"]

MIN_OVERLAP = 0.95  # intersection / union for "the same parcel"
# A parcel found by geometry alone must overlap at least this much. Not 0.5: a certificate for one half
# of a parcel merged since (or a parcel split in two) overlaps the other outline by ≈ 0.5 — another parcel.
GEOMETRY_CANDIDATE_OVERLAP = 0.8


@dataclass(frozen=True)
class Candidate:
    parcel_id: int
    by_key: bool
    by_geom: bool
    overlap: float | None = None  # None: a geometry is missing, nothing to compare
    hausdorff_m: float | None = None
    cert_area_m2: float | None = None
    map_area_m2: float | None = None
    map_valid: bool | None = None
    srid_differs: bool = False
    printed_area_m2: float | None = None  # the area printed on the certificate
    cert_srid: int | None = None  # 0: the boundary has no CRS (its zone awaits a reviewer)
    map_srid: int | None = None


@dataclass(frozen=True)
class LinkResult:
    status: str
    parcel_id: int | None
    measures: dict[str, Any] = field(default_factory=dict)


def _fits(c: Candidate, tolerance_m: float, min_overlap: float) -> bool:
    return c.overlap is not None and c.overlap >= min_overlap and (c.hausdorff_m or 0.0) <= tolerance_m


def _measures(c: Candidate, by: str, tolerance_m: float) -> dict[str, Any]:
    out: dict[str, Any] = {"by": by, "tolerance_m": tolerance_m}
    for name in ("overlap", "hausdorff_m", "cert_area_m2", "map_area_m2"):
        value = getattr(c, name)
        if value is not None:
            out["overlap_ratio" if name == "overlap" else name] = round(value, 4)
    if c.map_valid is False:
        out["map_geom_invalid"] = True  # measured on ST_MakeValid of it
    if c.srid_differs:
        out["zones_differ"] = cross_zone_message(c.cert_srid, c.map_srid)
    return out


def cross_zone_message(cert_srid: int | None, map_srid: int | None) -> str:
    """Why two outlines were not compared: never across zones, never reprojected to make them meet.

    >>> cross_zone_message(5899, 9210)
    'not compared: the certificate is on EPSG:5899, the map on EPSG:9210 (no comparison across zones)'
    >>> cross_zone_message(0, 9210)[:60]
    'not compared: the certificate boundary has no CRS yet (its z'
    """
    if not cert_srid:
        return (f"not compared: the certificate boundary has no CRS yet (its zone awaits a reviewer); the map is "
                f"on EPSG:{map_srid}")
    return (f"not compared: the certificate is on EPSG:{cert_srid}, the map on EPSG:{map_srid} "
            "(no comparison across zones)")


def _judge(c: Candidate, by: str, tolerance_m: float, min_overlap: float, scale: int | None, area_k: float,
           extra: dict[str, Any]) -> LinkResult:
    """The parcel is identified: does it agree (outline, printed area)?"""
    m = {**_measures(c, by, tolerance_m), **extra}
    reasons = []
    if c.overlap is None:
        m["geometry_compared"] = False
        if c.srid_differs and c.cert_srid:
            reasons.append("zone")  # both say where they are, and they disagree
    elif not _fits(c, tolerance_m, min_overlap):
        reasons.append("outline")
    if scale is not None and c.printed_area_m2 is not None and c.printed_area_m2 > 0 and c.map_area_m2 is not None:
        allowed = area_tolerance_m2(c.printed_area_m2, scale=scale, k=area_k)
        diff = c.printed_area_m2 - c.map_area_m2
        m.update(printed_area_m2=c.printed_area_m2, area_difference_m2=round(diff, 2),
                 area_tolerance_m2=round(allowed, 3))
        if abs(diff) > allowed:
            reasons.append("area")
    if reasons:
        m["disagrees"] = reasons
    return LinkResult("shape_disagrees" if reasons else "matched", c.parcel_id, m)


def classify_link(candidates: list[Candidate], tolerance_m: float, min_overlap: float = MIN_OVERLAP, *,
                  scale: int | None = None, area_k: float | None = None) -> LinkResult:
    """Decide the link of one certificate parcel from its candidates (pure). The printed area is
    compared only when ``scale`` is given, with k of the settings unless ``area_k`` says otherwise."""
    if area_k is None:
        from landdb.settings import get_settings

        area_k = get_settings().area_tolerance_k
    judge = {"tolerance_m": tolerance_m, "min_overlap": min_overlap, "scale": scale, "area_k": area_k}
    by_key = [c for c in candidates if c.by_key]
    if len(by_key) == 1:
        return _judge(by_key[0], "key", extra={}, **judge)
    if len(by_key) > 1:
        fitting = [c for c in by_key if _fits(c, tolerance_m, min_overlap)]
        ids = [c.parcel_id for c in by_key]
        if len(fitting) == 1:
            return _judge(fitting[0], "key+geometry", extra={"duplicate_key_candidates": ids}, **judge)
        return LinkResult("ambiguous", None, {"by": "key", "candidates": ids, "tolerance_m": tolerance_m})
    geo = [c for c in candidates if c.by_geom and (c.overlap or 0.0) >= GEOMETRY_CANDIDATE_OVERLAP]
    if not geo:
        best = max(candidates, key=lambda c: c.overlap or 0.0, default=None)
        m: dict[str, Any] = {"by": "key+geometry", "best_overlap_ratio": round((best and best.overlap) or 0.0, 4)}
        if best is not None and best.overlap:
            m.update(_measures(best, "key+geometry", tolerance_m), nearest_parcel_id=best.parcel_id)
            m["best_overlap_ratio"] = m.pop("overlap_ratio")
        return LinkResult("not_on_map", None, m)
    if len(geo) > 1:
        return LinkResult("ambiguous", None, {"by": "geometry", "candidates": [c.parcel_id for c in geo]})
    return _judge(geo[0], "geometry", extra={"key_differs": True}, **judge)


@dataclass
class LinkSummary:
    counts: dict[str, int] = field(default_factory=dict)
    results: dict[int, LinkResult] = field(default_factory=dict)


def link_certificates(conn: psycopg.Connection, *, commune: str | None = None, default_scale: int | None = None,
                      min_overlap: float = MIN_OVERLAP, area_k: float | None = None,
                      actor: str = "landdb") -> LinkSummary:
    """Link every certificate parcel in scope (all, or one commune) and store the results. A commune code the
    database does not know is an error naming the close ones."""
    if default_scale is None or area_k is None:
        from landdb.settings import get_settings

        default_scale = default_scale or get_settings().default_map_scale
        area_k = get_settings().area_tolerance_k if area_k is None else area_k
    from geo.names import require_commune

    commune = require_commune(conn, commune)
    grouped: dict[int, list[Candidate]] = defaultdict(list)
    scales: dict[int, int] = {}
    with conn.transaction():
        conn.execute(query("audit/set_actor"), (actor,))
        for row in conn.execute(query("geo/link_candidates"), {"commune": commune}).fetchall():
            grouped.setdefault(row["cp_id"], [])
            if row["parcel_id"] is None:
                continue
            scales[row["cp_id"]] = row["scale"] or scales.get(row["cp_id"]) or default_scale
            grouped[row["cp_id"]].append(Candidate(
                row["parcel_id"], row["by_key"], row["by_geom"], row["overlap"], row["hausdorff"],
                row["cert_area"], row["map_area"], row["map_valid"], bool(row["srid_differs"]), row["printed_area"],
                row["cert_srid"], row["map_srid"]))
        summary = LinkSummary()
        for cp_id, cands in grouped.items():
            scale = scales.get(cp_id, default_scale)
            result = classify_link(cands, point_tolerance_m(scale), min_overlap, scale=scale, area_k=area_k)
            result.measures["scale"] = scale
            summary.results[cp_id] = result
            summary.counts[result.status] = summary.counts.get(result.status, 0) + 1
        ids = list(summary.results)
        conn.execute(query("geo/link_update"), {
            "ids": ids, "parcel_ids": [summary.results[i].parcel_id for i in ids],
            "statuses": [summary.results[i].status for i in ids],
            "measures": [json.dumps(summary.results[i].measures) for i in ids]})
    return summary
