"""Pools of realistic Vietnamese names, HCMC places and the people who hold certificates.

Pure data plus small seeded pickers; nothing here does I/O.

>>> import random
>>> owner = make_owner(random.Random(1), dt.date(2020, 5, 1), female=False)
>>> owner.title in ('Ông', 'Hộ ông'), len(owner.id_number)
(True, 12)
"""

from __future__ import annotations

import datetime as dt
import random
from functools import cache

from landdb.ids import cccd_century_sex
from landdb.models import Owner
from landdb.vietnamese import fold

FAMILY = ["NGUYỄN", "TRẦN", "LÊ", "PHẠM", "HUỲNH", "HOÀNG", "PHAN", "VÕ", "VŨ", "ĐẶNG", "BÙI", "ĐỖ", "HỒ",
          "NGÔ", "DƯƠNG", "LÝ", "TRƯƠNG", "ĐINH", "LÂM", "MAI", "TÔ", "QUÁCH", "LƯU", "CHÂU", "TRỊNH", "ĐOÀN"]
FAMILY_WEIGHTS = [38, 11, 9, 7, 5, 3, 4, 4, 3, 2, 2, 2, 2, 2, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1]
MIDDLE_MALE = ["VĂN", "HỮU", "ĐỨC", "MINH", "QUỐC", "THANH", "CÔNG", "TRỌNG", "XUÂN", "HOÀNG", "NGỌC", "TẤN", "ĐÌNH"]
MIDDLE_FEMALE = ["THỊ", "NGỌC", "THU", "KIM", "MỸ", "THANH", "HỒNG", "BÍCH", "THỊ KIM", "THỊ MỸ", "PHƯƠNG", "DIỄM"]
GIVEN_MALE = ["AN", "BÌNH", "CƯỜNG", "DŨNG", "ĐẠT", "HÙNG", "HẢI", "HIẾU", "HOÀNG", "KHOA", "KHẢI", "LỘC", "LONG",
              "MẠNH", "NAM", "NGHĨA", "PHÚC", "PHƯỚC", "QUÂN", "SƠN", "TÀI", "THẮNG", "THÀNH", "THỊNH", "TIẾN",
              "TRUNG", "TUẤN", "VIỆT", "VINH", "VŨ", "KHƯƠNG", "TRƯỜNG", "ĐỨC", "HẬU", "LUÂN", "NHÂN", "TOÀN"]
GIVEN_FEMALE = ["ANH", "CHI", "DUNG", "HÀ", "HẠNH", "HẰNG", "HOA", "HƯƠNG", "HUYỀN", "LAN", "LIÊN", "LINH", "LOAN",
                "MAI", "NGA", "NGÂN", "NHUNG", "OANH", "PHƯỢNG", "THẢO", "THỦY", "TRANG", "TUYẾT", "UYÊN", "VÂN",
                "XUÂN", "YẾN", "NGUYỆT", "DIỆP", "QUYÊN", "TRÂM", "THƯ", "HIỀN", "KHÁNH", "MỸ"]

# Former (pre-Jul 2025) districts with some wards and streets (old three-level addresses).
DISTRICTS: dict[str, dict[str, list[str]]] = {
    "Gò Vấp": {"wards": ["Phường 1", "Phường 3", "Phường 5", "Phường 10", "Phường 12", "Phường 16"],
               "streets": ["Nguyễn Oanh", "Quang Trung", "Lê Đức Thọ", "Phạm Văn Chiêu", "Nguyễn Văn Lượng",
                           "Thống Nhất", "Dương Quảng Hàm", "Phan Huy Ích"]},
    "Bình Thạnh": {"wards": ["Phường 2", "Phường 11", "Phường 13", "Phường 25", "Phường 26"],
                   "streets": ["Bạch Đằng", "Nơ Trang Long", "Xô Viết Nghệ Tĩnh", "Đinh Bộ Lĩnh", "Bùi Đình Túy"]},
    "Tân Bình": {"wards": ["Phường 2", "Phường 4", "Phường 13", "Phường 15"],
                 "streets": ["Hoàng Văn Thụ", "Cộng Hòa", "Trường Chinh", "Âu Cơ", "Bàu Cát"]},
    "Phú Nhuận": {"wards": ["Phường 7", "Phường 9", "Phường 15", "Phường 17"],
                  "streets": ["Phan Đăng Lưu", "Huỳnh Văn Bánh", "Nguyễn Kiệm", "Lê Văn Sỹ"]},
    "Bình Tân": {"wards": ["Phường Bình Hưng Hòa", "Phường Tân Tạo", "Phường An Lạc"],
                 "streets": ["Tên Lửa", "Kinh Dương Vương", "Lê Văn Quới", "Mã Lò"]},
    "Quận 12": {"wards": ["Phường Thạnh Lộc", "Phường Hiệp Thành", "Phường Tân Chánh Hiệp"],
                "streets": ["Hà Huy Giáp", "Nguyễn Ảnh Thủ", "Lê Văn Khương", "Tô Ký"]},
    "Thủ Đức": {"wards": ["Phường Linh Trung", "Phường Hiệp Bình Chánh", "Phường Trường Thọ", "Phường Long Trường"],
                "streets": ["Kha Vạn Cân", "Võ Văn Ngân", "Đặng Văn Bi", "Tô Ngọc Vân"]},
    "Quận 7": {"wards": ["Phường Tân Phong", "Phường Phú Mỹ", "Phường Tân Thuận Tây"],
               "streets": ["Huỳnh Tấn Phát", "Nguyễn Thị Thập", "Lê Văn Lương", "Trần Xuân Soạn"]},
}
# New (from Jul 2025) wards: two-level addresses.
NEW_WARDS = ["Phường Gò Vấp", "Phường Hạnh Thông", "Phường An Nhơn", "Phường Thông Tây Hội", "Phường Bình Thạnh",
             "Phường Gia Định", "Phường Thạnh Mỹ Tây", "Phường Tân Sơn Hòa", "Phường Phú Nhuận", "Phường Đức Nhuận",
             "Phường Bình Tân", "Phường Tân Tạo", "Phường Linh Xuân", "Phường Hiệp Bình", "Phường Tân Hưng"]
