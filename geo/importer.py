"""Cadastral map import: one layer of one file → ``parcel`` rows, in ONE transaction.

How (measured in ``bench/bench_import.py``): GDAL reads the layer (pyogrio), shapely judges
validity and encodes WKB, psycopg ``COPY … (format binary)`` fills a temporary staging
table, and a few set-based statements (``sql/queries/geo/``) insert, update or delete.

- Every CRS passes :func:`geo.crs.gate` (the file's label must be plausible; ``crs`` is the
  user's word, refused only when implausible; ``force_crs`` keeps either, with a warning on the
  import). Nothing is reprojected: parcels keep the file's zone. A re-import with another CRS
  re-labels the parcels it holds.
- Invalid geometries are imported as they are, with ``parcel.is_valid = false``.
- An import adds and updates; it deletes a map parcel that the file lacks only with
  ``replace_sheets`` (the sheets the file holds replace those in the database). ``dry_run``
  runs the same statements and rolls back: the same counts, nothing written.
- Compared with the database, not with earlier files: an import that would change nothing
  writes nothing (``already_imported``); one that brings no parcel at all is an error. A sheet
  that changes gets a new version (``map_sheet.version``) and a ``map_sheet_change`` row naming
  the parcels added, removed and changed. Updates and deletes go through the audit trigger;
  the bulk inserts are recorded once, as the ``map_import`` row with ``imported_by``.
- Imports of the same commune run one at a time (an advisory lock): the second waits, then
  finds what the first did.
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

from geo.crs import CRSDecision, gate
from geo.mapping import ResolvedMapping, clean_key, load_mapping, parse_number, resolve_mapping
from geo.national_code import stage_codes
from geo.sources import LayerData, file_sha256, read_layer
from landdb.errors import InputFileError, ValidationError
from landdb.landuse import normalize_code
from landdb.sql import query

__all__ = ["ImportReport", "decide_crs", "feature_fields", "import_map", "read_map", "stage_rows"]

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
    dry_run: bool = False
    replace_sheets: bool = False
    features: int = 0
    invalid: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    sheets: dict[str, int] = field(default_factory=dict)  # status -> count
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    removed_by_sheet: dict[str, int] = field(default_factory=dict)  # 'commune/sheet' -> parcels deleted
    kept_by_sheet: dict[str, int] = field(default_factory=dict)  # map parcels the file lacks, kept
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.already_imported:
            since = f" (map_import #{self.map_import_id})" if self.map_import_id else ""
            return (f"{self.path} [{self.layer}] already imported: the database holds every parcel of it as it "
                    f"is{since}; nothing changed")
        sheets = ", ".join(f"{n} {k}" for k, n in sorted(self.sheets.items()))
        head = (f"DRY RUN (nothing written): {self.path} [{self.layer}] EPSG:{self.srid}:"
                if self.dry_run else f"{self.path} [{self.layer}] EPSG:{self.srid} → map_import #{self.map_import_id}:")
        return (f"{head} {self.features} features ({self.invalid} invalid, kept as they are), sheets: {sheets}; "
                f"parcels +{self.inserted} ~{self.updated} -{self.deleted}")

    def details(self) -> list[str]:
        """What was replaced or kept, per sheet: the lines a person must see (warnings apart)."""
        out = []
        verb = "would delete" if self.dry_run else "deleted"
        out += [f"sheet {k} replaced: {verb} {n} parcels the file does not have"
                for k, n in sorted(self.removed_by_sheet.items()) if n]
        kept = {k: n for k, n in self.kept_by_sheet.items() if n}
        if kept:
            named = ", ".join(f"{k} ({n})" for k, n in sorted(kept.items()))
            out.append(f"kept {sum(kept.values())} parcels of sheets {named} that this file does not have "
                       "(an import adds and updates; --replace-sheets deletes them)")
        return out


def jsonable(value: Any) -> Any:
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


def read_map(path: str | Path, layer: str | None = None, mapping: str | Path | dict | None = None
             ) -> tuple[LayerData, ResolvedMapping]:
    """The one reading of a map file, for ``import-map`` and ``qa check`` alike: the layer as GDAL gives it
    (legacy encodings decoded) and which column holds which field (defaults, or the ``mapping``)."""
    overrides = load_mapping(mapping) if isinstance(mapping, str | Path) else (mapping or {})
    data = read_layer(path, layer, overrides.get("encoding"))
    resolved = resolve_mapping(list(data.frame.columns.drop(data.frame.geometry.name)), overrides, str(data.path))
    return data, resolved


def feature_fields(row: dict[str, Any], mapping: ResolvedMapping, commune: str | None,
                   default_sheet: str | None) -> dict[str, Any]:
    """One feature's parcel fields as the importer reads them (keys cleaned, numbers either way, land use
    normalised); a field the feature lacks is None, never made up."""
    columns, constants = mapping.columns, mapping.constants
    sheet_col, parcel_col, commune_col = columns.get("sheet_no"), columns.get("parcel_no"), columns.get("commune")
    land_raw, land_code = _land_use(row, mapping)
    return {
        "sheet_no": constants.get("sheet_no") or (clean_key(row.get(sheet_col)) if sheet_col else default_sheet),
        "parcel_no": constants.get("parcel_no") or (clean_key(row.get(parcel_col)) if parcel_col else None),
        "commune_code": commune or constants.get("commune") or (clean_key(row.get(commune_col)) if commune_col
                                                                 else None),
        "declared_area_m2": parse_number(row.get(columns["declared_area"])) if columns["declared_area"] else None,
        "legal_area_m2": parse_number(row.get(columns["legal_area"])) if columns["legal_area"] else None,
        "address": clean_key(row.get(columns["address"])) if columns["address"] else None,
        "land_use_raw": land_raw, "land_use_code": land_code,
        "name": clean_key(row.get(columns["name"])) if columns.get("name") else None,
    }


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
        f = feature_fields(row, mapping, commune, data.path.stem)
        sheet, parcel, commune_code = f["sheet_no"], f["parcel_no"], f["commune_code"]
        if sheet is None or parcel is None or commune_code is None:
            skip("no " + ("sheet number" if sheet is None else "parcel number" if parcel is None else "commune"))
            continue
        key = (commune_code, sheet, parcel)
        seen[key] = seq = seen.get(key, 0) + 1
        raw = {k: jsonable(v) for k, v in row.items()}
        raw_json = json.dumps(raw, ensure_ascii=False, sort_keys=True)
        declared, legal, address = f["declared_area_m2"], f["legal_area_m2"], f["address"]
        land_raw, land_code = f["land_use_raw"], f["land_use_code"]
        digest = hashlib.sha256(wkb[i] + raw_json.encode()).hexdigest()
        rows.append((str(frame.index[i]), commune_code, sheet, parcel, seq, declared or None, legal or None, address,
                     land_raw, land_code, raw, wkb[i], bool(valid[i]), digest))
    return rows, skipped


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


def _sheet_label(commune: str, sheet: str) -> str:
    return f"{commune}/{sheet}"


def commune_option(commune: str | None) -> str | None:
    if commune is None:
        return None
    code = commune.strip()
    if not code:
        raise ValidationError(f"--commune {commune!r} is blank; give the commune code (mã xã) of the parcels")
    return code


def _lock_communes(conn: psycopg.Connection, communes: list[str], report: ImportReport) -> None:
    """One import per commune at a time: a second import of the same file waits for the first."""
    for code in sorted(set(communes)):
        if not conn.execute(query("geo/import_lock"), {"commune_code": code}).fetchone()["got"]:
            report.notes.append(f"waited for another import of commune {code} to finish")
            conn.execute(query("geo/import_lock_wait"), {"commune_code": code})


def _stage(conn: psycopg.Connection, rows: list[tuple]) -> None:
    conn.execute(query("geo/stage_drop"))  # inside a caller's transaction ON COMMIT DROP has not run yet
    conn.execute(query("geo/stage_create"))
    with conn.cursor().copy(query("geo/stage_copy")) as copy:
        copy.set_types(STAGE_TYPES)
        for r in rows:
            copy.write_row(r)
    conn.execute(query("geo/stage_analyze"))


def _plan(conn: psycopg.Connection, srid: int, replace: bool, report: ImportReport) -> list[dict]:
    """Each sheet's status against the database now; fills the report's sheet counts."""
    plan = conn.execute(query("geo/stage_plan"), {"srid": srid}).fetchall()
    for s in plan:
        gone = s["absent"] if replace else 0
        s["status"] = ("new" if s["sheet_id"] is None else
                       "changed" if s["to_insert"] or s["to_update"] or gone else "unchanged")
        report.sheets[s["status"]] = report.sheets.get(s["status"], 0) + 1
        if s["absent"] and not replace:
            report.kept_by_sheet[_sheet_label(s["commune_code"], s["sheet_no"])] = s["absent"]
    return plan


def _version_sheets(conn: psycopg.Connection, todo: list[dict], scope: dict, common: dict, added: dict,
                    removed: dict, updated: dict) -> None:
    """A new version of each sheet in ``todo`` with its content hash and what changed: the hashes in one statement,
    the versions and their changes in one pipeline (a round trip per sheet was 2.5 s for 38 sheets at 2.5M)."""
    if not todo:
        return
    contents = {(r["commune_code"], r["sheet_no"]): r["content_sha256"]
                for r in conn.execute(query("geo/sheet_contents"), scope).fetchall()}
    with conn.pipeline():
        cursors = []
        for s in todo:
            key = (s["commune_code"], s["sheet_no"])
            params = {**common, "commune_code": key[0], "sheet_no": key[1], "content_sha256": contents[key],
                      "sheet_id": s["sheet_id"]}
            cursors.append(conn.execute(query("geo/sheet_insert" if s["sheet_id"] is None else "geo/sheet_update"),
                                        params))
        changes = []
        for s, cursor in zip(todo, cursors, strict=True):
            key, new = (s["commune_code"], s["sheet_no"]), cursor.fetchone()
            changes.append({"sheet_id": new["id"], "import_id": common["import_id"], "from_version": s["version"],
                            "to_version": new["version"], "added": sorted(added.get(key, [])),
                            "removed": sorted(removed.get(key, [])), "changed": sorted(updated.get(key, []))})
        with conn.cursor() as cur:
            cur.executemany(query("geo/sheet_change_insert"), changes)


def _apply(conn: psycopg.Connection, plan: list[dict], import_id: int, srid: int, replace: bool, actor: str,
           source: str, scale: int | None, report: ImportReport) -> None:
    """Insert, update and (with ``replace``) delete; a new version of every sheet that changed."""
    todo = [s for s in plan if s["status"] != "unchanged"]
    scope = {"srid": srid, "import_id": import_id, "communes": [s["commune_code"] for s in todo],
             "sheets": [s["sheet_no"] for s in todo]}
    conn.execute(query("geo/set_actor_local"), {"actor": actor})
    updated = _keys(conn.execute(query("geo/parcels_update"), scope).fetchall()) if todo else {}
    removed: dict = {}
    if todo and replace:
        conn.execute(query("geo/parcels_unlink_removed"), scope)
        removed = _keys(conn.execute(query("geo/parcels_delete_removed"), scope).fetchall())
    conn.execute(query("geo/set_actor_local"), {"actor": ""})  # bulk inserts: recorded once, in map_import
    added = _keys(conn.execute(query("geo/parcels_insert"), scope).fetchall()) if todo else {}
    conn.execute(query("geo/set_actor_local"), {"actor": actor})
    _version_sheets(conn, todo, scope, {"import_id": import_id, "srid": srid, "scale": scale, "source": source},
                    added, removed, updated)
    if replace:
        for s in todo:
            key = (s["commune_code"], s["sheet_no"])
            report.removed_by_sheet[_sheet_label(*key)] = len(removed.get(key, []))
    report.inserted = sum(map(len, added.values()))
    report.updated = sum(map(len, updated.values()))
    report.deleted = sum(map(len, removed.values()))


def decide_crs(conn: psycopg.Connection | None, data: LayerData, crs: str | int | None, force_crs: bool,
               commune: str | None) -> CRSDecision:
    """The layer's CRS through the one gate (:func:`geo.crs.gate`), with the commune's zone expected when the
    database (``conn``) knows it."""
    bounds = tuple(float(v) for v in data.frame.total_bounds)
    return gate(bounds, declared_srid=data.declared_srid, given=crs, force=force_crs,
                expected_srid=_expected_srid(conn, commune) if commune and conn is not None else None,
                what=str(data.path))


def _nothing_importable(data: LayerData, skipped: dict[str, int]) -> InputFileError:
    why = "; ".join(f"{n} {reason}" for reason, n in sorted(skipped.items())) or "the layer has no features"
    return InputFileError(data.path, f"nothing to import from layer {data.layer!r}: no feature is a parcel "
                                     f"({why}); nothing was recorded")


def import_map(conn: psycopg.Connection, path: str | Path, *, layer: str | None = None, crs: str | int | None = None,
               commune: str | None = None, mapping: str | Path | dict | None = None, actor: str = "landdb",
               scale: int | None = None, replace_sheets: bool = False, dry_run: bool = False,
               force_crs: bool = False) -> ImportReport:
    """Import one layer of a map file into ``parcel`` in one transaction on ``conn``; see the module doc.

    On a connection already inside a transaction the import is a savepoint: the caller commits.
    """
    commune = commune_option(commune)
    data, resolved = read_map(path, layer, mapping)
    if resolved.columns["parcel_no"] is None and "parcel_no" not in resolved.constants:
        raise InputFileError(data.path, f"no parcel-number column among {list(data.frame.columns)}; "
                                        "name it in the mapping ([columns] parcel_no = \"…\")")
    if "commune" in resolved.constants and not resolved.constants["commune"].strip():
        raise InputFileError(data.path, "the mapping's constant commune code is blank")
    if not commune and "commune" not in resolved.constants and resolved.columns["commune"] is None:
        raise InputFileError(data.path, "no commune code: give --commune CODE (or a commune column in the mapping)")
    rows, skipped = stage_rows(data, resolved, commune)
    if not rows:
        raise _nothing_importable(data, skipped)
    communes = {r[1] for r in rows}
    decision = decide_crs(conn, data, crs, force_crs, commune or (communes.pop() if len(communes) == 1 else None))
    srid, sha = decision.srid, file_sha256(data.path)
    report = ImportReport(str(data.path), data.layer, srid, data.declared_srid, decision.verdict, None, False,
                          dry_run=dry_run, replace_sheets=replace_sheets, features=len(rows),
                          invalid=sum(1 for r in rows if not r[12]), skipped=skipped,
                          notes=list(data.notes), warnings=list(decision.warnings))
    try:
        with conn.transaction():
            _stage(conn, rows)
            if not dry_run:
                _lock_communes(conn, [r[1] for r in rows], report)
            plan = _plan(conn, srid, replace_sheets, report)
            if all(s["status"] == "unchanged" for s in plan):
                found = conn.execute(query("geo/find_import"), {"sha256": sha, "layer": data.layer, "srid": srid,
                                                               "commune_code": commune}).fetchone()
                latest = max((s["sheet_import_id"] or 0 for s in plan), default=0) or None
                report.map_import_id, report.already_imported = (found["id"] if found else latest), True
                conn.execute(query("geo/stage_drop"))
                return report
            meta = {"features": report.features, "invalid": report.invalid, "skipped": report.skipped,
                    "crs": decision.verdict, "crs_source": data.crs_source if decision.source == "file" else "--crs",
                    "crs_forced": decision.forced, "warnings": report.warnings, "sheets": report.sheets,
                    "replace_sheets": replace_sheets, "notes": report.notes,
                    "mapping": {k: resolved.source_of(k) for k in resolved.columns}}
            report.map_import_id = conn.execute(query("geo/insert_import"), {
                "path": str(data.path.resolve()), "layer": data.layer, "sha256": sha,
                "declared_srid": data.declared_srid, "srid": srid, "commune_code": commune,
                "feature_count": report.features, "imported_by": actor,
                "report": json.dumps(meta, ensure_ascii=False)}).fetchone()["id"]
            stage_codes(conn, srid)  # geo/national_code.py: codes the parcel trigger gives new or moved parcels
            _apply(conn, plan, report.map_import_id, srid, replace_sheets, actor, data.path.name, scale, report)
            conn.execute(query("geo/stage_drop"))
            if dry_run:
                raise psycopg.Rollback()
    finally:
        if dry_run:
            report.map_import_id = None
    return report
