"""Load a map file (or a GeoDataFrame) into a scratch table of schema ``qa_scratch`` for ``qa check``.

Reads with GeoPandas/pyogrio and copies WKB with psycopg COPY; PostGIS parses the WKB set-wise and
a geometry it refuses is kept as null with the reason, so ``geometry_invalid`` reports it instead of
the load failing. Columns are mapped with the importer's defaults (``to_ban_do`` → sheet, ``thua`` →
parcel, ``dien_tich`` → declared area, ``mdsd…`` then ``loai_dat`` → land use, ``ma_xa`` → commune,
else the file's name).

>>> pick_column(["TO_BAN_DO", "thua"], SHEET_COLUMNS)
'TO_BAN_DO'
>>> parse_epsg("EPSG:5897"), parse_epsg("9210")
(5897, 9210)
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import shapely

from landdb.errors import CRSError, InputFileError
from qa.sqlfiles import composed

COMMUNE_COLUMNS = ("ma_xa", "commune_code", "ma_dvhc")
SHEET_COLUMNS = ("to_ban_do", "so_to", "sheet_no", "soto")
PARCEL_COLUMNS = ("thua", "so_thua", "parcel_no", "sothua")
AREA_COLUMNS = ("dien_tich", "declared_area_m2", "dientich")
LAND_USE_COLUMNS = ("mdsd2003", "mdsd", "ma_mdsd", "loai_dat", "loaidat", "land_use")
FALLBACK_LAND_USE = "loai_dat"


@dataclass(frozen=True)
class ScratchTable:
    name: str  # schema-qualified
    rows: int
    srid: int


def pick_column(columns: Sequence[str], candidates: Sequence[str]) -> str | None:
    """The first column whose name (case-insensitive) is one of ``candidates``, in candidate order."""
    lower = {c.lower(): c for c in columns}
    return next((lower[c] for c in candidates if c in lower), None)


def parse_epsg(value: str | int) -> int:
    """``EPSG:n`` or ``n`` as an integer SRID."""
    text = str(value).strip().upper().removeprefix("EPSG:")
    if not text.isdigit():
        raise CRSError(f"not an EPSG code: {value!r} (write EPSG:5897)")
    return int(text)


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    try:
        if value != value:  # NaN
            return None
    except TypeError:
        pass
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _area(value: Any) -> float | None:
    text = _clean(value)
    if text is None:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _normalise(geom: Any) -> Any:
    """2D; empty holes dropped (a serialization artefact PostGIS refuses); a bare ring read as a polygon shell."""
    if geom is None:
        return None
    geom = shapely.force_2d(geom)
    if geom.geom_type == "LinearRing":
        return shapely.Polygon(geom)
    if geom.geom_type == "Polygon" and any(r.is_empty for r in geom.interiors) and not geom.exterior.is_empty:
        return shapely.Polygon(geom.exterior, [r for r in geom.interiors if not r.is_empty])
    return geom


def _rows(frame: Any, srid: int, commune: str, path: str) -> Iterator[tuple]:
    columns = [c for c in frame.columns if c != frame.geometry.name]
    sheet, parcel = pick_column(columns, SHEET_COLUMNS), pick_column(columns, PARCEL_COLUMNS)
    area, land_use = pick_column(columns, AREA_COLUMNS), pick_column(columns, LAND_USE_COLUMNS)
    fallback = pick_column(columns, (FALLBACK_LAND_USE,))
    commune_column = pick_column(columns, COMMUNE_COLUMNS)
    records = frame.drop(columns=frame.geometry.name).to_dict("records")
    for i, (record, geom) in enumerate(zip(records, frame.geometry.array, strict=True), start=1):
        use = _clean(record.get(land_use)) if land_use else None
        if use is None and fallback:
            use = _clean(record.get(fallback))
        geom = _normalise(geom)
        wkb = None if geom is None else shapely.to_wkb(geom)
        own_commune = _clean(record.get(commune_column)) if commune_column else None
        yield (i, own_commune or commune, _clean(record.get(sheet)) if sheet else None,
               _clean(record.get(parcel)) if parcel else None,
               srid, _area(record.get(area)) if area else None, use, str(record.get("fid", i)), wkb)


def load_frame(conn: psycopg.Connection, frame: Any, srid: int, commune: str = "scratch",
               path: str = "<frame>") -> ScratchTable:
    """Copy a GeoDataFrame into a new scratch table; returns its name (drop it with :func:`drop`)."""
    name = f"qa_scratch.t_{uuid.uuid4().hex[:12]}"
    with conn.transaction():
        conn.execute(composed("scratch_create", table=name))
        with conn.cursor() as cur, cur.copy(composed("scratch_copy", table=name)) as copy:
            for row in _rows(frame, srid, commune, path):
                copy.write_row(row)
        conn.execute(composed("scratch_parse", table=name))
    return ScratchTable(name=name, rows=len(frame), srid=srid)


def read_file(path: Path, layer: str | None = None, crs: str | None = None) -> tuple[Any, int]:
    """Read a map file; the SRID is the file's, or ``crs`` when the file has none (a conflict is an error)."""
    import geopandas as gpd
    import pyogrio

    path = Path(path)
    if not path.exists():
        raise InputFileError(path, "file not found")
    try:
        frame = gpd.read_file(path, layer=layer, engine="pyogrio")
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError) as exc:
        raise InputFileError(path, f"cannot read{' layer ' + repr(layer) if layer else ''}: {exc}") from exc
    if frame.geometry is None or frame.geometry.name not in frame.columns:
        raise InputFileError(path, "the layer has no geometry column")
    declared = frame.crs.to_epsg() if frame.crs is not None else None
    if frame.crs is not None and declared is None:
        raise CRSError(f"{path}: its CRS has no EPSG code ({frame.crs.name}); give --crs EPSG:n after checking it")
    wanted = parse_epsg(crs) if crs else None
    if declared and wanted and declared != wanted:
        raise CRSError(f"{path}: the file says EPSG:{declared} but --crs says EPSG:{wanted}; fix the file's CRS "
                       "label (e.g. ogr2ogr -a_srs) or drop --crs")
    srid = declared or wanted
    if srid is None:
        raise CRSError(f"{path}: the file has no CRS; give --crs EPSG:n (VN-2000 zones: domain.md §3)")
    return frame, srid


def load_file(conn: psycopg.Connection, path: Path, layer: str | None = None, crs: str | None = None,
              commune: str | None = None) -> ScratchTable:
    frame, srid = read_file(path, layer, crs)
    return load_frame(conn, frame, srid, commune or Path(path).stem, str(path))


def drop(conn: psycopg.Connection, table: ScratchTable) -> None:
    with conn.transaction():
        conn.execute(composed("scratch_drop", table=table.name))


@contextmanager
def scratch_file(conn: psycopg.Connection, path: Path, layer: str | None = None, crs: str | None = None,
                 commune: str | None = None) -> Iterator[ScratchTable]:
    """A scratch table holding the file for the duration of the ``with`` block."""
    table = load_file(conn, path, layer, crs, commune)
    try:
        yield table
    finally:
        drop(conn, table)
