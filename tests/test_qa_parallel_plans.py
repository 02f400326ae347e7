"""Every SQL function of landdb carries an audited volatility and parallel label, and the forced-parallel
harness of the QA tests (tests/qa_support.plans) does catch a function that lies about its parallel safety."""

from __future__ import annotations

import psycopg
import pytest

from tests.qa_support import PARALLEL_OPTIONS, force_parallel_setting

pytestmark = pytest.mark.db

# name → (volatility, parallel): i immutable, s stable, v volatile; s safe, r restricted, u unsafe.
AUDITED = {
    # unaccent with a named dictionary reads no table and no setting: the same answer for ever, anywhere
    "landdb_fold": ("i", "s"),
    # EXCEPTION blocks open subtransactions, refused in any query running in parallel mode (0022)
    "qa_geom_or_null": ("i", "u"),
    "qa_wkb_error": ("i", "u"),
    "qa_repair": ("i", "u"),
    # trigger functions write (the audit log) or run on writes, which are never parallel
    "audit_row": ("v", "u"),
    "audit_log_is_append_only": ("v", "u"),
    "parcel_sync_wgs84": ("v", "u"),
    "audit_app_user": ("v", "u"),
    "web_map_changed": ("v", "u"),
    "parcel_national_code": ("v", "u"),
    "search_words_add": ("v", "u"),
    "web_auth_changed": ("v", "u"),
    "overview_cells_change": ("v", "u"),
    "search_address_texts_add": ("v", "u"),
    # the near words of a typed text read the search_word table: stable, and safe in a parallel worker
    "landdb_near_words": ("s", "s"),
    # OR / AND of text-search queries (tsquery_or / tsquery_and, both immutable and parallel safe)
    "tsquery_any": ("i", "s"),
    "tsquery_all": ("i", "s"),
    # the zoom-20 web-mercator tile of a point: arithmetic only (0120)
    "landdb_cell20_x": ("i", "s"),
    "landdb_cell20_y": ("i", "s"),
    # the zoom-14 tiles of some parcels' centres: reads parcel, writes nothing (0122)
    "landdb_overview_tiles": ("s", "s"),
    # triggers keeping a finding's tiles (row, before insert/update) and moving them with a parcel (statement)
    "qa_finding_overview_tiles": ("v", "u"),
    "parcel_moved_findings": ("v", "u"),
    "search_owner_names_count": ("v", "u"),
    # the word similarity of each pair of words of a folded name to it: arithmetic on its argument (0130)
    "landdb_name_pairs": ("i", "s"),
}


def test_every_function_has_its_audited_label(conn) -> None:
    rows = conn.execute(
        """select p.proname, p.provolatile, p.proparallel from pg_proc p
           join pg_namespace n on n.oid = p.pronamespace
           left join pg_depend d on d.objid = p.oid and d.deptype = 'e'
           where n.nspname = 'public' and d.objid is null"""
    ).fetchall()
    found = {r["proname"]: (r["provolatile"], r["proparallel"]) for r in rows}
    assert found == AUDITED, "a new or relabelled SQL function: audit its label and add it to AUDITED"


def test_a_lying_label_fails_under_forced_parallel_plans(db_settings) -> None:
    switch = force_parallel_setting(db_settings.url)
    options = f"{PARALLEL_OPTIONS} -c {switch}=on"
    with psycopg.connect(db_settings.url, options=options) as conn:
        conn.execute("create function lying_repair(g geometry) returns geometry language plpgsql immutable "
                     "parallel safe as $$ begin return st_makevalid(g); exception when others then return null; "
                     "end $$")
        conn.execute("create temp table probe as select st_buffer(st_point(i, 0), 1) as g "
                     "from generate_series(1, 500) i")
        conn.execute("create table lying_probe as select * from probe")
        with pytest.raises(psycopg.errors.InvalidTransactionState, match="subtransactions"):
            conn.execute("select count(lying_repair(g)) from lying_probe")
        conn.rollback()
        conn.execute("create temp table probe as select st_buffer(st_point(i, 0), 1) as g "
                     "from generate_series(1, 500) i")
        conn.execute("create table honest_probe as select * from probe")
        assert conn.execute("select count(qa_repair(g)) from honest_probe").fetchone()[0] == 500
        conn.rollback()
