"""Helpers for the QA tests: run the map rules on a GeoDataFrame or a file through a scratch table."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from landdb.db import connect
from landdb.settings import Settings
from qa import scratch
from qa.runner import RunResult, check_table

# Pinned from the run with the default parameters (k = 0.0004, M = 500, overlaps and gaps > 0.01 m²).
DANPHUONG_EXPECTED = {
    "geometry_invalid": 1171,
    "overlap": 1216,           # 50 pairs of valid parcels + 1,166 invalid parcels (repaired copy) overlapping others
    "gap": 37,                 # 36 slivers narrower than 5 cm + one unmapped area of ≈33,075 m²
    "area_mismatch": 1185,     # 14 valid parcels + the 1,171 invalid ones measured on their repaired copy
    "land_use_code_unknown": 63,   # 2003-era codes: LNQ ×61, TSK ×2
    "missing_attribute": 1,
}


def check_frame(settings: Settings, frame: Any, srid: int, rules: list[str] | None = None, **overrides: Any
                ) -> RunResult:
    with connect(settings, autocommit=True) as conn:
        table = scratch.load_frame(conn, frame, srid)
        try:
            return check_table(conn, table.name, rules, settings=settings, overrides=overrides)
        finally:
            scratch.drop(conn, table)


def check_file(settings: Settings, path: Path, layer: str | None = None, rules: list[str] | None = None,
               **overrides: Any) -> RunResult:
    with connect(settings, autocommit=True) as conn, scratch.scratch_file(conn, path, layer) as table:
        return check_table(conn, table.name, rules, settings=settings, overrides=overrides)


# Parallel plans everywhere: no cost to start workers, no table too small for them.
PARALLEL_OPTIONS = ("-c parallel_setup_cost=0 -c parallel_tuple_cost=0 -c min_parallel_table_scan_size=0 "
                    "-c min_parallel_index_scan_size=0 -c max_parallel_workers_per_gather=2")


def force_parallel_setting(url: str) -> str:
    """The server's switch that runs every query through a Gather (renamed in PostgreSQL 16)."""
    with psycopg.connect(url) as conn:
        version = int(conn.execute("show server_version_num").fetchone()[0])
    return "debug_parallel_query" if version >= 160000 else "force_parallel_mode"


@pytest.fixture(scope="module", params=["serial", "parallel"])
def plans(request: pytest.FixtureRequest, db_settings: Settings) -> Iterator[str]:
    """Run a QA test module twice: as planned, then with parallel plans forced on every connection the
    code under test opens (``PGOPTIONS``, read by libpq), so a function that lies about its parallel
    safety fails a test and not a city-size run."""
    if request.param == "serial":
        yield "serial"
        return
    switch = force_parallel_setting(db_settings.url)
    before = os.environ.get("PGOPTIONS")
    os.environ["PGOPTIONS"] = f"{before or ''} {PARALLEL_OPTIONS} -c {switch}=on".strip()
    try:
        with psycopg.connect(db_settings.url) as conn:
            assert conn.execute(f"show {switch}").fetchone()[0] == "on"
            assert conn.execute("show parallel_setup_cost").fetchone()[0] == "0"
        yield "parallel"
    finally:
        if before is None:
            os.environ.pop("PGOPTIONS", None)
        else:
            os.environ["PGOPTIONS"] = before
