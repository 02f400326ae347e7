"""Vector tiles of the public parcel layer, made by PostGIS (``ST_AsMVT``).

From zoom ``OVERVIEW_MAX_ZOOM + 1`` on a tile holds the parcels themselves (``sql/queries/web/tile.sql``). At
district zoom and below a tile would hold ~30,000 parcels of a dense ward (1 MB, 0.5–1 s at 100,000 parcels, and
two pixels each on the screen), so it holds an overview instead (``sql/queries/web/tile_overview.sql``): the tile
cut into ``OVERVIEW_CELLS`` × ``OVERVIEW_CELLS`` squares, each with the commonest land use of its parcels, their
worst open QA finding and their number. Tiles up to zoom ``tile_cache_max_zoom`` are also cached under
``var/cache/web/tiles/<database>/<version>/`` where the version is the map's data version (a sequence bumped by
every write to parcels or QA findings), so a cached tile is never older than the data it was made from.

>>> check_tile(14, 13047, 7696)
>>> check_tile(3, 8, 0)
Traceback (most recent call last):
...
web.errors.BadRequest: tile 3/8/0 does not exist: x and y run from 0 to 7 at zoom 3
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql as pgsql

from landdb.settings import get_settings
from landdb.sql import query
from web import steps
from web.errors import BadRequest
from web.steps import Steps

MIN_ZOOM = 10   # below this a tile would carry a whole city's parcels: the map asks from here on
OVERVIEW_MAX_ZOOM = 14   # up to here, squares of the overview (a parcel is 2 pixels wide at z14); parcels from z15
OVERVIEW_CELLS = 64      # squares per tile side: 38 m at z14 in southern Việt Nam
# overview_cell (migration 0120) counts parcels per zoom-20 square, grouped by zoom-14 tile: the squares of z14
CELL_ZOOM, CELL_TILE_ZOOM = 20, 14
assert 2 ** (CELL_ZOOM - OVERVIEW_MAX_ZOOM) == OVERVIEW_CELLS and CELL_TILE_ZOOM == OVERVIEW_MAX_ZOOM
MAX_ZOOM = 24
# How a tile's statement runs (web/steps.py): prepared on its first run, so that after five custom plans PostgreSQL
# keeps one generic plan and no longer plans every tile (0.4–0.9 ms a street tile, over 1 ms a district tile on the
# demo). The parcel tile's one parameter-dependent scan is the GiST probe of the tile's envelope, which comes out of
# the `bounds` CTE and is thus unknown to the planner in a custom plan too: its generic plan is its custom plan. The
# overview's generic plan knows no tile's size, so the statement has no join whose method could go wrong (a generic
# plan of its former shape took 0.7–1.4 s at 100k) and no generate_series whose unknown size made it look dear.
# Checked at z12–z18 on the demo and at 100k, with ~4,700 open findings and with none (docs/search.md "Session 7,
# tiles"); below PREPARED_FROM_ZOOM (a tile of 64+ zoom-14 tiles, unmeasured) the overview still runs unprepared,
# its numbers written in as literals (the text psql is sent).
PREPARED_FROM_ZOOM = 12
FINDINGS_BY_IDS_ZOOM = 17   # from here on a street tile finds its parcels' open findings by their ids
# the parcel tile's statement per zoom band, each with its way to the findings: one statement with both behind a
# condition on z kept both in its generic plan, whose cost PostgreSQL then found dearer than a custom plan's on a
# map with findings, and planned every tile anew
_PARCELS = {by_ids: pgsql.SQL(query("web/tile")).format(
    findings=pgsql.SQL(query("web/tile_findings_by_ids" if by_ids else "web/tile_findings_by_tiles"))).as_string(None)
    for by_ids in (False, True)}
_pruned: set[tuple[Path, int]] = set()


def check_tile(z: int, x: int, y: int) -> None:
    if not 0 <= z <= MAX_ZOOM:
        raise BadRequest(f"zoom {z} is outside 0–{MAX_ZOOM}")
    if not (0 <= x < 2 ** z and 0 <= y < 2 ** z):
        raise BadRequest(f"tile {z}/{x}/{y} does not exist: x and y run from 0 to {2 ** z - 1} at zoom {z}")


def cache_root() -> Path:
    return get_settings().var_dir / "cache" / "web" / "tiles"


def parcel_tile(conn: psycopg.Connection, z: int, x: int, y: int, cache_max_zoom: int = -1) -> bytes:
    """The tile's bytes (empty below :data:`MIN_ZOOM`); cached when ``z <= cache_max_zoom``."""
    return steps.run(conn, tile_steps(conn.info, z, x, y, cache_max_zoom))


