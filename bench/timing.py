"""What the web benchmarks share: percentiles, a timing loop, the app served by ``landdb serve`` in its own process
on a loopback port, and a keep-alive HTTP client holding a bearer token.

The server runs in a separate process (as in production), not in a thread of the benchmark: a thread would share
the interpreter lock with the client and bill the client's own work to the app.

>>> percentiles([float(v) for v in range(1, 101)])
(50.5, 95.0)
"""

from __future__ import annotations

import http.client
import math
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode


def percentiles(samples: list[float]) -> tuple[float, float]:
    """(p50, p95) of ``samples``: the median and the nearest-rank 95th percentile."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered), p95


def time_calls(fn: Callable[[Any], Any], inputs: list[Any], warmup: int = 5) -> list[float]:
    """Milliseconds of ``fn(item)`` for each item, after ``warmup`` untimed calls on the first items."""
    for item in inputs[:warmup]:
        fn(item)
    out = []
    for item in inputs:
        started = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - started) * 1000)
    return out


def time_pairs(first: Callable[[Any], Any], second: Callable[[Any], Any], inputs: list[Any],
               warmup: int = 5) -> tuple[list[float], list[float]]:
    """Milliseconds of ``first(item)`` and ``second(item)``, taken in turn for each item (the order alternating),
    so both sides meet the same load on a shared machine and a ratio of the two compares like with like."""
    a, b = time_turns([first, second], inputs, warmup)
    return a, b


class SelfTimed(float):
    """What a call returns when it measured itself (e.g. psql's own ``Time:``): :func:`time_turns` takes this
    figure, in milliseconds, instead of the wall clock around the call."""


def time_turns(calls: list[Callable[[Any], Any]], inputs: list[Any], warmup: int = 5) -> list[list[float]]:
    """Milliseconds of each call on each item, the calls taken in turn for each item (the order rotating), so all
    sides meet the same load on a shared machine; a call returning :class:`SelfTimed` gives its own figure.

    >>> fast, told = time_turns([lambda i: None, lambda i: SelfTimed(7.5)], [1, 2, 3], warmup=1)
    >>> told, all(ms < 5 for ms in fast)
    ([7.5, 7.5, 7.5], True)
    """
    for item in inputs[:warmup]:
        for fn in calls:
            fn(item)
    out: list[list[float]] = [[] for _ in calls]
    for i, item in enumerate(inputs):
        for k in range(len(calls)):
            j = (i + k) % len(calls)
            started = time.perf_counter()
            told = calls[j](item)
            ms = (time.perf_counter() - started) * 1000
            out[j].append(float(told) if isinstance(told, SelfTimed) else ms)
    return out


class PsqlSession:
    """ONE long-running ``psql`` session (``\\timing on``, output to /dev/null) fed statements with their parameters
    as literals: the bare query "run from psql" of issue 14, with no connection start per query. :meth:`run`
    returns the sum of psql's own ``Time: x ms`` lines for the statements (simple protocol: parsed and planned
    each time, as typed in psql)."""

    MARK = "--bench-done--"

    def __init__(self, database_url: str) -> None:
        self.url = database_url
        self.process: subprocess.Popen[str] | None = None

    def __enter__(self) -> PsqlSession:
        psql = shutil.which("psql")
        if psql is None:
            raise RuntimeError("psql not found on PATH (Debian package postgresql-client)")
        self.process = subprocess.Popen([psql, "-X", "-q", "-v", "ON_ERROR_STOP=0", self.url],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, bufsize=1)
        self._send("\\timing on\n\\o /dev/null\n")
        self.run([])
        return self

    def _send(self, text: str) -> None:
        assert self.process is not None and self.process.stdin is not None
        self.process.stdin.write(text)
        self.process.stdin.flush()

    def run(self, statements: list[str]) -> SelfTimed:
        """Run ``statements`` (literal SQL) one after the other; the sum of their ``Time:`` lines (ms)."""
        assert self.process is not None and self.process.stdout is not None
        self._send("".join(f"{sql.rstrip().rstrip(';')}\n;\n" for sql in statements) + f"\\echo {self.MARK}\n")
        total = 0.0
        times = 0
        for line in self.process.stdout:
            if line.startswith("Time: "):
                total += float(line.split()[1])
                times += 1
            elif line.strip() == self.MARK:
                break
            elif line.strip():
                raise RuntimeError(f"psql: {line.strip()}")
        else:
            raise RuntimeError("psql ended")
        if times != len(statements):
            raise RuntimeError(f"psql timed {times} of {len(statements)} statements")
        return SelfTimed(total)

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self._send("\\q\n")
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class LoopbackServer:
    """``landdb serve`` on a free loopback port, in its own process, against ``database_url``; ``env`` adds
    settings (e.g. ``LANDDB_WEB_TILE_CACHE_MAX_ZOOM``)."""

    def __init__(self, database_url: str, env: dict[str, str] | None = None, start_timeout_s: float = 30) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.env = {**os.environ, "LANDDB_DATABASE_URL": database_url, **(env or {})}
        self.start_timeout_s = start_timeout_s
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> LoopbackServer:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "landdb.cli.main", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + self.start_timeout_s
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"landdb serve exited: {self.process.stderr.read().decode()[-500:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("landdb serve did not start") from None
                time.sleep(0.1)

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Client:
    """One keep-alive HTTP/1.1 connection with a bearer token (stdlib ``http.client``: the lightest client, so the
    figures are the server's)."""

    def __init__(self, server: LoopbackServer, token: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        self.headers = {"Authorization": f"Bearer {token}", "Connection": "keep-alive"}

    def get(self, path: str, **params: Any) -> bytes:
        """The body of a 200 response (RuntimeError naming the status otherwise)."""
        target = path + ("?" + urlencode(params) if params else "")
        try:
            self.conn.request("GET", target, headers=self.headers)
            response = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionError):
            # the server closed a connection idle for 5 s (uvicorn's keep-alive timeout) while the bare side ran
            # a slow query: open a new one (a loopback connect, ~0.1 ms, counted in this request)
            self.conn.close()
            self.conn.request("GET", target, headers=self.headers)
            response = self.conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {target}: {response.status} {body[:200]!r}")
        return body

    def touch(self) -> None:
        """An untimed request that (re)opens the connection: the server closes one idle for 5 s (uvicorn's
        keep-alive timeout), and a timed request must not pay for a new one."""
        try:
            self.get("/api/me")
        except (http.client.RemoteDisconnected, ConnectionError):
            self.conn.close()
            self.get("/api/me")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
