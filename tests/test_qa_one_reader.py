"""`landdb qa check` reads a map file exactly as `landdb import-map` does: the same parcel keys, declared and
geometric areas and CRS, for the Đan Phượng map and for a copy with other column names (``shthua``,
``tobando``) and areas written the Vietnamese way (``1.234,5``)."""

from __future__ import annotations

import uuid
from collections import Counter
from pathlib import Path

import geopandas as gpd
import psycopg
import pytest
from psycopg.rows import dict_row

from geo.importer import import_map
from qa import scratch

pytestmark = pytest.mark.db

GPKG = "cadastre-danphuong/parcels.gpkg"


def _vietnamese_number(value: float) -> str:
    """1234.5 → '1.234,50'."""
    return f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


@pytest.fixture(scope="module")
def renamed_copy(realdata: Path, tmp_path_factory) -> Path:
    frame = gpd.read_file(realdata / GPKG, layer="thua_dat")
    frame = frame.rename(columns={"to_ban_do": "tobando", "thua": "shthua"})
    frame["dien_tich"] = [_vietnamese_number(v) for v in frame["dien_tich"]]
    assert any("." in v and "," in v for v in frame["dien_tich"])  # some areas above 1,000 m²
    path = tmp_path_factory.mktemp("one_reader") / "danphuong_renamed.gpkg"
    frame.to_file(path, layer="thua_dat")
    return path


def _imported(conn: psycopg.Connection, path: Path) -> tuple[Counter, int, int]:
    commune = "RD" + uuid.uuid4().hex[:6]
    report = import_map(conn, path, layer="thua_dat", commune=commune, actor="test_qa_one_reader")
    rows = conn.execute(
        "select sheet_no, parcel_no, declared_area_m2::float8 as declared, round(st_area(geom)::numeric, 3) as area "
        "from parcel where commune_code = %s", (commune,)).fetchall()
    return Counter((r["sheet_no"], r["parcel_no"], r["declared"], r["area"]) for r in rows), report.srid, \
        sum(report.skipped.values())


def _checked(conn: psycopg.Connection, path: Path) -> tuple[Counter, int, int]:
    read = scratch.read_file(path, "thua_dat")
    with scratch.scratch_map(conn, read) as table:
        rows = conn.execute(
            f"select sheet_no, parcel_no, declared_area_m2::float8 as declared, "  # noqa: S608 - our own table name
            f"round(st_area(geom)::numeric, 3) as area, native_srid from {table.name}").fetchall()
    keyed = [r for r in rows if r["parcel_no"] is not None and r["sheet_no"] is not None]
    assert {r["native_srid"] for r in rows} == {read.srid}
    return Counter((r["sheet_no"], r["parcel_no"], r["declared"], r["area"]) for r in keyed), read.srid, \
        len(rows) - len(keyed)


@pytest.mark.parametrize("which", ["original", "renamed"])
def test_qa_check_and_import_map_read_the_same_parcels(db_settings, realdata, renamed_copy, which) -> None:
    path = realdata / GPKG if which == "original" else renamed_copy
    with psycopg.connect(db_settings.url, row_factory=dict_row, autocommit=True) as conn:
        imported, import_srid, skipped = _imported(conn, path)
        checked, check_srid, unkeyed = _checked(conn, path)
    assert import_srid == check_srid == 5897
    assert checked == imported
    assert sum(imported.values()) == 6910 - skipped and unkeyed == skipped
    areas = [declared for (_, _, declared, _) in imported.elements() if declared is not None]
    assert max(areas) > 1000  # the thousands separator was read, not taken for a decimal point
