"""Readings → text fields made canonical and checked → the certificate record with confidences and flags."""

from __future__ import annotations

import datetime as dt
import re

from landdb.landuse import all_names
from landdb.models import CertificateRecord, Change, LandUse, Owner, Parcel, Vertex
from landdb.vietnamese import fold, keep_case, number_to_words
from ocr.fields import ORGANISATION
from ocr.lexicon import case_differs, check_name, known_place_names, unconfirmed
from ocr.result import FieldReading
from ocr.vocab import (
    ORIGINS,
    USE_FORMS,
    VOCAB_CONFIDENCE,
    canonical_phrase,
    canonical_term,
    canonical_text,
    canonical_use_form,
    issuers,
)

__all__ = ["canonicalize", "apply_thresholds", "build_record", "canonical_change", "THRESHOLDS"]

Readings = dict[str, FieldReading]
# readings about a list as a whole (an item may be missing), not about one field
WHOLE_LISTS = ("vertices", "parcel.land_uses", "owners", "parcel", "changes")

# Below these confidences an unconfirmed field is flagged (calibrated on generated data, seed 101; bench/).
# Change entries had 0.65 (a long text's weakest word runs low) until their weak words were re-read one by one
# (ocr.reread.reread_words): now every word is ≥ 0.88, standard wording, or read twice alike.
THRESHOLDS = {"digits": 0.90, "text": 0.88, "name": 0.90, "change": 0.88, "default": 0.88}


def _kind(field: str) -> str:
    if re.fullmatch(r"changes\.\d+\.text", field):
        return "change"  # long multi-line text: its minimum word confidence runs lower
    if re.search(r"(parcel_no|sheet_no|area_m2|id_number|birth_year|\.x|\.y|edge_m|serial|register_no)$", field):
        return "digits"
    if field.endswith(".name") and field.startswith("owners"):
        return "name"
    return "text"


def _set(r: FieldReading | None, value: str, problems: list[str] | str | None, known: bool = False) -> None:
    """Store the canonical value; flag its problems; a value that is exactly a known phrase gains confidence."""
    if r is None or r.value is None:
        return
    r.value = value
    for problem in [problems] if isinstance(problems, str) else problems or []:
        r.flag(problem, confidence_cap=0.5)
    if known and not problems:
        r.confidence = max(r.confidence, VOCAB_CONFIDENCE)


def _pending(r: FieldReading, kind: str) -> None:
    """Syllables the lexicon does not know (but Vietnamese): the value stands only if a second reading agrees."""
    unknown = unconfirmed(r.value, kind) if r.value and not r.flagged else []
    cased = case_differs(r.value) if r.value and not r.flagged and kind == "place" else []
    reasons = []
    if unknown:
        reasons.append(f"{', '.join(repr(w) for w in unknown)}: not a known {kind} syllable")
    if cased:
        reasons.append(f"{', '.join(repr(w) for w in cased)}: capitals unlike the known place name's")
    if reasons:
        r.pending = f"{'; '.join(reasons)} and no second reading confirms it"
        r.confidence = min(r.confidence, 0.95)  # under VOCAB_CONFIDENCE: reread_text reads it again


