"""What ``extract_document`` returns: one reading per field, and the record built from them.

>>> r = FieldReading("parcel.area_m2", "32.4", "32,4 m²", 0.97, page=2, bbox=(10, 20, 80, 30), engine="tesseract")
>>> r.flag("area digits disagree with words")
>>> r.flagged, r.flag_reason
(True, 'area digits disagree with words')
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from landdb.models import CertificateRecord

BBox = tuple[int, int, int, int]  # x, y, w, h in page pixels


@dataclass
class FieldReading:
    """One field as read: normalized value, the raw OCR text, confidence 0..1, where it was, and any flag."""

    field: str
    value: str | None
    raw_text: str | None
    confidence: float
    page: int | None = None
    bbox: BBox | None = None
    engine: str = "tesseract"
    flagged: bool = False
    flag_reason: str | None = None
    confirmed: list[str] = field(default_factory=list)  # what raised confidence: 'reread', 'reread2', 'check'
    alternatives: list[str] = field(default_factory=list)  # values another reading gave, when readings disagree
    pending: str | None = None  # a reason to flag that holds unless a second reading confirms the value

    def flag(self, reason: str, confidence_cap: float | None = None) -> None:
        """Mark the field for a person; several reasons are joined with '; '."""
        self.flagged = True
        self.flag_reason = reason if not self.flag_reason else f"{self.flag_reason}; {reason}"
        if confidence_cap is not None:
            self.confidence = min(self.confidence, confidence_cap)


@dataclass
class ExtractionResult:
    """The outcome for one document. ``error`` is set (and ``record`` None) when it cannot be read at all."""

    source: str
    record: CertificateRecord | None = None
    fields: list[FieldReading] = field(default_factory=list)
    pages: int = 0
    page_kinds: list[str] = field(default_factory=list)
    page_quality: list[float] = field(default_factory=list)  # per page: Tesseract's mean word confidence
    page_order: list[int] = field(default_factory=list)  # the pages (1-based, as loaded) in the certificate's order
    error: str | None = None
    seconds: float = 0.0

    @property
    def flags(self) -> list[dict[str, str]]:
        return [{"field": f.field, "reason": f.flag_reason or "flagged"} for f in self.fields if f.flagged]

    def to_json_dict(self) -> dict[str, Any]:
        """The ``--jsonl`` line: the schema's fields plus source, or ``{"source", "error"}``."""
        if self.record is None:
            return {"source": self.source, "error": self.error or "no certificate found"}
        data = self.record.to_json_dict()
        data["source"] = self.source
        return data

    def debug_dict(self) -> dict[str, Any]:
        """Everything, for inspection (fields with boxes and raw text)."""
        return {"source": self.source, "pages": self.pages, "page_kinds": self.page_kinds,
                "page_order": self.page_order, "error": self.error,
                "seconds": self.seconds, "fields": [asdict(f) for f in self.fields]}
