"""``landdb export vbdlis [--commune C] --out FILE.xlsx``: the VBDLIS import workbook (domain.md §8).

The pre-import checks run first; any problem stops the export (nothing written), each offending parcel listed on
stderr with its reason, then the one-line error (exit status 2). With ``--hold-back`` the parcels that pass are
written and the others listed (exit status 3, as a partial ``landdb build``). ``--without-certificate`` exports the map
parcels no current certificate claims instead, as dossiers ``CHUACOGIAY_{MA_XA}_{SO_TO}_{SO_THUA}``.
"""

from __future__ import annotations

from pathlib import Path

import typer


def vbdlis(
    out: Path = typer.Option(..., "--out", help="The workbook to write (.xlsx); replaced only when the export passes."),
    commune: str | None = typer.Option(None, "--commune", help="Only this (former) commune's parcels."),
    parcel_class: str | None = typer.Option(
        None, "--parcel-class", help="Column AY, Phân loại thửa đất, required: 'Loại N' as the office classes these "
                                     "parcels (a successful import of parcels without certificate used 'Loại 5')."),
    hold_back: bool = typer.Option(
        False, "--hold-back", help="Write the parcels that pass the checks and list the others (exit status 3) "
                                   "instead of stopping."),
    id_state: str | None = typer.Option(
        None, "--id-state", help="Columns BB/BE: a code of the template's sheet TrangThaiXacThucSoGiayTo (default: "
                                 "left empty)."),
    without_certificate: bool = typer.Option(
        False, "--without-certificate", help="The map parcels no current certificate claims, as dossiers "
                                             "CHUACOGIAY_{MA_XA}_{SO_TO}_{SO_THUA}."),
) -> None:
    """Write the VBDLIS import workbook: one row per holder per certificate parcel, after the pre-import checks."""
    from geo.names import require_commune
    from landdb.db import connect
    from landdb.errors import InputFileError
    from landdb.export import vbdlis as export
    from landdb.export import vbdlis_uncertified
    from landdb.export.vbdlis_workbook import write
    from landdb.settings import get_settings

    if out.suffix.lower() != ".xlsx":
        raise InputFileError(out, "the VBDLIS workbook must be an .xlsx file")
    with connect(get_settings()) as conn:
        commune = require_commune(conn, commune)
        if without_certificate:
            if id_state is not None:
                raise InputFileError(out, "--id-state does not apply with --without-certificate (no ID papers)")
            result = vbdlis_uncertified.build(conn, commune, parcel_class=parcel_class)
        else:
            result = export.build(conn, commune, parcel_class=parcel_class, id_state=id_state)
    for problem in result.problems:
        typer.echo(f"  {problem}", err=True)
    if result.problems and not hold_back:
        raise export.ExportBlocked(result.problems)
    result = result.without_problems()
    if not result.rows:
        where = f" in commune {commune}" if commune else ""
        what = "map parcel without certificate" if without_certificate else "current certificate"
        raise InputFileError(out, f"nothing to export: no {what}{where} that passes the checks")
    for note in result.notes:
        typer.echo(f"note: {note}", err=True)
    write(result.rows, out)
    parcels = len({(r.get("B"), r.get("T"), r.get("U")) for r in result.rows})
    typer.echo(f"{out}: {len(result.rows)} rows (holders) for {parcels} parcels, "
               f"sheet Sheet1 rows 5–{4 + len(result.rows)}")
    if result.problems:
        held = len({p.parcel.split(" ")[0] for p in result.problems})
        typer.echo(f"held back: {held} parcel(s) with {len(result.problems)} problem(s), listed above", err=True)
        raise typer.Exit(3)
