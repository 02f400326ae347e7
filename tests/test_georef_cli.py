"""``landdb georef`` as a user meets it (issue 12's small fixes, issue 13's georef cases): without ``--out``
the scan is never overwritten; ``--method`` is checked before anything is read; GCP files saved by Excel
(UTF-16 "Unicode text", tab-separated) or in Windows-1258 are read, garbage is refused in one line; an
unknown EPSG code is one line."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

import pytest
import rasterio

from tests.cli_support import landdb, one_line_error

ROOT = Path(__file__).resolve().parents[1]
MAPSHEET = ROOT / "sample_scans" / "mapsheet"
GOOD = ["--crs", "EPSG:9210", "--method", "tps", "--pixel-origin", "centre", "--scale", "500"]



def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def sheet(tmp_path) -> Path:
    """The sample paper sheet, a TIFF: the very file a default ``SHEET.tif`` output used to overwrite."""
    path = tmp_path / "sheet_2.tif"
    path.write_bytes((MAPSHEET / "sheet_2.tif").read_bytes())
    return path


def rms(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, done.stderr
    return re.search(r"RMS ([0-9.]+) cm", done.stdout).group(1)


def test_without_out_the_scan_is_kept_and_the_output_named(sheet) -> None:
    before = digest(sheet)
    done = landdb("georef", sheet, "--gcp", MAPSHEET / "sheet_2_gcps.csv", *GOOD)
    assert done.returncode == 0, done.stderr
    out = sheet.with_name("sheet_2.georef.tif")
    assert f"wrote {out}" in done.stdout and "no --out given" in done.stdout
    assert digest(sheet) == before
    with rasterio.open(out) as ds:
        assert ds.crs.to_epsg() == 9210
    written = digest(out)
    err = one_line_error(landdb("georef", sheet, "--gcp", MAPSHEET / "sheet_2_gcps.csv", *GOOD))
    assert "sheet_2.georef.tif" in err and "exists" in err and "--out" in err
    assert digest(out) == written and digest(sheet) == before
    err = one_line_error(landdb("georef", sheet, "--gcp", MAPSHEET / "sheet_2_gcps.csv", *GOOD, "--out", sheet))
    assert "never overwrites its input" in err and digest(sheet) == before


def test_method_is_checked_before_anything_is_read(tmp_path) -> None:
    err = one_line_error(landdb("georef", tmp_path / "missing.tif", "--gcp", tmp_path / "missing.csv",
                                "--crs", "EPSG:9210", "--method", "bilinear"))
    assert "--method 'bilinear'" in err and "affine, poly2, tps" in err


def test_unknown_epsg_is_one_line(sheet) -> None:
    err = one_line_error(landdb("georef", sheet, "--gcp", MAPSHEET / "sheet_2_gcps.csv", "--crs", "EPSG:99999"))
    assert "EPSG:99999 is not a known CRS" in err


def test_gcp_files_as_excel_saves_them(sheet, tmp_path) -> None:
    text = (MAPSHEET / "sheet_2_gcps.csv").read_text(encoding="utf-8")
    reference = rms(landdb("georef", sheet, "--gcp", MAPSHEET / "sheet_2_gcps.csv", *GOOD,
                           "--out", tmp_path / "ref.tif"))
    unicode_text = tmp_path / "gcps_unicode.txt"  # Excel "Unicode text": UTF-16 LE with BOM, tab-separated
    unicode_text.write_bytes(text.replace(",", "\t").replace("\n", "\r\n").encode("utf-16"))
    assert rms(landdb("georef", sheet, "--gcp", unicode_text, *GOOD, "--out", tmp_path / "u16.tif")) == reference
    vietnamese = tmp_path / "gcps_cp1258.csv"  # Windows-1258 (tones as combining marks), a Vietnamese name
    vietnamese.write_bytes(text.replace("GCP-0000", "M\u00f4\u0301c-1").encode("cp1258"))
    done = landdb("georef", sheet, "--gcp", vietnamese, *GOOD, "--out", tmp_path / "cp.tif")
    assert rms(done) == reference and "GCP Mốc-1:" in done.stdout


def test_a_gcp_file_that_is_not_text_is_refused_in_one_line(sheet, tmp_path) -> None:
    junk = tmp_path / "gcps.csv"
    junk.write_bytes(bytes(range(256)) * 4)
    err = one_line_error(landdb("georef", sheet, "--gcp", junk, *GOOD, "--out", tmp_path / "x.tif"))
    assert "gcps.csv" in err and "save the GCPs as CSV" in err
    assert not (tmp_path / "x.tif").exists()
