"""Compare an extracted record with its ground truth, field by field (for the benchmark and calibration).

>>> truth = {'serial': 'CS 123456', 'parcel': {'area_m2': 32.4}, 'owners': [{'name': 'AN'}], 'vertices': []}
>>> pred = {'serial': 'CS 123456', 'parcel': {'area_m2': 32.5}, 'owners': [{'name': 'AN'}], 'vertices': [],
...         'flags': [{'field': 'parcel.area_m2', 'reason': 'x'}]}
>>> [(c.field, c.correct, c.flagged) for c in compare(pred, truth)]
[('owners.0.name', True, False), ('parcel.area_m2', False, True), ('serial', True, False)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from landdb.vietnamese import nfc

__all__ = ["FieldOutcome", "compare", "flatten", "cer", "KEY_FIELDS", "TEXT_FIELDS", "field_group"]

SKIP = {"source", "field_confidence", "flags", "error"}
TEXT_FIELDS = ("name", "address", "area_words", "term", "origin", "issuer", "use_form")


def flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """Dotted paths → leaf values (lists by index)."""
    out: dict[str, Any] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            if not prefix and key in SKIP:
                continue
            out.update(flatten(value, f"{prefix}{key}."))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out.update(flatten(value, f"{prefix}{index}."))
    else:
        out[prefix.rstrip(".")] = data
    return out


def field_group(path: str) -> str:
    """The path without list indices: 'vertices.3.x' → 'vertices.x'.

    >>> field_group('owners.1.id_number')
    'owners.id_number'
    """
    return ".".join(p for p in path.split(".") if not p.isdigit())


KEY_FIELDS = {"parcel.parcel_no", "parcel.sheet_no", "parcel.area_m2", "serial", "owners.id_number", "vertices.x",
              "vertices.y", "owners.name"}


@dataclass
class FieldOutcome:
    field: str
    truth: Any
    predicted: Any
    correct: bool
    flagged: bool

    @property
    def group(self) -> str:
        return field_group(self.field)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        try:
            return a is not None and b is not None and abs(float(a) - float(b)) < 1e-6
        except (TypeError, ValueError):
            return False
    if isinstance(a, str) and isinstance(b, str):
        return nfc(a) == nfc(b)
    return a == b


def _is_flagged(path: str, flagged: set[str]) -> bool:
    parts = path.split(".")
    return any(".".join(parts[:i]) in flagged for i in range(1, len(parts) + 1))


def compare(predicted: dict[str, Any], truth: dict[str, Any]) -> list[FieldOutcome]:
    """One outcome per truth field (and per predicted field the truth does not have), sorted by path."""
    want, got = flatten(truth), flatten(predicted)
    flagged = {f["field"] for f in predicted.get("flags") or []}
    out = []
    for path in sorted(set(want) | set(got)):
        if path not in want and got.get(path) is None:
            continue
        t, p = want.get(path), got.get(path)
        out.append(FieldOutcome(path, t, p, path in want and _same(t, p), _is_flagged(path, flagged)))
    return out


def cer(predicted: str | None, truth: str | None) -> float:
    """Character error rate (edit distance / truth length).

    >>> cer('NGUYEN VAN AN', 'NGUYỄN VĂN AN')
    0.15384615384615385
    """
    from rapidfuzz.distance import Levenshtein

    truth, predicted = nfc(truth or ""), nfc(predicted or "")
    if not truth:
        return 0.0 if not predicted else 1.0
    return Levenshtein.distance(predicted, truth) / len(truth)
