"""Calibrate the photo refusal threshold (``ocr.photo.MIN_SHARPNESS``) on seed 101 (a calibration seed).

    PYTHONPATH=. .venv/bin/python -m bench.calibrate_photo

Photographs a 2014 page 2 and a 2024 page 1 of seed 101 under camera blur σ = 0.5 … 5 px and prints, per σ,
the page's sharpness, Tesseract's mean word confidence and the page kind read from it (a page read as
'blank' or 'not a certificate' is lost); and the sharpness of the committed heavy scans (which must pass).
The threshold goes between the last σ that reads and the first that does not.
"""

from __future__ import annotations

import os
import sys

SEED = 101
SIGMAS = (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0)


def main(argv: list[str]) -> int:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from landdb.settings import PROJECT_ROOT
    from ocr.page import read_page
    from ocr.pages import load_pages
    from ocr.photo import MIN_SHARPNESS, find_page, flatten_page, sharpness
    from ocr.tesseract import tesseract_engine
    from sample_scans.photo import photograph_page
    from sample_scans.records import make_certificate
    from sample_scans.render import render_clean

    engine = tesseract_engine()
    heavy = sorted((PROJECT_ROOT / "sample_scans").rglob("*_heavy.pdf"))
    values = [sharpness(page[:, :, 0]) for pdf in heavy for page in load_pages(pdf)]
    print(f"committed heavy scans: {len(values)} pages, sharpness {min(values):.3f} … {max(values):.3f}")
    print(f"{'page':14}{'σ px':>6}{'sharpness':>11}{'word conf':>11}  kind")
    for form, index, page_no in (("GCN-2014", 0, 1), ("GCN-2024", 1, 0)):
        page = render_clean(make_certificate(SEED, index, form=form), SEED)[page_no]
        for sigma in SIGMAS:
            shot = photograph_page(page, SEED * 100 + int(sigma * 10), turn=0, blur_sigma=sigma)
            flat = flatten_page(shot, find_page(shot))
            read = read_page(flat, 1, engine, "vie")
            value = sharpness(flat[:, :, 0])
            print(f"{form} p{page_no + 1:<5}{sigma:6.1f}{value:11.3f}{read.quality:11.3f}  {read.kind}", flush=True)
    print(f"threshold in force: {MIN_SHARPNESS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
