"""``landdb users add | list | disable | token | tokens | revoke``: accounts of the web app (``landdb serve``)."""

from __future__ import annotations

import sys

import typer

from landdb.settings import get_settings

app = typer.Typer(help="Accounts of the web app: officers, reviewers, admins; their API tokens.",
                  no_args_is_help=True)


def _read_password() -> str:
    if sys.stdin.isatty():
        return typer.prompt("password", hide_input=True, confirmation_prompt=True)
    line = sys.stdin.readline()
    if not line:
        from landdb.errors import ValidationError

        raise ValidationError("no password on stdin (give it as the first line, or run in a terminal)")
    return line.rstrip("\r\n")


@app.command()
def add(name: str = typer.Argument(..., help="User name (a-z, 0-9, . _ -)."),
        role: str = typer.Option(..., "--role", help="officer | reviewer | admin.")) -> None:
    """Create an account; the password is asked for (or read from the first line of stdin when piped)."""
    from landdb.db import transaction
    from web.accounts import add_user

    password = _read_password()
    settings = get_settings()
    with transaction(f"cli:{settings.who}") as conn:
        row = add_user(conn, name, role, password, created_by=settings.who)
    typer.echo(f"user {row['username']} ({row['role']}) created")


@app.command("list")
def list_(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Every account with its role, state, live tokens and sessions."""
    import json

    from landdb.db import connect
    from web.accounts import list_users

    with connect(get_settings()) as conn:
        rows = list_users(conn)
    if as_json:
        typer.echo(json.dumps(rows, default=str, ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo("no users yet: landdb users add NAME --role officer|reviewer|admin")
        return
    typer.echo(f"{'user':20}  {'role':8}  {'state':8}  {'tokens':>6}  {'sessions':>8}  last log-in")
    for r in rows:
        last = f"{r['last_login_at']:%Y-%m-%d %H:%M}" if r["last_login_at"] else "never"
        state = "disabled" if r["disabled"] else "active"
        typer.echo(f"{r['username']:20}  {r['role']:8}  {state:8}  {r['tokens']:>6}  {r['sessions']:>8}  {last}")


@app.command()
def disable(name: str = typer.Argument(..., help="User name.")) -> None:
    """Disable an account: its sessions end and its API tokens stop working at once."""
    from landdb.db import transaction
    from web.accounts import disable_user

    with transaction(f"cli:{get_settings().who}") as conn:
        disable_user(conn, name)
    typer.echo(f"user {name} disabled; its sessions and tokens no longer work")


@app.command()
def token(name: str = typer.Argument(..., help="User name."),
          label: str = typer.Option(None, "--label", help="What the token is for (e.g. 'QGIS on PC-12').")) -> None:
    """Print a new personal API token (Authorization: Bearer …); only its hash is kept."""
    from landdb.db import transaction
    from web.accounts import new_token

    with transaction(f"cli:{get_settings().who}") as conn:
        secret = new_token(conn, name, label)
    typer.echo(secret)


@app.command()
def tokens(name: str = typer.Argument(..., help="User name.")) -> None:
    """A user's tokens (prefix, label, created, last used, revoked)."""
    from landdb.db import connect
    from web.accounts import list_tokens

    with connect(get_settings()) as conn:
        rows = list_tokens(conn, name)
    for r in rows:
        used = f"{r['last_used_at']:%Y-%m-%d %H:%M}" if r["last_used_at"] else "never used"
        state = f"revoked {r['revoked_at']:%Y-%m-%d}" if r["revoked_at"] else "live"
        typer.echo(f"{r['prefix']}…  {state:18}  {used:16}  {r['label'] or ''}")


@app.command()
def revoke(name: str = typer.Argument(..., help="User name."),
           prefix: str = typer.Argument(..., help="The token's first characters, as `landdb users tokens` shows.")
           ) -> None:
    """Revoke one API token."""
    from landdb.db import transaction
    from web.accounts import revoke_token

    with transaction(f"cli:{get_settings().who}") as conn:
        revoke_token(conn, name, prefix.rstrip("…"))
    typer.echo("token revoked")
