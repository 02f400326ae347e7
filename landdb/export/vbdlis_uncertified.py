"""Map parcels without a certificate in the VBDLIS workbook, as the 2025 campaign sends them (domain.md §8): one row
per parcel, column C the dossier code ``CHUACOGIAY_{MA_XA}_{SO_TO}_{SO_THUA}``, T U the map's sheet and parcel (the
successful import used them for such dossiers), S the national code, X the address, Y and AA the map's area, Z its
land type, AY the office's class, BH the outline in WGS 84. Left empty: D E BG (no certificate), V W (same as T U),
and what only the registration dossier holds — the holder (H–N), origin, form and term of use (AB–AD) and the scans
(AX). Those are required, so the checks stop the export for every such parcel, saying so: landdb prepares the rows,
the office completes them from the dossier.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import psycopg

from landdb.export import vbdlis_vocabulary as vocabulary
from landdb.export.vbdlis import NOT_ON_MAP, Export, Problem, _coordinates, empty_on_purpose, parcel_address
from landdb.export.vbdlis_template import REQUIRED
from landdb.sql import query


def parcel_row(r: dict[str, Any], parcel_class: str) -> tuple[dict[str, Any], list[str]]:
    """Column letter -> value for one map parcel without certificate, and what stops it."""
    code, why = vocabulary.dossier_code(r["commune_code"], r["sheet_no"], r["parcel_no"])
    area = float(r["declared_area_m2"]) if r["declared_area_m2"] is not None else None
    address, undecided = parcel_address(r)
    coordinates, _ = _coordinates({**r, "cert_wkb": None, "cert_srid": None})
    row = {"B": r["commune_code"], "C": code, "S": r["national_code"], "T": r["sheet_no"], "U": r["parcel_no"],
           "X": address, "Y": area, "Z": r["land_use_code"], "AA": area, "AY": parcel_class, "BH": coordinates}
    reasons = [f"no dossier code: {why}"] if why else []
    if undecided:
        reasons.append(undecided)
    empty = [c for c in REQUIRED if row.get(c) in (None, "")]
    if empty:
        reasons.append(f"no certificate: required column(s) {' '.join(empty)} empty — {NOT_ON_MAP}"
                       if set(empty) <= {"H", "AB", "AC", "AD", "AX"} else
                       f"no certificate: required column(s) {' '.join(empty)} empty")
    return {k: v for k, v in row.items() if v not in (None, "")}, reasons


def build(conn: psycopg.Connection, commune: str | None = None, *, parcel_class: str | None) -> Export:
    """The rows of the map parcels no current certificate claims, and the problems that stop them."""
    parcel_class = vocabulary.parcel_class(parcel_class)
    out = Export()
    records = conn.execute(query("vbdlis/uncertified"), {"commune": commune}).fetchall()
    codes = Counter(vocabulary.dossier_code(r["commune_code"], r["sheet_no"], r["parcel_no"])[0] for r in records)
    for r in records:
        key = f"{r['commune_code']}/{r['sheet_no']}/{r['parcel_no']}"
        row, reasons = parcel_row(r, parcel_class)
        if row.get("C") and codes[row["C"]] > 1:
            reasons.append(f"{codes[row['C']]} map parcels have the dossier code {row['C']}: a conflict to resolve "
                           "on the map, never merged")
        out.problems += [p for p in (Problem(f"{key} (no certificate)", why) for why in reasons)
                         if p not in out.problems]   # a key drawn twice: its conflict once
        out.rows.append({**row, "A": len(out.rows) + 1})
        out.keys.append(key)
    out.notes = empty_on_purpose(out.rows, None)
    return out
