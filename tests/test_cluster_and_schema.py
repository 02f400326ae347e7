"""The project's own cluster, the migrations and the schema v1 (integration, real PostGIS)."""

from __future__ import annotations

import subprocess
import sys

import psycopg
import pytest

from landdb.migrations import migrate

pytestmark = pytest.mark.db

TABLES = {
    "admin_unit", "admin_unit_succession", "map_sheet", "source_document", "map_import", "parcel",
    "party", "certificate", "certificate_parcel", "certificate_land_use", "certificate_vertex",
    "land_right", "parcel_change", "extracted_field", "qa_rule", "qa_run", "qa_finding",
    "review_task", "audit_log",
}
INDEXES = {
    "parcel_natural_key", "parcel_geom", "parcel_geom_wgs84", "parcel_address_trgm",
    "party_name_trgm", "party_address_trgm", "party_id_number", "certificate_serial",
    "certificate_parcel_key", "certificate_parcel_address_trgm", "qa_finding_geom",
}
EDITABLE = TABLES - {"audit_log", "qa_rule", "qa_run", "admin_unit_succession", "map_import",
                     "certificate_land_use", "certificate_vertex", "parcel_change", "extracted_field"}


def test_extensions_and_postgis_version(conn) -> None:
    exts = {r["extname"] for r in conn.execute("select extname from pg_extension")}
    assert {"postgis", "pg_trgm", "unaccent"} <= exts
    major = int(conn.execute("select postgis_lib_version() v").fetchone()["v"].split(".")[0])
    assert major >= 3


def test_second_migrate_is_a_no_op(db_settings) -> None:
    result = migrate(db_settings)
    assert result.applied == ()
    assert len(result.already) >= 3


def test_schema_has_tables_indexes_and_version_columns(conn) -> None:
    tables = {r["tablename"] for r in conn.execute("select tablename from pg_tables where schemaname='public'")}
    assert tables >= TABLES
    indexes = {r["indexname"] for r in conn.execute("select indexname from pg_indexes where schemaname='public'")}
    assert indexes >= INDEXES
    gist = conn.execute(
        "select indexdef from pg_indexes where indexname = 'parcel_geom'").fetchone()["indexdef"]
    assert "gist" in gist.lower()
    trgm = conn.execute(
        "select indexdef from pg_indexes where indexname = 'party_name_trgm'").fetchone()["indexdef"]
    assert "gin_trgm_ops" in trgm and "landdb_fold" in trgm
    for table in EDITABLE:
        cols = {r["column_name"] for r in conn.execute(
            "select column_name from information_schema.columns where table_name = %s", (table,))}
        assert "version" in cols, table


def test_unaccented_search_finds_the_printed_name(conn) -> None:
    conn.execute("insert into party (kind, title, name) values ('person', 'Ông', 'NGUYỄN VĂN ĐẠT')")
    hit = conn.execute(
        "select name from party where landdb_fold(name) like landdb_fold(%s)", ("%nguyen van dat%",)
    ).fetchall()
    assert [r["name"] for r in hit] == ["NGUYỄN VĂN ĐẠT"]
    conn.rollback()


@pytest.mark.parametrize("statement", ["delete from audit_log", "update audit_log set actor = 'x'",
                                       "truncate audit_log"])
def test_audit_log_is_append_only(conn, statement) -> None:
    """The application may append to the audit log, never change or empty it."""
    conn.execute("insert into audit_log (actor, action, table_name) values ('t', 'insert', 'x')")
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="audit_log"):
        conn.execute(statement)
    conn.rollback()


def test_cli_status_and_url(db_settings) -> None:
    out = subprocess.run([sys.executable, "-m", "landdb.cli.main", "db", "status"],
                         capture_output=True, text=True, check=True).stdout
    assert "up:" in out and "PostGIS 3" in out
    assert "postgis" in out and "pg_trgm" in out and "unaccent" in out
    url = subprocess.run([sys.executable, "-m", "landdb.cli.main", "db", "url"],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert url == db_settings.url
    answer = subprocess.run(["psql", url, "-Atc", "select postgis_full_version()"],
                            capture_output=True, text=True, check=True).stdout
    assert answer.startswith("POSTGIS=")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_two_first_starts_at_once_make_one_cluster(tmp_path) -> None:
    """Parallel test workers (or two shells) starting a cluster that does not exist yet."""
    import os

    env = {**os.environ, "LANDDB_VAR_DIR": str(tmp_path / "var"), "LANDDB_PG_PORT": str(_free_port())}
    env.pop("LANDDB_DATABASE_URL", None)
    command = [sys.executable, "-m", "landdb.cli.main", "db"]
    try:
        starts = [subprocess.Popen([*command, "start"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True) for _ in range(2)]
        outputs = [p.communicate(timeout=120) for p in starts]
        assert [p.returncode for p in starts] == [0, 0], outputs
        status = subprocess.run([*command, "status"], env=env, capture_output=True, text=True)
        assert status.returncode == 0 and "PostGIS 3" in status.stdout
        # the port is the settings' one at every start, not the one written at initdb
        subprocess.run([*command, "stop"], env=env, capture_output=True, check=True)
        env["LANDDB_PG_PORT"] = str(_free_port())
        subprocess.run([*command, "start"], env=env, capture_output=True, text=True, check=True)
        moved = subprocess.run([*command, "status"], env=env, capture_output=True, text=True)
        assert moved.returncode == 0 and f"port {env['LANDDB_PG_PORT']}" in moved.stdout, moved.stdout
    finally:
        subprocess.run([*command, "stop"], env=env, capture_output=True)
        pg_dir = tmp_path / "var" / "pg"
        if pg_dir.is_symlink():  # postgres could not reach tmp_path: the cluster lived under /var/lib/postgresql
            import shutil

            shutil.rmtree(pg_dir.resolve(), ignore_errors=True)
