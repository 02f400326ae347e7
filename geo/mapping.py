"""Which column of a cadastral map layer holds which parcel field, and legacy-text decoding.

Defaults cover the common Vietnamese names (``to_ban_do``, ``thua``, ``dien_tich``,
``mdsd…``, ``loai_dat``, ``dia_chi``) and INSPIRE ``CadastralParcel`` (``localId``,
``areaValue``). A ``mapping.toml`` overrides them::

    encoding = "tcvn3"              # attribute text is TCVN3 (ABC), not Unicode
    land_use_date = "2003-01-01"    # which land-use catalogue the codes belong to
    [columns]                       # field = column name in the layer
    sheet_no = "SHBANDO"
    parcel_no = "SHTHUA"
    [constants]                     # field = one value for every feature
    commune = "00619"

>>> from_tcvn3("Th«n §«ng Kh£")
'Thôn Đông KhÊ'
>>> from_tcvn3("B¶n ®å ®Þa chÝnh")
'Bản đồ địa chính'
>>> resolve_mapping(["to_ban_do", "thua", "dien_tich", "mdsd2003", "loai_dat"]).columns["land_use"]
'mdsd2003'
>>> parse_number("360,1"), parse_number("1.234,5"), parse_number("abc")
(360.1, 1234.5, None)
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from landdb.errors import InputFileError

__all__ = ["FIELDS", "ResolvedMapping", "from_tcvn3", "looks_tcvn3", "load_mapping", "parse_number",
           "resolve_mapping"]

# field -> candidate column names (case-insensitive, shell patterns), in priority order
DEFAULT_CANDIDATES: dict[str, list[str]] = {
    "commune": ["ma_xa", "maxa", "ma_dvhc", "madvhc", "commune_code"],
    "sheet_no": ["to_ban_do", "tobando", "so_to", "soto", "shbando", "sohieutobando", "sheet_no", "sheet"],
    "parcel_no": ["thua", "so_thua", "sothua", "shthua", "sothututhua", "parcel_no", "localid", "inspireid_localid",
                  "label"],
    "declared_area": ["dien_tich", "dientich", "dt", "area", "areavalue"],
    "legal_area": ["dien_tich_phap_ly", "dientichphaply", "dtpl"],
    "address": ["dia_chi", "diachi", "address"],
    "land_use": ["mdsd*", "ma_mdsd", "loai_dat", "loaidat", "kh_loai_dat"],
    "name": ["ten", "ten_duong", "ten_kenh", "ten_song", "name"],  # of a road or water feature (geo/reference.py)
}
FIELDS = tuple(DEFAULT_CANDIDATES)

# TCVN3 (TCVN 5712:1993 "ABC", .VnTime fonts) byte -> Unicode. Capitals with tone marks share
# bytes with the lower-case letters (they differ by font, .VnTimeH), so they decode lower case.
_TCVN3 = {
    "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ",
    "¨": "ă", "©": "â", "ª": "ê", "«": "ô", "¬": "ơ", "\xad": "ư", "®": "đ",
    "µ": "à", "¸": "á", "¶": "ả", "·": "ã", "¹": "ạ",
    "»": "ằ", "¾": "ắ", "¼": "ẳ", "½": "ẵ", "Æ": "ặ",
    "Ç": "ầ", "Ê": "ấ", "È": "ẩ", "É": "ẫ", "Ë": "ậ",
    "Ì": "è", "Ð": "é", "Î": "ẻ", "Ï": "ẽ", "Ñ": "ẹ",
    "Ò": "ề", "Õ": "ế", "Ó": "ể", "Ô": "ễ", "Ö": "ệ",
    "×": "ì", "Ý": "í", "Ø": "ỉ", "Ü": "ĩ", "Þ": "ị",
    "ß": "ò", "ã": "ó", "á": "ỏ", "â": "õ", "ä": "ọ",
    "å": "ồ", "è": "ố", "æ": "ổ", "ç": "ỗ", "é": "ộ",
    "ê": "ờ", "í": "ớ", "ë": "ở", "ì": "ỡ", "î": "ợ",
    "ï": "ù", "ó": "ú", "ñ": "ủ", "ò": "ũ", "ô": "ụ",
    "õ": "ừ", "ø": "ứ", "ö": "ử", "÷": "ữ", "ù": "ự",
    "ú": "ỳ", "ý": "ý", "û": "ỷ", "ü": "ỹ", "þ": "ỵ",
}
_TCVN3_TABLE = str.maketrans(_TCVN3)
# bytes that are letters in TCVN3 but rare in real Latin-1 text
_TCVN3_TELLTALE = set("¡¢£¤¥¦§¨©ª«¬®µ¸¶·¹»¾¼½")
TCVN3_NAMES = {"tcvn3", "tcvn-3", "tcvn", "abc", "vn3", "tcvn5712", "tcvn 5712"}


def from_tcvn3(text: str) -> str:
    """Decode TCVN3 text that was read byte-for-byte as Latin-1 into Unicode (NFC)."""
    import unicodedata

    return unicodedata.normalize("NFC", text.translate(_TCVN3_TABLE))


def looks_tcvn3(values: list[str]) -> bool:
    """Do these Latin-1-decoded strings look like undeclared TCVN3 (several telltale bytes)?

    >>> looks_tcvn3(["Th«n §«ng Kh£", "Phè"]), looks_tcvn3(["Thôn Đông Khê", "Café"])
    (True, False)
    """
    hits = sum(1 for v in values for ch in v if ch in _TCVN3_TELLTALE)
    return hits >= 2


def parse_number(value: Any) -> float | None:
    """A number written either way (``360,1``, ``1.234,5``, ``360.1``); None when it is not one."""
    if value is None:
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    text = str(value).strip().replace(" ", "")
    if not text:
        return None
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") else text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


@dataclass(frozen=True)
class ResolvedMapping:
    """For each field: the column it comes from (or None), or a constant."""

    columns: dict[str, str | None]
    constants: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None  # 'tcvn3' or a Python codec name; None = what GDAL says
    land_use_date: dt.date | None = None

    @property
    def is_tcvn3(self) -> bool:
        return (self.encoding or "").lower() in TCVN3_NAMES

    def source_of(self, name: str) -> str:
        if name in self.constants:
            return f"constant {self.constants[name]!r}"
        col = self.columns.get(name)
        return f"column {col!r}" if col else "nowhere"


def load_mapping(path: str | Path) -> dict[str, Any]:
    """Read a mapping.toml (see the module docstring); InputFileError on a bad file."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputFileError(path, "mapping file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputFileError(path, f"not a valid TOML mapping: {exc}") from None
    unknown = set(data) - {"encoding", "land_use_date", "columns", "constants"}
    bad_fields = (set(data.get("columns", {})) | set(data.get("constants", {}))) - set(FIELDS)
    if unknown or bad_fields:
        raise InputFileError(path, f"unknown keys {sorted(unknown | bad_fields)}; fields are {list(FIELDS)}")
    return data


