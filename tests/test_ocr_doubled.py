"""A đ read twice ('HĐÐTC'): the word is read again gray and binarized by the real engine; the value takes one đ
only when both readings say so (ocr.doubled)."""

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ocr.doubled import reread_doubled_d
from ocr.engine import Word
from ocr.engine_config import make_engine
from ocr.page import PageOCR
from ocr.result import FieldReading
from sample_scans.fonts import FACES, _font_path


def _page(printed: str, first_reading: str) -> tuple[PageOCR, FieldReading]:
    """A page with ``printed`` on it, whose full-page reading gave ``first_reading`` for that word."""
    image = Image.new("L", (900, 200), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(_font_path("serif", "standard")), 42)
    draw.text((100, 70), f"Theo HĐ số {printed}", font=font, fill=0)
    left, top, right, bottom = draw.textbbox((100, 70), f"Theo HĐ số {printed}", font=font)
    start = 100 + round(draw.textlength("Theo HĐ số ", font=font))
    gray = np.asarray(image).copy()
    words = [Word("Theo", 0.96, 100, top, start - 170, bottom - top), Word(first_reading, 0.62, start, top,
                                                                          right - start, bottom - top)]
    page = PageOCR(1, np.dstack([gray] * 3), gray, "GCN-2014 p4", words)
    value = f"Theo {first_reading}"
    reading = FieldReading("changes.0.text", value, value, 0.62, page=1, bbox=(100, top, right - 100, bottom - top))
    return page, reading


def test_a_d_read_twice_becomes_one_when_two_rereadings_agree():
    assert "serif" in FACES
    page, reading = _page("12/HĐTC", "12/HĐÐTC")
    reread_doubled_d({reading.field: reading}, {1: page}, make_engine("tesseract"), "vie")
    assert reading.value == "Theo 12/HĐTC"
    assert reading.raw_text == "Theo 12/HĐÐTC"  # what was read stays beside the value
    assert page.words[1].text == "12/HĐTC"


def test_a_d_read_twice_stays_when_the_rereadings_say_otherwise():
    page, reading = _page("12/HKTC", "12/HĐÐTC")  # the paper does not say HĐTC: nothing is taken
    reread_doubled_d({reading.field: reading}, {1: page}, make_engine("tesseract"), "vie")
    assert reading.value == "Theo 12/HĐÐTC"
    assert page.words[1].text == "12/HĐÐTC"
