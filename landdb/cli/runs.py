"""``landdb runs list | show RUN | retry RUN``: batch runs, how they ended, what failed and why; re-try the rest.

A run ends ``done``, ``partial``, ``failed`` or ``interrupted``; a build killed outright is found out (and marked
``interrupted``) by the next ``landdb runs`` or ``landdb build``.
"""

from __future__ import annotations

import json

import typer

from landdb.settings import get_settings

app = typer.Typer(help="Batch runs of `landdb build`: list them, show failures, re-try what was not loaded.",
                  no_args_is_help=True)


def _head(conn, run: int) -> dict:
    from landdb.errors import NotFoundError
    from landdb.sql import query

    head = conn.execute(query("ingest/get_run"), {"id": run}).fetchone()
    if head is None:
        raise NotFoundError(f"no run {run}; see `landdb runs list`")
    return head


@app.command("list")
def list_runs(limit: int = typer.Option(20, min=1, help="How many recent runs.")) -> None:
    """Recent runs with their status and documents loaded / skipped / failed / not reached."""
    from flows.runs import sweep_interrupted
    from landdb.db import connect
    from landdb.sql import query

    with connect(get_settings()) as conn:
        sweep_interrupted(conn)
        rows = conn.execute(query("ingest/list_runs"), {"limit": limit}).fetchall()
    if not rows:
        typer.echo("no runs yet")
        return
    typer.echo(f"{'run':>5}  {'started':19}  {'status':11}  {'loaded':>6}  {'skipped':>7}  {'failed':>6}  "
               f"{'not reached':>11}  scans")
    for r in rows:
        started = r["started_at"].strftime("%Y-%m-%d %H:%M:%S")
        retry = f" (retry of {r['retry_of']})" if r["retry_of"] else ""
        typer.echo(f"{r['id']:>5}  {started}  {r['status']:11}  {r['loaded']:>6}  {r['skipped']:>7}  "
                   f"{r['failed']:>6}  {r['not_reached']:>11}  {r['scans_dir'] or ''}{retry}")


@app.command()
def show(run: int = typer.Argument(..., help="Run id."),
         as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """One run: how it ended, its arguments, every failure with file, stage and reason, what it never reached."""
    from flows.runs import sweep_interrupted
    from landdb.db import connect
    from landdb.sql import query

    with connect(get_settings()) as conn:
        sweep_interrupted(conn)
        head = _head(conn, run)
        items = conn.execute(query("ingest/run_items"), {"id": run, "outcome": None}).fetchall()
        not_loaded = [r["path"] for r in conn.execute(query("ingest/not_loaded"), {"id": run})]
    failed = {i["path"] for i in items if i["outcome"] == "failed"}
    never = [p for p in not_loaded if p not in failed]
    if as_json:
        typer.echo(json.dumps({"run": head, "items": items, "not_reached": never}, default=str, ensure_ascii=False,
                              indent=2))
        return
    where = f" on {head['host']} (pid {head['pid']})" if head["host"] else ""
    typer.echo(f"run {run}: {head['status']}, started {head['started_at']:%Y-%m-%d %H:%M:%S} by {head['run_by']}"
               f"{where}, scans {head['scans_dir']}, task runner {head['task_runner']}, "
               f"commune {head['commune_code'] or '-'}")
    if head["summary"].get("error"):
        typer.echo(f"  why: {head['summary']['error']}")
    outcomes: dict[str, int] = {}
    for item in items:
        outcomes[item["outcome"]] = outcomes.get(item["outcome"], 0) + 1
    if never:
        outcomes["not reached"] = len(never)
    typer.echo(f"documents ({head['documents']}): "
               + (", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())) or "none recorded"))
    for item in items:
        if item["outcome"] == "failed":
            typer.echo(f"  FAILED {item['path']} [{item['stage']}]: {item['reason']}")
    for path in never:
        typer.echo(f"  NOT REACHED {path}")
    for skipped in (head["arguments"] or {}).get("not_scans", []):
        typer.echo(f"  not a document: {skipped['path']}: {skipped['reason']}")


@app.command()
def retry(run: int = typer.Argument(..., help="Run whose documents not loaded (failed or never reached) to re-try."),
          workers: int = typer.Option(0, "--workers", min=0,
                                      help="Parallel documents; 0 = LANDDB_OCR_WORKERS, or the number of cores."),
          task_runner: str = typer.Option("thread", "--task-runner",
                                          help="thread | process | dask | dask://HOST:PORT."),
          as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON.")) -> None:
    """Re-try every document RUN did not load — failed or never reached — as a new run linked to it, with the
    commune RUN loaded with. Exit status as `landdb build`'s."""
    from flows.plan import plan_build
    from flows.runs import sweep_interrupted
    from landdb.cli.build import report_status
    from landdb.cli.progress import run_build
    from landdb.db import connect
    from landdb.errors import ConflictError
    from landdb.sql import query

    settings = get_settings()
    with connect(settings) as conn:
        sweep_interrupted(conn)
        head = _head(conn, run)
        paths = [r["path"] for r in conn.execute(query("ingest/not_loaded"), {"id": run})]
    if head["status"] == "running":
        raise ConflictError(f"run {run} is still running on {head['host']} (pid {head['pid']}): wait for it, or "
                            "stop it first")
    arguments = head["arguments"] or {}
    # maps whose import the run never finished are imported again (an import already done changes nothing)
    maps = [] if head["ingest_started_at"] else arguments.get("map_files", [])
    if not paths and not maps:
        typer.echo(f"run {run}: every document was loaded; nothing to re-try")
        return
    commune = head["commune_code"] or arguments.get("commune_code")
    plan = plan_build(settings, head["scans_dir"], maps, workers, task_runner, paths=paths)
    summary = run_build(head["scans_dir"], plan.map_files, commune, plan.workers, plan.task_runner, quiet=as_json,
                        retry_of=run, paths=plan.paths)
    if as_json:
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2, default=str))
    raise typer.Exit(report_status(summary, "runs retry"))
