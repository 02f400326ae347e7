"""Scan pages for the browser: rendered from the stored document on first request (PDF pages with pdfium at
the OCR's 300 dpi, so the word boxes of ``extracted_field`` fall on the same pixels), checked against the
content hash the document was loaded with, and cached under ``var/cache/web/pages/``. A phone photo is shown
as the OCR read it (cut out, flattened, upright), since that is the page its word boxes refer to."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import psycopg

from landdb.errors import InputFileError, NotFoundError
from landdb.loader import sha256_of
from landdb.settings import get_settings
from landdb.sql import query

JPEG_QUALITY = 82
RENDERING = 2   # how pages are made; a new value leaves the images cached by an older way unused (2: photos as read)


def cache_dir() -> Path:
    return get_settings().var_dir / "cache" / "web" / "pages"


def cached_page(sha256: str, page: int) -> Path:
    """Where the image of page ``page`` of the document with this content hash is kept."""
    return cache_dir() / f"{sha256}-{page}-r{RENDERING}.jpg"


def page_image(conn: psycopg.Connection, document_id: int, page: int) -> Path:
    """The path of a JPEG of page ``page`` (1-based) of document ``document_id``."""
    doc = conn.execute(query("web/document_get"), {"id": document_id}).fetchone()
    if doc is None:
        raise NotFoundError(f"no document {document_id}")
    if doc["pages"] is not None and not 1 <= page <= doc["pages"]:
        raise NotFoundError(f"document {document_id} has pages 1–{doc['pages']}, not {page}")
    target = cached_page(doc["sha256"], page)
    if target.exists():
        return target
    source = Path(doc["path"])
    if not source.exists():
        raise NotFoundError(f"the scan of document {document_id} is no longer at {source}")
    if source.is_file() and sha256_of(source) != doc["sha256"]:
        raise InputFileError(source, "the file changed since it was loaded (its content hash differs)")
    image = _render(source, page)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            image.save(handle, "JPEG", quality=JPEG_QUALITY, optimize=True)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def _render(source: Path, page: int, engine=None):
    from PIL import Image

    from ocr.pages import PDF_DPI, load_pages, sniff_kind

    if source.is_file() and sniff_kind(_head(source)) == "pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(source))
        try:
            if page > len(pdf):
                raise NotFoundError(f"{source} has {len(pdf)} pages, not {page}")
            return pdf[page - 1].render(scale=PDF_DPI / 72).to_pil().convert("RGB")
        finally:
            pdf.close()
    pages = load_pages(source)
    if page > len(pages):
        raise NotFoundError(f"{source} has {len(pages)} pages, not {page}")
    return Image.fromarray(_as_read(pages[page - 1], engine))


def _as_read(rgb, engine=None):
    """The page as the OCR read it: a phone photo cut out, flattened and turned upright (the field boxes are in
    that page's pixels, not the photo's); a scan as it is. A photo the OCR would refuse is shown as taken."""
    from ocr.engine_config import make_engine
    from ocr.photo import Unreadable, prepare_photo

    try:
        return prepare_photo(rgb, engine if engine is not None else make_engine()).rgb
    except Unreadable:
        return rgb


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(2048)
