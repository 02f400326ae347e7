"""Phone photos of certificate pages (issue 17): perspective, 90/180/270° turns without EXIF, shadows, a thumb;
a folder of shuffled page photos is one document in the right order; a blurred page is refused with its name
and the reason, before any page is read.

One 4-page document is read with the real Tesseract (its pages turned 0/90/180/270; 201 s measured on the
shared machine under a load of ≈ 20, most of it Tesseract); the rest reads nothing.
Accuracy over many photos is ``python -m bench ocr --photos``'s job.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ocr.evaluate import KEY_FIELDS, compare
from ocr.extract import extract_document
from ocr.pages import load_pages
from ocr.photo import MIN_SHARPNESS, Unreadable, find_page, prepare_photo
from sample_scans.photo import jpeg_bytes, photograph_page, write_photos
from sample_scans.records import make_certificate
from sample_scans.render import render_clean

SEED = 4177  # not a calibration seed (101, 303)


@pytest.fixture(scope="module")
def certificate_2014():
    cert = make_certificate(SEED, 0, form="GCN-2014")
    return cert, render_clean(cert, SEED)


@pytest.mark.ocr
@pytest.mark.slow
def test_shuffled_turned_photos_are_one_document_read_in_order(certificate_2014, tmp_path):
    cert, pages = certificate_2014
    turns = [90, 180, 270, 0]  # page 1 turned a quarter left, page 2 upside down, page 3 a quarter right
    files = write_photos(pages, SEED, tmp_path / "doc", turns=turns)
    by_name = sorted(files)
    assert by_name != files, "the file names must not give the page order away"
    result = extract_document(tmp_path / "doc")
    assert result.error is None, result.error
    loaded = [by_name.index(f) + 1 for f in files]  # each page's position as loaded (name order)
    assert result.page_order == loaded
    assert [result.page_kinds[i - 1] for i in result.page_order] == [f"GCN-2014 p{n}" for n in (1, 2, 3, 4)]
    outcomes = compare(result.to_json_dict(), json.loads(json.dumps(cert.record.to_json_dict())))
    wrong = [(o.field, o.truth, o.predicted) for o in outcomes if o.group in KEY_FIELDS and not o.correct]
    assert not wrong
    unflagged_wrong = [(o.field, o.truth, o.predicted) for o in outcomes if not o.correct and not o.flagged]
    assert not unflagged_wrong
    assert len(result.record.vertices) == len(cert.record.vertices)


def test_page_is_found_under_perspective_and_each_turn(certificate_2014):
    """The page's outline is found in the photo whatever the turn, and flattened to A4 at 300 dpi (portrait for
    0/180, landscape for 90/270: turning it upright is the reader's, by the text)."""
    _, pages = certificate_2014
    for turn in (0, 90, 180, 270):
        photo = photograph_page(pages[1], SEED + turn, turn=turn)
        quad = find_page(photo)
        assert quad is not None
        page = prepare_photo(photo, engine=_NoOrientation()).rgb
        expected = (3508, 2480) if turn in (0, 180) else (2480, 3508)
        assert page.shape[:2] == expected


def test_scans_are_left_as_they_are():
    """A scanned page fills its frame: nothing is cut out, and even the committed heavy scans pass the
    sharpness threshold."""
    pdf = sorted(Path(__file__).parents[1].glob("sample_scans/certificates/*_heavy.pdf"))[0]
    for rgb in load_pages(pdf):
        prepared = prepare_photo(rgb, engine=_NoOrientation())
        assert prepared.quad is None and prepared.rgb is rgb
        assert prepared.sharpness >= MIN_SHARPNESS


def test_blurred_photo_is_refused_with_its_reason(certificate_2014, tmp_path):
    _, pages = certificate_2014
    blurred = photograph_page(pages[1], SEED, turn=0, blur_sigma=5.0)
    with pytest.raises(Unreadable, match=r"too blurred \(sharpness 0\.\d+, under 0\.50\), rescan"):
        prepare_photo(blurred, engine=_NoOrientation())
    folder = tmp_path / "doc"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(jpeg_bytes(photograph_page(pages[0], SEED + 1, turn=0), 85))
    (folder / "b.jpg").write_bytes(jpeg_bytes(blurred, 85))
    result = extract_document(folder, engine=_NoOrientation())  # refused before any page is read
    assert result.record is None
    assert result.error.startswith(f"{folder}: page 2 (b.jpg): too blurred (sharpness ")
    assert result.error.endswith("rescan")


def test_page_too_small_in_the_photo_is_refused(certificate_2014):
    _, pages = certificate_2014
    photo = photograph_page(pages[1], SEED, turn=0)
    small = np.asarray(Image.fromarray(photo).resize((photo.shape[1] // 3, photo.shape[0] // 3)))
    with pytest.raises(Unreadable, match=r"too small in the photo \(\d+ px along the page, ≈\d+ dpi"):
        prepare_photo(small, engine=_NoOrientation())


class _NoOrientation:
    """An engine for tests that must not read anything: orientation is 'unknown', reading fails the test."""

    name = "none"

    def orientation(self, image):
        return 0, 0.0

    def words(self, image, *, lang, psm, whitelist=None):
        raise AssertionError("no page should be read")


@pytest.mark.ocr
def test_web_scan_view_shows_a_photo_as_read(certificate_2014, tmp_path):
    """The review screen's page image of a photographed page is the page the OCR read (cut out of the 12 MP frame,
    flattened to A4 at 300 dpi and turned upright by its text), so the field boxes fall on it; not the photo."""
    from web.scans import _render

    _, pages = certificate_2014
    (photo,) = write_photos(pages[1:2], SEED, tmp_path / "doc", turns=[90])
    frame = Image.open(photo).size
    shown = _render(tmp_path / "doc", 1)
    assert frame != (2480, 3508) and shown.size == (2480, 3508)  # portrait A4 at 300 dpi: upright
    read = prepare_photo(load_pages(tmp_path / "doc")[0], engine=_NoOrientation()).rgb  # flattened, not turned
    assert read.shape[:2] == (2480, 3508)  # the photo was taken a quarter turn off: only the text turned it
