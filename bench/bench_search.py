"""Web search and vector tiles: p50/p95 through the app (`landdb serve` on loopback, bearer token) vs the bare SQL.

On the configured database (the demo after ``make demo``), or with ``--parcels N`` on a scratch database of N
synthetic parcels (``bench/search_data.py``: COPY, ~1 min for 100,000) — each with a certificate, one or two
owners with CCCD numbers, a serial, a register number and an address. Each search kind runs ``--repeat``
different queries: owner names typed without diacritics (a third without the middle name), ID numbers, parcel
keys (`sheet/parcel`), addresses, and misspelt names (one letter changed: the trigram pass); tiles at street (z18),
at the fullest street zoom (z15, uncached) and district (z14) zoom around random parcels, the district ones uncached
(``cold``, a server with the tile cache off) and from the app's tile cache once made (``warm``).

app: ``landdb serve`` in its own process, one keep-alive HTTP/1.1 client connection with a bearer token, from
request sent to body read. Two bare baselines of the very statements that request runs (recorded from
``web.search.search`` / the tile query), with the same parameters:
- psql: the issue's "bare SQL of the same query run from psql": the statements with their parameters as literals,
  fed to ONE long-running ``psql`` session (``\timing on``; the sum of its ``Time:`` lines; simple protocol, so
  parsed and planned each time, as typed in psql; no connection start per query);
- psycopg: replayed on one psycopg session, prepared from the fifth run as the app's own connection does (stricter:
  no parse or plan once prepared), server execution and fetch as the client sees them.
The three are timed in turn for each query (same load on a shared machine). app/psql is the issue's ratio (target
≤ 1.5 at p50), app/psycopg what the app adds over its own driver: HTTP, authentication, Python, JSON. Targets
(issue 14): search p95 < 50 ms, tile p95 < 100 ms at 100k parcels, app ≤ 1.5× the bare query.
"""

from __future__ import annotations

import argparse
import math
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.rows import dict_row

from bench.timing import Client, LoopbackServer, PsqlSession, percentiles, time_calls, time_turns
from landdb.settings import Settings, get_settings
from landdb.sql import query
from landdb.vietnamese import fold

BENCH_USER = "bench-search"


def _tile_of(lon: float, lat: float, z: int) -> tuple[int, int, int]:
    n = 2 ** z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return z, x, y


def _samples(conn: psycopg.Connection, repeat: int, rng: random.Random) -> dict[str, list[Any]]:
    """Queries drawn from the database itself, so each one finds something."""
    owners = [r["name"] for r in conn.execute(
        "select pa.name from party pa join land_right r on r.party_id = pa.id "
        "order by random() limit %s", (repeat,))]
    ids = [r["id_number"] for r in conn.execute(
        "select id_number from party where id_number is not null order by random() limit %s", (repeat,))]
    keys = [f"{r['sheet_no']}/{r['parcel_no']}" for r in conn.execute(
        "select sheet_no, parcel_no from parcel order by random() limit %s", (repeat,))]
    addresses = [r["address"] for r in conn.execute(
        "select address from certificate_parcel where address is not null order by random() limit %s", (repeat,))]
    centres = [(r["lon"], r["lat"]) for r in conn.execute(
        "select st_x(c) as lon, st_y(c) as lat from (select st_centroid(geom_wgs84) as c from parcel "
        "where geom_wgs84 is not null order by random() limit %s) s", (repeat,))]

    def typed(name: str) -> str:          # as an officer types it: no diacritics, lower case, maybe no middle name
        words = fold(name).lower().split()
        if len(words) > 2 and rng.random() < 0.33:
            words = [words[0], words[-1]]
        return " ".join(words)

    def street(address: str) -> str:      # the house number and street, without the ward and city
        return fold(address.split(",")[0]).lower()

    def misspelt(name: str) -> str:       # one letter of the given name changed
        words = fold(name).lower().split()
        given = words[-1]
        i = rng.randrange(len(given))
        words[-1] = given[:i] + ("a" if given[i] != "a" else "o") + given[i + 1:]
        return " ".join(words)

    def cycle(items: list[Any]) -> list[Any]:
        return [items[i % len(items)] for i in range(repeat)] if items else []

    return {
        "owner (no diacritics)": cycle([typed(n) for n in owners]),
        "ID number": cycle(ids),
        "parcel key": cycle(keys),
        "address": cycle([street(a) for a in addresses]),
        "owner misspelt": cycle([misspelt(n) for n in owners]),
        "tile z18 (street)": cycle([_tile_of(lon, lat, 18) for lon, lat in centres]),
        "tile z15 cold": cycle([_tile_of(lon, lat, 15) for lon, lat in centres]),   # the fullest street tiles
        "tile z14 warm (cache)": cycle([_tile_of(lon, lat, 14) for lon, lat in centres]),
        "tile z14 cold": cycle([_tile_of(lon, lat, 14) for lon, lat in centres]),
    }


