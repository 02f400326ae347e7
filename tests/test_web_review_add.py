"""A reviewer adds what a whole-list flag says may be missing (the co-owner whose line could not be read, a row of
the coordinate table, a change entry), over HTTP on a copy of the demo database: the item reaches the record, the
tables it feeds and search, audited as the reviewer; the list stays open until accepted; a second reviewer adding
from the same version gets 409 and adds nothing; bad items and non-list tasks are refused in one line."""

from __future__ import annotations

import pytest

from tests import review_support
from tests.review_support import client_for, rows

pytestmark = [pytest.mark.db, pytest.mark.slow]

review_url = review_support.review_url   # the fixture


def _list_task(url: str, field: str, nth: int = 0) -> tuple[str, int]:
    """An open whole-list task on the nth certificate (made here: the demo's OCR read every list whole)."""
    ((task_id, cert_id),) = rows(url, "insert into review_task (kind, document_id, certificate_id, field, reason) "
                                      "select 'field', document_id, id, %s, 'test: a line could not be read' "
                                      "from certificate where status <> 'rejected' order by id offset %s limit 1 "
                                      "returning id, certificate_id", field, nth)
    return f"field-{task_id}", cert_id


def _version(client, item_id: str) -> int:
    response = client.get(f"/api/review/tasks/{item_id}")
    assert response.status_code == 200, response.text
    return response.json()["version"]


def test_a_missing_co_owner_added_is_in_record_tables_search_and_audit(review_url):
    reviewer, second = client_for("test-reviewer"), client_for("test-reviewer2")
    item_id, cert_id = _list_task(review_url, "owners")
    detail = reviewer.get(f"/api/review/tasks/{item_id}").json()
    before = len(detail["task"]["items"])
    assert before >= 1 and ("name", "họ tên") in map(tuple, detail["task"]["item_fields"])
    owner = {"title": "Bà", "name": "LÊ THỊ HOÀI THƯƠNG", "birth_year": "1971", "id_type": "CCCD",
             "id_number": "079171004321", "address": "12 Nguyễn Trãi, Phường Bến Thành, Quận 1"}
    version = detail["version"]
    added = reviewer.post(f"/api/review/tasks/{item_id}", json={"action": "add", "value": owner, "version": version})
    assert added.status_code == 200, added.text
    assert added.json()["status"] == "open" and added.json()["version"] == version + 1
    assert added.json()["added"] == {"position": before + 1, "count": before + 1}
    # the same person added by a second reviewer who opened the list before: refused, nothing added twice
    stale = second.post(f"/api/review/tasks/{item_id}", json={"action": "add", "value": owner, "version": version})
    assert stale.status_code == 409 and "test-reviewer" in stale.json()["message"]
    names = rows(review_url, "select jsonb_path_query_array(record, '$.owners[*].name') from certificate "
                             "where id = %s", cert_id)[0][0]
    assert len(names) == before + 1 and names[-1] == "LÊ THỊ HOÀI THƯƠNG"
    assert rows(review_url, "select p.name, p.birth_year, p.id_number from land_right r join party p on "
                            "p.id = r.party_id where r.certificate_id = %s order by r.id desc limit 1", cert_id) \
        == [("LÊ THỊ HOÀI THƯƠNG", 1971, "079171004321")]
    assert rows(review_url, "select count(*) from land_right where certificate_id = %s", cert_id) == [(before + 1,)]
    audited = rows(review_url, "select table_name, action from audit_log where actor = 'web:test-reviewer' and "
                               "table_name in ('party', 'land_right', 'certificate', 'review_task') "
                               "and at > now() - interval '1 hour' group by 1, 2 order by 1, 2")
    assert {("party", "insert"), ("land_right", "insert"), ("certificate", "update"),
            ("review_task", "update")} <= set(audited)
    assert rows(review_url, "select count(*) from audit_log where actor = 'web:test-reviewer2'") == [(0,)]
    found = reviewer.get("/api/search", params={"q": "le thi hoai thuong"}).json()["results"]
    assert any("LÊ THỊ HOÀI THƯƠNG" in r["owners"] for r in found)
    # the list is accepted once whole
    done = reviewer.post(f"/api/review/tasks/{item_id}", json={"action": "accept", "version": version + 1})
    assert done.status_code == 200 and done.json()["status"] == "accepted"