HOME_PROVINCES = ["079"] * 12 + ["001", "038", "040", "052", "083", "075", "080", "092", "030"]

# The 'unseen' style (sample_scans.style): other real surnames (a closed list, in the OCR's lexicon as every
# surname is), given and middle names the lexicon holds out, other HCMC districts, wards and streets, and owners
# living in other provinces — none of them in the pools above.
UNSEEN_FAMILY = ["KIỀU", "TẠ", "TÔN", "KHÚC", "THÂN", "CAO", "HÀ", "TĂNG", "DIỆP", "HỨA", "QUAN", "MẠC", "ÂU",
                 "BẠCH", "TIÊU", "LA", "KHỔNG", "NGHIÊM", "LỤC", "PHÙNG"]
# Their streets are real HCMC streets that the OCR's lexicon does not list (filtered against it when drawn, see
# unseen_streets); their names are drawn from the name syllables the lexicon holds out (ocr.lexicon.held_out).
UNSEEN_DISTRICTS: dict[str, dict[str, list[str]]] = {
    "Quận 1": {"wards": ["Phường Bến Nghé", "Phường Đa Kao", "Phường Tân Định", "Phường Cầu Kho"],
               "streets": ["Nguyễn Thái Học", "Lê Thánh Tôn", "Tôn Thất Tùng", "Nguyễn Cư Trinh", "Trần Đình Xu",
                           "Cô Giang"]},
    "Quận 3": {"wards": ["Phường Võ Thị Sáu", "Phường 9", "Phường 14"],
               "streets": ["Nguyễn Thượng Hiền", "Cao Thắng", "Vườn Chuối", "Rạch Bùng Binh", "Trần Quốc Toản"]},
    "Quận 8": {"wards": ["Phường 4", "Phường 6", "Phường 16"],
               "streets": ["Bến Bình Đông", "Phạm Hùng", "Hưng Phú", "Bùi Minh Trực", "Cao Lỗ", "Dạ Nam"]},
    "Tân Phú": {"wards": ["Phường Tân Sơn Nhì", "Phường Phú Thạnh", "Phường Hiệp Tân"],
                "streets": ["Độc Lập", "Trịnh Đình Trọng", "Gò Dầu", "Tân Hương", "Nguyễn Sơn", "Văn Cao"]},
}
UNSEEN_NEW_WARDS = ["Phường Sài Gòn", "Phường Tân Định", "Phường Bàn Cờ", "Phường Xuân Hòa", "Phường Chánh Hưng",
                    "Phường Tân Sơn Nhì", "Phường Phú Thọ Hòa"]
OTHER_PROVINCES = ["Xã Long Hậu, Huyện Cần Giuộc, Tỉnh Long An", "Phường Phú Cường, Thành phố Thủ Dầu Một, Tỉnh "
                   "Bình Dương", "Xã Tân Hội, Huyện Đức Trọng, Tỉnh Lâm Đồng", "Phường Quyết Thắng, Thành phố Biên "
                   "Hòa, Tỉnh Đồng Nai", "Xã Mỹ Khánh, Huyện Phong Điền, Thành phố Cần Thơ"]


def unseen() -> bool:
    """Whether the active style (sample_scans.style) is 'unseen'."""
    from sample_scans.style import active

    return active() == "unseen"


def districts() -> dict[str, dict[str, list[str]]]:
    """District → wards and streets of the active style (the unseen style's streets: those the lexicon lacks)."""
    if not unseen():
        return DISTRICTS
    return {d: {"wards": v["wards"], "streets": unseen_streets(tuple(v["streets"]))}
            for d, v in UNSEEN_DISTRICTS.items()}


