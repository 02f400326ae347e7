"""The printable parcel extract: its text read back with pdftotext (Vietnamese intact, key, owner, VN-2000 zone,
vertex table with edge lengths, who printed it), officers only; and an officer in Debian's Chromium (Playwright)
downloading it from the parcel page. The page image: `pdftoppm -png -r 80` of var/screenshots/extract.pdf."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest

from tests import web_support
from tests.test_web_browser import ARGS, CHROMIUM, server  # noqa: F401  (the uvicorn fixture)
from tests.web_support import PASSWORDS
from web.extract_pdf import standard_scale

pytestmark = [pytest.mark.db]

web_url = web_support.web_url   # the fixture
officer_client = web_support.officer_client


@pytest.fixture(scope="module")
def p210(web_url) -> dict:
    with psycopg.connect(web_url) as conn:
        pid = conn.execute("select id from parcel where sheet_no = '2' and parcel_no = '210'").fetchone()[0]
        vertices = conn.execute(
            "select round(st_y(g)::numeric, 2), round(st_x(g)::numeric, 2) from parcel p, "
            "lateral (select (st_dumppoints(st_exteriorring(st_geometryn(p.geom, 1)))).geom as g) d "
            "where p.id = %s", (pid,)).fetchall()
    return {"id": pid, "vertices": vertices[:-1]}


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "extract.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())      # text in the order drawn, one space between words


def test_extract_holds_what_the_office_prints(officer_client, p210, tmp_path):
    reply = officer_client.get(f"/parcels/{p210['id']}/extract.pdf")
    assert reply.status_code == 200 and reply.headers["content-type"] == "application/pdf"
    assert reply.content.startswith(b"%PDF")
    text = _text(reply.content, tmp_path)
    for expected in ("TRÍCH LỤC BẢN ĐỒ ĐỊA CHÍNH", "Thửa đất số: 210", "Tờ bản đồ số: 2", "26893",
                     "Phạm Văn Chiêu, Phường 5, Quận Gò Vấp", "PHẠM HỮU HẬU", "ODT", "VN-2000",
                     "kinh tuyến trục 105°45'", "EPSG:9210", "cadastre.gpkg", "test-officer", "Tỷ lệ: 1:"):
        assert expected in text, expected
    for x, y in p210["vertices"]:
        assert f"{x:.2f}" in text and f"{y:.2f}" in text
    assert "(4-1)" in text and "m²" in text


def test_extract_needs_an_officer(web_url, p210):
    reply = web_support.make_client().get(f"/parcels/{p210['id']}/extract.pdf", follow_redirects=False)
    assert reply.status_code in (303, 401) and not reply.content.startswith(b"%PDF")


def test_standard_scales():
    assert standard_scale(20, 20, 0.17, 0.11) == 200
    assert standard_scale(300, 50, 0.17, 0.11) == 2000


@pytest.mark.slow
def test_officer_downloads_the_extract_from_the_parcel_page(server, p210, tmp_path):  # noqa: F811
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.fail(f"{CHROMIUM} is missing: `make setup` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    from landdb.settings import get_settings

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(accept_downloads=True, locale="vi-VN")
        page = context.new_page()
        page.goto(f"{server}/parcels/{p210['id']}")
        page.fill("input[name=username]", "test-officer")
        page.fill("input[name=password]", PASSWORDS["officer"])
        page.click("button[type=submit]")
        page.wait_for_selector("#extract-pdf")
        with page.expect_download() as info:
            page.click("#extract-pdf")
        download = info.value
        assert download.suggested_filename == f"trich-luc-thua-{p210['id']}.pdf"
        folder = get_settings().var_dir / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        saved = folder / "extract.pdf"
        download.save_as(saved)
        browser.close()
    text = _text(saved.read_bytes(), tmp_path)
    assert "TRÍCH LỤC BẢN ĐỒ ĐỊA CHÍNH" in text and "PHẠM HỮU HẬU" in text
