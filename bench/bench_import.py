"""Cadastral map import: landdb import-map (pyogrio + binary COPY + set-based SQL) vs plain ogr2ogr.

Both load the Đan Phượng map (6,910 parcels, ../shared/realdata) into the same scratch database on the
project's cluster; figures are medians of N runs; ratio = landdb time / ogr2ogr time. ogr2ogr only copies
the layer into a table (PG_USE_COPY); landdb also checks the CRS, hashes, judges GEOS validity, maps and
normalizes attributes, versions sheets and fills the WGS 84 copy.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row

from bench.scratch import drop_database, fresh_database
from landdb.settings import PROJECT_ROOT, Settings

MAP = PROJECT_ROOT.parent / "shared" / "realdata" / "cadastre-danphuong" / "parcels.gpkg"
RUNS = 3
DB = "landdb_bench_import"


def main(argv: list[str]) -> int:
    if not MAP.exists():
        print(f"missing {MAP}; nothing measured")
        return 1
    from geo.importer import import_map

    base = Settings()
    url = fresh_database(base, DB)
    try:
        info = conninfo_to_dict(url)
        pg = " ".join(f"{k}={info[k]}" for k in ("host", "port", "dbname", "user", "password") if k in info)
        ours, ogr, features = [], [], 0
        for i in range(RUNS):
            with psycopg.connect(url, row_factory=dict_row) as conn:
                started = time.perf_counter()
                report = import_map(conn, MAP, layer="thua_dat", commune=f"BENCH{i}", actor="bench")
                ours.append(time.perf_counter() - started)
                features = report.features
            started = time.perf_counter()
            subprocess.run(["ogr2ogr", "-f", "PostgreSQL", f"PG:{pg}", str(MAP), "thua_dat", "-nln", f"ogr_run_{i}",
                            "-overwrite", "-lco", "GEOMETRY_NAME=geom", "--config", "PG_USE_COPY", "YES"],
                           check=True, capture_output=True)
            ogr.append(time.perf_counter() - started)
        m_ours, m_ogr = statistics.median(ours), statistics.median(ogr)
        print(f"{'method':<34}{'median s':>10}{'parcels/s':>12}{'runs (s)':>30}")
        rows = (("landdb import-map (COPY + SQL)", ours, m_ours), ("ogr2ogr -f PostgreSQL", ogr, m_ogr))
        for name, times, med in rows:
            print(f"{name:<34}{med:>10.2f}{features / med:>12.0f}{'  '.join(f'{t:.2f}' for t in times):>30}")
        print(f"ratio landdb / ogr2ogr: {m_ours / m_ogr:.2f} ({features} parcels, {RUNS} runs, same database)")
    finally:
        drop_database(base, DB)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
