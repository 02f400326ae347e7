"""``landdb build SCANS_DIR [--map FILE]... [--workers N]``: the main job, with a progress bar and a summary."""

from __future__ import annotations

import json
from pathlib import Path

import typer


def build(
    scans_dir: Path = typer.Argument(..., exists=True, file_okay=False, help="Folder of certificate scans."),
    map_files: list[Path] = typer.Option([], "--map", exists=True, dir_okay=False, help="Cadastral map file(s)."),
    commune: str | None = typer.Option(None, "--commune", help="Former commune/ward code of the batch."),
    workers: int = typer.Option(0, "--workers", help="Parallel documents; 0 = number of cores."),
    task_runner: str = typer.Option("thread", "--task-runner",
                                    help="process | thread | dask | dask://HOST:PORT (existing scheduler)."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """OCR every scan, load certificates exactly once, link them to the map, run QA; print what was built."""
    from landdb.cli.progress import run_build

    summary = run_build(str(scans_dir), [str(m) for m in map_files], commune, workers, task_runner,
                        quiet=as_json)
    if as_json:
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2, default=str))
    if summary.failures:
        raise typer.Exit(1)


def demo() -> None:
    """Build the land database from sample_scans/ (what `make demo` runs) and print the summary."""
    from landdb.cli.progress import run_build
    from landdb.settings import PROJECT_ROOT

    samples = PROJECT_ROOT / "sample_scans"
    maps = sorted(str(p) for p in samples.glob("*.gpkg"))
    scans = samples / "certificates" if (samples / "certificates").is_dir() else samples
    run_build(str(scans), maps, None, 0, "thread", quiet=False)
    typer.echo("\nExplore it: landdb stats · psql \"$(landdb db url)\" · landdb runs list")
