"""No SQL function lies about its parallel safety: a function that starts a subtransaction (an EXCEPTION block)
is labelled parallel unsafe (PostgreSQL refuses subtransactions in the leader too while a query runs in
parallel mode), and the QA helpers answer with parallel plans forced on."""

from __future__ import annotations

import psycopg
import pytest

pytestmark = pytest.mark.db

FORCE_PARALLEL = (
    "set local parallel_setup_cost = 0",
    "set local parallel_tuple_cost = 0",
    "set local min_parallel_table_scan_size = 0",
    "set local max_parallel_workers_per_gather = 2",
)


def _force_parallel(conn: psycopg.Connection) -> None:
    for statement in FORCE_PARALLEL:
        conn.execute(statement)
    version = conn.execute("show server_version_num").fetchone()["server_version_num"]
    conn.execute("set local debug_parallel_query = on" if int(version) >= 160000 else
                 "set local force_parallel_mode = on")


def test_no_function_with_an_exception_block_is_labelled_parallel_safe(conn) -> None:
    rows = conn.execute(
        """select p.proname, p.proparallel from pg_proc p join pg_namespace n on n.oid = p.pronamespace
           left join pg_depend d on d.objid = p.oid and d.deptype = 'e'
           where n.nspname = 'public' and d.objid is null and p.prosrc ~* '\\mexception\\M'"""
    ).fetchall()
    assert rows, "the QA helpers with EXCEPTION blocks should be found"
    assert [r["proname"] for r in rows if r["proparallel"] != "u"] == []


def test_qa_helpers_answer_under_a_forced_parallel_plan(conn) -> None:
    # Forced parallel mode plans every statement inside the helpers too (a parallel worker started per row and
    # statement; 2000 rows took 81 s on a quiet machine): 300 rows keep it short; every third one is broken WKB.
    conn.execute("create temp table wkb_probe as select g.i, case when g.i % 3 = 0 then '\\x0102'::bytea else "
                 "st_asbinary(st_geomfromtext('POLYGON((0 0,1 1,1 0,0 1,0 0))')) end as wkb "
                 "from generate_series(1, 300) g(i)")
    conn.execute("create table if not exists parallel_probe as select * from wkb_probe")
    conn.execute("analyze parallel_probe")
    _force_parallel(conn)
    row = conn.execute(
        "select count(qa_repair(qa_geom_or_null(wkb, 9210))) as repaired, count(qa_wkb_error(wkb)) as broken "
        "from parallel_probe"
    ).fetchone()
    assert row == {"repaired": 200, "broken": 100}
    conn.rollback()
