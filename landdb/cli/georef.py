"""``landdb georef SHEET.png --gcp gcps.csv [--method affine|poly2|tps] [--out X.tif]``."""

from __future__ import annotations

from pathlib import Path

import typer


def georef(
    sheet: Path = typer.Argument(..., help="Scanned paper map sheet (PNG, TIFF, JPEG …)."),
    gcp: Path = typer.Option(..., "--gcp", help="CSV: pixel_col,pixel_row,easting,northing,id[,checkpoint]."),
    crs: str = typer.Option(..., "--crs", help="The sheet's VN-2000 zone, e.g. EPSG:9210 (HCMC) or EPSG:5897."),
    method: str = typer.Option("affine", "--method", help="affine | poly2 | tps"),
    scale: int | None = typer.Option(None, "--scale", help="Sheet scale denominator (default: settings, 500)."),
    out: Path | None = typer.Option(None, "--out", help="GeoTIFF to write (default: SHEET with .tif)."),
    pixel_origin: str = typer.Option("corner", "--pixel-origin",
                                     help="corner: GCP pixels count from the pixel's corner (GDAL); "
                                          "centre: from the pixel's centre (as sample_scans writes them)."),
) -> None:
    """Georeference a scanned sheet: residuals, RMS and checkpoint errors against the scale tolerance."""
    from geo.crs import parse_srid
    from geo.georef import georeference
    from landdb.settings import get_settings

    report = georeference(sheet, gcp, srid=parse_srid(crs), method=method,
                          scale=scale or get_settings().default_map_scale, out=out,
                          pixel_origin=pixel_origin)
    for line in report.lines():
        typer.echo(line)
    typer.echo(f"wrote {report.out} (EPSG:{report.srid})")
    if not report.ok:
        raise typer.Exit(1)
