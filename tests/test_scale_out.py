"""The build past one process, on engines that exist, at small size (2 sample certificates + the sample ward map):

- ``--task-runner dask://HOST:PORT`` on a ``distributed`` scheduler with 2 workers started here (``dask scheduler``,
  ``dask worker``) gives the same database as the single-process build;
- a worker that cannot read the batch (a machine without the share: here a worker in its own mount namespace
  with the batch folder hidden) stops the build before anything is recorded, naming the worker and the path; so
  does a worker whose LANDDB_DATABASE_URL names another database;
- the README's Prefect deployment (prefect.yaml) on a process work pool with 2 workers, one deployment run per box
  of the batch, gives the same database; a Prefect server is started by the test (its start-up time is printed).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from tests.conftest import create_database, drop_database
from tests.scale_out_support import assert_same_database, build, contents, env, free_port, make_batch, summary_of

pytestmark = [pytest.mark.db, pytest.mark.ocr, pytest.mark.slow]

DATABASES = ("landdb_test_scale_single", "landdb_test_scale_dask", "landdb_test_scale_hidden",
             "landdb_test_scale_other", "landdb_test_scale_pool")
DASK = str(Path(sys.executable).parent / "dask")


@pytest.fixture(scope="module", autouse=True)
def _drop_databases() -> Iterator[None]:
    yield
    for name in DATABASES:
        drop_database(name)


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    return make_batch(tmp_path_factory.mktemp("scale-out") / "batch")


@pytest.fixture(scope="module")
def baseline(batch, tmp_path_factory) -> dict:
    """The single-process build (one thread) of the batch: what every other way must equal."""
    url = create_database("landdb_test_scale_single")
    started = time.perf_counter()
    summary = summary_of(build(url, batch, tmp_path_factory.mktemp("prefect-single"), "--task-runner", "thread",
                               "--workers", "1"))
    print(f"single-process build: {time.perf_counter() - started:.1f} s (flow {summary['seconds']:.1f} s, "
          f"ingest {summary['ingest_seconds']:.1f} s)")
    assert summary["outcomes"] == {"loaded": 2}
    return contents(url)


def _stop(process: subprocess.Popen, first_signal: int) -> None:
    """Stop a process group this test started: ``first_signal``, then SIGKILL after 20 s."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, first_signal)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.wait(timeout=10)


@contextmanager
def dask_cluster(url: str, tmp: Path, workers: int = 2, hide: Path | None = None) -> Iterator[str]:
    """A scheduler and ``workers`` worker processes on loopback (the last one without ``hide``'s contents,
    when given); yields ``HOST:PORT``; stops them (by their process group) afterwards."""
    from distributed import Client

    port = free_port()
    address = f"127.0.0.1:{port}"
    worker_env = env(url, tmp / "prefect-workers", DASK_LOGGING__DISTRIBUTED="error")
    started = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                                env=worker_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)]
    try:
        for i in range(workers):
            command = [DASK, "worker", f"tcp://{address}", "--nthreads", "1", "--no-nanny", "--no-dashboard",
                       "--name", f"w{i}", "--local-directory", str(tmp / f"dask-w{i}")]
            if hide is not None and i == workers - 1:   # its own mount namespace, the batch folder covered
                command = ["unshare", "-m", "sh", "-c", f'mount -t tmpfs none "{hide}" && exec "$@"', "sh", *command]
            started.append(subprocess.Popen(command, env=worker_env, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL, start_new_session=True))
        with Client(f"tcp://{address}", timeout=30) as client:
            client.wait_for_workers(workers, timeout=60)
        yield address
    finally:
        for process in reversed(started):
            _stop(process, 15)


def test_dask_scheduler_with_two_workers_gives_the_same_database(batch, baseline, tmp_path) -> None:
    url = create_database("landdb_test_scale_dask")
    with dask_cluster(url, tmp_path) as address:
        started = time.perf_counter()
        summary = summary_of(build(url, batch, tmp_path / "prefect", "--task-runner", f"dask://{address}"))
        print(f"dask://{address} (2 workers) build: {time.perf_counter() - started:.1f} s (flow "
              f"{summary['seconds']:.1f} s, ingest {summary['ingest_seconds']:.1f} s)")
    assert summary["outcomes"] == {"loaded": 2}
    with psycopg.connect(url) as conn:   # the documents were loaded by the workers, not by the flow's process
        row = conn.execute("select task_runner from ingest_run").fetchone()
        assert row[0] == f"dask://{address}"
    assert_same_database(url, baseline)


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("unshare") is None,
                    reason="hiding the batch from one worker needs a mount namespace (root and unshare)")
def test_a_worker_that_cannot_read_the_batch_stops_the_build(batch, tmp_path) -> None:
    url = create_database("landdb_test_scale_hidden")
    with dask_cluster(url, tmp_path, hide=batch) as address:
        done = build(url, batch, tmp_path / "prefect", "--task-runner", f"dask://{address}")
    assert done.returncode == 2, done.stderr
    message = done.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert "Dask worker tcp://127.0.0.1:" in message and "cannot read 2 of the batch's 2 documents" in message
    assert str(batch) in message and "shared path" in message
    with psycopg.connect(url) as conn:
        assert conn.execute("select count(*) from ingest_run").fetchone()[0] == 0
        assert conn.execute("select count(*) from parcel").fetchone()[0] == 0



