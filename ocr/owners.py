"""Owners (section I / 1 of page 1): one entry per owner line, and the list as a whole flagged when an owner may be
missing — the record never silently holds fewer owners than the paper.

An owner line opens with a title ('Ông', 'Bà', 'Ông (Bà)', 'Vợ/Chồng', 'Hộ ông', 'Hộ gia đình bà' …) or an
organisation's name ('Công ty …'); the birth year, the ID ('CCCD số', 'Số CMND', 'Mã số doanh nghiệp') and the
address ('Địa chỉ thường trú', 'Địa chỉ', 'Thường trú tại', 'Địa chỉ trụ sở') follow on the same or the next
lines. The list ``owners`` is flagged (:func:`owner_list_problems`) when details appear without an owner line,
when a line of the section is not understood, or when ink in the section has no words on it (a line the OCR
lost).
"""

from __future__ import annotations

import re

import numpy as np

from ocr.fields import (
    _BIRTH,
    _DATE_LINE,
    _ID,
    _ID_TYPES,
    _TITLE,
    _TITLES,
    ORGANISATION,
    _span_in,
    nearest_id_type,
    reading,
    value_after,
)
from ocr.layout import Line, Span, find_label
from ocr.normalize import clean_text, digits
from ocr.result import FieldReading

__all__ = ["extract_owners", "read_owners", "owner_list_problems", "ADDRESS_LABELS"]

# an owner's address as labelled on the forms of 2009–2025 (longer wordings first: 'Địa chỉ' is in the others)
ADDRESS_LABELS = ("Địa chỉ thường trú", "Thường trú tại", "Địa chỉ trụ sở", "Nơi thường trú", "Địa chỉ")
# the enterprise code's label, its number after it or (a long line wrapped) at the start of the next line
_BUSINESS_ID = re.compile(r"ma\s*so\s*(?:doanh\s*nghiep|thue)\s*[:;.]?\s*(?=\d|$)")
_NAME_STOPS = (",", ";", "nam sinh", "sinh nam", "cccd", "cmnd", " cc so", " so cmnd", " so cccd", "ma so")


def _title_key(folded: str) -> str:
    """'ong ( ba )' → 'ong (ba)', 'ho ong / ba' → 'ho ong/ba'."""
    key = re.sub(r"\s*/\s*", "/", " ".join(folded.lower().split()))
    return re.sub(r"\s*\)", ")", re.sub(r"\s*\(\s*", " (", key))


_SECTION = re.compile(r"^\W{0,2}(?:\d{1,2}|[ivx]{1,4})\s*[.)]\s+\w")


def _section_end(line: Line, started: bool) -> bool:
    """The parcel section ('Thửa đất số', '2. Thông tin thửa đất', however garbled), or any numbered section
    heading once an owner was read."""
    if "thua dat so" in line.folded or "thong tin thua dat" in line.folded:
        return True
    if find_label(line, "Thông tin thửa đất", min_score=80) or find_label(line, "Thửa đất số", min_score=84):
        return True
    return started and bool(_SECTION.match(line.folded))


def _address(lines: list[Line], index: int) -> tuple[object, int] | None:
    for label in ADDRESS_LABELS:
        found = value_after(lines, label, multiline=True, start_line=index, end_line=index + 1,
                            min_score=84 if len(label) > 8 else 92)
        if found:
            return found
    return None


