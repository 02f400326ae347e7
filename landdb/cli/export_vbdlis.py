"""``landdb export vbdlis [--commune C] --out FILE.xlsx``: the VBDLIS import workbook (domain.md §8).

The pre-import checks run first; any problem stops the export (nothing written), each offending parcel listed on
stderr with its reason, then the one-line error (exit status 2). With ``--hold-back`` the parcels that pass are
written and the others listed (exit status 3, as a partial ``landdb build``).
"""

from __future__ import annotations

from pathlib import Path

import typer


def vbdlis(
    out: Path = typer.Option(..., "--out", help="The workbook to write (.xlsx); replaced only when the export passes."),
    commune: str | None = typer.Option(None, "--commune", help="Only this (former) commune's parcels."),
    parcel_class: str | None = typer.Option(
        None, "--parcel-class", help="Column AY, Phân loại thửa đất [unconfirmed vocabulary] "
                                     "(default: 'Đã được cấp Giấy chứng nhận')."),
    hold_back: bool = typer.Option(
        False, "--hold-back", help="Write the parcels that pass the checks and list the others (exit status 3) "
                                   "instead of stopping."),
    id_state: str | None = typer.Option(
        None, "--id-state", help="Columns BB/BE, the ID papers' verification state (default: 'Chưa xác thực')."),
) -> None:
    """Write the VBDLIS import workbook: one row per holder per certificate parcel, after the pre-import checks."""
    from geo.names import require_commune
    from landdb.db import connect
    from landdb.errors import InputFileError
    from landdb.export import vbdlis as export
    from landdb.export.vbdlis_workbook import write
    from landdb.settings import get_settings

    if out.suffix.lower() != ".xlsx":
        raise InputFileError(out, "the VBDLIS workbook must be an .xlsx file")
    with connect(get_settings()) as conn:
        commune = require_commune(conn, commune)
        result = export.build(conn, commune, parcel_class=parcel_class or export.DEFAULT_PARCEL_CLASS,
                              id_state=id_state or export.DEFAULT_ID_STATE)
    for problem in result.problems:
        typer.echo(f"  {problem}", err=True)
    if result.problems and not hold_back:
        raise export.ExportBlocked(result.problems)
    result = result.without_problems()
    if not result.rows:
        where = f" in commune {commune}" if commune else ""
        raise InputFileError(out, f"nothing to export: no current certificate{where}")
    write(result.rows, out)
    parcels = len({(r.get("B"), r.get("T"), r.get("U")) for r in result.rows})
    typer.echo(f"{out}: {len(result.rows)} rows (holders) for {parcels} parcels, "
               f"sheet Sheet1 rows 5–{4 + len(result.rows)}")
    if result.problems:
        held = len({p.parcel.split(" ")[0] for p in result.problems})
        typer.echo(f"held back: {held} parcel(s) with {len(result.problems)} problem(s), listed above", err=True)
        raise typer.Exit(3)
