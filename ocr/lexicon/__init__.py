"""A Vietnamese lexicon for names and places: every syllable of an owner's name or an address should be a
known syllable, and the name's first syllable a known surname.

Data (``*.csv`` here, written for landdb from public knowledge of Vietnamese names and of HCMC's districts,
wards and streets — not from the sample generator): ``surnames.csv``, ``name_syllables.csv``,
``hcmc_places.csv`` (kind,name), ``vn_provinces.csv`` (the provinces and their cities, for owners living
elsewhere), ``words.csv`` (address and land-register words).

A syllable that OCR got wrong only in its diacritics is corrected when exactly one known syllable folds to
the same letters and the syllable as read is no Vietnamese syllable at all (or is a surname, a closed list);
a real syllable the lexicon lacks ('BẢNG' beside the known 'bằng') is never "corrected" into a known name.
A syllable this lexicon does not know but that is a Vietnamese syllable (Debian's hunspell-vi word list, 6,600
syllables) is not a problem: it is *unconfirmed* (:func:`unconfirmed`), and the field needs a second OCR
reading that agrees (never enough on a degraded scan) — the check exists to catch OCR's diacritic errors, not
people nobody listed. Tone marks placed the old way or the new way ('hoà'/'hòa', 'thuỷ'/'thủy') count as the
same syllable (:func:`landdb.vietnamese.tone_style`). Capitals are never changed: the lexicon gives diacritics
only (:func:`landdb.vietnamese.keep_case`).

Sources and licences of the data files: ``README.md`` here. A fixed quarter of the given-name lists is held out
(:func:`held_out`) for the generator's 'unseen' style.

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

from landdb.vietnamese import fold, keep_case, nfc, tone_style

__all__ = ["tone_style", "check_name", "check_place", "syllables", "places", "unconfirmed", "vietnamese_syllables",
           "known_place_names", "case_differs", "held_out", "unseen_given_names", "HUNSPELL_VI"]

_DIR = Path(__file__).parent
_TOKEN = re.compile(r"(?<![\d/])[^\W\d_]+", re.UNICODE)  # letters right after a digit: a house number's ('219C')
HUNSPELL_VI = Path("/usr/share/hunspell/vi_VN.dic")  # Debian package hunspell-vi (make setup installs it)
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
    """Place names of one kind (city, district, ward, commune, town, street, province of this folder's files;
    'former ward', 'former district', 'former province' of the administrative units)."""
    return tuple(name for k, name in _place_rows() if k == kind)


PLACE_FILES = ("hcmc_places.csv", "vn_provinces.csv")


@cache
def _place_rows() -> tuple[tuple[str, str], ...]:
    """Places of this folder's files and every administrative unit of today's and former HCMC, Bình Dương and
    Bà Rịa–Vũng Tàu (``landdb.addresses``: one source for the units)."""
    from landdb.addresses import unit_names

    rows = []
    for name in PLACE_FILES:
        with (_DIR / name).open(encoding="utf-8", newline="") as handle:
            rows += [(row["kind"], row["name"]) for row in csv.DictReader(handle)]
    return tuple(rows + [(kind if kind.startswith("former") else f"unit {kind}", name) for kind, name in unit_names()])


@cache
def held_out(name: str) -> bool:
    """Whether a name syllable of the name lists is held out of the lexicon: a fixed quarter (by a hash of its
    folded letters), kept for the generator's 'unseen' style to measure on names the lexicon lacks.

    >>> held_out('Khuê') == held_out('KHUÊ')
    True
    """
    import hashlib

    return hashlib.sha256(fold(name).encode()).digest()[0] % 4 == 0


@cache
def _given_names() -> tuple[str, ...]:
    with (_DIR / "given_names.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(nfc(row["name"]) for row in csv.DictReader(handle))


def unseen_given_names() -> list[str]:
    """Name syllables of the lists here that the lexicon does not know (held out, in no other list, and Vietnamese
    syllables of hunspell-vi): what the 'unseen' style draws its given and middle names from."""
    pool = {nfc(n) for n in [*_lines("name_syllables.csv"), *_given_names()] if held_out(n) and " " not in n}
    return sorted(n for n in pool if tone_style(n.lower()) not in _styled("name")
                  and tone_style(n.lower()) in vietnamese_syllables())


def _split(entries: list[str]) -> set[str]:
    return {nfc(tok).lower() for entry in entries for tok in _TOKEN.findall(entry)}


@cache
def syllables(kind: str) -> frozenset[str]:
    """Known syllables (NFC, lower case) of ``surname``, ``name`` or ``place``."""
    if kind == "surname":
        return frozenset(_split(_lines("surnames.csv")))
    names = _split([n for n in [*_lines("name_syllables.csv"), *_given_names()] if not held_out(n)]) | \
        _split(_lines("surnames.csv"))
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
    return keep_case(like, word)  # the diacritics of the lexicon, the capitals as printed


def _known(lower: str, kind: str) -> bool:
    return tone_style(lower) in _styled(kind)


@cache
def _styled(kind: str) -> frozenset[str]:
    return frozenset(tone_style(s) for s in syllables(kind))


def _check_token(token: str, kind: str, what: str) -> tuple[str, str | None]:
    lower = nfc(token).lower()
    if _known(lower, kind):
        return token, None
    candidates = tuple({tone_style(c): c for c in _by_fold(kind).get(fold(lower), ())}.values())  # 'thùy' = 'thuỳ'
    vietnamese = tone_style(lower) in vietnamese_syllables()
    if len(candidates) == 1 and (kind == "surname" or not vietnamese):
        return _recase(candidates[0], token), None  # surnames are a closed list; other letters are no syllable
    if vietnamese and kind != "surname":
        # a real syllable the lexicon lacks ('BẢNG' beside the known 'bằng', a name nobody listed): unconfirmed
        # (see unconfirmed()) — it stands when a second reading agrees; the list catches OCR's slips, not people
        return token, None
    if candidates:  # several spellings fit: a person decides
        return token, f"{token!r} is not a known {what}; it could be {' / '.join(candidates)}"
    if vietnamese:
        return token, None  # an unlisted surname that is a Vietnamese syllable: unconfirmed as well
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
    """Multi-syllable place names whose letters match a known one take its diacritics ('Bạch Đăng' → 'Bạch Đằng'),
    never its capitals: each letter keeps the case it was printed in.

    >>> known_place_names('Quốc lộ 1A, Bạch Đăng'), known_place_names('BẠCH ĐĂNG')
    ('Quốc lộ 1A, Bạch Đằng', 'BẠCH ĐẰNG')
    """
    matches = list(_TOKEN.finditer(text))
    known = _known_names()
    out, last, i = [], 0, 0
    while i < len(matches):
        for n in (4, 3, 2):
            group = matches[i:i + n]
            key = tuple(fold(m.group()) for m in group)
            if len(group) == n and key in known:
                for match, right in zip(group, known[key], strict=True):
                    # the lexicon's diacritics, the printed capitals: 'Quốc lộ' stays lower-case
                    out += [text[last:match.start()], keep_case(match.group(), right)]
                    last = match.end()
                i += n
                break
        else:
            i += 1
    out.append(text[last:])
    return "".join(out)


def case_differs(text: str) -> list[str]:
    """Words of known multi-syllable place names whose capitals differ from the name as listed ('Lê Văn lương'):
    kept as printed, and the field needs a second reading that agrees (a lower-case 'l' may be a misread 'L';
    a printed 'Quốc lộ' is lower-case on purpose).

    >>> case_differs('400/8 Lê Văn lương, Quận 7'), case_differs('Lê Văn Lương'), case_differs('LÊ VĂN LƯƠNG')
    (['lương'], [], [])
    """
    matches = list(_TOKEN.finditer(nfc(text)))
    known = _known_names()
    out, i = [], 0
    while i < len(matches):
        for n in (4, 3, 2):
            group = matches[i:i + n]
            key = tuple(fold(m.group()) for m in group)
            if len(group) == n and key in known:
                words = [m.group() for m in group]
                if not all(w.isupper() for w in words):
                    out += [w for w, right in zip(words, known[key], strict=True)
                            if w[:1].isupper() != right[:1].isupper()]
                i += n
                break
        else:
            i += 1
    return out


def check_place(text: str) -> tuple[str, list[str]]:
    """An address: known place names spelled as known, every syllable a known name, place or address word.

    >>> check_place('203 đường Định Bộ Lĩnh, Phường 11, Quận Bình Thạnh')[0]
    '203 đường Đinh Bộ Lĩnh, Phường 11, Quận Bình Thạnh'
    """
    return _check(known_place_names(nfc(text)), ["place"], "place")
