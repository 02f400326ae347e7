"""``landdb qa`` from the command line (subprocesses on the worker's test database): check a file as JSON,
run, report in the three formats, change a finding's status; bad input fails with a clear message."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

COMMUNE = "QA-CLI"


def landdb(*args: str, ok: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "landdb.cli.main", *args], capture_output=True, text=True,
                          env={**os.environ}, timeout=300)
    if ok:
        assert done.returncode == 0, done.stderr
    return done


def test_check_prints_findings_and_summary_as_json(db_settings, realdata):
    out = landdb("qa", "check", str(realdata / "ladm-col-qa/quality_validations.gpkg"), "--layer",
                 "check_gaps_in_plots", "--rules", "gap,overlap", "--json")
    doc = json.loads(out.stdout)
    assert doc["summary"] == {"gap": 2}
    assert set(doc["findings"][0]) == {"rule", "severity", "parcels", "measure", "threshold", "unit", "message",
                                       "geometry_wkt"}
    assert all(f["geometry_wkt"].startswith("POLYGON") for f in doc["findings"])


def test_check_refuses_bad_input_with_the_reason(db_settings, realdata, tmp_path):
    missing = landdb("qa", "check", str(tmp_path / "nope.gpkg"), ok=False)
    assert missing.returncode == 2 and "nope.gpkg: file not found" in missing.stderr
    gpkg = str(realdata / "ladm-col-qa/quality_validations.gpkg")
    rules = landdb("qa", "check", gpkg, "--layer", "terreno", "--rules", "no_such_rule", ok=False)
    assert rules.returncode == 2 and "unknown QA rule 'no_such_rule'" in rules.stderr
    db_only = landdb("qa", "check", gpkg, "--layer", "terreno", "--rules", "cert_map_area", ok=False)
    assert db_only.returncode == 2 and "need the land database" in db_only.stderr
    layer = landdb("qa", "check", gpkg, "--layer", "no_such_layer", ok=False)
    assert layer.returncode == 2 and "quality_validations.gpkg" in layer.stderr and "no_such_layer" in layer.stderr


@pytest.fixture(scope="module")
def cli_run(db_settings, realdata, tmp_path_factory):
    import geopandas as gpd

    from geo.importer import import_map
    from landdb.db import connect

    frame = gpd.read_file(realdata / "cadastre-danphuong/parcels.gpkg", layer="thua_dat")
    small = frame[frame.to_ban_do == 10]  # 112 parcels with an invalid one, overlaps and an area mismatch
    path = tmp_path_factory.mktemp("qa_cli") / "sheet4.gpkg"
    small.to_file(path, layer="thua_dat")
    with connect(db_settings, autocommit=True) as conn:
        import_map(conn, path, layer="thua_dat", commune=COMMUNE, actor="test")
    return json.loads(landdb("qa", "run", "--commune", COMMUNE, "--json").stdout)


def test_run_stores_findings(cli_run, conn):
    assert cli_run["parcels"] == 112 and cli_run["stored"] == sum(cli_run["summary"].values()) > 0
    n = conn.execute("select count(*) as n from qa_finding where commune_code = %s", (COMMUNE,)).fetchone()["n"]
    assert n == cli_run["stored"]


def test_reports_in_three_formats(cli_run, tmp_path):
    html = tmp_path / "r.html"
    landdb("qa", "report", "--format", "html", "--out", str(html), "--commune", COMMUNE)
    page = html.read_text(encoding="utf-8")
    maps = page.count("<svg") - 1  # one small map per finding, and the chart per rule and commune
    assert maps == cli_run["stored"] and "Parcel" in page and "Thửa" in page
    assert page.count(' m</text>') == maps  # every map has its scale bar
    chart = page[page.index("Findings per rule and commune"):page.index("</svg>")]
    assert chart.count("<rect") == len(cli_run["summary"]) + 1  # a bar per rule, one commune in the legend
    assert all(f"{rule}</text>" in chart for rule in cli_run["summary"])
    assert "src=" not in page and "<link" not in page and "@import" not in page  # one self-contained file
    csv_path = tmp_path / "r.csv"
    landdb("qa", "report", "--format", "csv", "--out", str(csv_path), "--commune", COMMUNE)
    import csv

    with csv_path.open(encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == cli_run["stored"]
    gpkg = tmp_path / "r.gpkg"
    landdb("qa", "report", "--format", "gpkg", "--out", str(gpkg), "--commune", COMMUNE)
    import pyogrio

    layers = {name for name, _ in pyogrio.list_layers(gpkg)}
    assert layers == set(cli_run["summary"])
    with sqlite3.connect(gpkg) as db:  # a real GeoPackage: QGIS reads its geometry-columns table
        srs = {row[0] for row in db.execute("select srs_id from gpkg_geometry_columns")}
    assert srs == {5897}
    assert not list(tmp_path.glob(".*")), "no temporary files left behind"


def test_finding_status_from_the_command_line(cli_run, conn):
    fid = conn.execute("select id from qa_finding where commune_code = %s order by id limit 1",
                       (COMMUNE,)).fetchone()["id"]
    refused = landdb("qa", "finding", "set-status", str(fid), "exception", ok=False)
    assert refused.returncode == 2 and "reason" in refused.stderr
    done = landdb("qa", "finding", "set-status", str(fid), "exception", "--reason", "agreed with the ward",
                  "--version", "1")
    assert "exception" in done.stdout
    stale = landdb("qa", "finding", "set-status", str(fid), "new", "--version", "1", ok=False)
    assert stale.returncode == 2 and "changed by someone else" in stale.stderr
    shown = landdb("qa", "finding", "show", str(fid))
    assert "agreed with the ward" in shown.stdout


def _scratch_tables(conn) -> list[str]:
    return [r["tablename"] for r in conn.execute(
        "select tablename from pg_tables where schemaname = 'qa_scratch' order by 1").fetchall()]


def test_check_stopped_by_sigterm_drops_its_scratch_table(db_settings, realdata, conn):
    import signal
    import time

    conn.autocommit = True
    path = realdata / "cadastre-danphuong/parcels.gpkg"  # 6,910 parcels: the rules run for seconds
    proc = subprocess.Popen([sys.executable, "-m", "landdb.cli.main", "qa", "check", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ})
    deadline = time.monotonic() + 120
    while not _scratch_tables(conn) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _scratch_tables(conn), "the check never loaded its scratch table"
    time.sleep(1.0)  # into the rules
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode != 0 and "Traceback" not in err, err
    assert _scratch_tables(conn) == []


def test_check_sweeps_scratch_tables_of_dead_sessions(db_settings, realdata, conn):
    conn.autocommit = True
    conn.execute("create table qa_scratch.t_999999_deadbeef (id int)")  # no backend has pid 999999
    done = landdb("qa", "check", str(realdata / "ladm-col-qa/quality_validations.gpkg"), "--layer",
                  "check_gaps_in_plots", "--rules", "gap", "--json")
    assert json.loads(done.stdout)["summary"] == {"gap": 2}
    assert _scratch_tables(conn) == []
