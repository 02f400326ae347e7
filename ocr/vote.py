"""Voting over several differently made readings of one value (register number, serial)."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["vote"]


def vote(first: str | None, others: list[str | None], well_formed: Callable[[str], bool],
         outvote: bool = True) -> tuple[str | None, str | None]:
    """A value from the first reading ``first`` and differently made re-readings ``others`` (already parsed;
    None: unreadable; only those ``well_formed`` count), and a reason to flag it (None: accepted).

    Accepted when at least two re-readings give the same well-formed value and the full-page reading, if any, is
    that value too (one dissenting re-reading is outvoted only by three and the full-page reading); or when every
    re-reading (at least four) gives it and the full-page reading does not parse or differs from it. With
    ``outvote=False`` any dissenting well-formed re-reading is a disagreement.

    >>> from landdb.ids import register_no_ok as ok
    >>> vote('CH01583', ['CH01583', None, 'CH01583'], ok)
    ('CH01583', None)
    >>> vote(None, ['CS82277', 'CS82277', 'CS82277', 'CS82277'], ok)
    ('CS82277', None)
    >>> vote('CT853605', ['CT83605'] * 4, ok)
    ('CT83605', None)
    >>> vote('CT35749', ['CT35749', 'CT135749', 'CT35749', 'CT35749'], ok)
    ('CT35749', None)
    >>> vote('CH01583', ['CH01583', 'CH01588', 'CH01583', None], ok)[1]
    "re-readings disagree: 'CH01583' / 'CH01588'"
    >>> vote('CH01583', ['CH01588', 'CH01588', 'CH01588', None], ok)[1]
    "the first reading 'CH01583' differs from the re-readings 'CH01588'"
    >>> vote('CT35749', ['CT35749', 'CT135749', 'CT35749', 'CT35749'], ok, outvote=False)[1]
    "re-readings disagree: 'CT35749' / 'CT135749'"
    >>> vote(None, ['CS82277', 'CS82277', None, None], ok)
    (None, 'no two re-readings agree')
    """
    found = [v for v in others if v is not None and well_formed(v)]
    values = sorted(set(found), key=lambda v: (-found.count(v), v))
    if not values:
        return first, "no re-reading has the format"
    best, count = values[0], found.count(values[0])
    if len(values) > 1 and not (outvote and first == best and count >= 3 and len(found) - count <= 1):
        return first, "re-readings disagree: " + " / ".join(repr(v) for v in values)
    if first == best and count >= 2:
        return best, None
    if len(others) >= 4 and count == len(others):
        return best, None  # every re-reading, unanimous
    if first is not None and first != best:
        return first, f"the first reading {first!r} differs from the re-readings {best!r}"
    return first, "no two re-readings agree"
