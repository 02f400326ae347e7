"""Second (and third) readings: digit fields with a whitelist, one-line texts, the issue date, change dates,
and long texts word by word. Agreement raises confidence; disagreement flags the field (never lowers it to a
guess). The register number is read apart (:mod:`ocr.register`), so is the serial (:mod:`ocr.serial`).
"""

from __future__ import annotations

import re

from landdb.vietnamese import fold, nfc, tone_style
from ocr.checks import _flag, agree
from ocr.engine import OcrEngine
from ocr.marks import settle_marks
from ocr.normalize import clean_text
from ocr.page import PageOCR
from ocr.preprocess import scaled
from ocr.result import FieldReading
from ocr.table import crop, padded_box, read_crops, read_each
from ocr.vocab import VOCAB_CONFIDENCE

__all__ = ["reread_digits", "reread_text", "marks_differ", "reread_change_dates",
           "reread_words", "reread_issue_date", "same_word", "DIGIT_FIELDS", "TEXT_AGREED"]

TEXT_AGREED = 0.95  # two readings of a text field agree letter for letter
UNSURE_WORD = 0.5  # a word under this confidence: two agreeing readings are not enough (a priori, not tuned)
# an owner's name on a page that reads under this quality (light and medium scans read 0.89–0.95) is read a third
# time even when two readings agreed: both may lose the same stacked diacritic ('YẾN' → 'YÊN', a name of its own)
NAME_THIRD_BELOW = 0.95  # a priori, not tuned

DIGIT_FIELDS = re.compile(r"parcel\.(parcel_no|sheet_no|area_m2)$|owners\.\d+\.(id_number|birth_year)$")
WHITELIST = "ABCDEGHKLMNPQRSTUVXY0123456789,.;:"  # one call per page for every field


def _canon(field: str, text: str) -> str | None:
    if field.endswith("area_m2"):
        from ocr.normalize import parse_area

        value = parse_area(text.rstrip(".,"))
        return None if value is None else f"{value:g}"
    text = text.strip(",.;:")
    return text if text.isdigit() else None


def reread_digits(readings: dict[str, FieldReading], pages: dict[int, PageOCR], engine: OcrEngine,
                  lang: str, other_lang: str | None = None) -> None:
    """Re-read every digit field that has a value and a box; agree or flag.

    On a degraded scan (:attr:`PageOCR.degraded`) two readings can make the same mistake, so the fields that agreed
    are read a third time, differently (binarized crop, ``other_lang``); only that agreement counts as
    'reread2', and a disagreement flags the field.
    """
    items = [r for key, r in readings.items()
             if DIGIT_FIELDS.search(key) and r.value is not None and r.bbox is not None and r.page in pages]
    again = read_crops([_padded(pages[r.page].gray, r.bbox, False) for r in items], engine, lang, WHITELIST)
    for r, cell in zip(items, again, strict=True):
        second = _canon(r.field, cell.text)
        if second == r.value:
            agree(r, by="reread")
        elif second is None:
            r.confidence = min(r.confidence, 0.6)
        else:
            _flag(f"a re-reading with a character whitelist gives {second!r}", r)
    degraded = [r for r in items if not r.flagged and "reread" in r.confirmed and pages[r.page].degraded]
    third = read_crops([_padded(pages[r.page].gray, r.bbox, True) for r in degraded], engine, other_lang or lang,
                       WHITELIST)
    for r, cell in zip(degraded, third, strict=True):
        value = _canon(r.field, cell.text)
        if value == r.value:
            agree(r, by="reread2")
        elif value is not None:
            _flag(f"degraded scan: a third reading gives {value!r}", r)


def _padded(gray, bbox: tuple[int, int, int, int], binarize: bool, ratio: int = 4):
    """The field's box with a margin, cut from its page."""
    return crop(gray, padded_box(gray.shape, bbox, ratio), binarize)


TEXT_FIELDS = re.compile(r"owners\.\d+\.(name|address)$|parcel\.(address|origin)$|^issuer$|^issue_date$")


NAME_OR_PLACE = re.compile(r"owners\.\d+\.(name|address)$|parcel\.address$")


def _same_text(a: str, b: str) -> bool:
    from ocr.normalize import clean_text

    def norm(text: str) -> str:
        return re.sub(r"^\W+|\W+$", "", " ".join(clean_text(text).replace(" ,", ",").split()))

    return norm(a) == norm(b)


