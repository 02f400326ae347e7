import random

import pytest

from landdb.vietnamese import fold, integer_to_words, nfc, number_to_words, words_to_number


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "không"), (10, "mười"), (11, "mười một"), (15, "mười lăm"), (21, "hai mươi mốt"),
        (24, "hai mươi bốn"), (25, "hai mươi lăm"), (105, "một trăm linh năm"),
        (110, "một trăm mười"), (1005, "một nghìn không trăm linh năm"),
        (1050, "một nghìn không trăm năm mươi"), (250000, "hai trăm năm mươi nghìn"),
        (1000001, "một triệu không trăm linh một"),
    ],
)
def test_integer_words(number: int, words: str) -> None:
    assert integer_to_words(number) == words
    assert words_to_number(words) == number


def test_area_words_round_trip_over_many_values() -> None:
    rng = random.Random(7)
    values = [rng.randint(0, 2_000_000) / 10 for _ in range(3000)] + [x / 10 for x in range(0, 2500)]
    for value in values:
        assert words_to_number(number_to_words(value)) == pytest.approx(value, abs=1e-9)


def test_words_read_without_diacritics_as_ocr_may_return_them() -> None:
    assert words_to_number("Mot tram hai muoi lam phay bay met vuong") == 125.7
    assert words_to_number("hai mươi tư") == 24
    assert words_to_number("một trăm lẻ năm") == 105
    assert words_to_number("hai ngàn") == 2000


def test_garbage_words_are_refused_not_guessed() -> None:
    with pytest.raises(ValueError):
        words_to_number("ba mươi hai xyz")
    with pytest.raises(ValueError):
        words_to_number("")


def test_fold_and_nfc() -> None:
    decomposed = "Nguye\u0302\u0303n"
    assert nfc(decomposed) == "Nguyễn"
    assert fold("ĐẶNG THỊ Ấn") == "dang thi an"
