"""``landdb import-map FILE [--layer L] [--crs EPSG:n] [--force-crs] [--commune CODE] [--mapping m.toml]
[--replace-sheets] [--dry-run]``."""

from __future__ import annotations

from pathlib import Path

import typer


def import_map(
    file: Path = typer.Argument(..., help="GeoPackage, Shapefile (any of its files), GML (INSPIRE CadastralParcel), "
                                "DGN …"),
    layer: str | None = typer.Option(None, "--layer", help="Layer to import (needed when the file has several)."),
    crs: str | None = typer.Option(None, "--crs", help="The file's real CRS, e.g. EPSG:5897, when its label is "
                                   "wrong or missing (labels only; nothing is reprojected). Checked against the "
                                   "coordinates like the file's own label."),
    force_crs: bool = typer.Option(False, "--force-crs", help="Keep a CRS the plausibility check refuses (recorded "
                                   "with a warning on the import)."),
    commune: str | None = typer.Option(None, "--commune", help="Commune code (former commune) of the parcels."),
    mapping: Path | None = typer.Option(None, "--mapping", help="mapping.toml: columns, constants, encoding."),
    scale: int | None = typer.Option(None, "--scale", help="Scale denominator of the sheets (e.g. 500)."),
    replace_sheets: bool = typer.Option(False, "--replace-sheets", help="The file's sheets replace those in the "
                                        "database: map parcels of those sheets that the file lacks are deleted."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print what the import would change; write nothing."),
) -> None:
    """Import a cadastral map layer into the parcel table (one transaction). Adds and updates parcels; deletes
    only with --replace-sheets; an import that changes nothing writes nothing."""
    from geo.importer import import_map as run
    from landdb.db import connect
    from landdb.errors import ValidationError
    from landdb.settings import get_settings

    if scale is not None and scale <= 0:
        raise ValidationError(f"--scale {scale}: give the scale denominator, e.g. 500")
    settings = get_settings()
    with connect(settings) as conn:
        report = run(conn, file, layer=layer, crs=crs, commune=commune, mapping=mapping, actor=settings.who,
                     scale=scale, replace_sheets=replace_sheets, dry_run=dry_run, force_crs=force_crs)
    for warning in report.warnings:
        typer.echo(f"landdb: warning: {warning}", err=True)
    typer.echo(report.summary())
    for line in report.details():
        typer.echo(f"  {line}")
    for reason, n in sorted(report.skipped.items()):
        typer.echo(f"  skipped {n}: {reason}")
    for note in report.notes:
        typer.echo(f"  note: {note}")
