"""``landdb qa run|check|report|rules|finding``: the QA rule catalogue from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import typer

app = typer.Typer(help="Quality assurance: run the rule catalogue, check a map file, report, manage findings.",
                  no_args_is_help=True)
finding_app = typer.Typer(help="The life of a finding: new → fixed | exception (reason) → verified.",
                          no_args_is_help=True)
app.add_typer(finding_app, name="finding")


def _rule_list(rules: str | None) -> list[str] | None:
    return [r.strip() for r in rules.split(",") if r.strip()] if rules else None


def _print_summary(summary: dict[str, int]) -> None:
    from qa import rules as catalogue

    for rule in catalogue.RULES:
        if rule.id in summary:
            typer.echo(f"  {rule.id:<26} {summary[rule.id]:>7}  {rule.description_en}")


def _print_not_checked(lines: list[str]) -> None:
    for line in lines:
        typer.echo(f"  note: {line}")


@app.command()
def run(
    commune: str | None = typer.Option(None, "--commune", help="Only this commune (code); default: everything."),
    rules: str | None = typer.Option(None, "--rules", help="Comma-separated rule ids; default: all."),
    workers: int = typer.Option(0, "--workers", min=0,
                                help="The whole city: communes run at once; 0 = LANDDB_OCR_WORKERS, or the cores."),
    task_runner: str = typer.Option("thread", "--task-runner",
                                    help="The whole city: thread | process | dask | dask://HOST:PORT."),
    as_json: bool = typer.Option(False, "--json", help="Print the run as JSON."),
) -> None:
    """Run the catalogue on the land database; findings are stored and supersede those of the same scope.

    The whole city runs one commune per task on the task runner (the same findings as one run)."""
    from qa.runner import run_database, select_rules

    if commune is not None:
        result = run_database(commune=commune, rule_ids=_rule_list(rules))
        done = {"run_id": result.run_id, "parcels": result.parcels, "summary": result.summary,
                "stored": result.stored, "closed_as_fixed": result.closed, "not_checked": result.not_checked}
        what, found, seconds = f"QA run {result.run_id}", len(result.findings), result.seconds
    else:
        from flows.prefect_env import configure_prefect
        from flows.runners import check_task_runner, resolve_workers

        select_rules(_rule_list(rules))             # mistakes are one line before Prefect starts
        kind, workers = check_task_runner(task_runner), resolve_workers(workers)
        configure_prefect()
        from flows.qa_city import run_qa_city

        city = run_qa_city(kind, workers, _rule_list(rules))
        done = {"run_id": city["run_ids"][-1], "run_ids": city["run_ids"], "communes": city["communes"],
                "parcels": city["parcels"], "summary": city["summary"], "stored": city["stored"],
                "closed_as_fixed": city["closed"], "not_checked": city["not_checked"]}
        ids = city["run_ids"]
        what = (f"QA run {ids[0]}" if len(ids) == 1 else
                f"QA runs {ids[0]}–{ids[-1]} ({city['communes']} communes, {workers} at a time on {kind})")
        found, seconds = len(city["findings"]), city["seconds"]
    if as_json:
        typer.echo(json.dumps(done, ensure_ascii=False))
        return
    typer.echo(f"{what}: {done['parcels']} parcels, {found} findings in {seconds:.1f} s; "
               f"{done['closed_as_fixed']} earlier findings closed as fixed")
    _print_summary(done["summary"])
    _print_not_checked(done["not_checked"])


@app.command()
def check(
    file: Path = typer.Argument(..., help="A map file GDAL reads (GeoPackage, Shapefile, GML …)."),
    layer: str | None = typer.Option(None, "--layer", help="Layer name (default: the first)."),
    crs: str | None = typer.Option(None, "--crs", help="EPSG:n when the file has no CRS or a wrong one (checked "
                                   "against the coordinates)."),
    force_crs: bool = typer.Option(False, "--force-crs", help="Keep a CRS the plausibility check refuses."),
    rules: str | None = typer.Option(None, "--rules", help="Comma-separated map rule ids; default: all map rules."),
    mapping: Path | None = typer.Option(None, "--mapping", help="mapping.toml: which column holds which field "
                                        "(as for import-map)."),
    as_json: bool = typer.Option(False, "--json", help="Print findings and summary as JSON."),
) -> None:
    """Read FILE as import-map reads it, load it into a scratch table, run the map rules on it and print the
    findings (nothing is stored)."""
    from landdb.db import connect
    from qa import scratch
    from qa.runner import check_table, select_rules

    rule_ids = _rule_list(rules)
    select_rules(rule_ids, map_only=True)  # an unknown rule before the file is read
    read = scratch.read_file(file, layer, crs, force_crs, mapping)
    for warning in read.decision.warnings:
        typer.echo(f"landdb: warning: {warning}", err=True)
    with connect(autocommit=True) as conn, scratch.scratch_map(conn, read) as table:
        result = check_table(conn, table.name, rule_ids)
    if as_json:
        keys = ("rule", "severity", "parcels", "measure", "threshold", "unit", "message", "geometry_wkt")
        typer.echo(json.dumps({"findings": [{k: f[k] for k in keys} for f in result.findings],
                               "summary": result.summary, "not_checked": result.not_checked}, ensure_ascii=False))
        return
    for f in result.findings:
        typer.echo(f"[{f['rule']}] {f['message']}")
    typer.echo(f"{file}: {result.parcels} parcels, {len(result.findings)} findings")
    _print_summary(result.summary)
    _print_not_checked(result.not_checked)


@app.command()
def report(
    fmt: str = typer.Option("html", "--format", help="html, csv or gpkg."),
    out: Path | None = typer.Option(None, "--out", help="Output file (default: var/qa-report.<format>)."),
    commune: str | None = typer.Option(None, "--commune", help="Only this commune."),
    rules: str | None = typer.Option(None, "--rules", help="Comma-separated rule ids."),
    include_closed: bool = typer.Option(False, "--all", help="Include fixed and verified findings."),
) -> None:
    """Write a report of the stored findings."""
    from landdb.settings import get_settings
    from qa.report import write

    out = out or get_settings().var_dir / f"qa-report.{fmt}"
    n = write(fmt, out, commune, _rule_list(rules), include_closed)
    typer.echo(f"{out}: {n} findings")


@app.command("close")
def close_commune(commune: str = typer.Argument(..., help="The commune code (mã xã) whose certificates are all "
                                                          "loaded.")) -> None:
    """Close a commune's digitisation: from then on `qa run` lists its map parcels without a certificate
    (rule parcel_without_certificate, informational)."""
    from landdb.db import connect
    from landdb.settings import get_settings
    from qa.digitisation import close

    with connect() as conn:
        done = close(conn, commune, f"qa:{get_settings().who}")
    typer.echo(f"commune {commune}: digitisation {'closed' if done else 'was closed already'}")


@app.command("rules")
def list_rules() -> None:
    """List the rule catalogue and the parameters in force (settings, LANDDB_QA_*, landdb.toml [qa])."""
    from qa import rules as catalogue
    from qa.params import rule_parameters

    for rule in catalogue.RULES:
        typer.echo(f"{rule.id:<26} {rule.severity:<8} {rule.target:<12} {rule.description_vi} / {rule.description_en}")
    typer.echo("\nparameters in force:")
    for name, value in rule_parameters().items():
        typer.echo(f"  {name:<30} {json.dumps(value)}")


@finding_app.command("set-status")
def set_status(
    finding_id: int = typer.Argument(..., help="The finding's id (see the report)."),
    status: str = typer.Argument(..., help="fixed, exception, verified or new."),
    reason: str | None = typer.Option(None, "--reason", help="Why (required for an exception)."),
    version: int | None = typer.Option(None, "--version", help="The version you looked at (refused if stale)."),
) -> None:
    """Change a finding's status; refused if someone changed it since the version you saw."""
    from qa.findings import set_status as change

    row = change(finding_id, status, reason, expected_version=version)
    typer.echo(f"finding {finding_id}: {row['status']} (version {row['version']}, by {row['status_by']})")


@finding_app.command("show")
def show(finding_id: int = typer.Argument(...)) -> None:
    """Show one finding's status, version and sentence."""
    from qa.findings import get

    row = get(finding_id)
    typer.echo(f"#{row['id']} {row['rule_id']} [{row['status']}] version {row['version']}")
    typer.echo(row["message"])
    if row["status_reason"]:
        typer.echo(f"{row['status_by']} at {row['status_at']}: {row['status_reason']}")
