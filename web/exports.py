"""Parcels handed on: a search result, a box or one parcel as GeoPackage, GeoJSON, CSV, zipped Shapefile or DXF.

One library for ``GET /api/export`` and ``landdb export parcels``. :func:`select_ids` picks the parcels,
:func:`load` reads them (``sql/queries/export/*.sql``) in the parcels' native VN-2000 zone or in WGS 84, and
:func:`render` writes one format. Rules every format keeps:

- the CRS is written into every file that can carry one (GeoPackage, Shapefile ``.prj``, DXF header note, CSV
  ``crs`` column); GeoJSON is RFC 7946, so always WGS 84;
- a result whose parcels lie in two zones is refused in ``native`` (never silently reprojected);
- text is UTF-8 (Shapefile with a ``.cpg``; CSV with a BOM so a spreadsheet shows the diacritics);
- owners and ID numbers only when the caller allows personal data (a logged-in user asking ``personal=1``).

>>> neutralise("=HYPERLINK(1)"), neutralise("-12"), neutralise("Lê")
("'=HYPERLINK(1)", "'-12", 'Lê')
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import shapely
from shapely.geometry import mapping

from landdb.sql import query
from web import search
from web.errors import BadRequest

FORMATS = {
    "gpkg": ("application/geopackage+sqlite3", "gpkg"),
    "geojson": ("application/geo+json", "geojson"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "shp": ("application/zip", "zip"),
    "dxf": ("application/dxf", "dxf"),
}
CRS_CHOICES = ("native", "4326")
MAX_PARCELS = 5000
LAYER = "parcels"
ATTRIBUTES = ("parcel_id", "commune_code", "commune_name", "sheet_no", "parcel_no", "address", "land_use_code",
              "land_use_raw", "area_m2", "map_area_m2", "national_code", "native_srid", "certificate_serials")
PERSONAL = ("owners", "id_numbers")
# Shapefile field names are at most 10 characters
SHP_NAMES = {"commune_code": "commune", "commune_name": "commune_nm", "land_use_code": "land_use",
             "land_use_raw": "lu_raw", "map_area_m2": "map_m2", "national_code": "nat_code",
             "native_srid": "srid", "certificate_serials": "serials", "id_numbers": "id_numbers"}
DXF_LAYERS = {"outline": "THUA_DAT_RANH", "vertex": "THUA_DAT_DINH", "label": "THUA_DAT_NHAN"}


@dataclass
class Export:
    """Parcels read for one export: attribute rows, shapely geometries and the CRS they are in."""

    rows: list[dict[str, Any]]
    geoms: list[Any]
    srid: int
    srs: dict[str, Any]
    personal: bool

    @property
    def columns(self) -> tuple[str, ...]:
        return ATTRIBUTES + (PERSONAL if self.personal else ())

    @property
    def crs_name(self) -> str:
        return "EPSG:4326 (WGS 84)" if self.srid == 4326 else f"EPSG:{self.srid} ({_srs_title(self.srs)})"


def neutralise(text: str) -> str:
    """A spreadsheet must not run a cell as a formula (CSV injection): such a cell gets a leading '."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def select_ids(conn: psycopg.Connection, *, q: str | None = None, bbox: str | None = None,
               parcel: int | None = None, commune: str | None = None, limit: int = MAX_PARCELS) -> list[int]:
    """The parcels of a search text (within a ``minlon,minlat,maxlon,maxlat`` box if given), of a box, or one
    parcel id."""
    q = (q or "").strip() or None
    bbox = (bbox or "").strip() or None
    if (parcel is None) == (q is None and bbox is None):
        raise BadRequest("an export needs either parcel (an id) or q (search text) and/or bbox "
                         "(minlon,minlat,maxlon,maxlat), not both and not neither")
    commune = (commune or "").strip() or None
    if parcel is not None:
        return [int(parcel)]
    box = search.parse_bbox(bbox)
    if q is None:
        rows = conn.execute(query("export/box_ids"), {**dict(zip(("xmin", "ymin", "xmax", "ymax"), box, strict=True)),
                                                      "commune": commune, "limit": limit}).fetchall()
        return [_first(r) for r in rows]
    found = search.search(conn, q, commune=commune, limit=limit, bbox=box)
    return [r["parcel_id"] for r in found["results"] if r.get("parcel_id") is not None]


