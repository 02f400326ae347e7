"""Rendering and the cached generator: real fonts, 300-dpi multi-page PDFs, truth that validates, OCR-readable."""

from __future__ import annotations

import json
import shutil

import pypdfium2 as pdfium
import pytest

from landdb.errors import ConfigError
from landdb.models import validate_record_json
from landdb.vietnamese import fold, nfc
from sample_scans.cache import generated
from sample_scans.fonts import check_glyphs, missing_glyphs
from sample_scans.records import make_certificate
from sample_scans.render import render_clean


@pytest.fixture(scope="module")
def sample_set():
    return generated(4, seed=7, severities=("clean", "heavy"))


def test_cached_set_has_pdfs_of_the_right_pages_and_valid_truth(sample_set):
    assert len(sample_set) == 4
    forms = []
    for pdf_path, truth_path in sample_set:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        validate_record_json(truth)
        forms.append(truth["form"])
        pdf = pdfium.PdfDocument(pdf_path)
        assert len(pdf) == (4 if truth["form"] == "GCN-2014" else 2)
        w, h = pdf[0].get_size()
        assert round(w / 72 * 25.4) == 210 and round(h / 72 * 25.4) == 297  # A4
        image = pdf[0].get_objects().__next__()  # the page is one scanned image
        assert image.get_metadata().horizontal_dpi == pytest.approx(300, abs=1)
        pdf.close()
    assert sorted(forms) == ["GCN-2014", "GCN-2014", "GCN-2024", "GCN-2024"]
    # second call reuses the cache
    assert generated(4, seed=7, severities=("clean", "heavy")) == sample_set


def test_missing_glyphs_are_refused():
    assert missing_glyphs("Đất ở tại đô thị ữ ộ ư", "serif") == ""
    with pytest.raises(ConfigError, match="no glyph"):
        check_glyphs("snow ☃", "serif")


@pytest.mark.ocr
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_clean_parcel_page_reads_back_with_tesseract():
    import pytesseract

    cert = make_certificate(3, 0, form="GCN-2014")
    page = render_clean(cert, 3)[1]
    top = page.crop((0, 150, page.width, 1400))
    text = fold(nfc(pytesseract.image_to_string(top, lang="vie")))
    parcel = cert.record.parcel
    assert f"thua dat so: {parcel.parcel_no}, to ban do so: {parcel.sheet_no}" in text
    assert "dien tich: " + f"{parcel.area_m2:.1f}".replace(".", ",") in text
