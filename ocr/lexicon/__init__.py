"""A Vietnamese lexicon for names and places: every syllable of an owner's name or an address should be a
known syllable, and the name's first syllable a known surname.

Data (``*.csv`` here, written for landdb from public knowledge of Vietnamese names and of HCMC's districts,
wards and streets — not from the sample generator): ``surnames.csv``, ``name_syllables.csv``,
``hcmc_places.csv`` (kind,name), ``words.csv`` (address and land-register words).

A syllable that OCR got wrong only in its diacritics is corrected when exactly one known syllable folds to
the same letters; otherwise it is reported.

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
from functools import cache
from pathlib import Path

from landdb.vietnamese import fold, nfc

__all__ = ["check_name", "check_place", "syllables", "places"]

_DIR = Path(__file__).parent
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def _lines(name: str) -> list[str]:
    with (_DIR / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if rows and rows[0] == ["kind", "name"]:
        return [row[1] for row in rows[1:] if len(row) > 1]
    return [row[0] for row in rows if row]


@cache
def places(kind: str) -> tuple[str, ...]:
    """Place names of one kind in ``hcmc_places.csv`` (city, district, ward, commune, town, street)."""
    with (_DIR / "hcmc_places.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(row["name"] for row in csv.DictReader(handle) if row["kind"] == kind)


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
    return frozenset(names | _split(_lines("hcmc_places.csv")) | _split(_lines("words.csv")))


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


def _check_token(token: str, kind: str, what: str) -> tuple[str, str | None]:
    lower = nfc(token).lower()
    if lower in syllables(kind):
        return token, None
    candidates = _by_fold(kind).get(fold(lower), ())
    if len(candidates) == 1:
        return _recase(candidates[0], token), None
    if candidates:
        return token, f"{token!r} is not a known {what}; it could be {' / '.join(candidates)}"
    return token, f"{token!r} is not a known syllable of a Vietnamese {what}"


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
    with (_DIR / "hcmc_places.csv").open(encoding="utf-8", newline="") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    out = {}
    for name in names:
        tokens = tuple(_TOKEN.findall(nfc(name)))
        if len(tokens) >= 2:
            out[tuple(fold(t) for t in tokens)] = tokens
    return out


def _known_phrases(text: str) -> str:
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
    return _check(_known_phrases(nfc(text)), ["place"], "place")
