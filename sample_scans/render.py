"""Draw the printed pages of a certificate (domain.md §1a, §1c) as 300-dpi RGB images, clean.

:func:`render_document` adds the scan degradation of :mod:`sample_scans.degrade`.
"""

from __future__ import annotations

from PIL import Image

from landdb.models import Owner
from sample_scans.layout import Canvas
from sample_scans.paper import RED, SERIAL_RED, barcode, blank_page, emblem, multiply, qr_image
from sample_scans.records import Certificate, comma, rng_for
from sample_scans.seal import SEAL_RED, SIGN_BLUE, seal_layer, signature_layer
from sample_scans.sketch import draw_changes_table, draw_coordinate_table, draw_sketch
from sample_scans.wording import STANDARD

LEFT, RIGHT = 230, 2480 - 230
WIDTH = RIGHT - LEFT
BODY = 48
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NOTE_2014 = ("Người được cấp Giấy chứng nhận không được sửa chữa, tẩy xóa hoặc bổ sung bất kỳ nội dung nào trong "
             "Giấy chứng nhận; khi bị mất hoặc hư hỏng Giấy chứng nhận phải khai báo ngay với cơ quan cấp Giấy.")


def _owner_lines(owner: Owner, form: str, labels: dict[str, str] = STANDARD) -> list[tuple[str, str]]:
    """(label, value) lines for one holder, in the certificate's wording (:mod:`sample_scans.wording`)."""
    if owner.title is None:  # an organisation: its name, enterprise code and head office
        code = f"Mã số doanh nghiệp: {owner.id_number}"
        if form == "GCN-2024":
            return [("", f"{owner.name};  {code}")]
        return [("", owner.name), ("", code), ("Địa chỉ trụ sở:", owner.address or "")]
    id_label = labels["id"].format(kind=owner.id_type) if owner.id_type else "Số giấy tờ:"
    if form == "GCN-2024":
        return [(f"{owner.title}:", f"{owner.name};  {id_label} {owner.id_number}")]
    return [(f"{owner.title}:", f"{owner.name},  {labels['birth']} {owner.birth_year}"),
            ("", f"{id_label} {owner.id_number}"),
            (labels["address"], owner.address or "")]


def _labels(cert: Certificate) -> dict[str, str]:
    return cert.extra.get("labels") or STANDARD


