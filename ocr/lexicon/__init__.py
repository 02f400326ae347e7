"""A Vietnamese lexicon for names and places: every syllable of an owner's name or an address should be a
known syllable, and the name's first syllable a known surname.

Data (``*.csv`` here, written for landdb from public knowledge of Vietnamese names and of HCMC's districts,
wards and streets — not from the sample generator): ``surnames.csv``, ``name_syllables.csv``,
``hcmc_places.csv`` (kind,name), ``vn_provinces.csv`` (the provinces and their cities, for owners living
elsewhere), ``words.csv`` (address and land-register words).

A syllable that OCR got wrong only in its diacritics is corrected when exactly one known syllable folds to
the same letters and the syllable as read is no Vietnamese syllable at all (or is a surname, a closed list);
a real syllable the lexicon lacks ('BẢNG' beside the known 'bằng') is reported, never "corrected" into a
known name. A syllable this lexicon does not know, that no known syllable shares
letters with, but that is a Vietnamese syllable (Debian's hunspell-vi word list, 6,600 syllables) is not a
problem: it is *unconfirmed* (:func:`unconfirmed`), and the field needs a second OCR reading that agrees. Tone
marks placed the old way or the new way ('hoà'/'hòa', 'thuỷ'/'thủy') count as the same syllable.

>>> check_name('NGUYEN VĂN AN')
('NGUYỄN VĂN AN', [])
>>> check_name('NGUYỄN VĂN XQZ')[1]
["'XQZ' is not a known syllable of a Vietnamese name"]
>>> check_place('Phường Bến Thành, Quận 1, Thành phố Hồ Chí Minh')
('Phường Bến Thành, Quận 1, Thành phố Hồ Chí Minh', [])
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

from landdb.vietnamese import fold, nfc

__all__ = ["check_name", "check_place", "syllables", "places", "unconfirmed", "vietnamese_syllables",
           "known_place_names", "HUNSPELL_VI"]

_DIR = Path(__file__).parent
_TOKEN = re.compile(r"(?<![\d/])[^\W\d_]+", re.UNICODE)  # letters right after a digit: a house number's ('219C')
HUNSPELL_VI = Path("/usr/share/hunspell/vi_VN.dic")  # Debian package hunspell-vi (make setup installs it)
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng as combining marks
_SHIFTED = re.compile(r"(o)([" + _TONES + r"]?)([ae])([" + _TONES + r"]?)$|(u)([" + _TONES + r"]?)(y)([" + _TONES
                      + r"]?)$")


def tone_style(syllable: str) -> str:
    """One placement of the tone mark in final 'oa', 'oe', 'uy' (on the first vowel), so that the old and the new
    spelling compare equal.

    >>> tone_style('hoà') == tone_style('hòa'), tone_style('thuỷ') == tone_style('thủy'), tone_style('hoàng')
    (True, True, 'hoàng')
    """
    decomposed = unicodedata.normalize("NFD", syllable)

    def move(m: re.Match) -> str:
        first, t1, second, t2 = (m.group(1), m.group(2), m.group(3), m.group(4)) if m.group(1) else \
            (m.group(5), m.group(6), m.group(7), m.group(8))
        return first + (t1 or t2) + second

    return unicodedata.normalize("NFC", _SHIFTED.sub(move, decomposed))


@cache
def vietnamese_syllables() -> frozenset[str]:
    """Every Vietnamese syllable of the hunspell-vi word list (lower case, NFC, :func:`tone_style`); empty,
    with a warning, when the list is not installed (then only this lexicon's syllables are known)."""
    try:
        lines = HUNSPELL_VI.read_text(encoding="utf-8").splitlines()[1:]
    except OSError:
        import logging

        logging.getLogger(__name__).warning("%s is missing (Debian package hunspell-vi): unknown syllables of "
                                            "names and places will all be flagged", HUNSPELL_VI)
        return frozenset()
    words = (line.split("/")[0].strip() for line in lines)
    return frozenset(tone_style(nfc(w).lower()) for w in words if w and _TOKEN.fullmatch(w))


def _lines(name: str) -> list[str]:
    with (_DIR / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if rows and rows[0] == ["kind", "name"]:
        return [row[1] for row in rows[1:] if len(row) > 1]
    return [row[0] for row in rows if row]


@cache
def places(kind: str) -> tuple[str, ...]:
    """Place names of one kind (city, district, ward, commune, town, street, province)."""
    return tuple(name for k, name in _place_rows() if k == kind)


PLACE_FILES = ("hcmc_places.csv", "vn_provinces.csv")


@cache
def _place_rows() -> tuple[tuple[str, str], ...]:
    rows = []
    for name in PLACE_FILES:
        with (_DIR / name).open(encoding="utf-8", newline="") as handle:
            rows += [(row["kind"], row["name"]) for row in csv.DictReader(handle)]
    return tuple(rows)


def _split(entries: list[str]) -> set[str]:
    return {nfc(tok).lower() for entry in entries for tok in _TOKEN.findall(entry)}


@cache
def syllables(kind: str) -> frozenset[str]:
    """Known syllables (NFC, lower case) of ``surname``, ``name`` or ``place``."""
    if kind == "surname":
        return frozenset(_split(_lines("surnames.csv")))
    names = _split(_lines("name_syllables.csv")) | _split(_lines("surnames.csv"))
    if kind == "name":
        return frozenset(names)
    return frozenset(names | _split([name for _, name in _place_rows()]) | _split(_lines("words.csv")))


@cache
def _by_fold(kind: str) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for syllable in syllables(kind):
        index.setdefault(fold(syllable), []).append(syllable)
    return {k: tuple(sorted(v)) for k, v in index.items()}


def _recase(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _known(lower: str, kind: str) -> bool:
    return tone_style(lower) in _styled(kind)


@cache
def _styled(kind: str) -> frozenset[str]:
    return frozenset(tone_style(s) for s in syllables(kind))


def _check_token(token: str, kind: str, what: str) -> tuple[str, str | None]:
    lower = nfc(token).lower()
    if _known(lower, kind):
        return token, None
    candidates = _by_fold(kind).get(fold(lower), ())
    vietnamese = tone_style(lower) in vietnamese_syllables()
    if len(candidates) == 1 and (kind == "surname" or not vietnamese):
        return _recase(candidates[0], token), None  # surnames are a closed list; other letters are no syllable
    if candidates:  # several spellings fit, or a real syllable ('BẢNG' beside the known 'bằng'): a person decides
        return token, f"{token!r} is not a known {what}; it could be {' / '.join(candidates)}"
    if vietnamese:
        return token, None  # a Vietnamese syllable this lexicon does not know: unconfirmed (see unconfirmed())
    return token, f"{token!r} is not a known syllable of a Vietnamese {what}"


def unconfirmed(text: str, kind: str) -> list[str]:
    """The syllables of ``text`` that are Vietnamese but unknown to this lexicon (``kind``: 'name' or 'place'),
    whose field therefore needs a second reading that agrees.

    >>> unconfirmed('214/29 Trần Xuân Soạn', 'place') == ([] if 'soạn' in syllables('place') else ['Soạn'])
    True
    """
    tokens = _TOKEN.findall(nfc(text))
    return [t for i, t in enumerate(tokens)
            if not _known(t.lower(), "surname" if kind == "name" and i == 0 else kind)
            and tone_style(t.lower()) in vietnamese_syllables()]


def _check(text: str, kinds: list[str], what: str) -> tuple[str, list[str]]:
    problems: list[str] = []
    pieces: list[str] = []
    last = 0
    for index, match in enumerate(_TOKEN.finditer(text)):
        kind = kinds[min(index, len(kinds) - 1)]
        fixed, problem = _check_token(match.group(), kind, "surname" if kind == "surname" else what)
        pieces += [text[last:match.start()], fixed]
        last = match.end()
        if problem:
            problems.append(problem)
    pieces.append(text[last:])
    return "".join(pieces), problems


def check_name(name: str) -> tuple[str, list[str]]:
    """A person's name: first syllable a surname, the others name syllables. Returns (corrected, problems)."""
    return _check(nfc(name), ["surname", "name"], "name")


@cache
def _known_names() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Folded syllables → syllables of every place name of two syllables or more."""
    names = [name for _, name in _place_rows()]
    out = {}
    for name in names:
        tokens = tuple(_TOKEN.findall(nfc(name)))
        if len(tokens) >= 2:
            out[tuple(fold(t) for t in tokens)] = tokens
    return out


def known_place_names(text: str) -> str:
    """Multi-syllable place names whose letters match a known one take its diacritics ('Bạch Đăng' → 'Bạch Đằng')."""
    matches = list(_TOKEN.finditer(text))
    known = _known_names()
    out, last, i = [], 0, 0
    while i < len(matches):
        for n in (4, 3, 2):
            group = matches[i:i + n]
            key = tuple(fold(m.group()) for m in group)
            if len(group) == n and key in known:
                for match, right in zip(group, known[key], strict=True):
                    # a proper name: the lexicon's capitals too ('Lê Văn lương' → 'Lê Văn Lương'), or all caps
                    upper = match.group().isupper() and len(match.group()) > 1
                    out += [text[last:match.start()], right.upper() if upper else right]
                    last = match.end()
                i += n
                break
        else:
            i += 1
    out.append(text[last:])
    return "".join(out)


def check_place(text: str) -> tuple[str, list[str]]:
    """An address: known place names spelled as known, every syllable a known name, place or address word.

    >>> check_place('203 đường Định Bộ Lĩnh, Phường 11, Quận Bình Thạnh')[0]
    '203 đường Đinh Bộ Lĩnh, Phường 11, Quận Bình Thạnh'
    """
    return _check(known_place_names(nfc(text)), ["place"], "place")
