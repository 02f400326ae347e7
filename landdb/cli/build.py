"""``landdb build SCANS_DIR [--map FILE]... [--workers N]``: the main job, with a progress bar and a summary.

Exit status: 0 every document was loaded or was already loaded; 3 partial: some documents failed (the summary
names them); 1 nothing could be loaded, or a map import failed; a bad option or input stops the build before it
starts (non-zero, one line, no run recorded).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import typer

from landdb.settings import get_settings

EXIT_STATUS = {"done": 0, "partial": 3, "failed": 1, "interrupted": 1}


def print_not_scans(skipped, command: str) -> None:
    """One stderr line per reason for the files and folders of a batch that are not documents."""
    by_reason: dict[str, list[str]] = {}
    for item in skipped:
        by_reason.setdefault(item.reason, []).append(Path(item.path).name)
    for reason, names in by_reason.items():
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        typer.echo(f"landdb {command}: skipped {len(names)} — {reason}: {shown}", err=True)


def report_status(summary, command: str = "build") -> int:
    """One stderr line saying how the run ended unless it is done; the exit status for it."""
    documents = summary.documents
    failed = [Path(f["path"]).name for f in summary.failures]
    if summary.status == "partial":
        shown = ", ".join(failed[:10]) + (f" and {len(failed) - 10} more" if len(failed) > 10 else "")
        typer.echo(f"landdb {command}: partial — {len(failed)} of {documents} documents failed ({shown}); "
                   f"`landdb runs show {summary.run_id}` says why, `landdb runs retry {summary.run_id}` re-tries them",
                   err=True)
    elif summary.status != "done":
        reason = summary.error or f"none of the {documents} documents could be loaded"
        typer.echo(f"landdb {command}: run {summary.run_id} {summary.status} — {reason}", err=True)
    return EXIT_STATUS.get(summary.status, 1)


def build(
    scans_dir: Path = typer.Argument(..., exists=True, file_okay=False,
                                     help="Folder of certificate scans: a batch (PDFs, TIFFs, folders of page "
                                          "images, in sub-folders at any depth) or one folder of page images."),
    map_files: list[Path] = typer.Option([], "--map", exists=True, dir_okay=False, help="Cadastral map file(s)."),
    commune: str | None = typer.Option(None, "--commune", help="Former commune/ward code of the batch."),
    workers: int = typer.Option(0, "--workers", min=0,
                                help="Parallel documents; 0 = LANDDB_OCR_WORKERS, or the number of cores."),
    task_runner: str = typer.Option("thread", "--task-runner",
                                    help="thread | process | dask | dask://HOST:PORT (an existing scheduler)."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """OCR every scan, load certificates exactly once, link them to the map, run QA; print what was built.

    Exit status 0: every document loaded (or already loaded).

    Exit status 3 (partial): some documents failed, named in the summary; `landdb runs retry RUN` re-tries them.

    Exit status 1: nothing could be loaded, or a map import failed.
    """
    from flows.plan import plan_build
    from landdb.cli.progress import run_build

    plan = plan_build(get_settings(), str(scans_dir), [str(m) for m in map_files], workers, task_runner)
    print_not_scans(plan.skipped, "build")
    # the flow lists the documents again, by the same rules, and records the files it skipped with the run
    summary = run_build(str(scans_dir), plan.map_files, commune, plan.workers, plan.task_runner, quiet=as_json)
    if as_json:
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2, default=str))
    raise typer.Exit(report_status(summary))


def demo() -> None:
    """Build the land database from sample_scans/ (what `make demo` runs) and print the summary.

    Exits 1 with one line unless every sample certificate is loaded (now or by an earlier demo).
    """
    from flows.plan import plan_build
    from landdb.cli.progress import run_build
    from landdb.settings import PROJECT_ROOT

    samples = PROJECT_ROOT / "sample_scans"
    maps = sorted(str(p) for p in samples.glob("*.gpkg"))
    scans = samples / "certificates" if (samples / "certificates").is_dir() else samples
    manifest = scans / "manifest.json"  # the sample set's list of certificates
    expected = len(json.loads(manifest.read_text(encoding="utf-8"))["documents"]) if manifest.is_file() else 0
    plan = plan_build(get_settings(), str(scans), maps, 0, "thread")
    summary = run_build(str(scans), plan.map_files, None, plan.workers, plan.task_runner, quiet=False)
    outcomes = Counter(summary.outcomes)
    loaded = outcomes["loaded"] + outcomes["new_version"] + outcomes["skipped"]
    if summary.status != "done" or loaded < max(expected, len(plan.paths)):
        reason = summary.error or ", ".join(f"{Path(f['path']).name} ({f['stage']}: {f['reason']})"
                                            for f in summary.failures[:3]) or "documents missing"
        typer.echo(f"landdb demo: loaded {loaded} of the {max(expected, len(plan.paths))} sample certificates — "
                   f"{reason}; see `landdb runs show {summary.run_id}`", err=True)
        raise typer.Exit(1)
    typer.echo('\nExplore it: landdb stats · psql "$(landdb db url)" · landdb runs list')
