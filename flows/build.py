"""``build_land_db``: the main job — import maps, ingest scans, link certificates to the map, run QA.

Each step is a thin flow/task over a library function; the summary says what was built.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from prefect import flow, task

from flows.events import emit
from flows.ingest import ingest_scans
from flows.runners import make_task_runner, resolve_workers
from flows.stats import database_stats
from flows.steps import ItemResult, finish_run, list_scans, start_run
from flows.steps_map import communes_of_imports, import_cadastre, link_certificates, run_qa
from landdb.settings import get_settings


@dataclass
class BuildSummary:
    run_id: int
    documents_seen: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    pages: int = 0
    flagged_fields: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)
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
    return import_cadastre(get_settings(), path, commune_code)


@task(name="link-certificates")
def link_certificates_task(commune_code: str | None) -> dict[str, int]:
    return link_certificates(get_settings(), commune_code)


@task(name="run-qa")
def run_qa_task(commune_code: str | None) -> dict[str, Any]:
    return run_qa(get_settings(), commune_code)


@flow(name="build-land-db", log_prints=False)
def build_land_db(scans_dir: str | None, map_files: list[str] | None = None, commune_code: str | None = None,
                  workers: int = 0, task_runner: str = "thread", retry_of: int | None = None,
                  paths: list[str] | None = None) -> BuildSummary:
    """Build the land database from a folder of scans (and cadastral maps); returns the summary."""
    settings = get_settings()
    started = time.perf_counter()
    if paths is None:
        paths = [str(p) for p in list_scans(Path(scans_dir).resolve())] if scans_dir else []
    scans_dir = str(Path(scans_dir).resolve()) if scans_dir else None
    run_id = start_run(settings, scans_dir=scans_dir, task_runner=task_runner, retry_of=retry_of, arguments={
        "map_files": map_files or [], "commune_code": commune_code, "workers": resolve_workers(workers),
        "documents": len(paths)})
    summary = BuildSummary(run_id=run_id)
    summary.map_imports = [import_cadastre_task(m, commune_code) for m in map_files or []]
    if commune_code is None and summary.map_imports:
        communes = communes_of_imports(settings, [m["map_import_id"] for m in summary.map_imports])
        commune_code = communes[0] if len(communes) == 1 else None
    summary.commune_code = commune_code
    emit("run_started", run_id=run_id, total=len(paths))
    ingest_started = time.perf_counter()
    runner = make_task_runner(task_runner, workers)
    items = ingest_scans.with_options(task_runner=runner)(paths, run_id, commune_code)
    summary.ingest_seconds = time.perf_counter() - ingest_started
    _summarise_items(summary, items)
    link_certificates_task(commune_code)
    summary.qa_run = run_qa_task(commune_code)
    db = database_stats(settings)
    summary.database = {k: v for k, v in db.items() if not isinstance(v, dict)}
    summary.links = db["certificate_links"]
    summary.qa_findings = dict(summary.qa_run.get("summary", {}))
    summary.seconds = time.perf_counter() - started
    finish_run(settings, run_id, summary.to_dict())
    return summary
