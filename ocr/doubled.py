"""A đ read twice: Tesseract sometimes reads one printed 'Đ' as 'ĐÐ' (a đ and the Icelandic eth beside it,
'HĐTC' → 'HĐÐTC'). Such a word is read again on its own twice, gray and binarized; only when both readings
give the word with a single đ, letter for letter, does the value take it. Otherwise the text keeps what was read
and the eth flags it (:func:`ocr.assemble.canonical_change`): never a guess.
"""

from __future__ import annotations

import dataclasses
import re

from ocr.engine import OcrEngine
from ocr.normalize import clean_text
from ocr.page import PageOCR
from ocr.result import FieldReading
from ocr.table import crop, padded_box, read_each

__all__ = ["reread_doubled_d", "single_d", "DOUBLED_D"]

DOUBLED_D = re.compile(r"[ĐÐ]{2}|[đð]{2}")
_FIELDS = re.compile(r"changes\.\d+\.text$|owners\.\d+\.address$|parcel\.(address|origin)$")


def single_d(text: str) -> str:
    """The text with every đ read twice (one of the pair an eth) read once.

    >>> single_d('83280.ĐÐC'), single_d('HÐĐTC'), single_d('ĐĐ')
    ('83280.ĐC', 'HĐTC', 'ĐĐ')
    """
    def one(match: re.Match) -> str:
        pair = match.group(0)
        if "Ð" not in pair and "ð" not in pair:
            return pair  # two real đ: not a look-alike read twice
        return "Đ" if pair[0].isupper() else "đ"

    return DOUBLED_D.sub(one, text)


def _agreed(word: str, readings: list[str]) -> bool:
    target = clean_text(single_d(word)).strip(",.;:")
    return all(clean_text(text).strip(",.;:") == target for text in readings)


def reread_doubled_d(readings: dict[str, FieldReading], pages: dict[int, PageOCR], engine: OcrEngine, lang: str
                     ) -> None:
    """Each word with a đ read twice in a long text is read again gray and binarized; when both give the word
    with one đ (neither under :data:`ocr.reread.UNSURE_WORD`), the value and the page's word take it — the word
    then counts as read twice alike (:func:`ocr.reread.reread_words` needs no third reading of it)."""
    from ocr.reread import UNSURE_WORD

    for key, r in readings.items():
        if not _FIELDS.search(key) or not r.value or r.bbox is None or r.page not in pages \
                or single_d(r.value) == r.value:
            continue
        page = pages[r.page]
        x, y, w, h = r.bbox
        for index, word in enumerate(page.words):
            inside = x <= word.left + word.width / 2 <= x + w and y <= word.cy <= y + h
            core = word.text.strip(",.;:")
            if not inside or single_d(core) == core or core not in r.value:
                continue
            box = padded_box(page.gray.shape, (word.left, word.top, word.width, word.height), 4)
            again = read_each([crop(page.gray, box, False), crop(page.gray, box, True)], engine, lang, None)
            if min(c.conf for c in again) >= UNSURE_WORD and _agreed(core, [c.text for c in again]):
                r.value = r.value.replace(core, single_d(core), 1)
                page.words[index] = dataclasses.replace(word, text=single_d(word.text),
                                                        conf=max(word.conf, min(c.conf for c in again)))
