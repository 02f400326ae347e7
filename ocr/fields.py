"""Label-anchored field extraction: find the printed labels in the OCR lines, cut the values that follow.

Pure logic over :class:`~ocr.layout.Line` objects (recorded OCR output works as well as live output).
Each field becomes a :class:`~ocr.result.FieldReading` with the raw text, a normalized value, the minimum word
confidence and its box; values that do not normalize are kept as raw text with value None and a flag.
"""

from __future__ import annotations

import re

from landdb.vietnamese import fold
from ocr.layout import Line, Span, find_label, fold_chars
from ocr.normalize import clean_text, parse_area, parse_date, parse_int_token, parse_register_no
from ocr.result import FieldReading

__all__ = ["LABELS", "value_after", "extract_parcel", "extract_signing", "extract_register",
           "reading"]

# Labels that may follow a value on the same line: a value ends where one begins.
STOPS = ["tờ bản đồ số", "bằng chữ", "năm sinh", "CCCD số", "CMND số", "Địa chỉ thường trú", "Thường trú tại",
         "Nơi thường trú", "Địa chỉ trụ sở", "Mã số doanh nghiệp"]
# Labels that open a line: a line holding one is never the continuation of the value above.
LABELS = ["Thửa đất số", "tờ bản đồ số", "Địa chỉ thường trú", "Thường trú tại", "Nơi thường trú", "Địa chỉ trụ sở",
          "Địa chỉ",
          "Mã số doanh nghiệp", "Diện tích", "bằng chữ",
          "Hình thức sử dụng", "Mục đích sử dụng", "Loại đất", "Thời hạn sử dụng", "Nguồn gốc sử dụng",
          "năm sinh", "CCCD số", "CMND số", "Số vào sổ cấp", "Công trình xây dựng khác",
          "Ghi chú", "Thông tin tài sản", "Người sử dụng đất", "Nhà ở", "Rừng sản xuất là rừng trồng",
          "Cây lâu năm", "Tài sản gắn liền với đất"]  # the 2014 form's section II lines after the origin
_ITEM_PREFIX = re.compile(r"^\s*(?:[a-gđ]\s*[).]|\d\s*[.)]|[ivx]+\s*\.)\s*", re.IGNORECASE)
# What opens an owner's line, on folded text, as printed across the 2009–2025 forms: a person's title ('Ông',
# 'Bà', 'Ông (Bà)', 'Vợ/Chồng' …), a household ('Hộ ông', 'Hộ gia đình bà' …) or an organisation ('Công ty …').
_TITLE = re.compile(r"^\W*(ho\s+gia\s+dinh(?:\s+(?:ong|ba))?|ho\s+ong\s*/\s*ba|ho\s+ong|ho\s+ba|ong\s*\(\s*ba\s*\)"
                    r"|vo\s*/\s*chong|vo|chong|ong|ba)\s*[:;]", re.IGNORECASE)
_TITLES = {"ho gia dinh": "Hộ gia đình", "ho gia dinh ong": "Hộ gia đình ông", "ho gia dinh ba": "Hộ gia đình bà",
           "ho ong/ba": "Hộ ông/bà", "ho ong": "Hộ ông", "ho ba": "Hộ bà", "ong (ba)": "Ông (Bà)",
           "vo/chong": "Vợ/Chồng", "vo": "Vợ", "chong": "Chồng", "ong": "Ông", "ba": "Bà"}
ORGANISATION = re.compile(r"^\W*(cong\s+ty|doanh\s+nghiep|to\s+chuc)\b", re.IGNORECASE)
# 'CCCD số: 0790…' (label garbled or not) or 'Số CMND: 0234…'
_ID = re.compile(r"(?:\bs[o0]\s*(cccd|cmnd|cc)|(?<!\w)([cœ]\S{1,7})\s*s[o0])\s*[:;.]?\s*(?=\d)", re.IGNORECASE)
_ID_TYPES = {"cccd": "CCCD", "cmnd": "CMND", "cc": "CC"}


