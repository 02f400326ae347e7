"""The full QA catalogue on the synthetic city — per commune, for the whole city in one run, and the whole city
commune by commune in parallel as ``landdb qa run`` runs it (flows/qa_city.py: one task per commune on the flow's
thread runner) — each against one bare ``ST_Overlaps`` self-join of the same parcels."""

from __future__ import annotations

import statistics
import time
from collections import Counter

import psycopg
from psycopg.rows import dict_row

from landdb.db import connect
from landdb.settings import Settings
from landdb.sql import query


def _timed(fn) -> tuple[float, object]:
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def _baseline(url: str, commune: str | None) -> float:
    with connect(Settings(database_url=url)) as conn:  # the session settings QA runs with
        return _timed(lambda: conn.execute(query("bench/overlaps_baseline"), {"commune": commune}).fetchone())[0]


def _city_by_communes(url: str, workers: int) -> dict:
    """The whole city as ``landdb qa run`` runs it: one task per commune on the flow's thread runner."""
    import os

    from bench.scratch import database_url_kept
    from flows.prefect_env import configure_prefect
    from landdb.settings import get_settings

    with database_url_kept():
        os.environ["LANDDB_DATABASE_URL"] = url          # the tasks read the settings of their process
        get_settings.cache_clear()
        configure_prefect()
        from flows.qa_city import run_qa_city

        return run_qa_city("thread", workers, actor="bench")


def measure(url: str, sample_communes: int = 3, workers: int = 2) -> dict:
    """Seconds and parcels/s of each QA scope, with its baseline; findings per rule of the whole-city run."""
    from qa.runner import run_database

    settings = Settings(database_url=url)
    with psycopg.connect(url, row_factory=dict_row) as conn:
        communes = [(r["commune_code"], r["parcels"]) for r in conn.execute(query("bench/communes"))]
    total = sum(n for _, n in communes)
    per = []
    for code, n in communes[:sample_communes]:
        seconds, result = _timed(lambda code=code: run_database(code, actor="bench", settings=settings))
        per.append({"commune": code, "parcels": n, "seconds": seconds, "baseline_s": _baseline(url, code),
                    "findings": len(result.findings)})
    city_s, city = _timed(lambda: run_database(None, actor="bench", settings=settings))
    city_base = _baseline(url, None)

    parallel_s, split = _timed(lambda: _city_by_communes(url, workers))
    per_commune = Counter(tuple(f) for f in split["findings"])
    return {
        "communes": len(communes), "parcels": total,
        "commune": {"parcels": statistics.median(p["parcels"] for p in per),
                    "seconds": statistics.median(p["seconds"] for p in per),
                    "baseline_s": statistics.median(p["baseline_s"] for p in per), "runs": per},
        "city": {"seconds": city_s, "baseline_s": city_base, "findings": len(city.findings), "summary": city.summary},
        "city_parallel": {"seconds": parallel_s, "workers": workers, "findings": sum(per_commune.values()),
                          "same_as_city": per_commune == Counter((f["rule"], f["fingerprint"]) for f in city.findings),
                          "baseline_s": city_base},
    }


def rows(result: dict) -> list[tuple[str, float, float, str]]:
    """(what, seconds, baseline seconds, note) for the report; a scope not measured has no row."""
    out = []
    if c := result.get("commune"):
        out.append((f"QA catalogue, one commune (median of {len(c['runs'])})", c["seconds"], c["baseline_s"],
                    f"{c['parcels'] / c['seconds']:.0f} parcels/s"))
    if city := result.get("city"):
        out.append(("QA catalogue, whole city, one run", city["seconds"], city["baseline_s"],
                    f"{result['parcels'] / city['seconds']:.0f} parcels/s, {city['findings']} findings"))
    if par := result.get("city_parallel"):
        same = {True: ", the same as one run", False: ", NOT the same as one run"}.get(par.get("same_as_city"), "")
        note = f"{result['parcels'] / par['seconds']:.0f} parcels/s, {par['findings']} findings{same}"
        if part := par.get("stopped_after"):  # a run stopped early: its rate, extrapolated to the whole city
            note = (f"EXTRAPOLATED from {part['communes']} of {result['communes']} communes ({part['parcels']} "
                    f"parcels) in {part['seconds']:.0f} s, {part['parcels'] / part['seconds']:.0f} parcels/s; "
                    f"their findings{same} in those communes")
        out.append((f"QA catalogue, whole city, per commune × {par['workers']} threads", par["seconds"],
                    result["city"]["baseline_s"], note))
    return out
