"""geo.link: certificate parcels linked to map parcels in the real PostGIS, each outcome with its numbers."""

from __future__ import annotations

import uuid

import pytest
import shapely

from geo.link import Candidate, classify_link, link_certificates
from landdb.sql import query

E0, N0 = 603699.0, 1191842.0  # near Bến Thành, EPSG:9210


def _lot(dx: float = 0.0, dy: float = 0.0, w: float = 12.5, h: float = 8.2) -> shapely.Polygon:
    return shapely.box(E0 + dx, N0 + dy, E0 + dx + w, N0 + dy + h)


def _map_parcel(conn, commune, sheet, parcel, geom) -> int:
    return conn.execute(query("parcel/insert"), {
        "commune_code": commune, "sheet_no": sheet, "parcel_no": parcel, "srid": 9210, "wkb": shapely.to_wkb(geom),
        "declared_area_m2": None, "address": None, "land_use_raw": None, "land_use_code": None}).fetchone()["id"]


def _cert_parcel(conn, commune, sheet, parcel, geom) -> int:
    doc = conn.execute("insert into source_document (sha256, path) values (%s, 'x.pdf') returning id",
                       (uuid.uuid4().hex,)).fetchone()["id"]
    cert = conn.execute("insert into certificate (document_id, form, record) values (%s, 'GCN-2014', '{}') "
                        "returning id", (doc,)).fetchone()["id"]
    return conn.execute(
        "insert into certificate_parcel (certificate_id, commune_code, sheet_no, parcel_no, native_srid, geom) "
        "values (%s, %s, %s, %s, 9210, st_setsrid(st_geomfromwkb(%s), 9210)) returning id",
        (cert, commune, sheet, parcel, None if geom is None else shapely.to_wkb(geom))).fetchone()["id"]


@pytest.mark.db
def test_link_outcomes_with_numbers(conn) -> None:
    c = "LNK" + uuid.uuid4().hex[:6]
    same = _map_parcel(conn, c, "1", "10", _lot())
    moved = _map_parcel(conn, c, "1", "11", _lot(dx=30))
    _map_parcel(conn, c, "1", "12", _lot(dx=60))
    _map_parcel(conn, c, "1", "12", _lot(dx=90))  # a duplicate key on the map
    other_key = _map_parcel(conn, c, "1", "13", _lot(dx=120))
    cp_match = _cert_parcel(conn, c, "1", "10", _lot())
    cp_shape = _cert_parcel(conn, c, "1", "11", _lot(dx=30.6))  # planted: 0.6 m shift
    cp_amb = _cert_parcel(conn, c, "1", "12", _lot(dx=200))
    cp_none = _cert_parcel(conn, c, "1", "99", _lot(dx=500))
    cp_geo = _cert_parcel(conn, c, "1", "77", _lot(dx=120))  # printed key differs, same shape
    cp_nogeom = _cert_parcel(conn, c, "1", "10", None)
    conn.commit()
    summary = link_certificates(conn, commune=c, actor="linker")
    rows = {r["id"]: r for r in conn.execute(
        "select id, parcel_id, link_status, link_measures from certificate_parcel where commune_code = %s", (c,))}
    assert (rows[cp_match]["link_status"], rows[cp_match]["parcel_id"]) == ("matched", same)
    assert rows[cp_match]["link_measures"]["overlap_ratio"] == 1.0
    shape = rows[cp_shape]
    assert (shape["link_status"], shape["parcel_id"]) == ("shape_disagrees", moved)
    assert shape["link_measures"]["hausdorff_m"] == pytest.approx(0.6, abs=1e-6)
    assert shape["link_measures"]["overlap_ratio"] == pytest.approx((12.5 - 0.6) / (12.5 + 0.6), abs=1e-4)
    assert shape["link_measures"]["tolerance_m"] == 0.07
    assert rows[cp_amb]["link_status"] == "ambiguous" and len(rows[cp_amb]["link_measures"]["candidates"]) == 2
    assert rows[cp_none]["link_status"] == "not_on_map" and rows[cp_none]["parcel_id"] is None
    assert (rows[cp_geo]["link_status"], rows[cp_geo]["parcel_id"]) == ("matched", other_key)
    assert rows[cp_geo]["link_measures"]["key_differs"] is True
    assert rows[cp_nogeom]["link_measures"]["geometry_compared"] is False
    assert summary.counts == {"matched": 3, "shape_disagrees": 1, "ambiguous": 1, "not_on_map": 1}
    # linking again changes nothing (no new audit rows)
    n = conn.execute("select count(*) from audit_log where actor = 'linker'").fetchone()["count"]
    link_certificates(conn, commune=c, actor="linker")
    assert conn.execute("select count(*) from audit_log where actor = 'linker'").fetchone()["count"] == n


def test_classify_duplicate_key_resolved_by_geometry() -> None:
    a = Candidate(1, True, True, overlap=0.999, hausdorff_m=0.01)
    b = Candidate(2, True, False, overlap=0.0, hausdorff_m=50.0)
    result = classify_link([a, b], tolerance_m=0.07)
    assert (result.status, result.parcel_id, result.measures["duplicate_key_candidates"]) == ("matched", 1, [1, 2])


def test_classify_overlap_below_threshold_is_shape_disagrees() -> None:
    c = Candidate(5, True, True, overlap=0.90, hausdorff_m=0.05)
    assert classify_link([c], tolerance_m=0.07).status == "shape_disagrees"
