"""The main job end to end, as a digitization team runs it: `landdb build` in a subprocess on generated scans,
against the real PostGIS and Tesseract.

- killed with SIGKILL part-way and run again: every document loaded exactly once, no orphan rows;
- a batch with bad files: the good ones load, each bad one is listed with its reason, exit status 3 (partial);
- the same batch on Dask (LocalCluster of 2 workers) gives the same database contents as the thread pool.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import psycopg
import pytest
from PIL import Image, ImageDraw, ImageFont
from psycopg.rows import dict_row

from tests.conftest import create_database

pytestmark = [pytest.mark.db, pytest.mark.ocr, pytest.mark.slow]  # one worker runs this file (--dist loadfile)

GOOD = 40
SEED = 4040


@pytest.fixture(scope="module")
def good_scans() -> list[Path]:
    from sample_scans.cache import generated

    # 2-page (2024-form) documents keep the three end-to-end runs within the test-time budget
    return [pdf for pdf, _truth in generated(GOOD, SEED, forms=("GCN-2024",))]


def _env(url: str, prefect_home: Path) -> dict[str, str]:
    return {**os.environ, "LANDDB_DATABASE_URL": url, "PREFECT_HOME": str(prefect_home)}


def _build(url: str, scans: Path, tmp: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "landdb.cli.main", "build", str(scans), "--json", *extra],
                          env=_env(url, tmp / "prefect"), capture_output=True, text=True, timeout=900)


def _one(conn: psycopg.Connection, sql: str) -> int:
    return conn.execute(sql).fetchone()["n"]


def _bad_files(folder: Path, real_pdf: Path) -> dict[str, str]:
    """Five bad inputs and a word their failure reason must contain. The two images are single-page documents,
    each in a folder of its own (page images beside PDFs would make the batch ambiguous, and be refused)."""
    (folder / "zero.pdf").write_bytes(b"")
    (folder / "truncated.pdf").write_bytes(real_pdf.read_bytes()[:4000])
    (folder / "notes.pdf").write_bytes(b"minutes of the meeting, not a scan\n")
    (folder / "blank").mkdir()
    (folder / "receipt").mkdir()
    Image.new("RGB", (2480, 3508), (250, 250, 250)).save(folder / "blank" / "blank.png")
    photo = Image.new("RGB", (2480, 3508), (255, 255, 255))
    font = ImageFont.truetype("DejaVuSans.ttf", 60)
    draw = ImageDraw.Draw(photo)
    for i, line in enumerate(["HÓA ĐƠN BÁN HÀNG", "Bánh mì 3 ổ 45.000 đồng", "Tổng cộng: 55.000 đồng"]):
        draw.text((200, 300 + i * 120), line, fill=(20, 20, 20), font=font)
    noisy = np.asarray(photo, np.int16) + np.random.default_rng(3).normal(0, 6, (3508, 2480, 1))
    Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).save(folder / "receipt" / "receipt.jpg", quality=85)
    return {"zero.pdf": "empty", "truncated.pdf": "truncated", "notes.pdf": "neither",
            "blank": "blank", "receipt": "not a"}


def _contents(url: str) -> dict[str, object]:
    """The database contents that must not depend on the task runner, keyed by document hash."""
    with psycopg.connect(url, row_factory=dict_row) as conn:
        rows = conn.execute("""
            select d.sha256, c.form, c.serial, c.register_no, c.record - 'source' as record,
                   (select count(*) from extracted_field f where f.document_id = d.id) as fields,
                   (select count(*) from extracted_field f where f.document_id = d.id and f.flagged) as flagged,
                   (select count(*) from certificate_vertex v where v.certificate_id = c.id) as vertices,
                   (select array_agg(p.name order by p.name) from land_right r join party p on p.id = r.party_id
                     where r.certificate_id = c.id) as owners
              from source_document d join certificate c on c.document_id = d.id order by d.sha256""").fetchall()
    return {r["sha256"]: r for r in rows}


def test_kill_9_then_rerun_loads_every_document_exactly_once(good_scans, tmp_path) -> None:
    url = create_database("landdb_test_flows_kill")
    scans = tmp_path / "scans"
    scans.mkdir()
    for pdf in good_scans:
        os.symlink(pdf, scans / pdf.name)
    first = subprocess.Popen([sys.executable, "-m", "landdb.cli.main", "build", str(scans), "--json"],
                             env=_env(url, tmp_path / "prefect"), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    loaded_before_kill = 0
    with psycopg.connect(url, row_factory=dict_row, autocommit=True) as conn:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and first.poll() is None:
            loaded_before_kill = _one(conn, "select count(*) n from source_document")
            if loaded_before_kill >= 6:
                break
            time.sleep(0.5)
    assert first.poll() is None, "the first run ended before it could be killed"
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=30)
    assert 0 < loaded_before_kill < GOOD

    second = _build(url, scans, tmp_path)
    assert second.returncode == 0, second.stderr[-3000:]
    summary = json.loads(second.stdout)
    with psycopg.connect(url, row_factory=dict_row) as conn:
        killed_loaded = _one(conn, "select count(*) n from source_document") - summary["outcomes"].get("loaded", 0)
        assert _one(conn, "select count(*) n from source_document") == GOOD
        assert _one(conn, "select count(distinct sha256) n from source_document") == GOOD
        assert _one(conn, "select count(*) n from certificate") == GOOD
        assert _one(conn, "select count(*) n from certificate_parcel") == GOOD
        # no orphans: every document has its certificate, every certificate its parcel, owners and fields
        assert _one(conn, "select count(*) n from source_document d where not exists "
                          "(select 1 from certificate c where c.document_id = d.id)") == 0
        assert _one(conn, "select count(*) n from certificate c where not exists "
                          "(select 1 from land_right r where r.certificate_id = c.id)") == 0
        assert _one(conn, "select count(*) n from party p where not exists "
                          "(select 1 from land_right r where r.party_id = p.id)") == 0
        assert _one(conn, "select count(*) n from certificate c where not exists "
                          "(select 1 from extracted_field f where f.certificate_id = c.id)") == 0
        items = conn.execute("select outcome, count(*) n from ingest_item where run_id = %s group by outcome",
                             (summary["run_id"],)).fetchall()
        # the killed run was found out when the second one started
        killed = conn.execute("select status from ingest_run where id <> %s", (summary["run_id"],)).fetchall()
        assert [r["status"] for r in killed] == ["interrupted"]
    outcomes = {r["outcome"]: r["n"] for r in items}
    assert outcomes.get("failed", 0) == 0
    assert outcomes.get("skipped", 0) == killed_loaded >= loaded_before_kill
    assert outcomes.get("loaded", 0) + outcomes.get("skipped", 0) == GOOD
    # a third run loads nothing twice, and the summary says so
    third = json.loads(_build(url, scans, tmp_path).stdout)
    assert third["outcomes"] == {"skipped": GOOD}


@pytest.fixture(scope="module")
def mixed_batch(good_scans, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("mixed")
    for pdf in good_scans[:30]:
        os.symlink(pdf, folder / pdf.name)
    return folder, _bad_files(folder, good_scans[0])


@pytest.fixture(scope="module")
def thread_run(mixed_batch, tmp_path_factory) -> tuple[str, subprocess.CompletedProcess[str]]:
    url = create_database("landdb_test_flows_thread")
    return url, _build(url, mixed_batch[0], tmp_path_factory.mktemp("thread"), "--task-runner", "thread")


def test_bad_files_are_listed_and_the_batch_goes_on(mixed_batch, thread_run, tmp_path) -> None:
    url, done = thread_run
    _folder, reasons = mixed_batch
    assert done.returncode == 3, "a batch with failures must say so in its exit status (3: partial)"
    summary = json.loads(done.stdout)
    assert summary["status"] == "partial" and summary["outcomes"] == {"loaded": 30, "failed": 5}
    failures = {Path(f["path"]).name: f for f in summary["failures"]}
    assert set(failures) == set(reasons)
    for name, word in reasons.items():
        assert word in failures[name]["reason"], failures[name]
    shown = subprocess.run([sys.executable, "-m", "landdb.cli.main", "runs", "show", str(summary["run_id"])],
                           env=_env(url, tmp_path / "prefect"), capture_output=True, text=True, check=True).stdout
    assert shown.count("FAILED") == 5 and "loaded 30" in shown
    with psycopg.connect(url, row_factory=dict_row) as conn:
        assert _one(conn, "select count(*) n from certificate") == 30


def test_dask_runner_gives_the_same_database(mixed_batch, thread_run, tmp_path) -> None:
    thread_url, _ = thread_run
    url = create_database("landdb_test_flows_dask")
    done = _build(url, mixed_batch[0], tmp_path, "--task-runner", "dask", "--workers", "2")
    summary = json.loads(done.stdout)
    assert summary["outcomes"] == {"loaded": 30, "failed": 5}, done.stderr[-2000:]
    assert _contents(url) == _contents(thread_url)
    assert len(_contents(url)) == 30


@pytest.fixture(autouse=True, scope="module")
def _drop_databases():
    yield
    from tests.conftest import drop_database

    for name in ("landdb_test_flows_kill", "landdb_test_flows_thread", "landdb_test_flows_dask"):
        drop_database(name)
