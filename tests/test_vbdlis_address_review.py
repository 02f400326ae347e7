"""An address the old→new mapping cannot decide (a divided ward the parcel straddles) is a reviewers' queue item: it
stops the VBDLIS export until a reviewer picks today's unit through the API; the choice is versioned and audited, the
export writes the address in today's two levels with it, and resolving the addresses again keeps it."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import shapely

from landdb import addresses as au
from landdb.addresses_resolve import resolve_addresses
from landdb.export import vbdlis
from tests.test_vbdlis import CLASS, SINGLE, plant
from tests.web_support import PASSWORDS, ensure_user, log_in, make_client

pytestmark = [pytest.mark.db]


def reviewer_client(url: str):
    ensure_user(url, "test-reviewer", "reviewer")
    client = make_client()
    assert log_in(client, "test-reviewer", PASSWORDS["reviewer"]).status_code == 303
    page = client.get("/review")
    client.headers["x-csrf-token"] = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    return client


def test_a_straddling_address_is_decided_by_a_reviewer_and_the_export_uses_it(conn, db_settings) -> None:
    divided = next(u for u in au._data()[1] if len(u.successors) == 2 and u.ward and u.district.startswith("Quận"))
    west, east = divided.successors
    address = f"12 Đường số 3, {divided.ward}, {divided.district}, TP. Hồ Chí Minh"
    cert = plant(conn, "99002", "AF 00000501", "2", "9", [SINGLE], address=address)
    lon, lat = conn.execute("select st_x(c) as lon, st_y(c) as lat from (select st_centroid(st_transform(geom, 4326)) "
                            "as c from certificate_parcel where certificate_id = %s) s", (cert,)).fetchone().values()
    for code, (x0, x1) in ((west, (lon - 0.05, lon)), (east, (lon, lon + 0.05))):   # the parcel straddles the line
        conn.execute("insert into admin_unit_boundary (code, name, geom, source) values (%s, %s, "
                     "st_multi(st_geomfromtext(%s, 4326)), 'test') "
                     "on conflict (code) do update set geom = excluded.geom",
                     (code, au.current_unit(code).name, shapely.box(x0, lat - 0.05, x1, lat + 0.05).wkt))
    conn.commit()
    assert resolve_addresses(conn, "99002") == Counter({"needs_review": 1})
    conn.commit()
    stopped = [p.reason for p in vbdlis.build(conn, "99002", parcel_class=CLASS).problems]
    assert len(stopped) == 1 and "today's unit undecided" in stopped[0] and "straddles" in stopped[0]

    client = reviewer_client(db_settings.url)
    queue = client.get("/api/review/tasks", params={"kind": "address", "commune": "99002"}).json()
    assert queue["counts"]["address"] == 1
    [task] = queue["tasks"]
    assert (task["kind"], task["value"], task["serial"]) == ("address", address, "AF 00000501")
    assert task["id"] in stopped[0]                               # the export names the queue item
    item = client.get(f"/api/review/tasks/{task['id']}").json()
    assert [u["code"] for u in item["units"]] == [west, east] and "straddles" in item["address"]["reason"]
    page = client.get(f"/review/{task['id']}")
    assert page.status_code == 200 and au.current_unit(west).name in page.text

    url = f"/api/review/tasks/{task['id']}"
    wrong = client.post(url, json={"action": "fix", "version": item["version"], "value": "26734"})
    assert wrong.status_code == 422 and west in wrong.json()["message"]
    done = client.post(url, json={"action": "fix", "version": item["version"], "value": west,
                                  "reason": "the house stands west of the new boundary"})
    assert done.status_code == 200, done.text
    assert (done.json()["status"], done.json()["current_code"]) == ("reviewed", west)
    stale = client.post(url, json={"action": "fix", "version": item["version"], "value": east})
    assert stale.status_code == 409 and "test-reviewer" in stale.json()["message"]

    audit = conn.execute("select actor, before ->> 'status' as before, after ->> 'current_code' as code, "
                         "after ->> 'review_note' as note from audit_log where table_name = 'address_unit' "
                         "and row_id = %s and action = 'update'", (item["address"]["id"],)).fetchall()
    assert [tuple(a.values()) for a in audit] == [
        ("web:test-reviewer", "needs_review", west, "the house stands west of the new boundary")]
    assert client.get("/api/review/tasks", params={"kind": "address", "commune": "99002"}).json()["tasks"] == []

    result = vbdlis.build(conn, "99002", parcel_class=CLASS)
    assert result.problems == []
    assert result.rows[0]["X"] == f"12 Đường số 3, {au.current_unit(west).name}, Thành phố Hồ Chí Minh"
    assert resolve_addresses(conn, "99002") == Counter({"reviewed": 1})     # kept while printed the same
    conn.commit()
    assert conn.execute("select status, current_code from address_unit where id = %s",
                        (item["address"]["id"],)).fetchone() == {"status": "reviewed", "current_code": west}
