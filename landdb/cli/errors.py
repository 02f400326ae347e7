"""Turns every error into one clear line on stderr and an exit status, at the CLI boundary.

The traceback goes to ``var/log/errors.log`` always, and to the terminal only with ``--debug`` (or
``LANDDB_DEBUG=1``). Passwords never reach either: messages are redacted first.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from pathlib import Path

import click
import typer

try:  # typer ≥ 0.20 carries its own copy of click
    from typer._click import exceptions as _typer_click
except ImportError:  # pragma: no cover - older typer uses click itself
    _typer_click = click.exceptions

from landdb.errors import ConfigError, LanddbError

EXIT_FAILURE = 1
EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 130


def debug_requested(argv: list[str]) -> bool:
    return "--debug" in argv or os.environ.get("LANDDB_DEBUG", "").lower() in ("1", "true", "yes", "on")


def one_line(text: str) -> str:
    """A message on one line (libraries put details on further lines).

    >>> one_line("relation \\"x\\" does not exist\\nLINE 1: select * from x\\n   ^")
    'relation "x" does not exist — LINE 1: select * from x — ^'
    """
    parts = [p.strip() for p in str(text).splitlines() if p.strip()]
    return " — ".join(parts)


def _passwords() -> list[str]:
    """The passwords a message could carry (the app's; the superuser's file), found without failing."""
    found = []
    try:
        from landdb.settings import get_settings

        settings = get_settings()
        found.append(settings.password)
        admin = settings.var_dir / "secrets" / "admin.password"
        if admin.is_file():
            found.append(admin.read_text(encoding="ascii").strip())
    except Exception:  # noqa: BLE001 - the settings may be what is broken; redact what we can
        pass
    return [p for p in found if p]


def _redact(text: str) -> str:
    from landdb.secrets import redact
    from landdb.settings import redact_url

    return redact_url(redact(text, *_passwords()))


def _log_dir() -> Path:
    try:
        from landdb.settings import get_settings

        return get_settings().var_dir / "log"
    except Exception:  # noqa: BLE001
        from landdb.settings import PROJECT_ROOT

        return PROJECT_ROOT / "var" / "log"


def log_traceback(exc: BaseException) -> Path | None:
    """Append the traceback (redacted) to var/log/errors.log; its path, or None if it cannot be written."""
    text = "".join(traceback.format_exception(exc))
    try:
        folder = _log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "errors.log"
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"--- {dt.datetime.now(dt.UTC).isoformat()} landdb {' '.join(sys.argv[1:])}\n")
            log.write(_redact(text))
        return path
    except OSError:
        return None


def _fail(message: str, status: int, exc: BaseException | None, debug: bool) -> None:
    if exc is not None:
        logged = log_traceback(exc)
        if debug:
            typer.echo(_redact("".join(traceback.format_exception(exc))), err=True)
        elif logged is not None and not isinstance(exc, LanddbError):
            message += f" (traceback: {logged}; or run with --debug)"
    typer.echo(f"landdb: error: {one_line(_redact(message))}", err=True)
    sys.exit(status)


def run_app(app: typer.Typer) -> None:
    """Run the CLI; any error ends as one line on stderr and a non-zero status."""
    argv = sys.argv[1:]
    debug = debug_requested(argv)
    command = typer.main.get_command(app)
    try:
        status = command.main(args=argv, prog_name="landdb", standalone_mode=False)
    except (click.exceptions.Exit, typer.Exit) as exc:
        status = exc.exit_code
    except (click.UsageError, _typer_click.UsageError) as exc:
        where = f"{exc.ctx.command_path}: " if exc.ctx is not None else ""
        hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx is not None else ""
        _fail(f"{where}{exc.format_message()}{hint}", EXIT_USER_ERROR, None, debug)
    except (click.ClickException, _typer_click.ClickException) as exc:
        _fail(exc.format_message(), EXIT_USER_ERROR, None, debug)
    except (click.exceptions.Abort, typer.Abort, KeyboardInterrupt):
        typer.echo("landdb: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except LanddbError as exc:
        user_error = exc.http_status < 500 or isinstance(exc, ConfigError)
        _fail(str(exc), EXIT_USER_ERROR if user_error else EXIT_FAILURE, exc, debug)
    except OSError as exc:  # a path that cannot be read or written: name it
        name = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        _fail(f"{name}{exc.strerror or exc}", EXIT_USER_ERROR, exc, debug)
    except Exception as exc:  # noqa: BLE001 - the boundary: whatever a library raised becomes one line
        _fail(f"{type(exc).__name__}: {exc}", EXIT_FAILURE, exc, debug)
    if status == EXIT_INTERRUPTED:  # typer's click turns Ctrl-C / SIGTERM into this status without raising
        typer.echo("landdb: interrupted", err=True)
    sys.exit(status if isinstance(status, int) else 0)
