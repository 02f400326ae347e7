"""Load a map file (or a GeoDataFrame) into a scratch table of schema ``qa_scratch`` for ``qa check``.

The file is read exactly as ``landdb import-map`` reads it (:func:`geo.importer.read_map`: the same layer
reading and legacy encodings, the same column mapping with ``--mapping``, the same number parsing and
keys, :func:`geo.importer.decide_crs` for the CRS gate); only what the importer would skip (no parcel
number, no geometry) is kept here, so that the rules report it. WKB is copied with psycopg COPY; PostGIS
parses it set-wise and a geometry it refuses is kept as null with the reason, so ``geometry_invalid``
reports it instead of the load failing.

A scratch table is dropped on any exit of :func:`scratch_file` (an error, Ctrl-C, SIGTERM — turned into
KeyboardInterrupt while the table exists); one left by a killed process (``kill -9``) is named after
its dead session (``t_<backend pid>_…``) and swept by the next :func:`load_frame`.
"""

from __future__ import annotations

import signal
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import shapely

from geo.crs import CRSDecision
from geo.importer import decide_crs, feature_fields, read_map
from geo.mapping import ResolvedMapping, resolve_mapping
from landdb.errors import InputFileError
from qa.sqlfiles import composed, text

SCHEMA = "qa_scratch"


@dataclass(frozen=True)
class ScratchTable:
    name: str  # schema-qualified
    rows: int
    srid: int


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


def _rows(frame: Any, srid: int, commune: str, mapping: ResolvedMapping, default_sheet: str | None
          ) -> Iterator[tuple]:
    records = frame.drop(columns=frame.geometry.name).to_dict("records")
    for i, (record, geom) in enumerate(zip(records, frame.geometry.array, strict=True), start=1):
        f = feature_fields(record, mapping, None, default_sheet)
        geom = _normalise(geom)
        wkb = None if geom is None else shapely.to_wkb(geom)
        yield (i, f["commune_code"] or commune, f["sheet_no"], f["parcel_no"], srid, f["declared_area_m2"],
               f["land_use_raw"], str(record.get("fid", i)), wkb)


def sweep(conn: psycopg.Connection) -> list[str]:
    """Drop the scratch tables whose session is gone; their names."""
    stale = [r["name"] for r in conn.execute(text("scratch_stale")).fetchall()]
    for name in stale:
        with conn.transaction():
            conn.execute(composed("scratch_drop", table=f"{SCHEMA}.{name}"))
    return stale


def load_frame(conn: psycopg.Connection, frame: Any, srid: int, commune: str = "scratch",
               path: str = "<frame>", mapping: ResolvedMapping | None = None,
               default_sheet: str | None = None) -> ScratchTable:
    """Copy a GeoDataFrame into a new scratch table; returns its name (drop it with :func:`drop`). Columns
    are mapped with ``mapping`` (the importer's defaults when None)."""
    if mapping is None:
        mapping = resolve_mapping([c for c in frame.columns if c != frame.geometry.name], {}, path)
    sweep(conn)
    pid = conn.execute(text("scratch_backend_pid")).fetchone()["pid"]
    name = f"{SCHEMA}.t_{pid}_{uuid.uuid4().hex[:8]}"
    try:
        with conn.transaction():
            conn.execute(composed("scratch_create", table=name))
            with conn.cursor() as cur, cur.copy(composed("scratch_copy", table=name)) as copy:
                for row in _rows(frame, srid, commune, mapping, default_sheet):
                    copy.write_row(row)
            conn.execute(composed("scratch_parse", table=name))
    except BaseException:
        _drop_quietly(conn, name)  # with autocommit off the create is rolled back anyway; with it, it was not
        raise
    return ScratchTable(name=name, rows=len(frame), srid=srid)


@dataclass(frozen=True)
class MapFile:
    """A map file read as the importer reads it, with the CRS the gate let through."""

    path: Path
    frame: Any
    mapping: ResolvedMapping
    decision: CRSDecision

    @property
    def srid(self) -> int:
        return self.decision.srid


def read_file(path: Path, layer: str | None = None, crs: str | None = None, force_crs: bool = False,
              mapping: str | Path | dict | None = None, commune: str | None = None) -> MapFile:
    """Read a map file with the importer's reading; its CRS label, or ``crs``, passes the same gate."""
    data, resolved = read_map(path, layer, mapping)
    if data.frame.geometry.isna().all():
        raise InputFileError(data.path, f"nothing to check: the layer has {len(data.frame)} features and no "
                                        "geometry")
    return MapFile(data.path, data.frame, resolved, decide_crs(None, data, crs, force_crs, commune))


def load_file(conn: psycopg.Connection, path: Path, layer: str | None = None, crs: str | None = None,
              commune: str | None = None, force_crs: bool = False,
              mapping: str | Path | dict | None = None) -> ScratchTable:
    read = read_file(path, layer, crs, force_crs, mapping, commune)
    return load_frame(conn, read.frame, read.srid, commune or read.path.stem, str(path), read.mapping,
                      read.path.stem)


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
                 commune: str | None = None, force_crs: bool = False,
                 mapping: str | Path | dict | None = None) -> Iterator[ScratchTable]:
    """A scratch table holding the file for the duration of the ``with`` block; dropped on any exit."""
    read = read_file(path, layer, crs, force_crs, mapping, commune)
    with scratch_map(conn, read, commune) as table:
        yield table


@contextmanager
def scratch_map(conn: psycopg.Connection, read: MapFile, commune: str | None = None) -> Iterator[ScratchTable]:
    """A scratch table holding a file already read (:func:`read_file`); dropped on any exit."""
    with _sigterm_interrupts():
        table = load_frame(conn, read.frame, read.srid, commune or read.path.stem, str(read.path), read.mapping,
                           read.path.stem)
        try:
            yield table
        finally:
            drop(conn, table)
