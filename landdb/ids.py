"""Vietnamese personal ID numbers (domain.md §6) and the certificate's number formats.

CCCD: 12 digits = 3-digit province code of birth registration + 1 digit century/sex
(1900s: 0 male, 1 female; 2000s: 2 male, 3 female) + 2 digits birth year mod 100 + 6 digits.

>>> cccd_problems('079075001234', title='Ông', birth_year=1975)
[]
>>> cccd_problems('079175001234', title='Ông', birth_year=1975)
["CCCD 079175001234 says female (4th digit 1) but the title is 'Ông'"]
>>> serial_ok('CS 123456', 'GCN-2014'), serial_ok('AA 06654954', 'GCN-2024'), serial_ok('AA 0665495', 'GCN-2024')
(True, True, False)
"""

from __future__ import annotations

import re

# Province codes of birth registration used in this project [unconfirmed for 074/077, domain.md §6].
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội", "079": "TP. Hồ Chí Minh", "074": "Bình Dương", "077": "Bà Rịa - Vũng Tàu",
    "075": "Đồng Nai", "080": "Long An", "048": "Đà Nẵng", "031": "Hải Phòng", "092": "Cần Thơ",
    "030": "Hải Dương", "038": "Thanh Hóa", "040": "Nghệ An", "052": "Bình Định", "083": "Bến Tre",
}

MALE_TITLES = {"Ông", "Hộ ông", "Chồng", "Hộ gia đình ông"}
FEMALE_TITLES = {"Bà", "Hộ bà", "Vợ", "Hộ gia đình bà"}

SERIAL_2014 = re.compile(r"^[A-ZĐ]{2} \d{6}$|^[A-ZĐ] \d{6}$")
SERIAL_2024 = re.compile(r"^[A-ZĐ]{2} \d{8}$")
REGISTER_NO = re.compile(r"^[A-ZĐ]{1,3}\d{2}[\d.]{3,6}$")


def cccd_century_sex(birth_year: int, female: bool) -> str:
    """The 4th CCCD digit for a birth year and sex.

    >>> cccd_century_sex(1975, False), cccd_century_sex(2001, True)
    ('0', '3')
    """
    century = (birth_year // 100) - 19  # 1900s -> 0, 2000s -> 1, 2100s -> 2
    return str(century * 2 + (1 if female else 0))


def cccd_problems(number: str, title: str | None = None, birth_year: int | None = None) -> list[str]:
    """What is inconsistent in a CCCD against the holder's title and birth year (empty when consistent)."""
    problems: list[str] = []
    if not re.fullmatch(r"\d{12}", number or ""):
        return [f"CCCD {number!r} is not 12 digits"]
    province, sex_digit, yy = number[:3], int(number[3]), number[4:6]
    if province not in PROVINCE_CODES and not ("001" <= province <= "096"):
        problems.append(f"CCCD {number} starts with {province}, which is no province code")
    if sex_digit > 9 or sex_digit % 2 not in (0, 1):
        problems.append(f"CCCD {number} has an impossible century/sex digit {sex_digit}")
    female = sex_digit % 2 == 1
    if title in MALE_TITLES and female:
        problems.append(f"CCCD {number} says female (4th digit {sex_digit}) but the title is {title!r}")
    if title in FEMALE_TITLES and not female:
        problems.append(f"CCCD {number} says male (4th digit {sex_digit}) but the title is {title!r}")
    if birth_year is not None:
        century = 1900 + (sex_digit // 2) * 100
        if century + int(yy) != birth_year:
            problems.append(
                f"CCCD {number} encodes birth year {century + int(yy)} but the certificate says {birth_year}")
    return problems


def cmnd_ok(number: str) -> bool:
    """An old CMND: 9 digits (later 12)."""
    return bool(re.fullmatch(r"\d{9}|\d{12}", number or ""))


def serial_ok(serial: str, form: str) -> bool:
    """Does a serial (số phát hành) have the format of its form?"""
    pattern = SERIAL_2024 if form == "GCN-2024" else SERIAL_2014
    return bool(pattern.match(serial or ""))


def register_no_ok(register_no: str) -> bool:
    """Số vào sổ cấp GCN such as CH01583, CS03027, CN00.383.

    >>> register_no_ok('CH01583'), register_no_ok('CN00.383'), register_no_ok('CS 123456')
    (True, True, False)
    """
    return bool(REGISTER_NO.match(register_no or ""))
