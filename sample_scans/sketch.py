"""Page 3 (2014) / page 2 (2024): the parcel sketch, the vertex coordinate table and the changes table.

>>> fmt_coord(1201790.98, 2), fmt_coord(603597.1, 3)
('1201790.98', '603597.100')
"""

from __future__ import annotations

import math

from landdb.models import Change, Vertex
from sample_scans.layout import INK, Canvas
from sample_scans.paper import star

LINE_RED = (190, 40, 40)


def fmt_coord(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def draw_sketch(c: Canvas, box: tuple[int, int, int, int], vertices: list[Vertex], neighbours: tuple[str, ...],
                scale_label: str) -> None:
    """The parcel outline fitted in ``box`` with vertex numbers, edge lengths, neighbour labels and north arrow."""
    x0, y0, x1, y1 = box
    c.draw.rectangle(box, outline=INK, width=3)
    pts = [(v.y, v.x) for v in vertices]  # (easting, northing)
    es, ns = [p[0] for p in pts], [p[1] for p in pts]
    span = max(max(es) - min(es), max(ns) - min(ns), 1e-6)
    pad = 230
    k = min((x1 - x0 - 2 * pad), (y1 - y0 - 2 * pad)) / span
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    me, mn = (max(es) + min(es)) / 2, (max(ns) + min(ns)) / 2
    screen = [(cx + (e - me) * k, cy - (n - mn) * k) for e, n in pts]
    c.draw.polygon(screen, outline=INK, width=5)
    centroid = (sum(p[0] for p in screen) / len(screen), sum(p[1] for p in screen) / len(screen))
    n = len(screen)
    for i, (sx, sy) in enumerate(screen):
        dx, dy = sx - centroid[0], sy - centroid[1]
        d = math.hypot(dx, dy) or 1
        c.draw.ellipse((sx - 7, sy - 7, sx + 7, sy + 7), fill=INK)
        c.text((sx + dx / d * 45, sy + dy / d * 45), vertices[i].point, "serif-bold", 40, anchor="mm")
        ax, ay = screen[(i + 1) % n]
        mx, my = (sx + ax) / 2, (sy + ay) / 2
        ox, oy = mx - centroid[0], my - centroid[1]
        od = math.hypot(ox, oy) or 1
        if vertices[i].edge_m is not None:
            c.text((mx - ox / od * 55, my - oy / od * 55), f"{vertices[i].edge_m:.2f}", "serif", 36, anchor="mm")
        if i < len(neighbours) and neighbours[i]:
            c.text((mx + ox / od * 120, my + oy / od * 110), neighbours[i], "serif-italic", 36, fill=(60, 60, 70),
                   anchor="mm")
    # north arrow "B" (Bắc)
    ax, ay = x1 - 90, y0 + 70
    c.draw.line((ax, ay + 130, ax, ay + 20), fill=INK, width=5)
    c.draw.polygon([(ax, ay), (ax - 22, ay + 45), (ax + 22, ay + 45)], fill=INK)
    c.text((ax, ay - 10), "B", "serif-bold", 48, anchor="mb")
    c.text((x0 + 25, y1 - 20), scale_label, "serif-italic", 36, anchor="ld")


def draw_coordinate_table(c: Canvas, x: int, y: int, vertices: list[Vertex], decimals: int,
                          repeat_first: bool) -> float:
    """The ruled coordinate table ``Điểm | X (m) | Y (m) | Cạnh (m)``; returns its bottom."""
    c.centered(y, "BẢNG LIỆT KÊ TỌA ĐỘ GÓC RANH", "serif-bold", 42, x0=x, x1=x + 1010)
    c.centered(y + 56, "HỆ TỌA ĐỘ VN-2000", "serif", 40, x0=x, x1=x + 1010)
    rows = [["Điểm", "X (m)", "Y (m)", "Cạnh (m)"]]
    for v in vertices:
        rows.append([v.point, fmt_coord(v.x, decimals), fmt_coord(v.y, decimals),
                     f"{v.edge_m:.2f}" if v.edge_m is not None else ""])
    if repeat_first:
        v = vertices[0]
        rows.append([v.point, fmt_coord(v.x, decimals), fmt_coord(v.y, decimals), ""])
    return c.table(x, y + 130, [150, 330, 300, 230], rows, size=42, row_h=66)


def draw_changes_table(c: Canvas, x: int, y: int, width: int, changes: list[Change], place: str,
                       min_rows: int, row_h: int = 250) -> float:
    """Section IV / 6: left the change and its legal basis, right the confirmation (place, date)."""
    left = int(width * 0.64)
    header_h = 110
    c.draw.rectangle((x, y, x + width, y + header_h), outline=INK, width=3)
    c.draw.line((x + left, y, x + left, y + header_h), fill=INK, width=3)
    c.paragraph(x + 20, y + 12, "Nội dung thay đổi và cơ sở pháp lý", left - 40, "serif-bold", 40)
    for i, line in enumerate(c.wrap("Xác nhận của cơ quan có thẩm quyền", "serif-bold", 40, width - left - 40)):
        c.centered(y + 8 + i * 48, line, "serif-bold", 40, x0=x + left, x1=x + width)
    top = y + header_h
    rows = max(min_rows, len(changes))
    for r in range(rows):
        c.draw.rectangle((x, top, x + width, top + row_h), outline=INK, width=3)
        c.draw.line((x + left, top, x + left, top + row_h), fill=INK, width=3)
        if r < len(changes):
            ch = changes[r]
            c.paragraph(x + 20, top + 14, ch.text, left - 40, "serif", 38, leading=1.3)
            when = f"{place}, ngày {ch.date:%d/%m/%Y}" if ch.date else place
            size = c.fit_size(when, "serif-italic", 38, width - left - 30)
            c.centered(top + 20, when, "serif-italic", size, x0=x + left, x1=x + width)
            star(c.draw, x + left + (width - left) / 2, top + row_h * 0.62, 34, (215, 120, 120))
        top += row_h
    return top
