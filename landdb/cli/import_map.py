"""``landdb import-map FILE [--layer L] [--crs EPSG:n] [--commune CODE] [--mapping mapping.toml]``."""

from __future__ import annotations

from pathlib import Path

import typer


def import_map(
    file: Path = typer.Argument(..., help="GeoPackage, Shapefile, GML (INSPIRE CadastralParcel), DGN …"),
    layer: str | None = typer.Option(None, "--layer", help="Layer to import (needed when the file has several)."),
    crs: str | None = typer.Option(None, "--crs", help="The file's real CRS, e.g. EPSG:5897, when its label is "
                                   "wrong or missing (labels only; nothing is reprojected)."),
    commune: str | None = typer.Option(None, "--commune", help="Commune code (former commune) of the parcels."),
    mapping: Path | None = typer.Option(None, "--mapping", help="mapping.toml: columns, constants, encoding."),
    scale: int | None = typer.Option(None, "--scale", help="Scale denominator of the sheets (e.g. 500)."),
) -> None:
    """Import a cadastral map layer into the parcel table (one transaction; re-running changes nothing)."""
    from geo.importer import import_map as run
    from landdb.db import connect
    from landdb.settings import get_settings

    settings = get_settings()
    with connect(settings) as conn:
        report = run(conn, file, layer=layer, crs=crs, commune=commune, mapping=mapping, actor=settings.who,
                     scale=scale)
    typer.echo(report.summary())
    for reason, n in sorted(report.skipped.items()):
        typer.echo(f"  skipped {n}: {reason}")
    for note in report.notes:
        typer.echo(f"  note: {note}")
