"""Bearer tokens already checked, kept for a few seconds and dropped the moment any account or token changes.

A script or GIS client sends many requests with one token; each would cost an indexed lookup (token → user) and a
thread hop. This cache keeps the answer, keyed by the token's sha256, for at most ``TTL_S`` seconds, and only while
the process listens on the database's ``landdb_auth`` channel: migration 0101 notifies it at the commit of every
update or delete of ``app_user`` and ``api_token`` (disable, revoke, password, last use), and every notification
empties the cache. So a disabled user's or revoked token stops working as soon as the notification arrives
(milliseconds after the commit). When the listening connection is lost the cache is off — every request asks the
database — until it is back; an answer read before a change whose notification came first is never stored
(a generation counter).
"""

from __future__ import annotations

import threading
import time

import psycopg

from landdb.sql import query
from web.accounts import User

TTL_S = 30.0
# after losing the listening connection, wait this long before listening again (the cache is off meanwhile): a
# connection cut by pg_terminate_backend is usually someone making a copy of this database or dropping it, and
# CREATE DATABASE … TEMPLATE waits 5 s for the template's other sessions to go — a quick reconnect would fail it
RETRY_S = 10.0


class TokenCache:
    def __init__(self, url: str, ttl_s: float = TTL_S) -> None:
        self.url = url
        self.ttl_s = ttl_s
        self._entries: dict[str, tuple[User, float]] = {}
        self._lock = threading.Lock()
        self._live = False
        self._generation = 0
        self._thread = threading.Thread(target=self._listen, name="landdb-token-cache", daemon=True)
        self._thread.start()

    @property
    def live(self) -> bool:
        return self._live

    def generation(self) -> int:
        return self._generation

    def get(self, key: str) -> User | None:
        if not self._live:
            return None
        entry = self._entries.get(key)
        if entry is None or entry[1] < time.monotonic():
            return None
        return entry[0]

    def put(self, key: str, user: User, generation: int) -> None:
        """Keep ``user`` for ``key`` unless a change was announced since ``generation`` was read."""
        with self._lock:
            if self._live and generation == self._generation:
                self._entries[key] = (user, time.monotonic() + self.ttl_s)

    def _drop_all(self, live: bool) -> None:
        with self._lock:
            self._entries.clear()
            self._generation += 1
            self._live = live

    def _listen(self) -> None:
        while True:
            try:
                with psycopg.connect(self.url, autocommit=True) as conn:
                    conn.execute(query("web/auth_listen"))
                    self._drop_all(live=True)
                    for _ in conn.notifies():
                        self._drop_all(live=True)
            except psycopg.Error:
                pass
            self._drop_all(live=False)
            time.sleep(RETRY_S)


_caches: dict[str, TokenCache] = {}
_caches_lock = threading.Lock()


def token_cache(url: str) -> TokenCache:
    """The process's cache for the database at ``url`` (its listener started on first use)."""
    with _caches_lock:
        cache = _caches.get(url)
        if cache is None:
            cache = _caches[url] = TokenCache(url)
        return cache
