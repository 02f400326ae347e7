"""OGC API – Features (Part 1 Core + GeoJSON, Part 2 CRS by reference) over the parcel and QA finding tables.

A small conforming implementation of our own: landing page, conformance, collections, items (``bbox``,
``bbox-crs``, ``limit``, ``offset``, ``crs``; ``next``/``prev`` links) and single items, all GeoJSON. CRS: WGS 84
(CRS84, lon/lat) by default; each collection also lists the VN-2000 zones its rows were surveyed in, and the
CRS a response is in goes in its ``Content-Crs`` header. ``parcels`` is public and holds no owners or ID
numbers; ``qa_findings`` needs a logged-in user or a bearer token (checked by the route). SQL in
``sql/queries/ogcapi/``.

>>> srid_of("http://www.opengis.net/def/crs/EPSG/0/9210"), srid_of(None), srid_of(CRS84)
(9210, 4326, 4326)
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import psycopg

from landdb.errors import NotFoundError
from landdb.sql import query
from web.errors import BadRequest

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG_URI = "http://www.opengis.net/def/crs/EPSG/0/{}"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
]
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
EXTENT_TTL_S = 60
_extents: dict[tuple[str, int, str, str], tuple[float, dict[str, Any]]] = {}
_EPSG = re.compile(r"^(?:https?://www\.opengis\.net/def/crs/EPSG/0/|EPSG:|\[EPSG:)(\d{4,6})\]?$")


@dataclass(frozen=True)
class Collection:
    id: str
    title: str
    description: str
    public: bool


COLLECTIONS = {
    "parcels": Collection("parcels", "Thửa đất (parcels)",
                          "Map parcels: outline, commune/sheet/parcel key, areas, land use. No personal data.", True),
    "qa_findings": Collection("qa_findings", "Kết quả kiểm tra (QA findings)",
                              "QA findings with their spot on the map (logged-in users only).", False),
}


def srid_of(uri: str | None) -> int:
    """The SRID a CRS URI (or ``EPSG:n`` / safe CURIE) names; CRS84 and nothing are 4326."""
    if not uri or uri.strip() in (CRS84, "[OGC:CRS84]", "OGC:CRS84"):
        return 4326
    m = _EPSG.match(uri.strip())
    if not m:
        raise BadRequest(f"unsupported CRS {uri!r}: use {CRS84} or {EPSG_URI.format('<code>')}")
    return int(m.group(1))


def crs_uri(srid: int) -> str:
    return CRS84 if srid == 4326 else EPSG_URI.format(srid)


def collection(name: str) -> Collection:
    found = COLLECTIONS.get(name)
    if found is None:
        raise NotFoundError(f"no collection {name!r}; there are {', '.join(COLLECTIONS)}")
    return found


def landing(base: str) -> dict[str, Any]:
    return {
        "title": "landdb – OGC API Features",
        "description": "Cadastral parcels (VN-2000) and QA findings of this land database.",
        "links": [
            _link(f"{base}", "self", "application/json", "this document"),
            _link(f"{base}/conformance", "conformance", "application/json", "conformance classes"),
            _link(f"{base}/collections", "data", "application/json", "the collections"),
        ],
    }


def conformance() -> dict[str, Any]:
    return {"conformsTo": CONFORMANCE}


def _extent(conn: psycopg.Connection, item: Collection) -> dict[str, Any]:
    """The collection's zones and extent (one scan of the table), kept for a minute per process and database (one
    process may serve several: a test run's databases answered with another one's zones)."""
    key = (conn.info.host, conn.info.port, conn.info.dbname, item.id)
    cached = _extents.get(key)
    if cached is not None and time.monotonic() - cached[0] < EXTENT_TTL_S:
        return cached[1]
    extent = dict(conn.execute(query(f"ogcapi/{item.id}_extent")).fetchone())
    _extents[key] = (time.monotonic(), extent)
    return extent


def describe(conn: psycopg.Connection, base: str, item: Collection) -> dict[str, Any]:
    extent = _extent(conn, item)
    srids = [s for s in (extent["srids"] or []) if s != 4326]
    bbox = [extent[k] for k in ("xmin", "ymin", "xmax", "ymax")]
    url = f"{base}/collections/{item.id}"
    described = {
        "id": item.id, "title": item.title, "description": item.description, "itemType": "feature",
        "crs": [CRS84, *(crs_uri(s) for s in srids)],
        "links": [_link(url, "self", "application/json", item.title),
                  _link(f"{url}/items", "items", "application/geo+json", "the features")],
    }
    if len(srids) == 1:
        described["storageCrs"] = crs_uri(srids[0])
    if None not in bbox:
        described["extent"] = {"spatial": {"bbox": [[round(v, 7) for v in bbox]], "crs": CRS84}}
    return described


def collections(conn: psycopg.Connection, base: str, visible: list[Collection]) -> dict[str, Any]:
    return {"links": [_link(f"{base}/collections", "self", "application/json", "the collections")],
            "collections": [describe(conn, base, c) for c in visible]}


def items(conn: psycopg.Connection, base: str, item: Collection,
          params: dict[str, str | None]) -> tuple[dict[str, Any], int]:
    """A page of features and the SRID they are in; ``params`` are the request's query parameters."""
    limit = _int(params.get("limit"), DEFAULT_LIMIT, "limit", 1)
    limit = min(limit, MAX_LIMIT)
    offset = _int(params.get("offset"), 0, "offset", 0)
    srid = srid_of(params.get("crs"))
    _check_crs(conn, base, item, srid)
    box = _bbox(params.get("bbox"), srid_of(params.get("bbox-crs")))
    rows = _rows(conn, item, srid, box, limit=limit, offset=offset)
    matched = rows[0]["matched"] if rows else _count(conn, item, srid, box)
    url = f"{base}/collections/{item.id}/items"
    kept = {k: v for k, v in params.items() if v not in (None, "") and k not in ("offset", "limit")}
    links = [_link(f"{url}?{urlencode({**kept, 'limit': limit, 'offset': offset})}", "self",
                   "application/geo+json", "this page")]
    if offset + len(rows) < matched:
        links.append(_link(f"{url}?{urlencode({**kept, 'limit': limit, 'offset': offset + limit})}", "next",
                           "application/geo+json", "next page"))
    if offset > 0:
        links.append(_link(f"{url}?{urlencode({**kept, 'limit': limit, 'offset': max(0, offset - limit)})}",
                           "prev", "application/geo+json", "previous page"))
    return {"type": "FeatureCollection", "features": [_feature(r) for r in rows], "numberMatched": matched,
            "numberReturned": len(rows), "links": links}, srid


