"""Vietnamese labels for the dotted field paths of ``extracted_field`` (the record's shape).

>>> field_label("owners.0.name"), field_label("vertices.3.edge_m"), field_label("parcel.area_m2")
('Chủ 1 · họ tên', 'Đỉnh 4 · cạnh (m)', 'Diện tích')
>>> field_label("something.new"), field_label("owners")
('something.new', 'Chủ (cả danh sách: có thể thiếu một mục)')
"""

from __future__ import annotations

import re

_PLAIN = {
    "serial": "Số phát hành", "register_no": "Số vào sổ", "issue_date": "Ngày cấp", "issuer": "Cơ quan cấp",
    "form": "Mẫu GCN", "parcel.parcel_no": "Thửa đất số", "parcel.sheet_no": "Tờ bản đồ số",
    "parcel.address": "Địa chỉ thửa", "parcel.area_m2": "Diện tích", "parcel.area_words": "Diện tích (bằng chữ)",
    "parcel.use_form": "Hình thức sử dụng", "parcel.term": "Thời hạn", "parcel.origin": "Nguồn gốc",
}
_LISTS = {
    "owners": ("Chủ", {"title": "danh xưng", "name": "họ tên", "birth_year": "năm sinh", "id_type": "loại giấy tờ",
                       "id_number": "số giấy tờ", "address": "địa chỉ"}),
    "parcel.land_uses": ("Mục đích", {"name": "tên", "code": "mã", "area_m2": "diện tích"}),
    "vertices": ("Đỉnh", {"point": "số hiệu", "x": "X", "y": "Y", "edge_m": "cạnh (m)"}),
    "changes": ("Biến động", {"text": "nội dung", "date": "ngày"}),
}
_ITEM = re.compile(r"^(.+)\.(\d+)\.(\w+)$")


def list_item_fields(path: str) -> list[tuple[str, str]] | None:
    """The fields of one item of a list flagged as a whole (key, Vietnamese label), for the reviewer's "add" form;
    None for anything else.

    >>> list_item_fields("changes"), list_item_fields("serial")
    ([('text', 'nội dung'), ('date', 'ngày')], None)
    """
    return list(_LISTS[path][1].items()) if path in _LISTS else None


def field_label(path: str) -> str:
    if path in _PLAIN:
        return _PLAIN[path]
    if path in _LISTS:  # a list flagged as a whole: an item may be missing from the record
        return f"{_LISTS[path][0]} (cả danh sách: có thể thiếu một mục)"
    m = _ITEM.match(path)
    if m and m.group(1) in _LISTS:
        noun, parts = _LISTS[m.group(1)]
        return f"{noun} {int(m.group(2)) + 1} · {parts.get(m.group(3), m.group(3))}"
    return path
