"""``make bench-scale``: the synthetic city at each size, every figure against a baseline measured in the same run.

    python -m bench.scale 100000 500000 [--repeat 100] [--only search,qa,ingest,import] [--results FILE]
                          [--any-generator]

For each size: the city (``bench/city.py``; a finished build of that size is reused, so an interrupted run picks
up where it stopped), then
- search p50/p95 by kind and vector tiles at street (z18) and district (z14) zoom through the app vs the bare SQL
  of the same query (``bench/bench_search.py``'s functions);
- the QA catalogue per commune, for the whole city in one run, and per commune on 2 threads, vs one bare
  ``ST_Overlaps`` self-join of the same parcels (``bench/scale_qa.py``);
- ingest of certificate records by the loader vs bare COPY of the same rows (``bench/scale_ingest.py``);
- ``landdb import-map`` of one commune vs bare ``ogr2ogr`` of the same file (``bench/scale_import.py``).
Each size's figures go to ``docs/scale-results.json`` (keyed by size; ``bench/scale_chart.py`` draws
``docs/scale.png`` from it).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

from landdb.settings import PROJECT_ROOT, Settings, get_settings

RESULTS = PROJECT_ROOT / "docs" / "scale-results.json"
SECTIONS = ("search", "qa", "ingest", "import")


def _search(url: str, repeat: int) -> dict:
    from bench.bench_search import run
    from bench.scratch import database_url_kept
    from bench.timing import percentiles as _percentiles

    with database_url_kept():
        rows = run(url, repeat, seed=14)
    out = {}
    for kind, app, bare, psql in rows:
        a50, a95 = _percentiles(app)
        entry = {"n": len(app), "app_p50": a50, "app_p95": a95}
        if any(bare):       # sql: on a psycopg session, prepared as the app does; psql: from one psql session
            entry["sql_p50"], entry["sql_p95"] = _percentiles(bare)
            entry["psql_p50"], entry["psql_p95"] = _percentiles(psql)
        out[kind] = entry
    return out


def _search_rows(result: dict) -> list[tuple[str, float, float, str]]:
    rows = []
    for kind, e in result.items():
        if "sql_p95" not in e:
            continue
        target = 100 if kind.startswith("tile") else 50
        base = "psql" if "psql_p50" in e else "sql"     # the baseline: the bare query from psql
        rows.append((f"{kind} p50 (ms, vs {base})", e["app_p50"], e[f"{base}_p50"], ""))
        verdict = "" if kind.endswith(("cold", "misspelt")) else \
            f"target < {target} ms: {'ok' if e['app_p95'] < target else 'MISSED'}"
        rows.append((f"{kind} p95 (ms, vs {base})", e["app_p95"], e[f"{base}_p95"], verdict))
    return rows


def machine() -> dict:
    import psycopg

    from landdb.sql import query

    with psycopg.connect(get_settings().url) as conn:
        server = conn.execute(query("bench/server_version")).fetchone()[0]
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem, 1), "postgresql": server,
            "python": platform.python_version(), "kernel": platform.release()}


def report(size: int, rows: list[tuple[str, float, float, str]]) -> None:
    print(f"\n{size} parcels")
    print(f"{'what':<62} {'landdb':>9} {'baseline':>9} {'ratio':>7}  note")
    for what, ours, base, note in rows:
        ratio = ours / base if base else float("nan")
        print(f"{what:<62} {ours:>9.2f} {base:>9.2f} {ratio:>7.2f}  {note}")


def main(argv: list[str]) -> int:
    from bench import city, scale_import, scale_ingest, scale_qa

    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100000, 500000])
    parser.add_argument("--repeat", type=int, default=100, help="queries per search kind")
    parser.add_argument("--only", default=",".join(SECTIONS), help="sections to measure: " + ",".join(SECTIONS))
    parser.add_argument("--ingest", type=int, default=300, help="certificate records loaded per size")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--any-generator", action="store_true",
                        help="measure a finished city of that size made by an older bench.city GENERATOR instead of "
                             "re-building it (the figures record which generator made it)")
    args = parser.parse_args(argv)
    wanted = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in wanted if s not in SECTIONS]
    if unknown or any(n < 1000 for n in args.sizes):
        print(f"bench.scale: sizes must be ≥ 1000 and sections among {', '.join(SECTIONS)} "
              f"(got {args.sizes}, {args.only})", file=sys.stderr)
        return 2
    stored = json.loads(args.results.read_text()) if args.results.exists() else {}
    stored["machine"] = machine()
    for size in args.sizes:
        entry = stored.setdefault(str(size), {})
        started = time.perf_counter()
        url = city.build(Settings(), size, any_generator=args.any_generator)
        entry["build"] = city.manifest(url)
        rows: list[tuple[str, float, float, str]] = []
        if "search" in wanted:
            entry["search"] = _search(url, args.repeat)
        if "qa" in wanted:
            entry["qa"] = scale_qa.measure(url)
        if "ingest" in wanted:
            entry["ingest"] = scale_ingest.measure(url, args.ingest)
        if "import" in wanted:
            entry["import"] = scale_import.measure(url, PROJECT_ROOT / "var" / "bench-scale")
        for section, to_rows in (("search", _search_rows), ("qa", scale_qa.rows), ("ingest", scale_ingest.rows),
                                 ("import", scale_import.rows)):
            if section in entry:
                rows += to_rows(entry[section])
        report(size, rows)
        entry["measured_at"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        entry["load_average"] = [round(x, 1) for x in os.getloadavg()]     # the machine is shared: say how busy
        args.results.write_text(json.dumps(stored, indent=1, ensure_ascii=False, default=str) + "\n")
        print(f"({size} parcels: {time.perf_counter() - started:.0f} s; figures in {args.results})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
