"""Optimistic concurrency: two people edit the same parcel from the same version; one wins."""

from __future__ import annotations

import threading

import psycopg
import pytest
from psycopg.rows import dict_row

from landdb.db import transaction, update_versioned
from landdb.errors import ConflictError, LanddbError, NotFoundError

pytestmark = pytest.mark.db


def _new_parcel(url: str) -> int:
    with psycopg.connect(url, row_factory=dict_row) as c:
        return c.execute(
            "insert into parcel (commune_code, sheet_no, parcel_no, native_srid) "
            "values ('26734', '7', '31', 9210) returning id").fetchone()["id"]


def test_two_concurrent_edits_exactly_one_wins(db_settings) -> None:
    parcel_id = _new_parcel(db_settings.url)
    first = psycopg.connect(db_settings.url, row_factory=dict_row)
    second = psycopg.connect(db_settings.url, row_factory=dict_row)
    outcome: dict[str, object] = {}
    try:
        with transaction("officer.an", first) as c1:
            assert update_versioned(c1, "parcel", parcel_id, 1, {"address": "12 Lê Lợi"}) == 2

            def edit_from_second_connection() -> None:
                try:
                    with transaction("officer.binh", second) as c2:
                        update_versioned(c2, "parcel", parcel_id, 1, {"address": "14 Lê Lợi"})
                    outcome["second"] = "won"
                except ConflictError as exc:
                    outcome["second"] = exc

            blocked = threading.Thread(target=edit_from_second_connection)
            blocked.start()
            blocked.join(timeout=0.5)
            assert blocked.is_alive(), "the second edit must wait for the first transaction"
        blocked.join(timeout=10)
        assert isinstance(outcome["second"], ConflictError)
        assert isinstance(outcome["second"], LanddbError) and outcome["second"].http_status == 409
        assert "version 1" in str(outcome["second"]) and "version 2" in str(outcome["second"])
    finally:
        first.close()
        second.close()
    with psycopg.connect(db_settings.url, row_factory=dict_row) as c:
        row = c.execute("select address, version from parcel where id = %s", (parcel_id,)).fetchone()
        assert row == {"address": "12 Lê Lợi", "version": 2}
        audit = c.execute(
            "select actor, action, before->>'address' b, after->>'address' a from audit_log "
            "where table_name = 'parcel' and row_id = %s and action = 'update'", (parcel_id,)).fetchall()
    assert audit == [{"actor": "officer.an", "action": "update", "b": None, "a": "12 Lê Lợi"}]


def test_sequential_edits_bump_the_version_and_are_each_audited(db_settings) -> None:
    parcel_id = _new_parcel(db_settings.url)
    with psycopg.connect(db_settings.url, row_factory=dict_row) as c:
        with transaction("qa.chi", c):
            assert update_versioned(c, "parcel", parcel_id, 1, {"land_use_code": "ODT"}) == 2
        with transaction("qa.chi", c):
            assert update_versioned(c, "parcel", parcel_id, 2, {"land_use_code": "TMD"}) == 3
        with pytest.raises(ConflictError), transaction("qa.chi", c):
            update_versioned(c, "parcel", parcel_id, 2, {"land_use_code": "CLN"})
        with pytest.raises(NotFoundError), transaction("qa.chi", c):
            update_versioned(c, "parcel", 10**12, 1, {"land_use_code": "CLN"})
        count = c.execute("select count(*) n from audit_log where table_name='parcel' and row_id=%s "
                          "and action='update'", (parcel_id,)).fetchone()["n"]
    assert count == 2


def test_a_writing_transaction_must_name_its_actor(db_settings) -> None:
    with pytest.raises(ValueError), transaction(""):
        pass
