"""``landdb serve [--host 127.0.0.1] [--port 8080]``: the web app for land officers (search, map, parcels)."""

from __future__ import annotations

import typer


def serve(host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
          port: int = typer.Option(8080, "--port", help="Port to listen on."),
          workers: int = typer.Option(1, "--workers", help="Server processes.")) -> None:
    """Serve the web app (log in with an account made by `landdb users add`)."""
    import uvicorn

    from landdb.settings import get_settings

    typer.echo(f"landdb web app on http://{host}:{port}/ (database {get_settings().url.rsplit('@', 1)[-1]})")
    uvicorn.run("web.app:create_app", factory=True, host=host, port=port, workers=workers,
                proxy_headers=False, log_level="info")