def canonicalize(rs: Readings, issue_date: dt.date | None) -> None:
    """Names and places through the lexicon, closed vocabularies to their spelling, area words vs digits."""
    for key, r in rs.items():
        if r.value is None:
            continue
        if re.fullmatch(r"owners\.\d+\.name", key) and key.replace(".name", ".title") not in rs \
                and ORGANISATION.match(fold(r.value)):
            fixed, problems = canonical_text(r.value)  # an organisation ('Công ty …'): its words, not a person's
            _set(r, fixed, problems)
            _pending(r, "place")
        elif re.fullmatch(r"owners\.\d+\.name", key):
            fixed, problems = check_name(r.value)
            stray = "".join(re.findall(r"[^\w\s]|[\d_]", fixed))
            _set(r, fixed, [*problems, f"the name holds {stray!r}, not letters"] if stray else problems)
            _pending(r, "name")
        elif re.fullmatch(r"owners\.\d+\.address|parcel\.address|parcel\.origin", key):
            fixed, problems = canonical_text(r.value)
            _set(r, fixed, problems, known=fixed in ORIGINS)
            if not key.endswith("origin"):
                _pending(r, "place")
            elif fixed not in ORIGINS and not r.flagged:  # wording of the law: another one needs a second reading
                r.pending = "not a known wording of the land's origin and no second reading confirms it"
        elif key == "parcel.term":
            fixed, problem = canonical_term(r.value, issue_date)
            _set(r, fixed, problem, known=not re.search(r"\d", fixed))  # a date keeps its digits' confidence
        elif key == "parcel.use_form":
            fixed, problem = canonical_use_form(r.value)
            _set(r, fixed, problem, known=fixed in USE_FORMS)
        elif re.fullmatch(r"changes\.\d+\.text", key):
            _set(r, *canonical_change(r.value))
        elif key == "issuer":
            phrase = canonical_phrase(re.sub(r"^(TM|KT)\W+", "", r.value), issuers())
            _set(r, phrase or r.value, None, known=phrase is not None)
        elif re.fullmatch(r"parcel\.land_uses\.\d+\.name", key):
            code = rs.get(key.replace(".name", ".code"))
            if code is not None and code.value and not code.flagged and r.value in all_names():
                _set(r, r.value, None, known=True)
                _set(code, code.value, None, known=True)
    words, area = rs.get("parcel.area_words"), rs.get("parcel.area_m2")
    if words is not None and words.value and area is not None and area.value:
        expected = number_to_words(float(area.value))
        if fold(words.value).split() == fold(expected).split():
            # the digits read out by the printed rule: its spelling (OCR reads 'mét vuông' as 'mét VUÔNG' at times)
            words.value = expected


_PERSON = re.compile(r"((?:Ông|Bà|Ong|Ba)\s*:\s*)([^\W\d_][^\W\d_ ]*(?: [^\W\d_]+)*?)(?=\s*[,;]|$)")


# The standard wording of change entries (Thông tư 23/2014 and practice): their letters fix OCR's diacritics.
CHANGE_PHRASES = ["Chuyển nhượng cho", "Tặng cho", "Thừa kế", "Thế chấp bằng quyền sử dụng đất",
                  "Xóa thế chấp", "Đính chính thông tin người sử dụng đất", "cập nhật số", "theo hồ sơ số",
                  "theo hợp đồng số", "Ngân hàng", "Chi nhánh", "Đầu tư và Phát triển", "Nông nghiệp và Phát triển",
                  "Nông thôn", "Ngoại thương", "Công thương", "Việt Nam", "Thương mại cổ phần", "quyền sử dụng đất",
                  "tài sản gắn liền với đất", "Cấp đổi", "Chuyển mục đích sử dụng đất"]


def _phrases(text: str) -> str:
    from ocr.layout import fold_chars

    folded = fold_chars(text)
    for phrase in CHANGE_PHRASES:
        target = fold_chars(phrase)
        start = folded.find(target)
        while start >= 0:
            end = start + len(target)
            if (start == 0 or not folded[start - 1].isalnum()) and (end == len(folded) or not folded[end].isalnum()):
                piece = text[start:end]
                fixed = keep_case(piece, phrase)  # the wording's diacritics, the printed capitals
                text = text[:start] + fixed + text[end:]
            start = folded.find(target, end)
    return text


def _vietnamese_letter(ch: str) -> bool:
    """A Latin letter (with Vietnamese diacritics) or đ/Đ — not a look-alike such as Icelandic 'Ð'.

    >>> _vietnamese_letter('ệ'), _vietnamese_letter('Đ'), _vietnamese_letter('Ð')
    (True, True, False)
    """
    import unicodedata

    base = unicodedata.normalize("NFD", ch)[0]
    return ("a" <= base.lower() <= "z") or ch in "đĐ"


