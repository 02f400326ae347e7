"""A synthetic cadastral map of one HCMC ward on VN-2000 / TM-3 105°45′ (EPSG:9210).

The ward is a planar partition (no overlaps, no gaps): a rotated street grid, a canal along its north
side, blocks split into street-facing lots. Roads and the canal are parcels too, cut at sheet edges.
Four 1:500 sheets (250 m squares on the VN-2000 grid, corners at round coordinates) numbered 1–4 left to
right, top to bottom; parcels numbered from 1 on each sheet, left to right, top to bottom (domain.md §4).
Coordinates are rounded to 0.01 m after inserting every T-junction vertex into its neighbour, so
neighbours share vertices exactly.

The commune code ``26893`` stands for "Phường 5, Quận Gò Vấp" — a real-looking 5-digit ward code
[unconfirmed]; it is a parameter (``COMMUNE``) so nothing else depends on its value.

>>> ward = build_ward(seed=1)
>>> len(ward) > 200, sorted(set(ward['to_ban_do']))
(True, [1, 2, 3, 4])
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from shapely import affinity
from shapely.geometry import LineString, Polygon, box
from shapely.ops import split

COMMUNE = "26893"
WARD = ("Gò Vấp", "Phường 5")
CRS = "EPSG:9210"
ORIGIN = (600_950.0, 1_197_900.0)  # easting, northing of the ward's south-west corner (before rotation)
ROTATION = 6.0  # degrees, counter-clockwise
SIZE = 440.0
SHEET = 250.0  # a 50 cm x 50 cm sheet at 1:500, aligned with the VN-2000 grid
SHEET_GRID = (600_900.0, 1_197_900.0)  # easting, northing of the south-west corner of the sheet grid
SHEET_COLS = SHEET_ROWS = 2
# (position along the other axis, width m, name)
ROADS_U = [(58.0, 4.0, "Hẻm 58 Nguyễn Văn Lượng"), (118.0, 10.0, "Nguyễn Văn Lượng"), (182.0, 4.0, "Hẻm 182"),
           (246.0, 14.0, "Quang Trung"), (310.0, 4.0, "Hẻm 310 Quang Trung"), (372.0, 6.0, "Hẻm 372")]
ROADS_V = [(50.0, 4.0, "Hẻm 50"), (106.0, 6.0, "Hẻm 106"), (168.0, 4.0, "Hẻm 168 Phạm Văn Chiêu"),
           (232.0, 12.0, "Phạm Văn Chiêu"), (294.0, 4.0, "Hẻm 294"), (352.0, 8.0, "Lê Đức Thọ")]
CANAL = ("Rạch Bến Cát", 16.0)
OTHER_USES = [("TMD", 0.05), ("CLN", 0.03), ("DGD", 0.01), ("TON", 0.01), ("DCH", 0.005)]


@dataclass
class Lot:
    geom: Polygon
    use: str
    street: str | None


def _canal_polygon() -> Polygon:
    line = LineString([(-5, 410), (150, 419), (300, 404), (445, 424)])
    return line.buffer(CANAL[1] / 2, cap_style="flat", join_style="mitre").intersection(box(0, 0, SIZE, SIZE))


def _road_polygons() -> list[tuple[Polygon, str]]:
    roads = [(box(u - w / 2, 0, u + w / 2, SIZE), name) for u, w, name in ROADS_U]
    roads += [(box(0, v - w / 2, SIZE, v + w / 2), name) for v, w, name in ROADS_V]
    return roads


def _cut(pieces: list[Polygon], line: LineString) -> list[Polygon]:
    out: list[Polygon] = []
    for piece in pieces:
        if piece.intersects(line):
            out.extend(g for g in split(piece, line).geoms if g.area > 0.5)
        else:
            out.append(piece)
    return out


def _split_block(block: Polygon, rng: random.Random) -> list[Polygon]:
    """Split a block into lots facing its two long sides, with slightly skewed side lines."""
    minx, miny, maxx, maxy = block.bounds
    wide = (maxx - minx) >= (maxy - miny)
    if not wide:
        block = affinity.rotate(block, 90, origin=(0, 0))
        minx, miny, maxx, maxy = block.bounds
    pieces = [block]
    depth = maxy - miny
    if depth > 26:  # two rows back to back, with a kinked back line
        mid = miny + depth * rng.uniform(0.42, 0.58)
        kink = (minx + maxx) / 2 + rng.uniform(-20, 20)
        pieces = _cut(pieces, LineString([(minx - 1, mid), (kink, mid + rng.uniform(-0.8, 0.8)), (maxx + 1, mid)]))
    x = minx + rng.uniform(4, 12)
    while x < maxx - 4:
        skew = rng.uniform(-0.7, 0.7)
        pieces = _cut(pieces, LineString([(x - skew, miny - 1), (x + skew, maxy + 1)]))
        x += rng.choice([4.0, 4.2, 4.5, 5.0, 5.0, 5.5, 6.0, 7.5, 8.0, 10.0, 12.0]) + rng.uniform(-0.3, 0.3)
    if not wide:
        pieces = [affinity.rotate(p, -90, origin=(0, 0)) for p in pieces]
    return [p for p in pieces if isinstance(p, Polygon)]


def _nearest_street(geom: Polygon, roads: list[tuple[Polygon, str]]) -> str:
    return min(roads, key=lambda r: r[0].distance(geom))[1]


def _to_vn2000(geom):
    """Rotate about the ward origin, move to VN-2000 and round every coordinate to 0.01 m."""
    geom = affinity.rotate(geom, ROTATION, origin=(0, 0))
    geom = affinity.translate(geom, ORIGIN[0], ORIGIN[1])
    return clean_polygon(shapely.set_precision(geom, 0.01, mode="pointwise"))


def _clean_ring(coords: np.ndarray, tol: float = 1e-6) -> np.ndarray:
    """Drop repeated points and zero-width spikes (a -> b -> back along the same line) from a closed ring."""
    pts = [tuple(p) for p in coords[:-1]]
    changed = True
    while changed and len(pts) > 3:
        changed = False
        for i in range(len(pts)):
            a, b, c = np.array(pts[i - 1]), np.array(pts[i]), np.array(pts[(i + 1) % len(pts)])
            ab, bc = b - a, c - b
            dup = np.hypot(*ab) < tol
            spike = abs(ab[0] * bc[1] - ab[1] * bc[0]) < tol * max(np.hypot(*ab), np.hypot(*bc), 1) and ab @ bc < 0
            if dup or spike:
                del pts[i]
                changed = True
                break
    return np.asarray([*pts, pts[0]])


def clean_polygon(geom: Polygon) -> Polygon:
    """The polygon without repeated points and spikes (shared edges stay as they are)."""
    return Polygon(_clean_ring(np.asarray(geom.exterior.coords)),
                   [_clean_ring(np.asarray(r.coords)) for r in geom.interiors])


def _insert_points(ring: np.ndarray, points: np.ndarray, tol: float = 1e-6) -> np.ndarray:
    """Add to a closed ring every point lying strictly inside one of its edges (within ``tol``)."""
    out = [ring[0]]
    for a, b in zip(ring[:-1], ring[1:], strict=True):
        d = b - a
        length2 = float(d @ d)
        if length2 > 0 and len(points):
            t = (points - a) @ d / length2
            rel = points - a
            dist = np.abs(d[0] * rel[:, 1] - d[1] * rel[:, 0]) / np.sqrt(length2)
            hit = (t > 1e-9) & (t < 1 - 1e-9) & (dist < tol)
            out.extend(points[hit][np.argsort(t[hit])])
        out.append(b)
    return np.asarray(out)


def _node(geoms: list[Polygon]) -> list[Polygon]:
    """Insert into each polygon the neighbours' vertices that lie on its edges (T-junctions), so that
    rounding the coordinates later moves shared points together and opens no slivers."""
    tree = shapely.STRtree(geoms)
    out = []
    for i, g in enumerate(geoms):
        near = [geoms[j] for j in tree.query(g.buffer(0.01)) if j != i]
        if not near:
            out.append(g)
            continue
        points = np.unique(shapely.get_coordinates(shapely.boundary(near)), axis=0)
        shell = _insert_points(np.asarray(g.exterior.coords), points)
        holes = [_insert_points(np.asarray(r.coords), points) for r in g.interiors]
        out.append(Polygon(shell, holes))
    return out


def sheet_squares_vn2000() -> dict[int, Polygon]:
    """Sheet number → its square in VN-2000 (easting, northing); 1 = north-west, numbered by rows."""
    out = {}
    for row in range(SHEET_ROWS):
        for col in range(SHEET_COLS):
            e0 = SHEET_GRID[0] + col * SHEET
            n0 = SHEET_GRID[1] + (SHEET_ROWS - 1 - row) * SHEET
            out[row * SHEET_COLS + col + 1] = box(e0, n0, e0 + SHEET, n0 + SHEET)
    return out


def _to_local(geom):
    return affinity.rotate(affinity.translate(geom, -ORIGIN[0], -ORIGIN[1]), -ROTATION, origin=(0, 0))


def sheet_boxes() -> dict[int, Polygon]:
    """The sheet squares in the ward's local (unrotated) frame, where the ward is drawn."""
    return {n: _to_local(sq) for n, sq in sheet_squares_vn2000().items()}


