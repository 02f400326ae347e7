"""End to end: `landdb build` on N generated certificates — pages/s, against bare Tesseract on the same pages.

Baseline: every page of the same PDFs rasterized at 300 dpi (not timed), then `tesseract PAGE - -l vie` with
OMP_THREAD_LIMIT=1, one page after another; baseline time = sum of those times / cores (a perfect split over the
cores). Ratio = landdb build wall time / baseline time (1.0 would mean landdb costs no more than bare Tesseract).
`python -m bench.bench_build [N]` (default 100).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.scratch import drop_database, fresh_database
from landdb.settings import Settings

DB = "landdb_bench_build"
SEED = 9100


def _bare_tesseract_seconds(pdfs: list[Path]) -> tuple[list[float], int]:
    import pypdfium2

    times: list[float] = []
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in pdfs:
            doc = pypdfium2.PdfDocument(str(pdf))
            for index in range(len(doc)):
                png = Path(tmp) / f"{pdf.stem}-{index}.png"
                doc[index].render(scale=300 / 72).to_pil().save(png)
                started = time.perf_counter()
                subprocess.run(["tesseract", str(png), "-", "-l", "vie"], env=env, capture_output=True, check=True)
                times.append(time.perf_counter() - started)
            doc.close()
    return times, len(times)


def main(argv: list[str]) -> int:
    from landdb import cluster
    from sample_scans.cache import generated

    count = int(argv[0]) if argv else 100
    base = Settings()
    if base.uses_own_cluster:
        cluster.start(base)
    pdfs = [pdf for pdf, _ in generated(count, SEED)]
    folder = Path(tempfile.mkdtemp(prefix="landdb-bench-build-"))
    for pdf in pdfs:
        os.symlink(pdf, folder / pdf.name)
    url = fresh_database(base, DB)
    cores = os.cpu_count() or 1
    env = {**os.environ, "LANDDB_DATABASE_URL": url}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "landdb.cli.main", "build", str(folder), "--json"],
                          env=env, capture_output=True, text=True)
    build_seconds = time.perf_counter() - started
    if done.returncode not in (0, 1, 3):  # 3: partial (some documents failed), 1: none loaded
        print(done.stderr[-3000:])
        return 1
    summary = json.loads(done.stdout)
    pages = summary["pages"]
    page_times, baseline_pages = _bare_tesseract_seconds(pdfs)
    baseline = sum(page_times) / cores
    print(f"{count} generated certificates (seed {SEED}), {pages} pages, {cores} cores")
    print(f"{'what':44} {'seconds':>9} {'pages/s':>9}")
    print(f"{'landdb build (wall, incl. Prefect start, QA)':44} {build_seconds:9.1f} {pages / build_seconds:9.2f}")
    print(f"{'  of which ingest (OCR + load)':44} {summary['ingest_seconds']:9.1f} "
          f"{pages / summary['ingest_seconds']:9.2f}")
    print(f"{'bare tesseract -l vie, sum / cores':44} {baseline:9.1f} {baseline_pages / baseline:9.2f}")
    print(f"median bare tesseract page: {statistics.median(page_times):.2f} s")
    print(f"ratio landdb build / baseline: {build_seconds / baseline:.2f}  "
          f"(ingest only: {summary['ingest_seconds'] / baseline:.2f})")
    print(f"outcomes: {summary['outcomes']}; flagged fields: {summary['flagged_fields']}")
    drop_database(base, DB)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
