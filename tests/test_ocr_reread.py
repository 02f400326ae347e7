"""The register number's re-reading vote and crops (ocr.reread)."""

import numpy as np

from ocr.page import PageOCR
from ocr.register import register_crops, register_vote


def test_vote_accepts_agreement_with_the_full_page_reading():
    assert register_vote("CH01583", ["CH01583", None, "CH01583", None]) == ("CH01583", None)


def test_vote_replaces_an_unreadable_or_outvoted_full_page_reading_only_when_unanimous():
    assert register_vote(None, ["CS82277"] * 4) == ("CS82277", None)
    assert register_vote("CT853605", ["CT83605"] * 4) == ("CT83605", None)
    assert register_vote(None, ["CS82277", "CS82277", "CS82277", None])[1] is not None
    assert register_vote("CT853605", ["CT83605", "CT83605", "CT83605", None])[1] is not None


def test_vote_flags_disagreement_and_malformed_values():
    assert register_vote("CH01583", ["CH01583", "CH01588", "CH01583", None])[1] is not None
    assert register_vote("CH01583", ["CH01583", "CH01588", "CH01583", "CH01583"]) == ("CH01583", None)
    assert register_vote(None, ["CH01588", "CH01583", "CH01583", "CH01583"])[1] is not None
    assert register_vote("CH01583", [None] * 4)[1] is not None
    assert register_vote(None, ["C1", "C1", "C1", "C1"])[1] is not None  # not the register format


def test_register_crops_are_gray_binarized_and_blue_at_two_scales():
    rgb = np.full((100, 300, 3), 245, np.uint8)
    rgb[40:60, 100:200] = (40, 60, 190)  # blue ink
    page = PageOCR(0, rgb, rgb[:, :, 0].copy(), "GCN-2014 p2")
    crops = register_crops(page, (100, 40, 100, 20))
    assert len(crops) == 6
    assert crops[0].shape[0] * 2 == crops[1].shape[0]
    assert all(c.dtype == np.uint8 for c in crops)
    page.rgb = None
    assert len(register_crops(page, (100, 40, 100, 20))) == 4


def test_serial_versions_and_strict_vote():
    """The serial is read in four versions — own size and scaled to ≈26 px letters, gray and binarized — and
    one dissenting version flags it (nothing else checks a 2014 serial)."""
    from ocr.serial import TEXT_HEIGHT, serial_crops
    from ocr.vote import vote

    red = np.full((200, 600), 255, np.uint8)
    red[70:130, 100:500] = 40  # a 60 px tall red text line
    crops = serial_crops(red, (92, 62, 416, 76))
    assert len(crops) == 4 and crops[0].shape == crops[1].shape
    assert abs(crops[2].shape[0] - 76 * TEXT_HEIGHT / 60) <= 1 and set(np.unique(crops[1])) <= {0, 255}
    ok = lambda v: len(v) == 9  # noqa: E731
    assert vote("CĐ 936825", ["CĐ 936825"] * 3 + ["CĐ 956825"], ok)[1] is None  # the register's rule
    assert vote("CĐ 936825", ["CĐ 936825"] * 3 + ["CĐ 956825"], ok, outvote=False)[1]
    assert vote("CĐ 936825", ["CĐ 936825"] * 3 + [None], ok, outvote=False) == ("CĐ 936825", None)


def test_qr_code_settles_a_serial_vote_only_among_the_readings():
    from ocr.result import FieldReading
    from ocr.serial import qr_checks

    def disputed() -> FieldReading:
        r = FieldReading("serial", "AD 04419211", "AD04419211", 0.5, page=1)
        r.flag("serial: re-readings disagree: 'AD 04419211' / 'AĐ 04419211'")
        r.alternatives = ["AĐ 04419211"]
        return r

    settled = {"serial": disputed()}
    qr_checks("GCN|AĐ 04419211|26893/3/125", settled, "GCN-2024")
    assert settled["serial"].value == "AĐ 04419211" and not settled["serial"].flagged
    assert "qr" in settled["serial"].confirmed
    outside = {"serial": disputed()}  # the QR code names neither reading: stays flagged
    qr_checks("GCN|AA 11111111|26893/3/125", outside, "GCN-2024")
    assert outside["serial"].flagged and outside["serial"].value == "AD 04419211"