def _number(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Number parcels per sheet, left to right in 20 m bands from the top of the sheet."""
    pts = frame.geometry.representative_point()
    frame = frame.assign(_band=[-int(p.y // 20) for p in pts], _x=[p.x for p in pts])
    frame = frame.sort_values(["to_ban_do", "_band", "_x"]).reset_index(drop=True)
    frame["thua"] = frame.groupby("to_ban_do").cumcount() + 1
    return frame.drop(columns=["_band", "_x"])


def build_ward(seed: int = 1) -> gpd.GeoDataFrame:
    """The clean ward map (no planted defects) as a GeoDataFrame in EPSG:9210, layer ``thua_dat`` columns."""
    rng = random.Random(f"landdb-cadastre:{seed}")
    ward = box(0, 0, SIZE, SIZE)
    canal = _canal_polygon()
    roads = _road_polygons()
    road_union = shapely.union_all([r for r, _ in roads]).difference(canal)
    blocks = ward.difference(canal).difference(road_union)
    lots: list[Lot] = []
    for block in getattr(blocks, "geoms", [blocks]):
        if block.area < 20:
            continue
        for piece in _split_block(block, rng):
            use = "ODT"
            roll = rng.random()
            for code, share in OTHER_USES:
                if roll < share:
                    use = code
                    break
                roll -= share
            lots.append(Lot(piece, use, _nearest_street(piece, roads)))
    rows = []
    sheets = sheet_boxes()
    for lot in lots:
        sheet = next(n for n, sq in sheets.items() if sq.contains(lot.geom.representative_point()))
        rows.append({"to_ban_do": sheet, "loai_dat": lot.use, "dia_chi": lot.street, "geometry": lot.geom})
    for n, sq in sheets.items():  # roads and the canal are parcels too, cut at the sheet edges
        for geom, name in [(road_union, "Đường"), (canal, CANAL[0])]:
            part = geom.intersection(sq)
            for g in getattr(part, "geoms", [part]):
                if isinstance(g, Polygon) and g.area > 1:
                    label = name if name != "Đường" else _nearest_street(g.representative_point().buffer(0.1), roads)
                    rows.append({"to_ban_do": n, "loai_dat": "SON" if name == CANAL[0] else "DGT",
                                 "dia_chi": label, "geometry": g})
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=None)
    frame["geometry"] = [_to_vn2000(g) for g in _node([clean_polygon(g) for g in frame.geometry])]
    frame = frame.set_crs(CRS)
    frame = _number(frame)
    frame["ma_xa"] = COMMUNE
    frame["dien_tich"] = [round(g.area, 1) for g in frame.geometry]
    frame["dia_chi"] = [f"{s}, {WARD[1]}, Quận {WARD[0]}" for s in frame["dia_chi"]]
    return frame[["ma_xa", "to_ban_do", "thua", "dien_tich", "loai_dat", "dia_chi", "geometry"]]


def parcel_key(row) -> str:
    """``commune/sheet/parcel`` of a map row."""
    return f"{row['ma_xa']}/{row['to_ban_do']}/{row['thua']}"
