"""A reviewer adds the item a whole-list flag says may be missing: the co-owner whose line could not be read, a row
of the coordinate table, a change entry, a land use. The list's task stays open (another item may still be
missing) until the reviewer accepts it; each addition bumps the task's version, so two reviewers adding the same
person at once cannot both succeed (the second gets 409).

The item goes into the certificate's record (re-validated against the schema) and the tables the record feeds, in
the caller's audited transaction. Owners are appended (rights keep their load order, which is the record's);
vertices and change entries go at the position given (1 = first; default last), land uses at the end.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg.types.json import Jsonb
from pydantic import ValidationError as ModelError

from landdb.errors import ValidationError
from landdb.loader import add_owner, boundary_wkb, change_kind
from landdb.models import CertificateRecord, Change, LandUse, Owner, Vertex, validate_record_json
from landdb.sql import query

ITEM_MODELS = {"owners": Owner, "vertices": Vertex, "changes": Change, "parcel.land_uses": LandUse}
POSITIONED = ("vertices", "changes")


def add_item(conn: psycopg.Connection, task: dict[str, Any], value: Any) -> dict[str, Any]:
    """Add ``value`` (the item's fields, and ``position`` for vertices and changes) to the list of ``task``;
    returns what to re-run (links and certificate rules), as a fix does."""
    field, cert_id = task["field"], task["certificate_id"]
    if field not in ITEM_MODELS:
        raise ValidationError(f"{field} is not a list a reviewer can add to (one of: {', '.join(ITEM_MODELS)})")
    if cert_id is None or task["record"] is None:
        raise ValidationError("this reading has no certificate record to add to")
    if not isinstance(value, dict):
        raise ValidationError(f"an addition to {field} needs the item's fields, e.g. "
                              f"{sorted(ITEM_MODELS[field].model_fields)}")
    fields = {k: (v.strip() if isinstance(v, str) else v) for k, v in value.items() if k != "position"}
    fields = {k: v for k, v in fields.items() if v not in ("", None)}
    try:
        item = ITEM_MODELS[field].model_validate(fields)
    except ModelError as exc:
        first = exc.errors()[0]
        raise ValidationError(f"{field}: {'.'.join(map(str, first['loc']))}: {first['msg']}") from exc
    data = dict(task["record"])
    items = _list_of(data, field)
    position = _position(value.get("position"), len(items), field)
    items.insert(position, item.model_dump(mode="json"))
    try:
        record = CertificateRecord.model_validate(data)
    except ModelError as exc:
        raise ValidationError(f"{field}: the record with this item is not valid: {exc.errors()[0]['msg']}") from exc
    validate_record_json(record.to_json_dict())
    write_record(conn, cert_id, record)
    _add_rows(conn, cert_id, field, position, record)
    return {"position": position + 1, "count": len(items), "rerun": rerun_of(conn, cert_id, field == "vertices")}


def write_record(conn: psycopg.Connection, cert_id: int, record: CertificateRecord) -> None:
    """A reviewed record into the certificate row (its columns and the JSON)."""
    conn.execute(query("review/fix_certificate"), {
        "id": cert_id, "serial": record.serial, "register_no": record.register_no, "issue_date": record.issue_date,
        "issuer": record.issuer, "record": Jsonb(record.model_dump(mode="json"))})


def write_parcel(conn: psycopg.Connection, cert_id: int, record: CertificateRecord) -> None:
    """The parcel as printed after a review: its fields and the polygon of the vertex table."""
    p = record.parcel
    conn.execute(query("review/fix_certificate_parcel"), {
        "id": cert_id, "sheet_no": p.sheet_no, "parcel_no": p.parcel_no, "address": p.address,
        "area_m2": p.area_m2, "area_words": p.area_words, "use_form": p.use_form, "term": p.term,
        "origin": p.origin, "wkb": boundary_wkb(record)})


def rerun_of(conn: psycopg.Connection, cert_id: int, relink: bool) -> dict[str, Any]:
    """What to run again after a review changed the certificate: its commune's certificate rules, and the links
    first when its parcel or vertices changed (the linker scopes by the certificate's own commune code)."""
    place = conn.execute(query("review/certificate_place"), {"id": cert_id}).fetchone()
    return {"commune": place["commune"] if place else None,
            "link_commune": place["commune_code"] if place else None, "relink": relink}


def _list_of(data: dict[str, Any], field: str) -> list[Any]:
    if field == "parcel.land_uses":
        data["parcel"] = dict(data["parcel"])
        data["parcel"]["land_uses"] = list(data["parcel"].get("land_uses") or [])
        return data["parcel"]["land_uses"]
    data[field] = list(data.get(field) or [])
    return data[field]


def _position(given: Any, length: int, field: str) -> int:
    """0-based place of the new item: where the reviewer said (1 = first), else after the last."""
    if given in (None, "") or field not in POSITIONED:
        return length
    try:
        position = int(given)
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"position must be a number from 1 to {length + 1}, not {given!r}") from exc
    if not 1 <= position <= length + 1:
        raise ValidationError(f"position must be from 1 to {length + 1}, not {position}")
    return position - 1


def _add_rows(conn: psycopg.Connection, cert_id: int, field: str, position: int, record: CertificateRecord) -> None:
    seq = position + 1
    if field == "owners":
        cert_parcel = conn.execute(query("review/certificate_parcel_of"), {"id": cert_id}).fetchone()
        add_owner(conn, cert_id, cert_parcel["id"] if cert_parcel else None, record.owners[-1])
    elif field == "vertices":
        v = record.vertices[position]
        conn.execute(query("review/vertex_make_room"), {"id": cert_id, "seq": seq})
        conn.execute(query("review/vertex_settle"), {"id": cert_id})
        conn.execute(query("ingest/insert_vertex"), {"certificate_id": cert_id, "seq": seq, "point": v.point,
                                                     "x": v.x, "y": v.y, "edge_m": v.edge_m})
        write_parcel(conn, cert_id, record)
    elif field == "changes":
        c = record.changes[position]
        conn.execute(query("review/change_make_room"), {"id": cert_id, "seq": seq})
        conn.execute(query("review/change_settle"), {"id": cert_id})
        conn.execute(query("ingest/insert_change"), {"certificate_id": cert_id, "seq": seq, "text": c.text,
                                                     "change_date": c.date, "kind": change_kind(c.text)})
    else:
        use = record.parcel.land_uses[-1]
        conn.execute(query("review/land_use_append"), {"id": cert_id, "code": use.code, "raw_name": use.name,
                                                       "area_m2": use.area_m2})