def _parse(lines: list[Line], form: str, engine: str):
    """(owners, orphans, consumed line indices, index of the first line after the section)."""
    owners: list[dict[str, FieldReading]] = []
    current: dict[str, FieldReading] | None = None
    orphans: list[str] = []  # owner details with no owner line to belong to: an owner was not read
    consumed: set[int] = set()
    end = len(lines)
    for index, line in enumerate(lines):
        if _section_end(line, started=bool(owners)):
            end = index
            break  # the parcel section (or the next numbered section): owners are above it
        text_start = len(line.text) - len(line.text.lstrip())
        folded = line.folded[text_start:]
        match = _TITLE.match(folded)
        organisation = None if match else ORGANISATION.match(folded)
        business = _BUSINESS_ID.search(line.folded)
        details = _BIRTH.search(line.folded) or business or (
            _ID.search(line.folded) and not _DATE_LINE.search(line.folded))
        if details and not match and not organisation and (
                current is None or ("id_number" in current and (_ID.search(line.folded) or business))):
            orphans.append(clean_text(line.text))
        if match or organisation:
            i = len(owners)
            current = {}
            owners.append(current)
            consumed.add(index)
            if match:
                title_key = _title_key(match.group(1))
                current["title"] = reading(f"owners.{i}.title", line.span(text_start, text_start + match.end(1)),
                                           _TITLES.get(title_key), engine)
                name_start = text_start + match.end()
            else:
                name_start = text_start
            name_end = len(line.text)
            for stop in _NAME_STOPS:
                pos = line.folded.find(stop, name_start)
                if pos >= 0:
                    name_end = min(name_end, pos)
            span = _span_in(line, name_start, name_end)
            if organisation and name_end == len(line.text):
                tail = _wrapped_name(lines, index, end=len(lines))
                if tail is not None:  # a long company name wrapped onto the next line: one name
                    span = Span(f"{span.text} {tail.text}", span.words + tail.words, span.page)
                    consumed.add(index + 1)
            name = clean_text(span.text)
            current["name"] = reading(f"owners.{i}.name", span, name if re.search(r"[^\W\d_]", name) else None,
                                      engine)
            if organisation:
                current["kind"] = FieldReading(f"owners.{i}.kind", "organisation", None, 1.0)
        if current is None:
            continue
        if details:
            consumed.add(index)
        i = len(owners) - 1
        birth = _BIRTH.search(line.folded)
        if birth and "birth_year" not in current:
            span = line.span(birth.start(1), birth.end(1))
            year = int(birth.group(1))
            current["birth_year"] = reading(f"owners.{i}.birth_year", span,
                                            str(year) if 1880 <= year <= 2030 else None, engine)
        id_match = _ID.search(line.folded)
        if business and "id_number" not in current:
            number = re.match(r"[\d \-]{8,20}", line.text[business.end():])
            span = _span_in(line, business.end(), business.end() + number.end()) if number else \
                line.span(business.start(), business.end())
            if not number and index + 1 < len(lines) and _continues(line, lines[index + 1]):
                number = re.match(r"[\d \-]{8,20}", lines[index + 1].text)  # the code wrapped to the next line
                if number:
                    span = _span_in(lines[index + 1], 0, number.end())
                    consumed.add(index + 1)
            current["id_number"] = reading(f"owners.{i}.id_number", span, digits(number.group()) if number else None,
                                           engine)
        elif id_match and "id_number" not in current and not _BIRTH.match(line.folded, id_match.start()):
            rest = line.text[id_match.end():]
            number = re.match(r"[\d ]{6,20}", rest)
            stop = id_match.end() + (number.end() if number else 0)
            span = _span_in(line, id_match.end(), stop) if number else line.span(id_match.start(), id_match.end())
            value = digits(number.group()) if number else None
            group = 1 if id_match.group(1) else 2
            label = id_match.group(group).lower()
            kind = _ID_TYPES.get(label) or nearest_id_type(label)
            type_reading = reading(f"owners.{i}.id_type", line.span(id_match.start(group), id_match.end(group)),
                                   kind, engine)
            if kind is None or label not in _ID_TYPES:
                type_reading.raw_text = line.span(id_match.start(group), id_match.end(group)).text
                type_reading.confidence = min(type_reading.confidence, 0.5)  # a guess until a check vouches
            current["id_type"] = type_reading
            current["id_number"] = reading(f"owners.{i}.id_number", span, value, engine)
        if form == "GCN-2014":
            found = _address(lines, index)
            if found and "address" in current and index not in consumed:
                orphans.append(clean_text(lines[index].text))  # a second address: its owner's line was lost
            elif found and "address" not in current:
                span, last = found
                current["address"] = reading(f"owners.{i}.address", span, clean_text(span.text) or None, engine)
                consumed.update(range(index, last + 1))
    return owners, orphans, consumed, end


def _continues(line: Line, follow: Line) -> bool:
    """``follow`` is the next line of the same paragraph: right below, at most a line's height apart, and
    starting no further left than ``line`` by more than a line's height."""
    return 0 <= follow.top - line.bottom <= 1.2 * line.height and follow.left >= line.left - 2 * line.height


