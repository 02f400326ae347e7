"""``landdb db start|stop|status|url|migrate``: the project's own PostGIS cluster and its schema."""

from __future__ import annotations

import typer

from landdb.settings import get_settings

app = typer.Typer(help="Manage the project's own PostgreSQL + PostGIS cluster and its schema.",
                  no_args_is_help=True)


@app.command()
def start() -> None:
    """Create the cluster under var/pg on first use and start it (idempotent)."""
    from landdb import cluster

    settings = get_settings()
    if not settings.uses_own_cluster:
        typer.echo(f"LANDDB_DATABASE_URL is set: using {settings.safe_url}; nothing to start")
        return
    cluster.start(settings)
    typer.echo(f"cluster up on 127.0.0.1:{settings.pg_port} (data {settings.pg_dir})")


@app.command()
def stop() -> None:
    """Stop the project's cluster."""
    from landdb import cluster

    was = cluster.stop(get_settings())
    typer.echo("cluster stopped" if was else "cluster was not running")


@app.command()
def status() -> None:
    """Is the database up? Port, PostgreSQL and PostGIS versions, extensions."""
    from landdb import cluster

    st = cluster.status(get_settings())
    if not st.running:
        typer.echo(f"down: {st.url} (port {st.port}); start it with `landdb db start`")
        raise typer.Exit(1)
    where = "project cluster" if st.own_cluster else "external server"
    typer.echo(f"up: {where} on port {st.port}")
    typer.echo(f"PostgreSQL {st.server_version}, PostGIS {st.postgis_version}")
    typer.echo("extensions: " + ", ".join(st.extensions))


@app.command()
def url() -> None:
    """Print the database URL (for psql, QGIS, scripts)."""
    typer.echo(get_settings().url)


@app.command()
def migrate() -> None:
    """Apply pending schema migrations from sql/migrations (re-running changes nothing)."""
    from landdb.migrations import migrate as run_migrations

    result = run_migrations(get_settings())
    if result.applied:
        typer.echo("applied: " + ", ".join(result.applied))
    else:
        typer.echo(f"schema up to date ({len(result.already)} migrations applied before)")
