"""Cadastral map import: one layer of one file → ``parcel`` rows, in ONE transaction.

How (measured in ``bench/bench_import.py``): GDAL reads the layer (pyogrio), shapely judges
validity and encodes WKB, psycopg ``COPY … (format binary)`` fills a temporary staging
table, and a few set-based statements (``sql/queries/geo/``) insert, update or delete.

- The declared CRS is checked (:func:`geo.crs.check_declared_crs`); anything but ``ok`` is
  refused unless ``crs`` is given. Nothing is reprojected: parcels keep the file's zone.
- Invalid geometries are imported as they are, with ``parcel.is_valid = false``.
- Idempotent: the same file (sha256), layer, CRS and commune again writes nothing. A file
  whose sheet content changed makes a new version of that sheet (``map_sheet.version``) and a
  ``map_sheet_change`` row naming the parcels added, removed and changed; unchanged sheets
  are not touched. Updates and deletes go through the audit trigger; the bulk inserts are
  recorded once, as the ``map_import`` row with ``imported_by``.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import psycopg
import shapely

from geo.crs import check_declared_crs, parse_srid
from geo.mapping import ResolvedMapping, clean_key, load_mapping, parse_number, resolve_mapping
from geo.sources import LayerData, file_sha256, read_layer
from landdb.errors import CRSError, InputFileError
from landdb.landuse import normalize_code
from landdb.sql import query

__all__ = ["ImportReport", "import_map", "stage_rows"]

STAGE_TYPES = ["text", "text", "text", "text", "int4", "float8", "float8", "text", "text", "text", "jsonb",
               "bytea", "bool", "text"]


@dataclass
class ImportReport:
    path: str
    layer: str
    srid: int
    declared_srid: int | None
    crs_verdict: str
    map_import_id: int | None
    already_imported: bool
    features: int = 0
    invalid: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    sheets: dict[str, int] = field(default_factory=dict)  # status -> count
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.already_imported:
            return (f"{self.path} [{self.layer}] already imported as map_import #{self.map_import_id}; "
                    "nothing changed")
        sheets = ", ".join(f"{n} {k}" for k, n in sorted(self.sheets.items()))
        return (f"{self.path} [{self.layer}] EPSG:{self.srid} → map_import #{self.map_import_id}: "
                f"{self.features} features ({self.invalid} invalid, kept as they are), sheets: {sheets}; "
                f"parcels +{self.inserted} ~{self.updated} -{self.deleted}")


def _jsonable(value: Any) -> Any:
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, np.integer | np.bool_):
        return value.item()
    if value is None or isinstance(value, str | int | bool):
        return value
    return str(value)


def _land_use(row: dict[str, Any], mapping: ResolvedMapping) -> tuple[str | None, str | None]:
    col = mapping.columns.get("land_use")
    raw = clean_key(row.get(col)) if col else None
    if raw is None and col and col.lower().startswith("mdsd"):  # fall back to loai_dat when mdsd… is empty
        raw = clean_key(row.get(next((c for c in row if c.lower() == "loai_dat"), ""), None))
    return raw, (normalize_code(raw, mapping.land_use_date) if raw else None)


def stage_rows(data: LayerData, mapping: ResolvedMapping, commune: str | None) -> tuple[list[tuple], dict]:
    """The staging rows for the layer (pure: no database) and counts of what was skipped.

    Every feature needs a polygonal geometry, a parcel number, a sheet (a file without
    sheets is one sheet named after the file) and a commune; a feature without one is
    skipped and counted, never given a made-up value.
    """
    frame = data.frame
    geoms = frame.geometry.values
    if shapely.has_z(geoms).any():
        geoms = shapely.force_2d(geoms)
        data.notes.append("Z coordinates dropped (2D parcels)")
    kinds = shapely.get_type_id(geoms)
    polygonal = np.isin(kinds, [3, 6])  # Polygon, MultiPolygon
    valid = shapely.is_valid(geoms)
    wkb = shapely.to_wkb(geoms, output_dimension=2)
    attrs = frame.drop(columns=frame.geometry.name).to_dict("records")
    sheet_col, parcel_col = mapping.columns.get("sheet_no"), mapping.columns.get("parcel_no")
    commune_col = mapping.columns.get("commune")
    skipped: dict[str, int] = {}
    rows, seen = [], {}
    for i, row in enumerate(attrs):
        def skip(reason: str) -> None:
            skipped[reason] = skipped.get(reason, 0) + 1

        if geoms[i] is None:
            skip("no geometry")
            continue
        if not polygonal[i]:
            skip(f"not polygonal ({shapely.get_type_id(geoms[i])!s} {geoms[i].geom_type})")
            continue
        sheet = mapping.constants.get("sheet_no") or (clean_key(row.get(sheet_col)) if sheet_col else data.path.stem)
        parcel = mapping.constants.get("parcel_no") or (clean_key(row.get(parcel_col)) if parcel_col else None)
        commune_code = commune or mapping.constants.get("commune") or (
            clean_key(row.get(commune_col)) if commune_col else None)
        if sheet is None or parcel is None or commune_code is None:
            skip("no " + ("sheet number" if sheet is None else "parcel number" if parcel is None else "commune"))
            continue
        key = (commune_code, sheet, parcel)
        seen[key] = seq = seen.get(key, 0) + 1
        raw = {k: _jsonable(v) for k, v in row.items()}
        raw_json = json.dumps(raw, ensure_ascii=False, sort_keys=True)
        declared = parse_number(row.get(mapping.columns["declared_area"])) if mapping.columns["declared_area"] else None
        legal = parse_number(row.get(mapping.columns["legal_area"])) if mapping.columns["legal_area"] else None
        address = clean_key(row.get(mapping.columns["address"])) if mapping.columns["address"] else None
        land_raw, land_code = _land_use(row, mapping)
        digest = hashlib.sha256(wkb[i] + raw_json.encode()).hexdigest()
        rows.append((str(frame.index[i]), commune_code, sheet, parcel, seq, declared or None, legal or None, address,
                     land_raw, land_code, raw, wkb[i], bool(valid[i]), digest))
    return rows, skipped


def _check_crs(data: LayerData, crs: str | int | None, expected_srid: int | None) -> tuple[int, str]:
    bounds = tuple(float(v) for v in data.frame.total_bounds)
    if crs is not None:
        srid = parse_srid(crs)
        check = check_declared_crs(srid, bounds, expected_srid=expected_srid)
        if check.verdict == "refused":
            raise CRSError(check.message(f"{data.path} with --crs EPSG:{srid}") + "; refusing to import")
        if data.declared_srid not in (None, srid):
            data.notes.append(f"file says EPSG:{data.declared_srid}; imported as EPSG:{srid} (--crs), not reprojected")
        return srid, f"given by --crs ({check.verdict})"
    check = check_declared_crs(data.declared_srid, bounds, expected_srid=expected_srid)
    if not check.ok:
        hint = f" --crs EPSG:{check.suggested_srid}" if check.suggested_srid else " --crs EPSG:<code>"
        raise CRSError(check.message(str(data.path)) + f". Refusing to import; if you are sure, re-run with{hint}")
    return int(data.declared_srid), check.verdict


def _keys(rows: list[dict]) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for r in rows:
        label = r["parcel_no"] if r["key_seq"] == 1 else f"{r['parcel_no']}#{r['key_seq']}"
        out.setdefault((r["commune_code"], r["sheet_no"]), []).append(label)
    return out


def _expected_srid(conn: psycopg.Connection, commune: str | None) -> int | None:
    if not commune:
        return None
    row = conn.execute(query("geo/commune_zone"), {"code": commune}).fetchone()
    return None if row is None else row["vn2000_srid"]


def import_map(conn: psycopg.Connection, path: str | Path, *, layer: str | None = None, crs: str | int | None = None,
               commune: str | None = None, mapping: str | Path | dict | None = None, actor: str = "landdb",
               scale: int | None = None) -> ImportReport:
    """Import one layer of a map file into ``parcel`` in one transaction on ``conn``; see the module doc.

    On a connection already inside a transaction the import is a savepoint: the caller commits.
    """
    overrides = load_mapping(mapping) if isinstance(mapping, str | Path) else (mapping or {})
    data = read_layer(path, layer, overrides.get("encoding"))
    resolved = resolve_mapping(list(data.frame.columns.drop(data.frame.geometry.name)), overrides, str(data.path))
    if resolved.columns["parcel_no"] is None and "parcel_no" not in resolved.constants:
        raise InputFileError(data.path, f"no parcel-number column among {list(data.frame.columns)}; "
                                        "name it in the mapping ([columns] parcel_no = \"…\")")
    if not commune and "commune" not in resolved.constants and resolved.columns["commune"] is None:
        raise InputFileError(data.path, "no commune code: give --commune CODE (or a commune column in the mapping)")
    srid, verdict = _check_crs(data, crs, _expected_srid(conn, commune))
    sha = file_sha256(data.path)
    report = ImportReport(str(data.path), data.layer, srid, data.declared_srid, verdict, None, False,
                          notes=list(data.notes))
    with conn.transaction():
        found = conn.execute(query("geo/find_import"), {"sha256": sha, "layer": data.layer, "srid": srid,
                                                       "commune_code": commune}).fetchone()
        if found is not None:
            report.map_import_id, report.already_imported = found["id"], True
            return report
        rows, report.skipped = stage_rows(data, resolved, commune)
        report.features = len(rows)
        report.invalid = sum(1 for r in rows if not r[12])
        conn.execute(query("geo/stage_drop"))  # inside a caller's transaction ON COMMIT DROP has not run yet
        conn.execute(query("geo/stage_create"))
        with conn.cursor().copy(query("geo/stage_copy")) as copy:
            copy.set_types(STAGE_TYPES)
            for r in rows:
                copy.write_row(r)
        sheets = conn.execute(query("geo/sheet_status")).fetchall()
        for s in sheets:
            report.sheets[s["status"]] = report.sheets.get(s["status"], 0) + 1
        meta = {"features": report.features, "invalid": report.invalid, "skipped": report.skipped,
                "crs": verdict, "crs_source": data.crs_source, "sheets": report.sheets, "notes": report.notes,
                "mapping": {k: resolved.source_of(k) for k in resolved.columns}}
        import_id = conn.execute(query("geo/insert_import"), {
            "path": str(data.path.resolve()), "layer": data.layer, "sha256": sha, "declared_srid": data.declared_srid,
            "srid": srid, "commune_code": commune, "feature_count": report.features, "imported_by": actor,
            "report": json.dumps(meta, ensure_ascii=False)}).fetchone()["id"]
        report.map_import_id = import_id
        todo = [s for s in sheets if s["status"] != "unchanged"]
        changed = [s for s in todo if s["status"] == "changed"]
        scope = {"srid": srid, "import_id": import_id}
        ch = {**scope, "communes": [s["commune_code"] for s in changed], "sheets": [s["sheet_no"] for s in changed]}
        conn.execute(query("geo/set_actor_local"), {"actor": actor})
        updated = _keys(conn.execute(query("geo/parcels_update"), ch).fetchall()) if changed else {}
        removed: dict = {}
        if changed:
            conn.execute(query("geo/parcels_unlink_removed"), ch)
            removed = _keys(conn.execute(query("geo/parcels_delete_removed"), ch).fetchall())
        conn.execute(query("geo/set_actor_local"), {"actor": ""})  # bulk inserts: recorded once, in map_import
        allp = {**scope, "communes": [s["commune_code"] for s in todo], "sheets": [s["sheet_no"] for s in todo]}
        added = _keys(conn.execute(query("geo/parcels_insert"), allp).fetchall()) if todo else {}
        conn.execute(query("geo/set_actor_local"), {"actor": actor})
        for s in todo:
            key = (s["commune_code"], s["sheet_no"])
            params = {**scope, "commune_code": key[0], "sheet_no": key[1], "scale": scale,
                      "source": str(data.path.name), "content_sha256": s["content_sha256"], "sheet_id": s["sheet_id"]}
            new = conn.execute(query("geo/sheet_insert" if s["sheet_id"] is None else "geo/sheet_update"),
                               params).fetchone()
            conn.execute(query("geo/sheet_change_insert"), {
                "sheet_id": new["id"], "import_id": import_id, "from_version": s["version"],
                "to_version": new["version"], "added": sorted(added.get(key, [])),
                "removed": sorted(removed.get(key, [])), "changed": sorted(updated.get(key, []))})
        conn.execute(query("geo/stage_drop"))
        report.inserted = sum(map(len, added.values()))
        report.updated = sum(map(len, updated.values()))
        report.deleted = sum(map(len, removed.values()))
    return report
