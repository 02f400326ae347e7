"""The vertex coordinate table: find its grid, cut every cell inside its ruling lines, read the cells.

Full-page OCR loses the numbers to the grid lines (traps.md), so rows and columns come from geometry:
long-kernel morphological openings give the rules, their positions give the cells, and each cell is read on
its own band of a stacked image (one Tesseract call per reading, digit whitelist). Two readings (gray and
binarized) vote; a cell where they differ is kept only when one reading is well-formed and the other not.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ocr.engine import OcrEngine, Word
from ocr.layout import fold_chars

__all__ = ["Grid", "find_grids", "read_cells", "read_cells_twice", "read_crops", "read_each", "crop", "padded_box",
           "CellReading", "BAND_GAP"]

BAND_GAP = 40
EACH_BORDER = 16  # px of white added around a crop read on its own


@dataclass
class Grid:
    """A ruled table: x positions of its vertical rules, y positions of its horizontal rules (page pixels)."""

    xs: list[int]
    ys: list[int]

    @property
    def bbox(self) -> tuple[int, int, int, int]:
        return self.xs[0], self.ys[0], self.xs[-1] - self.xs[0], self.ys[-1] - self.ys[0]

    @property
    def rows(self) -> int:
        return len(self.ys) - 1

    @property
    def cols(self) -> int:
        return len(self.xs) - 1

    def cell(self, row: int, col: int, pad: int = 5) -> tuple[int, int, int, int]:
        x0, x1 = self.xs[col] + pad, self.xs[col + 1] - pad
        y0, y1 = self.ys[row] + pad, self.ys[row + 1] - pad
        return x0, y0, max(x1 - x0, 1), max(y1 - y0, 1)


def _positions(profile: np.ndarray, min_count: float) -> list[int]:
    """Centres of runs where the profile reaches min_count (one rule may be several pixels thick)."""
    hits = np.flatnonzero(profile >= min_count)
    if hits.size == 0:
        return []
    runs = np.split(hits, np.flatnonzero(np.diff(hits) > 3) + 1)
    return [int(run.mean()) for run in runs]


def find_grids(gray: np.ndarray, min_rows: int = 3, min_cols: int = 2) -> list[Grid]:
    """Ruled tables on a page (text layer, ink dark): their rule positions, top to bottom."""
    # the text layer's background is already flattened to white: one global threshold
    _, binary = cv2.threshold(gray, 169, 255, cv2.THRESH_BINARY_INV)
    h_lines = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (120, 1)))
    v_lines = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 60)))
    # bridge one-pixel breaks across the rules only (never along text baselines)
    h_lines = cv2.dilate(h_lines, np.ones((3, 1), np.uint8))
    v_lines = cv2.dilate(v_lines, np.ones((1, 3), np.uint8))
    mask = cv2.bitwise_or(h_lines, v_lines)
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    grids = []
    for i in range(1, count):
        x, y, w, h, _ = stats[i]
        if w < 200 or h < 100:
            continue
        hx = h_lines[y:y + h, x:x + w] > 0
        vx = v_lines[y:y + h, x:x + w] > 0
        ys = [y + p for p in _positions(hx.sum(axis=1), 0.6 * w)]
        xs = [x + p for p in _positions(vx.sum(axis=0), 0.6 * h)]
        if len(ys) - 1 >= min_rows and len(xs) - 1 >= min_cols:
            grids.append(Grid(xs, ys))
    return sorted(grids, key=lambda g: g.ys[0])


@dataclass
class CellReading:
    text: str
    conf: float


def _stack(crops: list[np.ndarray]) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Crops one under another on white, each on its own band; returns the image and each band's y range."""
    width = max(c.shape[1] for c in crops) + 2 * BAND_GAP
    height = sum(c.shape[0] for c in crops) + BAND_GAP * (len(crops) + 1)
    canvas = np.full((height, width), 255, np.uint8)
    bands = []
    y = BAND_GAP
    for crop in crops:
        h, w = crop.shape
        canvas[y:y + h, BAND_GAP:BAND_GAP + w] = crop
        bands.append((y, y + h))
        y += h + BAND_GAP
    return canvas, bands


def padded_box(shape: tuple[int, ...], bbox: tuple[int, int, int, int], ratio: int) -> tuple[int, int, int, int]:
    """``bbox`` (x, y, w, h) with a margin of a ``ratio``-th of its height (at least 4 px), kept on the page."""
    h, w = shape[:2]
    x, y, bw, bh = bbox
    pad = max(4, bh // ratio)
    x0, y0 = max(x - pad, 0), max(y - pad, 0)
    return x0, y0, min(bw + 2 * pad, w - x0), min(bh + 2 * pad, h - y0)


def crop(gray: np.ndarray, box: tuple[int, int, int, int], binarize: bool) -> np.ndarray:
    x0, y0, w, h = box
    crop = gray[y0:y0 + h, x0:x0 + w]
    if binarize and crop.size:
        _, crop = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    elif crop.size:
        crop = np.where(crop > 200, 255, crop).astype(np.uint8)  # no grey box edge on the white canvas
    return crop if crop.size else np.full((max(h, 1), max(w, 1)), 255, np.uint8)


def reading_order(words: list[Word]) -> list[Word]:
    """Words in rows (by vertical overlap, top to bottom), each row left to right — not by Tesseract's blocks,
    which may split one line of a small crop in two.

    >>> ws = [Word('75', .9, 40, 10, 30, 20, block=2), Word('2', .9, 10, 12, 12, 20, block=1)]
    >>> [w.text for w in reading_order(ws)]
    ['2', '75']
    """
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.cy):
        if rows and abs(word.cy - sum(w.cy for w in rows[-1]) / len(rows[-1])) < 0.5 * max(word.height, 1):
            rows[-1].append(word)
        else:
            rows.append([word])
    return [w for row in rows for w in sorted(row, key=lambda w: w.left)]


