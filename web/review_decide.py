"""Reviewers' decisions, each in one audited transaction (``web.auth.writing``: the audit log records who, when
and before → after), and each only on the version the reviewer saw (a stale one raises :class:`StaleItem`,
which carries the other person's change for the 409 response).

- field: *accept* keeps the value (a confirmed serial performs the supersession the loader held back); *fix*
  writes the corrected value into the reading, the certificate's record (re-validated against the schema) and
  the tables it feeds; *reject* marks the reading unusable with a reason (a rescan is needed); on a list flagged
  as a whole (``owners``, ``vertices``, ``changes``, ``parcel.land_uses``) *add* puts in the item the paper has
  and the record lacks (``web.review_add``), the list staying open until accepted.
- finding: ``new → fixed | exception → verified``; *fix* → fixed, *accept* → exception (reason), *verify* →
  verified by a reviewer other than the one who fixed or excepted it, *reject* → back to new (reason).
- link: *accept* the map parcel found, *fix* with another parcel id (a candidate), *reject* = not on the map.
- address: *fix* with today's unit (a code among the candidates: the new units the former ward went to), which the
  VBDLIS export then uses; kept through later ``landdb addresses resolve`` runs while the printed text is the same.

After a fix, the certificate QA rules of its commune run again (and, for its parcel or vertices, the links first;
their own transactions, as the same person) so the findings reflect the correction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import psycopg

from landdb.db import update_versioned
from landdb.errors import ConflictError, NotFoundError, ValidationError
from landdb.models import CertificateRecord, validate_record_json
from landdb.sql import query
from qa.findings import check_transition
from web.errors import BadRequest, Forbidden
from web.review import parse_item_id
from web.review_add import add_item, rerun_of, write_parcel, write_record

ACTIONS = {"field": ("accept", "fix", "reject", "add"), "finding": ("accept", "fix", "verify", "reject"),
           "link": ("accept", "fix", "reject"), "address": ("fix",)}
WHOLE_LISTS = ("owners", "vertices", "parcel.land_uses", "changes", "parcel")  # ocr.assemble.WHOLE_LISTS
FINDING_STATUS = {"fix": "fixed", "accept": "exception", "verify": "verified", "reject": "new"}


class StaleItem(ConflictError):
    """The item changed since the reviewer loaded it; ``change`` says who changed it, when and to what."""

    def __init__(self, message: str, table: str, row_id: int) -> None:
        super().__init__(message)
        self.table = table
        self.row_id = row_id


def decide(conn: psycopg.Connection, item_id: str, actor: str, action: str, version: int,
           value: Any = None, reason: str | None = None) -> dict[str, Any]:
    """Apply one decision inside the caller's transaction; returns what changed and what to re-run."""
    kind, row_id = parse_item_id(item_id)
    if action not in ACTIONS[kind]:
        raise BadRequest(f"a {kind} item takes {', '.join(ACTIONS[kind])}, not {action!r}")
    reason = (reason or "").strip() or None
    handler = {"field": _decide_field, "finding": _decide_finding, "link": _decide_link,
               "address": _decide_address}[kind]
    return {"id": item_id, "action": action, **handler(conn, row_id, actor, action, version, value, reason)}


# ---------------------------------------------------------------- fields
def _decide_field(conn, task_id, actor, action, version, value, reason) -> dict[str, Any]:
    task = conn.execute(query("review/field_task"), {"id": task_id}).fetchone()
    if task is None:
        raise NotFoundError(f"no review task {task_id}")
    if action == "add":
        return _add_to_list(conn, task, version, value)
    if action == "reject" and not reason:
        raise ValidationError("a rejection needs a reason (what is wrong with the scan)")
    if action == "fix" and (value is None or str(value).strip() == ""):
        raise ValidationError("a fix needs the corrected value")
    if action == "fix" and task["field"] in WHOLE_LISTS:
        raise ValidationError(f"{task['field']} is flagged as a whole list (an item may be missing): add the "
                              "missing item, fix items one by one, or accept it once the record holds every item on "
                              "the paper")
    status = {"accept": "accepted", "fix": "fixed", "reject": "rejected"}[action]
    row = conn.execute(query("review/task_resolve"), {"id": task_id, "version": version, "status": status,
                                                      "actor": actor, "reason": reason}).fetchone()
    if row is None:     # first write: a stale reviewer changes nothing at all
        raise StaleItem(f"review task {task_id} was decided by someone else since you opened it (you saw version "
                        f"{version}, it is now version {task['version']}, {task['status']})", "review_task", task_id)
    rerun = None
    field, cert_id = task["field"], task["certificate_id"]
    if action == "fix":
        rerun = _apply_fix(conn, task, str(value).strip())
    elif action == "reject":
        conn.execute(query("review/field_set_unusable"), {"document_id": task["document_id"], "field": field,
                                                          "reason": reason})
    if field == "serial" and cert_id is not None and task["pending_supersedes_id"] is not None:
        if action == "reject":
            conn.execute(query("review/supersede_dropped"), {"id": cert_id})
        else:
            serial = str(value).strip() if action == "fix" else task["serial"]
            conn.execute(query("review/supersede_confirmed"), {"id": cert_id, "serial": serial, "form": task["form"]})
    if cert_id is not None:
        conn.execute(query("review/certificate_settle"), {"id": cert_id})
    return {"version": row["version"], "status": status, "rerun": rerun}


