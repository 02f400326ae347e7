"""``landdb link [--commune C]``: link certificate parcels to map parcels (key and geometry)."""

from __future__ import annotations

import typer


def link(
    commune: str | None = typer.Option(None, "--commune", help="Only this (former) commune's certificates."),
    scale: int | None = typer.Option(None, "--scale", help="Scale when a sheet does not say (default: settings)."),
) -> None:
    """Link each certificate parcel to its map parcel: matched / ambiguous / not_on_map / shape_disagrees."""
    from geo.link import link_certificates
    from landdb.db import connect
    from landdb.settings import get_settings

    settings = get_settings()
    with connect(settings) as conn:
        summary = link_certificates(conn, commune=commune, default_scale=scale, actor=settings.who)
    total = sum(summary.counts.values())
    typer.echo(f"{total} certificate parcels: " + ", ".join(f"{n} {k}" for k, n in sorted(summary.counts.items())))
    for cp_id, result in sorted(summary.results.items()):
        if result.status != "matched":
            typer.echo(f"  certificate_parcel {cp_id}: {result.status} {result.measures}")
