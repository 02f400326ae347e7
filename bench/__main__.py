"""``make bench``: run every ``bench/bench_*.py`` (or those named) and print their tables.

Each benchmark module has ``main(argv) -> int`` and prints its own table, with a
baseline measured in the same run; figures are medians, and ratios against the baseline.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    names = argv or sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    status = 0
    for name in names:
        module = importlib.import_module(f"bench.{name if name.startswith('bench_') else 'bench_' + name}")
        print(f"\n=== {module.__name__} — {(module.__doc__ or '').strip().splitlines()[0]}", flush=True)
        started = time.perf_counter()
        status |= module.main([])
        print(f"(took {time.perf_counter() - started:.1f} s)", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
