"""The zone of a certificate comes from the document (geo.zone, landdb.loader), linking stays within a zone,
and no SQL reprojects inside a join."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from pathlib import Path

import pytest
import shapely
from pyproj import Transformer

from geo.link import link_certificates
from geo.zone import decide_zone, former_provinces
from landdb.loader import load_document
from landdb.models import CertificateRecord
from landdb.settings import PROJECT_ROOT
from landdb.sql import query

TEMPLATE = PROJECT_ROOT / "sample_scans" / "certificates" / "gcn_0000_2014_clean.json"


def _lot(srid: int, lon: float, lat: float, w: float = 12.0, h: float = 9.0) -> list[tuple[float, float]]:
    """A w × h rectangle at (lon, lat) on zone ``srid``, as printed vertices (X northing, Y easting)."""
    e, n = Transformer.from_crs(4326, srid, always_xy=True).transform(lon, lat)
    e, n = round(e, 2), round(n, 2)
    return [(n, e), (n + h, e), (n + h, e + w), (n, e + w)]


VUNG_TAU = _lot(5899, 107.0843, 10.3460)
HOAN_KIEM = _lot(5897, 105.8542, 21.0285)
GO_VAP = _lot(9210, 106.6650, 10.8380)
BRVT_ADDRESS = "12 Thùy Vân, Phường Thắng Tam, TP. Vũng Tàu, Tỉnh Bà Rịa - Vũng Tàu"
HANOI_ADDRESS = "5 Hàng Bài, Phường Tràng Tiền, Quận Hoàn Kiếm, TP. Hà Nội"


def _record(address: str, points: list[tuple[float, float]], *, issuer: str = "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
            issue_date: str = "2019-03-02", parcel_no: str = "6") -> CertificateRecord:
    data = json.loads(TEMPLATE.read_text(encoding="utf-8"))
    data.update(issuer=issuer, issue_date=issue_date, serial=f"CĐ {uuid.uuid4().int % 10**6:06d}")
    data["parcel"].update(address=address, parcel_no=parcel_no, sheet_no="3", area_m2=108.0)
    data["vertices"] = [{"point": str(i), "x": x, "y": y, "edge_m": None} for i, (x, y) in enumerate(points, 1)]
    return CertificateRecord.model_validate(data)


# ---------------------------------------------------------------- the decision, without a database

@pytest.mark.parametrize(("address", "points", "srid"), [
    (BRVT_ADDRESS, VUNG_TAU, 5899),
    (HANOI_ADDRESS, HOAN_KIEM, 5897),
    ("Phường 5, Quận Gò Vấp, TP. Hồ Chí Minh", GO_VAP, 9210),
])
def test_zone_from_the_former_province(address, points, srid) -> None:
    d = decide_zone(issuer=None, address=address, issue_date=dt.date(2019, 3, 2), points=points)
    assert (d.srid, d.source, d.review) == (srid, "document", False)


def test_todays_hcmc_spans_two_zones_and_the_coordinates_decide() -> None:
    after = dt.date(2026, 1, 5)
    address = "Phường Vũng Tàu, Thành phố Hồ Chí Minh"  # a post-merger ward named after the former town
    assert former_provinces(None, address, after) == {"ba ria vung tau"}
    anonymous = "Phường An Nhơn, Thành phố Hồ Chí Minh"
    assert former_provinces(None, anonymous, after) == {"ho chi minh", "binh duong", "ba ria vung tau"}
    assert decide_zone(issuer=None, address=anonymous, issue_date=after, points=VUNG_TAU).srid == 5899
    d = decide_zone(issuer=None, address=anonymous, issue_date=after, points=GO_VAP)
    assert (d.srid, d.source) == (9210, "coordinates")
    # before the mergers "TP. Hồ Chí Minh" is old HCMC alone: BR-VT numbers there disagree
    d = decide_zone(issuer=None, address="Phường 5, TP. Hồ Chí Minh", issue_date=dt.date(2020, 1, 1),
                    points=VUNG_TAU)
    assert (d.srid, d.review) == (None, True) and "outside its range" in d.reason


def test_disagreement_swap_and_silence_give_no_zone() -> None:
    d = decide_zone(issuer=None, address=HANOI_ADDRESS, issue_date=None, points=GO_VAP)
    assert (d.srid, d.review) == (None, True)
    swapped = [(y, x) for x, y in HOAN_KIEM]
    d = decide_zone(issuer=None, address=HANOI_ADDRESS, issue_date=None, points=swapped)
    assert (d.srid, d.review) == (None, True) and "swapped" in d.reason
    d = decide_zone(issuer="SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", address="12 Đường số 3", issue_date=None, points=GO_VAP)
    assert (d.srid, d.source, d.review) == (None, "none", True)


def test_the_commune_given_fixes_the_zone_but_not_against_the_coordinates() -> None:
    silent = {"issuer": "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "address": "12 Đường số 3", "issue_date": None}
    d = decide_zone(**silent, points=VUNG_TAU, explicit=[5899])
    assert (d.srid, d.source, d.review) == (5899, "explicit", False)
    d = decide_zone(**silent, points=[(y, x) for x, y in VUNG_TAU], explicit=[5899])  # X/Y swapped
    assert (d.srid, d.review) == (None, True) and "not plausible" in d.reason
    d = decide_zone(issuer=None, address=HANOI_ADDRESS, issue_date=None, points=VUNG_TAU, explicit=[5899])
    assert (d.srid, d.review) == (5899, True) and "the document names ha noi" in d.reason
    assert decide_zone(**silent, points=GO_VAP, explicit=[9210, 5899]).srid is None  # two zones decide nothing


# ---------------------------------------------------------------- loaded and linked in PostGIS

def _map_parcel(conn, commune: str, parcel_no: str, srid: int, points) -> int:
    ring = shapely.Polygon([(y, x) for x, y in points])
    return conn.execute(query("parcel/insert"), {
        "commune_code": commune, "sheet_no": "3", "parcel_no": parcel_no, "srid": srid, "wkb": shapely.to_wkb(ring),
        "declared_area_m2": None, "address": None, "land_use_raw": None, "land_use_code": None}).fetchone()["id"]


def _load(conn, record: CertificateRecord, commune: str | None) -> dict:
    loaded = load_document(conn, path=Path("zone.pdf"), sha256=uuid.uuid4().hex, record=record, fields=[],
                           pages=None, actor="test_geo_zone", commune_code=commune)
    return conn.execute(
        "select cp.id, cp.native_srid, st_srid(cp.geom) as geom_srid, c.status, "
        "       (select string_agg(reason, '|') from review_task t where t.certificate_id = c.id "
        "         and t.field = 'zone') as zone_task "
        "from certificate c join certificate_parcel cp on cp.certificate_id = c.id where c.id = %s",
        (loaded.certificate_id,)).fetchone()


@pytest.mark.db
def test_brvt_hanoi_and_disagreeing_certificates_in_the_database(conn) -> None:
    c = "ZN" + uuid.uuid4().hex[:6]
    on_map = _map_parcel(conn, c, "6", 5899, VUNG_TAU)
    conn.commit()
    brvt = _load(conn, _record(BRVT_ADDRESS, VUNG_TAU), c + "-doc")  # a commune landdb knows nothing of
    hanoi = _load(conn, _record(HANOI_ADDRESS, HOAN_KIEM), None)
    wrong = _load(conn, _record(HANOI_ADDRESS, GO_VAP), None)
    assert (brvt["native_srid"], brvt["geom_srid"], brvt["zone_task"]) == (5899, 5899, None)
    assert (hanoi["native_srid"], hanoi["geom_srid"]) == (5897, 5897)
    assert (wrong["native_srid"], wrong["geom_srid"], wrong["status"]) == (None, 0, "in_review")
    assert "outside its range" in wrong["zone_task"] and "without a CRS" in wrong["zone_task"]

    # linking: the BR-VT certificate (re-keyed to the map's commune) matches its parcel on 5899
    conn.execute("update certificate_parcel set commune_code = %s where id = %s", (c, brvt["id"]))
    conn.execute("update certificate_parcel set commune_code = %s, parcel_no = '6' where id = %s", (c, wrong["id"]))
    conn.commit()
    link_certificates(conn, commune=c, default_scale=500, actor="test_geo_zone")
    rows = {r["id"]: r for r in conn.execute(
        "select id, parcel_id, link_status, link_measures from certificate_parcel where commune_code = %s", (c,))}
    assert (rows[brvt["id"]]["link_status"], rows[brvt["id"]]["parcel_id"]) == ("matched", on_map)
    assert rows[brvt["id"]]["link_measures"]["overlap_ratio"] == 1.0
    unplaced = rows[wrong["id"]]["link_measures"]
    assert unplaced["geometry_compared"] is False and "no CRS yet" in unplaced["zones_differ"]


@pytest.mark.db
def test_a_certificate_on_another_zone_than_its_map_parcel_is_not_compared(conn) -> None:
    c = "ZX" + uuid.uuid4().hex[:6]
    _map_parcel(conn, c, "6", 9210, GO_VAP)
    conn.commit()
    cert = _load(conn, _record(BRVT_ADDRESS, VUNG_TAU), None)
    conn.execute("update certificate_parcel set commune_code = %s where id = %s", (c, cert["id"]))
    conn.commit()
    link_certificates(conn, commune=c, default_scale=500, actor="test_geo_zone")
    row = conn.execute("select link_status, link_measures from certificate_parcel where id = %s",
                       (cert["id"],)).fetchone()
    assert row["link_status"] == "shape_disagrees" and "zone" in row["link_measures"]["disagrees"]
    assert row["link_measures"]["zones_differ"].endswith("the map on EPSG:9210 (no comparison across zones)")


@pytest.mark.db
def test_the_commune_of_the_batch_fixes_an_undecided_zone(conn) -> None:
    c = "ZC" + uuid.uuid4().hex[:6]
    _map_parcel(conn, c, "1", 5899, _lot(5899, 107.10, 10.40))
    conn.commit()
    record = _record("12 Đường số 3", VUNG_TAU, issuer="SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")
    assert _load(conn, record, None)["native_srid"] is None
    record = _record("12 Đường số 3", VUNG_TAU, issuer="SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")
    fixed = _load(conn, record, c)
    assert (fixed["native_srid"], fixed["geom_srid"], fixed["zone_task"]) == (5899, 5899, None)


# ---------------------------------------------------------------- no reprojection inside a join

_CLAUSE = re.compile(r"\b(select|on|where|having|set|returning|values|when|then|else)\b|:=")


def _clauses_calling_transform(text: str) -> list[str]:
    """The clause keyword governing each ``ST_Transform`` call (comments removed)."""
    text = re.sub(r"--[^\n]*", "", text.lower())
    found = []
    for m in re.finditer(r"\bst_transform\s*\(", text):
        keywords = [k.group(0) for k in _CLAUSE.finditer(text, 0, m.start())]
        if keywords and keywords[-1] in ("when", "then", "else"):  # a case: judged by the clause it sits in
            keywords = [k for k in keywords if k not in ("when", "then", "else")]
        found.append(keywords[-1] if keywords else "")
    return found


def test_the_clause_finder_sees_a_join_predicate() -> None:
    assert _clauses_calling_transform("select a from x join y on st_intersects(st_transform(x.g, 9210), y.g)") \
        == ["on"]
    assert _clauses_calling_transform("select st_transform(g, 4326) from x where x.id = 1") == ["select"]


def test_no_sql_reprojects_inside_a_join_or_filter() -> None:
    offenders = []
    for path in sorted((PROJECT_ROOT / "sql").rglob("*.sql")):
        for clause in _clauses_calling_transform(path.read_text(encoding="utf-8")):
            if clause in ("on", "where", "having"):
                offenders.append(f"{path.relative_to(PROJECT_ROOT)}: ST_Transform in a {clause} clause")
    assert not offenders, offenders