def _assign(words: list[Word], bands: list[tuple[int, int]], joiner: str = "") -> list[CellReading]:
    texts: list[list[Word]] = [[] for _ in bands]
    for word in words:
        for index, (y0, y1) in enumerate(bands):
            if y0 - BAND_GAP / 2 <= word.cy <= y1 + BAND_GAP / 2:
                texts[index].append(word)
                break
    return [CellReading(joiner.join(w.text for w in reading_order(ws)),
                        min((w.conf for w in ws), default=0.0)) for ws in texts]


def read_cells(gray: np.ndarray, boxes: list[tuple[int, int, int, int]], engine: OcrEngine, lang: str,
               whitelist: str | None, binarize: bool = False, joiner: str = "") -> list[CellReading]:
    """One reading of each cell box (x, y, w, h) of ``gray``; empty text where the engine saw nothing."""
    if not boxes:
        return []
    canvas, bands = _stack([crop(gray, box, binarize) for box in boxes])
    words = engine.words(canvas, lang=lang, psm=6, whitelist=whitelist)
    return _assign(words, bands, joiner)


def read_crops(crops: list[np.ndarray], engine: OcrEngine, lang: str, whitelist: str | None,
               joiner: str = "") -> list[CellReading]:
    """One reading of each crop (from any pages), in one engine call."""
    if not crops:
        return []
    canvas, bands = _stack(crops)
    return _assign(engine.words(canvas, lang=lang, psm=6, whitelist=whitelist), bands, joiner)


def read_each(crops: list[np.ndarray], engine: OcrEngine, lang: str, whitelist: str | None, psm: int = 7
              ) -> list[CellReading]:
    """Each crop read on its own (one engine call each; cheap in-process). Stacking crops of different sizes in
    one image changes what Tesseract reads: it estimates one text size per block and drops the smaller lines."""
    out = []
    for image in crops:
        image = cv2.copyMakeBorder(image, EACH_BORDER, EACH_BORDER, EACH_BORDER, EACH_BORDER, cv2.BORDER_CONSTANT,
                                   value=255)  # white room around the text: else Tesseract adds letters at edges
        words = reading_order(engine.words(image, lang=lang, psm=psm, whitelist=whitelist))
        out.append(CellReading(" ".join(w.text for w in words), min((w.conf for w in words), default=0.0)))
    return out


def read_cells_twice(gray: np.ndarray, boxes: list[tuple[int, int, int, int]], engine: OcrEngine, lang: str,
                     whitelist: str | None) -> tuple[list[CellReading], list[CellReading]]:
    """Two readings of each cell, gray and binarized (Otsu per cell), in one engine call."""
    if not boxes:
        return [], []
    crops = [crop(gray, box, False) for box in boxes] + [crop(gray, box, True) for box in boxes]
    canvas, bands = _stack(crops)
    cells = _assign(engine.words(canvas, lang=lang, psm=6, whitelist=whitelist), bands)
    return cells[: len(boxes)], cells[len(boxes):]


HEADER_ROLES = {"point": ["diem", "so hieu", "stt", "ten diem"], "x": ["x"], "y": ["y"], "edge": ["canh", "do dai"]}


def column_roles(header_texts: list[str]) -> list[str | None]:
    """Column roles from header cell texts; by position (point, x, y, edge) when the header is unreadable.

    >>> column_roles(['Điểm', 'X (m)', 'Y (m)', 'Cạnh (m)'])
    ['point', 'x', 'y', 'edge']
    >>> column_roles(['', '', '', ''])
    ['point', 'x', 'y', 'edge']
    """
    roles: list[str | None] = []
    for text in header_texts:
        folded = fold_chars(text).strip()
        words = folded.replace("(", " ").replace(")", " ").split()
        role = None
        for name, keys in HEADER_ROLES.items():
            if any((k in folded) if len(k) > 1 else (k in words) for k in keys):
                role = name
                break
        roles.append(role)
    default = ["point", "x", "y", "edge", None, None][: len(header_texts)]
    found = [r for r in roles if r]
    if len(set(found)) != len(found) or not {"x", "y"} <= set(found):
        return default
    return [r or d for r, d in zip(roles, default, strict=True)]
