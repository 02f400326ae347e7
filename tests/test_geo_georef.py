"""geo.georef on a sheet synthesised from a known transform (until sample_scans/ has its paper sheet)."""

from __future__ import annotations

import numpy as np
import pytest
import rasterio
from PIL import Image

from geo.georef import GCP, fit_gcps, georeference, read_gcps
from landdb.errors import GeometryError, InputFileError

# a 1:500 sheet scanned at ~0.05 m/pixel, rotated 1.5°, in EPSG:9210 near Bến Thành
E0, N0, RES, ROT = 603500.0, 1192000.0, 0.05, np.radians(1.5)
W, H = 800, 600


def truth(col: float, row: float) -> tuple[float, float]:
    c, s = np.cos(ROT), np.sin(ROT)
    return E0 + RES * (c * col + s * row), N0 + RES * (s * col - c * row)


def _gcps(noise: float = 0.0, seed: int = 1) -> list[GCP]:
    rng = np.random.default_rng(seed)
    pts = [(40, 30), (760, 40), (400, 300), (50, 560), (770, 570), (220, 150), (600, 450), (400, 30), (40, 300),
           (760, 300), (400, 570), (300, 500), (650, 120)]
    out = []
    for i, (c, r) in enumerate(pts):
        e, n = truth(c, r)
        out.append(GCP(f"P{i + 1}", c, r, e + rng.normal(0, noise), n + rng.normal(0, noise), checkpoint=i >= 11))
    return out


@pytest.fixture
def sheet(tmp_path):
    img = np.full((H, W), 255, np.uint8)
    img[::50, :] = 0
    img[:, ::50] = 0
    path = tmp_path / "sheet.png"
    Image.fromarray(img).save(path)
    return path


def _write_csv(path, gcps):
    lines = ["pixel_col,pixel_row,easting,northing,id,checkpoint"]
    lines += [f"{g.col},{g.row},{g.easting:.3f},{g.northing:.3f},{g.id},{int(g.checkpoint)}" for g in gcps]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_affine_exact_transform_geotiff(sheet, tmp_path) -> None:
    csv = _write_csv(tmp_path / "gcps.csv", _gcps())
    report = georeference(sheet, csv, srid=9210, method="affine", scale=500, out=tmp_path / "out.tif")
    assert report.tolerance_m == 0.07 and report.ok
    assert report.rms_m < 0.002  # only the 1 mm rounding of the CSV
    assert set(report.checkpoint_errors_m) == {"P12", "P13"}
    assert max(report.checkpoint_errors_m.values()) < 0.002
    with rasterio.open(report.out) as ds:
        assert ds.crs.to_epsg() == 9210
        for c, r in [(0, 0), (123, 456)]:
            x, y = ds.transform @ (c, r)
            assert (x, y) == pytest.approx(truth(c, r), abs=0.003)


@pytest.mark.parametrize("method", ["poly2", "tps"])
def test_poly2_and_tps_within_tolerance_with_noise(sheet, tmp_path, method) -> None:
    report = georeference(sheet, _gcps(noise=0.01), srid=9210, method=method, out=tmp_path / f"{method}.tif")
    assert report.rms_m <= report.tolerance_m
    assert all(e <= report.tolerance_m for e in report.checkpoint_errors_m.values())
    with rasterio.open(report.out) as ds:
        assert ds.crs.to_epsg() == 9210
        left, bottom, right, top = ds.bounds
        e, n = truth(400, 300)
        assert left < e < right and bottom < n < top


def test_too_few_gcps_named() -> None:
    with pytest.raises(GeometryError, match=r"poly2 needs at least 6 GCPs.*P1"):
        fit_gcps(_gcps()[:5], "poly2")


def test_collinear_gcps_refused() -> None:
    line = [GCP(f"L{i}", i * 10, i * 10, *truth(i * 10, i * 10)) for i in range(4)]
    with pytest.raises(GeometryError, match="collinear"):
        fit_gcps(line, "affine")


def test_inconsistent_gcp_is_named(sheet, tmp_path) -> None:
    gcps = _gcps()
    bad = gcps[4]
    gcps[4] = GCP(bad.id, bad.col, bad.row, bad.easting + 2.5, bad.northing)  # a typo of 2.5 m
    with pytest.raises(GeometryError, match=r"inconsistent GCPs: P5 \("):
        georeference(sheet, gcps, srid=9210, out=tmp_path / "x.tif")


def test_bad_csv_names_file_and_line(tmp_path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("pixel_col,pixel_row,easting,northing,id\n1,2,abc,4,P1\n")
    with pytest.raises(InputFileError, match=r"g.csv: line 2"):
        read_gcps(path)
