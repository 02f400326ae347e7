"""Land-use types (mã loại đất): certificates print the *name*; the code depends on the issue date.

domain.md §2: the 2014 catalogue (Thông tư 25/2014, 28/2014) applies to certificates
issued before 1 Aug 2024; the 2024 catalogue (Thông tư 08/2024) after. Pre-2014 letter
codes (``T``, ``2L``, ``ĐM`` …) are kept raw; :func:`normalize_code` says when it
cannot map one rather than guessing.

>>> code_for_name('Đất ở tại đô thị', dt.date(2013, 11, 25))
'ODT'
>>> code_for_name('Dat o tai do thi', dt.date(2013, 11, 25))
'ODT'
>>> code_for_name('Đất trồng cây hàng năm khác', dt.date(2025, 1, 1))
'HNK'
>>> normalize_code('bhk', dt.date(2025, 1, 1))
'HNK'
"""

from __future__ import annotations

import datetime as dt

from landdb.vietnamese import fold

CATALOGUE_2024_FROM = dt.date(2024, 8, 1)

# code -> name, Thông tư 25/2014 & 28/2014 (issued 2014 – Jul 2024)
CODES_2014: dict[str, str] = {
    "LUC": "Đất chuyên trồng lúa nước", "LUK": "Đất trồng lúa nước còn lại", "LUN": "Đất trồng lúa nương",
    "BHK": "Đất bằng trồng cây hàng năm khác", "NHK": "Đất nương rẫy trồng cây hàng năm khác",
    "CLN": "Đất trồng cây lâu năm", "RSX": "Đất rừng sản xuất", "RPH": "Đất rừng phòng hộ",
    "RDD": "Đất rừng đặc dụng", "NTS": "Đất nuôi trồng thủy sản", "LMU": "Đất làm muối",
    "NKH": "Đất nông nghiệp khác", "ONT": "Đất ở tại nông thôn", "ODT": "Đất ở tại đô thị",
    "TSC": "Đất xây dựng trụ sở cơ quan", "DTS": "Đất xây dựng trụ sở của tổ chức sự nghiệp",
    "DVH": "Đất xây dựng cơ sở văn hóa", "DYT": "Đất xây dựng cơ sở y tế",
    "DGD": "Đất xây dựng cơ sở giáo dục và đào tạo", "DTT": "Đất xây dựng cơ sở thể dục thể thao",
    "DKH": "Đất xây dựng cơ sở khoa học và công nghệ", "DXH": "Đất xây dựng cơ sở dịch vụ xã hội",
    "DNG": "Đất xây dựng cơ sở ngoại giao", "DSK": "Đất xây dựng công trình sự nghiệp khác",
    "CQP": "Đất quốc phòng", "CAN": "Đất an ninh", "SKK": "Đất khu công nghiệp",
    "SKN": "Đất cụm công nghiệp", "SKT": "Đất khu chế xuất", "TMD": "Đất thương mại, dịch vụ",
    "SKC": "Đất cơ sở sản xuất phi nông nghiệp", "SKS": "Đất sử dụng cho hoạt động khoáng sản",
    "SKX": "Đất sản xuất vật liệu xây dựng, làm đồ gốm", "DGT": "Đất giao thông", "DTL": "Đất thủy lợi",
    "DDT": "Đất có di tích lịch sử - văn hóa", "DDL": "Đất danh lam thắng cảnh",
    "DSH": "Đất sinh hoạt cộng đồng", "DKV": "Đất khu vui chơi, giải trí công cộng",
    "DNL": "Đất công trình năng lượng", "DBV": "Đất công trình bưu chính, viễn thông", "DCH": "Đất chợ",
    "DRA": "Đất bãi thải, xử lý chất thải", "DCK": "Đất công trình công cộng khác", "TON": "Đất cơ sở tôn giáo",
    "TIN": "Đất cơ sở tín ngưỡng", "NTD": "Đất làm nghĩa trang, nghĩa địa, nhà tang lễ, nhà hỏa táng",
    "SON": "Đất sông, ngòi, kênh, rạch, suối", "MNC": "Đất có mặt nước chuyên dùng",
    "PNK": "Đất phi nông nghiệp khác", "BCS": "Đất bằng chưa sử dụng", "DCS": "Đất đồi núi chưa sử dụng",
    "NCS": "Núi đá không có rừng cây",
}

# Thông tư 08/2024 (from 1 Aug 2024): HNK replaces BHK/NHK, renamed rice codes, DDD replaces DDT/DDL, new codes.
_CHANGES_2024: dict[str, str] = {
    "LUC": "Đất chuyên trồng lúa", "LUK": "Đất trồng lúa còn lại", "HNK": "Đất trồng cây hàng năm khác",
    "DDD": "Đất di sản văn hóa, danh lam thắng cảnh", "CNT": "Đất chăn nuôi tập trung",
    "DCT": "Đất xây dựng cơ sở chính trị", "DPC": "Đất công trình phòng cháy, chữa cháy",
    "DKT": "Đất xây dựng công trình khí tượng thủy văn", "DMT": "Đất công trình bảo vệ môi trường",
    "SCT": "Đất công trình công cộng có mục đích kinh doanh", "MCS": "Đất mặt nước chưa sử dụng",
}
CODES_2024: dict[str, str] = {
    **{k: v for k, v in CODES_2014.items() if k not in {"BHK", "NHK", "DDT", "DDL", "LUN"}},
    **_CHANGES_2024,
}
# 2014 codes that map onto a 2024 code
_RENAMED_2024 = {"BHK": "HNK", "NHK": "HNK", "DDT": "DDD", "DDL": "DDD"}


def catalogue(issue_date: dt.date | None) -> dict[str, str]:
    """The code → name table in force on ``issue_date`` (2014 catalogue when unknown)."""
    if issue_date is not None and issue_date >= CATALOGUE_2024_FROM:
        return CODES_2024
    return CODES_2014


def _by_folded_name(table: dict[str, str]) -> dict[str, str]:
    return {fold(name): code for code, name in table.items()}


_NAME_INDEX = {id(CODES_2014): _by_folded_name(CODES_2014), id(CODES_2024): _by_folded_name(CODES_2024)}


def code_for_name(name: str, issue_date: dt.date | None) -> str | None:
    """The code of a printed land-use name, exact after folding; None if it is not a known name."""
    table = catalogue(issue_date)
    folded = " ".join(fold(name).replace("(", " ").replace(")", " ").split())
    return _NAME_INDEX[id(table)].get(folded)


def normalize_code(raw: str, issue_date: dt.date | None) -> str | None:
    """A code as written in a map or table, normalized for the era; None when it is not a known code."""
    code = raw.strip().upper()
    table = catalogue(issue_date)
    if code in table:
        return code
    if table is CODES_2024 and code in _RENAMED_2024:
        return _RENAMED_2024[code]
    return None


def all_names() -> dict[str, str]:
    """Every printed name of both catalogues → its code (for fuzzy matching OCR output)."""
    return {**{n: c for c, n in CODES_2014.items()}, **{n: c for c, n in CODES_2024.items()}}
