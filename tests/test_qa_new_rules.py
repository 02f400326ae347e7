"""The rules added to reach the catalogue of issue 18, each on a planted case with a known answer: slivers,
repeated vertices and spikes on a file; a parcel with two current certificates, a map land use the
certificate does not list and one ID number under two names in the land database."""

from __future__ import annotations

import json
import math
import uuid
from pathlib import Path

import geopandas as gpd
import psycopg
import pytest
import shapely
from psycopg.rows import dict_row
from shapely.geometry import Polygon, box

from landdb.loader import load_document
from landdb.models import CertificateRecord
from landdb.settings import PROJECT_ROOT
from landdb.sql import query
from qa import rules as catalogue
from qa.runner import run_database
from tests.qa_support import check_frame, plans  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("plans")

E, N = 600_000.0, 1_191_000.0  # old HCMC, EPSG:9210
TEMPLATE = PROJECT_ROOT / "sample_scans" / "certificates" / "gcn_0000_2014_clean.json"


def test_the_catalogue_has_at_least_22_rules_each_with_a_file() -> None:
    assert len(catalogue.RULES) >= 22
    for rule in catalogue.RULES:
        assert (PROJECT_ROOT / "qa" / "rules" / f"{rule.id}.py").exists()
        if rule.sql_name:
            assert (PROJECT_ROOT / "sql" / "qa" / f"{rule.sql_name}.sql").exists()


def _frame(rows):
    return gpd.GeoDataFrame([r[:-1] for r in rows], columns=["to_ban_do", "thua", "dien_tich", "loai_dat"],
                            geometry=[r[-1] for r in rows], crs="EPSG:9210")


def _found(result, rule):
    return {f["parcels"][0]: f for f in result.findings if f["rule"] == rule}


def test_slivers_repeated_vertices_and_spikes(db_settings) -> None:
    strip = box(E, N, E + 50, N + 0.4)  # 20 m², perimeter 100.8 m: A/P² ≈ 0.00197
    repeated = Polygon([(E + 100, N), (E + 120, N), (E + 120, N), (E + 120, N + 10), (E + 100, N + 10)])
    tip = (E + 210.1, N + 30)
    spiked = Polygon([(E + 200, N), (E + 220, N), (E + 220, N + 10), (E + 210.2, N + 10), tip, (E + 210, N + 10),
                      (E + 200, N + 10)])
    assert repeated.is_valid and spiked.is_valid
    result = check_frame(db_settings, _frame([
        (1, "1", 20.0, "ODT", strip),
        (1, "2", 20.0, "DGT", box(E, N + 10, E + 50, N + 10.4)),  # a road is thin by nature
        (1, "3", 20.0, "ODT", box(E + 60, N, E + 80, N + 1)),     # thin but not thin enough: A/P² ≈ 0.0113
        (1, "4", 200.0, "ODT", repeated),
        (1, "5", 298.0, "ODT", spiked),
        (1, "6", 200.0, "ODT", box(E + 300, N, E + 320, N + 10)),  # clean
    ]), 9210, ["sliver", "duplicate_vertex", "spike"])
    slivers = _found(result, "sliver")
    assert set(slivers) == {"1/1"}
    assert slivers["1/1"]["measure"] == pytest.approx(20 / 100.8 ** 2)
    dups = _found(result, "duplicate_vertex")
    assert set(dups) == {"1/4"}
    assert (dups["1/4"]["details"]["count"], dups["1/4"]["details"]["easting"]) == (1, E + 120)
    spikes = _found(result, "spike")
    assert set(spikes) == {"1/5"}
    assert spikes["1/5"]["measure"] == pytest.approx(math.degrees(2 * math.atan(0.1 / 20)), abs=1e-6)
    assert (spikes["1/5"]["details"]["easting"], spikes["1/5"]["details"]["northing"]) == tip


def _record(serial: str, owners: list[tuple[str, str]], parcel_no: str) -> CertificateRecord:
    data = json.loads(TEMPLATE.read_text(encoding="utf-8"))
    data["serial"] = serial
    data["owners"] = [{"title": "Ông", "name": name, "id_type": "CCCD", "id_number": number}
                      for name, number in owners]
    data["parcel"]["parcel_no"] = parcel_no
    return CertificateRecord.model_validate(data)


