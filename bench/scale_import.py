"""Map import at city scale: ``landdb import-map`` (geo.importer.import_map) of one commune of the synthetic city,
written to a GeoPackage, into the city's database as a new commune, against bare ``ogr2ogr`` of the same file
into a table of the same database; both removed again afterwards."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict

from landdb.settings import Settings
from landdb.sql import query

COMMUNE = "99001"


def _pg(url: str) -> str:
    """The GDAL connection string; the password goes through the environment (:func:`_env`), never argv."""
    info = conninfo_to_dict(url)
    return "PG:" + " ".join(f"{k}={info[k]}" for k in ("host", "port", "dbname", "user") if k in info)


def _env(url: str) -> dict[str, str]:
    return {**os.environ, "PGPASSWORD": str(conninfo_to_dict(url).get("password", ""))}


def _ogr2ogr(url: str, *args: str) -> None:
    done = subprocess.run(["ogr2ogr", *args], env=_env(url), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"ogr2ogr failed: {done.stderr.strip()[-500:]}")


def map_file(url: str, folder: Path) -> Path:
    """The first commune of the city as a GeoPackage (made once per database)."""
    path = folder / f"{conninfo_to_dict(url)['dbname']}_commune.gpkg"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial.gpkg")
        partial.unlink(missing_ok=True)
        statement = " ".join(line for line in query("bench/export_map").splitlines() if not line.startswith("--"))
        _ogr2ogr(url, "-f", "GPKG", str(partial), _pg(url), "-sql", statement, "-nln", "thua_dat",
                 "-a_srs", "EPSG:9210")
        partial.rename(path)
    return path


def _cleanup(url: str) -> None:
    from landdb.db import connect, transaction

    with connect(Settings(database_url=url), autocommit=True) as conn, transaction("bench", conn):
        conn.execute(query("bench/import_cleanup"))


def measure(url: str, folder: Path, runs: int = 3) -> dict:
    from geo.importer import import_map
    from landdb.db import connect

    path = map_file(url, folder)
    ours, ogr, features = [], [], 0
    for _ in range(runs):
        _cleanup(url)
        with connect(Settings(database_url=url)) as conn:
            started = time.perf_counter()
            report = import_map(conn, path, layer="thua_dat", crs="EPSG:9210", commune=COMMUNE, actor="bench")
            conn.commit()
            ours.append(time.perf_counter() - started)
            features = report.features
        started = time.perf_counter()
        _ogr2ogr(url, "-f", "PostgreSQL", _pg(url), str(path), "thua_dat", "-nln", "bench_ogr_import",
                 "-overwrite", "-lco", "GEOMETRY_NAME=geom", "--config", "PG_USE_COPY", "YES")
        ogr.append(time.perf_counter() - started)
    _cleanup(url)
    return {"features": features, "runs": runs, "landdb_s": statistics.median(ours),
            "ogr2ogr_s": statistics.median(ogr), "all_landdb": ours, "all_ogr2ogr": ogr}


def rows(result: dict) -> list[tuple[str, float, float, str]]:
    n = result["features"]
    return [(f"import-map, one commune ({n} parcels, median of {result['runs']})", result["landdb_s"],
             result["ogr2ogr_s"], f"{n / result['landdb_s']:.0f} parcels/s; ogr2ogr {n / result['ogr2ogr_s']:.0f}")]