def load(conn: psycopg.Connection, ids: list[int], *, crs: str = "native", personal: bool = False) -> Export:
    """Read the parcels ``ids``; ``crs`` is ``native`` (their VN-2000 zone, which must be one) or ``4326``."""
    if crs not in CRS_CHOICES:
        raise BadRequest(f"crs must be one of {', '.join(CRS_CHOICES)}, not {crs!r}")
    if not ids:
        raise BadRequest("nothing to export: no map parcel matches")
    rows = conn.execute(query("export/parcels"), {"ids": ids, "wgs84": crs == "4326"}).fetchall()
    if not rows:
        raise BadRequest(f"nothing to export: no map parcel with an outline among ids {ids[:5]}")
    zones = sorted({r["native_srid"] for r in rows})
    if crs == "native" and len(zones) > 1:
        raise BadRequest(f"the parcels lie in {len(zones)} VN-2000 zones (EPSG:{', EPSG:'.join(map(str, zones))}); "
                         "one file holds one CRS: export each zone apart or ask for crs=4326")
    srid = 4326 if crs == "4326" else zones[0]
    srs = conn.execute(query("export/srs"), {"srid": srid}).fetchone()
    if srs is None:
        raise BadRequest(f"EPSG:{srid} is not in the database's spatial_ref_sys")
    owners: dict[int, dict[str, Any]] = {}
    if personal:
        for row in conn.execute(query("export/parcel_owners"), {"ids": [r["parcel_id"] for r in rows]}).fetchall():
            owners[row["parcel_id"]] = row
    attrs, geoms = [], []
    for row in rows:
        item = {k: _plain(row[k]) for k in ATTRIBUTES}
        if personal:
            extra = owners.get(row["parcel_id"], {})
            item["owners"] = extra.get("owners") or ""
            item["id_numbers"] = extra.get("id_numbers") or ""
        attrs.append(item)
        geoms.append(shapely.from_wkb(bytes(row["wkb"])))
    return Export(attrs, geoms, srid, dict(srs), personal)


