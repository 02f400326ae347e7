"""Georeferencing a scanned paper map sheet from ground control points (GCPs).

``georeference(sheet, gcps, srid=…, method='affine'|'poly2'|'tps')`` fits pixel → VN-2000
(easting, northing), reports each GCP's residual and the RMS against the point tolerance of
the sheet's scale (domain.md §4: 1:500 → 7 cm), the errors at checkpoints (GCPs held out of
the fit), and writes a GeoTIFF in the sheet's zone (GDAL through rasterio; written to a
temporary file and moved into place). Too few, collinear or inconsistent GCPs raise
:class:`~landdb.errors.GeometryError` naming the points.

GCP CSV columns: ``pixel_col,pixel_row,easting,northing,id`` and optionally ``checkpoint``
(1/true: held out of the fit) or ``role`` (``gcp`` / ``check``, as ``sample_scans/mapsheet`` writes it).
Pixel coordinates follow GDAL: (0, 0) is the top-left corner of the top-left pixel, whose centre is
(0.5, 0.5). A CSV that counts pixel centres from 0 (``sample_scans/mapsheet/sheet_2.json``:
``pixel_convention``) needs ``pixel_origin="centre"``, or the GeoTIFF is off by half a pixel
(at 200 dpi and 1:500, 3 cm in each axis — most of the 7 cm tolerance); the residuals do not show it.

>>> gcps = [GCP("a", 0, 0, 1000.0, 2000.0), GCP("b", 100, 0, 1010.0, 2000.0),
...         GCP("c", 0, 100, 1000.0, 1990.0), GCP("d", 100, 100, 1010.0, 1990.0)]
>>> fit = fit_gcps(gcps, "affine")
>>> [round(float(v), 6) for v in fit.predict([[50, 50]])[0]]
[1005.0, 1995.0]
>>> round(fit.rms_m, 9)
0.0
"""

from __future__ import annotations

import codecs
import csv
import math
import os
import tempfile
import unicodedata
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from geo.crs import CRSDecision, gate
from geo.tolerance import point_tolerance_m
from landdb.errors import GeometryError, InputFileError, ValidationError

__all__ = ["GCP", "Fit", "GeorefReport", "check_method", "default_out", "fit_gcps", "gcp_crs", "georeference",
           "read_gcps"]

MIN_GCPS = {"affine": 3, "poly2": 6, "tps": 4}
ROLES = {"gcp": False, "control": False, "check": True, "checkpoint": True}  # role column → held out
OUTLIER_FACTOR = 3.0  # a GCP whose leave-one-out error exceeds 3 × tolerance is inconsistent


@dataclass(frozen=True)
class GCP:
    id: str
    col: float
    row: float
    easting: float
    northing: float
    checkpoint: bool = False


