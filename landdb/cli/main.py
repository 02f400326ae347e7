"""The root ``landdb`` command: defines the app and registers each command group.

Command modules keep their heavy imports inside the command functions so that
``landdb --help`` stays fast.
"""

from __future__ import annotations

import os

import typer

from landdb import __version__
from landdb.cli import (
    addresses,
    build,
    export,
    extract,
    georef,
    import_map,
    link,
    national_code,
    qa,
    runs,
    serve,
    stats,
    users,
)
from landdb.cli import db as db_commands
from landdb.cli.errors import run_app

app = typer.Typer(
    name="landdb",
    help="Turn paper land records (GCN scans, cadastral maps) into a clean, queryable land database.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"landdb {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
    debug: bool = typer.Option(False, "--debug", help="Show the full traceback of an error (also LANDDB_DEBUG=1)."),
) -> None:
    """landdb: OCR land certificates, import cadastral maps into PostGIS, run QA.

    Errors are one line on stderr with a non-zero status; their tracebacks go to var/log/errors.log."""
    if debug:
        os.environ["LANDDB_DEBUG"] = "1"


app.add_typer(db_commands.app, name="db")
app.command("extract")(extract.extract)
app.command("build")(build.build)
app.command("demo")(build.demo)
app.command("import-map")(import_map.import_map)
app.command("georef")(georef.georef)
app.command("link")(link.link)
app.add_typer(addresses.app, name="addresses")
app.add_typer(national_code.app, name="national-code")
app.add_typer(qa.app, name="qa")
app.command("stats")(stats.stats)
app.add_typer(runs.app, name="runs")
app.add_typer(users.app, name="users")
app.add_typer(export.app, name="export")
app.command("serve")(serve.serve)

def main() -> None:
    run_app(app)


if __name__ == "__main__":
    main()
