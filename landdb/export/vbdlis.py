"""The VBDLIS import workbook (domain.md §8) from the land database: one row per holder per certificate parcel
(a household's head and members each get the parcel's row), land uses 1–3, scan file names, ID papers, WGS 84
coordinates; written by :mod:`landdb.export.vbdlis_workbook`. With ``without_certificate`` it is the map parcels no
current certificate claims instead, as the 2025 campaign's dossiers ``CHUACOGIAY_{MA_XA}_{SO_TO}_{SO_THUA}``.
The words of the template's list columns are :mod:`landdb.export.vbdlis_vocabulary`'s (sources there).

The practitioners' checks run first and **stop the export** (:class:`ExportBlocked`, listing every offending parcel
and why): a sheet + parcel claimed by two current certificates, a bad CCCD, a required column (B C H T U Y Z AA AB
AC AD AX AY) empty, a field still waiting for review, an address whose current unit is undecided (a divided ward
the parcel straddles, a text naming several former wards: a reviewer chooses it in the review queue). A value is
written only if the OCR read it unflagged or a reviewer cleared it (accepted or fixed); a value a reviewer rejected
as unreadable is left empty (and a required one then stops the export). The parcel address (X) is written in today's
two levels when its current unit is decided (by the mapping, the parcel's geometry or a reviewer), else as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

import psycopg
import shapely

from geo.crs import wgs84_transformer
from landdb import addresses
from landdb.errors import ValidationError
from landdb.export import vbdlis_vocabulary as vocabulary
from landdb.export.vbdlis_template import REQUIRED
from landdb.ids import cccd_problems
from landdb.sql import query

DECIDED = ("succeeded", "split_resolved", "reviewed")   # address_unit states with today's unit decided
NOT_ON_MAP = ("the holder, the origin, form and term of use and the scans (-TBXN.pdf, -DDK.pdf) come from the "
              "registration dossier, which landdb does not hold")
CERTIFICATE_TYPE = {  # the certificate's legal name by form [law]: Thông tư 23/2014, Luật Đất đai 2024
    "GCN-2014": "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất",
    "GCN-2024": "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
}


@dataclass(frozen=True)
class Problem:
    parcel: str      # commune/sheet/parcel (certificate serial)
    reason: str

    def __str__(self) -> str:
        return f"{self.parcel}: {self.reason}"


class ExportBlocked(ValidationError):
    """The pre-import checks found problems: nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        parcels = len({p.parcel for p in problems})
        super().__init__(f"VBDLIS export stopped: {len(problems)} problem(s) in {parcels} parcel(s), nothing written")


@dataclass
class Export:
    rows: list[dict[str, Any]] = field(default_factory=list)   # column letter -> value, in sheet order
    problems: list[Problem] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)              # each row's parcel, commune/sheet/parcel
    notes: list[str] = field(default_factory=list)             # cells left empty on purpose, and why
    id_state: str | None = None                                # columns BB/BE's code, if the office gave one

    def without_problems(self) -> Export:
        """Only the rows of parcels with no problem (numbered again); the problems kept for the listing."""
        held = {p.parcel.split(" ")[0] for p in self.problems}
        kept = [(row, key) for row, key in zip(self.rows, self.keys, strict=True) if key not in held]
        rows = [{**row, "A": n} for n, (row, _) in enumerate(kept, start=1)]
        return Export(rows, self.problems, [key for _, key in kept], empty_on_purpose(rows, self.id_state),
                      self.id_state)


def _label(r: dict[str, Any]) -> str:
    return f"{r['commune_code'] or '?'}/{r['sheet_no'] or '?'}/{r['parcel_no'] or '?'} ({r['serial'] or 'no serial'})"


def _related(path: str, flagged: str) -> bool:
    return path == flagged or path.startswith(flagged + ".") or flagged.startswith(path + ".")


def _sex(r: dict[str, Any]) -> str | None:
    number = r["id_number"] or ""
    if re.fullmatch(r"\d{12}", number):   # §8: the sex is taken from the CCCD's 4th digit
        return "Nữ" if int(number[3]) % 2 else "Nam"
    title = (r["title"] or "").lower()
    return "Nam" if title.endswith("ông") else "Nữ" if title.endswith("bà") else None


def _coordinates(r: dict[str, Any]) -> tuple[str | None, str]:
    """The parcel's outline in WGS 84 (WKT, 7 decimals ≈ 1 cm): the certificate's vertex table, else the map's."""
    for wkb, srid, path in ((r["cert_wkb"], r["cert_srid"], "vertices"), (r["map_wkb"], r["map_srid"], "")):
        if wkb is not None and srid is not None:
            geom = shapely.from_wkb(bytes(wkb))
            if not geom.is_empty:
                moved = shapely.transform(geom, lambda xy, s=srid: _lonlat(xy, s))
                return shapely.to_wkt(moved, rounding_precision=7), path
    return None, ""


def _lonlat(xy, srid: int):
    import numpy as np

    lon, lat = wgs84_transformer(srid).transform(xy[:, 0], xy[:, 1])
    return np.column_stack([lon, lat])


