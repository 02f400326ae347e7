"""QA catalogue on the Đan Phượng map vs one bare PostGIS self-join ST_Overlaps query.

Loads ``../shared/realdata/cadastre-danphuong/parcels.gpkg`` (6,910 parcels, 1,171 invalid) into a scratch
table once, then times (median of ``--repeat`` runs) the full map-rule catalogue (``qa check``'s work:
working copy with repairs, all map rules, sentences) against the baseline query on the same parcels (their
repaired, indexed working copy: on the raw geometries the bare query stops with a GEOS TopologyException).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import psycopg

from landdb.db import connect
from landdb.settings import PROJECT_ROOT, get_settings
from qa import rules as catalogue
from qa import runner, scratch
from qa.sqlfiles import composed

MAP = PROJECT_ROOT.parent / "shared" / "realdata" / "cadastre-danphuong" / "parcels.gpkg"


def _median(fn, repeat: int) -> tuple[float, object]:
    times, value = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), value


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_qa", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--map", type=Path, default=MAP)
    args = parser.parse_args(argv)
    if not args.map.exists():
        print(f"missing {args.map}")
        return 1
    settings = get_settings()
    params = runner._params(settings, None)
    with connect(settings, autocommit=True) as conn, scratch.scratch_file(conn, args.map, "thua_dat") as table:
        try:  # the bare query on the geometries as surveyed: GEOS gives up on the invalid ones
            conn.execute(composed("bench_baseline_overlaps", table=table.name))
            raw_note = "the bare query also runs on the raw geometries"
        except psycopg.errors.InternalError as exc:
            raw_note = f"on the raw geometries the bare query fails: {str(exc).splitlines()[0][:90]}"
        runner.prepare(conn, table.name, params, None, scratch=True)  # repaired, GiST-indexed working copy
        base_s, overlaps = _median(lambda: conn.execute(composed("bench_baseline_overlaps", table="pg_temp.qa_work"))
                                   .fetchone()["n"], args.repeat)
        full_s, result = _median(lambda: runner.check_table(conn, table.name, settings=settings), args.repeat)
        runner.prepare(conn, table.name, params, None, scratch=True)
        per_rule = []
        for rule in catalogue.MAP_RULES:
            started = time.perf_counter()
            runner.collect(conn, [rule], params, None)
            per_rule.append((rule.id, time.perf_counter() - started))
    n = table.rows
    print(f"{'what':<44} {'seconds':>8} {'parcels/s':>10} {'ratio':>7}")
    print(f"{'baseline: self-join ST_Overlaps (' + str(overlaps) + ' pairs)':<44} {base_s:>8.2f} "
          f"{n / base_s:>10.0f} {1:>7.2f}")
    print(f"{'full map catalogue (' + str(len(result.findings)) + ' findings)':<44} {full_s:>8.2f} "
          f"{n / full_s:>10.0f} {full_s / base_s:>7.2f}")
    for rule_id, seconds in per_rule:
        print(f"{'  rule ' + rule_id:<44} {seconds:>8.2f}")
    print(f"{n} parcels, median of {args.repeat} runs; baseline on the repaired, indexed working copy ({raw_note})")
    print(f"findings per rule: {result.summary}")
    return 0
