"""The paper itself: pale pink stock with a guilloche rosette, the national emblem, barcodes and the QR code.

>>> img = blank_page('GCN-2014')
>>> img.size, img.mode
((2480, 3508), 'RGB')
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
from PIL import Image, ImageDraw

DPI = 300
A4 = (2480, 3508)  # 210 x 297 mm at 300 dpi
PINK = (251, 236, 234)
CREAM = (250, 246, 238)
GUILLOCHE = (236, 196, 196)
RED = (200, 30, 36)
SERIAL_RED = (214, 22, 30)


def _rosette(draw: ImageDraw.ImageDraw, cx: float, cy: float, radius: float, petals: int, color, width: int) -> None:
    """A hypotrochoid-style guilloche rosette (the faint round emblem of the paper)."""
    for k in range(16):
        phase = k * math.pi / 16
        r_in = radius * (0.55 + 0.02 * k)
        pts = []
        for i in range(1441):
            t = 2 * math.pi * i / 1440
            r = r_in + radius * 0.18 * math.sin(petals * t + phase)
            pts.append((cx + r * math.cos(t), cy + r * math.sin(t)))
        draw.line(pts, fill=color, width=width)


@cache
def _blank(form: str) -> Image.Image:
    page = Image.new("RGB", A4, PINK if form == "GCN-2014" else CREAM)
    draw = ImageDraw.Draw(page)
    _rosette(draw, A4[0] / 2, A4[1] * 0.55, 820, 24, GUILLOCHE, 2)
    # a wavy guilloche border
    for inset, color in ((90, GUILLOCHE), (110, (240, 210, 210))):
        for side in range(4):
            pts = []
            for i in range(801):
                t = i / 800
                wave = 10 * math.sin(t * 160 * math.pi)
                if side == 0:
                    pts.append((inset + t * (A4[0] - 2 * inset), inset + wave))
                elif side == 1:
                    pts.append((A4[0] - inset + wave, inset + t * (A4[1] - 2 * inset)))
                elif side == 2:
                    pts.append((inset + t * (A4[0] - 2 * inset), A4[1] - inset + wave))
                else:
                    pts.append((inset + wave, inset + t * (A4[1] - 2 * inset)))
            draw.line(pts, fill=color, width=3)
    return page


def blank_page(form: str) -> Image.Image:
    """A fresh copy of the form's printed paper (cached: drawing the guilloche takes a while)."""
    return _blank(form).copy()


def emblem(draw: ImageDraw.ImageDraw, cx: int, cy: int, r: int) -> None:
    """A simplified national emblem: red disc, gold star, a cogwheel rim."""
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(205, 50, 40), outline=(190, 150, 40), width=8)
    teeth = [(cx + (r + (10 if i % 2 else 0)) * math.cos(i * math.pi / 18),
              cy + (r + (10 if i % 2 else 0)) * math.sin(i * math.pi / 18)) for i in range(36)]
    draw.line(teeth + teeth[:1], fill=(190, 150, 40), width=5)
    star(draw, cx, cy, r * 0.55, (235, 200, 60))


def star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, fill) -> None:
    pts = []
    for i in range(10):
        rad = r if i % 2 == 0 else r * 0.38
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    draw.polygon(pts, fill=fill)


# EAN-13 bar patterns (L, G, R codes) and the first digit's parity pattern.
_L = ["0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011", "0110111", "0001011"]
_G = ["".join("1" if b == "0" else "0" for b in code)[::-1] for code in _L]
_R = ["".join("1" if b == "0" else "0" for b in code) for code in _L]
_PARITY = ["LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL"]


def ean13_modules(digits: str) -> str:
    """The 95 bar modules of an EAN-13 code ('1' = bar).

    >>> m = ean13_modules('4006381333931'); len(m), m[:3], m[45:50]
    (95, '101', '01010')
    """
    first, left, right = int(digits[0]), digits[1:7], digits[7:]
    bits = "101"
    for d, parity in zip(left, _PARITY[first], strict=True):
        bits += (_L if parity == "L" else _G)[int(d)]
    bits += "01010" + "".join(_R[int(d)] for d in right) + "101"
    return bits


def barcode(page: Image.Image, digits: str, x: int, y: int, module: int = 5, height: int = 180) -> None:
    draw = ImageDraw.Draw(page)
    for i, bit in enumerate(ean13_modules(digits)):
        if bit == "1":
            draw.rectangle((x + i * module, y, x + (i + 1) * module - 1, y + height), fill=(20, 20, 20))


def qr_image(payload: str, size: int) -> Image.Image:
    """A QR code (qrcode package), black on white, ``size`` pixels square."""
    import qrcode

    qr = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(payload)
    qr.make(fit=True)
    return qr.make_image(fill_color="black", back_color="white").get_image().convert("RGB").resize(
        (size, size), Image.NEAREST)


def multiply(page: Image.Image, layer: np.ndarray, color: tuple[int, int, int], x: int, y: int) -> None:
    """Ink ``layer`` (float 0..1 coverage, HxW) in ``color`` over ``page`` at (x, y), like ink over print."""
    h, w = layer.shape
    x, y = int(x), int(y)
    x0, y0 = max(x, 0), max(y, 0)
    x1, y1 = min(x + w, page.width), min(y + h, page.height)
    if x1 <= x0 or y1 <= y0:
        return
    region = np.asarray(page.crop((x0, y0, x1, y1)), dtype=np.float32)
    cov = layer[y0 - y:y1 - y, x0 - x:x1 - x, None]
    ink = np.asarray(color, dtype=np.float32) / 255.0
    out = region * (1 - cov + cov * ink)
    page.paste(Image.fromarray(out.clip(0, 255).astype(np.uint8)), (x0, y0))
