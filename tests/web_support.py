"""A small land database for the web tests, built the way `landdb build` builds one: three committed sample
certificates through the real OCR and loader, the sample ward map, linking and QA (no Prefect: the plain step
functions the flow wraps). Built once per test run (parallel workers each get a copy) into a database of its own.

``LANDDB_WEB_TEST_REUSE=1`` keeps a database built by an earlier run with the same inputs (for quick reruns
while working on the web app; never set in CI).
"""

from __future__ import annotations

import os
from pathlib import Path

import psycopg

from landdb.settings import PROJECT_ROOT, Settings

SAMPLES = PROJECT_ROOT / "sample_scans"
# 2024-form (two pages) certificates: two clean, one medium with two owners
CERTIFICATES = ("gcn_0001_2024_clean.pdf", "gcn_0005_2024_medium.pdf", "gcn_0009_2024_clean.pdf")
MAP_FILE = SAMPLES / "cadastre.gpkg"
MARKER = "web-test-demo:" + ",".join(CERTIFICATES)

_built: dict[str, str] = {}


def certificate_paths() -> list[Path]:
    return [SAMPLES / "certificates" / name for name in CERTIFICATES]


def build_demo(url: str) -> None:
    """Ingest the sample certificates and map into the (migrated, empty) database at ``url``."""
    from flows.runs import open_run
    from flows.steps import ingest_file
    from flows.steps_map import import_cadastre, link_certificates, run_qa

    settings = Settings(database_url=url, ocr_workers=1)
    paths = certificate_paths()
    with open_run(settings, scans_dir=str(SAMPLES / "certificates"), arguments={"marker": MARKER},
                  task_runner="inline", documents=[str(p) for p in paths]) as run:
        outcomes = [ingest_file(path, run.run_id, settings=settings).outcome for path in paths]
        if any(outcome == "failed" for outcome in outcomes):
            raise RuntimeError(f"the web test data did not load: {outcomes}")
        import_cadastre(settings, str(MAP_FILE), None)
        link_certificates(settings, None)
        run_qa(settings, None)
        run.close("done", {"marker": MARKER})


def _already_built(url: str) -> bool:
    try:
        with psycopg.connect(url) as conn:
            row = conn.execute("select summary->>'marker' from ingest_run where status = 'finished' "
                               "order by id desc limit 1").fetchone()
    except psycopg.Error:
        return False
    return row is not None and row[0] == MARKER


SHARED_DEMO = "landdb_webtest_shared"


def _built_for_run(base: Settings, run_uid: str) -> str:
    """The demo database built once for the test run ``run_uid`` (xdist's id, the same in every worker of one
    run): the first worker to need it builds it, the others wait for it; a later run builds it again."""
    from psycopg import sql as pgsql

    from landdb import cluster
    from landdb.db import close_pools
    from tests.conftest import create_database

    cluster.start(base)     # the first test of a worker may come here before anything started the cluster
    with cluster.admin_connect(base) as admin:
        admin.execute("select pg_advisory_lock(hashtext('landdb web test demo'))")
        try:
            built = admin.execute("select shobj_description(oid, 'pg_database') from pg_database "
                                  "where datname = %s", (SHARED_DEMO,)).fetchone()
            if built is None or built[0] != run_uid:
                build_demo(create_database(SHARED_DEMO))
                close_pools()
                admin.execute(pgsql.SQL("comment on database {} is {}").format(
                    pgsql.Identifier(SHARED_DEMO), pgsql.Literal(run_uid)))
        finally:
            admin.execute("select pg_advisory_unlock(hashtext('landdb web test demo'))")
    return SHARED_DEMO


def demo_database(worker_id: str) -> str:
    """The URL of the web tests' demo database (built on first use in this process)."""
    name = f"landdb_webtest_{worker_id}".replace("-", "_")
    if name in _built:
        return _built[name]
    from tests.conftest import create_database, server_settings

    base = server_settings()
    head, _, _ = base.url.rpartition("/")
    url = f"{head}/{name}"
    run_uid = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if os.environ.get("LANDDB_WEB_TEST_REUSE") == "1" and _already_built(url):
        from landdb.migrations import migrate

        migrate(Settings(database_url=url), harden_as=(base, name) if base.uses_own_cluster else None)
    elif base.uses_own_cluster and run_uid:  # parallel workers: one build per test run, a copy per worker
        from landdb import cluster

        url = cluster.clone_database(base, _built_for_run(base, run_uid), name)
    else:
        url = create_database(name)
        build_demo(url)
    _built[name] = url
    return url


# ---------------------------------------------------------------- fixtures (import them into a test module)
import re  # noqa: E402

import pytest  # noqa: E402

PASSWORDS = {"officer": "officer-pass-1", "reviewer": "reviewer-pass-1", "admin": "admin-pass-123"}


@pytest.fixture(scope="module")
def web_url(worker_id: str):
    """The demo database, made the app's database (LANDDB_DATABASE_URL) for the module; with one user per role."""
    from tests.conftest import database_in_use

    url = demo_database(worker_id)
    with database_in_use(url):
        for role in PASSWORDS:
            ensure_user(url, f"test-{role}", role)
        yield url


def ensure_user(url: str, username: str, role: str, password: str | None = None) -> None:
    from psycopg.rows import dict_row

    from landdb.db import transaction
    from web.accounts import add_user

    with psycopg.connect(url, row_factory=dict_row) as conn, transaction("test", conn):
        if conn.execute("select 1 from app_user where username = %s", (username,)).fetchone() is None:
            add_user(conn, username, role, password or PASSWORDS[role], created_by="test")


def make_client(address: str | None = None, **settings):
    """A TestClient of a fresh app; each client comes from its own address unless told (log-in limits count per
    address), so tests do not share their failed log-ins."""
    import secrets

    from fastapi.testclient import TestClient

    from web.app import create_app
    from web.settings import WebSettings

    address = address or f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250)}"
    return TestClient(create_app(WebSettings(**settings)), client=(address, 50000))


def login_csrf(client) -> str:
    page = client.get("/login")
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def log_in(client, username: str, password: str):
    """Log ``client`` in through the form; returns the response of POST /login (not followed)."""
    return client.post("/login", data={"username": username, "password": password, "next": "/search",
                                       "csrf_token": login_csrf(client)}, follow_redirects=False)


def session_csrf(client) -> str:
    """The CSRF token of the client's session (from a page's log-out form)."""
    page = client.get("/search")
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


@pytest.fixture
def officer_client(web_url):
    client = make_client()
    assert log_in(client, "test-officer", PASSWORDS["officer"]).status_code == 303
    return client


@pytest.fixture
def admin_client(web_url):
    client = make_client()
    assert log_in(client, "test-admin", PASSWORDS["admin"]).status_code == 303
    return client
