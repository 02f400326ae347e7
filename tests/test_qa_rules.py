"""Each rule on small, hand-made cases: the attribute and coordinate rules through a scratch table, and the
certificate and biến động rules on the real database (parcels imported with the real importer)."""

from __future__ import annotations

import geopandas as gpd
import psycopg
import pytest
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from shapely.geometry import Polygon, box

from qa.runner import run_database
from tests.qa_support import check_frame, plans  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("plans")

E, N = 600_000.0, 1_191_000.0  # HCMC, EPSG:9210 (domain.md §3)


def _frame(rows):
    return gpd.GeoDataFrame([r[:-1] for r in rows], columns=["to_ban_do", "thua", "dien_tich", "loai_dat"],
                            geometry=[r[-1] for r in rows], crs="EPSG:9210")


def _keys(result, rule):
    return sorted(tuple(f["parcels"]) for f in result.findings if f["rule"] == rule)


def test_attribute_and_coordinate_rules(db_settings):
    frame = _frame([
        (1, "1", 200.0, "ODT", box(E, N, E + 20, N + 10)),                 # clean
        (1, "2", 200.0, "T", box(E + 20, N, E + 40, N + 10)),              # old letter code
        (1, "3", 200.0, "ODT", box(N, E, N + 20, E + 10)),                 # X/Y swapped
        (1, "4", 200.0, "ODT", box(E, 5_000, E + 20, 5_010)),              # far south of Viet Nam
        (1, "5", 200.0, "ODT", box(E + 40, N, E + 60, N + 10)),
        (1, "5", 200.0, "ODT", box(E + 60, N, E + 80, N + 10)),            # the same key twice
        (1, None, None, None, box(E + 80, N, E + 100, N + 10)),            # nothing but a shape
        (1, "8", 200.0, "ODT", Polygon()),                                 # empty geometry
    ])
    result = check_frame(db_settings, frame, 9210)
    assert _keys(result, "land_use_code_unknown") == [("1/2",)]
    assert [f["details"]["raw"] for f in result.findings if f["rule"] == "land_use_code_unknown"] == ["T"]
    assert _keys(result, "xy_swapped") == [("1/3",)]
    assert _keys(result, "out_of_zone") == [("1/4",)]
    assert next(f for f in result.findings if f["rule"] == "out_of_zone")["measure"] == pytest.approx(895_000)
    assert _keys(result, "duplicate_key") == [("1/5", "1/5")]
    assert _keys(result, "missing_attribute") == [("1/#7",)]
    assert next(f for f in result.findings if f["rule"] == "missing_attribute")["details"]["missing"] == [
        "parcel_no", "declared_area_m2", "land_use"]
    assert _keys(result, "geometry_empty") == [("1/8",)]
    assert "1/1" not in {k for f in result.findings for k in f["parcels"]}


def test_area_mismatch_follows_the_formula_and_the_scale(db_settings):
    # 10 x 10 m drawn; ΔP = 0.0004 · M · √P
    frame = _frame([(1, "1", 103.0, "ODT", box(E, N, E + 10, N + 10))])
    at_500 = check_frame(db_settings, frame, 9210, ["area_mismatch"])       # ΔP ≈ 2.03 m² < 3 m²
    at_1000 = check_frame(db_settings, frame, 9210, ["area_mismatch"], default_map_scale=1000)  # ≈ 4.06 m²
    assert [f["threshold"] for f in at_500.findings] == [pytest.approx(0.0004 * 500 * 103 ** 0.5)]
    assert at_500.findings[0]["measure"] == pytest.approx(3.0)
    assert at_1000.findings == []


