"""The main job end to end, as a digitization team runs it: `landdb build` in a subprocess on generated scans,
against the real PostGIS and Tesseract (the kill -9 case is in tests/test_flows_build_kill.py).

- a batch with bad files: the good ones load, each bad one is listed with its reason, exit status 3 (partial);
- the Dask runner (LocalCluster of 2 workers) gives the same database contents as the thread pool, document for
  document, and the same failures, on the same batch: 8 good scans and the 5 bad files (every kind of outcome).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from psycopg.rows import dict_row

from tests.conftest import create_database, drop_database
from tests.flows_build_support import bad_files, build, contents, env, good_scans, link_batch, one

pytestmark = [pytest.mark.db, pytest.mark.ocr, pytest.mark.slow]  # one worker runs this file (--dist loadfile)

DATABASES = ("landdb_test_flows_thread", "landdb_test_flows_dask")
MIXED_GOOD = 8


@pytest.fixture(autouse=True, scope="module")
def _drop_databases():
    yield
    for name in DATABASES:
        drop_database(name)


@pytest.fixture(scope="module")
def scans() -> list[Path]:
    return good_scans()


@pytest.fixture(scope="module")
def mixed_batch(scans, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    folder = link_batch(tmp_path_factory.mktemp("mixed"), scans[:MIXED_GOOD])
    return folder, bad_files(folder, scans[0])


@pytest.fixture(scope="module")
def thread_run(mixed_batch, tmp_path_factory) -> tuple[str, subprocess.CompletedProcess[str]]:
    url = create_database("landdb_test_flows_thread")
    return url, build(url, mixed_batch[0], tmp_path_factory.mktemp("thread"), "--task-runner", "thread")


def test_bad_files_are_listed_and_the_batch_goes_on(mixed_batch, thread_run, tmp_path) -> None:
    url, done = thread_run
    _folder, reasons = mixed_batch
    assert done.returncode == 3, "a batch with failures must say so in its exit status (3: partial)"
    summary = json.loads(done.stdout)
    assert summary["status"] == "partial" and summary["outcomes"] == {"loaded": MIXED_GOOD, "failed": 5}
    failures = {Path(f["path"]).name: f for f in summary["failures"]}
    assert set(failures) == set(reasons)
    for name, word in reasons.items():
        assert word in failures[name]["reason"], failures[name]
    shown = subprocess.run([sys.executable, "-m", "landdb.cli.main", "runs", "show", str(summary["run_id"])],
                           env=env(url, tmp_path / "prefect"), capture_output=True, text=True, check=True).stdout
    assert shown.count("FAILED") == 5 and f"loaded {MIXED_GOOD}" in shown
    with psycopg.connect(url, row_factory=dict_row) as conn:
        assert one(conn, "select count(*) n from certificate") == MIXED_GOOD


def test_dask_runner_gives_the_same_database(mixed_batch, thread_run, tmp_path) -> None:
    thread_url, on_threads_done = thread_run
    folder, reasons = mixed_batch
    url = create_database("landdb_test_flows_dask")
    done = build(url, folder, tmp_path, "--task-runner", "dask", "--workers", "2")
    summary = json.loads(done.stdout)
    assert summary["outcomes"] == {"loaded": MIXED_GOOD, "failed": 5}, done.stderr[-2000:]
    failures = {Path(f["path"]).name: f["reason"] for f in summary["failures"]}
    assert set(failures) == set(reasons)
    for name, word in reasons.items():
        assert word in failures[name], failures[name]
    on_threads_failures = {Path(f["path"]).name: f["reason"] for f in json.loads(on_threads_done.stdout)["failures"]}
    assert failures == on_threads_failures
    on_dask, on_threads = contents(url), contents(thread_url)
    assert len(on_dask) == MIXED_GOOD and on_dask == on_threads