def reread_text(readings: dict[str, FieldReading], pages: dict[int, PageOCR], engine: OcrEngine,
                lang: str) -> None:
    """Re-read one-line text fields from their binarized crops: the same text twice raises confidence,
    different texts flag the field."""
    items = [r for key, r in readings.items()
             if TEXT_FIELDS.search(key) and r.value is not None and r.raw_text and r.bbox is not None
             and r.page in pages and not r.flagged and r.bbox[3] < 90  # one line only
             and r.confidence < VOCAB_CONFIDENCE]  # not already a known phrase
    unsure = {id(r) for r in items if r.confidence < UNSURE_WORD}  # a word Tesseract itself had no idea of
    again = read_crops([_padded(pages[r.page].gray, r.bbox, True, ratio=3) for r in items], engine, lang, None,
                       joiner=" ")
    disagree = []
    for r, cell in zip(items, again, strict=True):
        if _same_text(r.raw_text, cell.text) or _same_value(r, cell.text):
            if id(r) in unsure and cell.conf < UNSURE_WORD:
                continue  # two unsure readings that agree confirm nothing: the field keeps its low confidence
            r.confidence = max(r.confidence, TEXT_AGREED)
            r.confirmed.append("reread")
        else:
            disagree.append((r, cell.text))
    # on a degraded scan, or with a word the first reading was unsure of, two readings may share a mistake in the
    # diacritics: names and addresses that agreed are read a third time, differently (gray, enlarged, on its
    # own); a different text flags them
    agreed = [r for r in items if "reread" in r.confirmed and NAME_OR_PLACE.search(r.field)
              and (pages[r.page].degraded or id(r) in unsure
                   or r.field.endswith(".name") and pages[r.page].quality < NAME_THIRD_BELOW)]
    third = read_each([scaled(_padded(pages[r.page].gray, r.bbox, False, ratio=3), 1.5) for r in agreed], engine, lang,
                      None)
    dissents = []
    for r, cell in zip(agreed, third, strict=True):
        if _same_text(r.raw_text, cell.text) or _same_value(r, cell.text):
            r.confirmed.append("reread2")
        else:
            dissents.append((r, cell.text))
    for r, text in settle_marks(dissents, pages, engine, lang):  # a name's marks: a fourth reading may settle them
        why = "degraded scan" if pages[r.page].degraded else "a word the first reading was unsure of" \
                if id(r) in unsure else f"scan quality {pages[r.page].quality:.2f}"
        _flag(f"{why}: a third reading gives {text!r}", r)
    # a third reading (gray, on its own, one text line) settles a disagreement for the first reading — except on
    # a degraded scan, where two readings may share a mistake and any dissent flags
    # nor where the readings differ only in diacritics of a name or an address: which mark is right is exactly
    # what two readings of the same print may share a mistake about ('Trần' / 'Trân')
    clear = [(r, text) for r, text in disagree if not pages[r.page].degraded
             and not (NAME_OR_PLACE.search(r.field) and marks_differ(r.raw_text, text))]
    third = read_each([_padded(pages[r.page].gray, r.bbox, False, ratio=3) for r, _ in clear], engine, lang, None)
    settled = {id(r) for (r, _), cell in zip(clear, third, strict=True)
               if _same_text(r.raw_text, cell.text) or _same_value(r, cell.text)}
    for r, text in disagree:
        if id(r) in settled:
            r.confidence = max(r.confidence, TEXT_AGREED)
            r.confirmed.append("vote")
        else:
            _flag(f"a second reading gives {text!r}", r)


def marks_differ(first: str, second: str) -> bool:
    """Some word of one reading is a word of the other with other diacritics (tone placement aside), whatever else
    differs: a vote cannot tell which mark is right ('KIỂM' / 'KIẾM:' — the stray colon made the two readings
    differ in more than the marks, and a third reading sided with the wrong one, seed 101).

    >>> marks_differ('TẠ THỊ KIỂM', 'TẠ THỊ KIẾM:'), marks_differ('Hòa Bình', 'Hoà Bình,'), marks_differ('AN', 'ANH')
    (True, False, False)
    """
    def words(text: str) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for word in re.findall(r"[^\W\d_]+", clean_text(text)):
            found.setdefault(fold(word), set()).add(tone_style(word.lower()))
        return found

    a, b = words(first), words(second)
    return any(a[key] != b[key] and not a[key] & b[key] for key in a.keys() & b.keys())


def reread_issue_date(readings: dict[str, FieldReading], pages: dict[int, PageOCR], engine: OcrEngine,
                      lang: str) -> None:
    """An issue date found but not readable (a seal over the year, say): its box read again in two versions (gray
    and binarized, each on its own); when both give the same date, that date is taken (two readings agree)."""
    from ocr.normalize import parse_date

    r = readings.get("issue_date")
    if r is None or r.value is not None or r.bbox is None or r.page not in pages:
        return
    gray = pages[r.page].gray
    cells = read_each([_padded(gray, r.bbox, False, ratio=3), _padded(gray, r.bbox, True, ratio=3)], engine, lang,
                      None)
    dates = {parse_date(c.text) for c in cells}
    if len(dates) == 1 and None not in dates:
        r.value, r.flagged, r.flag_reason = dates.pop().isoformat(), False, None
        r.confidence = TEXT_AGREED
        r.confirmed.append("reread")


