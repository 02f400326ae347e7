"""Label-anchored field extraction on recorded OCR lines (pure logic, no Tesseract).

The lines below are OCR output as Tesseract gives it for certificate pages (with its typical slips:
'm2' for 'm²', a dropped diacritic), laid out as words with boxes.
"""

from __future__ import annotations

from ocr.engine import Word
from ocr.fields import extract_parcel, extract_register, extract_signing
from ocr.layout import Line, group_lines
from ocr.owners import extract_owners
from ocr.vocab import canonical_term, canonical_use_form, land_use_code


def recorded(texts: list[str], conf: float = 0.95, page: int = 2) -> list[Line]:
    """Lines of words with plausible boxes: 60 px line pitch, 22 px per character."""
    words = []
    for n, text in enumerate(texts):
        x = 200
        for token in text.split():
            words.append(Word(token, conf, x, 300 + 60 * n, 22 * len(token), 40, block=1, par=1, line=n + 1))
            x += 22 * len(token) + 18
    return group_lines(words, page)


PAGE2_2014 = [
    "II. Thửa đất, nhà ở và tài sản khác gắn liền với đất",
    "1. Thửa đất:",
    "a) Thửa đất số: 234, tờ bản đồ số: 41;",
    "b) Địa chỉ: 35 Nguyễn Kiệm, Phường 15, Quận Phú Nhuận, TP. Hồ Chí Minh",
    "c) Diện tích: 247,7 m2, (bằng chữ: Hai trăm bốn mươi bảy phẩy bảy mét vuông)",
    "d) Hình thức sử dụng: Sử dụng riêng",
    "đ) Mục đích sử dụng: Đất ở tại đô thị 169,2 m2; Đất trồng cây lâu năm 78,5 m2",
    "e) Thời hạn sử dụng: Đất ở tại đô thị: Lâu dài; Đất trồng cây lâu năm: Đến ngày 26/09/2067",
    "g) Nguồn gốc sử dụng: Nhận thừa kế đất được Công nhận QSDĐ như giao đất có thu tiền sử",
    "dụng đất",
    "2. Nhà ở: -/-",
    "TP. Hồ Chí Minh, ngày 26 tháng 09 năm 2017",
    "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
    "KT. GIÁM ĐỐC",
    "Số vào sổ cấp GCN: CH24872",
]


def test_parcel_fields_from_labels():
    rs = extract_parcel(recorded(PAGE2_2014), "GCN-2014", "recorded")
    values = {k: r.value for k, r in rs.items()}
    assert values["parcel.parcel_no"] == "234" and values["parcel.sheet_no"] == "41"
    assert values["parcel.address"] == "35 Nguyễn Kiệm, Phường 15, Quận Phú Nhuận, TP. Hồ Chí Minh"
    assert values["parcel.area_m2"] == "247.7"
    assert values["parcel.area_words"] == "Hai trăm bốn mươi bảy phẩy bảy mét vuông"
    assert values["parcel.use_form"] == "Sử dụng riêng"
    assert [values[f"parcel.land_uses.{i}.code"] for i in (0, 1)] == ["ODT", "CLN"]
    assert [values[f"parcel.land_uses.{i}.area_m2"] for i in (0, 1)] == ["169.2", "78.5"]
    assert values["parcel.term"].endswith("Đến ngày 26/09/2067")
    # the wrapped second line of the origin is joined
    assert values["parcel.origin"].endswith("có thu tiền sử dụng đất")
    assert not any(r.flagged for r in rs.values())
    assert rs["parcel.parcel_no"].bbox is not None and rs["parcel.parcel_no"].page == 2


def test_signing_and_register():
    lines = recorded(PAGE2_2014)
    rs = extract_signing(lines, "recorded")
    assert rs["issue_date"].value == "2017-09-26" and rs["issuer"].value == "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"
    assert extract_register(lines, "recorded").value == "CH24872"