def test_a_worker_on_another_database_stops_the_build(batch, tmp_path) -> None:
    """A worker whose LANDDB_DATABASE_URL names another database would load documents where nobody looks."""
    url = create_database("landdb_test_scale_hidden")
    other = create_database("landdb_test_scale_other")
    with dask_cluster(other, tmp_path, workers=1) as address:
        done = build(url, batch, tmp_path / "prefect", "--task-runner", f"dask://{address}")
    assert done.returncode == 2, done.stderr
    message = done.stderr.strip()
    assert "writes to another database (landdb_test_scale_other of cluster" in message, message
    assert "than this build (landdb_test_scale_hidden of cluster" in message
    with psycopg.connect(url) as conn:
        assert conn.execute("select count(*) from ingest_run").fetchone()[0] == 0

PREFECT = str(Path(sys.executable).parent / "prefect")
# Prefect 3.8.8's server under FastAPI 0.154 answers 422 to a filter request whose body carries "limit": null;
# `prefect deploy` sends one *after* registering the deployment (to list the pool's online workers).
DEPLOY_TRAP = "/workers/filter"


@contextmanager
def prefect_server(tmp: Path) -> Iterator[tuple[dict[str, str], float]]:
    """``prefect server start`` on a free loopback port with its own state; yields the clients' environment
    (PREFECT_API_URL) and the seconds it took to answer."""
    import urllib.request

    port = free_port()
    prefect_env = {**os.environ, "PREFECT_HOME": str(tmp / "prefect-server"), "PREFECT_UI_ENABLED": "false",
                   "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "INFO",
                   "PREFECT_API_URL": f"http://127.0.0.1:{port}/api"}
    started = time.perf_counter()
    server = subprocess.Popen([PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                              env=prefect_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2).close()
                break
            except OSError:
                assert server.poll() is None, "prefect server start exited"
                assert time.perf_counter() - started < 180, "the Prefect server did not answer in 180 s"
                time.sleep(0.2)
        yield prefect_env, time.perf_counter() - started
    finally:
        _stop(server, 15)


def test_prefect_process_work_pool_with_two_workers_gives_the_same_database(baseline, tmp_path) -> None:
    """The README's recipe: a server, a process work pool, 2 workers, `prefect deploy` of prefect.yaml, and one
    deployment run per box of the batch (each run imports the map too, as `landdb build --map` does)."""
    from landdb.settings import PROJECT_ROOT
    from tests.scale_out_support import CERTIFICATES, MAP_FILE, SAMPLES

    url = create_database("landdb_test_scale_pool")
    boxes = []
    for i, name in enumerate(CERTIFICATES, start=1):
        box = tmp_path / "batch" / f"box-{i:02d}"
        box.mkdir(parents=True)
        os.symlink(SAMPLES / "certificates" / name, box / name)
        boxes.append(box)
    with prefect_server(tmp_path) as (prefect_env, server_s):
        print(f"prefect server start answered after {server_s:.1f} s")
        started = time.perf_counter()
        run = {"env": prefect_env, "capture_output": True, "text": True, "timeout": 300, "cwd": PROJECT_ROOT}
        created = subprocess.run([PREFECT, "work-pool", "create", "landdb", "--type", "process"], **run)
        assert created.returncode == 0, created.stderr[-2000:]
        worker_env = {**env(url, tmp_path / "prefect-workers"), **{k: v for k, v in prefect_env.items()
                      if k.startswith("PREFECT_") and k != "PREFECT_HOME"},
                      "LANDDB_HOME": str(PROJECT_ROOT), "PREFECT_WORKER_QUERY_SECONDS": "1"}
        logs = [tmp_path / f"worker-{i}.log" for i in (1, 2)]
        workers = [subprocess.Popen([PREFECT, "worker", "start", "--pool", "landdb", "--type", "process",
                                     "--limit", "1", "--name", f"w{i}"], env=worker_env,
                                    stdout=open(log, "w"), stderr=subprocess.STDOUT, start_new_session=True)
                   for i, log in enumerate(logs, start=1)]
        try:
            deployed = subprocess.run([PREFECT, "--no-prompt", "deploy", "-n", "city"], **run)
            assert deployed.returncode == 0 or DEPLOY_TRAP in deployed.stderr + deployed.stdout, deployed.stderr[-2000:]
            inspected = subprocess.run([PREFECT, "deployment", "inspect", "build-land-db/city"], **run)
            assert inspected.returncode == 0 and "flows/build.py:build_land_db" in inspected.stdout
            runs = [subprocess.Popen([PREFECT, "deployment", "run", "build-land-db/city", "--watch", "--params",
                                      json.dumps({"scans_dir": str(box), "map_files": [str(MAP_FILE)]})],
                                     env=prefect_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                    for box in boxes]
            outputs = [r.communicate(timeout=400)[0] for r in runs]
            for r, output in zip(runs, outputs, strict=True):
                assert r.returncode == 0 and "Completed" in output, output[-3000:]
        finally:
            for worker in workers:
                _stop(worker, 2)
        print(f"work pool: 2 deployment runs on 2 workers, from pool creation: {time.perf_counter() - started:.1f} s")
    submitted = [log.read_text(errors="replace").count("submitted to infrastructure") for log in logs]
    assert submitted == [1, 1], f"each worker should have run one box: {submitted}"
    with psycopg.connect(url) as conn:
        assert conn.execute("select count(*) from ingest_run where status = 'done'").fetchone()[0] == 2
    assert_same_database(url, baseline)