WORDWISE = re.compile(r"changes\.\d+\.text$|owners\.\d+\.address$|parcel\.(address|origin)$")


def reread_change_dates(readings: dict[str, FieldReading], pages: dict[int, PageOCR], engine: OcrEngine,
                        lang: str, below: float = 0.88) -> None:
    """Change dates under ``below``: the date cell read again on its own; the same date raises confidence."""
    dates = [r for key, r in readings.items() if re.fullmatch(r"changes\.\d+\.date", key) and r.value is not None
             and r.bbox is not None and r.page in pages and not r.flagged and r.confidence < below]
    again = read_each([_padded(pages[r.page].gray, r.bbox, True, ratio=3) for r in dates], engine, lang, None)
    for r, cell in zip(dates, again, strict=True):
        if _same_value(r, cell.text):
            r.confidence = max(r.confidence, TEXT_AGREED)
            r.confirmed.append("reread")


def reread_words(readings: dict[str, FieldReading], pages: dict[int, PageOCR], engine: OcrEngine, lang: str,
                 below: float = 0.88) -> None:
    """Long texts (change entries, addresses, the origin) still unconfirmed: each of their words under ``below``
    (or holding a syllable the lexicon does not know) is read again on its own, gray, as one line; when every
    such word reads the same again, the text's confidence is that of its other words and it counts as re-read.
    The standard change wording vouches for its own words. Nothing here lowers a confidence or flags."""
    from ocr.changes import confirmable_words, standard_words, text_confidence
    from ocr.lexicon import unconfirmed

    for key, r in readings.items():
        if not WORDWISE.search(key) or r.value is None or r.bbox is None or r.page not in pages or r.flagged \
                or "reread" in r.confirmed or (r.confidence >= below and not r.pending):
            continue
        page = pages[r.page]
        change = key.startswith("changes")
        unknown = set() if change or r.field.endswith("origin") else \
            {t.lower() for t in unconfirmed(r.value, "place")}
        words, weak = confirmable_words(page.words, r.bbox, below, standard_words() if change else frozenset(),
                                        unknown)
        second = read_each([_padded(page.gray, (w.left, w.top, w.width, w.height), False) for w in weak], engine,
                           lang, None)
        settled = {nfc(t) for t in re.findall(r"[^\W\d_]+", r.value)}  # the value's words after canonical spelling
        if weak and all(same_word(w.text, c.text, settled) for w, c in zip(weak, second, strict=True)):
            rest = [w for w in words if w not in weak]
            left = text_confidence(rest, TEXT_AGREED) if change else min((w.conf for w in rest), default=TEXT_AGREED)
            r.confidence = max(r.confidence, left)
            r.confirmed.append("reread")


def same_word(first: str, second: str, spelled: set[str] | frozenset[str] = frozenset()) -> bool:
    """Two readings of one word agree (punctuation around it aside); a word read with other diacritics the first
    time counts when the second reading is the spelling the value took (standard wording, or a known place name
    in ``spelled``, the value's words).

    >>> same_word('9727/2020/HĐTC', '9727/2020/HĐTC;'), same_word('quyên', 'quyền'), same_word('Gón', 'Gòn')
    (True, True, False)
    >>> same_word('Tần', 'Tân', {'CN', 'Tân', 'Bình'}), same_word('Tân', 'Tần', {'CN', 'Tân', 'Bình'})
    (True, False)
    """
    from landdb.vietnamese import fold
    from ocr.changes import standard_words
    from ocr.normalize import clean_text

    a, b = (clean_text(t).strip(",.;:'\"") for t in (first, second))
    return bool(a) and (a == b or (fold(a) == fold(b) and (b.lower() in standard_words() or b in spelled)))


def _same_value(r: FieldReading, text: str) -> bool:
    """The second reading, normalized like the first, gives the same value."""
    from ocr.lexicon import check_name
    from ocr.normalize import clean_text, parse_date
    from ocr.vocab import canonical_text

    text = re.sub(r"^\W+|\W+$", "", clean_text(text))
    if r.field == "issue_date" or re.fullmatch(r"changes\.\d+\.date", r.field):
        date = parse_date(text)
        if date is not None or r.field != "issue_date":
            return date is not None and date.isoformat() == r.value
        # the issue date: the same day, month and year, whatever became of 'ngày … tháng … năm'
        day, month, year = (int(part) for part in reversed(r.value.split("-")))
        return [int(n) for n in re.findall(r"\d+", text)] == [day, month, year]
    if r.field.endswith(".name"):
        return check_name(text)[0] == r.value
    if re.fullmatch(r"changes\.\d+\.text", r.field):
        from ocr.assemble import canonical_change

        return " ".join(canonical_change(text)[0].split()) == " ".join(r.value.split())
    return canonical_text(text)[0] == r.value
