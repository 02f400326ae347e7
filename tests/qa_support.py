"""Helpers for the QA tests: run the map rules on a GeoDataFrame or a file through a scratch table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
