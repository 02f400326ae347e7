"""Load a document as page images: PDF (rasterized at 300 dpi), TIFF (multi-page), JPEG/PNG, or a folder of them.

Every way a file can be unusable becomes an :class:`~landdb.errors.InputFileError` naming the file and the
reason (empty, truncated, corrupt, password-protected, too large, not an image); nothing else escapes.
Pages are RGB ``numpy`` arrays (H×W×3, uint8).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PIL import Image, ImageSequence, UnidentifiedImageError

from landdb.errors import InputFileError

__all__ = ["load_pages", "sniff_kind", "PDF_DPI", "MAX_PAGE_PIXELS", "IMAGE_SUFFIXES"]

PDF_DPI = 300
MAX_PAGE_PIXELS = 80_000_000  # an A3 page at 600 dpi is ~70 MP; 20000×20000 px (400 MP) is refused
MAX_PAGES = 200
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}


def sniff_kind(head: bytes) -> str | None:
    """The file kind from its first bytes: 'pdf', 'image' or None.

    >>> sniff_kind(b'%PDF-1.7 ...'), sniff_kind(b'\\x89PNG\\r\\n\\x1a\\n'), sniff_kind(b'hello')
    ('pdf', 'image', None)
    """
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    signatures = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM", b"RIFF", b"II+\x00", b"MM\x00+")
    if any(head.startswith(sig) for sig in signatures):
        return "image"
    return None


def _check_size(path: Path, width: int, height: int, page: int) -> None:
    if width * height > MAX_PAGE_PIXELS:
        raise InputFileError(
            path, f"page {page} is {width}×{height} px ({width * height / 1e6:.0f} MP), more than the "
                  f"{MAX_PAGE_PIXELS / 1e6:.0f} MP a page may have; rescan at 300 dpi")
    if width < 200 or height < 200:
        raise InputFileError(path, f"page {page} is only {width}×{height} px, too small to be a scanned page")


def _pdf_pages(path: Path) -> Iterator[np.ndarray]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise InputFileError(path, "the PDF is password-protected") from exc
        raise InputFileError(path, f"the PDF cannot be opened ({message.strip()}): corrupt or truncated") from exc
    try:
        count = len(pdf)
        if count == 0:
            raise InputFileError(path, "the PDF has no pages")
        if count > MAX_PAGES:
            raise InputFileError(path, f"the PDF has {count} pages, more than {MAX_PAGES}: not one certificate")
        scale = PDF_DPI / 72
        for index in range(count):
            try:
                page = pdf[index]
                width, height = page.get_size()
                _check_size(path, int(width * scale), int(height * scale), index + 1)
                bitmap = page.render(scale=scale)
                image = bitmap.to_pil().convert("RGB")
            except pdfium.PdfiumError as exc:
                raise InputFileError(path, f"page {index + 1} of the PDF cannot be rendered ({exc})") from exc
            yield np.asarray(image)
    finally:
        pdf.close()


def _image_pages(path: Path) -> Iterator[np.ndarray]:
    try:
        with warnings.catch_warnings():  # we check the size ourselves, below
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
    except UnidentifiedImageError as exc:
        raise InputFileError(path, "not a readable image (unknown or corrupt format)") from exc
    except Image.DecompressionBombError as exc:
        size = re.search(r"\((\d+) pixels\)", str(exc))
        mp = f"{int(size.group(1)) / 1e6:.0f} MP" if size else "too many pixels"
        raise InputFileError(path, f"the image has {mp}, more than the {MAX_PAGE_PIXELS / 1e6:.0f} MP a page may "
                                   "have; rescan at 300 dpi") from exc
    with image:
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            if index >= MAX_PAGES:
                raise InputFileError(path, f"the image has more than {MAX_PAGES} frames: not one certificate")
            _check_size(path, frame.width, frame.height, index + 1)
            try:
                rgb = frame.convert("RGB")
            except (OSError, ValueError, SyntaxError) as exc:
                raise InputFileError(path, f"page {index + 1} cannot be decoded ({exc}): truncated or corrupt") from exc
            yield np.asarray(rgb)


def _file_pages(path: Path) -> Iterator[np.ndarray]:
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(2048)
    except OSError as exc:
        raise InputFileError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if size == 0:
        raise InputFileError(path, "the file is empty (0 bytes)")
    kind = sniff_kind(head)
    if kind == "pdf":
        yield from _pdf_pages(path)
    elif kind == "image":
        yield from _image_pages(path)
    else:
        raise InputFileError(path, "neither a PDF nor an image (PNG, JPEG, TIFF)")


def load_pages(path: str | Path) -> list[np.ndarray]:
    """All pages of a document. A folder is one document: its image files in name order.

    Raises :class:`InputFileError` for anything that cannot be used.
    """
    path = Path(path)
    if not path.exists():
        raise InputFileError(path, "no such file or folder")
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES | {".pdf"})
        if not files:
            raise InputFileError(path, "the folder holds no page images")
        pages = [page for file in files for page in _file_pages(file)]
    else:
        pages = list(_file_pages(path))
    if not pages:
        raise InputFileError(path, "no pages")
    return pages
