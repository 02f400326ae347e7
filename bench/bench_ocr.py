"""OCR accuracy and speed: landdb extract vs ground truth, and vs bare `tesseract -l vie` on the same pages.

Runs on the committed sample scans (``sample_scans/**/*.pdf`` with a ``.json`` truth beside them) and on N
freshly generated documents (seed not used for calibration). Prints per-field exact-match accuracy (and CER
for text fields) by severity, the document-level "all key fields right" rate, the share of fields left
unflagged and the precision of unflagged fields, straight-through documents, pages per second with both
cores, and the time per page against bare Tesseract (OMP_THREAD_LIMIT=1 for both, the same pool size).

    .venv/bin/python -m bench ocr            # defaults: 16 generated documents, seed 2027, 2 workers
    .venv/bin/python -m bench.bench_ocr --count 32 --seed 2027 --dump var/ocr_fields.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from landdb.settings import PROJECT_ROOT

SEVERITY = re.compile(r"_(clean|light|medium|heavy|photo)\b")


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _extract(pdf: str, baseline: bool = False) -> dict:
    """landdb's reading of one document, its CPU seconds, and — with ``baseline`` — bare Tesseract on the same page
    images right after it in the same worker: the two are timed in turn, document by document, so that a busy
    minute of the machine falls on both (timed in two phases, the ratio of the same code ranged 0.80–1.19 over six
    quiet runs)."""
    from ocr.extract import extract_document

    cpu = _cpu()
    result = extract_document(Path(pdf))
    out = {"json": result.to_json_dict(), "pages": result.pages, "seconds": result.seconds, "cpu": _cpu() - cpu,
           "quality": result.page_quality,
           "fields": [{"field": f.field, "confidence": f.confidence, "flagged": f.flagged, "reason": f.flag_reason,
                       "page": f.page, "confirmed": f.confirmed} for f in result.fields]}
    if baseline:
        out.update(_bare_document(Path(pdf)))
    return out


def _bare_document(pdf: Path) -> dict:
    """The document's pages rasterized as landdb rasterizes them (CPU timed), then ``tesseract -l vie`` on each."""
    import cv2

    from ocr.pages import load_pages

    cpu = _cpu()
    loaded = load_pages(pdf)
    raster = _cpu() - cpu
    bare = seconds = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for j, page in enumerate(loaded):
            png = Path(tmp) / f"{j}.png"
            cv2.imwrite(str(png), cv2.cvtColor(page, cv2.COLOR_RGB2BGR))
            started = time.perf_counter()
            bare += _bare(str(png))
            seconds += time.perf_counter() - started
    return {"bare_cpu": bare, "bare_seconds": seconds, "raster_cpu": raster, "bare_pages": len(loaded)}


