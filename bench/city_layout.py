"""The synthetic city's land, one commune at a time: lots along roads and canals, sheet by sheet, with a known
set of planted defects (``bench/city.py`` loads it).

A commune is a grid of map sheets (200 m × 300 m, 1:500). A sheet holds six street blocks, each a road parcel
(DGT, 10 m) with two rows of lots behind it (front row and back row, depths 18/22, 20/20 or 22/18 m); lots are
4–8 m wide, as HCMC's tube houses. Every third column of sheets is crossed by a canal parcel (SON, 15 m) that cuts
its roads and rows. Coordinates are VN-2000 / HCMC (EPSG:9210) rounded to the centimetre, so neighbours share
their edges exactly: a correct map has no overlap and no gap, and every QA finding is a planted defect.

Planted defects (each a fraction ``rate`` of the lots, the same for every kind; never two side by side, so each
is one finding):
``overlap`` a lot reaches 0.5 m into its right neighbour; ``gap`` a front-row lot stops 0.4 m short of its
right neighbour (a hole closed by the road and the back row); ``sliver`` a 0.2 m strip cut off a lot as its
own parcel; ``spike`` a 2 m spike on a lot's back edge (invalid geometry); ``duplicate_key`` a lot with its
left neighbour's parcel number; ``area_mismatch`` a declared area 15 % off; ``unknown_land_use`` a code not in
the 2014/2024 lists.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass

SRID = 9210
ORIGIN_E, ORIGIN_N = 585000.0, 1185000.0      # inside HCMC's VN-2000 zone (central meridian 105°45')
SHEET_W, ROAD, BLOCKS = 200.0, 10.0, 6
DEPTHS = [(18.0, 22.0), (20.0, 20.0), (22.0, 18.0)]
BLOCK_H = ROAD + 40.0
SHEET_H = BLOCKS * BLOCK_H
CANAL_FROM, CANAL_TO = 90.0, 105.0            # the canal's strip within a sheet of every third column
COMMUNE_GAP = 300.0                            # open land between communes
LOT_WIDTHS = (4.0, 8.0)
DEFECTS = ("overlap", "gap", "sliver", "spike", "duplicate_key", "area_mismatch", "unknown_land_use")
LOT_USES = ["ODT"] * 17 + ["TMD", "CLN", "SKC"]


@dataclass
class Lot:
    sheet: int
    parcel_no: int
    ring: list[tuple[float, float]]            # (easting, northing), closed
    land_use: str
    kind: str                                  # lot | road | canal | sliver
    street: str = ""
    house: int = 0
    declared: float = 0.0
    defect: str | None = None

    def ewkt(self) -> str:
        return f"SRID={SRID};POLYGON((" + ",".join(f"{e:.2f} {n:.2f}" for e, n in self.ring) + "))"

    def area(self) -> float:
        ring = self.ring
        return abs(sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1))) / 2


def box(e0: float, n0: float, e1: float, n1: float) -> list[tuple[float, float]]:
    return [(e0, n0), (e1, n0), (e1, n1), (e0, n1), (e0, n0)]


def sheets_for(parcels: int) -> int:
    """How many sheets a commune of ``parcels`` parcels spans (≈ 400 parcels a sheet)."""
    return max(1, math.ceil(parcels / 380))


def commune_origin(index: int, communes: int, sheets: int) -> tuple[float, float]:
    cols = math.ceil(math.sqrt(communes))
    side = math.ceil(math.sqrt(sheets))
    size_e, size_n = side * SHEET_W + COMMUNE_GAP, side * SHEET_H + COMMUNE_GAP
    return ORIGIN_E + (index % cols) * size_e, ORIGIN_N + (index // cols) * size_n


def _widths(rng: random.Random, start: float, end: float) -> list[tuple[float, float]]:
    """Cut [start, end] into lot frontages of 4–8 m (a remainder under 3 m joins the last lot)."""
    cuts, e = [], start
    while end - e > LOT_WIDTHS[1]:
        w = round(rng.uniform(*LOT_WIDTHS), 1)
        cuts.append((e, e + w))
        e += w
    if cuts and end - e < 3.0:
        cuts[-1] = (cuts[-1][0], end)
    else:
        cuts.append((e, end))
    return cuts


def commune_lots(rng: random.Random, index: int, communes: int, parcels: int, streets: list[str],
                 rate: float) -> Iterator[Lot]:
    """The ``parcels`` parcels of commune number ``index``, sheet after sheet, defects planted."""
    sheets = sheets_for(parcels)
    side = math.ceil(math.sqrt(sheets))
    oe, on = commune_origin(index, communes, sheets)
    made = 0
    for sheet in range(sheets + 1):
        e0 = oe + (sheet % side) * SHEET_W
        n0 = on + (sheet // side) * SHEET_H
        canal = sheet % side % 3 == 2
        segments = [(e0, e0 + CANAL_FROM), (e0 + CANAL_TO, e0 + SHEET_W)] if canal else [(e0, e0 + SHEET_W)]
        number = 0

        def lot(ring: list[tuple[float, float]], use: str, kind: str, sheet: int = sheet, **extra: object) -> Lot:
            nonlocal number, made
            number += 1
            made += 1
            return Lot(sheet + 1, number, ring, use, kind, **extra)

        if canal:
            yield lot(box(e0 + CANAL_FROM, n0, e0 + CANAL_TO, n0 + SHEET_H), "SON", "canal")
        for block in range(BLOCKS):
            street = streets[(sheet * BLOCKS + block) % len(streets)]
            bn = n0 + block * BLOCK_H
            front, back = DEPTHS[(sheet + block) % len(DEPTHS)]
            for s0, s1 in segments:
                if made >= parcels:
                    return
                yield lot(box(s0, bn, s1, bn + ROAD), "DGT", "road", street=street)
            for row, (r0, r1) in enumerate([(bn + ROAD, bn + ROAD + front), (bn + ROAD + front, bn + BLOCK_H)]):
                house = 1 + row
                for s0, s1 in segments:
                    cuts = _widths(rng, s0, s1)
                    defect = None
                    for i, (a, b) in enumerate(cuts):
                        if made >= parcels:
                            return
                        interior = 0 < i < len(cuts) - 1
                        # never two defects side by side (an overlap into a sliver would be two findings)
                        defect = None if defect else _pick(rng, rate, interior, row == 0 and parcels - made > 100)
                        made_lot = lot(box(a, r0, b, r1), rng.choice(LOT_USES), "lot", street=street, house=house)
                        house += 2
                        yield from _plant(made_lot, defect, number, lot)


def _pick(rng: random.Random, rate: float, interior: bool, gap_ok: bool) -> str | None:
    if rng.random() >= rate * len(DEFECTS):
        return None
    kind = rng.choice(DEFECTS)
    if kind in ("overlap", "gap") and not interior or kind == "gap" and not gap_ok:
        return None
    return kind


def _plant(made: Lot, defect: str | None, number: int, lot) -> Iterator[Lot]:
    """Apply ``defect`` to the lot just made (a sliver adds a parcel)."""
    (a, r0), (b, _), (_, r1) = made.ring[0], made.ring[1], made.ring[2]
    made.declared = round(made.area(), 1)
    made.defect = defect
    if defect == "overlap":
        made.ring = box(a, r0, b + 0.5, r1)
    elif defect == "gap":
        made.ring = box(a, r0, b - 0.4, r1)
    elif defect == "sliver":
        made.ring = box(a + 0.2, r0, b, r1)
        made.declared = round(made.area(), 1)
        made.defect = None
        yield made
        strip = lot(box(a, r0, a + 0.2, r1), made.land_use, "sliver", street=made.street, house=made.house)
        strip.declared = round(strip.area(), 1)
        strip.defect = "sliver"
        yield strip
        return
    elif defect == "spike":
        mid = round((a + b) / 2, 2)
        made.ring = [(a, r0), (b, r0), (b, r1), (mid, r1), (mid, r1 + 2.0), (mid, r1), (a, r1), (a, r0)]
    elif defect == "duplicate_key":
        made.parcel_no = number - 1
    elif defect == "area_mismatch":
        made.declared = round(made.area() * 1.15, 1)
    elif defect == "unknown_land_use":
        made.land_use = "ZZZ"
    yield made
