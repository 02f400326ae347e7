"""``qa run`` on the land database: findings stored once, superseded by re-runs of the same scope
(fixed when gone, exceptions kept, no duplicates, reopened when back), status changes with optimistic
concurrency and the audit log, and each run's record. Uses the real importer and PostGIS."""

from __future__ import annotations

import pytest

from geo.importer import import_map
from landdb.db import transaction, update_versioned
from landdb.errors import ConflictError, ValidationError
from qa import findings as lifecycle
from qa.runner import run_database
from tests.qa_support import DANPHUONG_EXPECTED

COMMUNE = "QA-LIFE"
GPKG = "cadastre-danphuong/parcels.gpkg"


@pytest.fixture(scope="module")
def first_run(db_settings, realdata):
    import psycopg
    from psycopg.rows import dict_row

    with psycopg.connect(db_settings.url, row_factory=dict_row, autocommit=True) as conn:
        import_map(conn, realdata / GPKG, layer="thua_dat", commune=COMMUNE, actor="test")
    return run_database(commune=COMMUNE, actor="qa-tester", settings=db_settings)


def _finding(conn, finding_id):
    return conn.execute("select * from qa_finding where id = %s", (finding_id,)).fetchone()


def _by_rule(conn, rule):
    return conn.execute("select * from qa_finding where commune_code = %s and rule_id = %s order by id",
                        (COMMUNE, rule)).fetchall()


def test_database_run_finds_what_the_file_check_finds(first_run):
    assert first_run.parcels == 6910
    assert first_run.summary == DANPHUONG_EXPECTED
    assert first_run.stored == sum(DANPHUONG_EXPECTED.values())


def test_run_is_recorded(first_run, conn):
    run = conn.execute("select * from qa_run where id = %s", (first_run.run_id,)).fetchone()
    assert run["run_by"] == "qa-tester"
    assert run["scope"] == {"commune": COMMUNE, "rules": run["rules"], "not_checked": first_run.not_checked}
    # the Đan Phượng map brings no sheet frames and no road or water features: two rules say what they skipped
    assert [line.split(":")[0] for line in first_run.not_checked] == ["sheet_crossing", "road_water_overlap"]
    assert "geometry_invalid" in run["rules"] and "cert_area_words" in run["rules"]
    assert run["parameters"]["area_tolerance_k"] == 0.0004
    assert "PostGIS" in run["software_version"] and "GEOS" in run["software_version"]
    assert run["finished_at"] is not None


def test_rerun_supersedes_fixes_keeps_exceptions_and_reopens(first_run, conn, db_settings):
    overlap = next(f for f in _by_rule(conn, "overlap") if not f["repaired"])
    lifecycle.set_status(overlap["id"], "exception", "boundary under dispute, kept as drawn", actor="officer-a",
                         settings=db_settings)
    mismatch = next(f for f in _by_rule(conn, "area_mismatch") if not f["repaired"])
    parcel_id = mismatch["parcel_ids"][0]
    parcel = conn.execute("select version, geom_area_m2, declared_area_m2 from parcel where id = %s",
                          (parcel_id,)).fetchone()
    with transaction("surveyor", conn):  # the surveyor corrects the declared area
        update_versioned(conn, "parcel", parcel_id, parcel["version"],
                         {"declared_area_m2": round(parcel["geom_area_m2"], 1)})
    conn.commit()
    total_before = conn.execute("select count(*) as n from qa_finding where commune_code = %s",
                                (COMMUNE,)).fetchone()["n"]

    second = run_database(commune=COMMUNE, rule_ids=["overlap", "area_mismatch"], actor="qa-tester",
                          settings=db_settings)
    assert second.closed == 1
    fixed = _finding(conn, mismatch["id"])
    assert fixed["status"] == "fixed" and fixed["status_by"] == "qa-tester"
    assert str(second.run_id) in fixed["status_reason"]
    kept = _finding(conn, overlap["id"])
    assert kept["status"] == "exception" and kept["last_seen_run_id"] == second.run_id
    assert kept["status_reason"] == "boundary under dispute, kept as drawn"
    total_after = conn.execute("select count(*) as n from qa_finding where commune_code = %s",
                               (COMMUNE,)).fetchone()["n"]
    assert total_after == total_before, "a re-run never duplicates findings"

    parcel = conn.execute("select version from parcel where id = %s", (parcel_id,)).fetchone()
    with transaction("surveyor", conn):  # ... and puts the wrong value back
        update_versioned(conn, "parcel", parcel_id, parcel["version"],
                         {"declared_area_m2": mismatch["details"]["declared_m2"]})
    conn.commit()
    run_database(commune=COMMUNE, rule_ids=["area_mismatch"], actor="qa-tester", settings=db_settings)
    reopened = _finding(conn, mismatch["id"])
    assert reopened["status"] == "new" and "found again" in reopened["status_reason"]


def test_status_changes_are_checked_versioned_and_audited(first_run, conn, db_settings):
    finding = _by_rule(conn, "land_use_code_unknown")[0]
    with pytest.raises(ValidationError, match="reason"):
        lifecycle.set_status(finding["id"], "exception", "  ", actor="officer-a", settings=db_settings)
    with pytest.raises(ValidationError, match="cannot go from 'new' to 'verified'"):
        lifecycle.set_status(finding["id"], "verified", actor="officer-a", settings=db_settings)
    seen = finding["version"]
    lifecycle.set_status(finding["id"], "exception", "old 2003 code LNQ, recoded in 2026 plan", actor="officer-a",
                         expected_version=seen, settings=db_settings)
    with pytest.raises(ConflictError):  # officer B still looks at the version before A's change
        lifecycle.set_status(finding["id"], "new", actor="officer-b", expected_version=seen, settings=db_settings)
    done = lifecycle.set_status(finding["id"], "verified", "checked on site", actor="officer-b", settings=db_settings)
    assert done["version"] == seen + 2
    row = _finding(conn, finding["id"])
    assert (row["status"], row["status_by"]) == ("verified", "officer-b") and row["status_at"] is not None
    actors = [r["actor"] for r in conn.execute(
        "select actor from audit_log where table_name = 'qa_finding' and row_id = %s and action = 'update' "
        "order by id", (finding["id"],)).fetchall()]
    assert actors[-2:] == ["officer-a", "officer-b"]
