"""Closed vocabularies of the certificate: land-use names, terms, forms of use, origins.

A value whose letters (diacritics aside) equal a known phrase takes the phrase's spelling: OCR's diacritic
errors are corrected only when nothing else could have been printed. Anything else is kept as read and
reported, never replaced by a near match.

>>> land_use_code('Đất ở tại đô thi', None, None)
('Đất ở tại đô thị', 'ODT', None)
>>> canonical_term('Đất ở tại đô thị: Lâu dài; Đất trồng cây lâu năm: Đến ngày 26/09/2067', None)
('Đất ở tại đô thị: Lâu dài; Đất trồng cây lâu năm: Đến ngày 26/09/2067', None)
>>> canonical_use_form('rieng: 32,4 m2; chung: Khong m²')
('riêng: 32,4 m²; chung: Không m²', None)
"""

from __future__ import annotations

import datetime as dt
import re

from landdb.landuse import catalogue, code_for_name, normalize_code
from landdb.vietnamese import fold
from ocr.lexicon import check_place

__all__ = ["land_use_code", "canonical_term", "canonical_use_form", "canonical_phrase", "ORIGINS"]

ORIGINS = [
    "Công nhận quyền sử dụng đất như giao đất có thu tiền sử dụng đất",
    "Công nhận quyền sử dụng đất như giao đất không thu tiền sử dụng đất",
    "Nhà nước giao đất có thu tiền sử dụng đất", "Nhà nước giao đất không thu tiền sử dụng đất",
    "Nhà nước cho thuê đất trả tiền một lần cho cả thời gian thuê", "Nhà nước cho thuê đất trả tiền hàng năm",
    "Nhận chuyển nhượng đất được Công nhận QSDĐ như giao đất có thu tiền sử dụng đất",
    "Nhận thừa kế đất được Công nhận QSDĐ như giao đất có thu tiền sử dụng đất",
    "Nhận tặng cho đất được Công nhận QSDĐ như giao đất có thu tiền sử dụng đất",
]
USE_FORMS = ["Sử dụng riêng", "Sử dụng chung"]
VOCAB_CONFIDENCE = 0.97  # a value whose letters are exactly a known phrase's


def issuers() -> list[str]:
    """Issuing bodies in HCMC: the department (by era) and the district / town people's committees."""
    from ocr.lexicon import places

    bodies = ["SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
              "ỦY BAN NHÂN DÂN TP. THỦ ĐỨC", "ỦY BAN NHÂN DÂN THÀNH PHỐ THỦ ĐỨC",
              "CHI NHÁNH VĂN PHÒNG ĐĂNG KÝ ĐẤT ĐAI"]
    for district in places("district"):
        level = "QUẬN" if district.startswith("Quận") or district in (
            "Bình Thạnh", "Gò Vấp", "Phú Nhuận", "Tân Bình", "Tân Phú", "Bình Tân", "Thủ Đức") else "HUYỆN"
        name = district.removeprefix("Quận ").upper()
        bodies.append(f"ỦY BAN NHÂN DÂN {level} {name}")
    return bodies


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


def canonical_phrase(text: str, phrases: list[str]) -> str | None:
    """The known phrase with the same letters as ``text`` (diacritics, case, spaces and punctuation aside)."""
    key = _key(text)
    for phrase in phrases:
        if _key(phrase) == key:
            return phrase
    return None


def land_use_code(name: str, printed_code: str | None,
                  issue_date: dt.date | None) -> tuple[str, str | None, str | None]:
    """(name as printed — spelling corrected when unambiguous, code, problem or None)."""
    table = catalogue(issue_date)
    canonical = canonical_phrase(name, list(table.values()))
    code = code_for_name(canonical or name, issue_date)
    problem = None
    if code is None:
        problem = f"{name!r} is not a land-use name of the catalogue in force"
    if printed_code:
        printed = normalize_code(printed_code, issue_date)
        if printed is None:
            problem = f"printed code {printed_code!r} is not in the catalogue in force"
        elif code is not None and printed != code:
            problem = f"printed code {printed_code} disagrees with the name ({code})"
        elif code is None:
            code = printed
            problem = f"name {name!r} not in the catalogue; code {printed} taken from the print"
    return canonical or name, code, problem


_TERM_PIECE = re.compile(r"^(?:(?P<use>[^:]+):\s*)?(?P<term>.+)$")


def canonical_term(text: str, issue_date: dt.date | None) -> tuple[str, str | None]:
    """A 'Thời hạn sử dụng' value, piece by piece ('Lâu dài' or 'Đến ngày dd/mm/yyyy', optional use name)."""
    from ocr.normalize import parse_date

    pieces = []
    for piece in [p.strip() for p in text.split(";") if p.strip()]:
        match = _TERM_PIECE.match(piece)
        use, term = (match.group("use"), match.group("term")) if match else (None, piece)
        out = ""
        if use:
            name, code, problem = land_use_code(use.strip(), None, issue_date)
            if problem:
                return text, f"term: {problem}"
            out = f"{name}: "
        if _key(term) == "laudai":
            out += "Lâu dài"
        elif _key(term).startswith("denngay"):
            date = parse_date(term.replace(" ", ""))
            if date is None:
                return text, f"term {term!r}: the date cannot be read"
            out += f"Đến ngày {date:%d/%m/%Y}"
        else:
            return text, f"term {term!r} is neither 'Lâu dài' nor 'Đến ngày …'"
        pieces.append(out)
    if not pieces:
        return text, "empty term"
    return "; ".join(pieces), None


_SHARES = re.compile(r"^rieng\s*:?\s*([\d.,]+|khong)\s*m\S*\s*[;,]?\s*chung\s*:?\s*([\d.,]+|khong)\s*m\S*$")


def canonical_use_form(text: str) -> tuple[str, str | None]:
    """'Sử dụng riêng' / 'Sử dụng chung' / 'riêng: 32,4 m²; chung: Không m²'."""
    phrase = canonical_phrase(text, USE_FORMS)
    if phrase:
        return phrase, None
    match = _SHARES.match(fold(text).strip().rstrip(";. "))
    if match:
        parts = ["Không" if g == "khong" else g for g in match.groups()]
        if all(p == "Không" or re.fullmatch(r"\d+(?:\.\d{3})*(?:,\d{1,2})?", p) for p in parts):
            return f"riêng: {parts[0]} m²; chung: {parts[1]} m²", None
    return text, f"form of use {text!r} is not a known form"


def canonical_text(text: str) -> tuple[str, list[str]]:
    """Free text (addresses, origins): known phrases first, else syllable-by-syllable lexicon check."""
    phrase = canonical_phrase(text, ORIGINS)
    if phrase:
        return phrase, []
    return check_place(text)
