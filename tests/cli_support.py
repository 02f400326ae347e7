"""Running the landdb command as a user does, for tests: a subprocess, and the one-line error it must give."""

from __future__ import annotations

import os
import subprocess
import sys


def landdb(*args: object, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """``landdb ARGS…`` in a subprocess with this process's environment (plus ``env``)."""
    return subprocess.run([sys.executable, "-m", "landdb.cli.main", *map(str, args)], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=timeout)


def one_line_error(done: subprocess.CompletedProcess) -> str:
    """The error line of a command that failed as it should: non-zero, one line on stderr, no traceback."""
    assert done.returncode != 0, done.stdout
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    return done.stderr
