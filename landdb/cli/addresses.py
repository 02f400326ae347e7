"""``landdb addresses resolve | boundaries``: relate printed addresses to today's administrative units."""

from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer(help="Old and new addresses: relate each printed address to today's unit (after 1 Jul 2025).",
                  no_args_is_help=True)


@app.command("resolve")
def resolve(
    commune: str | None = typer.Option(None, "--commune", help="Only this (former) commune's parcels."),
) -> None:
    """Relate every printed address to today's unit; divided wards are decided by the parcel's geometry or left
    for a reviewer."""
    from geo.names import require_commune
    from landdb import addresses
    from landdb.addresses_resolve import resolve_addresses
    from landdb.db import connect
    from landdb.settings import get_settings

    with connect(get_settings()) as conn:
        counts = resolve_addresses(conn, require_commune(conn, commune))
    typer.echo(f"{sum(counts.values())} addresses: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    typer.echo(f"mapping: {addresses.source()}")


@app.command("boundaries")
def boundaries(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="Vector file of today's units."),
    code_column: str = typer.Option(..., "--code-column", help="Column holding the unit code (mã ĐVHC)."),
    name_column: str = typer.Option(..., "--name-column", help="Column holding the unit name."),
    layer: str | None = typer.Option(None, "--layer"),
) -> None:
    """Load today's units' boundaries (they decide the new unit of a parcel in a divided ward)."""
    from landdb.addresses_resolve import load_boundaries
    from landdb.db import connect
    from landdb.settings import get_settings

    with connect(get_settings()) as conn:
        n = load_boundaries(conn, path, code_column=code_column, name_column=name_column, layer=layer)
    typer.echo(f"{path}: {n} boundaries loaded; run `landdb addresses resolve` again")
