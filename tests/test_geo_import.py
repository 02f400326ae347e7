"""Cadastral map import into the real PostGIS: the Đan Phượng map, its mislabelled copy, sheet versions,
the Spanish Catastro GML files, and a TCVN3 Shapefile."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import geopandas as gpd
import pyogrio
import pytest
import shapely

from geo.importer import import_map
from landdb.errors import CRSError, InputFileError
from tests.conftest import REALDATA, need_file

pytestmark = [pytest.mark.db]
DANPHUONG = REALDATA / "cadastre-danphuong" / "parcels.gpkg"
GML_DIR = REALDATA / "es-catastro-gml"


def _counts(conn, commune: str) -> dict:
    return conn.execute(
        "select count(*) as n, count(distinct sheet_no) as sheets, count(*) filter (where not is_valid) as invalid,"
        " count(*) filter (where is_valid is null) as unknown from parcel where commune_code = %s", (commune,),
    ).fetchone()


@pytest.mark.realdata
def test_danphuong_import_counts_and_idempotent(conn) -> None:
    need_file(DANPHUONG)
    report = import_map(conn, DANPHUONG, layer="thua_dat", commune="DP01", actor="test")
    assert (report.features, report.invalid, report.sheets) == (6910, 1171, {"new": 27})
    counts = _counts(conn, "DP01")
    assert (counts["n"], counts["sheets"], counts["invalid"], counts["unknown"]) == (6910, 27, 1171, 0)
    # invalid geometries are kept as they are: GEOS in PostGIS agrees with the flag
    assert conn.execute("select count(*) from parcel where commune_code = 'DP01' and st_isvalid(geom) <> is_valid"
                        ).fetchone()["count"] == 0
    row = conn.execute("select land_use_raw, land_use_code, attributes->>'loai_dat' as loai, native_srid, "
                       "declared_area_m2 from parcel where commune_code = 'DP01' and land_use_raw = 'LUC' limit 1"
                       ).fetchone()
    assert (row["land_use_code"], row["loai"], row["native_srid"]) == ("LUC", "2L", 5897)
    before = conn.execute("select (select count(*) from parcel) p, (select count(*) from audit_log) a, "
                          "(select count(*) from map_import) m, (select max(updated_at) from parcel) u").fetchone()
    again = import_map(conn, DANPHUONG, layer="thua_dat", commune="DP01", actor="test")
    assert again.already_imported and again.map_import_id == report.map_import_id
    after = conn.execute("select (select count(*) from parcel) p, (select count(*) from audit_log) a, "
                         "(select count(*) from map_import) m, (select max(updated_at) from parcel) u").fetchone()
    assert after == before


@pytest.mark.realdata
def test_mislabelled_utm_copy_is_refused_then_imported_with_crs(conn, tmp_path) -> None:
    need_file(DANPHUONG)
    copy = tmp_path / "danphuong_3405.gpkg"
    subprocess.run(["ogr2ogr", "-q", "-a_srs", "EPSG:3405", str(copy), str(DANPHUONG), "thua_dat"], check=True)
    assert pyogrio.read_info(copy)["crs"] == "EPSG:3405"
    with pytest.raises(CRSError) as err:
        import_map(conn, copy, commune="DP3405")
    message = str(err.value)
    assert "mislabelled UTM cadastral layer" in message and "EPSG:5897" in message and "--crs EPSG:5897" in message
    assert _counts(conn, "DP3405")["n"] == 0
    report = import_map(conn, copy, crs="EPSG:5897", commune="DP3405")
    assert (report.srid, report.declared_srid, report.features) == (5897, 3405, 6910)
    # the same place as the correctly labelled original: identical coordinates, nothing reprojected
    a = conn.execute("select st_astext(geom) g, st_srid(geom) s from parcel where commune_code = 'DP3405' "
                     "order by sheet_no, parcel_no, key_seq limit 1").fetchone()
    frame = pyogrio.read_dataframe(DANPHUONG, layer="thua_dat")
    first = frame.sort_values(["to_ban_do", "thua"], key=lambda c: c.astype(str)).iloc[0]
    assert a["s"] == 5897 and shapely.from_wkt(a["g"]).equals_exact(first.geometry, 1e-9)


def test_cli_refuses_mislabelled_file_with_reason(db_settings, tmp_path) -> None:
    need_file(DANPHUONG)
    copy = tmp_path / "utm.gpkg"
    subprocess.run(["ogr2ogr", "-q", "-a_srs", "EPSG:3405", "-where", "to_ban_do = 1", str(copy), str(DANPHUONG),
                    "thua_dat"], check=True)
    exe = os.path.join(os.path.dirname(sys.executable), "landdb")
    done = subprocess.run([exe, "import-map", str(copy), "--commune", "CLI1"], capture_output=True, text=True)
    assert done.returncode == 2 and "EPSG:5897" in done.stderr and str(copy) in done.stderr
    ok = subprocess.run([exe, "import-map", str(copy), "--commune", "CLI1", "--crs", "EPSG:5897"],
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "1 new" in ok.stdout


@pytest.mark.realdata
def test_new_version_of_a_sheet_records_what_changed(conn, tmp_path) -> None:
    need_file(DANPHUONG)
    frame = pyogrio.read_dataframe(DANPHUONG, layer="thua_dat", where="to_ban_do in (1, 2)")
    v1 = tmp_path / "v1.gpkg"
    pyogrio.write_dataframe(frame, v1, layer="thua_dat")
    first = import_map(conn, v1, commune="VER", actor="test")
    assert first.sheets == {"new": 2}
    sheet1 = frame[frame.to_ban_do == 1]
    gone, moved = sheet1.index[0], sheet1.index[1]
    v2frame = frame.drop(index=gone).copy()
    v2frame.loc[moved, "geometry"] = shapely.affinity.translate(frame.loc[moved, "geometry"], 0.5, 0)
    extra = sheet1.iloc[[2]].copy()
    extra["thua"] = "9999"
    v2frame = gpd.GeoDataFrame(pd_concat([v2frame, extra]), crs=frame.crs)
    v2 = tmp_path / "v2.gpkg"
    pyogrio.write_dataframe(v2frame, v2, layer="thua_dat")
    second = import_map(conn, v2, commune="VER", actor="editor", replace_sheets=True)
    assert second.sheets == {"changed": 1, "unchanged": 1}
    assert (second.inserted, second.updated, second.deleted) == (1, 1, 1)
    assert second.removed_by_sheet == {"VER/1": 1} and not second.kept_by_sheet
    change = conn.execute("select c.* , s.version from map_sheet_change c join map_sheet s on s.id = c.map_sheet_id "
                          "where s.commune_code = 'VER' and s.sheet_no = '1' order by c.id desc limit 1").fetchone()
    assert (change["from_version"], change["to_version"], change["version"]) == (1, 2, 2)
    assert change["added"] == ["9999"]
    assert change["removed"] == [str(frame.loc[gone, "thua"])]
    assert change["changed"] == [str(frame.loc[moved, "thua"])]
    audit = conn.execute("select action, actor from audit_log where table_name = 'parcel' and actor = 'editor' "
                         "order by id").fetchall()
    assert sorted(a["action"] for a in audit) == ["delete", "update"]
    sheet2 = conn.execute("select version from map_sheet where commune_code = 'VER' and sheet_no = '2'").fetchone()
    assert sheet2["version"] == 1


def pd_concat(frames):
    import pandas as pd

    return pd.concat(frames)


@pytest.mark.realdata
def test_catastro_gml_files_import_in_their_own_crs_and_area_matches(conn) -> None:
    files = sorted(need_file(GML_DIR).glob("*.gml"))
    assert len(files) == 23
    for path in files:
        report = import_map(conn, path, commune="ES")
        assert report.features >= 1 and not report.skipped, path
    rows = conn.execute("select sheet_no, parcel_no, native_srid, geom_area_m2, "
                        "(attributes->>'areaValue')::float as declared from parcel where commune_code = 'ES'"
                        ).fetchall()
    assert len(rows) == 29  # 21 one-parcel files + 2 "cojunto" files of 4 (the README's "26" undercounts)
    assert {r["native_srid"] for r in rows} == {25830, 32628}
    assert {r["native_srid"] for r in rows if r["sheet_no"] == "canarias_1"} == {32628}
    # areaValue is whole m²; the data's own worst case is 24289Z9XH6122N_MOD (41,107 m²): 1.207 m², so the
    # issue's "1.2 m²" cannot hold for it — the README's bound (1.25 m²) is what the files satisfy.
    diffs = {r["sheet_no"]: abs(r["geom_area_m2"] - r["declared"]) for r in rows}
    assert max(diffs.values()) <= 1.25
    assert [k for k, d in diffs.items() if d > 1.2] == ["24289Z9XH6122N_MOD"]


def test_gml_without_crs_anywhere_is_refused(conn, tmp_path) -> None:
    src = need_file(GML_DIR / "FR-4107.gml").read_text(encoding="utf-8")
    bad = tmp_path / "nocrs.gml"
    bad.write_text(src.replace('srsName="urn:ogc:def:crs:EPSG::25830"', ""), encoding="utf-8")
    with pytest.raises(CRSError, match="states no CRS"):
        import_map(conn, bad, commune="ES")


def _tcvn3_shapefile(tmp_path, cpg: str | None):
    frame = gpd.GeoDataFrame(
        {"to_ban_do": [3, 3], "thua": ["1", "2"], "dia_chi": ["Th«n §«ng Kh¸nh", "Phè Ph­îng Tr×"],
         "loai_dat": ["T", "2L"]},
        geometry=[shapely.box(567000, 2333000, 567010, 2333010), shapely.box(567010, 2333000, 567020, 2333010)],
        crs="EPSG:5897")
    path = tmp_path / "tcvn3.shp"
    pyogrio.write_dataframe(frame, path, encoding="latin1")
    path.with_suffix(".cpg").unlink(missing_ok=True)
    if cpg:
        path.with_suffix(".cpg").write_text(cpg)
    return path


def test_shapefile_tcvn3_decoded(conn, tmp_path) -> None:
    path = _tcvn3_shapefile(tmp_path, "TCVN3")
    report = import_map(conn, path, commune="T3")
    assert report.features == 2 and any("TCVN3" in n for n in report.notes)
    got = conn.execute("select address, land_use_raw, land_use_code from parcel where commune_code = 'T3' "
                       "order by parcel_no").fetchall()
    assert [r["address"] for r in got] == ["Thôn Đông Khánh", "Phố Phượng Trì"]
    assert [(r["land_use_raw"], r["land_use_code"]) for r in got] == [("T", None), ("2L", None)]


def test_shapefile_tcvn3_without_cpg_is_refused_or_mapped(conn, tmp_path) -> None:
    path = _tcvn3_shapefile(tmp_path, None)
    with pytest.raises(InputFileError, match="TCVN3") as err:
        import_map(conn, path, commune="T3b")
    assert str(path) in str(err.value)
    mapping = tmp_path / "mapping.toml"
    mapping.write_text('encoding = "tcvn3"\n[columns]\naddress = "dia_chi"\n', encoding="utf-8")
    report = import_map(conn, path, commune="T3b", mapping=mapping)
    assert report.features == 2


def test_bad_inputs_name_the_file(conn, tmp_path) -> None:
    with pytest.raises(InputFileError, match="file not found"):
        import_map(conn, tmp_path / "missing.gpkg", commune="X")
    junk = tmp_path / "junk.gpkg"
    junk.write_bytes(b"not a geopackage")
    with pytest.raises(InputFileError, match="junk.gpkg"):
        import_map(conn, junk, commune="X")
    shutil.copy(need_file(DANPHUONG), tmp_path / "nocommune.gpkg")
    with pytest.raises(InputFileError, match="--commune"):
        import_map(conn, tmp_path / "nocommune.gpkg")
