"""Web search and vector tiles: p50/p95 through the app (uvicorn on loopback, bearer token) vs the bare SQL.

On the configured database (the demo after ``make demo``), or with ``--parcels N`` on a scratch database of N
synthetic parcels (``bench/search_data.py``: COPY, ~1 min for 100,000) — each with a certificate, one or two
owners with CCCD numbers, a serial, a register number and an address. Each search kind runs ``--repeat``
different queries: owner names typed without diacritics (a third without the middle name), ID numbers, parcel
keys (`sheet/parcel`), addresses, and misspelt names (one letter changed: the trigram pass); tiles at street (z18)
and district (z14) zoom around random parcels, the district ones from the app's tile cache (as served) and
uncached (``cold``). The bare side runs the same statements the app runs (`sql/queries/web/…`, through
``web.search.search`` / the tile query) on a direct psycopg connection, so the ratio is what the app adds: HTTP,
authentication, JSON. Targets (issue 14): search p95 < 50 ms, tile p95 < 100 ms at 100k parcels, app ≤ 1.5× the
bare query.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import socket
import statistics
import threading
import time
from collections.abc import Callable
from typing import Any

import psycopg
from psycopg.rows import dict_row

from landdb.settings import Settings, get_settings
from landdb.sql import query
from landdb.vietnamese import fold

BENCH_USER = "bench-search"


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered), p95


def _time(fn: Callable[[Any], Any], inputs: list[Any], warmup: int = 5) -> list[float]:
    for item in inputs[:warmup]:
        fn(item)
    out = []
    for item in inputs:
        started = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - started) * 1000)
    return out


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
        "tile z14 (district)": cycle([_tile_of(lon, lat, 14) for lon, lat in centres]),
        "tile z14 cold": cycle([_tile_of(lon, lat, 14) for lon, lat in centres]),
    }


def _bare_search(conn: psycopg.Connection, text: str) -> int:
    """What ``GET /api/search`` runs, without the app: ``web.search.search`` (its SQL statements and a dict merge)
    on a direct connection — no HTTP, no authentication, no JSON."""
    from web.search import search

    return len(search(conn, text, limit=20)["results"])


def _bare_tile(conn: psycopg.Connection, zxy: tuple[int, int, int]) -> int:
    z, x, y = zxy
    return len(conn.execute(query("web/tile"), {"z": z, "x": x, "y": y}).fetchone()["tile"] or b"")


class _Server:
    """The app under uvicorn on a loopback port, in a thread of this process."""

    def __init__(self, **settings: Any) -> None:
        import uvicorn

        from web.app import create_app
        from web.settings import WebSettings

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        config = uvicorn.Config(create_app(WebSettings(**settings)), host="127.0.0.1", port=self.port,
                                log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _token(url: str) -> tuple[str, str]:
    from landdb.db import transaction
    from web.accounts import add_user, new_secret, new_token

    with psycopg.connect(url, row_factory=dict_row) as conn, transaction("bench", conn):
        if conn.execute(query("web/user_by_name"), {"username": BENCH_USER}).fetchone() is None:
            add_user(conn, BENCH_USER, "officer", new_secret(), created_by="bench")
        token = new_token(conn, BENCH_USER, "bench search")
    return token, token[:10]


def run(url: str, repeat: int, seed: int) -> list[tuple[str, list[float], list[float]]]:
    import httpx

    from landdb.db import close_pools
    from web.accounts import revoke_token

    os.environ["LANDDB_DATABASE_URL"] = url
    get_settings.cache_clear()
    close_pools()
    rng = random.Random(seed)
    token, prefix = _token(url)
    rows = []
    try:
        with psycopg.connect(url, row_factory=dict_row, autocommit=True) as conn:
            samples = _samples(conn, repeat, rng)
            with _Server() as base, _Server(tile_cache_max_zoom=-1) as uncached, \
                    httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=60) as client:
                for kind, inputs in samples.items():
                    if not inputs:
                        continue
                    if kind.startswith("tile"):
                        root = uncached if kind.endswith("cold") else base
                        if kind.endswith("cold"):
                            inputs = inputs[: max(10, len(inputs) // 5)]     # seconds each at 100k parcels
                        app = _time(lambda t, root=root: client.get(f"{root}/tiles/{t[0]}/{t[1]}/{t[2]}.pbf")
                                    .raise_for_status(), inputs, warmup=2)
                        bare = _time(lambda t: _bare_tile(conn, t), inputs, warmup=2)
                    else:
                        app = _time(lambda q: client.get(f"{base}/api/search", params={"q": q}).raise_for_status(),
                                    inputs)
                        bare = _time(lambda q: _bare_search(conn, q), inputs)
                    rows.append((kind, app, bare))
    finally:
        with psycopg.connect(url, row_factory=dict_row) as conn:
            revoke_token(conn, BENCH_USER, prefix)
            conn.commit()
        close_pools()
    return rows


def explain(url: str, seed: int) -> None:
    """EXPLAIN (ANALYZE) of every search and tile query on a sample drawn from the database (docs/search.md)."""
    from web.search import WORD_SIMILARITY, readings

    rng = random.Random(seed)
    base = {"commune": None, "limit": 60, "xmin": None, "ymin": None, "xmax": None, "ymax": None}
    with psycopg.connect(url, row_factory=dict_row, autocommit=True) as conn:
        s = _samples(conn, 5, rng)
        serial = conn.execute("select serial from certificate where serial is not null limit 1").fetchone()["serial"]
        cases = [(s["owner (no diacritics)"][0], "owner", "sql"), (s["owner misspelt"][0], "owner", "fuzzy"),
                 (s["ID number"][0], "id_number", "sql"), (s["parcel key"][0], "key", "sql"),
                 (s["address"][0], "address", "sql"), (s["address"][0] + "x", "address", "fuzzy"),
                 (serial, "document_no", "sql")]
        conn.execute(query("web/set_trgm_threshold").replace("true)", "false)"), {"threshold": WORD_SIMILARITY})
        for text, kind, which in cases:
            for reading in [r for r in readings(text) if r.kind == kind][:1]:
                sql = getattr(reading, which) or reading.sql
                params = {**base, **reading.params}
                print(f"\n-- {sql}  ({reading.kind}: {text!r})")
                for row in conn.execute("explain (analyze, costs off, timing on, summary on) " + query(sql), params):
                    print(row["QUERY PLAN"])
        z, x, y = s["tile z14 (district)"][0]
        for zxy in [(18, *_tile_of_parent(s["tile z18 (street)"][0])), (z, x, y)]:
            print(f"\n-- web/tile  (z/x/y = {zxy[0]}/{zxy[1]}/{zxy[2]})")
            for row in conn.execute("explain (analyze, costs off, timing on, summary on) " + query("web/tile"),
                                    dict(zip("zxy", zxy, strict=True))):
                print(row["QUERY PLAN"])


def _tile_of_parent(zxy: tuple[int, int, int]) -> tuple[int, int]:
    return zxy[1], zxy[2]


def report(rows: list[tuple[str, list[float], list[float]]], parcels: int) -> None:
    print(f"{'query':<22} {'n':>4} {'app p50':>8} {'app p95':>8} {'SQL p50':>8} {'SQL p95':>8} "
          f"{'ratio p50':>9} {'ratio p95':>9}  target")
    for kind, app, bare in rows:
        a50, a95 = _percentiles(app)
        b50, b95 = _percentiles(bare)
        target_ms = 100 if kind.startswith("tile") else 50
        if kind.endswith("cold") or kind.endswith("misspelt"):
            print(f"{kind:<22} {len(app):>4} {a50:>8.1f} {a95:>8.1f} {b50:>8.1f} {b95:>8.1f} {a50 / b50:>9.2f} "
                  f"{a95 / b95:>9.2f}  (no target: shown for what it costs)")
            continue
        fast = "ok" if a95 < target_ms else "MISSED"
        lean = "ok" if a50 / b50 <= 1.5 else f"MISSED (+{a50 - b50:.1f} ms)"
        print(f"{kind:<22} {len(app):>4} {a50:>8.1f} {a95:>8.1f} {b50:>8.1f} {b95:>8.1f} {a50 / b50:>9.2f} "
              f"{a95 / b95:>9.2f}  p95 < {target_ms} ms: {fast}; ≤ 1.5×: {lean}")
    print(f"milliseconds; {parcels} parcels; app = uvicorn on loopback + httpx with a bearer token; "
          "SQL = the same statements on a direct psycopg connection")


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
        from bench.search_data import scratch_database

        started = time.perf_counter()
        url = scratch_database(Settings(), args.parcels, seed=args.seed, keep=args.keep)
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
