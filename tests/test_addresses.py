"""Old and new addresses (domain.md §6): the mapping's data, a former ward name and its new unit's name both finding
a demo parcel, and a ward divided in 2025 decided by the parcel's geometry — or left for a reviewer."""

from __future__ import annotations

from collections import Counter

import pytest
import shapely
from pyproj import Transformer

from geo.importer import import_map
from landdb import addresses as au
from landdb.addresses_resolve import resolve_addresses
from landdb.settings import PROJECT_ROOT

DEMO_MAP = PROJECT_ROOT / "sample_scans" / "cadastre.gpkg"
TO_ZONE = Transformer.from_crs(4326, 9210, always_xy=True)


def test_mapping_covers_todays_hcmc_as_the_resolutions_say() -> None:
    current, former, source = au._data()
    kinds = Counter(u.name.split(" ")[0] for u in current.values())
    # Nghị quyết 1685/2025 (domain.md §6): 168 units, 113 phường, 54 xã, the special zone Côn Đảo
    assert len(current) == 168 and kinds["Phường"] == 113 and kinds["Xã"] == 54 and kinds["Đặc"] == 1
    assert {u.province for u in former} == {"Thành phố Hồ Chí Minh", "Tỉnh Bình Dương", "Tỉnh Bà Rịa - Vũng Tàu"}
    assert all(u.successors and set(u.successors) <= set(current) for u in former)
    assert "vietnamadminunits" in source and "2025" in source


def test_printed_addresses_in_their_many_spellings() -> None:
    for printed in ["Phường 5, Quận Gò Vấp, TP. Hồ Chí Minh", "381/40 Hẻm 58, P.05, Q. Gò Vấp, TP.HCM",
                    "Hẻm 50, phuong 5, quan go vap", "350 Hẻm 310, Phường 5, Quận Gò Vấp, FP. Hồ Chí Minh"]:
        assert [u.name for u in au.successors(au.parse(printed))] == ["Phường An Nhơn"], printed
    assert au.find_former(au.parse("Phường 5, Quận 3")) != au.find_former(au.parse("Phường 5, Quận Gò Vấp"))
    assert au.parse("Phường 5").district is None and au.find_current(au.parse("Phường 5")) == []


@pytest.mark.db
def test_former_and_new_ward_names_both_find_a_demo_parcel(conn) -> None:
    from web.search import search

    import_map(conn, DEMO_MAP, actor="test")
    import pyogrio

    code = str(pyogrio.read_dataframe(DEMO_MAP, columns=["ma_xa"], read_geometry=False)["ma_xa"].iloc[0])
    counts = resolve_addresses(conn, code)
    assert counts["succeeded"] > 0 and counts["needs_review"] == 0
    printed = conn.execute("select count(*) as n from parcel where address like '%%Phường 5, Quận Gò Vấp%%' "
                           "and commune_code = %s", (code,)).fetchone()["n"]
    found = {}
    for text in ["Phường 5, Quận Gò Vấp", "phuong 5 go vap", "Phường An Nhơn", "an nhon"]:
        hits = search(conn, text, commune=code, limit=5000)
        found[text] = {r["parcel_id"] for r in hits["results"] if r["parcel_id"] is not None
                       and any(m["reason"].startswith(("former unit", "current unit")) for m in r["matches"])}
    assert len(found["Phường 5, Quận Gò Vấp"]) == printed and found["phuong 5 go vap"] == found["Phường 5, Quận Gò Vấp"]
    assert found["Phường An Nhơn"] == found["an nhon"] >= found["Phường 5, Quận Gò Vấp"]
    from landdb.sql import query

    page = conn.execute(query("web/parcel_get"), {"id": min(found["an nhon"])}).fetchone()   # the parcel page's row
    assert "Phường 5, Quận Gò Vấp" in page["address"]
    assert (page["former_name"], page["current_name"]) == ("Phường 5, Quận Gò Vấp, Thành phố Hồ Chí Minh",
                                                           "Phường An Nhơn")


def _parcel(conn, commune: str, parcel_no: str, lon: float, lat: float, address: str) -> None:
    x, y = TO_ZONE.transform(lon, lat)
    conn.execute("insert into parcel (commune_code, sheet_no, parcel_no, native_srid, geom, address) "
                 "values (%s, '1', %s, 9210, st_geomfromtext(%s, 9210), %s)",
                 (commune, parcel_no, shapely.box(x - 10, y - 10, x + 10, y + 10).wkt, address))


@pytest.mark.db
def test_a_divided_ward_is_decided_by_the_parcel_or_flagged(conn) -> None:
    divided = next(u for u in au._data()[1] if len(u.successors) == 2 and u.ward and u.district.startswith("Huyện")
                   and u.province == "Thành phố Hồ Chí Minh")
    west, east = divided.successors
    address = f"Ấp 3, {divided.ward}, {divided.district}, TP. Hồ Chí Minh"
    _parcel(conn, "SPLIT", "1", 106.5900, 10.6800, address)      # 1 km inside the western unit
    _parcel(conn, "SPLIT", "2", 106.6000, 10.6800, address)      # on the line between the two
    conn.commit()
    before = resolve_addresses(conn, "SPLIT")
    assert before == Counter({"needs_review": 2})                 # no boundaries yet: never guessed
    rows = conn.execute("select reason from address_unit a join parcel p on p.id = a.parcel_id "
                        "where p.commune_code = 'SPLIT'").fetchall()
    assert all("no boundary of" in r["reason"] for r in rows)

    for code, (x0, x1) in ((west, (106.55, 106.60)), (east, (106.60, 106.65))):
        conn.execute("insert into admin_unit_boundary (code, name, geom, source) "
                     "values (%s, %s, st_multi(st_geomfromtext(%s, 4326)), 'test')",
                     (code, au.current_unit(code).name, shapely.box(x0, 10.65, x1, 10.70).wkt))
    conn.commit()
    assert resolve_addresses(conn, "SPLIT") == Counter({"split_resolved": 1, "needs_review": 1})
    got = {r["parcel_no"]: r for r in conn.execute(
        "select p.parcel_no, a.status, a.current_code, a.former_code, a.reason, a.printed from address_unit a "
        "join parcel p on p.id = a.parcel_id where p.commune_code = 'SPLIT'").fetchall()}
    assert (got["1"]["status"], got["1"]["current_code"], got["1"]["former_code"]) == (
        "split_resolved", west, divided.code)
    assert got["2"]["status"] == "needs_review" and got["2"]["current_code"] is None
    assert "straddles" in got["2"]["reason"] and west in got["2"]["reason"] and east in got["2"]["reason"]
    assert got["1"]["printed"] == address                         # kept as printed