def test_a_missing_vertex_goes_where_the_reviewer_says_and_the_boundary_follows(review_url):
    reviewer = client_for("test-reviewer")
    item_id, cert_id = _list_task(review_url, "vertices", nth=1)
    vertices = reviewer.get(f"/api/review/tasks/{item_id}").json()["task"]["items"]
    assert len(vertices) >= 3
    points_before = rows(review_url, "select st_npoints(geom) from certificate_parcel where certificate_id = %s",
                         cert_id)[0][0]
    a, b = vertices[0], vertices[1]
    middle = {"point": "1a", "x": f"{(a['x'] + b['x']) / 2:.2f}", "y": f"{(a['y'] + b['y']) / 2:.2f}",
              "position": "2"}
    added = reviewer.post(f"/api/review/tasks/{item_id}",
                          json={"action": "add", "value": middle, "version": _version(reviewer, item_id)})
    assert added.status_code == 200, added.text
    assert added.json()["added"]["position"] == 2
    table = rows(review_url, "select seq, point from certificate_vertex where certificate_id = %s order by seq",
                 cert_id)
    assert [s for s, _ in table] == list(range(1, len(vertices) + 2))
    assert [p for _, p in table] == [vertices[0]["point"], "1a"] + [v["point"] for v in vertices[1:]]
    assert rows(review_url, "select st_npoints(geom) from certificate_parcel where certificate_id = %s",
                cert_id) == [(points_before + 1,)]
    record_points = rows(review_url, "select jsonb_path_query_array(record, '$.vertices[*].point') from certificate "
                                     "where id = %s", cert_id)[0][0]
    assert record_points == [p for _, p in table]


def test_a_change_entry_added_first_and_bad_additions_refused(review_url):
    reviewer, officer = client_for("test-reviewer"), client_for("test-officer")
    item_id, cert_id = _list_task(review_url, "changes", nth=2)
    entry = {"date": "2019-05-14", "text": "Chuyển nhượng cho ông Phạm Văn Đức theo hồ sơ số 123", "position": "1"}
    assert officer.post(f"/api/review/tasks/{item_id}", json={"action": "add", "value": entry,
                                                               "version": 1}).status_code == 403
    for bad, words in (({"date": "2019-05-14"}, "changes: text"), ({**entry, "position": "9"}, "position"),
                       ("a plain string", "item's fields")):
        refused = reviewer.post(f"/api/review/tasks/{item_id}",
                                json={"action": "add", "value": bad, "version": _version(reviewer, item_id)})
        assert refused.status_code == 422 and words in refused.json()["message"], refused.text
    added = reviewer.post(f"/api/review/tasks/{item_id}",
                          json={"action": "add", "value": entry, "version": _version(reviewer, item_id)})
    assert added.status_code == 200, added.text
    assert rows(review_url, "select seq, change_date::text from parcel_change where certificate_id = %s "
                            "order by seq limit 1", cert_id) == [(1, "2019-05-14")]
    seqs = [s for (s,) in rows(review_url, "select seq from parcel_change where certificate_id = %s order by seq",
                               cert_id)]
    assert seqs == list(range(1, len(seqs) + 1))
    field_item, _ = _list_task(review_url, "parcel.sheet_no")
    not_a_list = reviewer.post(f"/api/review/tasks/{field_item}",
                               json={"action": "add", "value": entry, "version": _version(reviewer, field_item)})
    assert not_a_list.status_code == 422 and "not a list" in not_a_list.json()["message"]


def test_a_missing_land_use_is_appended_to_the_parcel(review_url):
    reviewer = client_for("test-reviewer")
    item_id, cert_id = _list_task(review_url, "parcel.land_uses")
    before = rows(review_url, "select count(*) from certificate_land_use u join certificate_parcel cp on "
                              "cp.id = u.certificate_parcel_id where cp.certificate_id = %s", cert_id)[0][0]
    use = {"code": "CLN", "name": "Đất trồng cây lâu năm", "area_m2": "40.5"}
    added = reviewer.post(f"/api/review/tasks/{item_id}",
                          json={"action": "add", "value": use, "version": _version(reviewer, item_id)})
    assert added.status_code == 200, added.text
    assert rows(review_url, "select u.seq, u.code, u.raw_name, u.area_m2::float8 from certificate_land_use u join "
                            "certificate_parcel cp on cp.id = u.certificate_parcel_id where cp.certificate_id = %s "
                            "order by u.seq desc limit 1", cert_id) == [(before + 1, "CLN", "Đất trồng cây lâu năm",
                                                                       40.5)]
