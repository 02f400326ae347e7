"""``ingest_scans``: every scan in a batch → the land database, resumable and exactly once.

The flow is a thin wrapper: each document is one task running :func:`flows.steps.ingest_file`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from prefect import flow, task
from prefect.futures import as_completed

from flows.steps import ItemResult, ingest_file
from landdb.settings import get_settings


@task(name="ingest-document", retries=0)
def ingest_document(path: str, run_id: int, commune_code: str | None) -> ItemResult:
    return ingest_file(Path(path), run_id, commune_code=commune_code, settings=get_settings())


@flow(name="ingest-scans", log_prints=False)
def ingest_scans(paths: list[str], run_id: int, commune_code: str | None = None,
                 on_item: Callable[[ItemResult], None] | None = None) -> list[ItemResult]:
    """Ingest documents concurrently on the flow's task runner; ``on_item`` sees each result as it lands."""
    futures = [ingest_document.submit(p, run_id, commune_code) for p in paths]
    results: list[ItemResult] = []
    for future in as_completed(futures):
        item = future.result()
        results.append(item)
        if on_item is not None:
            on_item(item)
    order = {p: i for i, p in enumerate(paths)}
    return sorted(results, key=lambda r: order.get(r.path, len(order)))
