"""Rendering styles of the generator: ``standard`` (the committed samples, tests, calibration) and ``unseen``
(another typeface family, other people's names and other streets and provinces) — for measuring how OCR does on
certificates unlike the ones its thresholds were calibrated on. Never used for calibration.

The active style is a module setting inside one process, set with :func:`using` around generation (the generator
passes it on to its worker processes).

>>> with using('unseen'):
...     active()
'unseen'
>>> active()
'standard'
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["STYLES", "active", "using"]

STYLES = ("standard", "unseen")
_active = "standard"


def active() -> str:
    return _active


@contextmanager
def using(style: str) -> Iterator[None]:
    global _active
    if style not in STYLES:
        raise ValueError(f"unknown sample style {style!r}: {', '.join(STYLES)}")
    before, _active = _active, style
    try:
        yield
    finally:
        _active = before
