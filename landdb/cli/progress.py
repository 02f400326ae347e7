"""Runs the build flow with a rich progress bar (done / failed / rate / ETA) and prints the summary."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table


def run_build(scans_dir: str | None, map_files: list[str], commune: str | None, workers: int, task_runner: str,
              *, quiet: bool, retry_of: int | None = None, paths: list[str] | None = None):
    from flows.prefect_env import configure_prefect

    configure_prefect()
    from flows.build import build_land_db
    from flows.events import listening

    console = Console(stderr=True)
    progress = Progress(TextColumn("[bold]documents"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[status]}"), TextColumn("{task.fields[rate]}"),
                        TimeRemainingColumn(), console=console, disable=quiet)
    state = {"task": None, "failed": 0, "skipped": 0, "pages": 0}

    def on_start(run_id: int, total: int) -> None:
        progress.console.print(f"run {run_id}: {total} documents")
        state["task"] = progress.add_task("ingest", total=total, status="", rate="")

    def on_event(event: str, data: dict) -> None:
        if event == "run_started":
            on_start(data["run_id"], data["total"])
        elif event == "document_done":
            on_item(data["item"])

    def on_item(item) -> None:
        state["failed"] += item.outcome == "failed"
        state["skipped"] += item.outcome == "skipped"
        state["pages"] += item.pages
        task = progress.tasks[state["task"]]
        elapsed = task.elapsed or 1e-9
        progress.update(state["task"], advance=1, rate=f"{state['pages'] / elapsed:.2f} pages/s",
                        status=f"failed {state['failed']} · skipped {state['skipped']}")
        if item.outcome == "failed":
            progress.console.print(f"[red]failed[/red] {item.path} ({item.stage}): {item.reason}")

    with progress, listening(on_event):
        summary = build_land_db(scans_dir, map_files, commune, workers, task_runner, retry_of=retry_of,
                                paths=paths)
    if not quiet:
        print_summary(Console(), summary)
    return summary


def print_summary(console: Console, summary) -> None:
    table = Table(title=f"landdb build — run {summary.run_id}", show_header=False)
    loaded = summary.outcomes.get("loaded", 0) + summary.outcomes.get("new_version", 0)
    table.add_row("documents read", str(summary.documents_seen))
    table.add_row("loaded now", f"{loaded} ({summary.outcomes.get('new_version', 0)} as new versions)")
    table.add_row("skipped (already loaded)", str(summary.outcomes.get("skipped", 0)))
    table.add_row("failed", str(summary.outcomes.get("failed", 0)))
    for imp in summary.map_imports:
        table.add_row("map imported", str(imp.get("summary", "")))
    db = summary.database
    table.add_row("certificates in the database", str(db.get("certificates")))
    table.add_row("map parcels in the database", str(db.get("map_parcels")))
    table.add_row("parties / rights", f"{db.get('parties')} / {db.get('rights')}")
    table.add_row("fields flagged for review (this run)", str(summary.flagged_fields))
    table.add_row("open review tasks", str(db.get("open_review_tasks")))
    if summary.links:
        table.add_row("certificate ↔ map links", ", ".join(f"{k} {v}" for k, v in summary.links.items()))
    if summary.qa_findings:
        table.add_row("QA findings by rule", ", ".join(f"{k} {v}" for k, v in sorted(summary.qa_findings.items())))
    table.add_row("time", f"{summary.seconds:.1f} s (ingest {summary.ingest_seconds:.1f} s)")
    table.add_row("pages/s (documents loaded now)", f"{summary.pages_per_second:.2f}")
    console.print(table)
    for failure in summary.failures:
        console.print(f"[red]failed[/red] {failure['path']} at {failure['stage']}: {failure['reason']}")
