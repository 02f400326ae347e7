"""`landdb export vbdlis`: the template's layout, a round trip equal to the database, and the pre-import checks
stopping the export with exactly the planted parcels (domain.md §8)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from landdb.export import vbdlis
from landdb.export.vbdlis_template import LETTERS
from landdb.export.vbdlis_workbook import read, write
from landdb.loader import load_document
from landdb.models import CertificateRecord

pytestmark = [pytest.mark.db]
CLASS = "Loại 1"   # column AY: the office's class of the parcels (landdb.export.vbdlis_vocabulary)


@dataclass(frozen=True)
class Reading:
    field: str
    value: str | None
    flagged: bool = False
    flag_reason: str | None = None
    raw_text: str | None = None
    confidence: float = 0.95
    page: int | None = 1
    bbox: tuple[int, int, int, int] | None = None
    engine: str = "test"


def _square(east: float, north: float) -> list[dict]:
    return [{"point": str(i + 1), "x": north + dy, "y": east + dx}
            for i, (dx, dy) in enumerate([(0, 0), (10, 0), (10, 15), (0, 15)])]


def plant(conn, commune: str, serial: str, sheet: str, parcel: str, owners: list[dict], *, land_uses=None,
          area: float = 150.0, flagged: tuple[str, ...] = (), east: float = 601000.0,
          address: str | None = None) -> int:
    record = CertificateRecord.model_validate({
        "form": "GCN-2024", "serial": serial, "register_no": f"CS{serial[-5:]}", "issue_date": "2021-03-15",
        "owners": owners,
        "parcel": {"parcel_no": parcel, "sheet_no": sheet, "area_m2": area,
                   "address": address or f"Phường 7, Quận 3, {commune}",
                   "use_form": "Sử dụng riêng", "term": "Lâu dài", "origin": "Nhà nước công nhận quyền sử dụng đất",
                   "land_uses": land_uses if land_uses is not None else [{"code": "ODT", "name": "Đất ở tại đô thị"}]},
        "vertices": _square(east, 1198300.0)})
    fields = [Reading("serial", serial), Reading("parcel.area_m2", str(area))]
    fields += [Reading(f, "?", flagged=True, flag_reason="low confidence") for f in flagged]
    result = load_document(conn, path=Path(f"/scans/{commune}/{serial.replace(' ', '_')}.pdf"),
                           sha256=f"{commune}-{serial}", record=record, fields=fields, pages=2, actor="test",
                           commune_code=commune)
    return result.certificate_id


HEAD = {"title": "Hộ ông", "name": "NGUYỄN VĂN AN", "birth_year": 1975, "id_type": "CCCD",
        "id_number": "079075001234", "address": "12 Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh"}
WIFE = {"title": "Bà", "name": "TRẦN THỊ BÌNH", "birth_year": 1978, "id_type": "CCCD", "id_number": "079178004321",
        "address": "12 Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh"}
SINGLE = {"title": "Ông", "name": "LÊ VĂN CƯỜNG", "birth_year": 1960, "id_type": "CMND", "id_number": "023456789",
          "address": "5 Hai Bà Trưng, Phường 6, Quận 3"}


@pytest.fixture(scope="module")
def clean_commune(db_settings) -> str:
    import psycopg
    from psycopg.rows import dict_row

    with psycopg.connect(db_settings.url, row_factory=dict_row) as conn:
        plant(conn, "VB1", "AA 00000101", "3", "41", [HEAD, WIFE])
        plant(conn, "VB1", "AA 00000102", "3", "42", [SINGLE], east=601020.0,
              land_uses=[{"code": "ODT", "area_m2": 100.0}, {"code": "CLN", "area_m2": 50.0}])
        cert = plant(conn, "VB1", "AA 00000103", "4", "7", [WIFE], flagged=("parcel.address",), east=601040.0)
        conn.execute("update review_task set status = 'rejected', resolved_by = 'reviewer', resolved_at = now() "
                     "where certificate_id = %s", (cert,))
        conn.execute("update extracted_field set unusable = true where certificate_id = %s "
                     "and field = 'parcel.address'", (cert,))
        conn.commit()
    return "VB1"


def db_rows(conn, commune: str) -> list[tuple]:
    """What the workbook must hold, straight from the tables."""
    return [tuple(r.values()) for r in conn.execute(
        "select c.serial, cp.sheet_no, cp.parcel_no, pa.name, pa.id_number, cp.area_m2::float8 as area, "
        "       (select string_agg(lu.code, ',' order by lu.seq) from certificate_land_use lu "
        "         where lu.certificate_parcel_id = cp.id) as uses "
        "from certificate_parcel cp join certificate c on c.id = cp.certificate_id "
        "join land_right r on r.certificate_parcel_id = cp.id join party pa on pa.id = r.party_id "
        "where cp.commune_code = %s order by cp.sheet_no, cp.parcel_no, c.id, r.id", (commune,)).fetchall()]


def test_round_trip_equals_the_database(conn, clean_commune, tmp_path) -> None:
    result = vbdlis.build(conn, clean_commune, parcel_class=CLASS)
    assert result.problems == []
    out = write(result.rows, tmp_path / "vb1.xlsx")
    header, rows = read(out)
    assert [(r["C"], r["T"], r["U"], r["H"], r["I"], r["Y"], ",".join(r[c] for c in ("Z", "AE", "AJ") if c in r))
            for r in rows] == db_rows(conn, clean_commune)
    assert [r["A"] for r in rows] == [1, 2, 3, 4]
    household = [r for r in rows if r["U"] == "41"]
    assert [(r["N"], r["K"]) for r in household] == [("Chủ hộ", "Nam"), ("Thành viên hộ gia đình", "Nữ")]
    two_uses = next(r for r in rows if r["U"] == "42")
    assert (two_uses["AA"], two_uses["AF"], two_uses["AZ"]) == (100.0, 50.0, "023456789")
    assert "BA" not in two_uses and household[0]["BA"] == "Căn cước công dân"   # only the CCCD's word is confirmed
    assert [r["M"] for r in household] == ["Hộ gia đình"] * 2 and "M" not in two_uses
    assert {r["AY"] for r in rows} == {CLASS} and not any("BB" in r for r in rows)
    assert two_uses["AX"] == "AA_00000102.pdf" and two_uses["BH"].startswith("POLYGON ((106.")
    rejected = next(r for r in rows if r["U"] == "7")
    assert "X" not in rejected and rejected["AB"] == "Nhà nước công nhận quyền sử dụng đất"


def test_layout_is_the_template(conn, clean_commune, tmp_path) -> None:
    from openpyxl import load_workbook

    out = write(vbdlis.build(conn, clean_commune, parcel_class=CLASS).rows, tmp_path / "layout.xlsx")
    header, rows = read(out)
    assert len(header) == 4 and all(len(h) == 61 for h in header) and LETTERS[-1] == "BI"
    muc = dict(zip(LETTERS, header[3], strict=True))
    assert [muc[c] for c in LETTERS[1:51]] == list(range(1, 51)) and muc["A"] == "-" and muc["BI"] == "-"
    assert header[2][LETTERS.index("S")] == "Mã định danh thửa đất"
    wb = load_workbook(out)
    assert wb.sheetnames == ["Sheet1", "TrangThaiXacThucSoGiayTo", "CachNhap"]
    for helper in wb.sheetnames[1:]:
        assert wb[helper].max_row == 1   # headers only: never sample values
    assert wb["Sheet1"].max_column == 61 and wb["Sheet1"].max_row == 4 + len(rows)


def test_planted_problems_stop_the_export_listing_exactly_those_parcels(conn, db_settings, tmp_path) -> None:
    plant(conn, "VB2", "AB 00000201", "5", "1", [SINGLE])                                  # clean
    plant(conn, "VB2", "AB 00000202", "5", "10", [HEAD], east=601020.0)                   # conflict …
    plant(conn, "VB2", "AB 00000203", "5", "10", [SINGLE], east=601020.0)                 # … with this one
    plant(conn, "VB2", "AB 00000204", "5", "11", [{**HEAD, "title": "Ông", "id_number": "079175001234"}],
          east=601040.0)                                                                   # CCCD says female
    plant(conn, "VB2", "AB 00000205", "5", "12", [SINGLE], land_uses=[], east=601060.0)   # Z AA AB AC AD empty
    plant(conn, "VB2", "AB 00000206", "5", "13", [WIFE], flagged=("parcel.area_m2",), east=601080.0)  # in review
    conn.commit()
    result = vbdlis.build(conn, "VB2", parcel_class=CLASS)
    by_parcel = {}
    for p in result.problems:
        by_parcel.setdefault(p.parcel.split(" ")[0], []).append(p.reason)
    assert sorted(by_parcel) == ["VB2/5/10", "VB2/5/11", "VB2/5/12", "VB2/5/13"]
    assert "AB 00000202, AB 00000203" in by_parcel["VB2/5/10"][0]
    assert any("female" in r for r in by_parcel["VB2/5/11"])
    assert by_parcel["VB2/5/12"] == ["required column(s) Z AA AB AC AD empty for holder LÊ VĂN CƯỜNG"]
    assert by_parcel["VB2/5/13"] == ["field parcel.area_m2 still flagged for review (low confidence)"]

    out = tmp_path / "vb2.xlsx"
    env = {**os.environ, "LANDDB_DATABASE_URL": db_settings.url}
    done = subprocess.run([sys.executable, "-m", "landdb.cli.main", "export", "vbdlis", "--commune", "VB2",
                           "--out", str(out), "--parcel-class", CLASS], capture_output=True, text=True, env=env)
    assert done.returncode == 2 and not out.exists()
    listed = {line.split(":")[0].strip().split(" ")[0] for line in done.stderr.splitlines() if line.startswith("  ")}
    assert listed == {"VB2/5/10", "VB2/5/11", "VB2/5/12", "VB2/5/13"}
    assert "VBDLIS export stopped" in done.stderr.splitlines()[-1]
    partial = subprocess.run([sys.executable, "-m", "landdb.cli.main", "export", "vbdlis", "--commune", "VB2",
                              "--out", str(out), "--hold-back", "--parcel-class", CLASS],
                             capture_output=True, text=True, env=env)
    assert partial.returncode == 3, partial.stderr
    assert [(r["A"], r["T"], r["U"]) for r in read(out)[1]] == [(1, "5", "1")]

    # a reviewer clears the flagged area: that parcel no longer stops the export
    conn.execute("update review_task set status = 'accepted', resolved_by = 'reviewer', resolved_at = now() "
                 "where field = 'parcel.area_m2' and certificate_id = (select id from certificate "
                 "where serial = 'AB 00000206')")
    conn.commit()
    assert "VB2/5/13" not in {p.parcel.split(" ")[0] for p in vbdlis.build(conn, "VB2", parcel_class=CLASS).problems}


def test_officers_download_a_communes_workbook_or_see_why_not(conn, db_settings, clean_commune) -> None:
    import io

    from openpyxl import load_workbook

    from tests.web_support import PASSWORDS, ensure_user, log_in, make_client

    ensure_user(db_settings.url, "test-officer", "officer")
    client = make_client()
    assert log_in(client, "test-officer", PASSWORDS["officer"]).status_code == 303
    ok = client.get("/api/export/vbdlis.xlsx", params={"commune": clean_commune, "parcel_class": CLASS})
    assert ok.status_code == 200 and 'filename="vbdlis-VB1.xlsx"' in ok.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(ok.content))["Sheet1"]
    assert [sheet.cell(r, 3).value for r in range(5, sheet.max_row + 1)] == [r[0] for r in db_rows(conn, "VB1")]
    plant(conn, "VB3", "AC 00000301", "9", "1", [SINGLE], land_uses=[])
    conn.commit()
    blocked = client.get("/api/export/vbdlis.xlsx", params={"commune": "VB3", "parcel_class": CLASS})
    assert blocked.status_code == 409
    assert [p["parcel"].split(" ")[0] for p in blocked.json()["problems"]] == ["VB3/9/1"]
    assert client.get("/api/export/vbdlis.xlsx", params={"commune": "NOPE99", "parcel_class": CLASS}).status_code == 404
    no_class = client.get("/api/export/vbdlis.xlsx", params={"commune": clean_commune})
    assert no_class.status_code == 422 and "column AY" in no_class.json()["message"]
    assert make_client().get("/api/export/vbdlis.xlsx", params={"commune": "VB1"}).status_code in (401, 303)
