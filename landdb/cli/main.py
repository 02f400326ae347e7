"""The root ``landdb`` command: defines the app and registers each command group.

Command modules keep their heavy imports inside the command functions so that
``landdb --help`` stays fast.
"""

from __future__ import annotations

import typer

from landdb import __version__
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
) -> None:
    """landdb: OCR land certificates, import cadastral maps into PostGIS, run QA."""


app.add_typer(db_commands.app, name="db")
app.command("extract")(__import__("landdb.cli.extract", fromlist=["_"]).extract)
app.command("import-map")(__import__("landdb.cli.import_map", fromlist=["_"]).import_map)
app.command("link")(__import__("landdb.cli.link", fromlist=["_"]).link)
app.command("georef")(__import__("landdb.cli.georef", fromlist=["_"]).georef)
app.add_typer(__import__("landdb.cli.qa", fromlist=["_"]).app, name="qa")
app.command("build")(__import__("landdb.cli.build", fromlist=["_"]).build)
app.command("demo")(__import__("landdb.cli.build", fromlist=["_"]).demo)
app.command("stats")(__import__("landdb.cli.stats", fromlist=["_"]).stats)
app.add_typer(__import__("landdb.cli.runs", fromlist=["_"]).app, name="runs")


def main() -> None:
    run_app(app)


if __name__ == "__main__":
    main()
