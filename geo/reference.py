"""The reference layers of a map file, read exactly as parcels are (:func:`geo.importer.read_map`: the same
columns, numbers, legacy encodings and CRS gate) and kept for the QA rules that check parcels against them:

- **sheet frames** (``import-map --kind sheet-frames``): a layer of polygons, each with its sheet number (the
  mapping's ``sheet_no``), becomes ``map_sheet.frame`` in the layer's SRID (several polygons of one sheet are
  united). A sheet already known on another SRID is refused: nothing is reprojected.
- **road and water features** (``import-map --kind features``): a layer of polygons whose land-use code (the
  mapping's ``land_use``, normalised as for parcels, domain.md §2) is one of ``road_water_land_uses`` (DGT roads,
  DTL irrigation canals, SON rivers and canals, MNC water surfaces) becomes ``map_feature`` rows; any other
  feature is skipped and counted. A re-import replaces what the same file and layer gave the commune.

A frame also comes from a georeferenced paper sheet (``landdb georef … --sheet COMMUNE/SHEET``,
:func:`frame_from_gcps`): the rectangle of its control points' map coordinates, **only** when the four corners of
that rectangle are control points themselves (the neat line's corner crosses, as a sheet is usually
georeferenced); otherwise the sheet keeps no frame. A sheet with no frame is not checked by ``sheet_crossing``
(the run says which), never given a guessed one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import psycopg
import shapely
from psycopg.types.json import Jsonb

from geo.importer import commune_option, decide_crs, feature_fields, jsonable, read_map
from landdb.errors import InputFileError, ValidationError
from landdb.sql import query

KINDS = ("parcels", "sheet-frames", "features")


@dataclass
class ReferenceReport:
    path: str
    layer: str
    kind: str
    srid: int
    written: int = 0
    sheets: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        head = "DRY RUN (nothing written): " if self.dry_run else ""
        what = (f"frames of {len(self.sheets)} sheets ({', '.join(self.sheets)})" if self.kind == "sheet-frames"
                else f"{self.written} road and water features")
        return f"{head}{self.path} [{self.layer}] EPSG:{self.srid}: {what}"


def _polygons(data, report: ReferenceReport) -> tuple[np.ndarray, list[dict[str, Any]]]:
    geoms = shapely.force_2d(data.frame.geometry.values)
    attrs = data.frame.drop(columns=data.frame.geometry.name).to_dict("records")
    keep = []
    for i, g in enumerate(geoms):
        if g is None or g.is_empty:
            report.skipped["no geometry"] = report.skipped.get("no geometry", 0) + 1
        elif shapely.get_type_id(g) not in (3, 6):
            reason = f"not polygonal ({g.geom_type})"
            report.skipped[reason] = report.skipped.get(reason, 0) + 1
        else:
            keep.append(i)
    return geoms[keep], [attrs[i] | {"__index": str(data.frame.index[i])} for i in keep]


def import_reference(conn: psycopg.Connection, path: str | Path, kind: str, *, layer: str | None = None,
                     crs: str | int | None = None, commune: str | None = None,
                     mapping: str | Path | dict | None = None, scale: int | None = None, force_crs: bool = False,
                     actor: str = "landdb", land_uses: list[str] | None = None,
                     dry_run: bool = False) -> ReferenceReport:
    """Import one reference layer (``kind`` 'sheet-frames' or 'features') in one transaction on ``conn``."""
    if kind not in KINDS[1:]:
        raise ValidationError(f"--kind {kind!r}: one of {', '.join(KINDS)}")
    commune = commune_option(commune)
    data, resolved = read_map(path, layer, mapping)
    if not commune and "commune" not in resolved.constants and resolved.columns["commune"] is None:
        raise InputFileError(data.path, "no commune code: give --commune CODE (or a commune column in the mapping)")
    if kind == "sheet-frames" and resolved.columns["sheet_no"] is None and "sheet_no" not in resolved.constants:
        raise InputFileError(data.path, f"no sheet-number column among {list(data.frame.columns)}; name it in the "
                                        "mapping ([columns] sheet_no = \"…\")")
    if kind == "features" and resolved.columns["land_use"] is None and "land_use" not in resolved.constants:
        raise InputFileError(data.path, f"no land-use column among {list(data.frame.columns)}: a road or water "
                                        "feature is known by its land-use code ([columns] land_use = \"…\")")
    decision = decide_crs(conn, data, crs, force_crs, commune)
    source = f"{data.path.name} [{data.layer}]"
    report = ReferenceReport(str(data.path), data.layer, kind, decision.srid, warnings=list(decision.warnings),
                             dry_run=dry_run)
    geoms, attrs = _polygons(data, report)
    rows = [(g, a, feature_fields(a, resolved, commune, None)) for g, a in zip(geoms, attrs, strict=True)]
    with conn.transaction():
        conn.execute(query("geo/set_actor_local"), {"actor": actor})
        if kind == "sheet-frames":
            _frames(conn, rows, decision.srid, source, scale, report)
        else:
            _features(conn, rows, decision.srid, source, set(land_uses or []), report)
        if dry_run:
            raise psycopg.Rollback()
    if not report.written:
        why = "; ".join(f"{n} {r}" for r, n in sorted(report.skipped.items())) or "the layer has no features"
        raise InputFileError(data.path, f"nothing to import from layer {data.layer!r} as {kind} ({why}); "
                                        "nothing was recorded")
    return report


def _skip(report: ReferenceReport, reason: str) -> None:
    report.skipped[reason] = report.skipped.get(reason, 0) + 1


def _frames(conn, rows, srid: int, source: str, scale: int | None, report: ReferenceReport) -> None:
    by_sheet: dict[tuple[str, str], list] = {}
    for geom, _, f in rows:
        if f["sheet_no"] is None or f["commune_code"] is None:
            _skip(report, "no sheet number" if f["sheet_no"] is None else "no commune")
            continue
        by_sheet.setdefault((f["commune_code"], f["sheet_no"]), []).append(geom)
    if not by_sheet:
        return
    keys = sorted(by_sheet)
    known = conn.execute(query("reference/sheet_srids"), {"communes": [k[0] for k in keys],
                                                          "sheets": [k[1] for k in keys]}).fetchall()
    other = [f"{r['commune_code']}/{r['sheet_no']} (EPSG:{r['srid']})" for r in known
             if r["srid"] is not None and r["srid"] != srid]
    if other:
        raise ValidationError(f"{source}: the frames are on EPSG:{srid} but sheets {', '.join(other)} are not; "
                              "a frame is kept in its sheet's own SRID, never reprojected")
    for key in keys:
        _store_frame(conn, key, shapely.make_valid(shapely.union_all(by_sheet[key])), srid, source, scale)
        report.sheets.append(f"{key[0]}/{key[1]}")
    report.written = len(keys)


def _store_frame(conn, key: tuple[str, str], frame, srid: int, source: str, scale: int | None) -> None:
    conn.execute(query("reference/frame_upsert"), {
        "commune_code": key[0], "sheet_no": key[1], "scale": scale, "srid": srid, "source": source,
        "wkb": shapely.to_wkb(frame)})


def sheet_key(text: str) -> tuple[str, str]:
    """``'26893/2'`` → ``('26893', '2')``: a sheet named by its commune code and sheet number.

    >>> sheet_key(" 26893 / 2 ")
    ('26893', '2')
    """
    commune, _, sheet = text.partition("/")
    if not commune.strip() or not sheet.strip() or "/" in sheet:
        raise ValidationError(f"--sheet {text!r}: name the sheet as COMMUNE/SHEET, e.g. 26893/2")
    return commune.strip(), sheet.strip()


CORNER_MATCH_M = 0.001


def frame_from_gcps(points: list[tuple[float, float]], what: str = "GCPs") -> shapely.Polygon:
    """The sheet frame a set of control points (easting, northing) spans: their bounding rectangle, when each
    of its four corners is one of the points (to 1 mm); ValidationError otherwise (never a guess).

    >>> frame_from_gcps([(0, 0), (250, 0), (250, 250), (0, 250), (50, 50)]).bounds
    (0.0, 0.0, 250.0, 250.0)
    """
    xy = np.asarray(points, dtype=float).reshape(-1, 2)
    minx, miny, maxx, maxy = xy[:, 0].min(), xy[:, 1].min(), xy[:, 0].max(), xy[:, 1].max()
    corners = [(minx, miny), (maxx, miny), (maxx, maxy), (minx, maxy)]
    missing = [c for c in corners if not (np.hypot(*(xy - c).T) <= CORNER_MATCH_M).any()]
    if missing or maxx - minx <= 0 or maxy - miny <= 0:
        raise ValidationError(f"{what}: the control points' rectangle has {4 - len(missing)} of its 4 corners among "
                              "them; the frame is known only from the neat line's four corner points, so the sheet "
                              "keeps no frame")
    return shapely.box(minx, miny, maxx, maxy)


def record_georef_frame(conn: psycopg.Connection, sheet: str, points: list[tuple[float, float]], srid: int,
                        source: str, actor: str = "landdb") -> tuple[str, str]:
    """Record the frame of a georeferenced paper sheet (``sheet`` = 'COMMUNE/SHEET') in one transaction."""
    key = sheet_key(sheet)
    frame = frame_from_gcps(points, source)
    with conn.transaction():
        conn.execute(query("geo/set_actor_local"), {"actor": actor})
        known = conn.execute(query("reference/sheet_srids"), {"communes": [key[0]], "sheets": [key[1]]}).fetchall()
        if known and known[0]["srid"] not in (None, srid):
            raise ValidationError(f"{source}: sheet {sheet} is on EPSG:{known[0]['srid']} and the paper sheet on "
                                  f"EPSG:{srid}; a frame is kept in its sheet's own SRID, never reprojected")
        _store_frame(conn, key, frame, srid, source, None)
    return key


def _features(conn, rows, srid: int, source: str, land_uses: set[str], report: ReferenceReport) -> None:
    chosen = []
    for geom, attrs, f in rows:
        code = (f["land_use_code"] or "").upper()
        if f["commune_code"] is None:
            _skip(report, "no commune")
        elif not code:
            _skip(report, "no land-use code")
        elif code not in land_uses:
            _skip(report, f"land use {code} is not a road or water feature")
        else:
            chosen.append((geom, attrs, f, code))
    if not chosen:
        return
    conn.execute(query("reference/features_delete"), {"source": source,
                                                       "communes": sorted({c[2]["commune_code"] for c in chosen})})
    for geom, attrs, f, code in chosen:
        conn.execute(query("reference/feature_insert"), {
            "commune_code": f["commune_code"], "land_use_code": code, "land_use_raw": f["land_use_raw"],
            "name": f["name"], "srid": srid, "wkb": shapely.to_wkb(geom), "source": source,
            "source_feature": attrs.pop("__index"), "attributes": Jsonb({k: jsonable(v) for k, v in attrs.items()})})
    report.written = len(chosen)