class _Recorder:
    """A connection that notes every statement run through it (and its transactions), to replay them bare."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn
        self.statements: list[tuple[str, Any]] = []

    def execute(self, sql: str, params: Any = None, prepare: bool | None = None) -> psycopg.Cursor:
        self.statements.append((sql, params, prepare))
        return self.conn.execute(sql, params, prepare=prepare)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.statements.append(("begin", None))
        with self.conn.transaction():
            yield
        self.statements.append(("commit", None))


def _statements_of_search(conn: psycopg.Connection, text: str) -> list[tuple[str, Any]]:
    """The statements ``GET /api/search?q=text`` runs (``web.search.search``), with their parameters."""
    from web.search import search

    recorder = _Recorder(conn)
    search(recorder, text, limit=20)  # type: ignore[arg-type]
    return recorder.statements


def _replay(conn: psycopg.Connection, statements: list[tuple[str, Any]]) -> int:
    """The bare side: the same statements with the same parameters on one session — server execution and fetch,
    no HTTP, no authentication, no Python merging, no JSON."""
    from web.steps import LITERAL

    rows = 0
    with conn.cursor() as cur, psycopg.ClientCursor(conn) as literal:
        for sql, params, *how in statements:   # prepared, unprepared or literal, as the app runs it (web/steps.py)
            run = literal if how == [LITERAL] else cur
            run.execute(sql, params, prepare=False if how == [LITERAL] else how[0] if how else None)
            if run.description is not None:
                rows += len(run.fetchall())
    return rows


def _literal(conn: psycopg.Connection, statements: list[tuple[Any, ...]]) -> list[str]:
    """The statements as psql gets them: parameters written in as literals (psycopg's client-side binding)."""
    cur = psycopg.ClientCursor(conn)
    return [cur.mogrify(sql, params) for sql, params, *_ in statements]


def _tile_statement(zxy: tuple[int, int, int]) -> list[tuple[Any, ...]]:
    z, x, y = zxy
    from web.tiles import step

    return [step(z, x, y)]


def _token(url: str) -> tuple[str, str]:
    from landdb.db import transaction
    from web.accounts import add_user, new_secret, new_token

    with psycopg.connect(url, row_factory=dict_row) as conn, transaction("bench", conn):
        if conn.execute(query("web/user_by_name"), {"username": BENCH_USER}).fetchone() is None:
            add_user(conn, BENCH_USER, "officer", new_secret(), created_by="bench")
        token = new_token(conn, BENCH_USER, "bench search")
    return token, token[:10]


Row = tuple[str, list[float], list[float], list[float]]     # kind, app, psycopg, psql (ms)


def run(url: str, repeat: int, seed: int) -> list[Row]:
    from web.accounts import revoke_token

    rng = random.Random(seed)
    token, prefix = _token(url)
    rows: list[Row] = []
    try:
        with psycopg.connect(url, row_factory=dict_row, autocommit=True) as conn, \
                psycopg.connect(url, autocommit=True) as bare, PsqlSession(url) as psql:
            samples = _samples(conn, repeat, rng)
            recorded = {kind: [_statements_of_search(conn, q) for q in inputs]
                        for kind, inputs in samples.items() if not kind.startswith("tile")}
            with LoopbackServer(url) as cached, LoopbackServer(url, {"LANDDB_WEB_TILE_CACHE_MAX_ZOOM": "-1"}) as cold, \
                    Client(cached, token) as client, Client(cold, token) as cold_client:
                rounds = list(range(repeat))
                client.touch()
                rows.append(("HTTP floor (no SQL)", time_calls(lambda _: client.get("/tiles/1/0/0.pbf"), rounds),
                             [], []))
                rows.append(("auth only (/api/me)", time_calls(lambda _: client.get("/api/me"), rounds), [], []))
                for kind, inputs in samples.items():
                    if not inputs:
                        continue
                    via = cold_client if kind.endswith("cold") else client
                    via.touch()
                    if kind.startswith("tile"):
                        if kind.endswith("cold"):
                            inputs = inputs[: max(20, len(inputs) // 4)]
                        items = [(f"/tiles/{z}/{x}/{y}.pbf", {}, _tile_statement((z, x, y))) for z, x, y in inputs]
                        if kind.endswith("(cache)"):
                            for path, _, _ in items:         # warm: every tile made once before the timing
                                via.get(path)
                    else:
                        items = [("/api/search", {"q": q}, statements)
                                 for q, statements in zip(inputs, recorded[kind], strict=True)]
                    timed = [(path, params, statements, _literal(bare, statements))
                             for path, params, statements in items]
                    app, bare_ms, psql_ms = time_turns(
                        [lambda item, via=via: via.get(item[0], **item[1]),
                         lambda item: _replay(bare, item[2]),
                         lambda item: psql.run(item[3])],
                        timed, warmup=0 if kind.endswith("cold") else 5)
                    rows.append((kind, app, bare_ms, psql_ms))
    finally:
        with psycopg.connect(url, row_factory=dict_row) as conn:
            revoke_token(conn, BENCH_USER, prefix)
            conn.commit()
    return rows


def explain(url: str, seed: int) -> None:
    """EXPLAIN (ANALYZE) of every search and tile query on a sample drawn from the database (docs/search.md)."""
    from web.search import WORD_SIMILARITY, readings, statement

    rng = random.Random(seed)
    base = {"commune": None, "limit": 60, "xmin": None, "ymin": None, "xmax": None, "ymax": None,
            "similarity": WORD_SIMILARITY}
    with psycopg.connect(url, row_factory=dict_row, autocommit=True) as conn:
        s = _samples(conn, 5, rng)
        serial = conn.execute("select serial from certificate where serial is not null limit 1").fetchone()["serial"]
        cases = [(s["owner (no diacritics)"][0], "owner", "sql"), (s["owner misspelt"][0], "owner", "fuzzy"),
                 (s["ID number"][0], "id_number", "sql"), (s["parcel key"][0], "key", "sql"),
                 (s["address"][0], "address", "sql"), (s["address"][0] + "x", "address", "fuzzy"),
                 (serial, "document_no", "sql")]
        for text, kind, which in cases:
            for reading in [r for r in readings(text) if r.kind == kind][:1]:
                sql = getattr(reading, which) or reading.sql
                params = {**base, **reading.params}
                print(f"\n-- {sql}  ({reading.kind}: {text!r})")
                explain_sql = "explain (analyze, costs off, timing on, summary on) " + statement(sql)
                for row in conn.execute(explain_sql, params):
                    print(row["QUERY PLAN"])
        z, x, y = s["tile z14 cold"][0]
        for zxy in [(18, *_tile_of_parent(s["tile z18 (street)"][0])), (z, x, y)]:
            sql, params, _ = _tile_statement(zxy)[0]
            print(f"\n-- tile z/x/y = {zxy[0]}/{zxy[1]}/{zxy[2]}")
            for row in conn.execute("explain (analyze, costs off, timing on, summary on) " + sql, params):
                print(row["QUERY PLAN"])


def _tile_of_parent(zxy: tuple[int, int, int]) -> tuple[int, int]:
    return zxy[1], zxy[2]


def report(rows: list[Row], parcels: int) -> None:
    print(f"{'query':<22} {'n':>4} {'app p50':>8} {'app p95':>8} {'psql p50':>8} {'psql p95':>8} {'pg p50':>7} "
          f"{'pg p95':>7} {'app/psql':>9} {'app/psql':>9} {'app/pg':>7} {'app/pg':>7}  target")
    print(f"{'':<22} {'':>4} {'':>8} {'':>8} {'':>8} {'':>8} {'':>7} {'':>7} {'p50':>9} {'p95':>9} {'p50':>7} "
          f"{'p95':>7}")
    for kind, app, bare, psql in rows:
        a50, a95 = percentiles(app)
        if not bare:
            print(f"{kind:<22} {len(app):>4} {a50:>8.1f} {a95:>8.1f}  (what every request through the app costs)")
            continue
        b50, b95 = percentiles(bare)
        q50, q95 = percentiles(psql)
        target_ms = 100 if kind.startswith("tile") else 50
        fast = "ok" if a95 < target_ms else "MISSED"
        if kind.endswith("(cache)"):
            lean = "cached: a file, not the query"
        else:
            lean = "ok" if a50 / q50 <= 1.5 else f"MISSED (+{a50 - q50:.1f} ms)"
        print(f"{kind:<22} {len(app):>4} {a50:>8.1f} {a95:>8.1f} {q50:>8.1f} {q95:>8.1f} {b50:>7.1f} {b95:>7.1f} "
              f"{a50 / q50:>9.2f} {a95 / q95:>9.2f} {a50 / b50:>7.2f} {a95 / b95:>7.2f}  p95 < {target_ms} ms: {fast}; "
              f"app/psql p50 ≤ 1.5: {lean}")
    print(f"milliseconds; {parcels} parcels. app = `landdb serve` (uvicorn, own process) on loopback, one keep-alive "
          "HTTP/1.1 connection with a bearer token, request sent to body read. psql = the very statements that "
          "request runs, parameters as literals, in one long-running psql session (the sum of its `Time:` lines: "
          "the issue's baseline). pg = the same on one psycopg session, prepared as the app prepares them "
          "(stricter). ratio pN = app pN / baseline pN.")


def _scratch(parcels: int, seed: int, keep: bool) -> str:
    """``landdb_city_<N>``: the synthetic city of bench/city.py (bench/search_data.py); with ``keep``, reused when a
    finished build of N parcels with this seed is there."""
    from bench.search_data import scratch_database
    from landdb.migrations import migrate

    url = scratch_database(Settings(), parcels, seed=seed, keep=keep)
    migrate(Settings(database_url=url))     # a kept city built before the newest migrations gets them
    return url


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_search", description=__doc__.splitlines()[0])
    parser.add_argument("--parcels", type=int, default=0,
                        help="generate N synthetic parcels in a scratch database (default: the configured one)")
    parser.add_argument("--repeat", type=int, default=200, help="queries per kind")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--keep", action="store_true", help="reuse the scratch database if it has N parcels")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of each query instead")
    args = parser.parse_args(argv)
    url = get_settings().url
    if args.parcels:
        started = time.perf_counter()
        url = _scratch(args.parcels, args.seed, args.keep)
        print(f"scratch database with {args.parcels} parcels ready in {time.perf_counter() - started:.1f} s")
    with psycopg.connect(url) as conn:
        parcels = conn.execute("select count(*) from parcel").fetchone()[0]
    if not parcels:
        print(f"no parcels in {url.rsplit('@', 1)[-1]}: run `make demo` first, or pass --parcels N")
        return 1
    if args.explain:
        explain(url, args.seed)
        return 0
    report(run(url, args.repeat, args.seed), parcels)
    return 0