def canonical_change(text: str) -> tuple[str, list[str]]:
    """Standard wording by its letters; persons named ('Bà: NGUYỄN THU NHUNG') through the name lexicon.

    >>> canonical_change('Chuyến nhượng cho: Bà: NGUYÊN THU NHUNG, CCCD: 079143107865')
    ('Chuyển nhượng cho: Bà: NGUYỄN THU NHUNG, CCCD: 079143107865', [])
    """
    problems: list[str] = []
    text = known_place_names(_phrases(text))  # 'CN Tần Bình' → 'CN Tân Bình': the one known name with its letters
    foreign = "".join(sorted({ch for ch in text if ch.isalpha() and not _vietnamese_letter(ch)}))
    if foreign:
        problems.append(f"letters outside the Vietnamese alphabet: {foreign!r}")

    def fix(match: re.Match) -> str:
        name = match.group(2)
        if not name.isupper():
            return match.group(0)
        fixed, issues = check_name(name)
        problems.extend(issues)
        return match.group(1) + fixed

    return _PERSON.sub(fix, text), problems


def apply_thresholds(rs: Readings, thresholds: dict[str, float] | None = None,
                     degraded: dict[int, float] | None = None) -> None:
    """Flag every unflagged field whose confidence is under its kind's threshold.

    On a degraded scan (``degraded``: page → scan quality, :attr:`ocr.page.PageOCR.degraded`) a digit field also
    needs more than two OCR readings agreeing: a cross-check with another field or a third, differently made
    reading (two readings of a noisy scan can share a mistake); and no kind has a threshold under the text one.
    """
    thresholds = thresholds or THRESHOLDS
    degraded = degraded or {}
    for key, r in rs.items():
        if r.flagged:
            continue
        limit = thresholds.get(_kind(key), thresholds["default"])
        if r.page in degraded:  # long texts get no lower threshold on a degraded scan (calibrated, seed 101)
            limit = max(limit, thresholds["text"])
        if r.confidence < limit:
            r.flag(f"low OCR confidence ({r.confidence:.2f} < {limit:.2f})")
        elif r.pending and (r.page in degraded or not {"reread", "vote"} & set(r.confirmed)):
            r.flag(r.pending if r.page not in degraded else f"degraded scan: {r.pending}")
        elif r.page in degraded and _kind(key) == "name" and r.value and "reread2" not in r.confirmed:
            r.flag(f"degraded scan (quality {degraded[r.page]:.2f}): the name's diacritics need a third reading")
        elif (r.page in degraded and _kind(key) == "digits" and r.value is not None
              and not {"check", "reread2"} & set(r.confirmed)):
            r.flag(f"degraded scan (quality {degraded[r.page]:.2f}): no independent confirmation", confidence_cap=0.6)


def _value(rs: Readings, key: str) -> str | None:
    r = rs.get(key)
    return r.value if r is not None else None


def _float(rs: Readings, key: str) -> float | None:
    value = _value(rs, key)
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _count(rs: Readings, prefix: str, suffix: str) -> int:
    n = 0
    while f"{prefix}{n}{suffix}" in rs:
        n += 1
    return n


def _uses_cover_total(rs: Readings, n_uses: int, skip: int) -> bool:
    """The land uses other than ``skip``, each with a code and an area, add up to the printed total (confirmed
    by the sum check): the unreadable piece was no land use of its own (a stray line joined to the value)."""
    total = rs.get("parcel.area_m2")
    areas = [rs.get(f"parcel.land_uses.{i}.area_m2") for i in range(n_uses) if i != skip]
    if total is None or _float(rs, "parcel.area_m2") is None or not areas or any(
            a is None or a.value is None or "check" not in a.confirmed for a in areas):
        return False
    return abs(sum(float(a.value) for a in areas) - float(total.value)) < 0.05


