"""Map parcels without a certificate in the VBDLIS workbook (domain.md §8): the 2025 campaign's dossier code
``CHUACOGIAY_{MA_XA}_{SO_TO}_{SO_THUA}`` in column C, the map's columns filled and the certificate's empty, and the
checks stopping them for what only the registration dossier holds — listing exactly those parcels."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import shapely
from pyproj import Transformer

from landdb import addresses as au
from landdb.addresses_resolve import resolve_addresses
from landdb.errors import ValidationError
from landdb.export import vbdlis_uncertified
from tests.test_vbdlis import SINGLE, plant

pytestmark = [pytest.mark.db]
TO_ZONE = Transformer.from_crs(4326, 9210, always_xy=True)
ADDRESS = "Hẻm 5 Trần Quốc Thảo, Phường 9, Quận 3, TP. Hồ Chí Minh"


def map_parcel(conn, commune: str, sheet: str, parcel: str, *, lon: float = 106.686, area: float | None = 120.5,
               code: str | None = "ODT", address: str = ADDRESS) -> None:
    x, y = TO_ZONE.transform(lon, 10.78)
    conn.execute("insert into parcel (commune_code, sheet_no, parcel_no, native_srid, geom, address, "
                 "declared_area_m2, land_use_code) values (%s, %s, %s, 9210, st_geomfromtext(%s, 9210), %s, %s, %s)",
                 (commune, sheet, parcel, shapely.box(x, y, x + 10, y + 12).wkt, address, area, code))


def test_parcels_without_certificate_become_dossiers_stopped_for_the_dossiers_columns(conn, db_settings,
                                                                                     tmp_path) -> None:
    map_parcel(conn, "99001", "3", "16")                       # a certificate claims it (below): not a dossier
    map_parcel(conn, "99001", "3", "17", lon=106.687)
    map_parcel(conn, "99001", "03", "018", lon=106.688, area=None)
    plant(conn, "99001", "AE 00000401", "3", "16", [SINGLE])
    map_parcel(conn, "VB9", "1", "2")                          # not a 5-digit commune code: no dossier code
    map_parcel(conn, "99003", "1", "4")                        # the same key drawn twice on the map
    map_parcel(conn, "99003", "1", "4", lon=106.687)
    conn.commit()

    result = vbdlis_uncertified.build(conn, "99001", parcel_class="Loại 5")
    rows = {r["U"]: r for r in result.rows}
    assert sorted(rows) == ["018", "17"] and [r["A"] for r in result.rows] == [1, 2]
    row = rows["17"]
    assert row["C"] == "CHUACOGIAY_99001_3_17" and rows["018"]["C"] == "CHUACOGIAY_99001_3_18"
    assert (row["B"], row["T"], row["U"], row["Y"], row["AA"], row["Z"], row["AY"]) == (
        "99001", "3", "17", 120.5, 120.5, "ODT", "Loại 5")
    assert row["X"] == ADDRESS and row["BH"].startswith("POLYGON ((106.68")
    # no certificate: its columns empty; the holder, origin/form/term and scans are the registration dossier's
    assert not {"D", "E", "BG", "H", "I", "M", "N", "AB", "AC", "AD", "AX", "V", "W"} & set(row)
    by_parcel: dict[str, list[str]] = {}
    for p in result.problems:
        by_parcel.setdefault(p.parcel.split(" ")[0], []).append(p.reason)
    assert sorted(by_parcel) == ["99001/03/018", "99001/3/17"]
    assert by_parcel["99001/3/17"] == [
        "no certificate: required column(s) H AB AC AD AX empty — " + vbdlis_uncertified.NOT_ON_MAP]
    assert by_parcel["99001/03/018"] == ["no certificate: required column(s) H Y AA AB AC AD AX empty"]
    assert [p.reason for p in vbdlis_uncertified.build(conn, "VB9", parcel_class="Loại 5").problems][0] == (
        "no dossier code: commune code 'VB9' is not a 5-digit mã ĐVHC")
    twice = vbdlis_uncertified.build(conn, "99003", parcel_class="Loại 5").problems
    assert [p.reason for p in twice if "conflict" in p.reason] == [
        "2 map parcels have the dossier code CHUACOGIAY_99003_1_4: a conflict to resolve on the map, never merged"]

    # once its address is related to today's unit, X is written in today's two levels
    assert resolve_addresses(conn, "99001")["succeeded"] >= 2
    conn.commit()
    new = au.successors(au.parse(ADDRESS))
    assert len(new) == 1
    again = {r["U"]: r for r in vbdlis_uncertified.build(conn, "99001", parcel_class="Loại 5").rows}
    assert again["17"]["X"] == f"Hẻm 5 Trần Quốc Thảo, {new[0].name}, Thành phố Hồ Chí Minh"

    out = tmp_path / "chuacogiay.xlsx"
    env = {**os.environ, "LANDDB_DATABASE_URL": db_settings.url}
    base = [sys.executable, "-m", "landdb.cli.main", "export", "vbdlis", "--commune", "99001", "--out", str(out),
            "--without-certificate"]
    done = subprocess.run([*base, "--parcel-class", "Loại 5"], capture_output=True, text=True, env=env)
    assert done.returncode == 2 and not out.exists()
    listed = {line.split(":")[0].strip().split(" ")[0] for line in done.stderr.splitlines() if line.startswith("  ")}
    assert listed == {"99001/3/17", "99001/03/018"}
    unclassed = subprocess.run(base, capture_output=True, text=True, env=env)
    assert unclassed.returncode == 2 and "column AY (Phân loại thửa đất) is required" in unclassed.stderr


def test_column_ay_and_bb_take_only_the_templates_forms() -> None:
    from landdb.export import vbdlis_vocabulary as vocabulary

    assert vocabulary.parcel_class(" Loại  5 ") == "Loại 5"
    for bad in (None, "", "Đã được cấp Giấy chứng nhận", "5", "Loai 5"):
        with pytest.raises(ValidationError, match="column AY"):
            vocabulary.parcel_class(bad)
    assert vocabulary.id_state(None) is None and vocabulary.id_state("2") == "2"
    with pytest.raises(ValidationError, match="TrangThaiXacThucSoGiayTo"):
        vocabulary.id_state("Chưa xác thực")


def test_officers_see_why_the_dossiers_cannot_go_yet(conn, db_settings) -> None:
    from tests.web_support import PASSWORDS, ensure_user, log_in, make_client

    map_parcel(conn, "99004", "8", "1")
    conn.commit()
    ensure_user(db_settings.url, "test-officer", "officer")
    client = make_client()
    assert log_in(client, "test-officer", PASSWORDS["officer"]).status_code == 303
    params = {"commune": "99004", "parcel_class": "Loại 5", "without_certificate": "true"}
    blocked = client.get("/api/export/vbdlis.xlsx", params=params)
    assert blocked.status_code == 409
    assert [(p["parcel"], p["reason"].split(" —")[0]) for p in blocked.json()["problems"]] == [
        ("99004/8/1 (no certificate)", "no certificate: required column(s) H AB AC AD AX empty")]
    assert client.get("/api/export/vbdlis.xlsx", params={**params, "id_state": "2"}).status_code == 400
