"""``build_land_db``: the main job — import maps, ingest scans, link certificates to the map, run QA.

Each step is a thin flow/task over a library function; the summary says what was built. Options, resources and
documents are checked (:func:`flows.plan.plan_build`) before the run row is written; the run then ends
``done`` (every document loaded or already loaded), ``partial`` (some failed), ``failed`` (none could be loaded,
a map import failed, or an error stopped it) or ``interrupted`` (stopped, or killed: see :mod:`flows.runs`).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from prefect import flow, task

from flows.events import emit
from flows.ingest import ingest_scans
from flows.plan import BuildPlan, plan_build
from flows.runners import make_task_runner
from flows.runs import RunLease, open_run, run_status
from flows.stats import database_stats
from flows.steps import ItemResult
from flows.steps_map import communes_of_imports, import_cadastre, link_certificates, run_qa
from landdb.errors import LanddbError
from landdb.settings import Settings, get_settings


@dataclass
class BuildSummary:
    run_id: int
    status: str = "running"        # done | partial | failed | interrupted once the run ends
    error: str | None = None       # why a failed run stopped (a map import, an error)
    documents: int = 0             # documents the run was given
    documents_seen: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    pages: int = 0
    flagged_fields: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)
    not_scans: list[dict[str, str]] = field(default_factory=list)
    map_imports: list[dict[str, Any]] = field(default_factory=list)
    links: dict[str, int] = field(default_factory=dict)
    qa_findings: dict[str, int] = field(default_factory=dict)
    qa_run: dict[str, Any] = field(default_factory=dict)
    commune_code: str | None = None
    database: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    ingest_seconds: float = 0.0

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.ingest_seconds if self.ingest_seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "pages_per_second": round(self.pages_per_second, 3)}


def _summarise_items(summary: BuildSummary, items: list[ItemResult]) -> None:
    summary.documents_seen = len(items)
    summary.outcomes = dict(Counter(i.outcome for i in items))
    summary.pages = sum(i.pages for i in items if i.outcome in ("loaded", "new_version"))
    summary.flagged_fields = sum(i.flagged_fields for i in items)
    summary.failures = [{"path": i.path, "stage": i.stage, "reason": i.reason}
                        for i in items if i.outcome == "failed"]


@task(name="import-cadastre")
def import_cadastre_task(path: str, commune_code: str | None) -> dict[str, Any]:
    """One map import; a map that cannot be imported gives ``{"path", "error"}`` (one line, no traceback)."""
    try:
        return import_cadastre(get_settings(), path, commune_code)
    except LanddbError as exc:
        return {"path": path, "error": str(exc), "summary": f"{path}: not imported"}


@task(name="link-certificates")
def link_certificates_task(commune_code: str | None) -> dict[str, int]:
    return link_certificates(get_settings(), commune_code)


@task(name="run-qa")
def run_qa_task(commune_code: str | None) -> dict[str, Any]:
    return run_qa(get_settings(), commune_code)


def _qa_city(plan: BuildPlan) -> dict[str, Any]:
    """QA of a build over several communes: one task per commune on the build's task runner (flows/qa_city.py)."""
    from flows.qa_city import run_qa_city

    city = run_qa_city(plan.task_runner, plan.workers, actor=f"qa:{get_settings().who}")
    return {"run_id": city["run_ids"][-1], "run_ids": city["run_ids"], "communes": city["communes"],
            "summary": city["summary"], "seconds": round(city["seconds"], 2)}


class MapImportFailed(Exception):
    """A map of the build could not be imported (the run ends ``failed`` before any document)."""


def _import_maps(settings: Settings, summary: BuildSummary, plan: BuildPlan, commune_code: str | None
                 ) -> str | None:
    """Import the maps; the commune of the batch (given, or the one commune of the imports)."""
    summary.map_imports = [import_cadastre_task(m, commune_code) for m in plan.map_files]
    failed = [m for m in summary.map_imports if m.get("error")]
    if failed:
        raise MapImportFailed(failed[0]["error"])
    if commune_code is None and summary.map_imports:
        communes = communes_of_imports(settings, [m["map_import_id"] for m in summary.map_imports])
        commune_code = communes[0] if len(communes) == 1 else None
    return commune_code


def _build(settings: Settings, lease: RunLease, plan: BuildPlan, summary: BuildSummary,
           commune_code: str | None) -> None:
    try:
        commune_code = _import_maps(settings, summary, plan, commune_code)
    except MapImportFailed as exc:
        summary.status, summary.error = "failed", f"map import failed: {exc}"
        summary.database = {k: v for k, v in database_stats(settings).items() if not isinstance(v, dict)}
        return
    summary.commune_code = commune_code
    lease.set_commune(commune_code)
    emit("run_started", run_id=lease.run_id, total=len(plan.paths))
    ingest_started = time.perf_counter()
    runner = make_task_runner(plan.task_runner, plan.workers)
    items = ingest_scans.with_options(task_runner=runner)(plan.paths, lease.run_id, commune_code)
    summary.ingest_seconds = time.perf_counter() - ingest_started
    _summarise_items(summary, items)
    link_certificates_task(commune_code)
    summary.qa_run = run_qa_task(commune_code) if commune_code else _qa_city(plan)
    db = database_stats(settings)
    summary.database = {k: v for k, v in db.items() if not isinstance(v, dict)}
    summary.links = db["certificate_links"]
    summary.qa_findings = dict(summary.qa_run.get("summary", {}))
    summary.status = run_status(summary.outcomes, len(plan.paths))


@flow(name="build-land-db", log_prints=False)
def build_land_db(scans_dir: str | None, map_files: list[str] | None = None, commune_code: str | None = None,
                  workers: int = 0, task_runner: str = "thread", retry_of: int | None = None,
                  paths: list[str] | None = None) -> BuildSummary:
    """Build the land database from a folder of scans (and cadastral maps); returns the summary.

    Bad options or resources raise before anything is written; once the run row exists, a map import that fails
    ends the run ``failed`` (returned, with ``error``), any other error ends it ``failed`` and is raised.
    """
    settings = get_settings()
    started = time.perf_counter()
    plan = plan_build(settings, scans_dir, map_files or [], workers, task_runner, paths)
    not_scans = [{"path": str(s.path), "reason": s.reason} for s in plan.skipped]
    lease = open_run(settings, scans_dir=plan.scans_dir, task_runner=plan.task_runner, retry_of=retry_of,
                     documents=plan.paths, commune_code=commune_code, arguments={
                         "map_files": plan.map_files, "commune_code": commune_code, "workers": plan.workers,
                         "documents": len(plan.paths), "not_scans": not_scans})
    summary = BuildSummary(run_id=lease.run_id, documents=len(plan.paths), not_scans=not_scans)
    with lease:
        _build(settings, lease, plan, summary, commune_code)
        summary.seconds = time.perf_counter() - started
        lease.close(summary.status, summary.to_dict())
    return summary
