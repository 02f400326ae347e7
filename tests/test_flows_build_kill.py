"""The main job killed: `landdb build` on 12 generated scans in a subprocess, against the real PostGIS and
Tesseract, killed with SIGKILL part-way and run again: every document loaded exactly once, no orphan rows.
The kill is shown to land mid-batch: the killed run had loaded some documents and was still running, and the
second run loaded the rest itself (12 are enough: the killed run reads 2 documents at a time, killed at 3 loaded).

(A file of its own so that ``--dist loadfile`` runs it beside the other end-to-end builds, not after them.)
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import psycopg
import pytest
from psycopg.rows import dict_row

from tests.conftest import create_database, drop_database
from tests.flows_build_support import GOOD, build, env, good_scans, link_batch, one

pytestmark = [pytest.mark.db, pytest.mark.ocr, pytest.mark.slow]

DATABASE = "landdb_test_flows_kill"
KILL_AT = 3   # documents loaded before the kill


@pytest.fixture(autouse=True, scope="module")
def _drop_database():
    yield
    drop_database(DATABASE)


def test_kill_9_then_rerun_loads_every_document_exactly_once(tmp_path) -> None:
    url = create_database(DATABASE)
    scans = link_batch(tmp_path / "scans", good_scans())
    first = subprocess.Popen([sys.executable, "-m", "landdb.cli.main", "build", str(scans), "--json",
                              "--workers", "2"],
                             env=env(url, tmp_path / "prefect"), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    loaded_before_kill = 0
    with psycopg.connect(url, row_factory=dict_row, autocommit=True) as conn:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and first.poll() is None:
            loaded_before_kill = one(conn, "select count(*) n from source_document")
            if loaded_before_kill >= KILL_AT:
                break
            time.sleep(0.5)
        assert first.poll() is None, "the first run ended before it could be killed"
        running = conn.execute("select status from ingest_run").fetchall()
        os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=30)
    assert [r["status"] for r in running] == ["running"], "the kill must land while the run is going on"
    assert 0 < loaded_before_kill < GOOD

    second = build(url, scans, tmp_path)
    assert second.returncode == 0, second.stderr[-3000:]
    summary = json.loads(second.stdout)
    with psycopg.connect(url, row_factory=dict_row) as conn:
        killed_loaded = one(conn, "select count(*) n from source_document") - summary["outcomes"].get("loaded", 0)
        assert one(conn, "select count(*) n from source_document") == GOOD
        assert one(conn, "select count(distinct sha256) n from source_document") == GOOD
        assert one(conn, "select count(*) n from certificate") == GOOD
        assert one(conn, "select count(*) n from certificate_parcel") == GOOD
        # no orphans: every document has its certificate, every certificate its parcel, owners and fields
        assert one(conn, "select count(*) n from source_document d where not exists "
                         "(select 1 from certificate c where c.document_id = d.id)") == 0
        assert one(conn, "select count(*) n from certificate c where not exists "
                         "(select 1 from land_right r where r.certificate_id = c.id)") == 0
        assert one(conn, "select count(*) n from party p where not exists "
                         "(select 1 from land_right r where r.party_id = p.id)") == 0
        assert one(conn, "select count(*) n from certificate c where not exists "
                         "(select 1 from extracted_field f where f.certificate_id = c.id)") == 0
        items = conn.execute("select outcome, count(*) n from ingest_item where run_id = %s group by outcome",
                             (summary["run_id"],)).fetchall()
        # the killed run was found out when the second one started
        killed = conn.execute("select status from ingest_run where id <> %s", (summary["run_id"],)).fetchall()
        assert [r["status"] for r in killed] == ["interrupted"]
    outcomes = {r["outcome"]: r["n"] for r in items}
    assert outcomes.get("failed", 0) == 0
    assert outcomes.get("skipped", 0) == killed_loaded >= loaded_before_kill
    assert killed_loaded < GOOD and outcomes.get("loaded", 0) > 0, "the kill landed after the batch was done"
    assert outcomes.get("loaded", 0) + outcomes.get("skipped", 0) == GOOD
    # a third run loads nothing twice, and the summary says so
    third = json.loads(build(url, scans, tmp_path).stdout)
    assert third["outcomes"] == {"skipped": GOOD}