def nearest_id_type(label: str) -> str | None:
    """The ID type a garbled label is closest to (edit distance ≤ 2, the next type further), else None.
    Its reading keeps the garbled label's low confidence: only the number's own check (CCCD vs title and birth
    year) can vouch for it.

    >>> nearest_id_type('cœcd'), nearest_id_type('ccœccd'), nearest_id_type('cmmd'), nearest_id_type('cxd')
    ('CCCD', 'CCCD', 'CMND', None)
    """
    from rapidfuzz.distance import Levenshtein

    ranked = sorted((Levenshtein.distance(label.lower(), key), kind) for key, kind in _ID_TYPES.items())
    (best, kind), (second, _) = ranked[0], ranked[1]
    return kind if best <= 2 and second > best else None


_BIRTH = re.compile(r"(?:nam\s*sinh|sinh\s*nam)\s*[:;.]?\s*(\d{4})\b")


def reading(field: str, span: Span | None, value: str | None, engine: str, conf: float | None = None) -> FieldReading:
    """A FieldReading from a span of text; a missing value is flagged, never guessed."""
    if span is None:
        r = FieldReading(field, None, None, 0.0, engine=engine)
        r.flag("not found on the page")
        return r
    bbox = span.bbox
    r = FieldReading(field, value, clean_text(span.text), span.confidence if conf is None else conf,
                     page=span.page, bbox=bbox, engine=engine)
    if value is None:
        r.flag(f"cannot read a value from {clean_text(span.text)!r}", confidence_cap=0.3)
    return r


def digit_confidence(span: Span) -> float:
    """The confidence of the words holding digits (letters are checked against a vocabulary instead)."""
    words = [w for w in span.words if any(ch.isdigit() for ch in w.text) and not w.text.lower().startswith("m")]
    return min((w.conf for w in words), default=span.confidence)


def _next_label_start(line: Line, after: int, exclude: str) -> int:
    end = len(line.text)
    for label in STOPS:
        if fold_chars(label) == fold_chars(exclude):
            continue
        found = find_label(line, label, min_score=90, start=after)
        if found and found[0] < end and found[0] >= after:
            end = found[0]
    return end


def _has_label(line: Line) -> bool:
    if _TITLE.match(line.folded) or ORGANISATION.match(line.folded) or _ITEM_PREFIX.match(line.text):
        return True
    head = len(line.text) * 0.4
    return any((found := find_label(line, label, min_score=90)) and found[0] <= head for label in LABELS)


# words some forms add to a label before its colon ('Thời hạn sử dụng đất:', 'Diện tích sử dụng:')
_LABEL_TAIL = re.compile(r"((?:\s*su\s*dung)?(?:\s*dat)?)\s*:")


def value_after_any(lines: list[Line], labels: tuple[str, ...], **kwargs) -> tuple[Span, int] | None:
    """:func:`value_after` of the first of ``labels`` (wordings of one label, the usual one first) found."""
    for label in labels:
        found = value_after(lines, label, **kwargs)
        if found:
            return found
    return None


def value_after(lines: list[Line], label: str, *, multiline: bool = False, min_score: float = 84.0,
                start_line: int = 0, end_line: int | None = None) -> tuple[Span, int] | None:
    """The text after ``label`` up to the next label (continuation lines joined when ``multiline``)."""
    best: tuple[float, int, tuple[int, int, float]] | None = None
    for index in range(start_line, len(lines) if end_line is None else end_line):
        found = find_label(lines[index], label, min_score=min_score)
        if found and (best is None or found[2] > best[0]):
            best = (found[2], index, found)
            if found[2] == 100.0:
                break
    if best is None:
        return None
    _, index, (_, label_end, _) = best
    line = lines[index]
    tail = _LABEL_TAIL.match(line.folded, label_end)  # 'Mục đích sử dụng đất:', 'Diện tích sử dụng:'
    if tail:
        label_end = tail.end(1)
    stop = _next_label_start(line, label_end, label)
    start = label_end
    while start < stop and line.text[start] in " :;.,)":
        start += 1
    span = line.span(start, stop)
    if multiline and stop == len(line.text):
        for follow in lines[index + 1:index + 4]:
            gap = follow.top - lines[index].bottom
            if gap > 1.2 * line.height or _has_label(follow) or follow.left < line.left - 2 * line.height:
                break
            span = Span(f"{span.text} {follow.text}", span.words + follow.words, span.page)
            index += 1
    return span, index


