"""The loader sends a document's statements in one pipeline (two round trips) and still loads all of it or nothing:
the rows it writes, the same bytes twice, the same bytes from another worker at the same moment, a statement that
fails half-way, an owner already known."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest

pytestmark = pytest.mark.db

COMMUNE, SRID = "99002", 9210


@pytest.fixture(scope="module")
def records():
    from bench.scale_ingest import _records

    return _records(4, seed=31)


def _load(conn, record, fields, sha):
    from landdb.loader import load_document

    return load_document(conn, path=Path(f"{sha}.pdf"), sha256=sha, record=record, fields=fields, pages=2,
                         actor="test", commune_code=COMMUNE, srid=SRID, media_type="application/pdf")


def _rows(conn, document_id: int) -> dict[str, int]:
    one = "select count(*) as n from {} where certificate_id in (select id from certificate where document_id = %s)"
    out = {t: conn.execute(one.format(t), (document_id,)).fetchone()["n"]  # fixed table names
           for t in ("certificate_parcel", "certificate_vertex", "land_right", "extracted_field", "review_task")}
    out["certificate"] = conn.execute("select count(*) as n from certificate where document_id = %s",
                                      (document_id,)).fetchone()["n"]
    return out


def _tag() -> str:
    return f"pipeline-{time.time_ns()}"


def test_a_document_is_loaded_whole_and_once(db_settings, records):
    from landdb.db import connect

    record, fields = records[0]
    sha = _tag()
    with connect(db_settings) as conn:
        first = _load(conn, record, fields, sha)
        again = _load(conn, record, fields, sha)
        assert first.outcome == "loaded" and again.outcome == "skipped"
        assert again.document_id == first.document_id
        rows = _rows(conn, first.document_id)
        flagged = sum(f.flagged for f in fields)
        assert rows == {"certificate": 1, "certificate_parcel": 1, "certificate_vertex": len(record.vertices),
                        "land_right": len(record.owners), "extracted_field": len(fields), "review_task": flagged}
        audited = conn.execute("select count(*) as n from audit_log where actor = 'test' and table_name = "
                               "'certificate' and row_id = %s", (first.certificate_id,)).fetchone()["n"]
        assert audited == 1


def test_a_statement_failing_half_way_leaves_nothing(db_settings, records):
    from landdb.db import connect

    record, fields = records[1]
    broken = [*fields[:-1], replace(fields[-1], page=2**40)]      # integer out of range: the last field insert
    sha = _tag()
    with connect(db_settings) as conn:
        with pytest.raises(psycopg.errors.NumericValueOutOfRange):
            _load(conn, record, broken, sha)
        assert conn.execute("select count(*) as n from source_document where sha256 = %s",
                            (sha,)).fetchone()["n"] == 0
        assert conn.execute("select count(*) as n from party where name = %s and id_number = %s",
                            (record.owners[0].name, record.owners[0].id_number)).fetchone()["n"] == 0
        assert _load(conn, record, fields, sha).outcome == "loaded"       # the connection is usable after it


def test_the_same_bytes_from_another_worker_at_the_same_moment_count_as_loaded(db_settings, records):
    """Another worker inserted the document and has not committed: this load waits on the unique sha256, then
    rolls its whole document back and reports it skipped, with the other worker's document."""
    from landdb.db import connect

    record, fields = records[2]
    sha = _tag()
    with connect(db_settings) as other, connect(db_settings) as conn:
        doc = other.execute("insert into source_document (sha256, path, status) values (%s, 'other.pdf', "
                            "'loaded') returning id", (sha,)).fetchone()["id"]
        result = {}
        worker = threading.Thread(target=lambda: result.setdefault("r", _load(conn, record, fields, sha)))
        worker.start()
        time.sleep(1.0)
        assert worker.is_alive()          # waiting on the other worker's row
        other.commit()
        worker.join(30)
        assert result["r"].outcome == "skipped" and result["r"].document_id == doc
        assert conn.execute("select count(*) as n from certificate where document_id = %s",
                            (doc,)).fetchone()["n"] == 0


def test_an_owner_known_by_id_and_name_is_the_same_party(db_settings, records):
    from landdb.db import connect

    record, fields = records[3]
    with connect(db_settings) as conn:
        first = _load(conn, record, fields, _tag())
        second = _load(conn, record.model_copy(update={"serial": None}), fields, _tag())
        parties = [conn.execute("select array_agg(party_id order by party_id) as p from land_right where "
                                "certificate_id = %s", (c,)).fetchone()["p"]
                   for c in (first.certificate_id, second.certificate_id)]
        assert parties[0] == parties[1] and len(parties[0]) == len(record.owners)
