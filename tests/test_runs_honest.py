"""Runs that tell the truth, as a digitization team meets them: `landdb build` and `landdb runs` in subprocesses,
on copies of the sample certificates, against the real PostGIS and Tesseract.

- a build killed with SIGKILL after its first document shows ``interrupted``; its retry loads the rest exactly
  once, with the commune the killed run inferred from its map import;
- one good and one corrupt scan: exit 3 (partial) naming the bad file; after the file is fixed, the retry loads
  only it; only bad files: exit 1;
- a bad or unreachable task runner, a negative worker count: one error line, no run row, no map imported.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from psycopg.rows import dict_row

from landdb.settings import PROJECT_ROOT
from tests.conftest import create_database

pytestmark = [pytest.mark.db]

SAMPLES = PROJECT_ROOT / "sample_scans" / "certificates"
MAP = PROJECT_ROOT / "sample_scans" / "cadastre.gpkg"
TWO_PAGE = ["gcn_0001_2024_clean.pdf", "gcn_0003_2024_light.pdf", "gcn_0005_2024_medium.pdf"]
DATABASES: list[str] = []


def _database(name: str) -> str:
    DATABASES.append(name)
    return create_database(name)


def _env(url: str, tmp: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "LANDDB_DATABASE_URL": url, "PREFECT_HOME": str(tmp / "prefect"), **extra}


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "landdb.cli.main", *args], env=env, capture_output=True, text=True,
                          timeout=600, cwd=PROJECT_ROOT)


def _scans(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True)
    for name in names:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def _rows(url: str, sql: str, *params: object) -> list[dict]:
    with psycopg.connect(url, row_factory=dict_row) as conn:
        return conn.execute(sql, params).fetchall()


def _count(url: str, sql: str, *params: object) -> int:
    return _rows(url, sql, *params)[0]["n"]


@pytest.fixture(scope="module")
def options_db() -> str:
    return _database("landdb_test_runs_options")


@pytest.mark.parametrize(("options", "words"), [
    (["--task-runner", "threads"], ["unknown task runner 'threads'", "dask://HOST:PORT"]),
    (["--task-runner", "dask://127.0.0.1:9"], ["cannot reach the Dask scheduler at 127.0.0.1:9"]),
    (["--task-runner", "dask://nohost"], ["expected dask://HOST:PORT"]),
])
def test_bad_task_runner_is_one_line_and_leaves_no_run_and_no_map(options_db, tmp_path, options, words) -> None:
    url = options_db
    scans = _scans(tmp_path / "scans", TWO_PAGE[:1])
    started = time.monotonic()
    done = _cli(_env(url, tmp_path), "build", str(scans), "--map", str(MAP), *options)
    assert time.monotonic() - started < 15, "options must be checked before anything slow starts"
    lines = done.stderr.strip().splitlines()
    assert done.returncode != 0 and len(lines) == 1, done.stderr
    assert all(w in lines[0] for w in words), lines[0]
    assert "Traceback" not in done.stderr
    assert _count(url, "select count(*) n from ingest_run") == 0
    assert _count(url, "select count(*) n from map_import") == 0


def test_negative_workers_is_refused_before_a_run(options_db, tmp_path) -> None:
    url = options_db
    scans = _scans(tmp_path / "scans", TWO_PAGE[:1])
    for env, args, word in (({}, ["--workers", "-2"], "--workers"), ({"LANDDB_OCR_WORKERS": "-1"}, [], "-1")):
        done = _cli(_env(url, tmp_path, **env), "build", str(scans), *args)
        assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
        assert word in done.stderr, done.stderr
    assert _count(url, "select count(*) n from ingest_run") == 0


@pytest.mark.ocr
@pytest.mark.slow
def test_killed_run_is_interrupted_and_its_retry_loads_the_rest_once_with_its_commune(tmp_path) -> None:
    url = _database("landdb_test_runs_kill")
    scans = _scans(tmp_path / "scans", TWO_PAGE)
    env = _env(url, tmp_path)
    build = subprocess.Popen([sys.executable, "-m", "landdb.cli.main", "build", str(scans), "--map", str(MAP),
                              "--workers", "1"], env=env, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        loaded = 0
        while time.monotonic() < deadline and build.poll() is None and loaded == 0:
            time.sleep(0.3)
            loaded = _count(url, "select count(*) n from ingest_item where outcome = 'loaded'")
        assert build.poll() is None and loaded >= 1, "the build must be killed after its first document"
    finally:
        os.killpg(build.pid, signal.SIGKILL)
        build.wait(timeout=30)
    loaded = _count(url, "select count(*) n from ingest_item where outcome = 'loaded'")
    in_db = _count(url, "select count(*) n from source_document")
    assert 1 <= loaded < 3
    run_id = _rows(url, "select id from ingest_run")[0]["id"]
    assert _rows(url, "select status from ingest_run")[0]["status"] == "running"  # what the kill left behind

    listed = _cli(env, "runs", "list")
    assert listed.returncode == 0, listed.stderr
    row = next(line.split() for line in listed.stdout.splitlines() if line.split()[:1] == [str(run_id)])
    # status, then loaded / skipped / failed / not reached
    assert row[3] == "interrupted" and row[4:8] == [str(loaded), "0", "0", str(3 - loaded)], listed.stdout
    shown = _cli(env, "runs", "show", str(run_id)).stdout
    assert shown.startswith(f"run {run_id}: interrupted") and shown.count("NOT REACHED") == 3 - loaded, shown
    commune = _rows(url, "select distinct commune_code from parcel")[0]["commune_code"]
    assert commune and f"commune {commune}" in shown

    retry = _cli(env, "runs", "retry", str(run_id), "--json")
    assert retry.returncode == 0, retry.stderr[-2000:]
    summary = json.loads(retry.stdout)
    # a document loaded in the instant before the kill, but not yet recorded, is found by its hash: skipped
    expected = {"loaded": 3 - in_db, "skipped": in_db - loaded}
    assert summary["status"] == "done" and summary["outcomes"] == {k: v for k, v in expected.items() if v}
    assert summary["commune_code"] == commune
    assert _count(url, "select count(*) n from source_document") == 3
    assert _count(url, "select count(distinct sha256) n from source_document") == 3
    parcels = _rows(url, "select commune_code, count(*) n from certificate_parcel group by 1")
    assert parcels == [{"commune_code": commune, "n": 3}]
    assert _rows(url, "select retry_of, status from ingest_run where id = %s", summary["run_id"]) == [
        {"retry_of": run_id, "status": "done"}]
    again = _cli(env, "runs", "retry", str(run_id))  # everything is loaded now: nothing is taken twice
    assert again.returncode == 0 and _count(url, "select count(*) n from source_document") == 3


@pytest.mark.ocr
@pytest.mark.slow
def test_good_and_corrupt_scan_is_partial_naming_the_bad_file_and_retry_takes_it(tmp_path) -> None:
    url = _database("landdb_test_runs_partial")
    scans = _scans(tmp_path / "scans", TWO_PAGE[:1])
    bad = scans / "gcn_box2_017.pdf"
    bad.write_bytes((SAMPLES / TWO_PAGE[1]).read_bytes()[:5000])  # truncated in transfer
    env = _env(url, tmp_path, LANDDB_OCR_WORKERS="1")
    done = _cli(env, "build", str(scans), "--commune", "26893", "--json")
    assert done.returncode == 3, done.stderr[-2000:]
    summary = json.loads(done.stdout)
    assert summary["status"] == "partial" and summary["outcomes"] == {"loaded": 1, "failed": 1}
    assert [Path(f["path"]).name for f in summary["failures"]] == [bad.name]
    verdict = done.stderr.strip().splitlines()[-1]
    assert "partial" in verdict and bad.name in verdict and "1 of 2" in verdict, verdict
    head = _rows(url, "select status, arguments from ingest_run where id = %s", summary["run_id"])[0]
    assert head["status"] == "partial" and head["arguments"]["workers"] == 1  # LANDDB_OCR_WORKERS honoured

    shutil.copy(SAMPLES / TWO_PAGE[1], bad)  # re-scanned
    retry = _cli(env, "runs", "retry", str(summary["run_id"]), "--json")
    assert retry.returncode == 0, retry.stderr[-2000:]
    again = json.loads(retry.stdout)
    assert again["outcomes"] == {"loaded": 1} and again["documents"] == 1
    assert again["commune_code"] == "26893"  # given to the build, not to the retry
    assert _rows(url, "select commune_code, count(*) n from certificate_parcel group by 1") == [
        {"commune_code": "26893", "n": 2}]


@pytest.mark.ocr
def test_only_bad_files_fail_the_build(tmp_path) -> None:
    url = _database("landdb_test_runs_bad")
    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "empty.pdf").write_bytes(b"")
    (scans / "minutes.pdf").write_bytes(b"minutes of the meeting, not a scan\n")
    done = _cli(_env(url, tmp_path), "build", str(scans))
    assert done.returncode == 1, done.stderr[-2000:]
    assert "none of the 2 documents could be loaded" in done.stderr.strip().splitlines()[-1]
    assert _rows(url, "select status from ingest_run") == [{"status": "failed"}]


@pytest.mark.parametrize("command", [["build", "{scans}"], ["demo"], ["extract", "{scans}"]])
def test_missing_tesseract_language_is_one_message_at_start(options_db, tmp_path, command) -> None:
    scans = _scans(tmp_path / "scans", TWO_PAGE[:2])
    args = [a.format(scans=scans) for a in command]
    done = _cli(_env(options_db, tmp_path, LANDDB_TESSERACT_LANG="vie+xyz"), *args)
    lines = done.stderr.strip().splitlines()
    assert done.returncode != 0 and len(lines) == 1 and done.stdout == "", done.stderr
    assert "Tesseract language data missing: xyz" in lines[0]
    assert _count(options_db, "select count(*) n from ingest_run") == 0


@pytest.fixture(autouse=True, scope="module")
def _drop_databases():
    yield
    from psycopg import sql as pgsql

    from landdb.settings import Settings

    with psycopg.connect(Settings().url, autocommit=True) as admin:
        for name in set(DATABASES):
            admin.execute(pgsql.SQL("drop database if exists {} with (force)").format(pgsql.Identifier(name)))