def _span_in(line: Line, start: int, end: int) -> Span:
    while start < end and line.text[start] in " :;.,":
        start += 1
    while end > start and line.text[end - 1] in " :;.,":
        end -= 1
    return line.span(start, end)


def _land_uses(span: Span, engine: str, issue_date) -> list[dict[str, FieldReading]]:
    from ocr.vocab import land_use_code

    uses: list[dict[str, FieldReading]] = []
    parts = [p for p in re.split(r";", span.text) if p.strip()]
    offset = 0
    for part in parts:
        start = span.text.find(part, offset)
        offset = start + len(part)
        words = _words_between(span, start, start + len(part))
        i = len(uses)
        sub = Span(part, words, span.page)
        area_match = re.search(r"(\d[\d.]*,\d{1,2}|\d+)\s*m", part)
        name_text = part[: area_match.start()] if area_match else part
        printed_code = re.search(r"\(([A-ZĐ]{2,3})\)", name_text)
        name_text = re.sub(r"\([^)]*\)", "", name_text)
        name_text = clean_text(name_text)
        name, code, problem = land_use_code(name_text, printed_code.group(1) if printed_code else None, issue_date)
        entry = {"name": reading(f"parcel.land_uses.{i}.name", sub, name, engine),
                 "code": reading(f"parcel.land_uses.{i}.code", sub, code, engine)}
        if problem:
            entry["code"].flag(problem, confidence_cap=0.4)
        if area_match:
            entry["area_m2"] = reading(f"parcel.land_uses.{i}.area_m2", sub, _area_str(area_match.group(1)), engine,
                                       conf=digit_confidence(sub))
        uses.append(entry)
    return uses


def _words_between(span: Span, start: int, end: int) -> list:
    # words whose text lies in [start, end) of the span text (positions by cumulative length)
    out, pos = [], 0
    for word in span.words:
        found = span.text.find(word.text, pos)
        if found < 0:
            continue
        pos = found + len(word.text)
        if found >= start and pos <= end + 1:
            out.append(word)
    return out or span.words


def _area_str(text: str) -> str | None:
    value = parse_area(text)
    return None if value is None else f"{value:g}"


