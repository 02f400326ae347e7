"""Issue 8, acceptance 3 and 4 on the committed sample output of ``sample_scans/`` (see its README):

- the scanned 1:500 paper sheet ``mapsheet/sheet_2.tif`` georeferenced from its GCP CSV: RMS within the
  scale tolerance, the checkpoints (``role = check``, held out of the fit) within tolerance of their truth,
  and the written GeoTIFF puts each checkpoint's grid cross where the truth says;
- the sample certificates' truth records loaded (no OCR) into a database of their own with the ward map
  ``cadastre.gpkg``, linked: every certificate on its map parcel, the planted disagreements of
  ``expected_findings.json`` reported with their numbers.
"""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
import rasterio
from psycopg.rows import dict_row

from geo.crs import parse_srid
from geo.georef import georeference, read_gcps
from geo.link import MIN_OVERLAP, link_certificates
from geo.tolerance import point_tolerance_m
from landdb.settings import PROJECT_ROOT

SAMPLES = PROJECT_ROOT / "sample_scans"
SHEET_META = SAMPLES / "mapsheet" / "sheet_2.json"
EXPECTED = json.loads((SAMPLES / "expected_findings.json").read_text(encoding="utf-8"))
# the link status each planted certificate disagreement must come out as
PLANTED_STATUS = {"cert_map_area": "shape_disagrees", "cert_map_shape": "shape_disagrees",
                  "cert_not_on_map": "not_on_map"}
INK = 128  # grid crosses are drawn black on white paper


@pytest.fixture(scope="module")
def sheet() -> tuple[dict, Path, Path]:
    meta = json.loads(SHEET_META.read_text(encoding="utf-8"))
    return meta, SHEET_META.parent / meta["image"], SHEET_META.parent / meta["gcps"]


def test_sample_sheet_georeferenced_within_tolerance(sheet, tmp_path) -> None:
    meta, image, gcp_csv = sheet
    points = read_gcps(gcp_csv)
    checks = [g for g in points if g.checkpoint]
    assert (len(points) - len(checks), len(checks)) == (meta["gcp_count"], meta["checkpoint_count"])
    origin = "centre" if meta["pixel_convention"].startswith("column and row of the pixel's centre") else "corner"
    report = georeference(image, gcp_csv, srid=parse_srid(meta["crs"]), method="tps", scale=meta["scale"],
                          out=tmp_path / "sheet_2_georef.tif", pixel_origin=origin)
    assert report.tolerance_m == point_tolerance_m(meta["scale"]) == 0.07
    assert report.rms_m <= report.tolerance_m
    assert set(report.residuals_m) == {g.id for g in points if not g.checkpoint}
    assert set(report.checkpoint_errors_m) == {g.id for g in checks}
    assert all(e <= report.tolerance_m for e in report.checkpoint_errors_m.values()), report.checkpoint_errors_m
    assert report.ok
    with rasterio.open(report.out) as ds:
        assert ds.crs.to_epsg() == parse_srid(meta["crs"])
        left, bottom, right, top = ds.bounds
        for easting, northing in meta["corners"].values():
            assert left < easting < right and bottom < northing < top
        band = ds.read(1)
        for g in checks:  # the pixel at the checkpoint's true position is on its grid cross
            row, col = ds.index(g.easting, g.northing)
            assert band[row, col] < INK, (g.id, int(band[row, col]))


def test_affine_on_the_bowed_sheet_is_reported_out_of_tolerance(sheet, tmp_path) -> None:
    meta, image, gcp_csv = sheet
    report = georeference(image, gcp_csv, srid=parse_srid(meta["crs"]), method="affine", scale=meta["scale"],
                          out=tmp_path / "affine.tif", pixel_origin="centre")
    assert not report.ok
    assert any(e > report.tolerance_m for e in report.checkpoint_errors_m.values())
    assert any("too far" in line for line in report.lines())


@pytest.fixture(scope="module")
def sample_db(worker_id: str):
    from tests.conftest import create_database, drop_database

    name = f"landdb_test_geo_samples_{worker_id}".replace("-", "_")
    url = create_database(name)
    with psycopg.connect(url, row_factory=dict_row) as connection:
        yield connection
    drop_database(name)


def _load_samples(conn: psycopg.Connection) -> dict[str, dict]:
    """Import the ward map and load every sample certificate's truth record; truth file → its row."""
    from geo.importer import import_map
    from landdb.loader import load_document, sha256_of
    from landdb.models import CertificateRecord

    report = import_map(conn, SAMPLES / EXPECTED["map"], layer=EXPECTED["layer"], actor="test_geo_samples")
    assert (report.inserted, report.srid) == (EXPECTED["parcels"], parse_srid(EXPECTED["crs"]))
    manifest = json.loads((SAMPLES / "certificates" / "manifest.json").read_text(encoding="utf-8"))
    docs = {}
    for doc in manifest["documents"]:
        pdf, truth = SAMPLES / "certificates" / doc["pdf"], SAMPLES / "certificates" / doc["truth"]
        record = CertificateRecord.model_validate(json.loads(truth.read_text(encoding="utf-8")))
        commune = doc["key"].split("/")[0]
        loaded = load_document(conn, path=pdf, sha256=sha256_of(pdf), record=record, fields=[], pages=doc["pages"],
                               actor="test_geo_samples", commune_code=commune)
        assert loaded.outcome == "loaded"
        docs[f"certificates/{doc['truth']}"] = {"key": doc["key"], "certificate_id": loaded.certificate_id}
    return docs