def resolve_mapping(columns: list[str], overrides: dict[str, Any] | None = None, source: str = "layer") -> (
        ResolvedMapping):
    """Match the layer's ``columns`` against the defaults and the ``overrides`` (a loaded mapping.toml)."""
    overrides = overrides or {}
    by_lower = {c.lower(): c for c in columns}
    chosen: dict[str, str | None] = {}
    explicit = overrides.get("columns", {})
    for name, candidates in DEFAULT_CANDIDATES.items():
        if name in explicit:
            col = by_lower.get(str(explicit[name]).lower())
            if col is None:
                raise InputFileError(source, f"mapping names column {explicit[name]!r} for {name}, "
                                             f"but the layer has only {columns}")
            chosen[name] = col
            continue
        chosen[name] = next((by_lower[c] for pattern in candidates for c in sorted(by_lower)
                             if fnmatch.fnmatchcase(c, pattern)), None)
    when = overrides.get("land_use_date")
    if isinstance(when, str):
        when = dt.date.fromisoformat(when)
    return ResolvedMapping(chosen, {k: str(v) for k, v in overrides.get("constants", {}).items()},
                           overrides.get("encoding"), when)


def clean_key(value: Any) -> str | None:
    """A sheet or parcel number as text: ``12`` and ``12.0`` → ``'12'``; blanks → None.

    >>> clean_key(12.0), clean_key(" 5a "), clean_key(float("nan")), clean_key("")
    ('12', '5a', None, None)
    """
    if value is None:
        return None
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        if value.is_integer():
            return str(int(value))
    text = re.sub(r"\s+", " ", str(value)).strip()
    return text or None