@cache
def unseen_streets(streets: tuple[str, ...]) -> list[str]:
    from ocr.lexicon import places

    listed = {fold(s) for s in places("street")}
    return [s for s in streets if fold(s) not in listed] or list(streets)


@cache
def unseen_syllables() -> list[str]:
    """Name syllables the OCR's lexicon holds out (upper case): the unseen style's given and middle names."""
    from ocr.lexicon import unseen_given_names

    return [n.upper() for n in unseen_given_names()]


def new_wards() -> list[str]:
    return UNSEEN_NEW_WARDS if unseen() else NEW_WARDS


def district_label(district: str, on: dt.date | None = None) -> str:
    """'Quận Gò Vấp', 'Quận 12', 'TP. Thủ Đức' (a city only from 2021).

    >>> district_label('Gò Vấp'), district_label('Quận 12'), district_label('Thủ Đức', dt.date(2019, 1, 1))
    ('Quận Gò Vấp', 'Quận 12', 'Quận Thủ Đức')
    """
    if district.startswith("Quận"):
        return district
    if district == "Thủ Đức" and (on is None or on >= dt.date(2021, 1, 1)):
        return "TP. Thủ Đức"
    return f"Quận {district}"


def street_address(rng: random.Random, district: str, ward: str, on: dt.date) -> str:
    """A house address as printed: three levels before Jul 2025, two after."""
    if unseen() and rng.random() < 0.3:  # an owner living in another province
        return f"Ấp {rng.randint(1, 9)}, {rng.choice(OTHER_PROVINCES)}"
    street = rng.choice(districts()[district]["streets"])
    number = str(rng.randint(1, 480))
    if rng.random() < 0.45:
        number += f"/{rng.randint(1, 60)}"
        if rng.random() < 0.3:
            number += f"/{rng.randint(1, 20)}"
    if rng.random() < 0.15:
        number += rng.choice("ABC")
    house = f"{number} {'đường ' if rng.random() < 0.4 else ''}{street}"
    if on >= dt.date(2025, 7, 1):
        return f"{house}, {rng.choice(new_wards())}, Thành phố Hồ Chí Minh"
    city = rng.choice(["Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh", "TP.HCM"])
    return f"{house}, {ward}, {district_label(district, on)}, {city}"


def random_place(rng: random.Random) -> tuple[str, str]:
    """A (district, ward) pair."""
    pool = districts()
    district = rng.choice(sorted(pool))
    return district, rng.choice(pool[district]["wards"])


def person_name(rng: random.Random, female: bool) -> str:
    if unseen():  # names the lexicon never saw: a common middle name ('THỊ', 'VĂN') or a held-out syllable
        family = rng.choice(UNSEEN_FAMILY)
        middle = ("THỊ" if female else "VĂN") if rng.random() < 0.35 else rng.choice(unseen_syllables())
        given = rng.choice(unseen_syllables())
        if rng.random() < 0.2:
            given = rng.choice(unseen_syllables()) + " " + given
        return f"{family} {middle} {given}"
    else:
        family = rng.choices(FAMILY, FAMILY_WEIGHTS)[0]
        middles, givens = (MIDDLE_FEMALE, GIVEN_FEMALE) if female else (MIDDLE_MALE, GIVEN_MALE)
    middle = rng.choice(middles)
    given = rng.choice(givens)
    if rng.random() < 0.2:  # four-word names
        given = rng.choice(givens) + " " + given
    return f"{family} {middle} {given}"


def cccd_number(rng: random.Random, birth_year: int, female: bool) -> str:
    """A 12-digit CCCD consistent with sex and birth year (domain.md §6)."""
    province = rng.choice(HOME_PROVINCES)
    return f"{province}{cccd_century_sex(birth_year, female)}{birth_year % 100:02d}{rng.randint(0, 999999):06d}"


def make_owner(rng: random.Random, issue_date: dt.date, female: bool, household: bool = False,
               birth_year: int | None = None) -> Owner:
    """One holder as printed on the 2014 form (the 2024 form drops birth year and address later)."""
    if birth_year is None:
        birth_year = rng.randint(1940, min(2003, issue_date.year - 18))
    title = ("Hộ bà" if female else "Hộ ông") if household else ("Bà" if female else "Ông")
    use_cccd = issue_date.year >= 2016 or rng.random() < 0.3
    if use_cccd:
        id_type, number = "CCCD", cccd_number(rng, birth_year, female)
    else:
        id_type, number = "CMND", f"02{rng.randint(0, 9_999_999):07d}"
    district, ward = random_place(rng)
    return Owner(title=title, name=person_name(rng, female), birth_year=birth_year, id_type=id_type,
                 id_number=number, address=street_address(rng, district, ward, issue_date))
