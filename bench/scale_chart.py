"""``docs/scale.png``: cost against city size from ``docs/scale-results.json`` (``bench/scale.py``) — search and tile
p95, QA seconds, ingest and import rates — landdb as solid lines, the baseline of the same run dashed."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.scale import RESULTS

SEARCH = ("owner (no diacritics)", "ID number", "parcel key", "address")
TILES = ("tile z18 (street)", "tile z14 cold")     # district zoom, not from the tile cache


def _sizes(data: dict) -> list[int]:
    return sorted(int(k) for k in data if k.isdigit())


def draw(data: dict, out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = _sizes(data)
    x = [n / 1000 for n in sizes]
    fig, axes = plt.subplots(2, 2, figsize=(11, 8))

    def series(ax, label: str, pick, style: str = "-", marker: str = "o") -> None:
        ys = [pick(data[str(n)]) for n in sizes]
        points = [(a, b) for a, b in zip(x, ys, strict=True) if b is not None]
        if points:
            ax.plot([p[0] for p in points], [p[1] for p in points], style, marker=marker, label=label)

    def get(*path):
        def pick(entry: dict):
            for key in path:
                if not isinstance(entry, dict) or key not in entry:
                    return None
                entry = entry[key]
            return entry
        return pick

    def baseline(kind: str):     # the baseline (the statements from psql) where measured, else psycopg's
        psql, sql = get("search", kind, "psql_p95"), get("search", kind, "sql_p95")
        return lambda entry: psql(entry) if psql(entry) is not None else sql(entry)

    ax = axes[0][0]
    for kind in SEARCH:
        series(ax, f"{kind} (app)", get("search", kind, "app_p95"))
        series(ax, f"{kind} (bare SQL)", baseline(kind), "--", "x")
    ax.axhline(50, color="grey", lw=0.8)
    ax.set_title("search p95 (ms); target 50 ms")
    ax = axes[0][1]
    for kind in TILES:
        series(ax, f"{kind} (app)", get("search", kind, "app_p95"))
        series(ax, f"{kind} (bare SQL)", baseline(kind), "--", "x")
    ax.axhline(100, color="grey", lw=0.8)
    ax.set_title("vector tile p95 (ms); target 100 ms")
    ax = axes[1][0]
    series(ax, "QA catalogue, whole city, one run", get("qa", "city", "seconds"))
    series(ax, "QA catalogue, per commune on 2 threads", get("qa", "city_parallel", "seconds"))
    series(ax, "bare ST_Overlaps self-join", get("qa", "city", "baseline_s"), "--", "x")
    ax.set_title("QA, whole city (s)")
    ax = axes[1][1]

    def rate(key_s: str, section: str, count: str):
        def pick(entry: dict):
            e = entry.get(section)
            return e[count] / e[key_s] if e else None
        return pick

    series(ax, "ingest: loader (records/s)", rate("loader_s", "ingest", "records"))
    series(ax, "ingest: bare COPY (records/s)", rate("copy_s", "ingest", "records"), "--", "x")
    series(ax, "import-map (parcels/s)", rate("landdb_s", "import", "features"))
    series(ax, "ogr2ogr (parcels/s)", rate("ogr2ogr_s", "import", "features"), "--", "x")
    ax.set_yscale("log")
    ax.set_title("ingest and map import (per second, log)")
    for row in axes:
        for a in row:
            a.set_xlabel("parcels in the database (thousands)")
            a.grid(alpha=0.3)
            a.legend(fontsize=7)
    machine = data.get("machine", {})
    fig.suptitle(f"landdb at city scale — {machine.get('cores', '?')} cores, {machine.get('memory_gib', '?')} GiB, "
                 f"PostgreSQL {machine.get('postgresql', '?')} (shared machine; solid landdb, dashed baseline)",
                 fontsize=10)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def markdown(data: dict) -> str:
    """The figures of every size as Markdown tables (docs/scale.md), from the same rows bench/scale.py prints."""
    from bench import scale_import, scale_ingest, scale_qa
    from bench.scale import _search_rows

    out = []
    for n in _sizes(data):
        entry = data[str(n)]
        build = entry.get("build") or {}
        out.append(f"\n**{n:,} parcels** (measured {entry.get('measured_at', '?')}, load average "
                   f"{entry.get('load_average', '?')}; city built in {build.get('seconds', 0):.0f} s)\n")
        out.append("| what | landdb | baseline | ratio | note |\n|---|---:|---:|---:|---|")
        rows = []
        for section, to_rows in (("search", _search_rows), ("qa", scale_qa.rows), ("ingest", scale_ingest.rows),
                                 ("import", scale_import.rows)):
            if section in entry:
                rows += to_rows(entry[section])
        for what, ours, base, note in rows:
            out.append(f"| {what} | {ours:.2f} | {base:.2f} | {ours / base if base else float('nan'):.2f} | {note} |")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale_chart", description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--out", type=Path, default=RESULTS.with_name("scale.png"))
    parser.add_argument("--markdown", action="store_true", help="print the figures as Markdown tables instead")
    args = parser.parse_args(argv)
    if not args.results.exists():
        print(f"no {args.results}: run `make bench-scale` first", file=sys.stderr)
        return 1
    if args.markdown:
        print(markdown(json.loads(args.results.read_text())))
        return 0
    draw(json.loads(args.results.read_text()), args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
