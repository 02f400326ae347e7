"""``landdb export …``: the land database in other systems' formats (one module per format)."""

from __future__ import annotations

import typer

from landdb.cli import export_vbdlis

app = typer.Typer(help="Export the land database: the VBDLIS import workbook.", no_args_is_help=True)
app.command("vbdlis")(export_vbdlis.vbdlis)