def term_of_use(term: str | None, use_name: str | None) -> str | None:
    """The term of one land use: a 2014 certificate may print one per use (``Đất ở tại đô thị: Lâu dài; Đất trồng
    cây lâu năm: Đến ngày 24/06/2064``); otherwise the one term as printed.

    >>> term_of_use("Đất ở tại đô thị: Lâu dài; Đất trồng cây lâu năm: Đến ngày 24/06/2064", "Đất trồng cây lâu năm")
    'Đến ngày 24/06/2064'
    >>> term_of_use("Lâu dài", "Đất ở tại đô thị")
    'Lâu dài'
    """
    if not term or ":" not in term or not use_name:
        return term
    from landdb.vietnamese import fold

    for part in term.split(";"):
        name, _, value = part.partition(":")
        if fold(name).strip().lower() == fold(use_name).strip().lower() and value.strip():
            return value.strip()
    return term


def parcel_address(r: dict[str, Any]) -> tuple[str | None, str | None]:
    """Column X (today's two levels when the current unit is decided, else as printed) and, when the address names a
    former unit whose current one is undecided, why the export stops.

    >>> parcel_address({"address": "12 Lê Lợi, P. Bến Nghé, Q.1, TP. Hồ Chí Minh", "address_status": "succeeded",
    ...                 "current_code": "26740"})
    ('12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh', None)
    """
    printed, status = r["address"], r.get("address_status")
    if status == "needs_review":
        return printed, (f"address {printed!r}: today's unit undecided ({r.get('address_reason')}); a reviewer "
                         f"chooses it (review item address-{r.get('address_id')})")
    if status in DECIDED and r.get("current_code"):
        return addresses.current_address(printed, addresses.current_unit(r["current_code"])) or printed, None
    return printed, None


def holder_row(r: dict[str, Any], parcel_class: str, id_state: str | None) -> dict[str, tuple[Any, str]]:
    """Column letter -> (value, the record field it comes from; '' for values not read by the OCR)."""
    o = f"owners.{r['owner_seq']}"
    household = r["party_kind"] == "household" or any(
        (x or "").startswith("Hộ") for x in [r["title"]] + r.get("certificate_titles", []))
    organisation = r["party_kind"] == "organisation"
    role = (vocabulary.HEAD if r["owner_seq"] == 0 else vocabulary.MEMBER) if household else None
    cells: dict[str, tuple[Any, str]] = {
        "B": (r["commune_code"], ""), "C": (r["serial"], "serial"),
        "D": (r["issue_date"].strftime("%d/%m/%Y") if r["issue_date"] else None, "issue_date"),
        "E": (r["register_no"], "register_no"),
        "F": (r["name"] if organisation else None, f"{o}.name"),
        "H": (None if organisation else r["name"], f"{o}.name"),
        "I": (r["id_number"], f"{o}.id_number"),
        "J": (str(r["birth_year"]) if r["birth_year"] else None, f"{o}.birth_year"),
        "K": (_sex(r), f"{o}.id_number" if r["id_number"] else f"{o}.title"),
        "L": (r["party_address"], f"{o}.address"),
        "M": (vocabulary.HOUSEHOLD if household else None, f"{o}.title"),   # others: unconfirmed
        "N": (role, f"{o}.title"),
        "S": (r["national_code"], ""),
        "T": (r["sheet_no"], "parcel.sheet_no"), "U": (r["parcel_no"], "parcel.parcel_no"),
        "X": (parcel_address(r)[0], "parcel.address"),
        "Y": (float(r["area_m2"]) if r["area_m2"] is not None else None, "parcel.area_m2"),
        "AY": (parcel_class, ""),
        "BG": (CERTIFICATE_TYPE.get(r["form"]), ""),
    }
    if r["map_sheet_no"] is not None and (r["map_sheet_no"], r["map_parcel_no"]) != (r["sheet_no"], r["parcel_no"]):
        cells["V"], cells["W"] = (r["map_sheet_no"], ""), (r["map_parcel_no"], "")
    uses = r["land_uses"][:3]
    for i, use in enumerate(uses):
        code, area, origin, form, term = ("Z", "AA", "AB", "AC", "AD") if i == 0 else (
            ("AE", "AF", "AG", "AH", "AI") if i == 1 else ("AJ", "AK", "AL", "AM", "AN"))
        lu = f"parcel.land_uses.{i}"
        cells[code] = (use["code"], f"{lu}.code")
        if use["area_m2"] is not None:
            cells[area] = (float(use["area_m2"]), f"{lu}.area_m2")
        elif len(uses) == 1:   # the one use covers the whole parcel: its printed area
            cells[area] = cells["Y"][0], "parcel.area_m2"
        cells[origin], cells[form] = (r["origin"], "parcel.origin"), (r["use_form"], "parcel.use_form")
        cells[term] = (term_of_use(r["term"], use["name"]), "parcel.term")
    if r["scan_path"]:
        cells["AX"] = (PurePath(r["scan_path"]).name, "")
        cells["BF"] = ("Có", "")
    if r["id_number"]:
        cells["AZ"] = (r["id_number"], f"{o}.id_number")
        cells["BA"] = (vocabulary.ID_PAPER.get(r["id_type"] or ""), f"{o}.id_type")   # others: unconfirmed
        cells["BB"] = (id_state, "")
    coordinates, source = _coordinates(r)
    cells["BH"] = (coordinates, source)
    return cells


