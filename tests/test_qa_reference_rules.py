"""The rules that check parcels against a map's reference layers, on planted cases with known answers: a parcel
crossing its sheet's frame (frames from the map file's sheet layer; a sheet with no frame is not checked and the
run says so) and parcels overlapping road and water features (a feature layer, by land-use code)."""

from __future__ import annotations

import uuid

import geopandas as gpd
import psycopg
import pytest
import shapely
from psycopg.rows import dict_row
from shapely.geometry import box

from geo.importer import import_map
from geo.reference import import_reference
from landdb.errors import ValidationError
from qa.params import QaSettings
from qa.runner import run_database
from tests.qa_support import plans  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("plans")

E, N = 600_000.0, 1_191_000.0  # old HCMC, EPSG:9210
RULES = ["sheet_crossing", "road_water_overlap"]


def _layer(path, layer, columns, rows) -> None:
    gpd.GeoDataFrame([r[:-1] for r in rows], columns=columns, geometry=[r[-1] for r in rows],
                     crs="EPSG:9210").to_file(path, layer=layer, driver="GPKG")


@pytest.fixture
def planted(db_settings, tmp_path):
    """Sheets 1 and 2 framed, sheet 3 not; a road (Hẻm 1, Hẻm 2) and a canal (Rạch A) as features."""
    commune = "RF" + uuid.uuid4().hex[:6]
    parcels, frames, features = tmp_path / "thua.gpkg", tmp_path / "khung.gpkg", tmp_path / "thuy_he.gpkg"
    _layer(parcels, "thua_dat", ["to_ban_do", "thua", "loai_dat"], [
        (1, "1", "ODT", box(E + 5, N + 5, E + 15, N + 15)),                  # inside: clean
        (1, "2", "ODT", box(E + 90, N + 10, E + 102.5, N + 20)),             # 2.5 m × 10 m outside its sheet
        (1, "3", "ODT", box(E + 80, N + 30, E + 100, N + 40)),               # on the frame's edge: inside
        (1, "4", "ODT", box(E + 50, N + 90, E + 60, N + 100.05)),            # 5 cm out: within 1:500's 7 cm
        (1, "5", "ODT", box(E + 10, N + 45, E + 20, N + 51)),                # 1 m × 10 m on the road Hẻm 1
        (1, "6", "DGT", box(E, N + 60, E + 100, N + 64)),                    # the road Hẻm 2 itself
        (1, "7", "ODT", box(E + 30, N + 54, E + 40, N + 58)),                # touches Hẻm 1 only
        (2, "1", "ODT", box(E + 110, N + 10, E + 120, N + 20)),              # inside sheet 2
        (2, "2", "CLN", box(E + 150, N + 70, E + 160, N + 82.5)),            # 10 m × 2.5 m into the canal
        (3, "1", "ODT", box(E + 300, N, E + 400, N + 100)),                  # sheet 3 has no frame
    ])
    _layer(frames, "khung", ["to_ban_do"], [(1, box(E, N, E + 100, N + 100)), (2, box(E + 100, N, E + 200, N + 100))])
    _layer(features, "giao_thong_thuy_he", ["loai_dat", "ten"], [
        ("DGT", "Hẻm 1", box(E, N + 50, E + 100, N + 54)),
        ("DGT", "Hẻm 2", box(E, N + 60, E + 100, N + 64)),
        ("SON", "Rạch A", box(E + 100, N + 80, E + 200, N + 90)),
        ("TMD", "Chợ", box(E + 5, N + 5, E + 15, N + 15)),                  # not a road or water feature
    ])
    uses = QaSettings().road_water_land_uses
    with psycopg.connect(db_settings.url, row_factory=dict_row, autocommit=True) as conn:
        import_map(conn, parcels, commune=commune, actor="test", scale=500)
        framed = import_reference(conn, frames, "sheet-frames", commune=commune, actor="test")
        fed = import_reference(conn, features, "features", commune=commune, actor="test", land_uses=uses)
        again = import_reference(conn, features, "features", commune=commune, actor="test", land_uses=uses)
        kept = conn.execute("select count(*) n from map_feature where commune_code = %s", (commune,)).fetchone()["n"]
    return commune, framed, fed, again, kept, tmp_path


def test_the_reference_layers_are_read_as_parcels_are(planted) -> None:
    _, framed, fed, again, kept, _ = planted
    assert framed.sheets == [f"{planted[0]}/1", f"{planted[0]}/2"] and framed.srid == 9210
    assert fed.written == 3 and fed.skipped == {"land use TMD is not a road or water feature": 1}
    assert again.written == 3 and kept == 3  # a re-import replaces what the same layer gave


