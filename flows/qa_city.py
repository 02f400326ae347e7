"""``qa_city``: the whole-city QA run as one task per commune on the flow's task runner (threads locally, a
process pool, or Dask: ``flows.runners``).

Every rule is commune-local (``tests/test_bench_city.py``): the communes run one by one find, by fingerprint, what
one run over the whole city finds, and each run stores and closes the findings of its own commune. What no commune
run covers is closed after them (``_findings_close_outside``). A certificate with no commune is checked only by a
whole-city run, so a database holding one runs in one piece (``_city_split``), as does a city of one commune.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from prefect import flow, task

from landdb.db import connect, transaction
from landdb.settings import Settings, get_settings
from qa.runner import run_database, select_rules
from qa.sqlfiles import text


def city_split(settings: Settings) -> list[str] | None:
    """The communes of a split whole-city run, largest first; None when it must run in one piece."""
    with connect(settings) as conn:
        row = conn.execute(text("_city_split")).fetchone()
    communes = list(row["communes"] or [])
    return None if row["uncommuned"] or len(communes) < 2 else communes


def _stored_run(commune: str | None, rule_ids: list[str] | None, actor: str) -> dict[str, Any]:
    """One stored run (a commune, or the whole city with None); its findings as (rule, fingerprint) pairs."""
    result = run_database(commune, rule_ids, actor=actor, settings=get_settings())
    return {"run_id": result.run_id, "parcels": result.parcels, "seconds": result.seconds,
            "summary": result.summary, "stored": result.stored, "closed": result.closed,
            "not_checked": result.not_checked, "findings": [(f["rule"], f["fingerprint"]) for f in result.findings]}


def qa_commune(commune: str, rule_ids: list[str] | None, actor: str) -> dict[str, Any]:
    """One commune's run (stored)."""
    return {"commune": commune, **_stored_run(commune, rule_ids, actor)}


# Wrapped rather than decorated: Dask workers unpickle the plain function by reference (as flows.ingest).
qa_commune_task = task(name="qa-commune", retries=0)(qa_commune)


def _whole(rule_ids: list[str] | None, actor: str) -> dict[str, Any]:
    run = _stored_run(None, rule_ids, actor)
    return {"run_ids": [run.pop("run_id")], "communes": None, **run}


@flow(name="qa-city", log_prints=False)
def qa_city(rule_ids: list[str] | None = None, actor: str | None = None) -> dict[str, Any]:
    """The catalogue over the whole city, commune by commune on the task runner; what it found and closed."""
    settings = get_settings()
    actor = actor or f"qa:{settings.who}"
    rules = [r.id for r in select_rules(rule_ids)]     # an unknown rule id stops it before any task
    started = time.perf_counter()
    communes = city_split(settings)
    if communes is None:
        return _whole(rule_ids, actor)
    futures = [qa_commune_task.submit(c, rule_ids, actor) for c in communes]
    runs = [f.result() for f in futures]
    run_ids = sorted(r["run_id"] for r in runs)
    with connect(settings, autocommit=True) as conn, transaction(actor, conn):
        closed = conn.execute(text("_findings_close_outside"), {
            "first_run_id": run_ids[0], "last_run_id": run_ids[-1], "actor": actor, "rules": rules,
            "communes": communes}).rowcount
    findings = [f for r in runs for f in r["findings"]]
    return {"run_ids": run_ids, "communes": len(communes), "parcels": sum(r["parcels"] for r in runs),
            "seconds": time.perf_counter() - started, "summary": dict(Counter(rule for rule, _ in findings)),
            "stored": sum(r["stored"] for r in runs), "closed": closed + sum(r["closed"] for r in runs),
            "not_checked": [line for r in runs for line in r["not_checked"]], "findings": findings}


def run_qa_city(task_runner: str = "thread", workers: int = 0, rule_ids: list[str] | None = None,
                actor: str | None = None) -> dict[str, Any]:
    """``qa_city`` on a task runner by name (``flows.runners``), holding the build lock as the build's QA does."""
    from flows.runners import check_task_runner, make_task_runner
    from flows.steps_map import one_build_at_a_time

    runner = make_task_runner(check_task_runner(task_runner), workers)
    with one_build_at_a_time(get_settings()):
        return qa_city.with_options(task_runner=runner)(rule_ids, actor)