def build_record(rs: Readings, form: str, source: str) -> CertificateRecord:
    """The record of the shared schema; unread values are null (their readings are flagged)."""
    owners = []
    for i in range(_count(rs, "owners.", ".name")):
        year = _value(rs, f"owners.{i}.birth_year")
        id_type = _value(rs, f"owners.{i}.id_type")
        owners.append(Owner(title=_value(rs, f"owners.{i}.title"), name=_value(rs, f"owners.{i}.name") or "",
                            birth_year=int(year) if year and year.isdigit() else None,
                            id_type=id_type if id_type in ("CCCD", "CMND", "CC") else None,
                            id_number=_value(rs, f"owners.{i}.id_number"),
                            address=_value(rs, f"owners.{i}.address")))
    if not owners:  # the whole list is for a person: every field of every owner
        rs["owners"] = missing = FieldReading("owners", None, None, 0.0)
        missing.flag("no owner (Ông/Bà …) found")
        owners.append(Owner(name=""))
    uses = []
    n_uses = _count(rs, "parcel.land_uses.", ".name")
    for i in range(n_uses):
        code = _value(rs, f"parcel.land_uses.{i}.code")
        if not code:  # not in the record: the whole land use is for a person to read
            rs[f"parcel.land_uses.{i}"] = lost = FieldReading(f"parcel.land_uses.{i}", None, None, 0.0)
            lost.flag(f"land use {i + 1} could not be read (no land-use code): it is not in the record")
            if not _uses_cover_total(rs, n_uses, skip=i):  # the others do not add up to the total: one is missing
                whole = rs.setdefault("parcel.land_uses", FieldReading("parcel.land_uses", None, None, 0.0))
                whole.flag(f"land use {i + 1} is not in the record (no land-use code read)")
            continue
        area = _float(rs, f"parcel.land_uses.{i}.area_m2")
        if area is None and n_uses == 1:
            area = _float(rs, "parcel.area_m2")  # one use covers the whole parcel
        uses.append(LandUse(code=code, name=_value(rs, f"parcel.land_uses.{i}.name"), area_m2=area))
    parcel = Parcel(parcel_no=_value(rs, "parcel.parcel_no"), sheet_no=_value(rs, "parcel.sheet_no"),
                    address=_value(rs, "parcel.address"), area_m2=_float(rs, "parcel.area_m2"),
                    area_words=_value(rs, "parcel.area_words"), use_form=_value(rs, "parcel.use_form"),
                    land_uses=uses, term=_value(rs, "parcel.term"), origin=_value(rs, "parcel.origin"))
    vertices = []
    for i in range(_count(rs, "vertices.", ".x")):
        vertices.append(Vertex(point=_value(rs, f"vertices.{i}.point") or str(i + 1),
                               x=_float(rs, f"vertices.{i}.x"), y=_float(rs, f"vertices.{i}.y"),
                               edge_m=_float(rs, f"vertices.{i}.edge_m")))
    changes = []
    for i in range(_count(rs, "changes.", ".text")):
        date = _value(rs, f"changes.{i}.date")
        changes.append(Change(text=_value(rs, f"changes.{i}.text") or "",
                              date=dt.date.fromisoformat(date) if date else None))
    issue = _value(rs, "issue_date")
    record = CertificateRecord(
        source=source, form=form, serial=_value(rs, "serial"), register_no=_value(rs, "register_no"),
        issue_date=dt.date.fromisoformat(issue) if issue else None, issuer=_value(rs, "issuer"),
        owners=owners, parcel=parcel, vertices=vertices, changes=changes,
        field_confidence={k: round(r.confidence, 4) for k, r in sorted(rs.items()) if k not in WHOLE_LISTS},
        flags=[{"field": r.field, "reason": r.flag_reason or "flagged"} for r in rs.values() if r.flagged])
    return record