def test_a_parcel_crossing_its_sheet_and_parcels_on_roads_and_water(planted, db_settings) -> None:
    commune = planted[0]
    result = run_database(commune=commune, rule_ids=RULES, actor="qa-tester", settings=db_settings)
    found = {(f["rule"], f["parcels"][0]): f for f in result.findings}
    assert set(found) == {("sheet_crossing", "1/2"), ("road_water_overlap", "1/5"), ("road_water_overlap", "2/2")}
    crossing = found[("sheet_crossing", "1/2")]
    assert crossing["measure"] == pytest.approx(2.5) and crossing["threshold"] == 0.07
    assert crossing["details"]["outside_m2"] == 25.0
    assert "reaches 2.50 m outside the frame of sheet 1 (allowed point error 0.07 m), 25.00 m² outside" in \
        crossing["message"]
    road, canal = found[("road_water_overlap", "1/5")], found[("road_water_overlap", "2/2")]
    assert road["measure"] == pytest.approx(10.0) and road["details"]["feature_name"] == "Hẻm 1"
    assert canal["measure"] == pytest.approx(25.0) and canal["details"]["feature_land_use"] == "SON"
    assert "overlaps the river or canal (SON) Rạch A by 25.00 m²" in canal["message"]
    assert result.not_checked == [f"sheet_crossing: not checked in commune {commune}, sheets 3 "
                                  "(no frame known on their SRID)"]


def test_a_commune_without_features_is_not_checked_and_said_so(planted, db_settings, tmp_path) -> None:
    other = "RN" + uuid.uuid4().hex[:6]
    path = tmp_path / "other.gpkg"
    _layer(path, "thua_dat", ["to_ban_do", "thua", "loai_dat"], [(7, "1", "ODT", box(E, N, E + 10, N + 10))])
    with psycopg.connect(db_settings.url, row_factory=dict_row, autocommit=True) as conn:
        import_map(conn, path, commune=other, actor="test")
    result = run_database(commune=other, rule_ids=RULES, actor="qa-tester", settings=db_settings)
    assert result.findings == []
    assert result.not_checked == [
        f"sheet_crossing: not checked in commune {other}, sheets 7 (no frame known on their SRID)",
        f"road_water_overlap: not checked in commune {other}, sheets 7 (no road or water feature imported for "
        "the commune)"]


def test_a_frame_on_another_srid_than_its_sheet_is_refused(planted, db_settings) -> None:
    commune, *_, tmp_path = planted
    path = tmp_path / "khung_5899.gpkg"
    # the same numbers labelled 107°45′: plausible there too (≈ 2° east of its meridian), but not sheet 1's zone
    gpd.GeoDataFrame({"to_ban_do": [1]}, geometry=[box(E - 200_000, N, E - 199_900, N + 100)],
                     crs="EPSG:5899").to_file(path, layer="khung", driver="GPKG")
    with psycopg.connect(db_settings.url, row_factory=dict_row, autocommit=True) as conn:
        with pytest.raises(ValidationError, match="never reprojected"):
            import_reference(conn, path, "sheet-frames", commune=commune, actor="test")


def test_a_georeferenced_paper_sheet_gives_its_frame_only_from_its_four_corners(db_settings) -> None:
    from geo.georef import read_gcps
    from geo.reference import record_georef_frame
    from landdb.settings import PROJECT_ROOT
    from sample_scans.cadastre import sheet_squares_vn2000

    points = [(g.easting, g.northing) for g in read_gcps(PROJECT_ROOT / "sample_scans/mapsheet/sheet_2_gcps.csv")]
    commune = "RG" + uuid.uuid4().hex[:6]
    with psycopg.connect(db_settings.url, row_factory=dict_row, autocommit=True) as conn:
        record_georef_frame(conn, f"{commune}/2", points, 9210, "sheet_2.tif", "test")
        row = conn.execute("select st_astext(frame) wkt, st_srid(frame) srid, frame_source from map_sheet "
                           "where commune_code = %s and sheet_no = '2'", (commune,)).fetchone()
        assert row["srid"] == 9210 and row["frame_source"] == "sheet_2.tif"
        assert shapely.from_wkt(row["wkt"]).equals(sheet_squares_vn2000()[2])  # the neat line the sheet was drawn in
        inner = [p for p in points if p != max(points)]  # the north-east corner cross left out
        with pytest.raises(ValidationError, match="3 of its 4 corners"):
            record_georef_frame(conn, f"{commune}/3", inner, 9210, "sheet_3.tif", "test")
        assert conn.execute("select count(*) n from map_sheet where commune_code = %s and sheet_no = '3'",
                            (commune,)).fetchone()["n"] == 0
