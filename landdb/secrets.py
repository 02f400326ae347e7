"""Generated passwords of the project's own cluster, kept in ``var/secrets/`` (mode 0600, folder 0700).

Each is made once, atomically (two processes starting at once read the same one), and never printed:
only ``landdb db url`` shows the application's, because that is its job.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

APP = "app.password"
ADMIN = "admin.password"
REPLICATION = "replication.password"


def secrets_dir(var_dir: Path) -> Path:
    path = var_dir / "secrets"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def read_or_create(var_dir: Path, name: str) -> str:
    """The password stored as ``var/secrets/<name>``; generated on first use."""
    path = secrets_dir(var_dir) / name
    if not path.exists():
        tmp = path.with_name(f".{name}.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_urlsafe(24))
        try:
            os.link(tmp, path)  # fails if another process won the race: then theirs is the password
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    os.chmod(path, 0o600)
    return path.read_text(encoding="ascii").strip()


def redact(text: str, *passwords: str | None) -> str:
    """``text`` with every given password replaced by ``***`` (for messages and logs).

    >>> redact("postgresql://landdb:s3cret@127.0.0.1/landdb failed", "s3cret")
    'postgresql://landdb:***@127.0.0.1/landdb failed'
    """
    for password in passwords:
        if password:
            text = text.replace(password, "***")
    return text