def test_owners_2014_and_2024():
    lines = recorded(["I. Người sử dụng đất, chủ sở hữu nhà ở và tài sản khác gắn liền với đất",
                      "Ông: QUÁCH TRỌNG THỊNH, năm sinh: 1982",
                      "CCCD số: 079082473533",
                      "Địa chỉ thường trú: 309/2/8 đường Lê Văn Lương, Phường Phú Mỹ, Quận 7,",
                      "Thành phố Hồ Chí Minh",
                      "Bà: PHẠM NGỌC LINH, năm sinh: 1983",
                      "CMND số: 023456789"], page=1)
    owners = extract_owners(lines, "GCN-2014", "recorded")
    assert [o["name"].value for o in owners] == ["QUÁCH TRỌNG THỊNH", "PHẠM NGỌC LINH"]
    assert [o["title"].value for o in owners] == ["Ông", "Bà"]
    assert owners[0]["birth_year"].value == "1982" and owners[0]["id_number"].value == "079082473533"
    assert owners[0]["address"].value.endswith("Quận 7, Thành phố Hồ Chí Minh")
    assert owners[1]["id_type"].value == "CMND" and owners[1]["id_number"].value == "023456789"
    assert not any(r.flagged for r in owners[0].values())
    assert owners[1]["address"].value is None and owners[1]["address"].flagged  # not found: flagged, not invented
    garbled = extract_owners(recorded(["Ông: LÊ VĂN AN, năm sinh: 1981", "CŒCPD số: 079081300206"], page=1),
                             "GCN-2014", "recorded")[0]
    assert garbled["id_number"].value == "079081300206"  # the label is garbled, the number is not
    # the garbled label's nearest type, at the label's low confidence: only the number's check can vouch for it
    assert garbled["id_type"].value == "CCCD" and garbled["id_type"].raw_text == "CŒCPD"
    assert garbled["id_type"].confidence < 0.88
    lost = extract_owners(recorded(["0ng; LÊ VĂN AN, năm sinh: 1961", "CCCD số: 079061000001",
                                    "Bà: TRẦN THỊ BA, năm sinh: 1963", "CCCD số: 079163000002"], page=1),
                          "GCN-2014", "recorded")
    assert len(lost) == 1 and all(r.flagged for r in lost[0].values())  # the first owner's line is garbled
    other = extract_owners(recorded(["Ông: LÊ VĂN AN, sinh năm 1961, Số CMND: 023456789"], page=1),
                           "GCN-2014", "recorded")[0]
    assert (other["name"].value, other["birth_year"].value) == ("LÊ VĂN AN", "1961")
    assert (other["id_type"].value, other["id_number"].value) == ("CMND", "023456789")
    lines = recorded(["Hộ bà: TRẦN KIM PHƯỢNG; CCCD số: 079186715349"], page=1)
    (owner,) = extract_owners(lines, "GCN-2024", "recorded")
    assert owner["title"].value == "Hộ bà" and owner["name"].value == "TRẦN KIM PHƯỢNG"
    assert owner["id_number"].value == "079186715349" and not any(r.flagged for r in owner.values())


def test_fuzzy_labels_survive_ocr_slips():
    lines = recorded(["a) Thứa đât sô: 12, tờ bàn đồ số: 7;", "c) Diên tich: 1.250,5 m2 (bằng chữ: Một nghìn)"])
    rs = extract_parcel(lines, "GCN-2014", "recorded")
    assert rs["parcel.parcel_no"].value == "12" and rs["parcel.sheet_no"].value == "7"
    assert rs["parcel.area_m2"].value == "1250.5"


def test_unreadable_values_are_flagged_not_guessed():
    lines = recorded(["a) Thửa đất số: 1O4, tờ bản đồ số: 7;", "c) Diện tích: 3?,4 m2"])
    rs = extract_parcel(lines, "GCN-2014", "recorded")
    assert rs["parcel.parcel_no"].value is None and rs["parcel.parcel_no"].flagged
    assert rs["parcel.parcel_no"].raw_text == "1O4"
    assert rs["parcel.area_m2"].value is None and rs["parcel.area_m2"].flagged
    assert rs["parcel.address"].flagged and "not found" in rs["parcel.address"].flag_reason


def test_vocabularies():
    assert land_use_code("Dat trong cay lau nam", None, None) == ("Đất trồng cây lâu năm", "CLN", None)
    assert land_use_code("Đất ở tại đô thị", "ONT", None)[2] == "printed code ONT disagrees with the name (ODT)"
    assert land_use_code("Đất vườn xoài", None, None)[1] is None
    assert canonical_term("Lau dai", None) == ("Lâu dài", None)
    assert canonical_term("Đến ngày 31/02/2063", None)[1] is not None
    assert canonical_use_form("Sử dụng rieng") == ("Sử dụng riêng", None)


def test_change_page_without_its_table_is_flagged():
    import numpy as np

    from ocr.changes import read_changes
    from ocr.page import PageOCR

    blank = np.full((10, 10), 255, np.uint8)
    page = PageOCR(3, np.dstack([blank] * 3), blank, "GCN-2014 p3", _grids=[])
    (lost,) = read_changes([page], "recorded")
    assert lost.field == "changes" and lost.flagged and "page 3" in lost.flag_reason