def _wrapped_name(lines: list[Line], index: int, end: int) -> Span | None:
    """The rest of an organisation's name wrapped onto the line after ``index``: that line's text up to its
    first stop (';', 'Mã số doanh nghiệp' …), when the line continues the paragraph and is neither an owner's
    line, a label nor a section heading; None otherwise (a name alone on its line, the code below it)."""
    if index + 1 >= end or not _continues(lines[index], lines[index + 1]):
        return None
    follow = lines[index + 1]
    if _TITLE.match(follow.folded) or ORGANISATION.match(follow.folded) or _section_end(follow, True) \
            or any(find_label(follow, label, min_score=92) for label in ADDRESS_LABELS):
        return None
    stop = min([follow.folded.find(key) for key in _NAME_STOPS if key in follow.folded]
               + [m.start() for m in [_BUSINESS_ID.search(follow.folded)] if m] + [len(follow.text)])
    tail = _span_in(follow, 0, stop)
    if not re.search(r"[^\W\d_]{2}", tail.text) or not tail.text.isupper():
        return None  # no word, or not the capitals a name is printed in
    return tail


def extract_owners(lines: list[Line], form: str, engine: str) -> list[dict[str, FieldReading]]:
    """Owners: a line opening with a title or an organisation's name starts one; name, birth year, ID, address
    follow. Details without an owner line flag every owner's fields (see :func:`read_owners` for the list)."""
    owners, orphans, _, _ = _parse(lines, form, engine)
    _finish(owners, orphans, form, engine)
    return owners


def _finish(owners: list[dict[str, FieldReading]], orphans: list[str], form: str, engine: str) -> None:
    for i, owner in enumerate(owners):
        organisation = owner.pop("kind", None) is not None
        expected = ["id_number"] if organisation else ["id_type", "id_number"]
        if form == "GCN-2014":
            expected += ["address"] if organisation else ["birth_year", "address"]
        for key in expected:
            owner.setdefault(key, reading(f"owners.{i}.{key}", None, None, engine))
        if orphans:
            for r in owner.values():
                r.flag(f"an owner line could not be read; details without an owner: {orphans[0]!r}",
                       confidence_cap=0.5)


def owner_list_problems(lines: list[Line], orphans: list[str], consumed: set[int], end: int,
                        gray: np.ndarray | None = None) -> list[str]:
    """Why the list of owners may be short of an owner (empty when nothing says so).

    - details (birth year, ID, a second address) without an owner line;
    - a line inside the section (between the first and the last owner line read, or right after the last one)
      that is none of an owner's lines;
    - ink inside the section that no word lies on (``gray``: the page's text layer).
    """
    problems = []
    if orphans:
        problems.append(f"details without an owner line ({orphans[0]!r}): an owner may be missing")
    if not consumed:
        return problems
    first, last = min(consumed), max(consumed)
    stray = [lines[i] for i in range(first, min(end, last + 2)) if i not in consumed
             and sum(ch.isalpha() for ch in lines[i].text) >= 4 and not _header(lines[i])]
    if stray:
        problems.append(f"a line of the owners' section is none of an owner's lines ({clean_text(stray[0].text)!r})"
                        ": an owner may be missing")
    if gray is not None:
        from ocr.changes import unread_lines

        section = [lines[i] for i in sorted(consumed)]
        top = lines[first - 1].bottom + 2 if first > 0 else max(0, section[0].top - 2 * round(section[0].height))
        height = round(section[-1].height)
        bottom = lines[end].top - 2 if end < len(lines) else min(gray.shape[0] - 1, section[-1].bottom + 4 * height)
        left = max(0, min(ln.left for ln in section) - height)
        right = min(gray.shape[1], max(ln.right for ln in section) + height)
        words = [w for ln in lines for w in ln.words]
        lost = unread_lines(gray, (left, top, right - left, bottom - top), words, inset=4)
        if lost:
            problems.append(f"{len(lost)} line(s) of ink in the owners' section were not read (y="
                            f"{', '.join(str(t) for t, _ in lost)}): an owner may be missing")
    return problems


def _header(line: Line) -> bool:
    return any(key in line.folded for key in ("nguoi su dung dat", "chu so huu", "gan lien voi dat"))


def read_owners(page, form: str, engine: str) -> dict[str, FieldReading]:
    """The owners' readings of a page (:class:`ocr.page.PageOCR`) by field path, and ``owners`` flagged as a whole
    when an owner may be missing."""
    owners, orphans, consumed, end = _parse(page.lines, form, engine)
    _finish(owners, orphans, form, engine)
    out = {f"owners.{i}.{k}": r for i, owner in enumerate(owners) for k, r in owner.items()}
    problems = owner_list_problems(page.lines, orphans, consumed, end, page.gray)
    if problems:
        whole = FieldReading("owners", None, None, 0.0, page=page.index, engine=engine)
        whole.flag("; ".join(problems))
        out["owners"] = whole
    return out
