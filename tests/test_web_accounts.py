"""Accounts of the web app: `landdb users`, argon2 hashes, sessions (HttpOnly, SameSite, CSRF), API tokens
(hashed, revocable, dead with their disabled user), and log-in rate limiting that holds across server processes."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import psycopg
import pytest

from tests import web_support
from tests.web_support import PASSWORDS, log_in, login_csrf, make_client, session_csrf

web_url = web_support.web_url   # the fixture

pytestmark = [pytest.mark.db]

RUN = secrets.token_hex(3)   # names unique per run: the demo database may be kept between runs


def name(base: str) -> str:
    return f"{base}-{RUN}"


def _landdb(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "landdb.cli.main", *args], input=stdin, capture_output=True,
                          text=True, timeout=120, env={**os.environ})


def test_users_cli_add_list_token_disable(web_url):
    added = _landdb("users", "add", name("cli-officer"), "--role", "officer", stdin="a long enough password\n")
    assert added.returncode == 0, added.stderr
    assert f"{name('cli-officer')} (officer) created" in added.stdout
    again = _landdb("users", "add", name("cli-officer"), "--role", "officer", stdin="a long enough password\n")
    assert again.returncode == 2 and "already exists" in again.stderr and again.stderr.count("\n") == 1
    bad_role = _landdb("users", "add", name("cli-x"), "--role", "boss", stdin="a long enough password\n")
    assert bad_role.returncode == 2 and "officer, reviewer, admin" in bad_role.stderr
    short = _landdb("users", "add", name("cli-y"), "--role", "officer", stdin="short\n")
    assert short.returncode == 2 and "at least 10 characters" in short.stderr

    with psycopg.connect(web_url) as conn:
        stored = conn.execute("select password_hash from app_user where username = %s",
                              (name("cli-officer"),)).fetchone()[0]
        audit = conn.execute("select after from audit_log where table_name = 'app_user' order by id desc limit 1"
                             ).fetchone()[0]
    assert stored.startswith("$argon2id$") and "a long enough password" not in stored
    assert "password_hash" not in audit

    token = _landdb("users", "token", name("cli-officer"), "--label", "QGIS").stdout.strip()
    assert token.startswith("ldb_") and len(token) > 40
    with psycopg.connect(web_url) as conn:
        hashes = [r[0] for r in conn.execute("select token_hash from api_token")]
    assert token not in hashes and all(len(h) == 64 for h in hashes)

    client = make_client()
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/me", headers=headers).json() == {"username": name("cli-officer"), "role": "officer",
                                                              "via": "token"}
    listed = _landdb("users", "list")
    assert name("cli-officer") in listed.stdout and "active" in listed.stdout

    assert _landdb("users", "disable", name("cli-officer")).returncode == 0
    assert client.get("/api/me", headers=headers).status_code == 401
    assert "disabled" in _landdb("users", "list").stdout
    assert log_in(make_client(), name("cli-officer"), "a long enough password").status_code == 401


def test_token_revoked_stops_working(web_url):
    _landdb("users", "add", name("cli-revoke"), "--role", "reviewer", stdin="a long enough password\n")
    token = _landdb("users", "token", name("cli-revoke")).stdout.strip()
    client = make_client()
    assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    revoked = _landdb("users", "revoke", name("cli-revoke"), token[:10])
    assert revoked.returncode == 0, revoked.stderr
    assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert client.get("/api/me", headers={"Authorization": "Basic abc"}).status_code == 401


def test_session_cookie_flags_and_logout(web_url):
    client = make_client()
    response = log_in(client, "test-officer", PASSWORDS["officer"])
    assert response.status_code == 303 and response.headers["location"] == "/search"
    cookie = response.headers["set-cookie"].lower()
    assert "landdb_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    assert client.get("/api/me").json()["via"] == "session"
    csrf = session_csrf(client)
    assert client.post("/logout", data={"csrf_token": "wrong"}, follow_redirects=False).status_code == 403
    assert client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    assert client.get("/api/me").status_code == 401


def test_login_needs_its_csrf_token_and_a_safe_next(web_url):
    client = make_client()
    login_csrf(client)
    forged = client.post("/login", data={"username": "test-officer", "password": PASSWORDS["officer"],
                                         "csrf_token": "forged"}, follow_redirects=False)
    assert forged.status_code == 403
    client = make_client()
    response = client.post("/login", data={"username": "test-officer", "password": PASSWORDS["officer"],
                                           "next": "//evil.example/x", "csrf_token": login_csrf(client)},
                           follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/search"


def test_login_rate_limited_per_user_across_app_instances(web_url):
    """Five failures for one name (spread over two app instances = two server processes) lock it, even with the
    right password; other users are not affected."""
    import secrets

    name = f"rl-{secrets.token_hex(4)}"
    from tests.web_support import ensure_user

    ensure_user(web_url, name, "officer", "the right password")
    first, second = make_client(), make_client()
    for i in range(5):
        client = first if i % 2 else second
        assert log_in(client, name, "wrong password").status_code == 401
    locked = log_in(make_client(), name, "the right password")
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
    assert "too many failed log-ins" in locked.text
    assert log_in(make_client(), "test-officer", PASSWORDS["officer"]).status_code == 303


def test_login_rate_limited_per_address(web_url):
    client = make_client(login_max_failures_address=3)
    for i in range(3):
        assert log_in(client, f"nobody-{i}", "wrong password").status_code == 401
    assert log_in(client, "test-officer", PASSWORDS["officer"]).status_code == 429
    assert log_in(make_client(), "test-officer", PASSWORDS["officer"]).status_code == 303


def test_admin_manages_users_officer_cannot(web_url):
    from tests.web_support import ensure_user

    ensure_user(web_url, "test-admin", "admin")
    admin = make_client()
    assert log_in(admin, "test-admin", PASSWORDS["admin"]).status_code == 303
    csrf = session_csrf(admin)
    body = {"username": name("web-made"), "role": "officer", "password": "another long password"}
    assert admin.post("/api/users", json=body).status_code == 403          # session write without CSRF token
    made = admin.post("/api/users", json=body, headers={"X-CSRF-Token": csrf})
    assert made.status_code == 201 and made.json()["username"] == name("web-made")
    names = [u["username"] for u in admin.get("/api/users").json()["users"]]
    assert name("web-made") in names
    assert all("password_hash" not in u for u in admin.get("/api/users").json()["users"])

    officer = make_client()
    assert log_in(officer, name("web-made"), "another long password").status_code == 303
    officer_csrf = session_csrf(officer)
    denied = officer.post("/api/users", json={**body, "username": name("sneaky")},
                          headers={"X-CSRF-Token": officer_csrf})
    assert denied.status_code == 403 and denied.json()["error"] == "forbidden"
    assert officer.get("/api/users").status_code == 403
    assert officer.get("/admin/users").status_code == 403

    token = admin.post(f"/api/users/{name('web-made')}/tokens", json={"label": "script"},
                       headers={"X-CSRF-Token": csrf}).json()["token"]
    bearer = make_client()
    assert bearer.post("/api/users", json={**body, "username": name("sneaky2")},
                       headers={"Authorization": f"Bearer {token}"}).status_code == 403
    assert admin.post(f"/api/users/{name('web-made')}/disable", headers={"X-CSRF-Token": csrf}).status_code == 200
    assert bearer.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert officer.get("/api/me").status_code == 401          # the session ended with the account
