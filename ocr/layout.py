"""Text lines from OCR words, and printed labels found in them by fuzzy matching on folded text.

Positions in a line's folded text are positions in its NFC text (folding maps each character to one), so a
label found in the folded text cuts the printed value out of the original.

>>> from ocr.engine import Word
>>> line = Line([Word('Diện', .9, 0, 0, 40, 10), Word('tích:', .9, 45, 0, 40, 10), Word('32,4', .8, 90, 0, 40, 10)])
>>> span = find_label(line, 'Diện tích')
>>> line.text[span[1]:].strip(': ')
'32,4'
>>> find_label(line, 'Dien tich')[2] >= 90
True
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ocr.engine import Word

__all__ = ["Line", "group_lines", "find_label", "fold_chars", "Span"]


def fold_chars(text: str) -> str:
    """Fold character by character (lower case, no diacritics), keeping the length.

    >>> fold_chars('Thửa Đất số')
    'thua dat so'
    """
    return text.translate(_FOLDED)


class _FoldTable(dict):
    """Code point → its folded character, each worked out once (``str.translate`` asks for the missing ones)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch.replace("Đ", "D").replace("đ", "d"))[:1].lower()
        self[code] = folded = base if len(base) == 1 else ch
        return folded


_FOLDED = _FoldTable()


@dataclass
class Span:
    """A piece of a line: its text, the words it covers, the minimum word confidence and the box."""

    text: str
    words: list[Word]
    page: int | None = None

    @property
    def confidence(self) -> float:
        return min((w.conf for w in self.words), default=0.0)

    @property
    def bbox(self) -> tuple[int, int, int, int] | None:
        if not self.words:
            return None
        x0 = min(w.left for w in self.words)
        y0 = min(w.top for w in self.words)
        return x0, y0, max(w.right for w in self.words) - x0, max(w.bottom for w in self.words) - y0


@dataclass
class Line:
    words: list[Word]
    page: int | None = None
    text: str = field(init=False)
    folded: str = field(init=False)
    _owner: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        parts, owner = [], []
        for index, word in enumerate(self.words):
            if parts:
                parts.append(" ")
                owner.append(-1)
            parts.append(word.text)
            owner += [index] * len(word.text)
        self.text = "".join(parts)
        self.folded = fold_chars(self.text)
        self._owner = owner

    @property
    def top(self) -> int:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> int:
        return max(w.bottom for w in self.words)

    @property
    def left(self) -> int:
        return min(w.left for w in self.words)

    @property
    def right(self) -> int:
        return max(w.right for w in self.words)

    @property
    def height(self) -> float:
        heights = sorted(w.height for w in self.words)
        return heights[len(heights) // 2]

    def span(self, start: int, end: int) -> Span:
        """The words (whole) that the characters [start, end) touch, and the exact text cut."""
        indices = sorted({i for i in self._owner[start:end] if i >= 0})
        return Span(self.text[start:end], [self.words[i] for i in indices], self.page)


def group_lines(words: list[Word], page: int | None = None) -> list[Line]:
    """Lines in reading order from Tesseract's (block, paragraph, line) numbers."""
    groups: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        groups.setdefault((word.block, word.par, word.line), []).append(word)
    lines = [Line(sorted(ws, key=lambda w: w.left), page) for ws in groups.values()]
    return sorted(lines, key=lambda ln: (ln.top, ln.left))


def find_label(line: Line, label: str, min_score: float = 84.0, start: int = 0) -> tuple[int, int, float] | None:
    """Where a printed label is in the line: (start, end, score 0..100), exact after folding or fuzzy."""
    target = fold_chars(label)
    haystack = line.folded[start:]
    exact = haystack.find(target)
    if exact >= 0:
        return start + exact, start + exact + len(target), 100.0
    if len(target) < 5:
        return None
    found = fuzz.partial_ratio_alignment(target, haystack, score_cutoff=min_score)
    if found is None or found.dest_end - found.dest_start < 0.85 * len(target):
        return None  # (a line shorter than the label matches inside the label, not the other way round)
    return start + found.dest_start, start + found.dest_end, found.score