def _decode(path: Path, raw: bytes) -> str:
    """The GCP file's text: UTF-8 (with or without BOM), UTF-16/32 with a BOM (Excel's "Unicode text"),
    UTF-16 without one, or Windows-1258 (Vietnamese Excel); anything else is refused."""
    boms = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
            (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    codec = next((name for bom, name in boms if raw.startswith(bom)), None)
    if codec is None:
        even, odd = raw[0:200:2], raw[1:200:2]
        codec = ("utf-16-le" if odd and odd.count(0) > len(odd) // 2 else
                 "utf-16-be" if even and even.count(0) > len(even) // 2 else "utf-8")
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        if codec != "utf-8":
            raise InputFileError(path, f"not readable as {codec} text; save the GCPs as CSV (UTF-8)") from None
        try:
            text = raw.decode("cp1258")
        except UnicodeDecodeError:
            raise InputFileError(path, "neither UTF-8, UTF-16 nor Windows-1258 text; save the GCPs as CSV "
                                       "(UTF-8)") from None
    if "\x00" in text:
        raise InputFileError(path, "binary data, not a text GCP file; save the GCPs as CSV (UTF-8)")
    return unicodedata.normalize("NFC", text)


def _number(value: str | None, decimal_comma: bool) -> float:
    text = (value or "").strip()
    if decimal_comma and "." not in text:
        text = text.replace(",", ".")
    return float(text)


def read_gcps(path: str | Path) -> list[GCP]:
    """Read a GCP file (CSV, or tab- or semicolon-separated as Excel saves it, in any of the encodings
    :func:`_decode` reads); InputFileError naming the file, the line and the reason."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputFileError(path, "GCP file not found") from None
    except (IsADirectoryError, PermissionError) as exc:
        raise InputFileError(path, f"cannot read the GCP file ({exc.strerror})") from None
    text = _decode(path, raw)
    lines = text.splitlines()
    header = lines[0] if lines else ""
    delimiter = max(",\t;", key=header.count)
    reader = csv.DictReader(lines, delimiter=delimiter)
    need = {"pixel_col", "pixel_row", "easting", "northing", "id"}
    reader.fieldnames = [str(f).strip().lower() for f in (reader.fieldnames or [])]
    if not need <= set(reader.fieldnames):
        raise InputFileError(path, f"columns {sorted(need)} needed; found {reader.fieldnames}")
    out = []
    for line, row in enumerate(reader, start=2):
        try:
            values = [_number(row[k], delimiter != ",") for k in ("pixel_col", "pixel_row", "easting", "northing")]
        except (TypeError, ValueError):
            raise InputFileError(path, f"line {line}: not a number in {row}") from None
        if not all(math.isfinite(v) for v in values):
            raise InputFileError(path, f"line {line}: not a finite number in {row}")
        flag = str(row.get("checkpoint") or "").strip().lower() in ("1", "true", "yes", "x")
        role = str(row.get("role") or "gcp").strip().lower()
        if role not in ROLES:
            raise InputFileError(path, f"line {line}: role {role!r} is not one of {sorted(ROLES)}")
        flag = flag or ROLES[role]
        out.append(GCP(str(row["id"]).strip(), *values, checkpoint=flag))
    ids = [g.id for g in out]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise InputFileError(path, f"duplicate GCP ids {dupes}")
    return out


def _terms(px: np.ndarray, method: str) -> np.ndarray:
    c, r = px[:, 0], px[:, 1]
    one = np.ones_like(c)
    if method == "affine":
        return np.column_stack([one, c, r])
    return np.column_stack([one, c, r, c * c, c * r, r * r])


@dataclass
class Fit:
    method: str
    ids: list[str]
    residuals_m: list[float]  # at the fitted GCPs (leave-one-out for tps, whose fit passes through them)
    rms_m: float
    _model: object = field(repr=False, default=None)
    _scale: tuple[np.ndarray, float] = field(repr=False, default=None)

    def predict(self, pixels) -> np.ndarray:
        px = np.asarray(pixels, dtype=float)
        center, span = self._scale
        norm = (px - center) / span
        if self.method == "tps":
            return self._model(norm)
        return _terms(norm, self.method) @ self._model


def _solve(px: np.ndarray, world: np.ndarray, method: str, scale: tuple[np.ndarray, float]):
    norm = (px - scale[0]) / scale[1]
    if method == "tps":
        from scipy.interpolate import RBFInterpolator

        return RBFInterpolator(norm, world, kernel="thin_plate_spline")
    coef, *_ = np.linalg.lstsq(_terms(norm, method), world, rcond=None)
    return coef


def fit_gcps(gcps: list[GCP], method: str = "affine") -> Fit:
    """Fit pixel → (easting, northing) on the GCPs that are not checkpoints."""
    if method not in MIN_GCPS:
        raise GeometryError(f"unknown method {method!r}; use one of {sorted(MIN_GCPS)}")
    used = [g for g in gcps if not g.checkpoint]
    if len(used) < MIN_GCPS[method]:
        raise GeometryError(f"{method} needs at least {MIN_GCPS[method]} GCPs (checkpoints excluded); got "
                            f"{len(used)}: {[g.id for g in used]}")
    px = np.array([[g.col, g.row] for g in used])
    world = np.array([[g.easting, g.northing] for g in used])
    for name, pts in (("pixel", px), ("map", world)):
        centred = pts - pts.mean(axis=0)
        sv = np.linalg.svd(centred, compute_uv=False)
        if sv[-1] <= 1e-9 * max(sv[0], 1e-12):
            raise GeometryError(f"GCPs {[g.id for g in used]} are collinear in {name} coordinates: "
                                "they cannot fix a 2-D transform")
    scale = (px.mean(axis=0), float(np.abs(px - px.mean(axis=0)).max()) or 1.0)
    model = _solve(px, world, method, scale)
    fit = Fit(method, [g.id for g in used], [], 0.0, model, scale)
    if method == "tps":
        residuals = []
        for i in range(len(used)):
            keep = np.arange(len(used)) != i
            loo = _solve(px[keep], world[keep], method, scale)
            residuals.append(float(np.hypot(*(loo((px[i:i + 1] - scale[0]) / scale[1])[0] - world[i]))))
    else:
        residuals = [float(v) for v in np.hypot(*(fit.predict(px) - world).T)]
    fit.residuals_m = residuals
    fit.rms_m = float(math.sqrt(sum(r * r for r in residuals) / len(residuals)))
    return fit


@dataclass
class GeorefReport:
    method: str
    srid: int
    scale: int
    tolerance_m: float
    residuals_m: dict[str, float]
    rms_m: float
    checkpoint_errors_m: dict[str, float]
    out: Path | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.rms_m <= self.tolerance_m and all(e <= self.tolerance_m for e in self.checkpoint_errors_m.values())

    def lines(self) -> list[str]:
        out = [f"{self.method}: RMS {self.rms_m * 100:.1f} cm against {self.tolerance_m * 100:.0f} cm "
               f"(1:{self.scale}) — {'OK' if self.ok else 'OUT OF TOLERANCE'}"]
        out += [f"  GCP {k}: residual {v * 100:.1f} cm" for k, v in self.residuals_m.items()]
        out += [f"  checkpoint {k}: error {v * 100:.1f} cm" + ("" if v <= self.tolerance_m else "  (too far)")
                for k, v in self.checkpoint_errors_m.items()]
        return out


def _check_consistent(fit: Fit, gcps: list[GCP], tolerance_m: float) -> None:
    """Leave-one-out: refit without each GCP and measure how far it lands. With too little redundancy
    for the chosen method (fewer than its minimum + 3) the check uses an affine fit, whose few
    parameters make a single bad point stand out instead of being absorbed."""
    used = [g for g in gcps if not g.checkpoint]
    method = fit.method if len(used) >= MIN_GCPS[fit.method] + 3 else "affine"
    if len(used) < MIN_GCPS[method] + 2:
        return
    loo = {}
    for g in used:
        rest = fit_gcps([h for h in used if h.id != g.id], method)
        loo[g.id] = float(np.hypot(*(rest.predict([[g.col, g.row]])[0] - [g.easting, g.northing])))
    limit = OUTLIER_FACTOR * tolerance_m
    worst = max(loo.values(), default=0.0)
    bad = {k: v for k, v in loo.items() if v > limit and v >= 0.5 * worst}
    if bad:
        named = ", ".join(f"{k} ({v:.2f} m)" for k, v in sorted(bad.items(), key=lambda kv: -kv[1]))
        raise GeometryError(f"inconsistent GCPs: {named} disagree with the others by more than {limit:.2f} m "
                            f"({OUTLIER_FACTOR:g} × the scale tolerance, leave-one-out {method}); check their pixel "
                            "or map coordinates")


def default_out(sheet: Path) -> Path:
    """Where the GeoTIFF goes without ``--out``: beside the scan, never over it (``SHEET.georef.tif``).

    >>> default_out(Path("maps/sheet_2.tif")).as_posix()
    'maps/sheet_2.georef.tif'
    """
    return sheet.with_name(f"{sheet.stem}.georef.tif")


def _output(sheet: Path, out: str | Path | None) -> Path:
    if out is None:
        target = default_out(sheet)
        if target.exists():
            raise InputFileError(target, "exists already (written by an earlier georef?); remove it or name the "
                                         "output with --out")
        return target
    target = Path(out)
    if target.is_dir():
        raise InputFileError(target, "is a folder; --out names the GeoTIFF file to write")
    if target.exists() and target.resolve() == sheet.resolve():
        raise InputFileError(target, "is the scanned sheet itself; georef never overwrites its input")
    return target


def check_method(method: str) -> str:
    """``method`` if it is one landdb fits; a clear error listing them otherwise."""
    if method not in MIN_GCPS:
        raise ValidationError(f"--method {method!r} is not a georeferencing method; use one of "
                              f"{', '.join(MIN_GCPS)}")
    return method


def gcp_crs(points: list[GCP], srid: str | int, force_crs: bool = False, what: str = "GCPs") -> CRSDecision:
    """The CRS gate (:func:`geo.crs.gate`) on the GCPs' map coordinates: degrees given for metres, or a
    zone the points fall outside, is refused unless ``force_crs``."""
    east, north = [g.easting for g in points], [g.northing for g in points]
    if not points:
        raise GeometryError(f"{what}: no GCPs")
    return gate((min(east), min(north), max(east), max(north)), given=srid, force=force_crs, what=what)


def georeference(sheet: str | Path, gcps: list[GCP] | str | Path, *, srid: int | str, method: str = "affine",
                 scale: int = 500, out: str | Path | None = None, pixel_origin: str = "corner",
                 force_crs: bool = False) -> GeorefReport:
    """Fit, check and write the georeferenced GeoTIFF (``out`` default: ``SHEET.georef.tif`` beside the
    sheet, refused if it exists; the sheet itself is never overwritten). ``srid`` passes the CRS gate
    against the GCPs' coordinates. ``pixel_origin``: ``corner`` (GDAL) or ``centre`` (the GCPs count
    pixel centres from 0)."""
    import rasterio
    from rasterio.control import GroundControlPoint
    from rasterio.crs import CRS
    from rasterio.transform import Affine
    from rasterio.warp import Resampling, calculate_default_transform, reproject

    check_method(method)
    if pixel_origin not in ("corner", "centre"):
        raise ValidationError(f"--pixel-origin {pixel_origin!r}: use 'corner' (GDAL) or 'centre'")
    sheet = Path(sheet)
    if not sheet.exists():
        raise InputFileError(sheet, "sheet image not found")
    out = _output(sheet, out)
    points = read_gcps(gcps) if isinstance(gcps, str | Path) else list(gcps)
    decision = gcp_crs(points, srid, force_crs, f"{gcps if isinstance(gcps, str | Path) else sheet} GCPs")
    srid = decision.srid
    if pixel_origin == "centre":
        points = [replace(g, col=g.col + 0.5, row=g.row + 0.5) for g in points]
    tolerance = point_tolerance_m(scale)
    fit = fit_gcps(points, method)
    _check_consistent(fit, points, tolerance)
    checks = {g.id: float(np.hypot(*(fit.predict([[g.col, g.row]])[0] - [g.easting, g.northing])))
              for g in points if g.checkpoint}
    report = GeorefReport(method, srid, scale, tolerance, dict(zip(fit.ids, fit.residuals_m, strict=True)),
                          fit.rms_m, checks, warnings=list(decision.warnings))
    try:
        with warnings.catch_warnings():  # a scanned sheet has no georeference: that is why we are here
            warnings.simplefilter("ignore", rasterio.errors.NotGeoreferencedWarning)
            src = rasterio.open(sheet)
    except rasterio.errors.RasterioIOError as exc:
        raise InputFileError(sheet, f"cannot read the image ({exc})") from None
    crs = CRS.from_epsg(srid)
    with src:
        data = src.read()
        profile = {"driver": "GTiff", "count": src.count, "dtype": data.dtype, "crs": crs, "compress": "deflate"}
        if method == "affine":
            origin = fit.predict([[0, 0]])[0]
            dc, dr = fit.predict([[1, 0]])[0] - origin, fit.predict([[0, 1]])[0] - origin
            transform = Affine(dc[0], dr[0], origin[0], dc[1], dr[1], origin[1])
            profile.update(width=src.width, height=src.height, transform=transform)
        else:
            used = [g for g in points if not g.checkpoint]
            gcp_list = [GroundControlPoint(row=g.row, col=g.col, x=g.easting, y=g.northing, z=0.0, id=g.id)
                        for g in used]
            opts = {"SRC_METHOD": "GCP_TPS"} if method == "tps" else {"SRC_METHOD": "GCP_POLYNOMIAL",
                                                                       "MAX_GCP_ORDER": 2}
            transform, width, height = calculate_default_transform(crs, crs, src.width, src.height, gcps=gcp_list,
                                                                   **opts)
            warped = np.zeros((src.count, height, width), dtype=data.dtype)
            reproject(data, warped, gcps=gcp_list, src_crs=crs, dst_transform=transform, dst_crs=crs,
                      resampling=Resampling.bilinear, **opts)
            data = warped
            profile.update(width=width, height=height, transform=transform)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".tif", dir=out.parent)
    os.close(fd)
    try:
        with rasterio.open(tmp, "w", **profile) as dst:
            dst.write(data)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    report.out = out
    return report
