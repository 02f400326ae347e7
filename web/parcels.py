"""A parcel as the parcel page and ``GET /api/parcels/{id}`` show it: the map parcel, its certificates (owners,
rights, land uses, the fields read from each scan page, the printed coordinate table), history, QA findings,
open review items and neighbours. Each part is one query in ``sql/queries/web/parcel_*.sql``."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

import psycopg

from landdb.errors import NotFoundError
from landdb.sql import query


def parcel_detail(conn: psycopg.Connection, parcel_id: int) -> dict[str, Any]:
    parcel = conn.execute(query("web/parcel_get"), {"id": parcel_id}).fetchone()
    if parcel is None:
        raise NotFoundError(f"no parcel {parcel_id}")
    certificates = conn.execute(query("web/parcel_certificates"), {"id": parcel_id}).fetchall()
    cert_ids = [c["id"] for c in certificates]
    cert_parcel_ids = [c["certificate_parcel_id"] for c in certificates]
    doc_ids = [c["document_id"] for c in certificates]

    land_uses = _group(conn, "web/parcel_land_uses", cert_parcel_ids, "certificate_parcel_id")
    owners = _group(conn, "web/parcel_owners", cert_ids, "certificate_id")
    fields = _group(conn, "web/parcel_fields", doc_ids, "document_id")
    vertices = _group(conn, "web/parcel_cert_vertices", cert_ids, "certificate_id")
    changes = _group(conn, "web/parcel_changes", cert_ids, "certificate_id")
    review = _group(conn, "web/parcel_review_open", cert_ids, "certificate_id")
    for cert in certificates:
        cert["land_uses"] = land_uses.get(cert["certificate_parcel_id"], [])
        cert["owners"] = owners.get(cert["id"], [])
        cert["fields"] = fields.get(cert["document_id"], [])
        cert["vertices"] = vertices.get(cert["id"], [])
        cert["changes"] = changes.get(cert["id"], [])
        cert["open_review"] = review.get(cert["id"], [])
        cert["area_difference_m2"] = _difference(cert["area_m2"], parcel["map_area_m2"])

    history = conn.execute(query("web/parcel_history"), {
        "id": parcel_id, "certificate_ids": cert_ids, "certificate_parcel_ids": cert_parcel_ids,
        "commune_code": parcel["commune_code"], "sheet_no": parcel["sheet_no"], "parcel_no": parcel["parcel_no"],
    }).fetchall()
    return _plain({
        "parcel": parcel,
        "key": f"{parcel['sheet_no']}/{parcel['parcel_no']}",
        "certificates": certificates,
        "map_vertices": conn.execute(query("web/parcel_map_vertices"), {"id": parcel_id}).fetchall(),
        "history": history,
        "findings": conn.execute(query("web/parcel_findings"),
                                 {"id": parcel_id, "certificate_ids": cert_ids}).fetchall(),
        "neighbours": conn.execute(query("web/parcel_neighbours"), {"id": parcel_id}).fetchall(),
    })


def _group(conn: psycopg.Connection, name: str, ids: list[int], by: str) -> dict[int, list[dict[str, Any]]]:
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if ids:
        for row in conn.execute(query(name), {"ids": ids}).fetchall():
            grouped[row[by]].append(row)
    return grouped


def _difference(certificate_m2: Any, map_m2: Any) -> float | None:
    if certificate_m2 is None or map_m2 is None:
        return None
    return round(float(certificate_m2) - float(map_m2), 2)


def _plain(value: Any) -> Any:
    """Decimals as floats, recursively (JSON and templates)."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
