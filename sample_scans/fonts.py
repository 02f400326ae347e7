"""Real TrueType fonts (fonts-liberation2 ≈ Times New Roman, DejaVu) with a check that every glyph exists.

fonts-liberation 1.x lacks most Vietnamese letters and Pillow would silently draw empty boxes,
so :func:`check_glyphs` refuses any text with a character missing from the font's cmap.

>>> check_glyphs('Thửa đất số: 12, tờ bản đồ số: 3 — 32,4 m²', 'serif')
>>> missing_glyphs('ộ☃', 'serif')
'☃'
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PIL import ImageFont

from landdb.errors import ConfigError

FONT_DIRS = [Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/dejavu")]
FACES = {
    "serif": "LiberationSerif-Regular.ttf", "serif-bold": "LiberationSerif-Bold.ttf",
    "serif-italic": "LiberationSerif-Italic.ttf", "serif-bolditalic": "LiberationSerif-BoldItalic.ttf",
    "sans": "LiberationSans-Regular.ttf", "sans-bold": "LiberationSans-Bold.ttf",
    "dejavu": "DejaVuSans.ttf", "dejavu-bold": "DejaVuSans-Bold.ttf", "dejavu-serif-italic": "DejaVuSerif-Italic.ttf",
    "mono": "LiberationMono-Regular.ttf",
}


# the 'unseen' style (sample_scans.style): DejaVu Serif/Sans in place of Liberation (Times/Arial metrics)
UNSEEN_FACES = {
    "serif": "DejaVuSerif.ttf", "serif-bold": "DejaVuSerif-Bold.ttf", "serif-italic": "DejaVuSerif-Italic.ttf",
    "serif-bolditalic": "DejaVuSerif-BoldItalic.ttf", "sans": "DejaVuSans.ttf", "sans-bold": "DejaVuSans-Bold.ttf",
}


def font_path(face: str) -> Path:
    from sample_scans.style import active

    return _font_path(face, active())


@cache
def _font_path(face: str, style: str) -> Path:
    name = UNSEEN_FACES.get(face, FACES[face]) if style == "unseen" else FACES[face]
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return folder / name
    raise ConfigError(f"font {name} not found in {', '.join(map(str, FONT_DIRS))}: install fonts-liberation2 and "
                      "fonts-dejavu-core (make setup)")


def cmap(face: str) -> frozenset[int]:
    return _cmap(font_path(face))


@cache
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as tt:
        return frozenset(tt.getBestCmap())


def font(face: str, size: int) -> ImageFont.FreeTypeFont:
    return _font(font_path(face), size)


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def missing_glyphs(text: str, face: str) -> str:
    """The characters of ``text`` (other than whitespace) that ``face`` cannot draw."""
    have = cmap(face)
    return "".join(sorted({ch for ch in text if not ch.isspace() and ord(ch) not in have}))


def check_glyphs(text: str, face: str) -> None:
    """Raise :class:`ConfigError` if the font lacks a glyph for ``text``."""
    missing = missing_glyphs(text, face)
    if missing:
        raise ConfigError(f"font {FACES[face]} has no glyph for {missing!r} (in {text!r})")