def test_label_wordings_of_other_forms():
    """Labels anchored by meaning: other wordings of the owners' and the parcel's labels (2009–2025 forms)."""
    lines = recorded(["I. Người sử dụng đất, chủ sở hữu nhà ở và tài sản khác gắn liền với đất",
                      "Chồng: KIỀU VĂN KHIẾU, sinh năm 1971",
                      "Số CCCD: 079071000123",
                      "Thường trú tại: 12 Cao Lỗ, Phường 4, Quận 8, TP. Hồ Chí Minh",
                      "Vợ: TẠ THỊ LỤA, năm sinh: 1973",
                      "CMND số: 023456789",
                      "Nơi thường trú: 12 Cao Lỗ, Phường 4, Quận 8, TP. Hồ Chí Minh"], page=1)
    owners = extract_owners(lines, "GCN-2014", "recorded")
    assert [(o["title"].value, o["name"].value, o["birth_year"].value) for o in owners] == [
        ("Chồng", "KIỀU VĂN KHIẾU", "1971"), ("Vợ", "TẠ THỊ LỤA", "1973")]
    assert owners[0]["id_type"].value == "CCCD" and owners[0]["id_number"].value == "079071000123"
    assert [o["address"].value for o in owners] == ["12 Cao Lỗ, Phường 4, Quận 8, TP. Hồ Chí Minh"] * 2
    assert not any(r.flagged for o in owners for r in o.values())
    for printed, title in (("Ông (Bà)", "Ông (Bà)"), ("Hộ gia đình bà", "Hộ gia đình bà"), ("Hộ ông/bà", "Hộ ông/bà")):
        (owner,) = extract_owners(recorded([f"{printed}: TẠ THỊ LỤA; CCCD số: 079173000123"], page=1), "GCN-2024",
                                  "recorded")
        assert (owner["title"].value, owner["name"].value) == (title, "TẠ THỊ LỤA")
    company = extract_owners(recorded(["CÔNG TY TNHH XÂY DỰNG KHIẾU LAI", "Mã số doanh nghiệp: 0312345678",
                                       "Địa chỉ trụ sở: 5 Cao Lỗ, Phường 4, Quận 8"], page=1), "GCN-2014", "recorded")
    assert [(o.get("title"), o["name"].value, o["id_number"].value, o["address"].value) for o in company] == [
        (None, "CÔNG TY TNHH XÂY DỰNG KHIẾU LAI", "0312345678", "5 Cao Lỗ, Phường 4, Quận 8")]
    assert not any(r.flagged for r in company[0].values())
    for printed in (["CÔNG TY TNHH MỘT THÀNH VIÊN THƯƠNG MẠI DỊCH VỤ KHIẾU", "LAI; Mã số doanh nghiệp: 0312345678"],
                    ["CÔNG TY TNHH MỘT THÀNH VIÊN KHIẾU LAI; Mã số doanh nghiệp:", "0312345678"]):
        (wrapped,) = extract_owners(recorded(printed, page=1), "GCN-2024", "recorded")  # a long line wrapped
        assert (wrapped["name"].value, wrapped["id_number"].value) == (" ".join(printed).split(";")[0], "0312345678")
        assert not any(r.flagged for r in wrapped.values())
    parcel = extract_parcel(recorded(["c) Diện tích sử dụng: 247,7 m2, (bằng chữ: Hai trăm bốn mươi bảy phẩy bảy)",
                                      "d) Hình thức sử dụng đất: Sử dụng riêng",
                                      "đ) Mục đích sử dụng đất: Đất ở tại đô thị",
                                      "e) Thời hạn: Lâu dài",
                                      "g) Nguồn gốc sử dụng đất: Nhà nước giao đất có thu tiền sử dụng đất"]),
                            "GCN-2014", "recorded")
    assert parcel["parcel.area_m2"].value == "247.7" and parcel["parcel.use_form"].value == "Sử dụng riêng"
    assert parcel["parcel.land_uses.0.code"].value == "ODT" and parcel["parcel.term"].value == "Lâu dài"
    assert parcel["parcel.origin"].value == "Nhà nước giao đất có thu tiền sử dụng đất"
    uses = extract_parcel(recorded(["c. Mục đích sử dụng đất: Đất ở tại đô thị (ODT): 80,0 m2;"]), "GCN-2024",
                          "recorded")
    assert uses["parcel.land_uses.0.code"].value == "ODT"


def test_missing_owner_lines_flag_the_list():
    """Details without their owner line, or a line of the section that is none of an owner's: the list 'owners'
    is flagged (a person may be missing), not only the other owner's fields."""
    from ocr.owners import _parse, owner_list_problems

    lost = recorded(["I. Người sử dụng đất, chủ sở hữu nhà ở và tài sản khác gắn liền với đất",
                     "Ông: LÊ VĂN AN, năm sinh: 1961", "CCCD số: 079061000001",
                     "Địa chỉ thường trú: 5 Cao Lỗ, Phường 4, Quận 8",
                     "CCCD số: 079163000002",  # the wife's line was not read: her ID stands alone
                     "Địa chỉ thường trú: 5 Cao Lỗ, Phường 4, Quận 8"], page=1)
    owners, orphans, consumed, end = _parse(lost, "GCN-2014", "recorded")
    assert len(owners) == 1 and owner_list_problems(lost, orphans, consumed, end)
    garbled = recorded(["Ông: LÊ VĂN AN; CCCD số: 079061000001", "8a TRAN THI BA ;",
                        "Bà: NGÔ THỊ CÚC; CCCD số: 079163000002", "2. Thông tin thửa đất:"], page=1)
    owners, orphans, consumed, end = _parse(garbled, "GCN-2024", "recorded")
    problems = owner_list_problems(garbled, orphans, consumed, end)
    assert len(owners) == 2 and problems and "8a TRAN THI BA" in problems[0]
    whole = recorded(["Ông: LÊ VĂN AN; CCCD số: 079061000001", "Bà: NGÔ THỊ CÚC; CCCD số: 079163000002",
                      "2. Thông tin thửa đất:"], page=1)
    assert owner_list_problems(whole, *_parse(whole, "GCN-2024", "recorded")[1:]) == []
