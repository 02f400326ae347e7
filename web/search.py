"""One search box: parcel keys, owner names, ID numbers, certificate serials and register numbers, addresses.

:func:`readings` decides what the text could be (no database); :func:`search` runs the SQL of each reading
(``sql/queries/web/search_*.sql``: full-text words, trigram and unaccent in PostGIS, never a loop over rows here)
and merges the hits per parcel, best score first, each with the reason of its best match. Names and addresses
are looked up by whole folded words first; only when nothing at all was found that way do the typo-tolerant
trigram passes run (docs/search.md says why).

>>> [r.kind for r in readings("12/345")]
['key']
>>> readings("tờ 12 thửa 345")[0].params["sheets"], readings("tờ 12 thửa 345")[0].params["parcels"]
(['12'], ['345'])
>>> readings("345 12")[0].params["parcels"]
['345', '12']
>>> [r.kind for r in readings("079151275118")]
['id_number']
>>> [r.kind for r in readings("BR 089146")]
['document_no', 'owner', 'address']
>>> [r.kind for r in readings("w3gz771tdb0p")]
['national_code']
>>> [r.kind for r in readings("nguyen van an")]
['owner', 'address']
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

import psycopg

from geo.national_code import is_national_code
from landdb.addresses import units_named
from landdb.sql import query
from landdb.vietnamese import fold, nfc
from web import steps
from web.errors import BadRequest
from web.steps import Steps

MAX_QUERY = 200
WORD_SIMILARITY = 0.6      # of the whole text typed, for the typo-tolerant pass; below this, too much noise
# An address scores its word similarity (at most 1) times these (web/address_ranking): a little below an owner's name
# of the same similarity, the certificate's address a little above the map's
ADDRESS_WEIGHTS = {"map_weight": 0.9, "certificate_weight": 0.95}

_SLASH_KEY = re.compile(r"^(?:(\d{3,6})\s*/\s*)?(\d\w{0,5})\s*/\s*(\d\w{0,7})$")
_WORDS_KEY = re.compile(r"^(?:to(?:\s*ban\s*do)?|sheet)\s*(?:so\s*)?(\w+)\s*[,;]?\s*(?:thua(?:\s*dat)?|parcel)"
                        r"\s*(?:so\s*)?(\w+)$")
_WORDS_KEY_REVERSED = re.compile(r"^(?:thua(?:\s*dat)?|parcel)\s*(?:so\s*)?(\w+)\s*[,;]?\s*"
                                 r"(?:to(?:\s*ban\s*do)?|sheet)\s*(?:so\s*)?(\w+)$")
_TWO_NUMBERS = re.compile(r"^(\d{1,6})[\s,;-]+(\d{1,6})$")
_ID_LABEL = re.compile(r"^(?:cccd|cmnd|cc|can cuoc|id)\s*(?:so)?\s*:?\s*")
_ID_NUMBER = re.compile(r"^(\d{9}|\d{12})$")
_DOCUMENT_NO = re.compile(r"^[a-z]{1,3}\s?-?\s?\d{3,9}$")


# Candidate queries whose ranking is written once, in the file that follows them (the candidates define the CTEs
# the ranking reads: `q` and `matched` for owners, `q`, `map_hits` and `certificate_hits` for addresses, `hits` for
# a parcel key or an ID number, whose ranking also reads the result rows)
RANKED_BY = {"web/search_owner_words": "web/owner_ranking", "web/search_owner": "web/owner_ranking",
             "web/search_address_words": "web/address_ranking", "web/search_address": "web/address_ranking",
             "web/search_key": "web/search_hit_rows", "web/search_id_number": "web/search_hit_rows"}


def statement(name: str) -> str:
    """The SQL text run for ``sql/queries/<name>.sql``: the file, and its ranking when it has one."""
    tail = RANKED_BY.get(name)
    return query(name) + ("\n" + query(tail) if tail else "")


@dataclass(frozen=True)
class Reading:
    """One thing the text could be, and the SQL that finds it."""

    kind: str            # national_code | key | id_number | document_no | owner | address | admin_unit
    sql: str             # name under sql/queries/
    params: dict[str, Any] = field(default_factory=dict)
    fuzzy: str | None = None   # the typo-tolerant (trigram) pass, run when no reading's ``sql`` found anything
    rows: bool = False         # ``sql`` returns each map parcel's result row too (key, ID: one statement)
    ceiling: float | None = None   # the best score ``sql`` can give, when it is below what other readings give


def readings(text: str) -> list[Reading]:
    """What ``text`` could be, in the order the SQL runs. Raises :class:`BadRequest` for unusable input."""
    text = nfc((text or "").replace("\x00", "")).strip()
    if len(text) > MAX_QUERY:
        raise BadRequest(f"the search text has {len(text)} characters, more than {MAX_QUERY}")
    folded = re.sub(r"\s+", " ", fold(text).lower()).strip()
    if not folded:
        return []
    if is_national_code(folded) and not folded.isdigit():  # a 12-char GeoHash (geo/national_code.py), not an ID
        return [Reading("national_code", "web/search_national_code", {"code": folded})]
    key = _key(folded)
    if key is not None:
        return [key]
    digits = re.sub(r"[\s.]", "", _ID_LABEL.sub("", folded))
    if _ID_NUMBER.match(digits):
        return [Reading("id_number", "web/search_id_number", {"id_number": digits}, rows=True)]
    found: list[Reading] = []
    if _DOCUMENT_NO.match(folded):
        found.append(Reading("document_no", "web/search_document_no", {"q": text}))
    if sum(ch.isalpha() for ch in folded) >= 2:
        found.append(Reading("owner", "web/search_owner_words", {"q": text}, fuzzy="web/search_owner"))
        found.append(Reading("address", "web/search_address_words", {"q": text, **ADDRESS_WEIGHTS},
                             fuzzy="web/search_address", ceiling=max(ADDRESS_WEIGHTS.values())))
        former, current = units_named(text)   # a ward's old or new name (landdb/addresses.py)
        if former or current:
            found.append(Reading("admin_unit", "web/search_admin_unit", {"former": former, "current": current}))
    return found


def _key(folded: str) -> Reading | None:
    sheets: list[str] = []
    parcels: list[str] = []
    scores: list[float] = []
    params: dict[str, Any] = {}
    if m := _SLASH_KEY.match(folded):
        if m.group(1):
            params["commune"] = m.group(1)
        sheets, parcels, scores = [m.group(2)], [m.group(3)], [1.5]
    elif m := _WORDS_KEY.match(folded):
        sheets, parcels, scores = [m.group(1)], [m.group(2)], [1.5]
    elif m := _WORDS_KEY_REVERSED.match(folded):
        sheets, parcels, scores = [m.group(2)], [m.group(1)], [1.5]
    elif m := _TWO_NUMBERS.match(folded):
        # `345 12` is read the way it is said: thửa 345 (of) tờ 12; the other order counts a little less
        sheets, parcels, scores = [m.group(2), m.group(1)], [m.group(1), m.group(2)], [1.4, 1.3]
    else:
        return None
    # one or two readings: search_key.sql reads them as two rows of VALUES
    return Reading("key", "web/search_key", {"sheets": sheets, "parcels": parcels, "scores": scores, **params},
                   rows=True)


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """``minlon,minlat,maxlon,maxlat`` in WGS 84, or None.

    >>> parse_bbox("106.66,10.83,106.67,10.84")
    (106.66, 10.83, 106.67, 10.84)
    """
    if not text:
        return None
    try:
        xmin, ymin, xmax, ymax = (float(v) for v in text.split(","))
    except ValueError as exc:
        raise BadRequest("bbox must be four numbers: minlon,minlat,maxlon,maxlat") from exc
    if not (-180 <= xmin < xmax <= 180 and -90 <= ymin < ymax <= 90):
        raise BadRequest("bbox must be minlon,minlat,maxlon,maxlat with min < max, in degrees")
    return xmin, ymin, xmax, ymax


def search(conn: psycopg.Connection, text: str, *, commune: str | None = None, limit: int = 20,
           bbox: tuple[float, float, float, float] | None = None) -> dict[str, Any]:
    """``{"results": [...], "took_ms": n}``: parcels (and certificates not on the map) best first."""
    return steps.run(conn, search_steps(text, commune=commune, limit=limit, bbox=bbox))


async def search_async(conn: psycopg.AsyncConnection, text: str, *, commune: str | None = None, limit: int = 20,
                       bbox: tuple[float, float, float, float] | None = None) -> dict[str, Any]:
    """:func:`search` on an asyncio connection."""
    return await steps.run_async(conn, search_steps(text, commune=commune, limit=limit, bbox=bbox))


def search_steps(text: str, *, commune: str | None = None, limit: int = 20,
                 bbox: tuple[float, float, float, float] | None = None) -> Steps:
    """The statements of a search, in order (web/steps.py)."""
    started = time.perf_counter()
    commune = (commune or "").replace("\x00", "").strip() or None
    box = dict(zip(("xmin", "ymin", "xmax", "ymax"), bbox or (None,) * 4, strict=True))
    todo = readings(text)
    if not todo and bbox is not None:
        todo = [Reading("box", "web/search_box")]
    hits: dict[tuple[str, int], dict[str, Any]] = {}
    details: dict[tuple[str, int], dict[str, Any]] = {}
    for reading in todo:
        if reading.ceiling is not None and reading.ceiling < _floor(hits, limit):
            continue    # the page is full of better hits than this reading can give (docs/search.md)
        for row in (yield statement(reading.sql), _params(reading, commune, limit, box)):
            key = _merge(hits, row)
            if reading.rows and row["parcel_id"] is not None:
                details[key] = row
    if not hits:   # no row holds every word typed: the typo-tolerant passes
        for reading in (r for r in todo if r.fuzzy):
            for row in (yield statement(reading.fuzzy), _params(reading, commune, limit, box)):
                _merge(hits, row)
    ranked = sorted(hits.values(), key=lambda h: -h["score"])[:limit]
    results = yield from _rows(ranked, details)
    return {"results": results, "took_ms": round((time.perf_counter() - started) * 1000, 1),
            "understood_as": [r.kind for r in todo]}


def _params(reading: Reading, commune: str | None, limit: int, box: dict[str, float | None]) -> dict[str, Any]:
    return {"commune": commune, "limit": limit * 3, "similarity": WORD_SIMILARITY, **box, **reading.params}


def _floor(hits: dict[tuple[str, int], dict[str, Any]], limit: int) -> float:
    """The score of the last hit of a full page (-inf when the page is not full): a reading whose best score is below
    it cannot change the page (an owner's name typed fills the page at >= 1.0 before the address pass runs)."""
    if len(hits) < limit:
        return float("-inf")
    return sorted((h["score"] for h in hits.values()), reverse=True)[limit - 1]


def _merge(hits: dict[tuple[str, int], dict[str, Any]], row: dict[str, Any]) -> tuple[str, int]:
    """Add ``row``'s match to its parcel's (or certificate's) hit; the hit's key."""
    key = ("parcel", row["parcel_id"]) if row["parcel_id"] is not None else ("certificate", row["cert_parcel_id"])
    match = {"reason": row["reason"], "matched": row["matched"], "score": round(float(row["score"]), 3)}
    hit = hits.get(key)
    if hit is None:
        hits[key] = {"key": key, "score": match["score"], "matches": [match]}
        return key
    if all(m["reason"] != match["reason"] or m["matched"] != match["matched"] for m in hit["matches"]):
        hit["matches"].append(match)
    hit["matches"].sort(key=lambda m: -m["score"])
    hit["score"] = max(hit["score"], match["score"])
    return key


# the columns a statement adds to a result row of web_search_parcel_row / web_search_certificate_row (0126)
HIT_COLUMNS = frozenset({"cert_parcel_id", "score", "reason", "matched"})


def _rows(ranked: list[dict[str, Any]], details: dict[tuple[str, int], dict[str, Any]]) -> Steps:
    """The result rows of the ranked hits: those not in ``details`` (rows the search statements already returned)
    read by id."""
    parcel_ids = [h["key"][1] for h in ranked if h["key"][0] == "parcel" and h["key"] not in details]
    cert_ids = [h["key"][1] for h in ranked if h["key"][0] == "certificate" and h["key"] not in details]
    if parcel_ids:
        for row in (yield query("web/search_parcel_rows"), {"ids": parcel_ids}):
            details[("parcel", row["parcel_id"])] = row
    if cert_ids:
        for row in (yield query("web/search_certificate_rows"), {"ids": cert_ids}):
            details[("certificate", row["cert_parcel_id"])] = row
    results = []
    for hit in ranked:
        row = details.get(hit["key"])
        if row is None:
            continue
        results.append({
            **{k: _plain(v) for k, v in row.items() if k not in HIT_COLUMNS},
            "certificate_parcel_id": row["cert_parcel_id"],
            "score": hit["score"], "reason": hit["matches"][0]["reason"], "matched": hit["matches"][0]["matched"],
            "matches": hit["matches"],
        })
    return results


def _plain(value: Any) -> Any:
    from decimal import Decimal

    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


CSV_COLUMNS = ("commune_code", "sheet_no", "parcel_no", "address", "area_m2", "map_area_m2", "land_uses", "owners",
               "certificate_serials", "reason", "matched", "parcel_id")


def to_csv(results: list[dict[str, Any]]) -> str:
    """Search results as CSV text with a BOM; lists joined with '; ', formula-like cells quoted with a leading '.

    >>> to_csv([{"sheet_no": "2", "owners": ["A", "=B"], "parcel_no": "1"}]).splitlines()[1]
    ",2,1,,,,,A; '=B,,,,"
    """
    import csv
    import io

    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in results:
        cells = []
        for column in CSV_COLUMNS:
            value = row.get(column)
            items = value if isinstance(value, list) else [value]
            cells.append("; ".join(_no_formula("" if v is None else str(v)) for v in items))
        writer.writerow(cells)
    return out.getvalue()


def _no_formula(text: str) -> str:
    """A spreadsheet must not run a cell as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
