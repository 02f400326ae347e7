"""Value normalizers: OCR text of one field → the schema's value, or None when it is not well-formed.

Each returns None rather than guessing; the caller flags the field and keeps the raw text.
"""

from __future__ import annotations

import datetime as dt
import re

from landdb.vietnamese import fold, nfc

__all__ = ["parse_area", "parse_date", "parse_serial", "parse_register_no", "parse_int_token",
           "parse_coordinate", "parse_length", "clean_text", "digits"]

_AREA = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?")


# look-alikes Tesseract returns for Vietnamese print: the Icelandic eth for đ/Đ (same glyph), the fraction slash.
# An eth beside a đ ('ÐĐC' for 'ĐC') is a letter read twice, not a look-alike: it stays, and is flagged.
LOOK_ALIKES = str.maketrans({"⁄": "/"})
_LONE_ETH = re.compile(r"(?<![ĐÐđð])([Ðð])(?![ĐÐđð])")


def clean_text(text: str) -> str:
    """NFC, look-alike characters to the Vietnamese ones, single spaces, stray punctuation trimmed at both ends (a
    sentence's final period too).

    >>> clean_text('  Sử dụng  riêng ; '), clean_text('12 Hoàng Văn Thụ, Thành phố Hồ Chí Minh.')
    ('Sử dụng riêng', '12 Hoàng Văn Thụ, Thành phố Hồ Chí Minh')
    >>> clean_text('Ðính chính: 7⁄22 Mã Lò') == 'Đính chính: 7/22 Mã Lò', clean_text('83280.ÐĐC')
    (True, '83280.ÐĐC')
    """
    text = _LONE_ETH.sub(lambda m: "Đ" if m.group(1) == "Ð" else "đ", nfc(text).translate(LOOK_ALIKES))
    text = " ".join(text.split())
    return text.strip(" ;,:|_-—").removesuffix(".").strip(" ;,:")


def digits(text: str) -> str:
    """Only the digits of a text.

    >>> digits('079 075-001234')
    '079075001234'
    """
    return "".join(ch for ch in text if ch.isdigit())


def parse_area(text: str) -> float | None:
    """An area as printed (decimal comma, optional thousands dots) → m²; None when not a clean number.

    >>> parse_area('32,4 m²'), parse_area('1.250,5m2'), parse_area('93,0'), parse_area('3 2,4'), parse_area('279,5 m°,')
    (32.4, 1250.5, 93.0, None, 279.5)
    """
    text = nfc(text).strip()
    text = re.sub(r"\s*m\S{0,2}?\s*[,;.)]*\s*$", "", text)  # the unit, however OCR drew the ²
    match = _AREA.fullmatch(text.strip().rstrip(",;"))
    if not match:
        return None
    whole = match.group(1).replace(".", "")
    frac = match.group(2)
    return float(f"{whole}.{frac}") if frac else float(whole)


_DATE_WORDS = re.compile(r"ng[aà]y\s*(\d{1,2})\s*th[aá]ng\s*(\d{1,2})\s*n[aă]m\s*(\d{4})", re.IGNORECASE)
_DATE_SLASH = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")


def parse_date(text: str) -> dt.date | None:
    """'ngày 25 tháng 11 năm 2013' or '15/10/2063' → a date; None when absent or impossible.

    >>> parse_date('Gò Vấp, ngày 25 tháng 11 năm 2013'), parse_date('Đến ngày 15/10/2063')
    (datetime.date(2013, 11, 25), datetime.date(2063, 10, 15))
    >>> parse_date('ngày 31 tháng 02 năm 2013') is None
    True
    """
    folded = fold(text)
    match = _DATE_WORDS.search(folded) or _DATE_SLASH.search(folded)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_SERIAL = {"GCN-2014": re.compile(r"([A-ZĐ]{1,2})\s?(\d{6})"), "GCN-2024": re.compile(r"([A-ZĐ]{2})\s?(\d{8})")}


def parse_serial(text: str, form: str) -> str | None:
    """The serial (số phát hành) in canonical spacing, by form; None when the text does not have that shape.

    >>> parse_serial('Số: CS123456', 'GCN-2014'), parse_serial('AA 06654954', 'GCN-2024')
    ('CS 123456', 'AA 06654954')
    >>> parse_serial('AA 0665495', 'GCN-2024') is None, parse_serial('CŨ990962', 'GCN-2014')
    (True, 'CU 990962')
    """
    text = nfc(text).upper().replace("Ð", "Đ")
    # serial letters carry no diacritics but Đ: OCR's 'Ũ' is 'U'
    text = "".join(ch if ch == "Đ" else fold(ch).upper() if ch.isalpha() else ch for ch in text)
    text = re.sub(r"ĐĐ+", "Đ", text)
    pattern = _SERIAL[form]
    found = [m for m in pattern.finditer(text) if not _digit_neighbours(text, m)]
    if len(found) != 1:
        return None
    return f"{found[0].group(1)} {found[0].group(2)}"


def _digit_neighbours(text: str, match: re.Match) -> bool:
    before = text[match.start() - 1] if match.start() else " "
    after = text[match.end()] if match.end() < len(text) else " "
    return after.isdigit() or before.isalpha() and before.isupper()


_REGISTER = re.compile(r"\b([A-ZĐ]{1,3})\s?(\d{2}[\d.]{3,6})\b")


def parse_register_no(text: str) -> str | None:
    """'Số vào sổ cấp GCN: CH01583' → 'CH01583'; None when there is not exactly one such code.

    >>> parse_register_no('Số vào sổ cấp GCN: CH01583'), parse_register_no('CN00.383')
    ('CH01583', 'CN00.383')
    """
    text = nfc(text).upper()
    found = {f"{m.group(1)}{m.group(2).rstrip('.')}" for m in _REGISTER.finditer(text)}
    return found.pop() if len(found) == 1 else None


def parse_int_token(text: str) -> str | None:
    """A parcel or sheet number: digits only, no leading zero; None otherwise.

    >>> parse_int_token(' 125,'), parse_int_token('12a'), parse_int_token('0')
    ('125', None, None)
    """
    token = text.strip().strip(",;.:")
    return token if re.fullmatch(r"[1-9]\d{0,5}", token) else None


def parse_coordinate(text: str) -> float | None:
    """A VN-2000 coordinate as printed in the table (6–7 digits, '.', 2–3 decimals).

    >>> parse_coordinate('1191842.123'), parse_coordinate('603699.45'), parse_coordinate('60369.45')
    (1191842.123, 603699.45, None)
    """
    token = text.strip().replace(",", ".")
    return float(token) if re.fullmatch(r"\d{6,7}\.\d{2,3}", token) else None


def parse_length(text: str) -> float | None:
    """An edge length as printed (metres, '.' or ',' decimal, 1–3 decimals).

    >>> parse_length('12.35'), parse_length('4,2'), parse_length('12')
    (12.35, 4.2, None)
    """
    token = text.strip().replace(",", ".")
    return float(token) if re.fullmatch(r"\d{1,4}\.\d{1,3}", token) else None
