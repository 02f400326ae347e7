"""Allowed boundary-point error by map scale (Thông tư 25/2014; domain.md §4) — metres.

Thông tư 26/2024 replaced it from 15 Jan 2025 and its numbers may differ: pass your own
``table`` where that matters.

>>> point_tolerance_m(500), point_tolerance_m(2000, agricultural=True)
(0.07, 0.45)
"""

from __future__ import annotations

from landdb.errors import ConfigError

POINT_TOLERANCE_M: dict[int, float] = {200: 0.05, 500: 0.07, 1000: 0.15, 2000: 0.30, 5000: 1.50, 10000: 3.00}
AGRICULTURAL_FACTOR_SCALES = (1000, 2000)  # ×1.5 for agricultural land at these scales


def point_tolerance_m(scale: int, *, agricultural: bool = False, table: dict[int, float] | None = None) -> float:
    """The allowed point error for a sheet at 1:``scale``; ConfigError for a scale not in the table."""
    table = table or POINT_TOLERANCE_M
    if scale not in table:
        raise ConfigError(f"no point tolerance for scale 1:{scale}; known scales: {sorted(table)}")
    factor = 1.5 if agricultural and scale in AGRICULTURAL_FACTOR_SCALES else 1.0
    return round(table[scale] * factor, 6)
