"""``landdb import-map FILE [--layer L] [--kind parcels|sheet-frames|features] [--crs EPSG:n] [--force-crs]
[--commune CODE] [--mapping m.toml] [--replace-sheets] [--dry-run]``."""

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
    kind: str = typer.Option("parcels", "--kind", help="What the layer holds: parcels; sheet-frames (the frame of "
                             "each sheet, by its sheet number); features (roads and water, by land-use code)."),
) -> None:
    """Import a cadastral map layer into the parcel table (one transaction). Adds and updates parcels; deletes
    only with --replace-sheets; an import that changes nothing writes nothing."""
    from geo.importer import import_map as run
    from landdb.db import connect
    from landdb.errors import ValidationError
    from landdb.settings import get_settings

    if scale is not None and scale <= 0:
        raise ValidationError(f"--scale {scale}: give the scale denominator, e.g. 500")
    if kind != "parcels":
        _reference(file, kind, layer, crs, force_crs, commune, mapping, scale, replace_sheets, dry_run)
        return
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


def _reference(file: Path, kind: str, layer, crs, force_crs, commune, mapping, scale, replace_sheets, dry_run) -> None:
    from geo.reference import KINDS, import_reference
    from landdb.db import connect
    from landdb.errors import ValidationError
    from landdb.settings import get_settings
    from qa.params import QaSettings

    if kind not in KINDS:
        raise ValidationError(f"--kind {kind!r}: one of {', '.join(KINDS)}")
    if replace_sheets:
        raise ValidationError(f"--replace-sheets is for parcels; a {kind} layer replaces what it gave before")
    settings = get_settings()
    with connect(settings) as conn:
        report = import_reference(conn, file, kind, layer=layer, crs=crs, commune=commune, mapping=mapping,
                                  scale=scale, force_crs=force_crs, actor=settings.who, dry_run=dry_run,
                                  land_uses=QaSettings().road_water_land_uses)
    for warning in report.warnings:
        typer.echo(f"landdb: warning: {warning}", err=True)
    typer.echo(report.summary())
    for reason, n in sorted(report.skipped.items()):
        typer.echo(f"  skipped {n}: {reason}")
