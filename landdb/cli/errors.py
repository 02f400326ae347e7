"""Turns landdb's errors into one clear line on stderr and an exit status, at the CLI boundary."""

from __future__ import annotations

import sys

import typer

from landdb.errors import LanddbError

EXIT_USER_ERROR = 2
EXIT_FAILURE = 1


def run_app(app: typer.Typer) -> None:
    try:
        app(standalone_mode=True)
    except LanddbError as exc:
        typer.echo(f"landdb: error: {exc}", err=True)
        sys.exit(EXIT_USER_ERROR if exc.http_status < 500 else EXIT_FAILURE)
