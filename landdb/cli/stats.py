"""``landdb stats [--json]``: what the land database holds, for a team lead or a script."""

from __future__ import annotations

import json

import typer

from landdb.settings import get_settings


def stats(as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts.")) -> None:
    """Documents by status, certificates, parcels, parties, rights, flagged fields, QA findings."""
    from flows.stats import database_stats

    data = database_stats(get_settings())
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    for key, value in data.items():
        if isinstance(value, dict):
            typer.echo(f"{key}:")
            for sub, n in value.items():
                typer.echo(f"  {sub}: {n}")
        else:
            typer.echo(f"{key}: {value}")