@pytest.fixture(scope="module")
def cert_db(db_settings, tmp_path_factory):
    """Five parcels imported with the real importer, three certificates, and two biến động events."""
    from geo.importer import import_map

    path = tmp_path_factory.mktemp("qa_cert") / "ward.gpkg"
    _frame([
        (1, "1", 200.0, "ODT", box(E, N, E + 20, N + 10)),
        (1, "2", 200.0, "ODT", box(E + 20, N, E + 40, N + 10)),
        (1, "10", 400.0, "ODT", box(E, N + 100, E + 40, N + 110)),      # before a split
        (1, "11", 200.0, "ODT", box(E, N + 100, E + 20, N + 110)),      # after: conserving
        (1, "12", 200.0, "ODT", box(E + 20, N + 100, E + 40, N + 110)),
        (1, "13", 210.0, "ODT", box(E + 20, N + 100, E + 40, N + 110.5)),  # after: not conserving
    ]).to_file(path, layer="thua_dat")
    with psycopg.connect(db_settings.url, row_factory=dict_row, autocommit=True) as conn:
        import_map(conn, path, layer="thua_dat", commune="QA-CERT", actor="test")
        ids = {r["parcel_no"]: r["id"] for r in conn.execute(
            "select id, parcel_no from parcel where commune_code = 'QA-CERT'").fetchall()}
        doc = conn.execute("insert into source_document (sha256, path) values ('qa-cert-doc', 'x.pdf') "
                           "returning id").fetchone()["id"]

        def cert(serial, sheet, parcel, area, words, ring, edges, link):
            cid = conn.execute("insert into certificate (document_id, form, serial, record) "
                               "values (%s, 'GCN-2014', %s, %s) returning id",
                               (doc, serial, Jsonb({}))).fetchone()["id"]
            wkt = "POLYGON((" + ", ".join(f"{y} {x}" for x, y in [*ring, ring[0]]) + "))"
            cp = conn.execute(
                "insert into certificate_parcel (certificate_id, commune_code, sheet_no, parcel_no, area_m2, "
                "area_words, native_srid, geom, parcel_id) values (%s, 'QA-CERT', %s, %s, %s, %s, 9210, "
                "st_geomfromtext(%s, 9210), %s) returning id",
                (cid, sheet, parcel, area, words, wkt, ids.get(parcel) if link else None)).fetchone()["id"]
            for seq, ((x, y), edge) in enumerate(zip(ring, edges, strict=True), start=1):
                conn.execute("insert into certificate_vertex (certificate_id, seq, point, x_northing, y_easting, "
                             "edge_m) values (%s, %s, %s, %s, %s, %s)", (cid, seq, str(seq), x, y, edge))
            return cid, cp

        # X is the northing: (N, E)
        ring1 = [(N, E), (N + 10, E), (N + 10, E + 20), (N, E + 20)]
        ring2 = [(N + 1, E + 20), (N + 11, E + 20), (N + 11, E + 40), (N + 1, E + 40)]  # 1 m north of the map
        good = cert("CS 000001", "1", "1", 200.0, "Hai trăm mét vuông", ring1, [10, 20, 10, 20], True)
        bad = cert("CS 000002", "1", "2", 190.0, "Một trăm chín mươi mét vuông", ring2, [10, 20, 10.5, 20], True)
        lost = cert("CS 000003", "1", "99", 32.0, "Ba mươi hai phẩy bốn mét vuông", ring1, [10, 20, 10, 20], False)
        for cid, (title, birth, number) in ((good[0], ("Ông", 1975, "079075001234")),
                                            (bad[0], ("Ông", 1975, "079175001234"))):
            party = conn.execute("insert into party (kind, title, name, birth_year, id_type, id_number) values "
                                 "('person', %s, 'NGUYỄN VĂN AN', %s, 'CCCD', %s) returning id",
                                 (title, birth, number)).fetchone()["id"]
            conn.execute("insert into land_right (certificate_id, party_id) values (%s, %s)", (cid, party))
        for event, role, parcel in (("BD-1", "before", "10"), ("BD-1", "after", "11"), ("BD-1", "after", "12"),
                                    ("BD-2", "before", "10"), ("BD-2", "after", "11"), ("BD-2", "after", "13")):
            conn.execute("insert into parcel_lineage (event, role, parcel_id) values (%s, %s, %s)",
                         (event, role, ids[parcel]))
    rules = ["cert_map_area", "cert_map_shape", "cert_not_on_map", "cert_area_words", "cert_id_inconsistent",
             "cert_edge_mismatch", "split_merge_conservation"]
    result = run_database(commune="QA-CERT", rule_ids=rules, actor="qa-tester", settings=db_settings)
    return {"good": good, "bad": bad, "lost": lost, "result": result}


def _by_rule(cert_db, rule):
    return [f for f in cert_db["result"].findings if f["rule"] == rule]


def test_certificate_area_and_shape_against_the_map(cert_db):
    (area,) = _by_rule(cert_db, "cert_map_area")
    assert area["parcels"] == ["1/2"] and area["measure"] == pytest.approx(10.0)
    assert area["threshold"] == pytest.approx(0.0004 * 500 * 190 ** 0.5)
    (shape,) = _by_rule(cert_db, "cert_map_shape")
    assert shape["parcels"] == ["1/2"] and shape["measure"] == pytest.approx(1.0)
    assert shape["threshold"] == pytest.approx(0.07)   # 1:500 point tolerance (domain.md §4)


def test_certificate_parcel_not_on_the_map(cert_db):
    (lost,) = _by_rule(cert_db, "cert_not_on_map")
    assert lost["parcels"] == ["1/99"] and lost["details"]["certificate_id"] == cert_db["lost"][0]


def test_certificate_record_rules(cert_db):
    (words,) = _by_rule(cert_db, "cert_area_words")
    assert words["details"]["certificate_id"] == cert_db["lost"][0]
    assert words["measure"] == pytest.approx(0.4) and "32.40" in words["message"]
    (cccd,) = _by_rule(cert_db, "cert_id_inconsistent")
    assert cccd["details"]["certificate_id"] == cert_db["bad"][0] and "female" in cccd["message"]
    (edge,) = _by_rule(cert_db, "cert_edge_mismatch")
    assert edge["details"]["certificate_id"] == cert_db["bad"][0]
    assert (edge["details"]["from_point"], edge["details"]["to_point"]) == ("3", "4")
    assert edge["measure"] == pytest.approx(0.5)


def test_split_merge_must_conserve_outline_and_area(cert_db):
    (change,) = _by_rule(cert_db, "split_merge_conservation")
    assert change["details"]["event"] == "BD-2"
    assert change["measure"] == pytest.approx(10 / 400)   # the extra 20 m x 0.5 m strip
    assert change["threshold"] == 0.001
