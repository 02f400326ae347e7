"""Progress events from the flows to whoever listens (the CLI's progress bar).

Listeners live in the process that runs the flow, not in its parameters: flow parameters are serialized
with the run's context (and shipped to Dask workers), a progress bar cannot be.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

Listener = Callable[[str, dict[str, Any]], None]
_listeners: list[Listener] = []


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Receive ``(event, data)`` while the block runs: ``run_started`` and ``document_done``."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


def emit(event: str, **data: Any) -> None:
    for listener in list(_listeners):
        listener(event, data)
