"""``landdb national-code assign [--commune C]``: give every parcel with a geometry and no national parcel code its
code (domain.md §4) — parcels loaded before migration 0080 or written other than by a map import (which sets them
itself)."""

from __future__ import annotations

import typer

app = typer.Typer(help="The national parcel code (12-character GeoHash, domain.md §4).", no_args_is_help=True)


@app.command("assign")
def assign(commune: str | None = typer.Option(None, "--commune", help="Only this (former) commune's parcels.")) -> None:
    """Compute the missing codes (existing codes are never changed)."""
    from geo.names import require_commune
    from geo.national_code import POLYLABEL_TOLERANCE_M, assign_codes
    from landdb.db import connect, transaction
    from landdb.settings import get_settings

    settings = get_settings()
    with connect(settings) as conn, transaction(settings.who, conn):
        commune = require_commune(conn, commune)
        n = assign_codes(conn, [commune] if commune else None)
    typer.echo(f"{n} parcels got a national code (polylabel tolerance {POLYLABEL_TOLERANCE_M} m)")
