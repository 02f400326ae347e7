"""Load one extracted certificate into the land database, all of it or nothing.

:func:`load_document` writes the scan reference, the certificate, its parcel as printed,
land uses, vertices, parties and rights, changes (biến động), every field reading with
its provenance, and a review task per flagged field, in **one transaction**: an
interrupted run never leaves half a document. Documents are keyed by the scan's sha256,
so loading the same file twice does nothing the second time; a changed file (new hash)
for a certificate already loaded (same form and serial) becomes a new version that
supersedes the old one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

import psycopg
import shapely
from psycopg.types.json import Jsonb

from geo.zone import ZoneDecision, decide_zone
from landdb.models import CertificateRecord, Owner
from landdb.sql import query

Outcome = Literal["loaded", "skipped", "new_version"]

CHANGE_KINDS = (
    ("xoa the chap", "mortgage_release"), ("the chap", "mortgage"), ("chuyen nhuong", "transfer"),
    ("tang cho", "gift"), ("thua ke", "inheritance"), ("tach thua", "split"), ("hop thua", "merge"),
    ("dinh chinh", "correction"), ("cap doi", "reissue"),
)


class FieldReadingLike(Protocol):
    field: str
    value: str | None
    raw_text: str | None
    confidence: float
    page: int | None
    bbox: tuple[int, int, int, int] | None
    engine: str
    flagged: bool
    flag_reason: str | None


@dataclass(frozen=True)
class LoadResult:
    outcome: Outcome
    document_id: int
    certificate_id: int | None
    flagged_fields: int


def sha256_of(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def change_kind(text: str) -> str:
    """Classify a section IV entry.

    >>> change_kind('Chuyển nhượng cho: Ông: LÊ VĂN A')
    'transfer'
    >>> change_kind('Xóa thế chấp ngày 02/03/2020')
    'mortgage_release'
    """
    from landdb.vietnamese import fold

    folded = fold(text)
    for needle, kind in CHANGE_KINDS:
        if needle in folded:
            return kind
    return "other"


def boundary_wkb(record: CertificateRecord) -> bytes | None:
    """The printed coordinate table as a polygon (easting, northing), or None if it cannot make one
    (``geo.boundary.polygon_from_vertices``: a repeated closing vertex is dropped; an invalid ring is kept
    for the QA rules to report).

    >>> from landdb.models import Vertex
    >>> r = CertificateRecord.model_validate({"form": "GCN-2024", "serial": None, "register_no": None,
    ...     "owners": [{"name": "A"}], "parcel": {"parcel_no": "1", "sheet_no": "2", "area_m2": 1.0},
    ...     "vertices": [{"point": "1", "x": 10.0, "y": 5.0}, {"point": "2", "x": 10.0, "y": 6.0},
    ...                  {"point": "3", "x": 11.0, "y": 6.0}]})
    >>> shapely.from_wkb(boundary_wkb(r)).area
    0.5
    """
    from geo.boundary import polygon_from_vertices

    report = polygon_from_vertices(record.vertices)
    return None if report.polygon is None else shapely.to_wkb(report.polygon)


def load_document(
    conn: psycopg.Connection,
    *,
    path: Path,
    sha256: str,
    record: CertificateRecord,
    fields: Sequence[FieldReadingLike],
    pages: int | None,
    actor: str,
    commune_code: str | None = None,
    srid: int | None = None,
    media_type: str | None = None,
) -> LoadResult:
    """Load one document in one transaction (see the module docstring). The boundary's VN-2000 zone is
    ``srid`` when given, else decided from the document and the commune (:func:`document_zone`).

    Its statements go to the server in one pipeline, in two round trips: what is known already (the document, the
    certificate it may supersede, its owners) with the ids of its new rows, then every write and the commit —
    ≈ 14 statements waited on one by one made ingest 13× a bare COPY (bench/scale.py). The same bytes loaded by
    another worker a moment ago roll the whole document back and count as already loaded."""
    try:
        return _load(conn, path=path, sha256=sha256, record=record, fields=fields, pages=pages, actor=actor,
                     commune_code=commune_code, srid=srid, media_type=media_type)
    except psycopg.errors.UniqueViolation as exc:
        if exc.diag.constraint_name != "source_document_sha256_key":
            raise
        again = conn.execute(query("ingest/find_document"), {"sha256": sha256}).fetchone()
        return LoadResult("skipped", _get(again, "id"), None, 0)


def _load(conn: psycopg.Connection, *, path: Path, sha256: str, record: CertificateRecord,
          fields: Sequence[FieldReadingLike], pages: int | None, actor: str, commune_code: str | None,
          srid: int | None, media_type: str | None) -> LoadResult:
    from landdb.db import transaction

    with conn.pipeline(), transaction(actor, conn):
        # round trip 1: what is there already, and the ids of the rows to write
        found = conn.execute(query("ingest/find_document"), {"sha256": sha256})
        prior = conn.execute(query("ingest/find_previous_certificate"),
                             {"serial": record.serial, "form": record.form}) if record.serial else None
        known = [conn.execute(query("ingest/find_party"), {
            "id_type": o.id_type, "id_number": o.id_number, "name": o.name}) if o.id_number else None
            for o in record.owners]
        zones = conn.execute(query("geo/commune_zones"), {"code": commune_code}) \
            if srid is None and commune_code else None
        ids = conn.execute(query("ingest/next_ids"), {"owners": len(record.owners)}).fetchone()
        existing = found.fetchone()
        if existing is not None:
            return LoadResult("skipped", _get(existing, "id"), None, 0)
        previous = prior.fetchone() if prior else None
        parties = [_get(row, "id") if (row := cur.fetchone() if cur else None) else None for cur in known]
        zone = document_zone(conn, record, commune_code, srid,
                             explicit=[_get(r, "srid") for r in zones.fetchall()] if zones else [])
        # round trip 2: every write, then the commit
        document_id, certificate_id = _get(ids, "document_id"), _get(ids, "certificate_id")
        conn.execute(query("ingest/insert_document"), {
            "id": document_id, "sha256": sha256, "path": str(path), "pages": pages, "media_type": media_type})
        flagged = [f for f in fields if f.flagged]
        # A serial the OCR is not sure of must not retire another person's certificate: the supersession
        # waits (pending_supersedes_id) until a reviewer confirms the serial (web.review).
        hold = previous is not None and serial_flagged(fields, record)
        if previous is not None and not hold:
            conn.execute(query("ingest/supersede_certificate"), {"id": _get(previous, "id")})
        conn.execute(query("ingest/insert_certificate"), {
            "id": certificate_id, "document_id": document_id, "form": record.form, "serial": record.serial,
            "register_no": record.register_no, "issue_date": record.issue_date, "issuer": record.issuer,
            "supersedes_id": _get(previous, "id") if previous and not hold else None,
            "pending_supersedes_id": _get(previous, "id") if hold else None,
            "status": "in_review" if flagged or record.flags or zone.review else "extracted",
            "record": Jsonb(record.model_dump(mode="json")),
        })
        cert_parcel_id = _get(ids, "certificate_parcel_id")
        _load_parcel(conn, cert_parcel_id, certificate_id, record, commune_code, zone.srid)
        _load_parties(conn, certificate_id, cert_parcel_id, record, parties, list(_get(ids, "party_ids")))
        _load_vertices_and_changes(conn, certificate_id, record)
        _load_fields(conn, document_id, certificate_id, fields, record)
        if zone.review:
            conn.execute(query("ingest/insert_review_task"), {
                "kind": "field", "document_id": document_id, "certificate_id": certificate_id, "field": "zone",
                "reason": f"VN-2000 zone: {zone.reason}" + ("" if zone.srid else "; boundary kept without a CRS")})
    return LoadResult("new_version" if previous and not hold else "loaded", document_id, certificate_id,
                      len(flagged))


def serial_flagged(fields: Sequence[FieldReadingLike], record: CertificateRecord) -> bool:
    """Whether the serial is a reading a person must confirm (flagged by the OCR or in the record's flags)."""
    return any(f.field == "serial" and f.flagged for f in fields) or any(
        f.field == "serial" for f in record.flags or [])


def document_zone(conn: psycopg.Connection, record: CertificateRecord, commune_code: str | None,
                  srid: int | None, explicit: list[int] | None = None) -> ZoneDecision:
    """The zone of the certificate's boundary: ``srid`` if the caller fixed it, else from the issuer line,
    the address and the commune's known zones (``explicit``, read here when not given), confirmed by the printed
    coordinates (``geo.zone``)."""
    if srid is not None:
        return ZoneDecision(srid, "explicit", "given by the caller")
    if explicit is None:
        explicit = [] if not commune_code else [
            _get(r, "srid") for r in conn.execute(query("geo/commune_zones"), {"code": commune_code}).fetchall()]
    points = [(v.x, v.y) for v in record.vertices if v.x is not None and v.y is not None]
    return decide_zone(issuer=record.issuer, address=record.parcel.address, issue_date=record.issue_date,
                       points=points, explicit=explicit)


def _get(row: Any, key: str) -> Any:
    return row[key] if isinstance(row, dict) else row[0]


def _load_parcel(conn: psycopg.Connection, cert_parcel_id: int, certificate_id: int, record: CertificateRecord,
                 commune_code: str | None, srid: int | None) -> None:
    parcel = record.parcel
    conn.execute(query("ingest/insert_certificate_parcel"), {
        "id": cert_parcel_id, "certificate_id": certificate_id, "commune_code": commune_code,
        "sheet_no": parcel.sheet_no, "parcel_no": parcel.parcel_no, "address": parcel.address,
        "area_m2": parcel.area_m2, "area_words": parcel.area_words, "use_form": parcel.use_form, "term": parcel.term,
        "origin": parcel.origin, "srid": srid, "wkb": boundary_wkb(record),
    })
    _many(conn, "ingest/insert_land_use", [{
        "certificate_parcel_id": cert_parcel_id, "seq": seq, "code": use.code, "raw_name": use.name,
        "area_m2": use.area_m2} for seq, use in enumerate(parcel.land_uses, start=1)])


def _many(conn: psycopg.Connection, name: str, rows: list[dict[str, Any]]) -> None:
    """One statement for many rows, sent in one pipeline (one round trip instead of one per row: the rows of a
    document — its vertices, field readings, review tasks — made ingest wait on the network; bench/scale.py)."""
    if rows:
        with conn.cursor() as cur:
            cur.executemany(query(name), rows)


def _load_parties(conn: psycopg.Connection, certificate_id: int, cert_parcel_id: int, record: CertificateRecord,
                  known: list[int | None], new_ids: list[int]) -> None:
    """The holders: a party already known by ID number and name (``known``, read in the first round trip), else
    a new one with its id from ``new_ids``; an owner printed twice is one party."""
    seen: dict[tuple, int] = {}
    for owner, party_id, new_id in zip(record.owners, known, new_ids, strict=True):
        key = (owner.id_type, owner.id_number, owner.name)
        party_id = party_id or (seen.get(key) if owner.id_number else None)
        if party_id is None:
            party_id = new_id
            conn.execute(query("ingest/insert_party"), {"id": party_id, **_party_row(owner)})
        if owner.id_number:
            seen[key] = party_id
        conn.execute(query("ingest/insert_right"), {
            "certificate_id": certificate_id, "certificate_parcel_id": cert_parcel_id, "party_id": party_id})


def _party_row(owner: Owner) -> dict[str, Any]:
    kind = "household" if (owner.title or "").startswith("Hộ") else ("person" if owner.title else "organisation")
    return {"kind": kind, "title": owner.title, "name": owner.name, "birth_year": owner.birth_year,
            "id_type": owner.id_type, "id_number": owner.id_number, "address": owner.address}


def add_owner(conn: psycopg.Connection, certificate_id: int, cert_parcel_id: int | None, owner: Owner) -> None:
    """One holder of the certificate: the party already known by this ID number and name, else a new one, and the
    right that ties it to the certificate (also used when a reviewer adds an owner the OCR could not read)."""
    party = None
    if owner.id_number:
        party = conn.execute(query("ingest/find_party"), {
            "id_type": owner.id_type, "id_number": owner.id_number, "name": owner.name}).fetchone()
    if party is None:
        party = conn.execute(query("ingest/insert_party"), {"id": None, **_party_row(owner)}).fetchone()
    conn.execute(query("ingest/insert_right"), {
        "certificate_id": certificate_id, "certificate_parcel_id": cert_parcel_id, "party_id": _get(party, "id")})


def _load_vertices_and_changes(conn: psycopg.Connection, certificate_id: int, record: CertificateRecord) -> None:
    _many(conn, "ingest/insert_vertex", [{
        "certificate_id": certificate_id, "seq": seq, "point": vertex.point, "x": vertex.x, "y": vertex.y,
        "edge_m": vertex.edge_m} for seq, vertex in enumerate(record.vertices, start=1)])
    _many(conn, "ingest/insert_change", [{
        "certificate_id": certificate_id, "seq": seq, "text": change.text, "change_date": change.date,
        "kind": change_kind(change.text)} for seq, change in enumerate(record.changes, start=1)])


def _load_fields(conn: psycopg.Connection, document_id: int, certificate_id: int,
                 fields: Sequence[FieldReadingLike], record: CertificateRecord) -> None:
    reasons = {f.field: f.reason for f in record.flags or []}
    _many(conn, "ingest/insert_field", [{
        "document_id": document_id, "certificate_id": certificate_id, "field": reading.field,
        "value": reading.value, "raw_text": reading.raw_text, "confidence": reading.confidence,
        "page": reading.page, "bbox": list(reading.bbox) if reading.bbox else None, "engine": reading.engine,
        "flagged": reading.flagged, "flag_reason": reading.flag_reason} for reading in fields])
    for reading in fields:
        if reading.flagged:
            reasons.setdefault(reading.field, reading.flag_reason or "low confidence")
    _many(conn, "ingest/insert_review_task", [{
        "kind": "field", "document_id": document_id, "certificate_id": certificate_id, "field": field,
        "reason": reason} for field, reason in reasons.items()])