async def parcel_tile_async(conn: psycopg.AsyncConnection, z: int, x: int, y: int, cache_max_zoom: int = -1) -> bytes:
    """:func:`parcel_tile` on an asyncio connection."""
    return await steps.run_async(conn, tile_steps(conn.info, z, x, y, cache_max_zoom))


def tile_steps(info: psycopg.ConnectionInfo, z: int, x: int, y: int, cache_max_zoom: int) -> Steps:
    """The statements that make (or find in the cache) tile z/x/y (web/steps.py); ``info`` names the database."""
    check_tile(z, x, y)
    if z < MIN_ZOOM:
        return b""
    if z > cache_max_zoom:
        (made,) = yield step(z, x, y)
        return bytes(made["tile"] or b"")
    (row,) = yield query("web/map_version"), {}
    folder = cache_root() / _database_key(info, row["database_oid"])
    version = row["version"]
    path = folder / str(version) / str(z) / str(x) / f"{y}.pbf"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    (made,) = yield step(z, x, y)
    tile = bytes(made["tile"] or b"")
    _store(path, tile)
    _prune(folder, version)
    return tile


def step(z: int, x: int, y: int) -> tuple[str, dict[str, Any], object]:
    """The statement that makes tile z/x/y as a step of web/steps.py: SQL, parameters and how it runs."""
    return *statement(z, x, y), True if z >= PREPARED_FROM_ZOOM else steps.LITERAL


def statement(z: int, x: int, y: int) -> tuple[str, dict[str, Any]]:
    """The SQL and parameters that make tile z/x/y: the overview up to :data:`OVERVIEW_MAX_ZOOM`, parcels above."""
    if z <= OVERVIEW_MAX_ZOOM:
        up = CELL_TILE_ZOOM - z        # zoom levels from the stored squares up to this tile's squares
        tx0, tx1, ty0, ty1 = x << up, ((x + 1) << up) - 1, y << up, ((y + 1) << up) - 1
        return query("web/tile_overview"), {
            "x": x, "y": y, "cells": OVERVIEW_CELLS, "side": 4096 // OVERVIEW_CELLS, "shift": up,
            "tx0": tx0, "tx1": tx1, "ty0": ty0, "ty1": ty1,
            "tiles": [(tx << 32) | ty for tx in range(tx0, tx1 + 1) for ty in range(ty0, ty1 + 1)]}
    return _PARCELS[z >= FINDINGS_BY_IDS_ZOOM], {"z": z, "x": x, "y": y}


def _store(path: Path, tile: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(tile)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _database_key(info: psycopg.ConnectionInfo, oid: int) -> str:
    """One cache folder per database (server, name and OID: several databases may share ``var/``)."""
    import hashlib

    return hashlib.sha256(f"{info.host}|{info.port}|{info.dbname}|{oid}".encode()).hexdigest()[:16]


def _prune(folder: Path, version: int) -> None:
    """Drop the caches of this database's older data versions (once per version and process)."""
    if (folder, version) in _pruned:
        return
    _pruned.add((folder, version))
    for old in folder.iterdir():
        if old.is_dir() and old.name.isdigit() and int(old.name) < version:
            shutil.rmtree(old, ignore_errors=True)
