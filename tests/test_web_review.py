"""The reviewers' workbench over HTTP, on a copy of the demo database (three sample certificates, the sample map,
links and QA): the queue lists every flagged field and open finding; fixes reach the record, the tables it feeds,
the links and the findings; a stale write gets 409 naming the first reviewer's value and changes nothing; a
second reviewer verifies; officers and anonymous callers cannot decide; a flagged serial supersedes nothing until
confirmed; an admin retracts a certificate."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from tests import review_support
from tests.review_support import client_for, rows
from tests.web_support import make_client

pytestmark = [pytest.mark.db, pytest.mark.slow]

review_url = review_support.review_url   # the fixture
KEY_FIELDS = ("serial", "register_no", "parcel.area_m2", "parcel.parcel_no", "parcel.sheet_no")   # review/_items.sql


def _task(client, item_id: str) -> dict:
    response = client.get(f"/api/review/tasks/{item_id}")
    assert response.status_code == 200, response.text
    return response.json()


def _field_item(url: str, field: str) -> str:
    ((task_id,),) = rows(url, "select id from review_task where field = %s and status = 'open'", field)
    return f"field-{task_id}"


def test_queue_lists_every_flagged_field_and_open_finding(review_url):
    client = client_for("test-reviewer")
    body = client.get("/api/review/tasks", params={"limit": 2000}).json()
    ((open_tasks,),) = rows(review_url, "select count(*) from review_task where status = 'open'")
    ((open_findings,),) = rows(review_url, "select count(*) from qa_finding where status = 'new'")
    ((disputed,),) = rows(review_url, "select count(*) from certificate_parcel "
                                      "where link_status in ('ambiguous', 'shape_disagrees')")
    ((addresses,),) = rows(review_url, "select count(*) from address_unit where status in ('needs_review', 'unknown')")
    assert open_tasks > 0 and open_findings > 0
    assert body["counts"] == {"field": open_tasks, "finding": open_findings, "link": disputed, "address": addresses,
                              "total": open_tasks + open_findings + disputed + addresses}
    assert len(body["tasks"]) == body["counts"]["total"]
    assert {t["kind"] for t in body["tasks"]} == {"field", "finding", "link"} | ({"address"} if addresses else set())
    assert all({"id", "kind", "version"} <= t.keys() for t in body["tasks"])
    priorities = [t["priority"] for t in body["tasks"]]
    assert priorities == sorted(priorities)                  # key fields and errors first
    first = body["tasks"][0]
    assert first["kind"] == "field" and first["priority"] == 0      # a key field: the parcel's key, area, serial …
    assert first["field"] in KEY_FIELDS or re.fullmatch(r"owners\.\d+\.(name|id_number)", first["field"])

    only_errors = client.get("/api/review/tasks", params={"kind": "finding", "rule": "overlap"}).json()
    assert [t["rule_id"] for t in only_errors["tasks"]] == ["overlap"] * only_errors["counts"]["finding"]
    assert client.get("/api/review/tasks", params={"kind": "nonsense"}).status_code == 400


def test_queue_page_shows_an_unread_sheet_number_as_a_question_mark(review_url):
    """A certificate whose sheet number could not be read and that is on no map parcel: `?/80`, not `None/80`."""
    ((cp_id, parcel_no, sheet_no, parcel_id),) = rows(
        review_url, "select cp.id, cp.parcel_no, cp.sheet_no, cp.parcel_id from certificate_parcel cp "
                    "where cp.parcel_no is not null and exists (select from review_task t where t.status = 'open' "
                    "and t.certificate_id = cp.certificate_id) order by cp.id limit 1")
    with psycopg.connect(review_url, autocommit=True) as conn:
        conn.execute("update certificate_parcel set sheet_no = null, parcel_id = null where id = %s", (cp_id,))
        try:
            page = client_for("test-reviewer").get("/review", params={"limit": 2000}).text
        finally:
            conn.execute("update certificate_parcel set sheet_no = %s, parcel_id = %s where id = %s",
                         (sheet_no, parcel_id, cp_id))
    assert f"<td>?/{parcel_no}</td>" in page and "None" not in page


def test_review_screen_shows_the_field_with_its_box_and_the_certificate(review_url):
    client = client_for("test-reviewer")
    item = _task(client, _field_item(review_url, "parcel.area_m2"))
    task = item["task"]
    assert task["value"] == "124.9" and task["page"] == 1 and len(task["bbox"]) == 4
    assert task["confidence"] < 0.5 and "vertices enclose" in task["reason"]
    assert any(r["value"] == task["raw_text"] for r in task["other_readings"])
    assert any(f["field"] == "owners.0.name" for f in item["fields"])      # the whole certificate's fields
    assert item["place"]["certificate_geometry"]["type"] == "Polygon" and item["place"]["parcel_id"]
    page = client.get(f"/review/{item['id']}")
    assert page.status_code == 200 and "scan-box" in page.text and "124.9" in page.text


def test_officer_403_and_anonymous_401(review_url):
    officer = client_for("test-officer")
    item_id = _field_item(review_url, "parcel.sheet_no")
    decision = {"action": "accept", "version": 1}
    assert officer.post(f"/api/review/tasks/{item_id}", json=decision).status_code == 403
    assert officer.get("/api/review/tasks").status_code == 403
    anonymous = make_client()
    assert anonymous.post(f"/api/review/tasks/{item_id}", json=decision).status_code == 401
    assert anonymous.get("/api/review/tasks").status_code == 401
    assert rows(review_url, "select status from review_task where id = %s", int(item_id.split("-")[1])) == [("open",)]


def test_stale_fix_gets_409_naming_the_first_value_and_changes_nothing(review_url):
    item_id = _field_item(review_url, "parcel.sheet_no")
    task_id = int(item_id.split("-")[1])
    first, second = client_for("test-reviewer"), client_for("test-reviewer2")
    seen_first, seen_second = _task(first, item_id), _task(second, item_id)
    assert seen_first["version"] == seen_second["version"]
    ok = first.post(f"/api/review/tasks/{item_id}",
                    json={"action": "fix", "value": "1", "version": seen_first["version"]})
    assert ok.status_code == 200, ok.text
    stale = second.post(f"/api/review/tasks/{item_id}",
                        json={"action": "fix", "value": "7", "version": seen_second["version"]})
    assert stale.status_code == 409
    body = stale.json()
    assert body["change"]["by"] == "test-reviewer" and body["change"]["value"] == "1"
    assert "test-reviewer" in body["message"] and "'1'" in body["message"]
    assert rows(review_url, "select ef.value from extracted_field ef join review_task t on t.document_id = "
                            "ef.document_id and t.field = ef.field where t.id = %s", task_id) == [("1",)]
    audit = rows(review_url, "select actor, after ->> 'status' from audit_log where table_name = 'review_task' "
                             "and row_id = %s and action = 'update'", task_id)
    assert audit == [("web:test-reviewer", "fixed")]
    assert rows(review_url, "select count(*) from audit_log where actor = 'web:test-reviewer2'") == [(0,)]


def test_two_simultaneous_decisions_one_wins(review_url):
    """Both requests in flight at once on the same version: the row lock makes the second re-check and lose."""
    from concurrent.futures import ThreadPoolExecutor

    ((task_id,),) = rows(review_url, "insert into review_task (kind, document_id, certificate_id, field, reason) "
                                     "select 'field', document_id, id, 'issue_date', 'test: race' from certificate "
                                     "order by id limit 1 returning id")
    clients = [client_for("test-reviewer"), client_for("test-reviewer2")]
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda c: c.post(f"/api/review/tasks/field-{task_id}",
                                                 json={"action": "accept", "version": 1}), clients))
    assert sorted(a.status_code for a in answers) == [200, 409]
    assert rows(review_url, "select count(*) from audit_log where table_name = 'review_task' and row_id = %s "
                            "and action = 'update'", task_id) == [(1,)]


def test_fix_of_the_area_reaches_record_tables_links_and_findings(review_url):
    reviewer = client_for("test-reviewer")
    item_id = _field_item(review_url, "parcel.area_m2")
    item = _task(reviewer, item_id)
    cert_id = item["task"]["certificate_id"]
    parcel_id = item["place"]["parcel_id"]
    for (other,) in rows(review_url, "select id from review_task where certificate_id = %s and status = 'open' "
                                     "and field <> 'parcel.area_m2'", cert_id):   # its other flags, accepted first
        accepted = reviewer.post(f"/api/review/tasks/field-{other}",
                                 json={"action": "accept", "version": _task(reviewer, f"field-{other}")["version"]})
        assert accepted.status_code == 200, accepted.text
    assert rows(review_url, "select status from qa_finding where rule_id = 'cert_map_area' "
                            "and certificate_id = %s", cert_id) == [("new",)]
    bad = reviewer.post(f"/api/review/tasks/{item_id}", json={"action": "fix", "value": "lots",
                                                              "version": item["version"]})
    assert bad.status_code == 422 and "parcel.area_m2" in bad.json()["message"]
    done = reviewer.post(f"/api/review/tasks/{item_id}", json={"action": "fix", "value": "118.4",
                                                               "version": item["version"]})
    assert done.status_code == 200, done.text
    assert rows(review_url, "select (record -> 'parcel' ->> 'area_m2')::float8, status from certificate "
                            "where id = %s", cert_id) == [(118.4, "accepted")]
    assert rows(review_url, "select area_m2::float8, link_status from certificate_parcel where certificate_id = %s",
                cert_id) == [(118.4, "matched")]
    assert rows(review_url, "select status, status_by from qa_finding where rule_id = 'cert_map_area' "
                            "and certificate_id = %s", cert_id) == [("fixed", "web:test-reviewer")]
    detail = reviewer.get(f"/api/parcels/{parcel_id}").json()
    assert any(h["actor"] == "web:test-reviewer" and (h["changed"] or {}).get("area_m2") == 118.4
               for h in detail["history"])
    assert not any(t["field"] == "parcel.area_m2" for c in detail["certificates"] for t in c["open_review"])
    assert rows(review_url, "select count(*) from audit_log where actor = 'web:test-reviewer' and "
                            "table_name = 'extracted_field'") >= [(1,)]


def test_a_second_reviewer_verifies_a_fixed_finding_not_the_one_who_fixed_it(review_url):
    first, second = client_for("test-reviewer"), client_for("test-reviewer2")
    ((finding_id,),) = rows(review_url, "select id from qa_finding where rule_id = 'overlap' and status = 'new'")
    item = _task(first, f"finding-{finding_id}")
    assert item["finding"]["measure"] > item["finding"]["threshold"] and item["finding"]["unit"] == "m²"
    fixed = first.post(f"/api/review/tasks/finding-{finding_id}", json={"action": "fix", "version": item["version"]})
    assert fixed.status_code == 200 and fixed.json()["status"] == "fixed"
    version = fixed.json()["version"]
    own = first.post(f"/api/review/tasks/finding-{finding_id}", json={"action": "verify", "version": version})
    assert own.status_code == 403 and "another reviewer" in own.json()["message"]
    waiting = second.get("/api/review/tasks", params={"status": "verify", "kind": "finding"}).json()
    assert f"finding-{finding_id}" in [t["id"] for t in waiting["tasks"]]
    verified = second.post(f"/api/review/tasks/finding-{finding_id}", json={"action": "verify", "version": version})
    assert verified.status_code == 200 and verified.json()["status"] == "verified"
    assert rows(review_url, "select status, status_by from qa_finding where id = %s", finding_id) == [
        ("verified", "web:test-reviewer2")]
    exception = second.post(f"/api/review/tasks/finding-{finding_id}", json={"action": "accept", "version": 1})
    assert exception.status_code == 409


def test_reject_needs_a_reason_and_marks_the_reading_unusable(review_url):
    reviewer = client_for("test-reviewer")
    ((task_id, doc_id),) = rows(review_url, "insert into review_task (kind, document_id, certificate_id, field, "
                                            "reason) select 'field', document_id, id, 'issuer', 'test: smudged' "
                                            "from certificate order by id limit 1 returning id, document_id")
    no_reason = reviewer.post(f"/api/review/tasks/field-{task_id}", json={"action": "reject", "version": 1})
    assert no_reason.status_code == 422
    done = reviewer.post(f"/api/review/tasks/field-{task_id}",
                         json={"action": "reject", "version": 1, "reason": "ink blot over the issuer"})
    assert done.status_code == 200
    assert rows(review_url, "select unusable, unusable_reason from extracted_field where document_id = %s "
                            "and field = 'issuer'", doc_id) == [(True, "ink blot over the issuer")]


def test_link_pick_a_candidate_is_kept_by_the_linker(review_url):
    from geo.link import link_certificates
    from landdb.db import connect

    reviewer = client_for("test-reviewer")
    ((cp_id, version, parcel_id),) = rows(review_url, "select id, version, parcel_id from certificate_parcel "
                                                      "order by id limit 1")
    ((other,),) = rows(review_url, "select id from parcel where id <> %s order by id limit 1", parcel_id)
    picked = reviewer.post(f"/api/review/tasks/link-{cp_id}", json={"action": "fix", "value": other,
                                                                    "version": version})
    assert picked.status_code == 200, picked.text
    with connect() as conn:
        link_certificates(conn, actor="test")
    assert rows(review_url, "select parcel_id, link_status, link_reviewed_by from certificate_parcel where id = %s",
                cp_id) == [(other, "matched", "web:test-reviewer")]


@dataclass
class Reading:
    field: str
    value: str | None
    raw_text: str | None = None
    confidence: float = 0.99
    page: int | None = 1
    bbox: tuple[int, int, int, int] | None = (10, 10, 100, 30)
    engine: str = "test"
    flagged: bool = False
    flag_reason: str | None = None


def test_a_flagged_serial_supersedes_nothing_until_confirmed_and_admin_retracts(review_url):
    from landdb.db import connect
    from landdb.loader import load_document
    from landdb.models import CertificateRecord

    ((old_id, serial, record),) = rows(review_url, "select id, serial, record from certificate where status <> "
                                                   "'superseded' and serial is not null order by id limit 1")
    rescan = CertificateRecord.model_validate(record)
    with connect() as conn:
        result = load_document(conn, path=Path("rescan.pdf"), sha256="f" * 64, record=rescan, pages=2,
                               actor="test", fields=[Reading("serial", serial, confidence=0.4, flagged=True,
                                                             flag_reason="two letters unsure")])
    assert result.outcome == "loaded"
    assert rows(review_url, "select status from certificate where id = %s", old_id) != [("superseded",)]
    assert rows(review_url, "select pending_supersedes_id from certificate where id = %s",
                result.certificate_id) == [(old_id,)]

    reviewer, admin, officer = client_for("test-reviewer"), client_for("test-admin"), client_for("test-officer")
    ((task_id, version),) = rows(review_url, "select id, version from review_task where certificate_id = %s "
                                             "and field = 'serial'", result.certificate_id)
    assert reviewer.post(f"/api/review/tasks/field-{task_id}",
                         json={"action": "accept", "version": version}).status_code == 200
    assert rows(review_url, "select status from certificate where id = %s", old_id) == [("superseded",)]
    assert rows(review_url, "select supersedes_id, pending_supersedes_id from certificate where id = %s",
                result.certificate_id) == [(old_id, None)]

    ((new_version,),) = rows(review_url, "select version from certificate where id = %s", result.certificate_id)
    retract = {"version": new_version, "reason": "loaded the wrong folder"}
    assert officer.post(f"/api/review/certificates/{result.certificate_id}/retract", json=retract).status_code == 403
    assert reviewer.post(f"/api/review/certificates/{result.certificate_id}/retract",
                         json=retract).status_code == 403
    done = admin.post(f"/api/review/certificates/{result.certificate_id}/retract", json=retract)
    assert done.status_code == 200, done.text
    assert rows(review_url, "select status, retracted_by from certificate where id = %s", result.certificate_id) == [
        ("rejected", "web:test-admin")]
    assert rows(review_url, "select status from certificate where id = %s", old_id) == [("extracted",)]
    assert rows(review_url, "select parcel_id from certificate_parcel where certificate_id = %s",
                result.certificate_id) == [(None,)]
    assert rows(review_url, "select count(*) from audit_log where table_name = 'certificate' and row_id = %s "
                            "and after ->> 'retracted_by' = 'web:test-admin'", result.certificate_id) == [(1,)]
    ((cp_id,),) = rows(review_url, "select id from certificate_parcel where certificate_id = %s", result.certificate_id)
    found = officer.get("/api/search", params={"q": serial}).json()["results"]
    assert found and all(r["certificate_parcel_id"] != cp_id for r in found)      # the old one is found, not it

    with connect() as conn:       # a rescan whose serial is sure supersedes the current certificate at once
        clean = load_document(conn, path=Path("rescan2.pdf"), sha256="e" * 64, record=rescan, pages=2, actor="test",
                              fields=[Reading("serial", serial)])
    assert clean.outcome == "new_version"
    assert rows(review_url, "select status from certificate where id = %s", old_id) == [("superseded",)]
