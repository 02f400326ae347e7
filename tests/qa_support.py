"""Helpers for the QA tests: run the map rules on a GeoDataFrame or a file through a scratch table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from landdb.db import connect
from landdb.settings import Settings
from qa import scratch
from qa.runner import RunResult, check_table


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
