"""The generator's 'unseen' style measures what the OCR was not calibrated on: its given and middle names are held
out of the lexicon, its streets are not listed there, and it prints other label wordings and owner titles."""

from __future__ import annotations

from landdb.vietnamese import fold, tone_style
from ocr.lexicon import held_out, places, syllables, unseen_given_names
from sample_scans.records import make_certificate
from sample_scans.style import using


def test_unseen_names_and_streets_are_not_in_the_lexicon():
    known = {tone_style(s) for s in syllables("name")}
    assert unseen_given_names() and all(held_out(n) for n in unseen_given_names())
    assert not any(tone_style(n.lower()) in known for n in unseen_given_names())
    streets = {fold(s) for s in places("street")}
    titles, labels, companies = set(), set(), 0
    with using("unseen"):
        certs = [make_certificate(909, i) for i in range(60)]
    for cert in certs:
        for owner in cert.record.owners:
            if owner.title is None:
                companies += 1
                continue
            titles.add(owner.title)
            _, *rest = owner.name.split()
            assert all(tone_style(s.lower()) not in known for s in rest if s not in ("THỊ", "VĂN")), owner.name
        street = cert.record.parcel.address.split(",")[0].split(" ", 1)[1]
        assert fold(street) not in streets, street
        labels |= set(cert.extra["labels"].values())
    assert {"Ông (Bà)", "Vợ", "Chồng"} & titles and {"Hộ gia đình ông", "Hộ gia đình bà", "Hộ ông/bà"} & titles
    assert {"Thường trú tại:", "Địa chỉ:", "Mục đích sử dụng đất:", "Thời hạn:"} <= labels and companies