def one(conn: psycopg.Connection, base: str, item: Collection, feature_id: int,
        crs: str | None) -> tuple[dict[str, Any], int]:
    srid = srid_of(crs)
    _check_crs(conn, base, item, srid)
    rows = _rows(conn, item, srid, None, limit=1, offset=0, feature_id=feature_id)
    if not rows:
        raise NotFoundError(f"no feature {feature_id} in {item.id}")
    feature = _feature(rows[0])
    url = f"{base}/collections/{item.id}"
    feature["links"] = [_link(f"{url}/items/{feature_id}", "self", "application/geo+json", "this feature"),
                        _link(url, "collection", "application/json", item.title)]
    return feature, srid


def _rows(conn, item: Collection, srid: int, box, *, limit: int, offset: int, feature_id: int | None = None):
    xmin, ymin, xmax, ymax, bbox_srid = box or (None, None, None, None, 4326)
    return conn.execute(query(f"ogcapi/{item.id}_items"), {
        "srid": srid, "digits": 7 if srid == 4326 else 3, "xmin": xmin, "ymin": ymin, "xmax": xmax, "ymax": ymax,
        "bbox_srid": bbox_srid, "limit": limit, "offset": offset, "id": feature_id}).fetchall()


def _count(conn, item: Collection, srid: int, box) -> int:
    first = _rows(conn, item, srid, box, limit=1, offset=0)
    return first[0]["matched"] if first else 0


def _feature(row: dict[str, Any]) -> dict[str, Any]:
    from decimal import Decimal

    props = {k: (float(v) if isinstance(v, Decimal) else v) for k, v in row.items()
             if k not in ("id", "geometry", "matched")}
    return {"type": "Feature", "id": row["id"], "geometry": row["geometry"], "properties": props}


def _check_crs(conn, base: str, item: Collection, srid: int) -> None:
    allowed = [srid_of(uri) for uri in describe(conn, base, item)["crs"]]
    if srid not in allowed:
        raise BadRequest(f"{item.id} is offered in {', '.join(crs_uri(s) for s in allowed)}; not EPSG:{srid}")


def _bbox(text: str | None, srid: int):
    if not text:
        return None
    try:
        values = [float(v) for v in text.split(",")]
    except ValueError as exc:
        raise BadRequest("bbox must be four numbers: minx,miny,maxx,maxy") from exc
    if len(values) == 6:
        values = [values[0], values[1], values[3], values[4]]
    if len(values) != 4 or values[0] > values[2] or values[1] > values[3]:
        raise BadRequest("bbox must be four numbers minx,miny,maxx,maxy with min <= max")
    return (*values, srid)


def _int(text: str | None, default: int, name: str, least: int) -> int:
    if text in (None, ""):
        return default
    try:
        value = int(text)
    except ValueError as exc:
        raise BadRequest(f"{name} must be a whole number, not {text!r}") from exc
    if value < least:
        raise BadRequest(f"{name} must be at least {least}")
    return value


def _link(href: str, rel: str, media: str, title: str) -> dict[str, str]:
    return {"href": href, "rel": rel, "type": media, "title": title}
