"""``make bench``: run every ``bench/bench_*.py`` and print their tables, at sizes that keep the whole run under
10 minutes on 2 cores (``QUICK``; the city sizes are ``make bench-scale``, bench/scale.py).

``python -m bench NAME [ARGS…]`` runs one benchmark and passes it ARGS (e.g. ``python -m bench ocr --seed 7``).

Each benchmark module has ``main(argv) -> int`` and prints its own table, with a
baseline measured in the same run; figures are medians, and ratios against the baseline.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

from bench.scratch import database_url_kept

# The arguments of each benchmark under `make bench`: measured 10.5 min in all at load ≈ 11 on 2 cores with the
# build at 10 certificates (460 s of it), so the build runs 4.
QUICK = {
    "bench_build": ["4"],                                    # 4 generated certificates through `landdb build`
    "bench_ocr": ["--count", "2"],                           # the 12 committed samples + 2 generated
    "bench_qa": ["--repeat", "1"],                           # Đan Phượng, 6,910 real parcels
    "bench_search": ["--parcels", "20000", "--repeat", "50", "--keep"],   # a synthetic city of 20,000 parcels
    "bench_review": ["--repeat", "5"],
}


def main(argv: list[str]) -> int:
    names = sorted(p.stem.removeprefix("bench_") for p in Path(__file__).parent.glob("bench_*.py"))
    if argv and argv[0] in ("-h", "--help"):
        print(f"usage: python -m bench [NAME [ARGS…]]   NAME: {', '.join(names)} (none: all, at quick sizes)")
        return 0
    if argv and argv[0].removeprefix("bench_") not in names:
        print(f"bench: error: no benchmark {argv[0]!r}; there are: {', '.join(names)}", file=sys.stderr)
        return 2
    if argv:
        runs = [(argv[0], argv[1:])]
    else:
        runs = [(p.stem, QUICK.get(p.stem, [])) for p in sorted(Path(__file__).parent.glob("bench_*.py"))]
    status = 0
    for name, args in runs:
        module = importlib.import_module(f"bench.{name if name.startswith('bench_') else 'bench_' + name}")
        print(f"\n=== {module.__name__} {' '.join(args)} — {(module.__doc__ or '').strip().splitlines()[0]}",
              flush=True)
        started = time.perf_counter()
        with database_url_kept():   # a benchmark may point it at its own database
            status |= module.main(args)
        print(f"(took {time.perf_counter() - started:.1f} s)", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
