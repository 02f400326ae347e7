"""The scratch database of ``python -m bench search --parcels N``: the synthetic city of N parcels
(``bench/city.py``, the one generator of the benchmarks)."""

from __future__ import annotations

from landdb.settings import Settings


def scratch_database(settings: Settings, parcels: int, *, seed: int = 2026, keep: bool = False) -> str:
    """The URL of ``landdb_city_<N>``: built, or with ``keep`` reused when a finished build of N parcels with this
    seed is there."""
    from bench.city import build

    return build(settings, parcels, seed=seed, fresh=not keep)
