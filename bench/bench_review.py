"""Review workbench: queue and review screen p50/p95 through the app (`landdb serve`, bearer token) vs the bare SQL.

On the configured database (the demo after ``make demo``), or with ``--parcels N`` on the synthetic city of N
parcels (``bench/city.py``, the one ``bench_search`` uses; its QA run first when it has no open finding, so its
queue holds QA findings, not scans). The first ``--items`` open items of the queue are each opened ``--repeat``
times in turn: the review screen as the browser gets it (``GET /review/{id}``, the HTML page with the scan, the
certificate's fields and the map data), its JSON (``GET /api/review/tasks/{id}``), the queue
(``GET /api/review/tasks``) and the scan page image of a field (served from the page cache after the first
request). The bare side calls the same library functions (``web.review.item`` / ``web.review.queue``: the same
statements) on a direct psycopg connection. Target (issue 15): review screen p95 < 300 ms.
"""

from __future__ import annotations

import argparse
from typing import Any

import psycopg
from psycopg.rows import dict_row

from bench.timing import Client, LoopbackServer, percentiles, time_calls
from landdb.settings import get_settings
from landdb.sql import query

BENCH_USER = "bench-review"
TARGET_MS = 300


def _token(url: str) -> tuple[str, str]:
    from landdb.db import transaction
    from web.accounts import add_user, new_secret, new_token

    with psycopg.connect(url, row_factory=dict_row) as conn, transaction("bench", conn):
        if conn.execute(query("web/user_by_name"), {"username": BENCH_USER}).fetchone() is None:
            add_user(conn, BENCH_USER, "reviewer", new_secret(), created_by="bench")
        token = new_token(conn, BENCH_USER, "bench review")
    return token, token[:10]


def _city(parcels: int) -> str:
    """The synthetic city of ``parcels`` (built unless there), its QA findings stored once."""
    from bench.city import build
    from landdb.settings import Settings
    from qa.runner import run_database

    url = build(Settings(), parcels)
    with psycopg.connect(url, row_factory=dict_row) as conn:
        found = conn.execute(query("bench/review_open_findings")).fetchone()["n"]
    if not found:
        run_database(None, actor="bench", settings=Settings(database_url=url))
    return url


def run(url: str, repeat: int, items: int = 2000) -> tuple[list[tuple[str, int, list[float], list[float] | None]], int]:
    from web import review
    from web.accounts import revoke_token

    token, prefix = _token(url)
    out: list[tuple[str, int, list[float], list[float] | None]] = []
    try:
        with psycopg.connect(url, row_factory=dict_row, autocommit=True) as conn:
            tasks = review.queue(conn, limit=items)["tasks"]
            if not tasks:
                return out, 0
            ids = [t["id"] for t in tasks] * repeat
            fields = [review.item(conn, t["id"]) for t in tasks if t["kind"] == "field"]
            pages = [(f["task"]["document_id"], f["task"]["page"] or 1) for f in fields] * repeat
            with LoopbackServer(url) as server, Client(server, token) as client:
                def get(path: str, **params: Any) -> None:
                    client.get(path, **params)

                bare_item = time_calls(lambda i: review.item(conn, i), ids)
                out.append(("review screen (HTML)", len(ids), time_calls(lambda i: get(f"/review/{i}"), ids),
                            bare_item))
                out.append(("review item (JSON)", len(ids), time_calls(lambda i: get(f"/api/review/tasks/{i}"), ids),
                            bare_item))
                rounds = list(range(max(20, repeat)))
                out.append(("queue (JSON)", len(rounds), time_calls(lambda _: get("/api/review/tasks"), rounds),
                            time_calls(lambda _: review.queue(conn), rounds)))
                if pages:
                    out.append(("scan page (cached)", len(pages),
                                time_calls(lambda p: get(f"/api/documents/{p[0]}/pages/{p[1]}.jpg"), pages), None))
    finally:
        with psycopg.connect(url, row_factory=dict_row) as conn:
            revoke_token(conn, BENCH_USER, prefix)
            conn.commit()
    return out, len(tasks)


def report(rows: list[tuple[str, int, list[float], list[float] | None]], items: int) -> None:
    print(f"{'request':<22} {'n':>5} {'app p50':>8} {'app p95':>8} {'SQL p50':>8} {'SQL p95':>8} "
          f"{'ratio p50':>9}  target")
    for name, n, app, bare in rows:
        a50, a95 = percentiles(app)
        if bare is None:
            print(f"{name:<22} {n:>5} {a50:>8.1f} {a95:>8.1f} {'—':>8} {'—':>8} {'—':>9}  (file from the page cache)")
            continue
        b50, b95 = percentiles(bare)
        verdict = f"p95 < {TARGET_MS} ms: {'ok' if a95 < TARGET_MS else 'MISSED'}" if name.startswith("review") else ""
        print(f"{name:<22} {n:>5} {a50:>8.1f} {a95:>8.1f} {b50:>8.1f} {b95:>8.1f} {a50 / b50:>9.2f}  {verdict}")
    print(f"milliseconds; {items} open items; app = `landdb serve` (own process) on loopback, one keep-alive "
          "connection with a bearer token; "
          "SQL = the same library calls on a direct psycopg connection")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_review", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="times each open item is opened")
    parser.add_argument("--items", type=int, default=2000, help="open items of the queue measured (its first)")
    parser.add_argument("--database-url", default=None, help="default: the configured database")
    parser.add_argument("--parcels", type=int, default=None, help="the synthetic city of N parcels instead")
    args = parser.parse_args(argv)
    url = _city(args.parcels) if args.parcels else args.database_url or get_settings().url
    rows, items = run(url, args.repeat, args.items)
    if not items:
        print(f"nothing to review in {url.rsplit('@', 1)[-1]}: run `make demo` first, or give --parcels N")
        return 1
    report(rows, items)
    return 0
