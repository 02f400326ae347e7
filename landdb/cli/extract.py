"""``landdb extract PATH... [--jsonl] [--workers N]``: read scanned certificates, no database needed.

A PATH is a document (PDF, TIFF, image, folder of page images) or a batch folder walked recursively, found by
the same rules as ``landdb build`` (:func:`ocr.pages.discover_documents`); files of a batch that are not scans
are listed on stderr as skipped. Documents are read in parallel (one process per worker, Tesseract
single-threaded in each) and reported in order. A document that cannot be read gives ``{"source", "error"}`` and
a line on stderr; the run goes on and exits 0. A missing path or an ambiguous folder (page images beside PDFs or
folders) stops it before any reading, with one line.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer


def _one(path: str) -> dict:
    from ocr.extract import extract_document

    result = extract_document(Path(path))
    return {"json": result.to_json_dict(), "flags": result.flags, "seconds": result.seconds,
            "kinds": result.page_kinds, "error": result.error}


def _summary(path: str, out: dict) -> str:
    if out["error"]:
        return f"{path}: ERROR {out['error']}"
    rec = out["json"]
    parcel = rec["parcel"]
    lines = [f"{path}: {rec['form']} serial {rec['serial']} · sheet {parcel['sheet_no']} parcel {parcel['parcel_no']}"
             f" · {parcel['area_m2']} m² · {len(rec['vertices'])} vertices · {len(out['flags'])} flagged field(s)"
             f" · {out['seconds']:.1f} s",
             "  owners: " + "; ".join(f"{o.get('title') or ''} {o['name']}".strip() for o in rec["owners"])]
    lines += [f"  ! {f['field']}: {f['reason']}" for f in out["flags"]]
    return "\n".join(lines)


def extract(
    paths: list[str] = typer.Argument(..., help="PDF, TIFF, JPEG/PNG files, folders of page images, or batch "
                                                 "folders (of PDFs, TIFFs, folders; walked recursively)."),
    jsonl: bool = typer.Option(False, "--jsonl", help="One JSON object per document on stdout."),
    workers: int = typer.Option(0, "--workers", min=0, help="Parallel documents; 0 = settings.ocr_workers or cores."),
) -> None:
    """Read land certificates into records with per-field confidence and flags."""
    import os
    from concurrent.futures import ProcessPoolExecutor

    from flows.preflight import preflight
    from flows.runners import resolve_workers
    from landdb.cli.build import print_not_scans
    from landdb.settings import get_settings
    from ocr.pages import discover_documents

    settings = get_settings()
    found = discover_documents(paths)
    print_not_scans(found.skipped, "extract")
    preflight(settings, schema=False)
    paths = [str(p) for p in found.documents]
    os.environ["OMP_THREAD_LIMIT"] = "1"  # before any Tesseract starts (traps.md)
    count = resolve_workers(workers, settings)
    count = max(1, min(count, len(paths)))
    if count == 1:
        results = map(_one, paths)
        pool = None
    else:
        pool = ProcessPoolExecutor(max_workers=count)
        results = pool.map(_one, paths)
    try:
        for path, out in zip(paths, results, strict=True):
            if out["error"]:
                typer.echo(f"landdb extract: {out['error']}", err=True)
            if jsonl:
                typer.echo(json.dumps(out["json"], ensure_ascii=False))
            else:
                typer.echo(_summary(path, out))
    finally:
        if pool is not None:
            pool.shutdown()
