"""``make bench``: run every ``bench/bench_*.py`` and print their tables, at sizes that keep the whole run under
10 minutes on 2 cores (``QUICK``; the city sizes are ``make bench-scale``, bench/scale.py).

``python -m bench NAME [ARGS…]`` runs one benchmark and passes it ARGS (e.g. ``python -m bench ocr --seed 7``).

Each benchmark module has ``main(argv) -> int`` and prints its own table, with a
baseline measured in the same run; figures are medians, and ratios against the baseline.
"""

from __future__ import annotations

import importlib
import os
import resource
import sys
import time
from pathlib import Path

from bench.scratch import database_url_kept

# The arguments of each benchmark under `make bench`. Session 6: 5.8 min in all at load 2.5–4.8 (330 CPU-seconds),
# 22 min at load 10–24 on the shared 2 cores (docs/scale.md).
QUICK = {
    "bench_build": ["4"],                                    # 4 generated certificates through `landdb build`
    "bench_ocr": ["--count", "2"],                           # the 12 committed samples + 2 generated
    "bench_qa": ["--repeat", "1"],                           # Đan Phượng, 6,910 real parcels
    "bench_search": ["--parcels", "20000", "--repeat", "50", "--keep"],   # a synthetic city of 20,000 parcels
    "bench_review": ["--parcels", "20000", "--items", "30", "--repeat", "3"],   # QA findings of the search city
}


def server_cpu_s() -> float | None:
    """CPU seconds of the project's own cluster so far: the postmaster and the backends it has reaped (its
    children's times), read from /proc; None when the cluster is not ours or not on this machine. The whole
    cluster: anything else run on it meanwhile is counted too."""
    from landdb.settings import get_settings

    settings = get_settings()
    pid_file = settings.var_dir / "pg" / "data" / "postmaster.pid"
    try:
        pid = int(pid_file.read_text().split()[0])
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, ValueError, IndexError):
        return None
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")   # utime stime cutime cstime


def client_cpu_s() -> float:
    """CPU seconds of this process and of the children it has waited for (Tesseract, ogr2ogr, the web app)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cpu_line(wall: float, client: float, server: float | None, load: float) -> str:
    """Wall time with the CPU it used: on a loaded machine wall time says little, the CPU seconds are what a quiet
    one spends (its wall time ≥ CPU / cores, ≈ CPU where a benchmark runs one thing at a time).

    >>> cpu_line(100.0, 60.0, 30.0, 1.5)
    'took 100.0 s; CPU 90.0 s (client 60.0, database 30.0); load average 1.5'
    """
    db = "database not measured" if server is None else f"database {server:.1f}"
    total = client + (server or 0.0)
    return f"took {wall:.1f} s; CPU {total:.1f} s (client {client:.1f}, {db}); load average {load:.1f}"


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
    first = (time.perf_counter(), client_cpu_s(), server_cpu_s())
    for name, args in runs:
        module = importlib.import_module(f"bench.{name if name.startswith('bench_') else 'bench_' + name}")
        print(f"\n=== {module.__name__} {' '.join(args)} — {(module.__doc__ or '').strip().splitlines()[0]}",
              flush=True)
        started = (time.perf_counter(), client_cpu_s(), server_cpu_s())
        with database_url_kept():   # a benchmark may point it at its own database
            status |= module.main(args)
        print(f"({_since(started)})", flush=True)
    if len(runs) > 1:
        print(f"\n=== all: {_since(first)}", flush=True)
    return status


def _since(start: tuple[float, float, float | None]) -> str:
    wall = time.perf_counter() - start[0]
    time.sleep(1.0)       # the backends a benchmark closed exit, and the postmaster reaps them, a moment later
    server = server_cpu_s()
    return cpu_line(wall, client_cpu_s() - start[1],
                    None if server is None or start[2] is None else server - start[2], os.getloadavg()[0])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