def _printed_title(r: dict[str, Any]) -> dict[str, Any]:
    """The holder's title as this certificate prints it (``Hộ ông``, ``Bà`` …), not the shared party's.

    >>> _printed_title({"title": "Ông", "owner_seq": 0, "printed_owners": [{"title": "Hộ ông"}]})["title"]
    'Hộ ông'
    """
    printed = r.get("printed_owners") or []
    seq = r.get("owner_seq")
    if seq is not None and 0 <= seq < len(printed) and (printed[seq] or {}).get("title"):
        return {**r, "title": printed[seq]["title"]}
    return r


def build(conn: psycopg.Connection, commune: str | None = None, *, parcel_class: str | None,
          id_state: str | None = None) -> Export:
    """The workbook's rows and the problems that stop it (nothing written here). ``parcel_class`` is column AY
    (required, the office's: :func:`vocabulary.parcel_class`), ``id_state`` the code of columns BB/BE or None."""
    parcel_class, id_state = vocabulary.parcel_class(parcel_class), vocabulary.id_state(id_state)
    out = Export(id_state=id_state)
    records = [_printed_title(r) for r in conn.execute(query("vbdlis/rows"), {"commune": commune}).fetchall()]
    ids = sorted({r["certificate_id"] for r in records})
    states: dict[int, list[dict]] = {}
    for s in conn.execute(query("vbdlis/field_states"), {"ids": ids}).fetchall():
        states.setdefault(s["certificate_id"], []).append(s)
    for c in conn.execute(query("vbdlis/conflicts"), {"commune": commune}).fetchall():
        out.problems.append(Problem(f"{c['commune_code']}/{c['sheet_no']}/{c['parcel_no']}",
                                    "claimed by more than one current certificate: " + ", ".join(c["certificates"])))
    titles: dict[int, list[str]] = {}
    for r in records:
        titles.setdefault(r["cert_parcel_id"], []).append(r["title"] or "")
    seen: set[tuple[int, str]] = set()
    for r in records:
        r = {**r, "certificate_titles": titles[r["cert_parcel_id"]]}
        label, cert_states = _label(r), states.get(r["certificate_id"], [])
        for s in cert_states:
            if s["state"] == "open" and (r["certificate_id"], s["field"]) not in seen:
                seen.add((r["certificate_id"], s["field"]))
                out.problems.append(Problem(label, f"field {s['field']} still flagged for review ({s['reason']})"))
        undecided = parcel_address(r)[1]
        if undecided and (r["certificate_id"], "address") not in seen:
            seen.add((r["certificate_id"], "address"))
            out.problems.append(Problem(label, undecided))
        if r["name"] is None:
            out.problems.append(Problem(label, "no holder on the certificate"))
            continue
        if r["id_number"] and (r["id_type"] in ("CCCD", "CC") or len(r["id_number"]) == 12):
            for why in cccd_problems(r["id_number"], r["title"], r["birth_year"]):
                out.problems.append(Problem(label, f"bad CCCD of {r['name']}: {why}"))
        rejected = [s["field"] for s in cert_states if s["state"] == "rejected"]
        row = {letter: (None if path and any(_related(path, f) for f in rejected) else value)
               for letter, (value, path) in holder_row(r, parcel_class, id_state).items()}
        empty = [c for c in REQUIRED if row.get(c) in (None, "")]
        if empty:
            out.problems.append(Problem(label, f"required column(s) {' '.join(empty)} empty for holder {r['name']}"))
        out.rows.append(row)
        out.keys.append(label.split(" ")[0])
    for n, row in enumerate(out.rows, start=1):
        row["A"] = n
    out.notes = empty_on_purpose(out.rows, id_state)
    return out


def empty_on_purpose(rows: list[dict[str, Any]], id_state: str | None) -> list[str]:
    """What the export leaves empty because the template's word for it is not confirmed (vbdlis_vocabulary)."""
    notes = []
    held = [r for r in rows if r.get("H") and not r.get("M")]
    if held:
        notes.append(f"column M (Pháp nhân trên GCN) left empty in {len(held)} row(s): only 'Hộ gia đình' is "
                     "confirmed; the word for a person, a couple or an organisation is not")
    papers = [r for r in rows if r.get("AZ") and not r.get("BA")]
    if papers:
        notes.append(f"column BA (Loại giấy tờ) left empty in {len(papers)} row(s): only 'Căn cước công dân' is "
                     "confirmed")
    if id_state is None and any(r.get("AZ") for r in rows):
        notes.append("column BB (Trạng thái xác thực) left empty: give --id-state with a code of the template's "
                     "sheet TrangThaiXacThucSoGiayTo")
    return notes
