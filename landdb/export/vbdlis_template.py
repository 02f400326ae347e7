"""The layout of VBDLIS's Excel import template (domain.md §8): sheet ``Sheet1``, header rows 1–4 (row 4 holds
the "Mục" numbers), data from row 5, 61 columns A:BI, and the two helper sheets.

The captions are domain.md §8's, in Vietnamese; the wording of the title row and the group row is landdb's (no copy
of the official workbook is in the repository), the column positions and Mục numbers are the template's.

>>> len(COLUMNS), COLUMNS[0].letter, COLUMNS[-1].letter
(61, 'A', 'BI')
>>> [c.letter for c in COLUMNS if c.muc == 50]
['AY']
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter

SHEET = "Sheet1"
HELPER_SHEETS = {
    "TrangThaiXacThucSoGiayTo": ["Mã trạng thái", "Trạng thái xác thực số giấy tờ"],
    "CachNhap": ["Cột", "Cách nhập"],
}
TITLE_ROW, GROUP_ROW, CAPTION_ROW, MUC_ROW, FIRST_DATA_ROW = 1, 2, 3, 4, 5
TITLE = "DỮ LIỆU NHẬP VÀO HỆ THỐNG THÔNG TIN ĐẤT ĐAI (VBDLIS)"
REQUIRED = ("B", "C", "H", "T", "U", "Y", "Z", "AA", "AB", "AC", "AD", "AX", "AY")
NUMERIC = ("Y", "AA", "AF", "AK", "AS", "AT")


@dataclass(frozen=True)
class Column:
    letter: str
    muc: int | None
    caption: str
    group: str


def _land_use(n: int) -> list[tuple[str, str]]:
    group = f"Mục đích sử dụng đất {n}"
    return [(f"Loại đất {n}", group), (f"Diện tích {n} (m²)", group), (f"Nguồn gốc sử dụng {n}", group),
            (f"Hình thức sử dụng {n}", group), (f"Thời hạn sử dụng {n}", group)]


def _id_paper(n: int) -> list[tuple[str, str]]:
    group = "Giấy tờ tùy thân của người sử dụng đất"
    return [(f"Số giấy tờ {n}", group), (f"Loại giấy tờ {n}", group), (f"Trạng thái xác thực {n}", group)]


_GCN, _HOLDER, _USER, _PARCEL, _HOUSE = ("Giấy chứng nhận", "Người sử dụng đất", "Người sử dụng đất thực tế",
                                         "Thửa đất", "Tài sản gắn liền với đất")
_NUMBERED = [  # columns B … AY carry Mục 1 … 50
    ("Mã ĐVHC cấp xã", _GCN), ("Số phát hành GCN", _GCN), ("Ngày cấp GCN", _GCN), ("Số vào sổ cấp GCN", _GCN),
    ("Tên tổ chức", "Tổ chức"), ("Số định danh tổ chức", "Tổ chức"),
    ("Họ và tên", _HOLDER), ("Số định danh cá nhân/CCCD", _HOLDER), ("Ngày, tháng, năm sinh", _HOLDER),
    ("Giới tính", _HOLDER), ("Địa chỉ thường trú", _HOLDER), ("Pháp nhân trên GCN", _HOLDER),
    ("Vai trò pháp nhân trên GCN", _HOLDER),
    ("Họ và tên", _USER), ("Số CCCD", _USER), ("Địa chỉ thường trú (2 cấp)", _USER), ("Lý do", _USER),
    ("Mã định danh thửa đất", _PARCEL), ("Số tờ bản đồ ghi trên GCN", _PARCEL),
    ("Số thứ tự thửa đất ghi trên GCN", _PARCEL), ("Số tờ bản đồ địa chính", _PARCEL),
    ("Số thứ tự thửa trên bản đồ địa chính", _PARCEL), ("Địa chỉ thửa đất", _PARCEL),
    ("Diện tích thửa đất (m²)", _PARCEL),
    *_land_use(1), *_land_use(2), *_land_use(3),
    ("Loại tài sản", _HOUSE), ("Tên khu chung cư", _HOUSE), ("Tên tòa nhà chung cư", _HOUSE),
    ("Số hiệu căn hộ", _HOUSE), ("Diện tích xây dựng (m²)", _HOUSE), ("Diện tích sàn (m²)", _HOUSE),
    ("Hình thức sở hữu", _HOUSE), ("Thời hạn sở hữu", _HOUSE), ("Cấp hạng", _HOUSE),
    ("Tên file quét GCN/CCCD", "Hồ sơ quét"), ("Phân loại thửa đất", _PARCEL),
]
_UNNUMBERED_TAIL = [*_id_paper(1), *_id_paper(2), ("Có file hồ sơ quét", "Hồ sơ quét"),
                    ("Loại giấy chứng nhận", _GCN), ("Thông tin tọa độ (hệ quy chiếu WGS84)", _PARCEL),
                    ("Guid", "Hệ thống")]

COLUMNS: list[Column] = [Column("A", None, "Số TT", "")]
COLUMNS += [Column(get_column_letter(i + 2), i + 1, cap, grp) for i, (cap, grp) in enumerate(_NUMBERED)]
COLUMNS += [Column(get_column_letter(len(COLUMNS) + 1 + i), None, cap, grp)
            for i, (cap, grp) in enumerate(_UNNUMBERED_TAIL)]
LETTERS = [c.letter for c in COLUMNS]
CAPTION = {c.letter: c.caption for c in COLUMNS}
assert len(COLUMNS) == 61 and LETTERS[-1] == "BI", "the template has 61 columns A:BI"
