"""Vector tiles of the public parcel layer, made by PostGIS (``ST_AsMVT``, ``sql/queries/web/tile.sql``).

>>> check_tile(14, 13047, 7696)
>>> check_tile(3, 8, 0)
Traceback (most recent call last):
...
web.errors.BadRequest: tile 3/8/0 does not exist: x and y run from 0 to 7 at zoom 3
"""

from __future__ import annotations

import psycopg

from landdb.sql import query
from web.errors import BadRequest

MIN_ZOOM = 10   # below this a tile would carry a whole city's parcels: the map asks from here on
MAX_ZOOM = 24


def check_tile(z: int, x: int, y: int) -> None:
    if not 0 <= z <= MAX_ZOOM:
        raise BadRequest(f"zoom {z} is outside 0–{MAX_ZOOM}")
    if not (0 <= x < 2 ** z and 0 <= y < 2 ** z):
        raise BadRequest(f"tile {z}/{x}/{y} does not exist: x and y run from 0 to {2 ** z - 1} at zoom {z}")


def parcel_tile(conn: psycopg.Connection, z: int, x: int, y: int) -> bytes:
    """The tile's bytes (empty below :data:`MIN_ZOOM`)."""
    check_tile(z, x, y)
    if z < MIN_ZOOM:
        return b""
    row = conn.execute(query("web/tile"), {"z": z, "x": x, "y": y}).fetchone()
    return bytes(row["tile"] or b"")