def extract_parcel(lines: list[Line], form: str, engine: str, issue_date=None) -> dict[str, FieldReading]:
    """Parcel no., sheet no., address, area (digits and words), use form, land uses, term, origin."""
    out: dict[str, FieldReading] = {}
    found = value_after(lines, "Thửa đất số")
    out["parcel.parcel_no"] = reading("parcel.parcel_no", found and found[0],
                                      found and parse_int_token(found[0].text), engine)
    found = value_after(lines, "tờ bản đồ số")
    out["parcel.sheet_no"] = reading("parcel.sheet_no", found and found[0],
                                     found and parse_int_token(found[0].text), engine)
    found = value_after(lines, "Địa chỉ", multiline=True, min_score=95)
    out["parcel.address"] = reading("parcel.address", found and found[0],
                                    found and clean_text(found[0].text) or None, engine)
    found = value_after(lines, "Diện tích")
    if found:
        text = re.split(r"[(]", found[0].text)[0]
        number = [w for w in _words_between(found[0], 0, len(text)) if re.search(r"\d", w.text)
                  and not w.text.lower().startswith("m")]
        area_span = Span(text, number or found[0].words, found[0].page)
        out["parcel.area_m2"] = reading("parcel.area_m2", area_span, _area_str(clean_text(text)), engine)
    else:
        out["parcel.area_m2"] = reading("parcel.area_m2", None, None, engine)
    found = value_after(lines, "bằng chữ", multiline=True)
    if found:
        words_text = clean_text(re.split(r"\)", found[0].text)[0])
        out["parcel.area_words"] = reading("parcel.area_words", found[0], words_text or None, engine)
    else:
        out["parcel.area_words"] = reading("parcel.area_words", None, None, engine)
    found = value_after(lines, "Hình thức sử dụng", multiline=True)
    out["parcel.use_form"] = reading("parcel.use_form", found and found[0],
                                     found and clean_text(found[0].text) or None, engine,
                                     conf=found and digit_confidence(found[0]))
    labels = ("Loại đất", "Mục đích sử dụng") if form == "GCN-2024" else ("Mục đích sử dụng", "Loại đất")
    found = value_after_any(lines, labels, multiline=True)
    if found:
        for i, use in enumerate(_land_uses(found[0], engine, issue_date)):
            for key, r in use.items():
                out[f"parcel.land_uses.{i}.{key}"] = r
    else:
        out["parcel.land_uses.0.code"] = reading("parcel.land_uses.0.code", None, None, engine)
    found = value_after_any(lines, ("Thời hạn sử dụng", "Thời hạn"), multiline=True)
    # letters are checked against the vocabulary of terms; the date's digits keep their own confidence
    out["parcel.term"] = reading("parcel.term", found and found[0], found and clean_text(found[0].text) or None,
                                 engine, conf=found and digit_confidence(found[0]))
    if form == "GCN-2014":
        found = value_after(lines, "Nguồn gốc sử dụng", multiline=True)
        out["parcel.origin"] = reading("parcel.origin", found and found[0],
                                       found and clean_text(found[0].text) or None, engine)
    return out


_DATE_LINE = re.compile(r"ngay\s*\d{1,2}\s*thang\s*\d{1,2}\s*nam\s*\d{1,4}")  # a year cut short too


def extract_signing(lines: list[Line], engine: str) -> dict[str, FieldReading]:
    """Issue date from the place-and-date line, issuer from the upper-case line(s) under it."""
    out: dict[str, FieldReading] = {}
    for index, line in enumerate(lines):
        match = _DATE_LINE.search(line.folded)
        if not match:
            continue
        span = line.span(match.start(), match.end())
        date = parse_date(line.folded[match.start():match.end()])
        out["issue_date"] = reading("issue_date", span, date.isoformat() if date else None, engine)
        below = [ln for ln in lines[index + 1:index + 4]
                 if ln.top > line.bottom and ln.top - line.bottom < 6 * line.height]
        for follow in below:
            text = clean_text(follow.text)
            letters = [c for c in text if c.isalpha()]
            if len(letters) < 6 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
                continue
            issuer = re.sub(r"^(TM|KT)\s*\.\s*", "", text)
            out["issuer"] = reading("issuer", Span(follow.text, follow.words, follow.page), issuer, engine)
            break
        break
    return out


def extract_register(lines: list[Line], engine: str) -> FieldReading | None:
    """Số vào sổ cấp GCN / Giấy chứng nhận: the code after the label."""
    for label in ("Số vào sổ cấp Giấy chứng nhận", "Số vào sổ cấp GCN", "Số vào sổ"):
        found = value_after(lines, label)
        if found:
            span = found[0]
            return reading("register_no", span, parse_register_no(span.text.replace(" ", "")), engine)
    return None


def same_letters(a: str, b: str) -> bool:
    """Equal after folding and removing spaces (diacritics and case aside).

    >>> same_letters('Lâu dài', 'lau dai')
    True
    """
    return fold(a).replace(" ", "") == fold(b).replace(" ", "")