def _bare(png: str) -> float:
    """CPU seconds of one bare Tesseract run (user + system of the child)."""
    cpu = _cpu()
    subprocess.run(["tesseract", png, "stdout", "-l", "vie"], capture_output=True, check=True,
                   env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    return _cpu() - cpu


def _documents(count: int, seed: int, style: str = "standard", photos: bool = False) -> list[tuple[Path, Path]]:
    from sample_scans.cache import generated, photographed

    if photos:  # the same certificates scanned (the baseline) and photographed
        return generated(count, seed) + photographed(count, seed)
    if style != "standard":  # only documents unlike the committed ones
        return generated(count, seed, style=style)
    committed = [(p, p.with_suffix(".json")) for p in sorted((PROJECT_ROOT / "sample_scans").rglob("*.pdf"))
                 if p.with_suffix(".json").exists()]
    return committed + (generated(count, seed) if count else [])


def _page_quality(quality: list[float], page: int | None) -> float | None:
    return quality[page - 1] if page and 0 < page <= len(quality) else None


def _name(pdf: Path) -> str:
    """The document's path from the project root (committed and generated samples share file names)."""
    return str(pdf.relative_to(PROJECT_ROOT)) if pdf.is_relative_to(PROJECT_ROOT) else str(pdf)


def _pct(num: int, den: int) -> str:
    return f"{100 * num / den:5.1f}%" if den else "   n/a"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_ocr", description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=16)
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dump", type=Path, help="write every field outcome (with confidence) as JSON lines")
    parser.add_argument("--only", default="", help="comma-separated severities to keep (default: all)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the bare-Tesseract timing")
    parser.add_argument("--style", default="standard", choices=("standard", "unseen"),
                        help="'unseen': generated documents only, in other typefaces with other names and places")
    parser.add_argument("--photos", action="store_true",
                        help="generated documents scanned and the same ones photographed with a phone (folders of "
                             "page photos in any order), side by side")
    parser.add_argument("--limit", type=int, default=0,
                        help="with --photos: read only the first N documents of each set (same cached sets, quicker)")
    args = parser.parse_args(argv)
    os.environ["OMP_THREAD_LIMIT"] = "1"

    from ocr.evaluate import KEY_FIELDS, TEXT_FIELDS, cer, compare

    docs = _documents(args.count, args.seed, args.style, args.photos)
    if args.photos and args.limit:
        docs = docs[: args.limit] + docs[args.count: args.count + args.limit]
    if args.only:
        keep = set(args.only.split(","))
        docs = [d for d in docs if (SEVERITY.search(d[0].stem) or re.match("(.*)", "committed")).group(1) in keep]
    print(f"{len(docs)} documents (generated: seed {args.seed}, style {args.style}), {args.workers} workers",
          flush=True)
    started = time.perf_counter()
    # the baseline (bare tesseract on the same page images, same pool size and thread setting) is timed in each
    # worker right after landdb's reading of the same document; a photo is not a page image yet: scans only
    baseline = [not args.no_baseline and not p.is_dir() for p, _ in docs]
    with ProcessPoolExecutor(args.workers) as pool:
        outs = list(pool.map(_extract, [str(p) for p, _ in docs], baseline))
    wall = time.perf_counter() - started
    pages = sum(o["pages"] for o in outs)

    by_sev: dict[str, list] = defaultdict(list)
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for (pdf, truth_path), out in zip(docs, outs, strict=True):
        severity = (SEVERITY.search(pdf.stem) or re.match("(.*)", "committed")).group(1)
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        outcomes = compare(out["json"], truth) if "error" not in out["json"] else []
        by_sev[severity].append((pdf, out, outcomes))
        if dump:
            conf = {f["field"]: f["confidence"] for f in out["fields"]}
            reasons = {f["field"]: f["reason"] for f in out["fields"]}
            extra = {f["field"]: f for f in out["fields"]}
            quality = out.get("quality") or []
            for o in outcomes:
                dump.write(json.dumps({"doc": _name(pdf), "severity": severity, "field": o.field, "group": o.group,
                                       "correct": o.correct, "flagged": o.flagged, "confidence": conf.get(o.field),
                                       "reason": reasons.get(o.field),
                                       "confirmed": extra.get(o.field, {}).get("confirmed"),
                                       "page_quality": _page_quality(quality, extra.get(o.field, {}).get("page")),
                                       "truth": o.truth, "predicted": o.predicted}, ensure_ascii=False) + "\n")
    if dump:
        dump.close()

    groups = sorted({o.group for docs_ in by_sev.values() for _, _, outs_ in docs_ for o in outs_})
    order = [s for s in ("clean", "light", "medium", "heavy", "committed", "photo") if s in by_sev]
    print("\nPer-field exact-match accuracy (CER for text fields) by severity, and over clean+light+medium")
    columns = [*order, "c+l+m"]
    print(f"{'field':28}" + "".join(f"{s:>20}" for s in columns))
    for group in groups:
        row = f"{group:28}"
        for sev in columns:
            sevs = [s for s in order if s in ("clean", "light", "medium", "committed")] if sev == "c+l+m" else [sev]
            items = [o for s in sevs for _, _, outs_ in by_sev[s] for o in outs_ if o.group == group]
            if not items:
                row += f"{'-':>20}"
                continue
            acc = _pct(sum(o.correct for o in items), len(items))
            if group.split(".")[-1] in TEXT_FIELDS:
                rate = sum(cer(str(o.predicted or ""), str(o.truth or "")) for o in items) / len(items)
                acc += f" cer {rate:.3f}"
            row += f"{acc:>20}"
        print(row)

    print("\nBy severity: documents, all-key-fields-right, unflagged share, unflagged precision, straight-through")
    totals = defaultdict(int)
    for sev in order:
        docs_ = by_sev[sev]
        fields = [o for _, _, outs_ in docs_ for o in outs_]
        unflagged = [o for o in fields if not o.flagged]
        key_right = sum(all(o.correct for o in outs_ if o.group in KEY_FIELDS) and bool(outs_) for _, _, outs_ in docs_)
        straight = [outs_ for _, _, outs_ in docs_ if outs_ and not any(o.flagged for o in outs_)]
        straight_right = sum(all(o.correct for o in s) for s in straight)
        errors = sum("error" in out["json"] for _, out, _ in docs_)
        print(f"  {sev:9} docs {len(docs_):3} (errors {errors})  key-right {_pct(key_right, len(docs_))}"
              f"  unflagged {_pct(len(unflagged), len(fields))}"
              f"  precision {_pct(sum(o.correct for o in unflagged), len(unflagged))}"
              f"  straight-through {_pct(len(straight), len(docs_))} (all right {_pct(straight_right, len(straight))})")
        if sev in ("clean", "light", "medium", "committed"):
            totals["docs"] += len(docs_)
            totals["fields"] += len(fields)
            totals["unflagged"] += len(unflagged)
            totals["right"] += sum(o.correct for o in unflagged)
            totals["straight"] += len(straight)
            totals["straight_right"] += straight_right
    print(f"  clean+light+medium: unflagged {_pct(totals['unflagged'], totals['fields'])}, precision of unflagged "
          f"{_pct(totals['right'], totals['unflagged'])}, straight-through {_pct(totals['straight'], totals['docs'])}"
          f" (all right {_pct(totals['straight_right'], totals['straight'])})")
    if args.photos:
        _photos_beside_scans(docs, outs, args)
    cpu = sum(o["cpu"] for o in outs) / max(pages, 1)
    print(f"\nSpeed: {pages} pages in {wall:.1f} s with {args.workers} workers = {pages / wall:.2f} pages/s"
          + (" (landdb and bare Tesseract in turn)" if any(baseline) else ""))
    paired = [o for o in outs if "bare_cpu" in o]
    if paired:
        bare_pages = sum(o["bare_pages"] for o in paired)
        ours = sum(o["cpu"] for o in paired) / bare_pages
        bare_cpu = sum(o["bare_cpu"] for o in paired) / bare_pages
        raster = sum(o["raster_cpu"] for o in paired) / bare_pages
        wall_ratio = sum(o["seconds"] for o in paired) / sum(o["bare_seconds"] for o in paired)
        print(f"CPU time per page: landdb {ours:.2f} s (of which rasterizing the PDF at 300 dpi {raster:.2f} s),"
              f" bare tesseract on the page PNG {bare_cpu:.2f} s; ratio {ours / bare_cpu:.2f} with rasterizing,"
              f" {(ours - raster) / bare_cpu:.2f} on the same page images ({bare_pages} pages, each document read"
              f" by both in turn in one worker; wall ratio {wall_ratio:.2f})")
    else:
        print(f"CPU time per page: landdb {cpu:.2f} s (no baseline)")
    return 0


def _set_figures(pairs: list[tuple[dict, dict]]) -> dict[str, str]:
    """Field accuracy, vertex tables exact, unflagged share and precision, straight-through for (out, truth) pairs;
    a refused document counts every truth field as wrong and its vertex table as not exact."""
    from ocr.evaluate import compare, flatten

    fields = right = unflagged = unflagged_right = tables = straight = errors = 0
    for out, truth in pairs:
        if "error" in out["json"]:
            errors += 1
            fields += len(flatten(truth))
            continue
        outcomes = compare(out["json"], truth)
        fields += len(outcomes)
        right += sum(o.correct for o in outcomes)
        free = [o for o in outcomes if not o.flagged]
        unflagged += len(free)
        unflagged_right += sum(o.correct for o in free)
        vertex = [o for o in outcomes if o.field.startswith("vertices.")]
        tables += bool(vertex) and all(o.correct for o in vertex)
        straight += not any(o.flagged for o in outcomes)
    n = len(pairs)
    return {"docs": f"{n} ({errors} refused)", "field accuracy": _pct(right, fields),
            "vertex tables exact": _pct(tables, n), "unflagged": _pct(unflagged, fields),
            "unflagged precision": _pct(unflagged_right, unflagged), "straight-through": _pct(straight, n)}


def _photos_beside_scans(docs: list[tuple[Path, Path]], outs: list[dict], args) -> None:
    scans, photos = [], []
    for (path, truth_path), out in zip(docs, outs, strict=True):
        pair = (out, json.loads(truth_path.read_text(encoding="utf-8")))
        (photos if path.is_dir() else scans).append(pair)
    rows = {"scans (all severities)": _set_figures(scans), "phone photos": _set_figures(photos)}
    cpu = {name: sum(o["cpu"] for o, _ in pairs) / max(sum(o["pages"] for o, _ in pairs), 1)
           for name, pairs in zip(rows, (scans, photos), strict=True)}
    print(f"\nPhone photos beside scans of the same {len(photos)} certificates (seed {args.seed}; the photo "
          "threshold was calibrated on seed 101)")
    columns = list(next(iter(rows.values())))
    print(f"{'':24}" + "".join(f"{c:>22}" for c in columns) + f"{'CPU s/page':>12}")
    for name, figures in rows.items():
        print(f"{name:24}" + "".join(f"{figures[c]:>22}" for c in columns) + f"{cpu[name]:12.2f}")
    for out, _ in photos:
        if "error" in out["json"]:
            print(f"  refused: {out['json']['error']}")


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
