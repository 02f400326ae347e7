"""Old and new SQL of the name and address passes of the search, in turn on the same inputs: their pages and times.

``python -m bench.search_compare --old REF [--count N] [--rounds R]`` on the configured database (a city of
bench/city.py): N inputs of each kind drawn the way bench/bench_search.py draws them (owner names without
diacritics, a third without the middle name; misspelt names; streets with their house number; misspelt streets),
but reproducibly (``setseed``). Each pass's statement as of git REF (``git show REF:sql/queries/...``) and as in
the working tree are run one after the other on one connection, alternating which goes first, unprepared. Pages
are compared per kind of hit (each branch of a pass keeps its own best rows): the same scores, and the same rows
above the last score (which of several equal scores is kept at the limit is free); a page that differs is also
checked for being no worse, every score ≥ the old one's, rank by rank. docs/search.md quotes its figures.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import time
from typing import Any

import psycopg
from psycopg.rows import dict_row

from landdb.settings import get_settings
from landdb.sql import SQL_DIR
from landdb.vietnamese import fold
from web.search import RANKED_BY, _params, readings, statement

# (kind of input, reading, which statement of it)
PASSES = [("owner", "owner", "sql"), ("owner misspelt", "owner", "fuzzy"), ("owner", "address", "sql"),
          ("address", "address", "sql"), ("address misspelt", "address", "fuzzy"),
          ("owner misspelt", "address", "fuzzy")]
BOX = dict.fromkeys(("xmin", "ymin", "xmax", "ymax"))


def samples(conn: psycopg.Connection, count: int) -> dict[str, list[str]]:
    rng = random.Random(14)
    conn.execute("select setseed(0.14)")
    names = [r["name"] for r in conn.execute(
        "select pa.name from party pa join land_right r on r.party_id = pa.id order by random() limit %s", (count,))]
    addresses = [r["address"] for r in conn.execute(
        "select address from certificate_parcel where address is not null order by random() limit %s", (count,))]

    def misspelt(words: list[str]) -> str:      # one letter of the last word changed (bench_search.py's rule)
        last = words[-1]
        i = rng.randrange(len(last))
        return " ".join([*words[:-1], last[:i] + ("a" if last[i] != "a" else "o") + last[i + 1:]])

    typed, typo = [], []
    for name in names:
        words = fold(name).lower().split()
        short = [words[0], words[-1]] if len(words) > 2 and rng.random() < 0.33 else words
        typed.append(" ".join(short))
        typo.append(misspelt(words))
    streets = [fold(a.split(",")[0]).lower() for a in addresses]
    return {"owner": typed, "owner misspelt": typo, "address": streets,
            "address misspelt": [misspelt(s.split()) for s in streets]}


def old_statement(ref: str, name: str) -> str:
    """``web.search.statement(name)`` as of git ``ref``."""
    def show(query_name: str) -> str:
        path = (SQL_DIR / "queries" / f"{query_name}.sql").relative_to(SQL_DIR.parent)
        return subprocess.run(["git", "show", f"{ref}:{path}"], cwd=SQL_DIR.parent, check=True,
                              capture_output=True, text=True).stdout
    tail = RANKED_BY.get(name)
    return show(name) + ("\n" + show(tail) if tail else "")


def page(rows: list[dict[str, Any]]) -> dict[str, tuple[list[float], list[tuple[Any, ...]]]]:
    out = {}
    hits = [(round(float(r["score"]), 6), r["parcel_id"], r["cert_parcel_id"], r["reason"], r["matched"])
            for r in rows]
    for reason in sorted({h[3] for h in hits}):
        mine = [h for h in hits if h[3] == reason]
        scores = sorted((h[0] for h in mine), reverse=True)
        out[reason] = (scores, sorted(h for h in mine if h[0] != scores[-1]))
    return out


def no_worse(old: dict, new: dict) -> bool:
    return set(old) == set(new) and all(
        len(old[k][0]) == len(new[k][0]) and all(b >= a for a, b in zip(old[k][0], new[k][0], strict=True))
        for k in old)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def compare(conn: psycopg.Connection, inputs: list[str], kind: str, which: str, ref: str,
            rounds: int) -> dict[str, Any]:
    times: dict[str, list[float]] = {"old": [], "new": []}
    differ = better = 0
    for turn in range(rounds):
        for i, text in enumerate(inputs):
            reading = next(r for r in readings(text) if r.kind == kind)
            name = getattr(reading, which)
            sqls = {"old": old_statement(ref, name), "new": statement(name)}
            params = _params(reading, None, 20, BOX)
            pages = {}
            for version in (("old", "new") if (i + turn) % 2 == 0 else ("new", "old")):
                started = time.perf_counter()
                rows = conn.execute(sqls[version], params).fetchall()
                times[version].append((time.perf_counter() - started) * 1000)
                pages[version] = page(rows)
            if turn == 0 and pages["old"] != pages["new"]:
                differ += 1
                better += no_worse(pages["old"], pages["new"])
    return {"times": times, "differ": differ, "no_worse": better}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.search_compare", description=__doc__.splitlines()[0])
    parser.add_argument("--old", required=True, help="git ref of the old SQL (e.g. a commit of main)")
    parser.add_argument("--count", type=int, default=300, help="inputs of each kind")
    parser.add_argument("--rounds", type=int, default=1, help="times each input is run (pages compared once)")
    args = parser.parse_args(argv)
    with psycopg.connect(get_settings().url, row_factory=dict_row, autocommit=True) as conn:
        drawn = samples(conn, args.count)
        parcels = conn.execute("select count(*) as n from parcel").fetchone()["n"]
        print(f"{parcels} parcels; old = {args.old}, new = the working tree; {args.count} inputs a kind")
        for inputs_kind, kind, which in PASSES:
            found = compare(conn, drawn[inputs_kind], kind, which, args.old, args.rounds)
            old, new = found["times"]["old"], found["times"]["new"]
            print(f"{kind} {'words' if which == 'sql' else 'typo'} pass on {inputs_kind} inputs: pages differ for "
                  f"{found['differ']} (no worse for {found['no_worse']}); ms p50/p95 old "
                  f"{percentile(old, 50):.1f}/{percentile(old, 95):.1f}, new {percentile(new, 50):.1f}/"
                  f"{percentile(new, 95):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
