"""What a QA rule is, and the helpers its human sentences use.

A rule is declarative: an id, a severity, a one-line description in Vietnamese and English,
the parameters it reads, where its SQL lives (``sql/qa/<id>.sql``) or a Python ``evaluate``
for record checks, and ``explain`` which turns one finding into a sentence a land officer reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
Target = Literal["map", "certificate", "change"]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    target: Target
    description_vi: str
    description_en: str
    explain: Callable[[Mapping[str, Any]], str]
    parameters: tuple[str, ...] = ()
    evaluate: Callable[..., Iterable[dict[str, Any]]] | None = None  # Python rules; else sql/qa/<id>.sql
    fingerprint_by_keys: bool = True  # False: the spot alone identifies the finding (gaps)
    coverage: bool = False  # sql/qa/<id>_coverage.sql names what the rule could not check (per commune)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def sql_name(self) -> str | None:
        return None if self.evaluate is not None else self.id


def num(value: float | str | None, digits: int = 2) -> str:
    """A number the English way.

    >>> num(1234.5), num(None), num("NaN")
    ('1234.50', '?', 'nan')
    """
    if value is None:
        return "?"
    try:
        return f"{float(value):.{digits}f}"
    except (TypeError, ValueError):
        return str(value)


def vnum(value: float | None, digits: int = 2) -> str:
    """A number the Vietnamese way (decimal comma).

    >>> vnum(32.4, 1)
    '32,4'
    """
    return num(value, digits).replace(".", ",")


def keys_text(keys: Iterable[str], joiner: str = " and ") -> str:
    """Parcel keys ``sheet/parcel`` as a readable list.

    >>> keys_text(["1/23", "1/24"]), keys_text(["5/7"]), keys_text([])
    ('1/23 and 1/24', '5/7', '(none)')
    """
    keys = list(keys)
    if not keys:
        return "(none)"
    return keys[0] if len(keys) == 1 else ", ".join(keys[:-1]) + joiner + keys[-1]


def bilingual(vi: str, en: str) -> str:
    """One sentence in Vietnamese, then the same in English.

    >>> bilingual("Thửa 1/2 trống.", "Parcel 1/2 is empty.")
    'Thửa 1/2 trống. / Parcel 1/2 is empty.'
    """
    return f"{vi} / {en}"


REPAIRED_NOTE = bilingual("(đo trên bản hình học đã được tự động sửa lỗi)",
                          "(measured on an automatically repaired copy of the invalid geometry)")
