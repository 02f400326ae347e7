"""The public certificate check against the demo database: current, superseded by a newer certificate of the same
parcel, unknown; never a name or ID number in any answer; rate-limited per address; no log-in needed."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from psycopg.rows import dict_row

from tests import web_support
from web import verify

pytestmark = [pytest.mark.db]

web_url = web_support.web_url   # the fixture
NEW_SERIAL = "ZZ 00000001"


@pytest.fixture(scope="module")
def newer(web_url):
    """A newer certificate (ZZ 00000001, issued 30 days after) for parcel 2/210, committed for the module."""
    from landdb.db import transaction

    with psycopg.connect(web_url, row_factory=dict_row, autocommit=True) as conn:
        old = conn.execute(
            "select c.id, c.serial, c.issue_date, c.document_id, c.form, c.record, cp.commune_code, cp.sheet_no, "
            "cp.parcel_no, cp.parcel_id from certificate c join certificate_parcel cp on cp.certificate_id = c.id "
            "join parcel p on p.id = cp.parcel_id where p.sheet_no = '2' and p.parcel_no = '210'").fetchone()
        assert old is not None and old["issue_date"] is not None
        issued = old["issue_date"] + dt.timedelta(days=30)
        with transaction("test", conn):
            new_id = conn.execute(
                "insert into certificate (document_id, form, serial, issue_date, status, record) "
                "values (%s, %s, %s, %s, 'accepted', %s) returning id",
                (old["document_id"], old["form"], NEW_SERIAL, issued, psycopg.types.json.Jsonb(old["record"]))
            ).fetchone()["id"]
            conn.execute("insert into certificate_parcel "
                         "(certificate_id, commune_code, sheet_no, parcel_no, parcel_id) "
                         "values (%s, %s, %s, %s, %s)",
                         (new_id, old["commune_code"], old["sheet_no"], old["parcel_no"], old["parcel_id"]))
        yield {"old": old, "issued": issued}
        with transaction("test", conn):
            conn.execute("delete from certificate where id = %s", (new_id,))


@pytest.fixture(scope="module")
def personal(web_url) -> list[str]:
    with psycopg.connect(web_url) as conn:
        rows = conn.execute("select name, id_number from party").fetchall()
    return [v for row in rows for v in row if v]


def _current_other(web_url, newer) -> str:
    with psycopg.connect(web_url) as conn:
        return conn.execute("select serial from certificate where serial is not null and serial <> %s "
                            "and serial <> %s and status not in ('rejected', 'superseded') order by id limit 1",
                            (newer["old"]["serial"], NEW_SERIAL)).fetchone()[0]


def test_the_three_answers_and_no_personal_data(web_url, newer, personal):
    client = web_support.make_client()      # anonymous
    old = newer["old"]
    answers = {
        "superseded": client.get("/api/verify", params={"serial": old["serial"].lower()}),
        "current": client.get("/api/verify", params={"serial": NEW_SERIAL}),
        "current-qr": client.get("/api/verify", params={
            "qr": f"GCN|{_current_other(web_url, newer)}|26893/2/1"}),
        "unknown": client.get("/api/verify", params={"serial": "QQ 12345678"}),
    }
    assert {k: r.status_code for k, r in answers.items()} == dict.fromkeys(answers, 200)
    superseded = answers["superseded"].json()
    assert superseded["status"] == "superseded"
    assert superseded["superseded_on"] == newer["issued"].isoformat()
    assert superseded["parcel"] == {"commune_code": "26893", "sheet_no": "2", "parcel_no": "210"}   # the map's ward
    assert newer["issued"].strftime("%d/%m/%Y") in superseded["message"]
    assert answers["current"].json()["status"] == "current"
    assert answers["current"].json()["parcel"]["parcel_no"] == "210"
    assert answers["current-qr"].json()["status"] == "current"
    assert answers["unknown"].json() == {"status": "unknown", "message": verify.ANSWERS["unknown"],
                                         "serial": "QQ12345678"}
    pages = [client.get("/verify", params={"serial": s}) for s in (old["serial"], NEW_SERIAL, "QQ 12345678")]
    assert [p.status_code for p in pages] == [200, 200, 200]
    assert [p.text.count(f'data-status="{s}"') for p, s in zip(pages, ("superseded", "current", "unknown"),
                                                                strict=True)] == [1, 1, 1]
    assert len(personal) >= 6
    for reply in [*answers.values(), *pages]:
        for value in personal:
            assert value not in reply.text, value


def test_bad_input_is_one_clear_error(web_url):
    client = web_support.make_client()
    reply = client.get("/api/verify", params={"serial": "<script>"})
    assert reply.status_code == 400 and "not a certificate serial" in reply.json()["message"]
    assert client.get("/api/verify", params={"qr": "XYZ|AB 1|"}).status_code == 400


def test_rate_limited_per_address(web_url):
    client = web_support.make_client()
    codes = [client.get("/api/verify", params={"serial": "QQ 12345678"}).status_code
             for _ in range(verify.MAX_PER_WINDOW + 1)]
    assert codes[:-1] == [200] * verify.MAX_PER_WINDOW
    assert codes[-1] == 429
    other = web_support.make_client()
    assert other.get("/api/verify", params={"serial": "QQ 12345678"}).status_code == 200
