"""The printable parcel extract (in the style of a *trích lục bản đồ địa chính*), one A4 page drawn with ReportLab:
the parcel to a standard scale with its neighbours and vertex numbers, a scale bar and north arrow, the VN-2000
coordinate table (zone named) with edge lengths, area, land use, owners, commune/sheet/parcel, the source map
sheet, and the date and who printed it. Text in DejaVu Sans (Debian's fonts-dejavu) so Vietnamese prints right.

>>> standard_scale(40.0, 30.0, 0.17, 0.10)
500
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import psycopg
import shapely

from landdb.errors import LanddbError
from landdb.sql import query
from web.parcels import parcel_detail

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SCALES = (100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 25000)
LAND_USE = {"ODT": "đất ở tại đô thị", "ONT": "đất ở tại nông thôn", "CLN": "đất trồng cây lâu năm",
            "LUC": "đất chuyên trồng lúa nước", "BHK": "đất bằng trồng cây hàng năm khác", "DGT": "đất giao thông",
            "TMD": "đất thương mại, dịch vụ", "SKC": "đất cơ sở sản xuất phi nông nghiệp"}


class FontMissing(LanddbError, FileNotFoundError):
    """The PDF needs a font with Vietnamese letters (Debian's fonts-dejavu-core)."""

    http_status = 500
    code = "font_missing"


def standard_scale(width_m: float, height_m: float, box_w_m: float, box_h_m: float) -> int:
    """The smallest standard map scale (1:n) at which ``width_m`` × ``height_m`` fits the drawing box."""
    need = max(width_m / box_w_m, height_m / box_h_m)
    return next((s for s in SCALES if s >= need), SCALES[-1])


def _fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in (("DejaVu", "DejaVuSans.ttf"), ("DejaVu-Bold", "DejaVuSans-Bold.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            path = FONT_DIR / file
            if not path.exists():
                raise FontMissing(f"{path}: missing; install Debian's fonts-dejavu-core for Vietnamese text")
            pdfmetrics.registerFont(TTFont(name, str(path)))
    return "DejaVu", "DejaVu-Bold"


def extract_pdf(conn: psycopg.Connection, parcel_id: int, printed_by: str,
                now: dt.datetime | None = None) -> bytes:
    """The extract of map parcel ``parcel_id`` as PDF bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    detail = parcel_detail(conn, parcel_id)
    p = detail["parcel"]
    srs = conn.execute(query("export/srs"), {"srid": p["native_srid"]}).fetchone()
    shapes = conn.execute(query("export/extract_geoms"), {"id": parcel_id, "margin": 60}).fetchall()
    if not shapes:
        raise LanddbError(f"parcel {parcel_id} has no outline on the map: nothing to draw")
    regular, bold = _fonts()
    now = now or dt.datetime.now().astimezone()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, pageCompression=1)
    c.setTitle(f"Trích lục thửa {p['parcel_no']} tờ {p['sheet_no']} – {p['commune_name'] or p['commune_code']}")
    c.setAuthor(f"landdb ({printed_by})")
    width, _ = A4

    def text(x: float, y: float, s: str, size: float = 9, font: str = regular, align: str = "left") -> None:
        c.setFont(font, size)
        {"left": c.drawString, "center": c.drawCentredString, "right": c.drawRightString}[align](x, y, s)

    text(width / 2, 284 * mm, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 10, bold, "center")
    text(width / 2, 279 * mm, "Độc lập - Tự do - Hạnh phúc", 9.5, bold, "center")
    c.line(width / 2 - 30 * mm, 277.5 * mm, width / 2 + 30 * mm, 277.5 * mm)
    text(width / 2, 268 * mm, "TRÍCH LỤC BẢN ĐỒ ĐỊA CHÍNH", 15, bold, "center")
    commune = p["commune_name"] or "Phường/xã"
    text(20 * mm, 259 * mm, f"Thửa đất số: {p['parcel_no']}     Tờ bản đồ số: {p['sheet_no']}     "
                            f"{commune} (mã {p['commune_code']})", 10, bold)
    text(20 * mm, 254 * mm, f"Địa chỉ: {p['address'] or '—'}", 9)
    area = p["map_area_m2"]
    text(20 * mm, 249 * mm, f"Diện tích (trên bản đồ): {area:,.1f} m²".replace(",", " ") +
         (f"     Diện tích pháp lý: {p['legal_area_m2']:,.1f} m²".replace(",", " ") if p["legal_area_m2"] else "") +
         f"     Mục đích sử dụng: {p['land_use_code'] or '—'}"
         f"{(' (' + LAND_USE[p['land_use_code']] + ')') if p['land_use_code'] in LAND_USE else ''}", 9)
    owners = _owners(detail)
    text(20 * mm, 244 * mm, "Người sử dụng đất: " + ("; ".join(owners) if owners else "chưa có trên giấy chứng nhận"
                                                         " đã đọc"), 9)

    box = (20 * mm, 128 * mm, 170 * mm, 110 * mm)     # x, y, w, h of the drawing
    scale = _draw_map(c, shapes, box, text)
    _scale_bar(c, box, scale, text)
    _north_arrow(c, box, text)

    zone = _zone_name(srs)
    text(20 * mm, 121 * mm, f"Bảng tọa độ các đỉnh thửa — hệ VN-2000, {zone}", 9, bold)
    _vertex_table(c, detail["map_vertices"], 20 * mm, 116 * mm, text)

    right = 120 * mm
    text(right, 116 * mm, f"Tỷ lệ: 1:{scale}", 9, bold)
    sheet_scale = f", tỷ lệ 1:{p['sheet_scale']}" if p.get("sheet_scale") else ""
    lines = [f"Nguồn: tờ bản đồ địa chính số {p['sheet_no']}{sheet_scale}",
             f"tệp {Path(p['map_file']).name if p.get('map_file') else '—'}",
             f"nhập ngày {_date(p.get('map_imported_at'))}",
             f"Mã thửa quốc gia: {p['national_code'] or '—'}"]
    serials = [c_["serial"] for c_ in detail["certificates"] if c_.get("serial")]
    if serials:
        lines.append("Giấy chứng nhận: " + ", ".join(serials))
    for n, line in enumerate(lines):
        text(right, (111 - 4.5 * n) * mm, line, 8.5)
    c.line(20 * mm, 22 * mm, 190 * mm, 22 * mm)
    text(20 * mm, 17 * mm, f"In ngày {now:%d/%m/%Y %H:%M} bởi {printed_by} — landdb. Bản trích lục để tham khảo, "
                           "không thay thế giấy chứng nhận.", 8)
    c.showPage()
    c.save()
    return out.getvalue()


def _owners(detail: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for cert in detail["certificates"]:
        if cert.get("status") in ("superseded", "rejected"):
            continue
        for owner in cert["owners"]:
            label = " ".join(x for x in (owner.get("title"), owner.get("name")) if x)
            if label and label not in names:
                names.append(label)
    return names


def _draw_map(c, shapes, box, text) -> int:
    from reportlab.lib.units import mm

    x0, y0, bw, bh = box
    geoms = [shapely.from_wkb(bytes(s["wkb"])) for s in shapes]
    subject = geoms[0]
    minx, miny, maxx, maxy = subject.bounds
    pad = max(maxx - minx, maxy - miny) * 0.35 + 3
    scale = standard_scale(maxx - minx + 2 * pad, maxy - miny + 2 * pad, bw / mm / 1000, bh / mm / 1000)
    k = 1000 / scale * mm                    # page points per metre
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2

    def page(x: float, y: float) -> tuple[float, float]:
        return x0 + bw / 2 + (x - cx) * k, y0 + bh / 2 + (y - cy) * k

    c.saveState()
    c.rect(x0, y0, bw, bh)
    clip = c.beginPath()
    clip.rect(x0, y0, bw, bh)
    c.clipPath(clip, stroke=0, fill=0)
    for geom, shape in zip(geoms, shapes, strict=True):
        is_subject = shape["is_subject"]
        c.setLineWidth(1.4 if is_subject else 0.4)
        c.setStrokeGray(0 if is_subject else 0.45)
        c.setFillColorRGB(1.0, 0.93, 0.75) if is_subject else None
        for polygon in getattr(geom, "geoms", [geom]):
            path = c.beginPath()
            for n, (x, y) in enumerate(polygon.exterior.coords):
                path.moveTo(*page(x, y)) if n == 0 else path.lineTo(*page(x, y))
            path.close()
            c.drawPath(path, stroke=1, fill=1 if is_subject else 0)
        if not is_subject and not geom.representative_point().within(subject.buffer(2)):
            spot = geom.representative_point()
            c.setFillGray(0.35)
            px, py = page(spot.x, spot.y)
            text(px, py - 1.2 * mm, shape["parcel_no"], 7, align="center")
    spot = subject.representative_point()
    px, py = page(spot.x, spot.y)
    label_w = c.stringWidth(shapes[0]["parcel_no"], "DejaVu-Bold", 11)
    c.setFillGray(1)
    c.rect(px - label_w / 2 - 0.8 * mm, py - 2 * mm, label_w + 1.6 * mm, 5 * mm, stroke=0, fill=1)
    c.setFillGray(0)
    text(px, py - 1.2 * mm, shapes[0]["parcel_no"], 11, "DejaVu-Bold", "center")
    c.setFillColorRGB(0.75, 0, 0)
    ring = list(getattr(subject, "geoms", [subject])[0].exterior.coords)[:-1]
    sx, sy = page(*subject.centroid.coords[0])
    for n, (x, y) in enumerate(ring, start=1):
        px, py = page(x, y)
        c.circle(px, py, 0.6 * mm, stroke=0, fill=1)
        dx, dy = px - sx, py - sy
        norm = max((dx * dx + dy * dy) ** 0.5, 1e-6)
        text(px + dx / norm * 3 * mm, py + dy / norm * 3 * mm - 1 * mm, str(n), 8, "DejaVu-Bold", "center")
    c.restoreState()
    return scale


def _scale_bar(c, box, scale: int, text) -> None:
    from reportlab.lib.units import mm

    x0, y0, _, _ = box
    metres = next(m for m in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000) if m * 1000 / scale * mm >= 25 * mm)
    length = metres * 1000 / scale * mm
    x, y = x0 + 5 * mm, y0 + 5 * mm
    for i in range(4):
        c.setFillGray(0 if i % 2 == 0 else 1)
        c.rect(x + i * length / 4, y, length / 4, 1.5 * mm, stroke=1, fill=1)
    c.setFillGray(0)
    text(x, y + 2.5 * mm, "0", 7, align="center")
    text(x + length, y + 2.5 * mm, f"{metres} m", 7, align="center")
    text(x + length / 2, y - 3.5 * mm + 0.5 * mm, f"1:{scale}", 7, align="center")


def _north_arrow(c, box, text) -> None:
    from reportlab.lib.units import mm

    x0, y0, bw, bh = box
    x, y = x0 + bw - 10 * mm, y0 + bh - 20 * mm
    path = c.beginPath()
    path.moveTo(x, y + 12 * mm)
    path.lineTo(x - 3 * mm, y)
    path.lineTo(x, y + 3 * mm)
    path.lineTo(x + 3 * mm, y)
    path.close()
    c.setFillGray(0)
    c.drawPath(path, stroke=1, fill=1)
    text(x, y + 13.5 * mm, "B", 10, "DejaVu-Bold", "center")      # Bắc: north


def _vertex_table(c, vertices: list[dict[str, Any]], x: float, y: float, text) -> None:
    from reportlab.lib.units import mm

    rows = vertices[:-1] if len(vertices) > 1 else vertices        # the ring's closing point repeats the first
    columns = ((0, "Điểm", "center"), (14, "X (m)", "right"), (40, "Y (m)", "right"), (64, "Cạnh (m)", "right"))
    widths = (12, 24, 24, 30)
    per_column = 20
    for block in range(0, len(rows), per_column):
        bx = x
        by = y - (block // per_column) * (per_column + 1) * 4.2 * mm
        for (dx, title, _), w in zip(columns, widths, strict=True):
            text(bx + (dx + w / 2) * mm, by - 3 * mm, title, 8, "DejaVu-Bold", "center")
        c.line(bx, by - 4.2 * mm, bx + 94 * mm, by - 4.2 * mm)
        for i, vertex in enumerate(rows[block:block + per_column]):
            ry = by - (i + 2) * 4.2 * mm + 0.8 * mm
            n = block + i + 1
            nxt = 1 if n == len(rows) else n + 1
            edge = f"{vertex['edge_m']:.2f} ({n}-{nxt})" if vertex.get("edge_m") is not None else ""
            text(bx + 6 * mm, ry, str(n), 8, align="center")
            text(bx + 36 * mm, ry, f"{vertex['x_northing']:.2f}", 8, align="right")
            text(bx + 62 * mm, ry, f"{vertex['y_easting']:.2f}", 8, align="right")
            text(bx + 93 * mm, ry, edge, 8, align="right")
    c.rect(x, y - (min(len(rows), per_column) + 1) * 4.2 * mm - 1 * mm, 94 * mm,
           (min(len(rows), per_column) + 1) * 4.2 * mm + 1 * mm)


def _zone_name(srs: dict[str, Any] | None) -> str:
    if srs is None:
        return "múi chiếu không rõ"
    name = (srs.get("srtext") or "").split('"')[1] if (srs.get("srtext") or "").count('"') >= 2 else ""
    if name.startswith("VN-2000 / TM-3 "):
        degrees, minutes = name.removeprefix("VN-2000 / TM-3 ").split("-")
        return f"múi chiếu 3°, kinh tuyến trục {degrees}°{minutes}' (EPSG:{srs['srid']})"
    return f"{name or 'EPSG'} (EPSG:{srs['srid']})"


def _date(value: Any) -> str:
    return f"{value:%d/%m/%Y}" if value else "—"
