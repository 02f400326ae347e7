"""Red round seals and blue signatures, drawn by hand (no degradation library has them).

>>> import random
>>> seal_layer('SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG', random.Random(0), 200).shape
(400, 400)
"""

from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from sample_scans.fonts import check_glyphs, font

SEAL_RED = (205, 35, 45)
SIGN_BLUE = (30, 50, 150)


def seal_layer(text: str, rng: random.Random, radius: int) -> np.ndarray:
    """Coverage (0..1) of a round seal: double rim, the issuer's name around it, a star in the middle."""
    size = radius * 2
    img = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(img)
    draw.ellipse((6, 6, size - 6, size - 6), outline=255, width=10)
    draw.ellipse((radius * 0.36, radius * 0.36, size - radius * 0.36, size - radius * 0.36), outline=255, width=5)
    ring_text = f"{text} * TP. HỒ CHÍ MINH * "
    check_glyphs(ring_text, "sans-bold")
    glyph_font = font("sans-bold", max(18, int(radius * 0.16)))
    n = len(ring_text)
    for i, ch in enumerate(ring_text):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        glyph = Image.new("L", (radius // 3, radius // 3), 0)
        ImageDraw.Draw(glyph).text((radius // 6, radius // 6), ch, font=glyph_font, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.BICUBIC)
        r = radius * 0.78
        gx, gy = radius + r * math.cos(angle) - glyph.width / 2, radius + r * math.sin(angle) - glyph.height / 2
        img.paste(255, (int(gx), int(gy)), glyph)
    pts = []
    for i in range(10):
        rad = radius * (0.3 if i % 2 == 0 else 0.12)
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((radius + rad * math.cos(a), radius + rad * math.sin(a)))
    draw.polygon(pts, fill=255)
    cov = np.asarray(img.filter(ImageFilter.GaussianBlur(1.5)), dtype=np.float32) / 255.0
    # uneven stamping pressure: a smooth random field
    yy, xx = np.mgrid[0:size, 0:size] / size
    field = 0.75 + 0.25 * np.sin(xx * rng.uniform(2, 6) + rng.uniform(0, 6)) * np.cos(yy * rng.uniform(2, 6))
    speckle = np.random.default_rng(rng.randrange(2**32)).uniform(0.7, 1.0, cov.shape)
    return (cov * field * speckle * rng.uniform(0.75, 0.92)).clip(0, 1)


def signature_layer(rng: random.Random, width: int, height: int) -> np.ndarray:
    """Coverage of a quick pen signature: a few looping strokes and a flourish."""
    img = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(img)
    steps = 420
    loops = rng.uniform(5, 9)
    r = rng.uniform(18, 32)
    amp = height * rng.uniform(0.18, 0.3)
    phase = rng.uniform(0, 6.28)
    pts = []
    for k in range(steps + 1):
        t = k / steps
        a = 2 * math.pi * loops * t
        envelope = 0.6 + 0.4 * math.sin(3.1 * t * math.pi + phase)
        x = width * (0.08 + 0.75 * t) + r * math.cos(a + phase)
        y = height * (0.55 - 0.15 * t) - amp * envelope * math.sin(a) - 10 * math.sin(7 * a / loops)
        pts.append((x, y))
    draw.line(pts, fill=255, width=5, joint="curve")
    fx = rng.uniform(0.2, 0.4) * width
    draw.line([(fx, height * 0.75), (width * 0.95, height * rng.uniform(0.45, 0.7))], fill=255, width=4)
    return np.asarray(img.filter(ImageFilter.GaussianBlur(1.0)), dtype=np.float32) / 255.0 * 0.9
