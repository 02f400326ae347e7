"""The sample ward map with planted, documented defects, and the certificate plots that lie on it.

Every planted defect is one entry of ``expected_findings.json`` with a QA rule id and parcel keys
``commune/sheet/parcel``. Defects are planted on parcels that hold no certificate and do not touch one,
and altered parcels get their declared area re-computed, so each plant triggers only its own rule.

>>> sample = build_sample(seed=1, certificates=12)
>>> sorted({f['rule'] for f in sample.findings})  # doctest: +NORMALIZE_WHITESPACE
['area_mismatch', 'cert_map_area', 'cert_map_shape', 'cert_not_on_map', 'duplicate_key', 'gap',
 'geometry_invalid', 'overlap']
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
from shapely import affinity
from shapely.geometry import LineString, Polygon
from shapely.ops import split

from landdb.errors import ValidationError
from sample_scans import cadastre
from sample_scans.records import Plot, half_up

SCALE = 500
NEW_WARD = "Phường An Nhơn"  # the ward's name in two-level addresses from Jul 2025 [unconfirmed]
# which certificate (by index in the committed series) carries which planted disagreement
CERT_PLANTS = {5: "cert_map_area", 8: "cert_map_shape", 10: "cert_not_on_map"}


def area_tolerance(area: float, scale: int = SCALE) -> float:
    """ΔP = 0.0004 · M · √P (m², domain.md §4, unconfirmed).

    >>> round(area_tolerance(100.0), 2)
    2.0
    """
    return 0.0004 * scale * math.sqrt(max(area, 0.0))


@dataclass
class Sample:
    map: gpd.GeoDataFrame
    plots: list[Plot]
    findings: list[dict]


def _key(row) -> str:
    return cadastre.parcel_key(row)


def _ring(geom: Polygon) -> tuple[tuple[float, float], ...]:
    """(northing, easting) vertices without the closing one."""
    return tuple((round(y, 2), round(x, 2)) for x, y in list(geom.exterior.coords)[:-1])


def _probe_labels(frame: gpd.GeoDataFrame, idx: int) -> tuple[str, ...]:
    """What lies across each edge of parcel ``idx`` (road name, canal, or 'Thửa N')."""
    geom = frame.geometry.iloc[idx]
    coords = list(geom.exterior.coords)
    sign = 1 if geom.exterior.is_ccw else -1
    labels = []
    for (x1, y1), (x2, y2) in zip(coords[:-1], coords[1:], strict=True):
        mx, my, dx, dy = (x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1
        d = math.hypot(dx, dy) or 1
        probe = gpd.points_from_xy([mx + sign * dy / d * 1.0], [my - sign * dx / d * 1.0])[0]
        hits = [j for j in frame.sindex.query(probe, predicate="intersects") if j != idx]
        if not hits:
            labels.append("")
            continue
        row = frame.iloc[hits[0]]
        labels.append(row["dia_chi"].split(",")[0] if row["loai_dat"] in ("DGT", "SON") else f"Thửa {row['thua']}")
    return tuple(labels)


def _plot(frame: gpd.GeoDataFrame, idx: int, ring=None, **extra) -> Plot:
    row = frame.iloc[idx]
    geom = frame.geometry.iloc[idx]
    labels = _probe_labels(frame, idx)
    ring = ring or _ring(geom)
    # printed_order() reorders the ring; labels follow the map ring, so key them by edge start point
    by_start = dict(zip(ring, labels, strict=False))
    from sample_scans.records import printed_order

    ordered = printed_order(ring)
    return Plot(sheet_no=str(row["to_ban_do"]), parcel_no=str(row["thua"]), ring=ring, land_use=row["loai_dat"],
                district=cadastre.WARD[0], ward=cadastre.WARD[1], street=row["dia_chi"].split(",")[0],
                commune=row["ma_xa"], neighbours=_orient_labels(ordered, by_start, ring), new_ward=NEW_WARD, **extra)


def _orient_labels(ordered, by_start, ring) -> tuple[str, ...]:
    """Labels for the edges of the printed ring (which may run the other way round)."""
    idx = {p: i for i, p in enumerate(ring)}
    out = []
    for a, b in zip(ordered, ordered[1:] + ordered[:1], strict=True):
        i, j = idx[a], idx[b]
        out.append(by_start.get(a, "") if j == (i + 1) % len(ring) else by_start.get(b, ""))
    return tuple(out)


def _neighbours(frame: gpd.GeoDataFrame, idx: int) -> set[int]:
    return {j for j in frame.sindex.query(frame.geometry.iloc[idx].buffer(0.05)) if j != idx}


def _shared_edge(frame: gpd.GeoDataFrame, idx: int, other: int) -> tuple[np.ndarray, np.ndarray] | None:
    """A straight edge of ``idx`` (both ends) that lies on the boundary of ``other``, the longest one."""
    geom, nb = frame.geometry.iloc[idx], frame.geometry.iloc[other]
    coords = np.asarray(geom.exterior.coords)
    best = None
    for a, b in zip(coords[:-1], coords[1:], strict=True):
        seg = LineString([a, b])
        if seg.length > 3 and nb.boundary.buffer(0.005).contains(seg) and (best is None or seg.length > best[2]):
            best = (a, b, seg.length)
    return None if best is None else (best[0], best[1])


def _insert_vertex(geom: Polygon, a: np.ndarray, b: np.ndarray, new: tuple[float, float]) -> Polygon:
    coords = [tuple(c) for c in geom.exterior.coords]
    for i in range(len(coords) - 1):
        if np.allclose(coords[i], a) and np.allclose(coords[i + 1], b):
            coords.insert(i + 1, new)
            return Polygon(coords)
    raise ValidationError("edge to plant on not found")


def _offset_midpoint(geom: Polygon, a, b, metres: float, outward: bool) -> tuple[float, float]:
    (x1, y1), (x2, y2) = a, b
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    d = math.hypot(x2 - x1, y2 - y1)
    nx, ny = (y2 - y1) / d, -(x2 - x1) / d  # right-hand normal
    if geom.contains(gpd.points_from_xy([mx + nx * 0.05], [my + ny * 0.05])[0]) == outward:
        nx, ny = -nx, -ny
    return round(mx + nx * metres, 2), round(my + ny * metres, 2)


def build_sample(seed: int = 1, certificates: int = 12) -> Sample:
    """The ward map with planted defects and ``certificates`` plots for the certificates on it."""
    rng = random.Random(f"landdb-plant:{seed}")
    frame = cadastre.build_ward(seed)
    is_lot = (frame["loai_dat"] == "ODT").to_numpy()
    n_vertices = np.array([len(g.exterior.coords) - 1 for g in frame.geometry])
    areas = frame.geometry.area.to_numpy()
    candidates = [i for i in range(len(frame)) if is_lot[i] and 4 <= n_vertices[i] <= 6 and 45 <= areas[i] <= 400]
    rng.shuffle(candidates)
    if len(candidates) < certificates + 40:
        raise ValidationError(f"the sample ward has room for {len(candidates) - 40} certificates, not {certificates}")
    taken: set[int] = set()
    blocked: set[int] = set()

    def pick() -> int:
        while candidates:
            i = candidates.pop()
            if i not in blocked:
                taken.add(i)
                blocked.update({i} | _neighbours(frame, i))
                return i
        raise ValidationError("ran out of parcels to plant on")

    cert_rows = [pick() for _ in range(certificates)]
    findings: list[dict] = []
    geoms = list(frame.geometry)
    declared = list(frame["dien_tich"])

    i = pick()  # area_mismatch: declared area far from the geometry
    delta = half_up(max(3 * area_tolerance(areas[i]), 6.0), 1)
    declared[i] = half_up(areas[i] + delta, 1)
    findings.append({"rule": "area_mismatch", "keys": [_key(frame.iloc[i])], "declared_m2": declared[i],
                     "geometry_m2": round(areas[i], 2), "tolerance_m2": round(area_tolerance(areas[i]), 2),
                     "detail": f"declared area is {delta} m² larger than the polygon"})

    for rule, metres, outward in (("overlap", 0.6, True), ("gap", 0.35, False)):
        i = pick()
        other = next(j for j in sorted(_neighbours(frame, i)) if is_lot[j] and _shared_edge(frame, i, j) is not None)
        blocked.update(_neighbours(frame, other))
        a, b = _shared_edge(frame, i, other)
        geoms[i] = _insert_vertex(geoms[i], a, b, _offset_midpoint(geoms[i], a, b, metres, outward))
        declared[i] = half_up(geoms[i].area, 1)
        findings.append({"rule": rule, "keys": [_key(frame.iloc[i]), _key(frame.iloc[other])],
                         "area_m2": round(abs(geoms[i].area - areas[i]), 2),
                         "detail": f"a vertex added mid-edge {'into' if outward else 'away from'} the neighbour, "
                                   f"{metres} m off the shared boundary"})

    i = pick()  # geometry_invalid: a zero-width spike into the parcel (footprint unchanged)
    coords = [tuple(c) for c in geoms[i].exterior.coords]
    (x1, y1), (x2, y2) = coords[0], coords[1]
    mid = ((x1 + x2) / 2, (y1 + y2) / 2)  # exactly on the edge: rounding it would push it into the neighbour
    tip = _offset_midpoint(geoms[i], coords[0], coords[1], 1.5, outward=False)
    geoms[i] = Polygon([coords[0], mid, tip, mid, *coords[1:]])
    findings.append({"rule": "geometry_invalid", "keys": [_key(frame.iloc[i])],
                     "detail": "ring self-intersection: a 1.5 m zero-width spike into the parcel"})

    i = pick()  # duplicate_key: the same number as a neighbour on the same sheet
    same_sheet = [j for j in sorted(_neighbours(frame, i)) if frame.iloc[j]["to_ban_do"] == frame.iloc[i]["to_ban_do"]
                  and is_lot[j]]
    j = same_sheet[0]
    blocked.update(_neighbours(frame, j))
    old_key = _key(frame.iloc[i])
    frame.loc[i, "thua"] = frame.iloc[j]["thua"]
    findings.append({"rule": "duplicate_key", "keys": [_key(frame.iloc[j])],
                     "detail": f"two parcels carry this key (the second was {old_key}, now missing from the sheet)"})

    frame["geometry"] = gpd.GeoSeries(geoms, crs=frame.crs)
    frame["dien_tich"] = declared
    plots = [_plot(frame, r) for r in cert_rows]
    plots, cert_findings = _plant_certificates(frame, cert_rows, plots, rng)
    return Sample(map=frame, plots=plots, findings=findings + cert_findings)


def _plant_certificates(frame, cert_rows, plots, rng) -> tuple[list[Plot], list[dict]]:
    findings = []
    for index, rule in CERT_PLANTS.items():
        if index >= len(plots):
            continue
        plot, row = plots[index], frame.iloc[cert_rows[index]]
        area = frame.geometry.iloc[cert_rows[index]].area
        if rule == "cert_map_area":
            printed = half_up(area + max(3 * area_tolerance(area), 6.0), 1)
            plots[index] = _replace(plot, printed_area=printed)
            detail = {"certificate_m2": printed, "map_m2": round(area, 2)}
        elif rule == "cert_map_shape":
            poly = Polygon([(y, x) for x, y in plot.ring])
            moved = affinity.translate(affinity.rotate(poly, 3.0, origin="centroid"), 0.6, -0.5)
            plots[index] = _replace(plot, ring=tuple((round(y, 2), round(x, 2)) for x, y in moved.exterior.coords[:-1]))
            detail = {"detail": "certificate outline rotated 3° and shifted 0.78 m against the map; same area"}
        else:  # cert_not_on_map: a parcel number the sheet does not have; outline = half of the map parcel
            sheet = row["to_ban_do"]
            missing = int(frame.loc[frame["to_ban_do"] == sheet, "thua"].max()) + rng.randint(3, 20)
            poly = Polygon([(y, x) for x, y in plot.ring])
            halves = split(poly, _cross_cut(poly))
            half = max(halves.geoms, key=lambda g: g.area)
            ring = tuple((round(y, 2), round(x, 2)) for x, y in half.exterior.coords[:-1])
            plots[index] = _replace(plot, parcel_no=str(missing), ring=ring, neighbours=())
            detail = {"detail": f"sheet {sheet} has no parcel {missing}: the certificate predates a merger of parcels"}
        key = f"{plots[index].commune}/{plots[index].sheet_no}/{plots[index].parcel_no}"
        findings.append({"rule": rule, "keys": [key], "certificate_index": index, **detail})
    return plots, findings


def _cross_cut(poly: Polygon) -> LineString:
    """A line through the centroid, across the parcel's longest edge direction (cuts a lot into front and back)."""
    coords = np.asarray(poly.exterior.coords)
    edges = coords[1:] - coords[:-1]
    dx, dy = edges[np.argmax(np.hypot(edges[:, 0], edges[:, 1]))]
    length = math.hypot(dx, dy)
    nx, ny = -dy / length * 200, dx / length * 200
    c = poly.centroid
    return LineString([(c.x - nx, c.y - ny), (c.x + nx, c.y + ny)])


def _replace(plot: Plot, **changes) -> Plot:
    from dataclasses import replace

    return replace(plot, **changes)
