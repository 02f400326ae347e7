"""Vietnamese text helpers: NFC, diacritics folding, and reading numbers in words.

Certificates write the area twice, in digits and in words (``bằng chữ``); the words
are an independent second reading of the number, so landdb both writes them (the
sample generator) and reads them back (the OCR cross-check).

>>> number_to_words(32.4)
'Ba mươi hai phẩy bốn mét vuông'
>>> words_to_number('Một trăm linh năm phẩy không mét vuông')
105.0
>>> fold('NGUYỄN Văn Đạt')
'nguyen van dat'
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["nfc", "fold", "tone_style", "keep_case", "number_to_words", "integer_to_words", "words_to_number",
           "UNIT_M2"]

UNIT_M2 = "mét vuông"

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def nfc(text: str) -> str:
    """Unicode NFC (Tesseract returns NFKC; the database stores NFC)."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower case without diacritics, for searching and fuzzy matching.

    >>> fold('Phường Bến Thành, Quận 1')
    'phuong ben thanh, quan 1'
    """
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng as combining marks
_SHIFTED = re.compile(r"(o)([" + _TONES + r"]?)([ae])([" + _TONES + r"]?)$|(u)([" + _TONES + r"]?)(y)([" + _TONES
                      + r"]?)$", re.IGNORECASE)


def tone_style(syllable: str) -> str:
    """One placement of the tone mark in final 'oa', 'oe', 'uy' (on the first vowel), so that the old and the new
    spelling compare equal — the one place where 'Hoà'/'Hòa' and 'Thuỳ'/'Thùy' become one spelling.

    >>> tone_style('hoà') == tone_style('hòa'), tone_style('THUỲ') == tone_style('THÙY'), tone_style('hoàng')
    (True, True, 'hoàng')
    """
    decomposed = unicodedata.normalize("NFD", syllable)

    def move(m: re.Match) -> str:
        first, t1, second, t2 = (m.group(1), m.group(2), m.group(3), m.group(4)) if m.group(1) else \
            (m.group(5), m.group(6), m.group(7), m.group(8))
        return first + (t1 or t2) + second

    return unicodedata.normalize("NFC", _SHIFTED.sub(move, decomposed))


def keep_case(read: str, spelled: str) -> str:
    """``spelled``'s letters and diacritics with the case of each letter as ``read`` (same letters once folded):
    a lexicon may choose the diacritics, never the capitals printed. Unequal lengths keep ``read``.

    >>> keep_case('Quốc lô', 'Quốc Lộ'), keep_case('NGUYEN', 'Nguyễn'), keep_case('bach dang', 'Bạch Đằng')
    ('Quốc lộ', 'NGUYỄN', 'bạch đằng')
    """
    read, spelled = nfc(read), nfc(spelled)
    if len(read) != len(spelled):
        return read
    pairs = zip(read, spelled, strict=True)
    return "".join(s.upper() if r.isupper() else s.lower() if r.islower() else s for r, s in pairs)


def _below_thousand(n: int, full: bool) -> list[str]:
    """Words for 0 < n < 1000; ``full`` reads zero hundreds/tens ('không trăm linh …')."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
        if units:
            words.append(_DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units == 1:
        words.append("mốt" if tens >= 2 else "một")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return words


def integer_to_words(n: int) -> str:
    """Read a whole number the Vietnamese way (lower case).

    >>> integer_to_words(1005)
    'một nghìn không trăm linh năm'
    >>> integer_to_words(21)
    'hai mươi mốt'
    >>> integer_to_words(115)
    'một trăm mười lăm'
    """
    if n < 0:
        raise ValueError("negative numbers are not read")
    if n == 0:
        return "không"
    groups: list[int] = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    scales = ["", "nghìn", "triệu", "tỷ"]
    words: list[str] = []
    for idx in range(len(groups) - 1, -1, -1):
        group = groups[idx]
        if group == 0:
            continue
        words += _below_thousand(group, full=bool(words))
        if scales[idx]:
            words.append(scales[idx])
    return " ".join(words)


def number_to_words(value: float | Decimal, decimals: int = 1, unit: str | None = UNIT_M2) -> str:
    """An area as certificates write it in words, capitalised, with ``decimals`` places.

    >>> number_to_words(1250.0)
    'Một nghìn hai trăm năm mươi phẩy không mét vuông'
    >>> number_to_words(93, decimals=0, unit=None)
    'Chín mươi ba'
    """
    quantized = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    whole, _, frac = f"{quantized:f}".partition(".")
    text = integer_to_words(int(whole))
    if decimals:
        text += " phẩy " + " ".join(_DIGITS[int(d)] for d in frac)
    if unit:
        text += " " + unit
    return text[0].upper() + text[1:]


# Folded (unaccented) spellings, so OCR errors in diacritics do not lose the number.
_FOLDED_DIGITS = {
    "khong": 0, "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "nham": 5,
    "sau": 6, "bay": 7, "tam": 8, "chin": 9,
}
_SCALES = {"nghin": 1000, "ngan": 1000, "trieu": 1_000_000, "ty": 1_000_000_000}
_SKIP = {"linh", "le", "met", "vuong", "m2", "m²", "chan", "dong"}


def _read_integer(tokens: list[str]) -> int:
    total = 0
    group = 0
    last_digit: int | None = None
    for tok in tokens:
        if tok in _FOLDED_DIGITS:
            last_digit = _FOLDED_DIGITS[tok]
            group += last_digit
        elif tok == "muoi":  # mười (10) or mươi (×10): after a digit 2–9 it multiplies
            if last_digit is not None and last_digit >= 2 and group % 10 == last_digit:
                group += last_digit * 9
            else:
                group += 10
            last_digit = None
        elif tok == "tram":
            if last_digit is None:
                raise ValueError("'trăm' without a digit before it")
            group += last_digit * 99
            last_digit = None
        elif tok in _SCALES:
            total += max(group, 1) * _SCALES[tok]
            group = 0
            last_digit = None
        elif tok in _SKIP:
            continue
        else:
            raise ValueError(f"not a number word: {tok!r}")
    return total + group


def words_to_number(text: str) -> float:
    """Parse a number written in Vietnamese words (diacritics optional).

    >>> words_to_number('Ba mươi hai phẩy bốn mét vuông')
    32.4
    >>> words_to_number('hai muoi lam met vuong')
    25.0
    >>> words_to_number('Một trăm nghìn không trăm hai mươi mốt')
    100021.0
    """
    tokens = re.findall(r"[\w²]+", fold(nfc(text)))
    if not tokens:
        raise ValueError("no number words")
    if "phay" in tokens:
        cut = tokens.index("phay")
        whole, frac_tokens = tokens[:cut], [t for t in tokens[cut + 1:] if t not in _SKIP]
        frac_digits = "".join(str(_FOLDED_DIGITS[t]) for t in frac_tokens if t in _FOLDED_DIGITS)
        if len(frac_digits) != len(frac_tokens) or not frac_digits:
            # a decimal part read as a number ('phẩy hai mươi lăm') rather than digit by digit
            frac_digits = str(_read_integer(frac_tokens))
        return float(f"{_read_integer(whole)}.{frac_digits}")
    return float(_read_integer(tokens))
