"""A fourth reading for an owner's name whose third reading dissents only in the diacritics.

Two readings of a name agreed, a third (gray, enlarged 1.5×, on its own) gives the same letters with other marks
('MẬN' / 'MÂN'). Which mark is printed is what readings of one print may share a mistake about, so the name was
flagged. Here it is read a fourth time, made differently from the three before it (the crop enlarged
:data:`FOURTH_SCALE` times and binarized with Otsu, read as one raw line: page segmentation mode 13). The value is
kept unflagged only when the fourth reading gives it letter for letter (three readings of four, made three ways).
A fourth reading that sides with the third, or gives anything else, leaves the flag; the value never takes the
dissenting side: no guess.

Only where the third reading has no more marks than the value: Tesseract's mistake is to lose a stacked mark
('YẾN' read 'YÊN', a name of its own), and a reading that lost one is exactly what a fourth reading may repeat
(on a rendered 'NGUYỄN THỊ YẾN' this one reads 'YÊN'). A third reading with a mark the value lacks stays a flag.

Calibrated on seeds 101 and 303 only (`python -m bench.calibrate_marks`, 48 unseen documents each, clean, light
and medium): the third reading dissented in the marks on 5 names, all 5 values right; of eight ways of making
the fourth reading, this one gave the value on 4 (psm 7 at 2–3×: none; 2× gray or binarized with psm 13: 3).
"""

from __future__ import annotations

import re
import unicodedata

import cv2
import numpy as np

from landdb.vietnamese import fold
from ocr.engine import OcrEngine
from ocr.normalize import clean_text
from ocr.page import PageOCR
from ocr.preprocess import scaled
from ocr.result import FieldReading
from ocr.table import crop, padded_box, read_each

__all__ = ["only_marks_differ", "fourth_image", "settle_marks", "FOURTH_SCALE", "FOURTH_PSM"]

FOURTH_SCALE = 1.5  # with Otsu and psm 13 (calibrated on seeds 101/303, above)
FOURTH_PSM = 13  # a raw line: no page layout analysis


def _letters(text: str) -> str:
    return " ".join(re.findall(r"[^\W\d_]+", clean_text(text)))


def only_marks_differ(first: str, second: str) -> bool:
    """The two readings have the same letters, word for word, and differ in diacritics only.

    >>> only_marks_differ('NGUYỄN THỊ MẬN', 'NGUYỄN THỊ MÂN'), only_marks_differ('LÊ AN', 'LÊ ANH')
    (True, False)
    >>> only_marks_differ('LÊ AN', 'LÊ AN,')
    False
    """
    a, b = _letters(first), _letters(second)
    return bool(a) and a != b and fold(a) == fold(b)


def _marks(text: str) -> int:
    return sum(unicodedata.combining(ch) > 0 for ch in unicodedata.normalize("NFD", text))


def fourth_image(gray: np.ndarray, bbox: tuple[int, int, int, int]) -> np.ndarray:
    """The name's box with a margin, enlarged :data:`FOURTH_SCALE` times and binarized (Otsu)."""
    big = scaled(crop(gray, padded_box(gray.shape, bbox, 3), False), FOURTH_SCALE)
    _, binary = cv2.threshold(big, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return binary


def settle_marks(dissents: list[tuple[FieldReading, str]], pages: dict[int, PageOCR], engine: OcrEngine,
                 lang: str) -> list[tuple[FieldReading, str]]:
    """Names (on a page not degraded) whose third reading differs from the value only in the marks, with no more
    of them, are read a fourth time; those it gives letter for letter are confirmed ('reread4'). Returns the
    dissents left (to be flagged by the caller)."""
    tried = [(r, text) for r, text in dissents if r.field.endswith(".name") and r.raw_text
             and not pages[r.page].degraded and only_marks_differ(r.raw_text, text)
             and _marks(_letters(text)) <= _marks(_letters(r.raw_text))]
    fourth = read_each([fourth_image(pages[r.page].gray, r.bbox) for r, _ in tried], engine, lang, None,
                       psm=FOURTH_PSM)
    settled = {id(r) for (r, _), cell in zip(tried, fourth, strict=True) if _letters(cell.text) == _letters(r.raw_text)}
    for r, _ in tried:
        if id(r) in settled:
            r.confirmed.append("reread4")
    return [(r, text) for r, text in dissents if id(r) not in settled]
