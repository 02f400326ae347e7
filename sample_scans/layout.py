"""A tiny page-layout helper over Pillow: text with glyph checks, wrapping, centring, ruled tables.

>>> from PIL import Image
>>> c = Canvas(Image.new('RGB', (800, 400), 'white'))
>>> c.wrap('Địa chỉ thường trú: 431 đường Hoàng Văn Thụ, Phường 4, Quận Tân Bình', 'serif', 40, 500)[0]
'Địa chỉ thường trú: 431 đường'
"""

from __future__ import annotations

from PIL import Image, ImageDraw

from sample_scans.fonts import check_glyphs, font

INK = (28, 28, 34)


class Canvas:
    """Draws on one page; every string is checked against its font's glyphs first."""

    def __init__(self, page: Image.Image) -> None:
        self.page = page
        self.draw = ImageDraw.Draw(page)

    def width_of(self, text: str, face: str, size: int) -> float:
        return self.draw.textlength(text, font=font(face, size))

    def text(self, xy: tuple[float, float], text: str, face: str = "serif", size: int = 48, fill=INK,
             anchor: str = "la") -> None:
        check_glyphs(text, face)
        self.draw.text(xy, text, font=font(face, size), fill=fill, anchor=anchor)

    def centered(self, y: float, text: str, face: str, size: int, fill=INK, x0: float = 0, x1: float | None = None,
                 underline: bool = False) -> None:
        x1 = self.page.width if x1 is None else x1
        self.text(((x0 + x1) / 2, y), text, face, size, fill, anchor="ma")
        if underline:
            w = self.width_of(text, face, size)
            uy = y + size * 1.12
            self.draw.line(((x0 + x1 - w) / 2, uy, (x0 + x1 + w) / 2, uy), fill=fill, width=3)

    def fit_size(self, text: str, face: str, size: int, width: float) -> int:
        """The largest font size ≤ ``size`` at which ``text`` fits in ``width``."""
        while size > 20 and self.width_of(text, face, size) > width:
            size -= 2
        return size

    def wrap(self, text: str, face: str, size: int, width: float, indent: float = 0) -> list[str]:
        """Greedy word wrap; continuation lines get ``indent`` less room."""
        lines: list[str] = []
        current = ""
        for word in text.split(" "):
            trial = f"{current} {word}" if current else word
            room = width - (indent if lines else 0)
            if current and self.width_of(trial, face, size) > room:
                lines.append(current)
                current = word
            else:
                current = trial
        if current:
            lines.append(current)
        return lines

    def paragraph(self, x: float, y: float, text: str, width: float, face: str = "serif", size: int = 48,
                  fill=INK, indent: float = 0, leading: float = 1.38, label: str | None = None,
                  label_face: str = "serif-bold") -> float:
        """Draw wrapped text (optionally a label in another face first); return the y below it."""
        if label:
            self.text((x, y), label, label_face, size, fill)
            lw = self.width_of(label + " ", label_face, size)
            first_room = width - lw
            words = text.split(" ")
            first = ""
            while words and self.width_of((first + " " + words[0]).strip(), face, size) <= first_room:
                first = (first + " " + words.pop(0)).strip()
            if first:
                self.text((x + lw, y), first, face, size, fill)
            y += size * leading
            text = " ".join(words)
            if not text:
                return y
            x += indent
            width -= indent
        for line in self.wrap(text, face, size, width, indent):
            self.text((x, y), line, face, size, fill)
            y += size * leading
        return y

    def table(self, x: float, y: float, widths: list[float], rows: list[list[str]], size: int = 44,
              row_h: float = 64, header_rows: int = 1, align: list[str] | None = None) -> float:
        """A fully ruled table; returns the y of its bottom rule."""
        align = align or ["c"] * len(widths)
        total = sum(widths)
        for r, row in enumerate(rows):
            top = y + r * row_h
            face = "serif-bold" if r < header_rows else "serif"
            cx = x
            for c, cell in enumerate(row):
                if cell:
                    if align[c] == "c" or r < header_rows:
                        self.text((cx + widths[c] / 2, top + row_h / 2), cell, face, size, anchor="mm")
                    else:
                        self.text((cx + widths[c] - 14, top + row_h / 2), cell, face, size, anchor="rm")
                cx += widths[c]
        bottom = y + len(rows) * row_h
        for r in range(len(rows) + 1):
            self.draw.line((x, y + r * row_h, x + total, y + r * row_h), fill=INK, width=3)
        cx = x
        for w in [*widths, 0]:
            self.draw.line((cx, y, cx, bottom), fill=INK, width=3)
            cx += w
        return bottom
