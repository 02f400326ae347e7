"""``landdb georef SHEET.tif --gcp gcps.csv --crs EPSG:n [--method affine|poly2|tps] [--out X.tif] [--force-crs]
[--sheet COMMUNE/SHEET]``."""

from __future__ import annotations

from pathlib import Path

import typer

METHODS = ("affine", "poly2", "tps")


def georef(
    sheet: Path = typer.Argument(..., help="Scanned paper map sheet (PNG, TIFF, JPEG …); never overwritten."),
    gcp: Path = typer.Option(..., "--gcp", help="GCP file: pixel_col,pixel_row,easting,northing,id[,checkpoint|role] "
                             "(CSV, or Excel's tab/semicolon text; UTF-8, UTF-16 or Windows-1258)."),
    crs: str = typer.Option(..., "--crs", help="The sheet's VN-2000 zone, e.g. EPSG:9210 (HCMC) or EPSG:5897; "
                            "checked against the GCPs' coordinates."),
    method: str = typer.Option("affine", "--method", help=f"One of: {', '.join(METHODS)}."),
    scale: int | None = typer.Option(None, "--scale", help="Sheet scale denominator (default: settings, 500)."),
    out: Path | None = typer.Option(None, "--out", help="GeoTIFF to write (default: SHEET.georef.tif beside the "
                                    "sheet, refused if it exists)."),
    pixel_origin: str = typer.Option("corner", "--pixel-origin",
                                     help="corner: GCP pixels count from the pixel's corner (GDAL); "
                                          "centre: from the pixel's centre (as sample_scans writes them)."),
    force_crs: bool = typer.Option(False, "--force-crs", help="Keep a CRS the plausibility check refuses."),
    sheet_no: str | None = typer.Option(None, "--sheet", help="COMMUNE/SHEET: record the sheet's frame from the "
                                        "GCPs (their rectangle, when its four corners are GCPs) for QA's "
                                        "sheet_crossing."),
) -> None:
    """Georeference a scanned sheet: residuals, RMS and checkpoint errors against the scale tolerance."""
    from geo.crs import known_srid
    from geo.georef import check_method, default_out, georeference
    from landdb.errors import ValidationError
    from landdb.settings import get_settings

    check_method(method)  # before any file is read
    if scale is not None and scale <= 0:
        raise ValidationError(f"--scale {scale}: give the scale denominator, e.g. 500")
    if sheet_no is not None:
        from geo.reference import sheet_key

        sheet_key(sheet_no)
    srid = known_srid(crs)
    report = georeference(sheet, gcp, srid=srid, method=method, scale=scale or get_settings().default_map_scale,
                          out=out, pixel_origin=pixel_origin, force_crs=force_crs)
    for warning in report.warnings:
        typer.echo(f"landdb: warning: {warning}", err=True)
    for line in report.lines():
        typer.echo(line)
    where = " (beside the sheet: no --out given)" if out is None and report.out == default_out(sheet) else ""
    typer.echo(f"wrote {report.out} (EPSG:{report.srid}){where}")
    if not report.ok:
        raise typer.Exit(1)
    if sheet_no is not None:
        from geo.georef import read_gcps
        from geo.reference import record_georef_frame
        from landdb.db import connect

        points = [(g.easting, g.northing) for g in read_gcps(gcp)]
        with connect() as conn:
            key = record_georef_frame(conn, sheet_no, points, report.srid, f"{sheet.name} ({gcp.name})",
                                      get_settings().who)
        typer.echo(f"sheet {key[0]}/{key[1]}: frame recorded from the GCPs' corners (EPSG:{report.srid})")