def _signature_block(c: Canvas, cert: Certificate, x0: int, y: int, seed: int) -> None:
    """Place and date, issuer, roles, seal overlapping the text, blue signature, signer name."""
    rec = cert.record
    rng = rng_for(seed, 0, f"sign:{rec.serial}")
    x1 = RIGHT
    d = rec.issue_date
    line = f"{cert.place}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"
    c.centered(y, line, "serif-italic", c.fit_size(line, "serif-italic", BODY, x1 - x0), x0=x0, x1=x1)
    y += 80
    roles = list(cert.signer_roles)
    lines = [f"TM. {rec.issuer}"] if roles and roles[0].startswith("TM.") else [rec.issuer]
    lines += [r for r in roles if not r.startswith("TM.")]
    top = y
    for text in lines:
        size = c.fit_size(text, "serif-bold", 46, x1 - x0)
        c.centered(y, text, "serif-bold", size, x0=x0, x1=x1)
        y += 62
    radius = 215
    cx = (x0 + x1) // 2 - rng.randint(80, 200)
    multiply(c.page, seal_layer(rec.issuer, rng, radius), SEAL_RED, cx - radius, top + rng.randint(-90, 10))
    multiply(c.page, signature_layer(rng, 560, 220), SIGN_BLUE, (x0 + x1) // 2 - 180, y + 30)
    c.centered(y + 300, cert.signer, "serif-bold", BODY, x0=x0, x1=x1)


def _header(c: Canvas, y: int) -> int:
    c.centered(y, NATION, "serif-bold", 50)
    c.centered(y + 64, MOTTO, "serif-bold", 48, underline=True)
    return y + 150


def page1_2014(cert: Certificate, seed: int) -> Image.Image:
    c = Canvas(blank_page("GCN-2014"))
    emblem(c.draw, 1240, 330, 120)
    y = _header(c, 500)
    for i, line in enumerate(["GIẤY CHỨNG NHẬN", "QUYỀN SỬ DỤNG ĐẤT",
                              "QUYỀN SỞ HỮU NHÀ Ở VÀ TÀI SẢN KHÁC GẮN LIỀN VỚI ĐẤT"]):
        size = 92 if i == 0 else 62
        c.centered(y, line, "serif-bold", size, fill=RED)
        y += int(size * 1.35)
    y += 70
    y = c.paragraph(LEFT, y, "I. Người sử dụng đất, chủ sở hữu nhà ở và tài sản khác gắn liền với đất",
                    WIDTH, "serif-bold", 52)
    y += 30
    for owner in cert.record.owners:
        for label, value in _owner_lines(owner, "GCN-2014", _labels(cert)):
            y = c.paragraph(LEFT + 60, y, value, WIDTH - 60, label=label or None, label_face="serif", indent=0)
        y += 30
    c.text((RIGHT - 60, 3260), cert.record.serial, "sans-bold", 72, fill=SERIAL_RED, anchor="rs")
    return c.page


def _land_use_text(cert: Certificate) -> str:
    uses = cert.record.parcel.land_uses
    if len(uses) == 1:
        return uses[0].name
    return "; ".join(f"{u.name} {comma(u.area_m2)} m²" for u in uses)


def page2_2014(cert: Certificate, seed: int) -> Image.Image:
    c = Canvas(blank_page("GCN-2014"))
    p = cert.record.parcel
    y = c.paragraph(LEFT, 260, "II. Thửa đất, nhà ở và tài sản khác gắn liền với đất", WIDTH, "serif-bold", 52)
    y = c.paragraph(LEFT, y + 20, "1. Thửa đất:", WIDTH, "serif-bold")
    words = _labels(cert)
    items = [("a) Thửa đất số:", f"{p.parcel_no}, tờ bản đồ số: {p.sheet_no};"),
             ("b) Địa chỉ:", p.address),
             (f"c) {words['area']}", f"{comma(p.area_m2)} m², (bằng chữ: {p.area_words})"),
             (f"d) {words['form']}", p.use_form),
             (f"đ) {words['use_2014']}", _land_use_text(cert)),
             (f"e) {words['term']}", p.term),
             (f"g) {words['origin']}", p.origin)]
    for label, value in items:
        y = c.paragraph(LEFT + 40, y + 8, value, WIDTH - 40, label=label, label_face="serif", indent=60)
    for label in ["2. Nhà ở:", "3. Công trình xây dựng khác:", "4. Rừng sản xuất là rừng trồng:", "5. Cây lâu năm:",
                  "6. Ghi chú:"]:
        y = c.paragraph(LEFT, y + 12, "-/-", WIDTH, label=label, label_face="serif-bold")
    _signature_block(c, cert, 1180, y + 80, seed)
    c.text((LEFT, 3270), "Số vào sổ cấp GCN:", "serif", BODY, anchor="ls")
    c.text((LEFT + c.width_of("Số vào sổ cấp GCN: ", "serif", BODY), 3270), cert.record.register_no,
           "serif-italic", 54, fill=(40, 45, 110), anchor="ls")
    return c.page


def page3_2014(cert: Certificate, seed: int) -> Image.Image:
    c = Canvas(blank_page("GCN-2014"))
    y = c.paragraph(LEFT, 240, "III. Sơ đồ thửa đất, nhà ở và tài sản khác gắn liền với đất", WIDTH,
                    "serif-bold", 50)
    rng = rng_for(seed, 0, f"layout:{cert.record.serial}")
    verts = cert.record.vertices
    draw_sketch(c, (LEFT, y + 20, LEFT + 1000, y + 1120), verts, cert.neighbours, "Tỷ lệ 1/500")
    bottom = draw_coordinate_table(c, LEFT + 1040, y + 30, verts, cert.decimals, rng.random() < 0.4)
    y = max(y + 1160, bottom + 50)
    y = c.paragraph(LEFT, y, "IV. Những thay đổi sau khi cấp giấy chứng nhận", WIDTH, "serif-bold", 50)
    draw_changes_table(c, LEFT, y + 20, WIDTH, cert.record.changes, cert.place, min_rows=4)
    return c.page


def page4_2014(cert: Certificate, seed: int) -> Image.Image:
    c = Canvas(blank_page("GCN-2014"))
    y = draw_changes_table(c, LEFT, 260, WIDTH, [], cert.place, min_rows=7)
    y = c.paragraph(LEFT, y + 60, "Người được cấp Giấy chứng nhận không được sửa chữa, tẩy xóa hoặc bổ sung bất kỳ "
                    "nội dung nào trong Giấy chứng nhận; khi bị mất hoặc hư hỏng Giấy chứng nhận phải khai báo ngay "
                    "với cơ quan cấp Giấy.", WIDTH, "serif-italic", 44)
    barcode(c.page, cert.barcode, RIGHT - 520, 3020)
    c.text((RIGHT - 520 + 237, 3215), cert.barcode, "sans", 40, anchor="ma")
    return c.page


def page1_2024(cert: Certificate, seed: int) -> Image.Image:
    c = Canvas(blank_page("GCN-2024"))
    rec = cert.record
    payload = f"GCN|{rec.serial}|{cert.key or f'{rec.parcel.sheet_no}/{rec.parcel.parcel_no}'}"
    c.page.paste(qr_image(payload, 340), (RIGHT - 340, 170))
    emblem(c.draw, 1240, 300, 110)
    y = _header(c, 460)
    c.centered(y, "GIẤY CHỨNG NHẬN", "serif-bold", 88, fill=RED)
    c.centered(y + 120, "QUYỀN SỬ DỤNG ĐẤT, QUYỀN SỞ HỮU TÀI SẢN GẮN LIỀN VỚI ĐẤT", "serif-bold", 56, fill=RED)
    y += 240
    y = c.paragraph(LEFT, y, "1. Người sử dụng đất, chủ sở hữu tài sản gắn liền với đất:", WIDTH, "serif-bold")
    for owner in rec.owners:
        for label, value in _owner_lines(owner, "GCN-2024", _labels(cert)):
            y = c.paragraph(LEFT + 60, y + 6, value, WIDTH - 60, label=label, label_face="serif")
    p = rec.parcel
    y = c.paragraph(LEFT, y + 16, "2. Thông tin thửa đất:", WIDTH, "serif-bold")
    uses = "; ".join(f"{u.name} ({u.code}): {comma(u.area_m2)} m²" for u in p.land_uses)
    words = _labels(cert)
    for label, value in [("a. Thửa đất số:", f"{p.parcel_no}; tờ bản đồ số: {p.sheet_no};"),
                         (f"b. {words['area']}", f"{comma(p.area_m2)} m² (bằng chữ: {p.area_words});"),
                         (f"c. {words['use_2024']}", uses + ";"), (f"d. {words['term']}", p.term + ";"),
                         (f"đ. {words['form']}", p.use_form + ";"), ("e. Địa chỉ:", p.address + ".")]:
        y = c.paragraph(LEFT + 40, y + 6, value, WIDTH - 40, label=label, label_face="serif", indent=60)
    y = c.paragraph(LEFT, y + 16, "-/-", WIDTH, label="3. Thông tin tài sản gắn liền với đất:",
                    label_face="serif-bold")
    _signature_block(c, cert, 1180, max(y + 60, 2400), seed)
    c.text((LEFT, 3300), rec.serial, "sans-bold", 70, fill=SERIAL_RED, anchor="ls")
    return c.page


def page2_2024(cert: Certificate, seed: int) -> Image.Image:
    c = Canvas(blank_page("GCN-2024"))
    rng = rng_for(seed, 0, f"layout:{cert.record.serial}")
    y = c.paragraph(LEFT, 220, "4. Sơ đồ thửa đất, tài sản gắn liền với đất:", WIDTH, "serif-bold")
    verts = cert.record.vertices
    draw_sketch(c, (LEFT, y + 20, LEFT + 1000, y + 1100), verts, cert.neighbours, "Tỷ lệ 1/500")
    bottom = draw_coordinate_table(c, LEFT + 1040, y + 30, verts, cert.decimals, rng.random() < 0.4)
    y = max(y + 1140, bottom + 50)
    y = c.paragraph(LEFT, y, "-/-", WIDTH, label="5. Ghi chú:", label_face="serif-bold")
    y = c.paragraph(LEFT, y + 20, "6. Những thay đổi sau khi cấp Giấy chứng nhận:", WIDTH, "serif-bold")
    draw_changes_table(c, LEFT, y + 10, WIDTH, cert.record.changes, cert.place, min_rows=3, row_h=240)
    c.text((LEFT, 3300), "Số vào sổ cấp Giấy chứng nhận:", "serif", BODY, anchor="ls")
    c.text((LEFT + c.width_of("Số vào sổ cấp Giấy chứng nhận: ", "serif", BODY), 3300), cert.record.register_no,
           "serif-italic", 54, fill=(40, 45, 110), anchor="ls")
    return c.page


PAGES = {"GCN-2014": [page1_2014, page2_2014, page3_2014, page4_2014], "GCN-2024": [page1_2024, page2_2024]}


def render_clean(cert: Certificate, seed: int = 0) -> list[Image.Image]:
    """The certificate's pages as printed, before scanning."""
    return [page(cert, seed) for page in PAGES[cert.record.form]]
