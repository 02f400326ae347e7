"""``landdb runs list | show RUN | retry RUN``: batch runs, what failed in them and why; re-try the failures."""

from __future__ import annotations

import json

import typer

from landdb.settings import get_settings

app = typer.Typer(help="Batch runs of `landdb build`: list them, show failures, re-try only the failed.",
                  no_args_is_help=True)


@app.command("list")
def list_runs(limit: int = typer.Option(20, help="How many recent runs.")) -> None:
    """Recent runs with documents loaded / skipped / failed."""
    from landdb.db import connect
    from landdb.sql import query

    with connect(get_settings()) as conn:
        rows = conn.execute(query("ingest/list_runs"), {"limit": limit}).fetchall()
    if not rows:
        typer.echo("no runs yet")
        return
    typer.echo(f"{'run':>5}  {'started':19}  {'status':11}  {'loaded':>6}  {'skipped':>7}  {'failed':>6}  scans")
    for r in rows:
        started = r["started_at"].strftime("%Y-%m-%d %H:%M:%S")
        status = r["status"] if r["finished_at"] or r["status"] != "running" else "running/killed"
        typer.echo(f"{r['id']:>5}  {started}  {status:11}  {r['loaded']:>6}  {r['skipped']:>7}  {r['failed']:>6}  "
                   f"{r['scans_dir'] or ''}{' (retry of ' + str(r['retry_of']) + ')' if r['retry_of'] else ''}")


@app.command()
def show(run: int = typer.Argument(..., help="Run id."),
         as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """One run: its arguments, summary and every failure with file, stage and reason."""
    from landdb.db import connect
    from landdb.errors import NotFoundError
    from landdb.sql import query

    with connect(get_settings()) as conn:
        head = conn.execute(query("ingest/get_run"), {"id": run}).fetchone()
        if head is None:
            raise NotFoundError(f"no run {run}; see `landdb runs list`")
        items = conn.execute(query("ingest/run_items"), {"id": run, "outcome": None}).fetchall()
    failures = [i for i in items if i["outcome"] == "failed"]
    if as_json:
        typer.echo(json.dumps({"run": head, "items": items}, default=str, ensure_ascii=False, indent=2))
        return
    typer.echo(f"run {run}: {head['status']}, started {head['started_at']:%Y-%m-%d %H:%M:%S} by {head['run_by']}, "
               f"scans {head['scans_dir']}, task runner {head['task_runner']}")
    outcomes: dict[str, int] = {}
    for item in items:
        outcomes[item["outcome"]] = outcomes.get(item["outcome"], 0) + 1
    typer.echo("documents: " + (", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())) or "none recorded"))
    for item in failures:
        typer.echo(f"  FAILED {item['path']} [{item['stage']}]: {item['reason']}")


@app.command()
def retry(run: int = typer.Argument(..., help="Run whose failed documents to re-try."),
          workers: int = typer.Option(0, "--workers"),
          task_runner: str = typer.Option("thread", "--task-runner")) -> None:
    """Re-try only the documents that failed in RUN (as a new run linked to it)."""
    from landdb.cli.progress import run_build
    from landdb.db import connect
    from landdb.errors import NotFoundError
    from landdb.sql import query

    with connect(get_settings()) as conn:
        head = conn.execute(query("ingest/get_run"), {"id": run}).fetchone()
        if head is None:
            raise NotFoundError(f"no run {run}; see `landdb runs list`")
        failed = [r["path"] for r in conn.execute(query("ingest/run_items"), {"id": run, "outcome": "failed"})]
    if not failed:
        typer.echo(f"run {run} has no failed documents")
        return
    commune = (head["arguments"] or {}).get("commune_code")
    summary = run_build(head["scans_dir"], [], commune, workers, task_runner, quiet=False, retry_of=run,
                        paths=failed)
    if summary.failures:
        raise typer.Exit(1)
