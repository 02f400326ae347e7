"""Bad input never crashes a batch: each case gives an error (or a flagged record) naming the file and reason.

The cases that need no OCR run in milliseconds; the non-certificate photo and the blank page go through
``extract_document`` with the real Tesseract.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from landdb.errors import InputFileError
from ocr.extract import extract_document
from ocr.pages import MAX_PAGE_PIXELS, load_pages


def encrypted_pdf() -> bytes:
    """A one-page PDF whose standard security handler needs a password we do not have."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<" % (len(objs) + 1) + b"ab" * 16 + b"> <"
            + b"ab" * 16 + b">] >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)


def _page_png(path: Path, size=(1240, 1754), colour=(250, 250, 250)) -> Path:
    Image.new("RGB", size, colour).save(path)
    return path


def _pdf(path: Path, pages: int = 2) -> Path:
    images = [Image.new("RGB", (620, 877), (255, 255, 255)) for _ in range(pages)]
    images[0].save(path, save_all=True, append_images=images[1:], resolution=75)
    return path


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_bytes(b""), "empty (0 bytes)"),
        (lambda p: p.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog"), "corrupt or truncated"),
        (lambda p: p.write_bytes(encrypted_pdf()), "password-protected"),
        (lambda p: p.write_bytes(b"hello, this is a text file\n"), "neither a PDF nor an image"),
    ],
    ids=["zero-byte", "corrupt-pdf", "password", "not-a-scan"],
)
def test_unusable_files_give_errors_naming_file_and_reason(tmp_path, make, reason):
    path = tmp_path / "input.pdf"
    make(path)
    with pytest.raises(InputFileError) as info:
        load_pages(path)
    assert str(path) in str(info.value) and reason in str(info.value)
    result = extract_document(path)
    assert result.record is None and str(path) in result.error and reason in result.error


def test_truncated_pdf_and_png(tmp_path):
    whole = _pdf(tmp_path / "whole.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 3])
    png = _page_png(tmp_path / "page.png")
    cut_png = tmp_path / "cut.png"
    cut_png.write_bytes(png.read_bytes()[:200])
    for path in (cut, cut_png):
        result = extract_document(path)
        assert result.record is None and result.error.startswith(str(path)), result.error


def test_huge_image_is_refused_before_decoding(tmp_path):
    path = tmp_path / "huge.png"
    # 20000×20000 px, written as a 1-bit PNG so the test stays small and fast
    Image.new("1", (20000, 20000), 1).save(path, optimize=False)
    result = extract_document(path)
    assert result.record is None
    assert str(path) in result.error
    assert "400 MP" in result.error and f"{MAX_PAGE_PIXELS // 1_000_000} MP" in result.error


def test_large_but_decodable_image_is_refused_by_size(tmp_path):
    path = tmp_path / "big.png"
    Image.new("1", (12000, 9000), 1).save(path)  # 108 MP: below Pillow's bomb limit, above ours
    result = extract_document(path)
    assert result.record is None and "12000×9000" in result.error and str(path) in result.error


def test_pdf_tiff_png_and_folder_load_as_pages(tmp_path):
    assert len(load_pages(_pdf(tmp_path / "two.pdf"))) == 2
    frames = [Image.new("RGB", (800, 1000), (255, 255, 255)) for _ in range(3)]
    frames[0].save(tmp_path / "three.tif", save_all=True, append_images=frames[1:])
    assert [p.shape for p in load_pages(tmp_path / "three.tif")] == [(1000, 800, 3)] * 3
    folder = tmp_path / "scans"
    folder.mkdir()
    _page_png(folder / "p2.png")
    _page_png(folder / "p1.png", size=(1000, 1400))
    pages = load_pages(folder)
    assert [p.shape[:2] for p in pages] == [(1400, 1000), (1754, 1240)]  # name order


def test_missing_path_and_empty_folder(tmp_path):
    assert "no such file" in extract_document(tmp_path / "nope.pdf").error
    (tmp_path / "empty").mkdir()
    assert "holds no page images" in extract_document(tmp_path / "empty").error


@pytest.mark.ocr
def test_blank_page_is_reported_not_invented(tmp_path):
    path = _page_png(tmp_path / "blank.png", size=(2480, 3508), colour=(248, 236, 236))
    result = extract_document(path)
    assert result.record is None and result.page_kinds == ["blank"]
    assert str(path) in result.error and "blank" in result.error


@pytest.mark.ocr
def test_photo_of_something_else_is_not_a_certificate(tmp_path):
    from PIL import ImageDraw, ImageFont

    image = Image.new("RGB", (2480, 3508), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("DejaVuSans.ttf", 60)
    lines = ["HÓA ĐƠN BÁN HÀNG", "Cửa hàng tạp hóa Minh Anh", "Nước suối 2 chai 10.000 đồng",
             "Bánh mì 3 ổ 45.000 đồng", "Tổng cộng: 55.000 đồng", "Cảm ơn quý khách"]
    for i, text in enumerate(lines):
        draw.text((200, 300 + i * 120), text, fill=(20, 20, 20), font=font)
    rng = np.random.default_rng(5)
    noisy = np.clip(np.asarray(image, np.int16) + rng.normal(0, 6, (3508, 2480, 1)), 0, 255).astype(np.uint8)
    path = tmp_path / "receipt.jpg"
    Image.fromarray(noisy).save(path, quality=85)
    result = extract_document(path)
    assert result.record is None
    assert str(path) in result.error and "no certificate page" in result.error
