"""``landdb export parcels``: a search result, a box or one parcel as GeoPackage, GeoJSON, CSV, Shapefile or DXF
(the same code as the web app's ``GET /api/export``, ``web/exports.py``)."""

from __future__ import annotations

from pathlib import Path

import typer

from landdb.cli import export_vbdlis
from landdb.settings import get_settings

app = typer.Typer(help="Hand parcels on to GIS and CAD tools, and the land database to VBDLIS.", no_args_is_help=True)


@app.command("parcels")
def parcels(
    out: Path = typer.Option(..., "--out", "-o", help="The file to write (a Shapefile is a .zip)."),
    q: str | None = typer.Option(None, "--q", help="Search text: a key (2/210), an owner, an address, a serial."),
    bbox: str | None = typer.Option(None, "--bbox", help="minlon,minlat,maxlon,maxlat (WGS 84 degrees)."),
    parcel: int | None = typer.Option(None, "--parcel", help="One parcel id."),
    commune: str | None = typer.Option(None, "--commune", help="Only this commune (code)."),
    fmt: str = typer.Option("gpkg", "--format", "-f", help="gpkg | geojson | csv | shp | dxf"),
    crs: str | None = typer.Option(None, "--crs", help="native (the VN-2000 zone; default) or 4326 "
                                                        "(default for geojson)."),
    personal: bool = typer.Option(False, "--personal", help="Include owners and ID numbers."),
) -> None:
    """Write the parcels found to OUT; prints how many and in which CRS."""
    from landdb.db import connect
    from web import exports

    crs = crs or ("4326" if fmt == "geojson" else "native")
    if fmt not in exports.FORMATS:
        raise exports.BadRequest(f"--format must be one of {', '.join(exports.FORMATS)}, not {fmt!r}")
    if not out.parent.is_dir():
        raise exports.BadRequest(f"{out}: the folder {out.parent} does not exist")
    with connect(get_settings()) as conn:
        ids = exports.select_ids(conn, q=q, bbox=bbox, parcel=parcel, commune=commune)
        export = exports.load(conn, ids, crs=crs, personal=personal)
        data = exports.render(export, fmt)
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise exports.BadRequest(f"{out}: cannot write the export ({exc.strerror or exc})") from exc
    typer.echo(f"{out}: {len(export.rows)} parcels, {fmt}, {export.crs_name}")


app.command("vbdlis")(export_vbdlis.vbdlis)
