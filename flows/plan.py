"""Everything a build checks before it writes a run row or imports a map: options, resources, the documents.

A bad ``--task-runner``, an unreachable ``dask://`` scheduler or one whose workers cannot read the batch or reach
another database (:mod:`flows.dask_workers`), a missing map file, missing Tesseract data or an
ambiguous folder layout stops the build here, with one clear message and nothing recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from flows.prefect_env import configure_prefect
from flows.preflight import preflight
from flows.runners import check_task_runner, resolve_workers
from landdb.errors import InputFileError
from landdb.settings import Settings
from ocr.pages import Skipped, discover_documents

__all__ = ["BuildPlan", "plan_build"]


@dataclass
class BuildPlan:
    scans_dir: str | None
    paths: list[str]
    map_files: list[str]
    workers: int
    task_runner: str
    skipped: list[Skipped] = field(default_factory=list)


def plan_build(settings: Settings, scans_dir: str | None, map_files: list[str], workers: int | None,
               task_runner: str, paths: list[str] | None = None) -> BuildPlan:
    """Check the options and resources and list the documents (unless ``paths`` are given, as by a retry)."""
    configure_prefect()  # before anything here or in a check imports Prefect
    task_runner = check_task_runner(task_runner)
    workers = resolve_workers(workers, settings)
    maps = [str(m) for m in map_files]
    for path in maps:
        if not Path(path).is_file():
            raise InputFileError(path, "no such map file")
    preflight(settings)
    skipped: list[Skipped] = []
    if paths is None:
        if scans_dir is None:
            raise InputFileError("(none)", "no folder of scans given")
        found = discover_documents([Path(scans_dir).resolve()])
        paths, skipped = [str(p) for p in found.documents], found.skipped
    if task_runner.startswith("dask://") and paths:
        from flows.dask_workers import check_dask_workers

        check_dask_workers(task_runner.removeprefix("dask://"), list(paths), settings)
    return BuildPlan(scans_dir=str(Path(scans_dir).resolve()) if scans_dir else None, paths=list(paths),
                     map_files=maps, workers=workers, task_runner=task_runner, skipped=skipped)
