"""Georeferenced paper map sheets (GeoTIFFs written by ``landdb georef``) as a raster layer under the parcels.

The sheets are the ``*.tif`` files of the ``[web] sheets_dir`` folder (default ``var/sheets``). The map places
each one by its four corners in WGS 84 (a MapLibre image source: exact for an affine sheet, within a pixel for a
warped one), from a PNG made once per file version and cached under ``var/cache/web/sheets/``.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

from landdb.errors import InputFileError, NotFoundError
from landdb.settings import get_settings

MAX_SIDE = 2048   # pixels of the PNG the browser gets (a 1:500 sheet at 200 dpi is ~4,000 px: 12 cm per pixel)


def sheets_dir(configured: str) -> Path:
    return Path(configured) if configured else get_settings().var_dir / "sheets"


def list_sheets(folder: Path) -> list[dict[str, Any]]:
    """Every georeferenced sheet in ``folder``: name, CRS and corners (lon, lat: NW, NE, SE, SW)."""
    if not folder.is_dir():
        return []
    return [sheet_info(path) for path in sorted(folder.glob("*.tif"))]


def sheet_info(path: Path) -> dict[str, Any]:
    import rasterio
    from pyproj import Transformer

    from geo.crs import pinned_crs

    try:
        with rasterio.open(path) as src:
            if src.crs is None:
                raise InputFileError(path, "the sheet has no CRS: georeference it with `landdb georef` first")
            t = src.transform
            corners = [t @ (0, 0), t @ (src.width, 0), t @ (src.width, src.height), t @ (0, src.height)]
            to_wgs84 = Transformer.from_crs(pinned_crs(src.crs), "EPSG:4326", always_xy=True)
            lonlat = [list(to_wgs84.transform(x, y)) for x, y in corners]
            epsg = src.crs.to_epsg()
    except rasterio.errors.RasterioIOError as exc:
        raise InputFileError(path, f"cannot be read as a GeoTIFF ({exc})") from exc
    return {"name": path.stem, "crs": f"EPSG:{epsg}" if epsg else None, "corners": lonlat}


def sheet_png(folder: Path, name: str) -> Path:
    """A PNG of sheet ``name`` (white made transparent where the sheet has no data), cached per file version."""
    path = folder / f"{name}.tif"
    if "/" in name or "\\" in name or name.startswith(".") or not path.is_file():
        raise NotFoundError(f"no georeferenced sheet {name!r}")
    stat = path.stat()
    key = hashlib.sha256(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:24]
    target = get_settings().var_dir / "cache" / "web" / "sheets" / f"{key}.png"
    if target.exists():
        return target
    image = _render(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            image.save(handle, "PNG", compress_level=3)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def _render(path: Path):
    import numpy as np
    import rasterio
    from PIL import Image
    from rasterio.enums import Resampling

    with rasterio.open(path) as src:
        factor = max(1.0, max(src.width, src.height) / MAX_SIDE)
        shape = (src.count, int(src.height / factor), int(src.width / factor))
        data = src.read(out_shape=shape, resampling=Resampling.average)
        mask = src.dataset_mask(out_shape=shape[1:]) if src.nodata is not None or src.count == 4 else None
    bands = data[:3] if data.shape[0] >= 3 else np.repeat(data[:1], 3, axis=0)
    rgb = np.moveaxis(bands, 0, -1).astype(np.uint8)
    alpha = mask if mask is not None else np.full(rgb.shape[:2], 255, np.uint8)
    return Image.fromarray(np.dstack([rgb, alpha.astype(np.uint8)]), "RGBA")