def _add_to_list(conn: psycopg.Connection, task: dict[str, Any], version: int, value: Any) -> dict[str, Any]:
    """An item the whole-list flag says may be missing, added by the reviewer (``web.review_add``); the task stays
    open at a new version (the reviewer accepts the list once it holds every item on the paper)."""
    row = conn.execute(query("review/task_touch"), {"id": task["id"], "version": version}).fetchone()
    if row is None:
        raise StaleItem(f"review task {task['id']} changed since you opened it (you saw version {version}, it is "
                        f"now version {task['version']}, {task['status']}): reload to see the list as it is now",
                        "review_task", task["id"])
    added = add_item(conn, task, value)
    return {"version": row["version"], "status": "open", "added": {"position": added["position"],
            "count": added["count"]}, "rerun": added["rerun"]}


def _set_path(record: dict[str, Any], path: str, value: str) -> None:
    parts = path.split(".")
    target: Any = record
    for part in parts[:-1]:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if isinstance(target, list):
        target[int(parts[-1])] = value
    else:
        target[parts[-1]] = value


def _apply_fix(conn: psycopg.Connection, task: dict[str, Any], value: str) -> dict[str, Any] | None:
    """The corrected value into the reading, the record (re-validated) and the tables it feeds."""
    field, cert_id = task["field"], task["certificate_id"]
    conn.execute(query("review/field_set_value"), {"document_id": task["document_id"], "field": field, "value": value})
    if cert_id is None or task["record"] is None:
        return None
    data = dict(task["record"])
    try:
        _set_path(data, field, value)
        record = CertificateRecord.model_validate(data)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(f"{field}: {value!r} cannot be used: {str(exc).splitlines()[0]}") from exc
    validate_record_json(record.to_json_dict())
    write_record(conn, cert_id, record)
    head, _, rest = field.partition(".")
    if head in ("parcel", "vertices"):
        write_parcel(conn, cert_id, record)
    seq = int(rest.split(".")[0]) if head in ("owners", "vertices", "changes") else None
    if head == "owners":
        o = record.owners[seq]
        conn.execute(query("review/fix_party"), {"id": cert_id, "seq": seq, **o.model_dump()})
    elif head == "vertices":
        v = record.vertices[seq]
        conn.execute(query("review/fix_vertex"), {"id": cert_id, "seq": seq + 1, **v.model_dump()})
    elif head == "changes":
        c = record.changes[seq]
        conn.execute(query("review/fix_change"), {"id": cert_id, "seq": seq + 1, **c.model_dump()})
    elif field.startswith("parcel.land_uses."):
        i = int(field.split(".")[2])
        u = record.parcel.land_uses[i]
        conn.execute(query("review/fix_land_use"), {"id": cert_id, "seq": i + 1, **u.model_dump()})
    return rerun_of(conn, cert_id, head in ("parcel", "vertices"))


# ---------------------------------------------------------------- findings
def _decide_finding(conn, finding_id, actor, action, version, value, reason) -> dict[str, Any]:
    row = conn.execute(query("review/finding"), {"id": finding_id}).fetchone()
    if row is None:
        raise NotFoundError(f"no QA finding {finding_id}")
    wanted = FINDING_STATUS[action]
    if row["version"] != version:
        raise StaleItem(f"QA finding {finding_id} was changed by someone else since you opened it (you saw "
                        f"version {version}, it is now version {row['version']}, {row['status']})",
                        "qa_finding", finding_id)
    if wanted == "verified" and row["status_by"] == actor:
        raise Forbidden(f"{actor.removeprefix('web:')} set this finding to {row['status']}: another reviewer "
                        "must verify it")
    if wanted == "new" and not reason:
        raise ValidationError("reopening a finding needs a reason")
    check_transition(row["status"], wanted, reason)
    try:
        new_version = update_versioned(conn, "qa_finding", finding_id, version, {
            "status": wanted, "status_reason": reason, "status_by": actor, "status_at": dt.datetime.now(dt.UTC)})
    except ConflictError as exc:
        raise StaleItem(str(exc), "qa_finding", finding_id) from exc
    return {"version": new_version, "status": wanted, "rerun": None}


