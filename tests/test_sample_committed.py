"""The committed sample output under sample_scans/: in sync with the generator, valid, and usable as truth
(certificates, the ward map with its findings, the scanned paper sheet with its control points)."""

from __future__ import annotations

import csv
import json
import warnings

import geopandas as gpd
import numpy as np
import pypdfium2 as pdfium
import pytest
import rasterio

from landdb.models import validate_record_json
from landdb.settings import PROJECT_ROOT
from sample_scans.document import truth_json
from sample_scans.generate import plan
from sample_scans.plant import build_sample

ROOT = PROJECT_ROOT / "sample_scans"
CERTS = ROOT / "certificates"
SHEET = ROOT / "mapsheet"


@pytest.fixture(scope="module")
def manifest():
    return json.loads((CERTS / "manifest.json").read_text(encoding="utf-8"))


def test_committed_certificates_cover_both_forms_and_all_severities(manifest):
    docs = manifest["documents"]
    assert len(docs) == 12
    assert {(d["form"], d["severity"]) for d in docs} == {
        (f, s) for f in ("GCN-2014", "GCN-2024") for s in ("clean", "light", "medium", "heavy")}
    for d in docs:
        validate_record_json(json.loads((CERTS / d["truth"]).read_text(encoding="utf-8")))
        pdf = pdfium.PdfDocument(CERTS / d["pdf"])
        assert len(pdf) == d["pages"]
        pdf.close()


def test_committed_truth_is_what_the_generator_makes(manifest):
    """Same seed, same bytes: the committed truth equals a fresh run (regenerate deliberately if this fails)."""
    sample = build_sample(seed=1, certificates=12)
    for d, (_, _, cert) in zip(manifest["documents"], plan(12, 1, plots=sample.plots), strict=True):
        assert (CERTS / d["truth"]).read_text(encoding="utf-8") == truth_json(cert), d["truth"]
    findings = json.loads((ROOT / "expected_findings.json").read_text(encoding="utf-8"))
    assert [f["rule"] for f in findings["findings"]] == [f["rule"] for f in sample.findings]
    assert [f["keys"] for f in findings["findings"]] == [f["keys"] for f in sample.findings]


def test_committed_map_opens_in_epsg_9210_with_every_finding_key():
    frame = gpd.read_file(ROOT / "cadastre.gpkg", layer="thua_dat")
    assert frame.crs.to_epsg() == 9210
    keys = set(frame["ma_xa"] + "/" + frame["to_ban_do"].astype(str) + "/" + frame["thua"].astype(str))
    doc = json.loads((ROOT / "expected_findings.json").read_text(encoding="utf-8"))
    for f in doc["findings"]:
        present = [k in keys for k in f["keys"]]
        assert all(present) != (f["rule"] == "cert_not_on_map"), f
        if "certificate" in f:
            assert (ROOT / f["certificate"]).exists()


@pytest.fixture(scope="module")
def gcps():
    with open(SHEET / "sheet_2_gcps.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["pixel_col", "pixel_row", "easting", "northing", "id", "role"]
    return rows


def test_paper_sheet_is_not_georeferenced_and_its_gcps_sit_on_the_grid_crosses(gcps):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", rasterio.errors.NotGeoreferencedWarning)
        with rasterio.open(SHEET / "sheet_2.tif") as src:
            assert src.crs is None and src.transform.is_identity
            img = src.read(1)
    background = np.median(img)
    for r in gcps:
        c, rr = round(float(r["pixel_col"])), round(float(r["pixel_row"]))
        assert img[rr - 1:rr + 2, c - 1:c + 2].mean() < background - 80, r["id"]  # ink under the point
    assert sum(r["role"] == "check" for r in gcps) >= 4


def test_gcp_pixels_are_the_cross_centres_to_a_fraction_of_a_pixel(gcps):
    """Dark-pixel centroids of each cross's arms agree with the truth (median over the crosses, which also
    absorbs the few crosses that a parcel line runs through)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", rasterio.errors.NotGeoreferencedWarning)
        with rasterio.open(SHEET / "sheet_2.tif") as src:
            ink = 255.0 - src.read(1)
    ink[ink < 60] = 0
    offsets = []
    for r in gcps:
        c, rr = float(r["pixel_col"]), float(r["pixel_row"])
        ci, ri = round(c), round(rr)
        arms_h = np.r_[ci - 18:ci - 5, ci + 6:ci + 19]
        band = ink[ri - 6:ri + 7][:, arms_h].sum(1)
        dy = (band * np.arange(ri - 6, ri + 7)).sum() / band.sum() - rr
        arms_v = np.r_[ri - 18:ri - 5, ri + 6:ri + 19]
        band = ink[arms_v][:, ci - 6:ci + 7].sum(0)
        dx = (band * np.arange(ci - 6, ci + 7)).sum() / band.sum() - c
        offsets.append((dx, dy))
    assert np.all(np.abs(np.median(offsets, axis=0)) < 0.15)
    assert np.median(np.abs(offsets)) < 0.15


def _fit(rows, order):
    def design(p):
        c, r = p[:, 0] / 1000, p[:, 1] / 1000
        terms = [np.ones_like(c), c, r]
        for k in range(2, order + 1):
            terms += [c ** (k - i) * r ** i for i in range(k + 1)]
        return np.stack(terms, 1)

    pix = np.array([[float(r["pixel_col"]), float(r["pixel_row"])] for r in rows])
    world = np.array([[float(r["easting"]), float(r["northing"])] for r in rows])
    fit = np.array([r["role"] == "gcp" for r in rows])
    coef, *_ = np.linalg.lstsq(design(pix[fit]), world[fit], rcond=None)
    res = design(pix[~fit]) @ coef - world[~fit]
    return float(np.sqrt((res ** 2).sum(1).mean()))


def test_gcps_need_more_than_an_affine_fit_and_a_cubic_one_meets_the_1_500_tolerance(gcps):
    assert _fit(gcps, 1) > 0.07  # the scan is really distorted
    assert _fit(gcps, 3) < 0.07 / 2