@pytest.mark.db
def test_sample_certificates_link_to_their_map_parcels(sample_db) -> None:
    conn = sample_db
    docs = _load_samples(conn)
    summary = link_certificates(conn, commune=EXPECTED["commune"], actor="test_geo_samples")
    rows = {r["certificate_id"]: r for r in conn.execute(
        "select cp.certificate_id, cp.link_status, cp.link_measures, "
        "       p.commune_code || '/' || p.sheet_no || '/' || p.parcel_no as map_key "
        "from certificate_parcel cp left join parcel p on p.id = cp.parcel_id")}
    assert len(rows) == len(docs)
    planted = {f["certificate"]: f for f in EXPECTED["findings"] if f["rule"] in PLANTED_STATUS}
    assert set(planted) <= set(docs) and {f["rule"] for f in planted.values()} == set(PLANTED_STATUS)
    assert all(docs[t]["key"] == f["keys"][0] for t, f in planted.items())
    tolerance = point_tolerance_m(EXPECTED["scale"])
    for truth, doc in docs.items():
        row = rows[doc["certificate_id"]]
        m = row["link_measures"]
        if truth in planted:
            continue
        assert (row["link_status"], row["map_key"]) == ("matched", doc["key"]), (truth, m)
        assert m["overlap_ratio"] >= MIN_OVERLAP and m["hausdorff_m"] <= tolerance
        assert abs(m["area_difference_m2"]) <= m["area_tolerance_m2"]

    area = planted_row(rows, docs, planted, "cert_map_area")
    finding = _finding("cert_map_area")
    assert (area["link_status"], area["map_key"]) == ("shape_disagrees", finding["keys"][0])
    m = area["link_measures"]
    assert m["disagrees"] == ["area"]  # its own vertices still give the map polygon
    assert m["printed_area_m2"] == finding["certificate_m2"]
    assert m["map_area_m2"] == pytest.approx(finding["map_m2"], abs=0.01)
    assert m["area_difference_m2"] == pytest.approx(finding["certificate_m2"] - finding["map_m2"], abs=0.01)
    assert m["area_difference_m2"] > m["area_tolerance_m2"]

    shape = planted_row(rows, docs, planted, "cert_map_shape")
    assert (shape["link_status"], shape["map_key"]) == ("shape_disagrees", _finding("cert_map_shape")["keys"][0])
    m = shape["link_measures"]
    assert m["disagrees"] == ["outline"]  # same area
    assert m["hausdorff_m"] > 0.78 > tolerance  # shifted 0.78 m, and rotated
    assert m["overlap_ratio"] < MIN_OVERLAP
    assert abs(m["cert_area_m2"] - m["map_area_m2"]) < 0.5

    gone = planted_row(rows, docs, planted, "cert_not_on_map")
    assert (gone["link_status"], gone["map_key"]) == ("not_on_map", None)
    sheet_no, parcel_no = _finding("cert_not_on_map")["keys"][0].split("/")[1:]
    assert conn.execute("select count(*) as n from parcel where commune_code = %s and sheet_no = %s "
                        "and parcel_no = %s", (EXPECTED["commune"], sheet_no, parcel_no)).fetchone()["n"] == 0
    m = gone["link_measures"]
    assert m["best_overlap_ratio"] == pytest.approx(0.5, abs=0.05)  # half of a parcel merged since
    assert m["cert_area_m2"] == pytest.approx(m["map_area_m2"] / 2, rel=0.05)
    assert m["hausdorff_m"] > tolerance

    assert summary.counts == {"matched": len(docs) - len(planted), "shape_disagrees": 2, "not_on_map": 1}


def _finding(rule: str) -> dict:
    return next(f for f in EXPECTED["findings"] if f["rule"] == rule)


def planted_row(rows: dict, docs: dict, planted: dict, rule: str) -> dict:
    truth = next(t for t, f in planted.items() if f["rule"] == rule)
    return rows[docs[truth]["certificate_id"]]


def test_georef_command_on_the_sample_sheet(sheet, tmp_path) -> None:
    import subprocess
    import sys

    meta, image, gcps = sheet
    out = tmp_path / "sheet.tif"
    done = subprocess.run([sys.executable, "-m", "landdb.cli.main", "georef", str(image), "--gcp", str(gcps),
                           "--crs", meta["crs"], "--method", "tps", "--pixel-origin", "centre",
                           "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "— OK" in done.stdout and done.stdout.count("checkpoint CHK-") == 5
    with rasterio.open(out) as written:
        assert written.crs.to_epsg() == 9210
