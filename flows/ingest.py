"""``ingest_scans``: every scan in a batch → the land database, resumable and exactly once.

The flow is a thin wrapper: each document is one task running :func:`flows.steps.ingest_file`.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, task
from prefect.futures import as_completed

from flows.events import emit
from flows.steps import ItemResult, ingest_file, record_item
from landdb.settings import get_settings


def ingest_one(path: str, run_id: int, commune_code: str | None) -> ItemResult:
    return ingest_file(Path(path), run_id, commune_code=commune_code, settings=get_settings())


# Wrapped rather than decorated, so the plain function stays importable by name: Dask workers unpickle it by
# reference (a decorated function is shadowed by its Task and would be pickled by value).
ingest_document = task(name="ingest-document", retries=0)(ingest_one)


def _crashed(path: str, run_id: int, exc: Exception) -> ItemResult:
    """A task that died (its worker process lost, the database gone) is one failed document, not a lost batch."""
    item = ItemResult(path=path, outcome="failed", stage="run", reason=f"{type(exc).__name__}: {exc}"[:500])
    try:
        record_item(get_settings(), run_id, item)
    except Exception:  # noqa: BLE001 - the database may be what failed; the run's summary still lists the item
        pass
    return item


@flow(name="ingest-scans", log_prints=False)
def ingest_scans(paths: list[str], run_id: int, commune_code: str | None = None) -> list[ItemResult]:
    """Ingest documents concurrently on the flow's task runner; each result is emitted as it lands."""
    futures = [ingest_document.submit(p, run_id, commune_code) for p in paths]
    path_of = {id(f): p for f, p in zip(futures, paths, strict=True)}
    results: list[ItemResult] = []
    for future in as_completed(futures):
        try:
            item = future.result()
        except Exception as exc:  # noqa: BLE001 - recorded as this document's failure; the batch goes on
            item = _crashed(path_of[id(future)], run_id, exc)
        results.append(item)
        emit("document_done", item=item)
    order = {p: i for i, p in enumerate(paths)}
    return sorted(results, key=lambda r: order.get(r.path, len(order)))