# ---------------------------------------------------------------- links
def _decide_link(conn, cp_id, actor, action, version, value, reason) -> dict[str, Any]:
    link = conn.execute(query("review/certificate_parcel_get"), {"id": cp_id}).fetchone()
    if link is None:
        raise NotFoundError(f"no certificate parcel {cp_id}")
    if action == "accept":
        if link["parcel_id"] is None:
            raise ValidationError("this certificate has no map parcel to accept: pick a candidate or mark it "
                                  "not on the map")
        changes = {"link_status": "matched"}
    elif action == "fix":
        try:
            parcel_id = int(value)
        except (TypeError, ValueError) as exc:
            raise ValidationError(f"pick a map parcel by its id, not {value!r}") from exc
        if conn.execute(query("review/parcel_exists"), {"id": parcel_id}).fetchone() is None:
            raise ValidationError(f"there is no map parcel {parcel_id}")
        changes = {"link_status": "matched", "parcel_id": parcel_id}
    else:
        changes = {"link_status": "not_on_map", "parcel_id": None}
    changes.update(link_reviewed_by=actor, link_reviewed_at=dt.datetime.now(dt.UTC), link_review_note=reason)
    try:
        new_version = update_versioned(conn, "certificate_parcel", cp_id, version, changes)
    except ConflictError as exc:
        raise StaleItem(str(exc), "certificate_parcel", cp_id) from exc
    return {"version": new_version, "status": changes["link_status"],
            "rerun": {"commune": link["commune"], "relink": False}}


# ---------------------------------------------------------------- addresses
def _decide_address(conn, address_id, actor, action, version, value, reason) -> dict[str, Any]:
    from landdb import addresses

    row = conn.execute(query("review/address_get"), {"id": address_id}).fetchone()
    if row is None:
        raise NotFoundError(f"no address resolution {address_id}")
    code = str(value or "").strip()
    units = {u.code: u for u in addresses.candidates(row["printed"], row["former_code"])}
    if code not in units:
        shown = ", ".join(f"{u.code} {u.name}" for u in list(units.values())[:6])
        raise ValidationError(f"pick today's unit of this address by its code, one of: {shown}"
                              f"{' …' if len(units) > 6 else ''} (not {code!r})")
    try:
        new_version = update_versioned(conn, "address_unit", address_id, version, {
            "status": "reviewed", "current_code": code, "current_name": units[code].name, "reviewed_by": actor,
            "reviewed_at": dt.datetime.now(dt.UTC), "review_note": reason})
    except ConflictError as exc:
        raise StaleItem(str(exc), "address_unit", address_id) from exc
    return {"version": new_version, "status": "reviewed", "current_code": code, "current_name": units[code].name,
            "rerun": None}


# ---------------------------------------------------------------- retraction
def retract(conn: psycopg.Connection, certificate_id: int, actor: str, version: int, reason: str | None) -> dict:
    """An admin takes back a wrongly loaded certificate: kept with its history, gone from the current views (status
    ``rejected``, which searches leave out, with who, when and why; unlinked from the map parcel)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("a retraction needs a reason")
    cert = conn.execute(query("review/certificate_get"), {"id": certificate_id}).fetchone()
    if cert is None:
        raise NotFoundError(f"no certificate {certificate_id}")
    if cert["retracted_at"] is not None:
        raise ValidationError(f"certificate {certificate_id} is already retracted")
    try:
        new_version = update_versioned(conn, "certificate", certificate_id, version, {
            "status": "rejected", "retracted_by": actor, "retracted_at": dt.datetime.now(dt.UTC),
            "retract_reason": reason, "pending_supersedes_id": None})
    except ConflictError as exc:
        raise StaleItem(str(exc), "certificate", certificate_id) from exc
    params = {"id": certificate_id, "actor": actor, "reason": reason}
    conn.execute(query("review/retract_links"), params)
    conn.execute(query("review/retract_tasks"), params)
    conn.execute(query("review/retract_restore"), params)
    return {"id": certificate_id, "status": "rejected", "retracted": True, "version": new_version}


def last_change(conn: psycopg.Connection, exc: StaleItem) -> dict[str, Any] | None:
    """Who changed the row last, when and to what (for the stale reviewer's screen)."""
    row = conn.execute(query("review/last_change"), {"table": exc.table, "id": exc.row_id}).fetchone()
    if row is None:
        return None
    after = row["after"] or {}
    change = {"by": row["actor"].removeprefix("web:"), "at": row["at"].isoformat(),
              "status": after.get("status") or after.get("link_status"),
              "reason": after.get("decision_reason") or after.get("status_reason") or after.get("link_review_note")
              or after.get("review_note")}
    if exc.table == "review_task":
        reading = conn.execute(query("review/field_task"), {"id": exc.row_id}).fetchone()
        change["value"] = reading["value"] if reading else None
        change["field"] = reading["field"] if reading else None
    elif exc.table == "certificate_parcel":
        change["value"] = after.get("parcel_id")
    elif exc.table == "address_unit":
        change["value"] = after.get("current_code")
    return change