def render(export: Export, fmt: str) -> bytes:
    """The bytes of the file in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise BadRequest(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "geojson" and export.srid != 4326:
        raise BadRequest("GeoJSON is WGS 84 by its standard (RFC 7946): ask for crs=4326")
    if fmt == "dxf" and export.srid == 4326:
        raise BadRequest("a DXF drawing is in metres: ask for crs=native (the VN-2000 zone)")
    return {"gpkg": _gpkg, "geojson": _geojson, "csv": _csv, "shp": _shp, "dxf": _dxf}[fmt](export)


def filename(fmt: str, what: str) -> str:
    from landdb.vietnamese import fold

    safe = "".join(ch if (ch.isascii() and ch.isalnum()) or ch in "-_" else "-" for ch in fold(what))
    safe = safe[:60].strip("-") or "parcels"
    return f"landdb-{safe}.{FORMATS[fmt][1]}"


# ------------------------------------------------------------------------------------------ writers
def _frame(export: Export, names: dict[str, str] | None = None):
    import geopandas as gpd
    from pyproj import CRS

    names = names or {}
    data = {names.get(c, c): [row[c] for row in export.rows] for c in export.columns}
    crs = CRS.from_epsg(4326) if export.srid == 4326 else CRS.from_wkt(export.srs["srtext"])
    multi = [g if g.geom_type.startswith("Multi") else shapely.MultiPolygon([g]) if g.geom_type == "Polygon" else g
             for g in export.geoms]
    return gpd.GeoDataFrame(data, geometry=multi, crs=crs)


def _gpkg(export: Export) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "parcels.gpkg"
        _frame(export).to_file(path, layer=LAYER, driver="GPKG", engine="pyogrio")
        return path.read_bytes()


def _shp(export: Export) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{LAYER}.shp"
        _frame(export, SHP_NAMES).to_file(path, driver="ESRI Shapefile", engine="pyogrio", encoding="UTF-8")
        cpg = path.with_suffix(".cpg")
        if not cpg.exists():
            cpg.write_text("UTF-8")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for part in sorted(Path(tmp).iterdir()):
                archive.write(part, part.name)
        return out.getvalue()


def _geojson(export: Export) -> bytes:
    features = [{"type": "Feature", "id": row["parcel_id"], "properties": row,
                 "geometry": _rounded(mapping(geom), 7)} for row, geom in zip(export.rows, export.geoms, strict=True)]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode()


def _csv(export: Export) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(("wkt", "crs", *export.columns))
    precision = 7 if export.srid == 4326 else 3
    for row, geom in zip(export.rows, export.geoms, strict=True):
        cells = [shapely.to_wkt(geom, rounding_precision=precision), f"EPSG:{export.srid}"]
        cells += [neutralise("" if row[c] is None else str(row[c])) for c in export.columns]
        writer.writerow(cells)
    return out.getvalue().encode("utf-8")


def _dxf(export: Export) -> bytes:
    import ezdxf
    from ezdxf.enums import TextEntityAlignment

    doc = ezdxf.new("R2010", setup=True)
    doc.units = ezdxf.units.M
    doc.header["$MEASUREMENT"] = 1
    colours = {"outline": 7, "vertex": 1, "label": 3}
    for key, layer in DXF_LAYERS.items():
        doc.layers.add(layer, color=colours[key])
    style = doc.styles.get("OpenSans") if "OpenSans" in doc.styles else None
    text_style = style.dxf.name if style is not None else "Standard"
    msp = doc.modelspace()
    for row, geom in zip(export.rows, export.geoms, strict=True):
        polygons = list(geom.geoms) if hasattr(geom, "geoms") else [geom]
        height = max(0.4, min(2.0, (geom.area ** 0.5) / 12))
        for polygon in polygons:
            for ring in (polygon.exterior, *polygon.interiors):
                points = list(ring.coords)[:-1]
                msp.add_lwpolyline(points, close=True, dxfattribs={"layer": DXF_LAYERS["outline"]})
                for n, (x, y) in enumerate(points, start=1):
                    msp.add_point((x, y), dxfattribs={"layer": DXF_LAYERS["vertex"]})
                    msp.add_text(str(n), height=height * 0.6, dxfattribs={
                        "layer": DXF_LAYERS["vertex"], "style": text_style}).set_placement((x, y))
        spot = geom.representative_point()
        label = f"{row['sheet_no']}/{row['parcel_no']} {row['land_use_code'] or ''} {row['map_area_m2'] or ''} m²"
        msp.add_text(label.strip(), height=height, dxfattribs={"layer": DXF_LAYERS["label"], "style": text_style}) \
            .set_placement((spot.x, spot.y), align=TextEntityAlignment.MIDDLE_CENTER)
    doc.header["$PROJECTNAME"] = export.crs_name[:250]
    msp.add_text(f"CRS: {export.crs_name}; units: metres", height=1.0,
                 dxfattribs={"layer": DXF_LAYERS["label"]}).set_placement(_corner(export.geoms))
    out = io.StringIO()
    doc.write(out)
    return out.getvalue().encode("utf-8")


def _corner(geoms: list[Any]) -> tuple[float, float]:
    xmin, ymin, _, _ = shapely.total_bounds(geoms)
    return float(xmin), float(ymin) - 5.0


def _srs_title(srs: dict[str, Any]) -> str:
    text = srs.get("srtext") or ""
    return text.split('"')[1] if text.count('"') >= 2 else f"EPSG:{srs.get('srid')}"


def _rounded(value: Any, digits: int) -> Any:
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, (list, tuple)):
        return [_rounded(v, digits) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v, digits) for k, v in value.items()}
    return value


def _first(row: Any) -> Any:
    return row["id"] if isinstance(row, dict) else row[0]


def _plain(value: Any) -> Any:
    from decimal import Decimal

    return float(value) if isinstance(value, Decimal) else value
