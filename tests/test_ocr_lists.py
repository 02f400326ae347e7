"""Lists are whole or flagged, on a rendered certificate page read by the real Tesseract: when one of two
co-owners' lines cannot be read, the list ``owners`` is flagged — not only the other owner's fields — so the
record never silently holds one holder instead of two.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ocr.owners import read_owners
from ocr.page import read_page
from ocr.tesseract import TesseractApiEngine

pytestmark = [pytest.mark.ocr, pytest.mark.slow]


@pytest.fixture(scope="module")
def couple():
    """Page 1 of a 2014 certificate with two owners, clean, and where each owner's lines are on it."""
    from sample_scans.records import make_certificate
    from sample_scans.render import page1_2014

    cert = next(c for c in (make_certificate(41, i, form="GCN-2014") for i in range(60))
                if len(c.record.owners) == 2)
    page = page1_2014(cert, 41)
    engine = TesseractApiEngine()
    read = read_page(np.asarray(page.convert("RGB")), 1, engine, "vie")
    second = cert.record.owners[1]
    first_line = next(ln for ln in read.lines if second.name.split()[-1] in ln.text and "sinh" in ln.folded)
    return cert, page, engine, read, first_line


def _read(page: Image.Image, engine):
    return read_page(np.asarray(page.convert("RGB")), 1, engine, "vie")


def test_both_owners_read_and_the_list_not_flagged(couple):
    cert, _, _, read, _ = couple
    rs = read_owners(read, "GCN-2014", "t")
    assert [rs[f"owners.{i}.name"].value for i in range(2)] == [o.name for o in cert.record.owners]
    assert "owners" not in rs


def test_a_blanked_owner_line_flags_the_list(couple):
    cert, page, engine, _, line = couple
    blanked = page.copy()
    ImageDraw.Draw(blanked).rectangle((line.left - 10, line.top - 8, line.right + 10, line.bottom + 8), fill="white")
    rs = read_owners(_read(blanked, engine), "GCN-2014", "t")
    assert "owners.1.name" not in rs  # the second owner is not in the record …
    assert rs["owners"].flagged and "owner may be missing" in rs["owners"].flag_reason  # … and the list says so


def test_an_unreadable_owner_line_flags_the_list(couple):
    cert, page, engine, _, line = couple
    smeared = page.copy()
    draw = ImageDraw.Draw(smeared)
    box = (line.left, line.top, line.right, line.bottom)
    rng = np.random.default_rng(1)
    for _ in range(400):  # ink scribbled over the line: a person sees a line, the OCR reads no owner in it
        x0, y0 = rng.integers(box[0], box[2]), rng.integers(box[1], box[3])
        draw.line((x0, y0, x0 + rng.integers(-40, 40), y0 + rng.integers(-20, 20)), fill=(20, 20, 20), width=4)
    rs = read_owners(_read(smeared, engine), "GCN-2014", "t")
    assert rs["owners"].flagged, {k: r.value for k, r in rs.items()}
