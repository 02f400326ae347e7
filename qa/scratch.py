"""Load a map file (or a GeoDataFrame) into a scratch table of schema ``qa_scratch`` for ``qa check``.

Reads with GeoPandas/pyogrio and copies WKB with psycopg COPY; PostGIS parses the WKB set-wise and
a geometry it refuses is kept as null with the reason, so ``geometry_invalid`` reports it instead of
the load failing. Columns are mapped with the importer's defaults (``to_ban_do`` → sheet, ``thua`` →
parcel, ``dien_tich`` → declared area, ``mdsd…`` then ``loai_dat`` → land use, ``ma_xa`` → commune,
else the file's name). The file's CRS label, or ``--crs``, passes :func:`geo.crs.gate`.

A scratch table is dropped on any exit of :func:`scratch_file` (an error, Ctrl-C, SIGTERM — turned into
KeyboardInterrupt while the table exists); one left by a killed process (``kill -9``) is named after
its dead session (``t_<backend pid>_…``) and swept by the next :func:`load_frame`.

>>> pick_column(["TO_BAN_DO", "thua"], SHEET_COLUMNS)
'TO_BAN_DO'
>>> parse_epsg("EPSG:5897"), parse_epsg("9210")
(5897, 9210)
"""

from __future__ import annotations

import signal
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import shapely

from geo.crs import CRSDecision, gate, known_srid
from landdb.errors import CRSError, InputFileError
from qa.sqlfiles import composed, text

COMMUNE_COLUMNS = ("ma_xa", "commune_code", "ma_dvhc")
SHEET_COLUMNS = ("to_ban_do", "so_to", "sheet_no", "soto")
PARCEL_COLUMNS = ("thua", "so_thua", "parcel_no", "sothua")
AREA_COLUMNS = ("dien_tich", "declared_area_m2", "dientich")
LAND_USE_COLUMNS = ("mdsd2003", "mdsd", "ma_mdsd", "loai_dat", "loaidat", "land_use")
FALLBACK_LAND_USE = "loai_dat"
SCHEMA = "qa_scratch"


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
    """``EPSG:n`` or ``n`` as an integer SRID PROJ knows."""
    return known_srid(value)


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


def sweep(conn: psycopg.Connection) -> list[str]:
    """Drop the scratch tables whose session is gone; their names."""
    stale = [r["name"] for r in conn.execute(text("scratch_stale")).fetchall()]
    for name in stale:
        with conn.transaction():
            conn.execute(composed("scratch_drop", table=f"{SCHEMA}.{name}"))
    return stale


def load_frame(conn: psycopg.Connection, frame: Any, srid: int, commune: str = "scratch",
               path: str = "<frame>") -> ScratchTable:
    """Copy a GeoDataFrame into a new scratch table; returns its name (drop it with :func:`drop`)."""
    sweep(conn)
    pid = conn.execute(text("scratch_backend_pid")).fetchone()["pid"]
    name = f"{SCHEMA}.t_{pid}_{uuid.uuid4().hex[:8]}"
    try:
        with conn.transaction():
            conn.execute(composed("scratch_create", table=name))
            with conn.cursor() as cur, cur.copy(composed("scratch_copy", table=name)) as copy:
                for row in _rows(frame, srid, commune, path):
                    copy.write_row(row)
            conn.execute(composed("scratch_parse", table=name))
    except BaseException:
        _drop_quietly(conn, name)  # with autocommit off the create is rolled back anyway; with it, it was not
        raise
    return ScratchTable(name=name, rows=len(frame), srid=srid)


def read_file(path: Path, layer: str | None = None, crs: str | None = None,
              force_crs: bool = False) -> tuple[Any, int, CRSDecision]:
    """Read a map file; its CRS label, or ``crs``, passes the CRS gate against its coordinates."""
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
    if frame.geometry.isna().all():
        raise InputFileError(path, f"nothing to check: the layer has {len(frame)} features and no geometry")
    declared = frame.crs.to_epsg() if frame.crs is not None else None
    if frame.crs is not None and declared is None and crs is None:
        raise CRSError(f"{path}: its CRS has no EPSG code ({frame.crs.name}); give --crs EPSG:n after checking it")
    bounds = tuple(float(v) for v in frame.total_bounds)
    decision = gate(bounds, declared_srid=declared, given=crs, force=force_crs, what=str(path))
    return frame, decision.srid, decision


def load_file(conn: psycopg.Connection, path: Path, layer: str | None = None, crs: str | None = None,
              commune: str | None = None, force_crs: bool = False) -> ScratchTable:
    frame, srid, _ = read_file(path, layer, crs, force_crs)
    return load_frame(conn, frame, srid, commune or Path(path).stem, str(path))


def _drop_quietly(conn: psycopg.Connection, name: str) -> None:
    """Drop the table even if ``conn`` is broken (a new connection) or mid-transaction."""
    try:
        if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            conn.rollback()
        with conn.transaction():
            conn.execute(composed("scratch_drop", table=name))
        return
    except psycopg.Error:
        pass
    from landdb.db import connect

    with connect(autocommit=True) as other:
        other.execute(composed("scratch_drop", table=name))


def drop(conn: psycopg.Connection, table: ScratchTable) -> None:
    _drop_quietly(conn, table.name)


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt inside the block (psycopg then cancels the running query), so the
    ``finally`` that drops the scratch table runs; the previous handler comes back afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def scratch_frame(conn: psycopg.Connection, frame: Any, srid: int, commune: str = "scratch",
                  path: str = "<frame>") -> Iterator[ScratchTable]:
    """A scratch table holding ``frame`` for the duration of the ``with`` block; dropped on any exit."""
    with _sigterm_interrupts():
        table = load_frame(conn, frame, srid, commune, path)
        try:
            yield table
        finally:
            drop(conn, table)


@contextmanager
def scratch_file(conn: psycopg.Connection, path: Path, layer: str | None = None, crs: str | None = None,
                 commune: str | None = None, force_crs: bool = False) -> Iterator[ScratchTable]:
    """A scratch table holding the file for the duration of the ``with`` block; dropped on any exit."""
    frame, srid, _ = read_file(path, layer, crs, force_crs)
    with scratch_frame(conn, frame, srid, commune or Path(path).stem, str(path)) as table:
        yield table
