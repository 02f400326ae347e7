"""A name whose third reading dissents only in the marks is read a fourth time by the real engine; the value stays
unflagged only when that reading gives it letter for letter (ocr.marks). Rendered text, real Tesseract."""

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ocr.engine_config import make_engine
from ocr.marks import FOURTH_PSM, fourth_image, only_marks_differ, settle_marks
from ocr.page import PageOCR
from ocr.result import FieldReading
from ocr.table import read_each
from sample_scans.fonts import _font_path


def _page(printed: str, first_reading: str) -> tuple[dict[int, PageOCR], FieldReading]:
    """A page with the name ``printed`` on it, whose first two readings gave ``first_reading``."""
    image = Image.new("L", (1000, 200), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(_font_path("serif", "standard")), 40)
    draw.text((100, 70), printed, font=font, fill=0)
    left, top, right, bottom = draw.textbbox((100, 70), printed, font=font)
    gray = np.asarray(image).copy()
    page = PageOCR(1, np.dstack([gray] * 3), gray, "GCN-2014 p2", scan_quality=0.93)
    reading = FieldReading("owners.0.name", first_reading, first_reading, 0.9, page=1,
                           bbox=(left, top, right - left, bottom - top), confirmed=["reread"])
    return {1: page}, reading


def test_a_fourth_reading_that_gives_the_value_keeps_it():
    pages, reading = _page("TIÊU MẬN THUYẾT", "TIÊU MẬN THUYẾT")
    left = settle_marks([(reading, "TIÊU MÂN THUYẾT:")], pages, make_engine("tesseract"), "vie")
    assert left == [] and reading.confirmed == ["reread", "reread4"]
    assert reading.value == "TIÊU MẬN THUYẾT" and not reading.flagged


def test_a_fourth_reading_that_sides_with_the_third_leaves_the_dissent():
    pages, reading = _page("TIÊU MÂN THUYẾT", "TIÊU MẬN THUYẾT")  # the paper says MÂN: nothing is settled
    dissent = (reading, "TIÊU MÂN THUYẾT")
    assert settle_marks([dissent], pages, make_engine("tesseract"), "vie") == [dissent]
    assert reading.value == "TIÊU MẬN THUYẾT" and "reread4" not in reading.confirmed


def test_only_names_differing_in_marks_alone_are_read_again():
    pages, reading = _page("LÊ AN", "LÊ AN")
    other = ("LÊ ANH", "LÊ AN")
    assert not only_marks_differ(*other) and only_marks_differ("LÊ ẤN", "LÊ AN")
    dissent = (reading, "LÊ ANH")  # other letters: a real dissent, never read a fourth time
    assert settle_marks([dissent], pages, make_engine("tesseract"), "vie") == [dissent]
    address = FieldReading("owners.0.address", "Lê Ấn", "Lê Ấn", 0.9, page=1, bbox=reading.bbox)
    assert settle_marks([(address, "Lê An")], pages, make_engine("tesseract"), "vie") == [(address, "Lê An")]


def test_a_third_reading_with_a_mark_the_value_lacks_stays_a_dissent():
    """The value may have lost a stacked mark ('YẾN' read 'YÊN'): a fourth reading could lose it as well, so it
    is not asked (this one reads the rendered 'YẾN' as 'YÊN')."""
    pages, reading = _page("NGUYỄN THỊ YẾN", "NGUYỄN THỊ YÊN")
    dissent = (reading, "NGUYỄN THỊ YẾN")
    assert settle_marks([dissent], pages, make_engine("tesseract"), "vie") == [dissent]
    assert "reread4" not in reading.confirmed
    fourth = read_each([fourth_image(pages[1].gray, reading.bbox)], make_engine("tesseract"), "vie", None,
                       psm=FOURTH_PSM)[0].text
    assert "YÊN" in fourth  # what it would have 'confirmed'
