"""Reading one layer of a cadastral map file with GDAL (pyogrio): which layer, which CRS the file
*states*, which text encoding, and a content hash of the file and its sidecars.

Formats: GeoPackage, Shapefile (``.cpg`` honoured; TCVN3 decoded), INSPIRE/Catastro GML
(``srsName`` read when GDAL reports no CRS), MicroStation DGN v7 and anything else GDAL reads.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geo.mapping import TCVN3_NAMES, from_tcvn3, looks_tcvn3
from landdb.errors import CRSError, InputFileError

__all__ = ["LayerData", "file_sha256", "read_layer", "shapefile_main", "srs_names_in_gml"]

SIDECARS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".gfs")
_SRSNAME = re.compile(rb'srsName\s*=\s*"[^"]*?EPSG(?:::|:|/0/|\.xml#)(\d{4,6})"', re.IGNORECASE)


@dataclass
class LayerData:
    path: Path
    layer: str
    frame: gpd.GeoDataFrame
    declared_srid: int | None  # what the file says (None: nothing)
    crs_source: str  # 'gdal' | 'gml srsName' | 'none'
    encoding: str | None
    notes: list[str] = field(default_factory=list)


def shapefile_main(path: Path) -> Path:
    """The ``.shp`` of a Shapefile whichever of its files is named (``.dbf``, ``.prj`` …); else ``path``."""
    if path.suffix.lower() not in SIDECARS or path.suffix.lower() == ".shp":
        return path
    return next((p for p in (path.with_suffix(".shp"), path.with_suffix(".SHP")) if p.exists()), path)


def file_sha256(path: Path) -> str:
    """sha256 over the file and, for a Shapefile (whichever of its files is named), all its files
    (.shp, .shx, .dbf, .prj, .cpg …): a changed geometry or attribute is a new version."""
    digest = hashlib.sha256()
    path = shapefile_main(path)
    parts = [path]
    if path.suffix.lower() == ".shp":
        parts = [p for ext in SIDECARS for p in (path.with_suffix(ext), path.with_suffix(ext.upper())) if p.exists()]
    for part in parts:
        digest.update(part.suffix.lower().encode())
        with part.open("rb") as fh:
            for chunk in iter(lambda fh=fh: fh.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def srs_names_in_gml(path: Path, limit: int = 64 << 20) -> set[int]:
    """Every EPSG code named by an ``srsName`` in the GML file.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.gml"
    >>> _ = p.write_text('<gml:Surface srsName="urn:ogc:def:crs:EPSG::25830"/>')
    >>> srs_names_in_gml(p)
    {25830}
    """
    with path.open("rb") as fh:
        data = fh.read(limit)
    return {int(m) for m in _SRSNAME.findall(data)}


def _cpg_encoding(path: Path) -> str | None:
    for cpg in (path.with_suffix(".cpg"), path.with_suffix(".CPG")):
        if cpg.exists():
            return cpg.read_text(encoding="ascii", errors="replace").strip() or None
    return None


def _choose_layer(path: Path, layer: str | None) -> str:
    try:
        layers = [str(name) for name, _ in pyogrio.list_layers(path)]
    except pyogrio.errors.DataSourceError as exc:
        raise InputFileError(path, f"GDAL cannot open it as a map ({exc})") from None
    if layer is not None:
        if layer not in layers:
            raise InputFileError(path, f"no layer {layer!r}; layers: {layers}")
        return layer
    if len(layers) != 1:
        raise InputFileError(path, f"{len(layers)} layers {layers}: say which with --layer")
    return layers[0]


def _declared_srid(path: Path, frame: gpd.GeoDataFrame) -> tuple[int | None, str]:
    if frame.crs is not None:
        epsg = frame.crs.to_epsg(min_confidence=70)
        if epsg is None:
            raise CRSError(f"{path}: its CRS has no EPSG code ({frame.crs.name}); give one with --crs EPSG:<code>")
        return epsg, "gdal"
    if path.suffix.lower() in (".gml", ".xml"):
        codes = srs_names_in_gml(path)
        if len(codes) > 1:
            raise CRSError(f"{path}: geometries name several CRSs {sorted(codes)}; import one at a time")
        if codes:
            return codes.pop(), "gml srsName"
    return None, "none"


def read_layer(path: str | Path, layer: str | None = None, encoding: str | None = None) -> LayerData:
    """Read one layer as a GeoDataFrame without reprojecting anything. ``encoding``: the mapping's
    (``'tcvn3'`` or a codec name); by default the ``.cpg`` / GDAL's own reading."""
    path = Path(path)
    if not path.exists():
        raise InputFileError(path, "file not found")
    if not path.is_file():
        raise InputFileError(path, "not a file")
    path = shapefile_main(path)
    name = _choose_layer(path, layer)
    notes: list[str] = []
    is_shp = path.suffix.lower() == ".shp"
    cpg = _cpg_encoding(path) if is_shp else None
    wanted = encoding or cpg
    tcvn3 = (wanted or "").lower() in TCVN3_NAMES
    read_encoding = "latin1" if tcvn3 else (wanted if is_shp and wanted else None)
    options = {"WRITE_GFS": "NO"} if path.suffix.lower() == ".gml" else {}
    try:
        frame = pyogrio.read_dataframe(path, layer=name, encoding=read_encoding, **options)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise InputFileError(path, f"cannot read layer {name!r} ({exc})") from None
    except LookupError as exc:
        raise InputFileError(path, f"unknown text encoding {wanted!r} ({exc})") from None
    text_cols = [c for c in frame.columns if c != frame.geometry.name
                 and (frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c].dtype))]
    if tcvn3:
        for col in text_cols:
            frame[col] = frame[col].map(lambda v: from_tcvn3(v) if isinstance(v, str) else v)
        notes.append(f"attribute text decoded from TCVN3 ({'.cpg' if cpg and not encoding else 'mapping'})")
    elif is_shp and not wanted:
        sample = [v for c in text_cols for v in frame[c].head(200) if isinstance(v, str)]
        if looks_tcvn3(sample):
            raise InputFileError(path, "attribute text looks like legacy TCVN3 (ABC) but the file has no .cpg; "
                                       "say encoding = \"tcvn3\" in the mapping (or the right codec)")
    declared, source = _declared_srid(path, frame)
    return LayerData(path, name, frame, declared, source, "tcvn3" if tcvn3 else read_encoding, notes)
