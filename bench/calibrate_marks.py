"""Calibrate the fourth reading of a name (:mod:`ocr.marks`) on the calibration seeds only (101 and 303).

    PYTHONPATH=. .venv/bin/python -m bench.calibrate_marks             # seeds 101 and 303, 48 unseen documents each
    PYTHONPATH=. .venv/bin/python -m bench.calibrate_marks --count 24 101

Reads the clean, light and medium unseen documents of each seed; for every name whose third reading dissented
only in the marks, prints the truth, the value, the third reading and what each candidate fourth reading gives
(✓ the value letter for letter, ✗ otherwise), and per candidate how many right values it would confirm and how
many wrong ones (which must be none). Seed 2027 is never read here: it judges.
"""

from __future__ import annotations

import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor

SEEDS = (101, 303)
CANDIDATES = {  # name: (scale, binarized, page segmentation mode)
    "2.0x otsu": (2.0, True, 7),
    "2.5x gray": (2.5, False, 7),
    "3.0x otsu": (3.0, True, 7),
    "2.0x gray psm13": (2.0, False, 13),
    "1.0x otsu psm13": (1.0, True, 13),
    "1.5x otsu psm13": (1.5, True, 13),
    "2.0x otsu psm13": (2.0, True, 13),
    "1.0x gray psm13": (1.0, False, 13),
}


def _image(gray, bbox, scale: float, binarized: bool):
    import cv2

    from ocr.preprocess import scaled
    from ocr.table import crop, padded_box

    big = scaled(crop(gray, padded_box(gray.shape, bbox, 3), False), scale)
    return cv2.threshold(big, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1] if binarized else big


def _document(args: tuple[str, str]) -> list[dict]:
    pdf, truth_path = args
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from pathlib import Path

    import ocr.marks
    import ocr.reread
    from ocr.extract import extract_document
    from ocr.table import read_each

    seen: list[dict] = []
    original = ocr.marks.settle_marks

    def spy(dissents, pages, engine, lang):
        for r, text in dissents:
            if not (r.field.endswith(".name") and r.raw_text and ocr.marks.only_marks_differ(r.raw_text, text)):
                continue
            gray = pages[r.page].gray
            cells = {name: read_each([_image(gray, r.bbox, s, b)], engine, lang, None, psm=psm)[0].text
                     for name, (s, b, psm) in CANDIDATES.items()}
            seen.append({"field": r.field, "value": r.value, "raw": r.raw_text, "third": text,
                         "degraded": pages[r.page].degraded, "candidates": cells})
        return original(dissents, pages, engine, lang)

    ocr.reread.settle_marks = spy
    extract_document(Path(pdf))
    truth = json.loads(Path(truth_path).read_text(encoding="utf-8"))
    for item in seen:
        index = int(item["field"].split(".")[1])
        item["truth"] = truth["owners"][index]["name"] if index < len(truth["owners"]) else None
        item["doc"] = Path(pdf).name
    return seen


def main(argv: list[str]) -> int:
    import argparse

    from ocr.marks import _letters
    from sample_scans.cache import generated

    parser = argparse.ArgumentParser(prog="bench.calibrate_marks")
    parser.add_argument("--count", type=int, default=48)
    parser.add_argument("seeds", nargs="*", type=int, default=list(SEEDS))
    args = parser.parse_args(argv)
    seeds = args.seeds
    assert 2027 not in seeds, "seed 2027 judges; it is never used to calibrate"
    docs = [(str(p), str(t)) for seed in seeds for p, t in generated(args.count, seed, style="unseen")
            if not p.stem.endswith("_heavy")]
    with ProcessPoolExecutor(2) as pool:
        found = [item for items in pool.map(_document, docs) for item in items]
    tally = {name: [0, 0] for name in CANDIDATES}
    for item in found:
        right = item["value"] == item["truth"]
        marks = []
        for name, text in item["candidates"].items():
            same = _letters(text) == _letters(item["raw"])
            marks.append(f"{name}: {text!r} {'✓' if same else '✗'}")
            if same and not item["degraded"]:
                tally[name][0 if right else 1] += 1
        print(f"{item['doc']} {item['field']} truth {item['truth']!r} value {item['value']!r} "
              f"({'right' if right else 'WRONG'}{', degraded' if item['degraded'] else ''}) third {item['third']!r}")
        print("    " + "; ".join(marks))
    print(f"\n{len(found)} names with a third reading dissenting in the marks (seeds {seeds}, c+l+m)")
    for name, (good, bad) in tally.items():
        print(f"{name:18} confirms {good} right values, {bad} wrong ones")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
