"""One CRS gate (issue 13 item 3): every CRS that enters — a file's label, ``import-map --crs``,
``georef --crs``, ``qa check --crs`` — is judged against the coordinates by :func:`geo.crs.gate`. Metre data
given as EPSG:4326 is refused everywhere; ``--force-crs`` keeps it with a warning recorded on the import;
a re-import with the right ``--crs`` re-labels the parcels it concerns."""

from __future__ import annotations

from pathlib import Path

import pyogrio
import pytest

from geo.crs import gate
from landdb.errors import CRSError
from tests.cli_support import landdb, one_line_error

pytestmark = [pytest.mark.db]
ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_scans" / "cadastre.gpkg"  # EPSG:9210, Hồ Chí Minh City
HCMC_BOUNDS = (600904.0, 1197900.0, 601388.0, 1198384.0)



def sample(tmp_path: Path, commune: str, crs: str | None = None) -> Path:
    frame = pyogrio.read_dataframe(SAMPLE, layer="thua_dat")
    frame["ma_xa"] = commune
    if crs:
        frame = frame.set_crs(crs, allow_override=True)
    path = tmp_path / f"{commune}.gpkg"
    pyogrio.write_dataframe(frame, path, layer="thua_dat")
    return path


def srids(conn, commune: str) -> dict:
    return conn.execute("select count(*) as n, array_agg(distinct native_srid) as native, "
                        "array_agg(distinct st_srid(geom)) as geom, min(st_x(st_centroid(geom_wgs84))) as lon, "
                        "max(st_y(st_centroid(geom_wgs84))) as lat from parcel where commune_code = %s",
                        (commune,)).fetchone()


def test_the_gate_judges_every_source_alike() -> None:
    assert gate(HCMC_BOUNDS, declared_srid=9210).srid == 9210
    assert gate(HCMC_BOUNDS, declared_srid=9210, given="EPSG:9210").warnings == ()
    for kwargs in ({"given": "EPSG:4326"}, {"declared_srid": 4326}, {"given": "EPSG:99999"},
                   {"declared_srid": 9210, "given": "4326"}):
        with pytest.raises(CRSError):
            gate(HCMC_BOUNDS, **kwargs)
    far = (665488.0, 4202787.0, 665520.0, 4202830.0)  # Spain: no VN-2000 zone holds it
    with pytest.raises(CRSError, match="outside the plausible range of VN-2000 / TM-3 105-45"):
        gate(far, given="EPSG:9210")
    forced = gate(HCMC_BOUNDS, given="EPSG:4326", force=True)
    assert forced.forced and forced.srid == 4326 and "CRS forced" in forced.warnings[0]
    with pytest.raises(CRSError, match="not a known CRS"):
        gate(HCMC_BOUNDS, given="EPSG:99999", force=True)


def test_import_map_refuses_metre_data_as_4326_forces_it_on_demand_and_a_correction_relabels(conn, tmp_path
                                                                                            ) -> None:
    path = sample(tmp_path, "CRS-A")
    err = one_line_error(landdb("import-map", path, "--crs", "EPSG:4326"))
    assert "EPSG:4326" in err and "metres" in err and "--force-crs" in err
    assert srids(conn, "CRS-A")["n"] == 0
    assert conn.execute("select count(*) from map_import where path = %s", (str(path.resolve()),)
                        ).fetchone()["count"] == 0

    forced = landdb("import-map", path, "--crs", "EPSG:4326", "--force-crs")
    assert forced.returncode == 0, forced.stderr
    assert "landdb: warning: CRS forced: EPSG:4326" in forced.stderr
    row = conn.execute("select srid, report from map_import where path = %s order by id desc limit 1",
                       (str(path.resolve()),)).fetchone()
    assert row["srid"] == 4326 and row["report"]["crs_forced"] is True
    assert any("CRS forced" in w for w in row["report"]["warnings"])
    assert srids(conn, "CRS-A")["native"] == [4326]

    fixed = landdb("import-map", path, "--crs", "EPSG:9210")  # the correction
    assert fixed.returncode == 0, fixed.stderr
    assert "parcels +0 ~916 -0" in fixed.stdout
    after = srids(conn, "CRS-A")
    assert (after["n"], after["native"], after["geom"]) == (916, [9210], [9210])
    assert 106.5 < after["lon"] < 106.8 and 10.7 < after["lat"] < 10.9  # the WGS 84 copy follows: Hồ Chí Minh City
    sheets = conn.execute("select array_agg(distinct srid) as s from map_sheet where commune_code = 'CRS-A'"
                          ).fetchone()["s"]
    assert sheets == [9210]


def test_a_file_labelled_4326_on_metres_is_refused_until_the_right_crs_is_given(conn, tmp_path) -> None:
    path = sample(tmp_path, "CRS-B", crs="EPSG:4326")
    err = one_line_error(landdb("import-map", path))
    assert "declared EPSG:4326" in err and "metres" in err and "--crs" in err
    ok = landdb("import-map", path, "--crs", "EPSG:9210")
    assert ok.returncode == 0, ok.stderr
    assert "the file says EPSG:4326; taken as EPSG:9210" in ok.stderr
    assert srids(conn, "CRS-B")["native"] == [9210]


def test_georef_refuses_degrees_for_metre_gcps_and_writes_nothing(tmp_path) -> None:
    sheet = tmp_path / "sheet_2.tif"
    sheet.write_bytes((ROOT / "sample_scans/mapsheet/sheet_2.tif").read_bytes())
    gcps = ROOT / "sample_scans/mapsheet/sheet_2_gcps.csv"
    err = one_line_error(landdb("georef", sheet, "--gcp", gcps, "--crs", "EPSG:4326"))
    assert "EPSG:4326" in err and "metres" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet_2.tif"]


def test_qa_check_passes_the_same_gate(db_settings, tmp_path) -> None:
    err = one_line_error(landdb("qa", "check", SAMPLE, "--crs", "EPSG:4326"))
    assert "EPSG:4326" in err and "metres" in err and "--force-crs" in err
    mislabelled = sample(tmp_path, "CRS-C", crs="EPSG:4326")
    err = one_line_error(landdb("qa", "check", mislabelled))
    assert "declared EPSG:4326" in err
    ok = landdb("qa", "check", mislabelled, "--crs", "EPSG:9210", "--json")
    assert ok.returncode == 0, ok.stderr