@pytest.fixture(scope="module")
def cert_world(db_settings):
    """Three map parcels and five certificates planted for the certificate rules."""
    commune = "NR" + uuid.uuid4().hex[:6]
    ids = {}
    with psycopg.connect(db_settings.url, row_factory=dict_row, autocommit=True) as conn:
        for no, code, dx in (("1", "ODT", 0), ("2", "TMD", 30), ("3", "ODT", 60)):
            ids[no] = conn.execute(query("parcel/insert"), {
                "commune_code": commune, "sheet_no": "3", "parcel_no": no, "srid": 9210,
                "wkb": shapely.to_wkb(box(E + dx, N, E + dx + 20, N + 10)), "declared_area_m2": 200.0,
                "address": None, "land_use_raw": code, "land_use_code": code}).fetchone()["id"]
        planted = [  # serial, owners, parcel linked to
            ("CĐ 000001", [("NGUYỄN VĂN AN", "079203001234")], "1"),
            ("CĐ 000002", [("NGUYỄN VĂN ANH", "079203001234")], "1"),   # same parcel, same ID, other name
            ("CĐ 000003", [("Nguyễn Văn An", "079203001234")], "2"),    # the same name, written otherwise
            ("CĐ 000004", [("TRẦN THỊ BÌNH", "079303005678")], "3"),
            ("CĐ 000005", [("TRẦN THỊ BÌNH", "079303005678")], "3"),    # superseded below: not current
        ]
        cert = {}
        for serial, owners, parcel_no in planted:
            loaded = load_document(conn, path=Path(f"{serial}.pdf"), sha256=uuid.uuid4().hex,
                                   record=_record(serial, owners, parcel_no), fields=[], pages=None,
                                   actor="test_qa_new_rules", commune_code=commune)
            cert[serial] = loaded.certificate_id
            conn.execute("update certificate_parcel set parcel_id = %s, link_status = 'matched' "
                         "where certificate_id = %s", (ids[parcel_no], loaded.certificate_id))
        conn.execute("update certificate set status = 'superseded' where id = %s", (cert["CĐ 000005"],))
    return commune, ids, cert


def test_certificate_rules_on_planted_certificates(db_settings, cert_world) -> None:
    commune, ids, cert = cert_world
    result = run_database(commune=commune, rule_ids=["parcel_many_certificates", "cert_land_use_map",
                                                     "owner_id_names"], actor="qa-tester", settings=db_settings)
    by_rule = {r: [f for f in result.findings if f["rule"] == r] for r in
               ("parcel_many_certificates", "cert_land_use_map", "owner_id_names")}
    (many,) = by_rule["parcel_many_certificates"]
    assert (many["parcels"], many["measure"]) == (["3/1"], 2)
    assert sorted(many["details"]["certificate_ids"]) == [cert["CĐ 000001"], cert["CĐ 000002"]]
    (land,) = by_rule["cert_land_use_map"]
    assert land["parcels"] == ["3/2"] and land["details"]["map_code"] == "TMD"
    assert land["details"]["certificate_codes"] == ["CLN", "ODT"]
    assert land["details"]["certificate_total_m2"] == pytest.approx(95.2 + 26.6)
    (names,) = by_rule["owner_id_names"]
    assert names["details"]["id_number"] == "079203001234" and names["measure"] == 2
    assert sorted(names["details"]["certificate_ids"]) == sorted(cert[s] for s in ("CĐ 000001", "CĐ 000002",
                                                                                  "CĐ 000003"))
    assert sorted(names["parcels"]) == ["3/1", "3/2"]
    assert "079203001234" in names["message"] and "NGUYỄN VĂN ANH" in names["message"]


def test_parcels_without_certificate_once_the_commune_is_closed(db_settings) -> None:
    from qa.digitisation import close

    commune = "NC" + uuid.uuid4().hex[:6]
    with psycopg.connect(db_settings.url, row_factory=dict_row, autocommit=True) as conn:
        ids = {}
        for no, code, dx in (("1", "ODT", 0), ("2", "ODT", 30), ("3", "DGT", 60)):
            ids[no] = conn.execute(query("parcel/insert"), {
                "commune_code": commune, "sheet_no": "3", "parcel_no": no, "srid": 9210,
                "wkb": shapely.to_wkb(box(E + dx, N, E + dx + 20, N + 10)), "declared_area_m2": 200.0,
                "address": None, "land_use_raw": code, "land_use_code": code}).fetchone()["id"]
        loaded = load_document(conn, path=Path("c.pdf"), sha256=uuid.uuid4().hex,
                               record=_record("CĐ 100001", [("LÊ VĂN C", "079203009999")], "1"), fields=[],
                               pages=None, actor="test_qa_new_rules", commune_code=commune)
        conn.execute("update certificate_parcel set parcel_id = %s where certificate_id = %s",
                     (ids["1"], loaded.certificate_id))
        rule = ["parcel_without_certificate"]
        assert run_database(commune=commune, rule_ids=rule, actor="qa-tester", settings=db_settings).findings == []
        assert close(conn, commune, "test_qa_new_rules") is True
        assert close(conn, commune, "test_qa_new_rules") is False  # closed once
        found = run_database(commune=commune, rule_ids=rule, actor="qa-tester", settings=db_settings).findings
    assert [(f["parcels"], f["severity"], f["details"]["land_use"]) for f in found] == [(["3/2"], "info", "ODT")]
