"""The reviewers' queue and review screen: every open item a person must decide — flagged fields (``review_task``),
QA findings (``qa_finding``), certificate↔map links that are ambiguous or disagree (``certificate_parcel``) and
addresses whose current unit the old→new mapping could not decide (``address_unit``) — as one list
(``sql/queries/review/_items.sql``), and one item with all the screen shows.

An item's id names its kind and row (``field-12``, ``finding-5``, ``link-3``, ``address-7``); its ``version`` is the
row's, which every decision must carry back (``web.review_decide``).
"""

from __future__ import annotations

import re
from typing import Any

import psycopg
from psycopg import sql as pgsql

from landdb.errors import NotFoundError
from landdb.sql import query
from web.errors import BadRequest
from web.labels import list_item_fields
from web.parcels import _plain

KINDS = ("field", "finding", "link", "address")
STATUSES = ("open", "verify", "done")
ITEM_ID = re.compile(r"^(field|finding|link|address)-(\d{1,18})$")


def parse_item_id(item_id: str) -> tuple[str, int]:
    """``'field-12'`` → ``('field', 12)``; anything else is a bad request.

    >>> parse_item_id("finding-5")
    ('finding', 5)
    """
    m = ITEM_ID.match(item_id)
    if m is None:
        raise BadRequest(f"review item id {item_id!r} is not KIND-NUMBER with KIND one of {', '.join(KINDS)}")
    return m.group(1), int(m.group(2))


def _with_items(name: str) -> pgsql.Composed:
    return pgsql.SQL("with items as ({items}) {tail}").format(
        items=pgsql.SQL(query("review/_items")), tail=pgsql.SQL(query(name)))


def queue(conn: psycopg.Connection, *, status: str = "open", kind: str | None = None, rule: str | None = None,
          commune: str | None = None, run: int | None = None, limit: int = 200) -> dict[str, Any]:
    """The queue's page (most urgent first, then oldest) and how many items of each kind the filters select."""
    if status not in STATUSES:
        raise BadRequest(f"status {status!r} is not one of {', '.join(STATUSES)}")
    if kind is not None and kind not in KINDS:
        raise BadRequest(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    params = {"status": status, "kind": kind, "rule": rule or None, "commune": commune or None, "run": run,
              "limit": limit}
    tasks = conn.execute(_with_items("review/queue"), params).fetchall()
    counts = {k: 0 for k in KINDS}
    counts.update({row["kind"]: row["n"] for row in conn.execute(_with_items("review/counts"), params).fetchall()})
    counts["total"] = sum(counts[k] for k in KINDS)
    return _plain({"tasks": tasks, "counts": counts})


def item(conn: psycopg.Connection, item_id: str) -> dict[str, Any]:
    """Everything the review screen shows for one item."""
    kind, row_id = parse_item_id(item_id)
    loader = {"field": _field_item, "finding": _finding_item, "link": _link_item, "address": _address_item}[kind]
    return _plain({"id": item_id, "kind": kind, **loader(conn, row_id)})


def _certificate(conn: psycopg.Connection, certificate_id: int | None, document_id: int | None) -> dict[str, Any]:
    if certificate_id is None:
        return {"place": None, "fields": []}
    place = conn.execute(query("review/certificate_place"), {"id": certificate_id}).fetchone()
    fields = conn.execute(query("web/parcel_fields"), {"ids": [document_id]}).fetchall() if document_id else []
    return {"place": place, "fields": fields}


def _field_item(conn: psycopg.Connection, task_id: int) -> dict[str, Any]:
    task = conn.execute(query("review/field_task"), {"id": task_id}).fetchone()
    if task is None:
        raise NotFoundError(f"no review task {task_id}")
    record = task.pop("record") or {}
    task["other_readings"] = _other_readings(task, record)
    item_fields = list_item_fields(task["field"])
    if item_fields is not None:   # a whole list: what the record holds now, and the fields of an item to add
        items = record.get("parcel", {}).get("land_uses") if task["field"] == "parcel.land_uses" else \
            record.get(task["field"])
        task["items"], task["item_fields"] = items or [], item_fields
    return {"version": task["version"], "task": task, **_certificate(conn, task["certificate_id"], task["document_id"])}


def _other_readings(task: dict[str, Any], record: dict[str, Any]) -> list[dict[str, Any]]:
    """What else was read for this field: the raw OCR text and whatever the record's flag carries (candidates)."""
    readings = []
    if task.get("raw_text") and task["raw_text"] != task.get("value"):
        readings.append({"source": "raw OCR text", "value": task["raw_text"]})
    for flag in record.get("flags") or []:
        if flag.get("field") != task["field"]:
            continue
        for key, value in flag.items():
            if key not in ("field", "reason") and value not in (None, "", []):
                readings.append({"source": key, "value": value})
    return readings


def _finding_item(conn: psycopg.Connection, finding_id: int) -> dict[str, Any]:
    finding = conn.execute(query("review/finding"), {"id": finding_id}).fetchone()
    if finding is None:
        raise NotFoundError(f"no QA finding {finding_id}")
    parcels = conn.execute(query("review/parcels_brief"), {"ids": list(finding["parcel_ids"] or [])}).fetchall()
    return {"version": finding["version"], "finding": finding, "parcels": parcels,
            **_certificate(conn, finding["certificate_id"], finding["document_id"])}


def _link_item(conn: psycopg.Connection, cp_id: int) -> dict[str, Any]:
    link = conn.execute(query("review/certificate_parcel_get"), {"id": cp_id}).fetchone()
    if link is None:
        raise NotFoundError(f"no certificate parcel {cp_id}")
    cert = conn.execute(query("review/certificate_get"), {"id": link["certificate_id"]}).fetchone()
    measures = link["link_measures"] or {}
    ids = [i for i in [link["parcel_id"], *measures.get("candidates", []), measures.get("nearest_parcel_id")] if i]
    candidates = conn.execute(query("review/parcels_brief"), {"ids": sorted(set(ids))}).fetchall()
    return {"version": link["version"], "link": link, "certificate": cert, "candidates": candidates,
            **_certificate(conn, cert["id"], cert["document_id"])}


def _address_item(conn: psycopg.Connection, address_id: int) -> dict[str, Any]:
    from landdb import addresses

    address = conn.execute(query("review/address_get"), {"id": address_id}).fetchone()
    if address is None:
        raise NotFoundError(f"no address resolution {address_id}")
    units = addresses.candidates(address["printed"], address["former_code"])
    parcels = conn.execute(query("review/parcels_brief"),
                           {"ids": [address["parcel_id"]] if address["parcel_id"] else []}).fetchall()
    return {"version": address["version"], "address": address, "parcels": parcels,
            "units": [{"code": u.code, "name": u.name, "province": u.province} for u in units],
            **_certificate(conn, address["certificate_id"], address["document_id"])}
