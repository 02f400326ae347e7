"""Page kinds from the printed section headings (fuzzy, on folded text), and the document's form.

>>> page_scores('II. Thửa đất, nhà ở và tài sản khác gắn liền với đất ... Hình thức sử dụng ...')['GCN-2014 p2'] > 0
True
>>> classify_text('Hóa đơn bán hàng, tổng cộng 120.000 đồng')
'not a certificate'
"""

from __future__ import annotations

from rapidfuzz import fuzz

from ocr.layout import fold_chars

__all__ = ["KINDS", "BLANK", "OTHER", "page_scores", "classify_text", "document_form", "document_order"]

BLANK = "blank"
OTHER = "not a certificate"

# Headings that each page kind prints (domain.md §1); several per kind so one misread does not lose the page.
MARKERS: dict[str, list[str]] = {
    "GCN-2014 p1": ["người sử dụng đất, chủ sở hữu nhà ở và tài sản khác gắn liền với đất",
                    "quyền sở hữu nhà ở và tài sản khác gắn liền với đất", "cộng hòa xã hội chủ nghĩa việt nam"],
    "GCN-2014 p2": ["thửa đất, nhà ở và tài sản khác gắn liền với đất", "hình thức sử dụng", "mục đích sử dụng",
                    "nguồn gốc sử dụng", "số vào sổ cấp gcn"],
    "GCN-2014 p3": ["sơ đồ thửa đất, nhà ở và tài sản khác gắn liền với đất",
                    "những thay đổi sau khi cấp giấy chứng nhận", "bảng liệt kê tọa độ"],
    "GCN-2014 p4": ["không được sửa chữa, tẩy xóa hoặc bổ sung", "những thay đổi sau khi cấp giấy chứng nhận",
                    "nội dung thay đổi và cơ sở pháp lý", "xác nhận của cơ quan có thẩm quyền"],
    "GCN-2014 extra": ["trang bổ sung giấy chứng nhận"],
    "GCN-2024 p1": ["quyền sở hữu tài sản gắn liền với đất", "thông tin thửa đất", "loại đất",
                    "thông tin tài sản gắn liền với đất", "cộng hòa xã hội chủ nghĩa việt nam"],
    "GCN-2024 p2": ["sơ đồ thửa đất", "ghi chú", "những thay đổi sau khi cấp giấy chứng nhận",
                    "số vào sổ cấp giấy chứng nhận", "bảng liệt kê tọa độ"],
}
# What tells one kind from its look-alike (subtracted when present)
EXCLUDES: dict[str, list[str]] = {
    "GCN-2014 p1": ["thông tin thửa đất", "quyền sở hữu tài sản gắn liền với đất, ", "không được sửa chữa"],
    "GCN-2014 p3": ["sơ đồ thửa đất:", "ghi chú"],
    "GCN-2024 p1": ["nhà ở và tài sản khác", "người sử dụng đất, chủ sở hữu nhà ở"],
    "GCN-2024 p2": ["nhà ở và tài sản khác", "nguồn gốc sử dụng"],
    "GCN-2014 p4": ["sơ đồ thửa đất", "bảng liệt kê tọa độ"],
}
KINDS = [*MARKERS, BLANK, OTHER]


def _present(marker: str, text: str) -> float:
    target = fold_chars(marker)
    if target in text:
        return 1.0
    score = fuzz.partial_ratio(target, text, score_cutoff=80)
    return score / 100 if score else 0.0


def page_scores(text: str) -> dict[str, float]:
    """Each kind's score: markers present (fuzzy) minus look-alike markers."""
    folded = fold_chars(" ".join(text.split()))
    scores = {}
    for kind, markers in MARKERS.items():
        score = sum(_present(m, folded) for m in markers)
        score -= sum(_present(m, folded) for m in EXCLUDES.get(kind, []))
        scores[kind] = score
    return scores


def classify_text(text: str, form: str | None = None) -> str:
    """The page kind for a page's OCR text (optionally knowing the document's form)."""
    scores = page_scores(text)
    if form:
        scores = {k: v for k, v in scores.items() if k.startswith(form)}
    kind, best = max(scores.items(), key=lambda kv: kv[1])
    return kind if best >= 1.0 else OTHER


def document_form(kinds: list[str], has_qr: bool = False) -> str | None:
    """The form of a document from its page kinds (majority), the QR code as a tie-breaker."""
    votes = {"GCN-2014": 0.0, "GCN-2024": 0.5 if has_qr else 0.0}
    for kind in kinds:
        for form in votes:
            if kind.startswith(form):
                votes[form] += 1
    form, best = max(votes.items(), key=lambda kv: kv[1])
    return form if best >= 1 else None


def document_order(kinds: list[str]) -> list[int]:
    """The positions of ``kinds`` in the certificate's own page order (p1, p2, p3, p4, added pages); pages of
    the same kind, blank pages and others keep their given order, after the certificate's pages.

    >>> document_order(['GCN-2014 p3', 'blank', 'GCN-2014 p1', 'GCN-2014 p4', 'GCN-2014 p2'])
    [2, 4, 0, 3, 1]
    """
    rank = {kind: i for i, kind in enumerate(MARKERS)}
    return sorted(range(len(kinds)), key=lambda i: (rank.get(kinds[i], len(rank)), i))
