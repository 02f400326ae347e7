"""``extract_document(path)``: a scanned certificate → an :class:`ExtractionResult` (never raises for bad input).

Pipeline: pages (pypdfium2 at 300 dpi) → per page colour separation, blank test, deskew, full-page Tesseract,
kind, orientation → the document's form → label-anchored fields, the red serial, the QR code, the coordinate
table cell by cell → digit re-readings → canonical spellings → cross-checks → thresholds → record.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from landdb.errors import InputFileError, OCRError
from landdb.settings import Settings, get_settings
from ocr import checks
from ocr.assemble import apply_thresholds, build_record, canonicalize
from ocr.changes import read_changes
from ocr.classify import BLANK, OTHER, classify_text, document_form, document_order
from ocr.doubled import reread_doubled_d
from ocr.engine import OcrEngine
from ocr.engine_config import make_engine
from ocr.fields import extract_parcel, extract_register, extract_signing
from ocr.owners import read_owners
from ocr.page import PageOCR, read_page, scan_quality
from ocr.pages import load_named_pages
from ocr.photo import Unreadable, prepare_photo
from ocr.register import reread_register
from ocr.reread import (
    reread_change_dates,
    reread_digits,
    reread_issue_date,
    reread_text,
    reread_words,
)
from ocr.resolve import resolve_by_edges
from ocr.result import ExtractionResult, FieldReading
from ocr.serial import qr_checks, read_qr, read_serial
from ocr.vertices import read_vertex_table

__all__ = ["extract_document", "ExtractionResult", "FieldReading"]

# which page of each form holds what
ROLES = {
    "GCN-2014": {"owners": "p1", "serial": "p1", "parcel": "p2", "signing": "p2", "register": "p2", "table": "p3"},
    "GCN-2024": {"owners": "p1", "serial": "p1", "parcel": "p1", "signing": "p1", "register": "p2", "table": "p2"},
}


# the pages whose table 'Những thay đổi sau khi cấp giấy chứng nhận' holds the changes (biến động)
CHANGE_PAGES = {"GCN-2014": ("GCN-2014 p3", "GCN-2014 p4"), "GCN-2024": ("GCN-2024 p2",)}


def extract_document(path: Path, settings: Settings | None = None, engine: OcrEngine | str | None = None
                     ) -> ExtractionResult:
    """Read one document (PDF, TIFF, image or folder of images) into a certificate record with flags.

    Bad input never raises: the result's ``error`` names the file and the reason, and ``record`` is None.
    """
    settings = settings or get_settings()
    started = time.perf_counter()
    result = ExtractionResult(source=str(path))
    try:
        engine = engine if engine is not None and not isinstance(engine, str) else make_engine(engine)
        pages = _prepared(path, engine)
        result.pages = len(pages)
        read = [read_page(rgb, i + 1, engine, settings.tesseract_lang) for i, rgb in enumerate(pages)]
        del pages
        _extract(result, read, engine, settings)
    except InputFileError as exc:
        result.error = str(exc)
    except OCRError as exc:
        result.error = f"{path}: OCR failed ({exc})"
    result.seconds = time.perf_counter() - started
    return result


def _prepared(path: Path, engine: OcrEngine) -> list:
    """The document's pages ready to read: photos cut out, flattened and turned upright. Every page is checked
    before any is read: one page too small or too blurred fails the document with its name and the reason."""
    pages = []
    for name, rgb in load_named_pages(path):
        try:
            pages.append(prepare_photo(rgb, engine).rgb)
        except Unreadable as exc:
            raise InputFileError(path, f"{name}: {exc}") from exc
    return pages


def _extract(result: ExtractionResult, read: list[PageOCR], engine: OcrEngine, settings: Settings) -> None:
    source = result.source
    qr_text = None
    if any(p.kind.startswith("GCN-2024 p1") for p in read) or not any(p.kind.startswith("GCN") for p in read):
        first = next((p for p in read if p.kind not in (BLANK,)), None)
        qr_text = read_qr(first.rgb) if first is not None else None
    form = document_form([p.kind for p in read], has_qr=qr_text is not None)
    if form is None:
        result.page_kinds = [p.kind for p in read]
        kinds = ", ".join(sorted(set(result.page_kinds)))
        reason = "every page is blank" if set(result.page_kinds) == {BLANK} else f"no certificate page ({kinds})"
        raise InputFileError(source, reason)
    for page in read:  # re-decide each page's kind knowing the form
        if page.kind not in (BLANK,):
            page.kind = classify_text(page.text, form) if page.kind != OTHER or page.lines else page.kind
    result.page_kinds = [p.kind for p in read]
    result.page_quality = [p.quality for p in read]
    read = [read[i] for i in document_order(result.page_kinds)]  # pages of a folder come in any order
    result.page_order = [p.index for p in read]
    quality = scan_quality(read)
    for page in read:
        page.scan_quality = quality
    by_role = {}
    for role, suffix in ROLES[form].items():
        by_role[role] = next((p for p in read if p.kind == f"{form} {suffix}"), None)
    name = engine.name
    rs: dict[str, FieldReading] = {}

    def missing(field: str, what: str) -> None:
        r = FieldReading(field, None, None, 0.0, engine=name)
        r.flag(f"{what} page not found")
        rs[field] = r

    if by_role["signing"]:
        rs.update(extract_signing(by_role["signing"].lines, name))
        reread_issue_date(rs, {p.index: p for p in read}, engine, settings.tesseract_lang)
    issue = dt.date.fromisoformat(rs["issue_date"].value) if rs.get("issue_date") and rs["issue_date"].value else None
    if by_role["owners"]:
        rs.update(read_owners(by_role["owners"], form, name))
    else:
        missing("owners", "owners")
    if by_role["parcel"]:
        rs.update(extract_parcel(by_role["parcel"].lines, form, name, issue))
    else:
        missing("parcel", "parcel")  # every parcel field: the page that holds them is not there
    if by_role["register"]:
        register = extract_register(by_role["register"].lines, name)
        if register is not None:
            rs["register_no"] = register
    if by_role["serial"]:
        rs["serial"] = read_serial(by_role["serial"], form, engine, settings.tesseract_lang)
    else:
        missing("serial", "page 1")
    for key in ("register_no", "issue_date", "issuer"):
        if key not in rs:
            rs[key] = FieldReading(key, None, None, 0.0, engine=name)
            rs[key].flag("not found")
    if by_role["table"]:
        for r in read_vertex_table(by_role["table"], engine, settings.tesseract_digits_lang, settings.tesseract_lang):
            rs[r.field] = r
    else:
        missing("vertices", "coordinate table")
    change_kinds = CHANGE_PAGES[form]
    change_pages = [p for p in read if p.kind in change_kinds]
    for r in read_changes(change_pages, name):
        rs[r.field] = r
    lost = sorted(set(change_kinds) - {p.kind for p in change_pages})
    if lost:  # entries printed there are not in the record, and the ones read may not be the first
        missing("changes", f"{' and '.join(k.split()[-1] for k in lost)} (changes after issue)")
    pages = {p.index: p for p in read}
    reread_digits(rs, pages, engine, settings.tesseract_digits_lang, settings.tesseract_lang)
    reread_register(rs, pages, engine, settings.tesseract_digits_lang)
    reread_doubled_d(rs, pages, engine, settings.tesseract_lang)
    canonicalize(rs, issue)
    reread_text(rs, pages, engine, settings.tesseract_lang)
    reread_change_dates(rs, pages, engine, settings.tesseract_lang)
    reread_words(rs, pages, engine, settings.tesseract_lang)
    checks.check_area_words(rs)
    checks.check_land_use_sum(rs)
    checks.check_use_form_shares(rs)
    checks.check_owner_ids(rs)
    resolve_by_edges(rs, settings.edge_tolerance_m)
    checks.check_edges(rs, settings.edge_tolerance_m)
    checks.check_points(rs)
    checks.check_polygon_area(rs, settings.area_tolerance_k, settings.default_map_scale)
    checks.check_zone(rs)
    checks.check_formats(rs, form)
    if qr_text:
        qr_checks(qr_text, rs, form)
    apply_thresholds(rs, degraded={p.index: quality for p in read if p.degraded})
    result.record = build_record(rs, form, source)  # may add readings for what it could not put in the record
    result.fields = list(rs.values())
