"""Other wordings of the printed labels and owners, as found across the 2009–2025 forms and provinces, for the
'unseen' style (:mod:`sample_scans.style`): the standard style always prints the wording of Thông tư 23/2014 and
10/2024, which the OCR was calibrated on.

>>> import random
>>> labels = pick_labels(random.Random(3), "GCN-2014")
>>> sorted(labels) == sorted(LABELS)
True
>>> owner = organisation(random.Random(1), "12 Lê Lợi, Phường Bến Nghé")
>>> owner.title is None and owner.name.startswith("CÔNG TY") and len(owner.id_number)
10
"""

from __future__ import annotations

import random

from landdb.models import Owner

__all__ = ["LABELS", "pick_labels", "owner_titles", "organisation", "STANDARD"]

# label → (the standard wording, other wordings printed on real certificates)
LABELS: dict[str, tuple[str, ...]] = {
    "address": ("Địa chỉ thường trú:", "Địa chỉ:", "Thường trú tại:", "Nơi thường trú:"),
    "birth": ("năm sinh:", "sinh năm"),
    "id": ("{kind} số:", "Số {kind}:"),
    "area": ("Diện tích:", "Diện tích sử dụng:"),
    "use_2014": ("Mục đích sử dụng:", "Mục đích sử dụng đất:"),
    "use_2024": ("Loại đất:", "Mục đích sử dụng đất:"),
    "term": ("Thời hạn sử dụng:", "Thời hạn sử dụng đất:", "Thời hạn:"),
    "origin": ("Nguồn gốc sử dụng:", "Nguồn gốc sử dụng đất:"),
    "form": ("Hình thức sử dụng:", "Hình thức sử dụng đất:"),
}
STANDARD = {key: options[0] for key, options in LABELS.items()}
# titles as printed, one scheme per certificate: (man, woman) for persons and for a household's head
PERSON_TITLES = [("Ông", "Bà"), ("Ông (Bà)", "Ông (Bà)"), ("Chồng", "Vợ")]  # 'Chồng'/'Vợ' only for a couple
HOUSEHOLD_TITLES = [("Hộ ông", "Hộ bà"), ("Hộ gia đình ông", "Hộ gia đình bà"), ("Hộ ông/bà", "Hộ ông/bà")]
_TRADES = ["THƯƠNG MẠI DỊCH VỤ", "XÂY DỰNG", "ĐẦU TƯ", "SẢN XUẤT", "VẬN TẢI", "BẤT ĐỘNG SẢN"]
_KINDS = ["TNHH", "TNHH MỘT THÀNH VIÊN", "CỔ PHẦN"]


def pick_labels(rng: random.Random, form: str) -> dict[str, str]:
    """One wording per label for one certificate (the standard one about half the time)."""
    return {key: options[0] if rng.random() < 0.4 else rng.choice(options[1:]) for key, options in LABELS.items()}


def owner_titles(rng: random.Random, females: list[bool], household: bool) -> list[str]:
    """The titles as printed for a certificate's owners, in one scheme ('Vợ'/'Chồng' only for a couple).

    >>> owner_titles(random.Random(5), [False, True], False) in (['Ông', 'Bà'], ['Ông (Bà)', 'Ông (Bà)'],
    ...                                                         ['Chồng', 'Vợ'])
    True
    """
    schemes = HOUSEHOLD_TITLES if household else PERSON_TITLES if len(females) == 2 else PERSON_TITLES[:2]
    scheme = schemes[0] if rng.random() < 0.5 else rng.choice(schemes[1:])
    return [scheme[1] if female else scheme[0] for female in females]


def organisation(rng: random.Random, address: str) -> Owner:
    """A company holding the land: name, enterprise code (10 digits), head-office address; no title."""
    from sample_scans.people import unseen_syllables

    brand = " ".join(rng.choice(unseen_syllables()).upper() for _ in range(2))
    name = f"CÔNG TY {rng.choice(_KINDS)} {rng.choice(_TRADES)} {brand}"
    return Owner(title=None, name=name, id_type=None, id_number=f"03{rng.randint(0, 99_999_999):08d}",
                 address=address)
