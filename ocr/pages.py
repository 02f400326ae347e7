"""Find the documents under a path and load each as page images.

A *document* is a PDF (rasterized at 300 dpi), a TIFF (multi-page), a single image, or a folder of page images
(no PDFs in it). A folder holding PDFs, multi-page TIFFs or other folders is a *batch*: walked recursively,
every file one document. :func:`discover_documents` is the one place that decides (``landdb extract`` and
``landdb build`` both use it).

Every way a file can be unusable becomes an :class:`~landdb.errors.InputFileError` naming the file and the
reason (empty, truncated, corrupt, password-protected, too large, not an image); nothing else escapes.
Pages are RGB ``numpy`` arrays (H×W×3, uint8).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageSequence, UnidentifiedImageError

from landdb.errors import InputFileError

__all__ = ["load_pages", "load_named_pages", "sniff_kind", "discover_documents", "page_files", "Discovery",
           "Skipped", "PDF_DPI", "MAX_PAGE_PIXELS", "IMAGE_SUFFIXES"]

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
                bitmap = page.render(scale=scale, rev_byteorder=True)  # RGB(x) as it comes: no PIL round trip
                image = np.array(bitmap.to_numpy()[:, :, :3])  # a copy: the view dies with the bitmap
            except pdfium.PdfiumError as exc:
                raise InputFileError(path, f"page {index + 1} of the PDF cannot be rendered ({exc})") from exc
            yield image
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
    """All pages of one document. A folder is one document: its page images in name order (:func:`page_files`).

    Raises :class:`InputFileError` for anything that cannot be used.
    """
    return [page for _, page in load_named_pages(path)]


def load_named_pages(path: str | Path) -> list[tuple[str, np.ndarray]]:
    """As :func:`load_pages`, each page with the name a person would use for it: ``page 3`` of a file, or
    ``page 3 (IMG_5055.jpg)`` in a folder (whose pages may be in any order, as photos are)."""
    path = Path(path)
    if not path.exists():
        raise InputFileError(path, "no such file or folder")
    if path.is_dir():
        pages = [(file.name, page) for file in page_files(path) for page in _file_pages(file)]
        named = [(f"page {i} ({name})", page) for i, (name, page) in enumerate(pages, 1)]
    else:
        named = [(f"page {i}", page) for i, page in enumerate(_file_pages(path), 1)]
    if not named:
        raise InputFileError(path, "no pages")
    return named


# ---- which paths are documents ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Skipped:
    """A file or folder under a batch that is not a document, and why."""

    path: Path
    reason: str


@dataclass
class Discovery:
    """The documents under some paths, in walk order, and what was skipped with its reason."""

    documents: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass
class _Survey:
    images: list[Path] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _file_kind(path: Path) -> str | None:
    """'pdf', 'image' or None, by suffix; a file without one (or numbered, 'scan.001') by its first bytes."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return "pdf"
    if suffix in IMAGE_SUFFIXES:
        return "image"
    if suffix and not suffix[1:].isdigit():
        return None  # .txt, .json, .xml, .db …: not a scan, whatever its first bytes
    try:
        with path.open("rb") as handle:
            return sniff_kind(handle.read(2048))
    except OSError:
        return None


def _survey(folder: Path) -> _Survey:
    survey = _Survey()
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise InputFileError(folder, f"cannot list the folder ({exc.strerror or exc})") from exc
    for entry in entries:
        if entry.name.startswith("."):
            survey.skipped.append(Skipped(entry, "hidden"))
        elif entry.is_dir():
            survey.folders.append(entry)
        elif not entry.is_file():
            survey.skipped.append(Skipped(entry, "not a regular file"))
        else:
            kind = _file_kind(entry)
            if kind is None:
                survey.skipped.append(Skipped(entry, f"not a scan ({entry.suffix.lower() or 'no suffix'})"))
            else:
                (survey.pdfs if kind == "pdf" else survey.images).append(entry)
    return survey


def _multi_page(path: Path) -> bool:
    """True for an image file with several frames (a multi-page TIFF is a whole document, not a page)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                return getattr(image, "n_frames", 1) > 1
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return False  # unreadable: loading it as a page will say why


def _names(paths: list[Path]) -> str:
    shown = ", ".join(p.name for p in paths[:3])
    return shown + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


def _layout(folder: Path, survey: _Survey) -> str:
    """'document' (a folder of page images), 'batch' or 'empty'; raises when the layout is ambiguous."""
    if survey.images and (survey.pdfs or survey.folders):
        other = (f"PDFs ({_names(survey.pdfs)})" if survey.pdfs else f"folders ({_names(survey.folders)})")
        raise InputFileError(
            folder, f"holds page images ({_names(survey.images)}) beside {other}: a folder is either one document "
                    "(its page images) or a batch (PDFs, TIFFs, folders); move the page images into a folder of "
                    "their own")
    if survey.pdfs or survey.folders:
        return "batch"
    if not survey.images:
        return "empty"
    if any(p.suffix.lower() in (".tif", ".tiff", "") and _multi_page(p) for p in survey.images):
        return "batch"  # a folder of multi-page TIFFs: every TIFF is a document
    return "document"


def page_files(folder: str | Path) -> list[Path]:
    """The pages of a folder that is one document: its page images in name order (hidden and other files left
    out). Raises :class:`InputFileError` when the folder holds no page images or is a batch, not a document.
    """
    folder = Path(folder)
    survey = _survey(folder)
    layout = _layout(folder, survey)
    if layout == "empty":
        raise InputFileError(folder, "the folder holds no page images")
    if layout == "batch":
        count = len(survey.pdfs) + len(survey.folders) + len(survey.images)
        raise InputFileError(folder, f"is a batch of {count} documents (PDFs, multi-page TIFFs or folders), not "
                                     "one document: give the folder to `landdb extract` or `landdb build` as a batch")
    return survey.images


def _walk(folder: Path, found: Discovery, seen: set[Path]) -> None:
    real = folder.resolve()
    if real in seen:
        found.skipped.append(Skipped(folder, "a link to a folder already walked"))
        return
    seen.add(real)
    survey = _survey(folder)
    found.skipped.extend(survey.skipped)
    layout = _layout(folder, survey)
    if layout == "empty":
        found.skipped.append(Skipped(folder, "the folder holds no scans"))
    elif layout == "document":
        found.documents.append(folder)
    else:
        for entry in sorted([*survey.pdfs, *survey.images, *survey.folders]):
            if entry.is_dir():
                _walk(entry, found, seen)
            else:
                found.documents.append(entry)


def discover_documents(paths: Iterable[str | Path]) -> Discovery:
    """The documents under ``paths``: a file named is a document; a folder is one document (its page images)
    or a batch walked recursively. Raises :class:`InputFileError` for a missing path or an ambiguous folder
    (page images beside PDFs or folders).

    >>> discover_documents([]).documents
    []
    """
    found = Discovery()
    seen: set[Path] = set()
    for path in map(Path, paths):
        if not path.exists():
            raise InputFileError(path, "no such file or folder")
        if not path.is_dir():
            found.documents.append(path)
            continue
        before = len(found.documents)
        _walk(path, found, seen)
        if len(found.documents) == before:
            reasons = "; ".join(f"{s.path.name}: {s.reason}" for s in found.skipped[-3:])
            raise InputFileError(path, "holds no scans (PDF, TIFF, JPEG/PNG or folders of page images)"
                                       + (f" — skipped {reasons}" if reasons else ""))
    return found
