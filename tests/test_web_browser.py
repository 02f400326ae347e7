"""An officer in a real browser (Debian's Chromium driven by Playwright; no browser download): log in, search an
owner typed without diacritics, open the parcel, see it on the map and its scan page, click a neighbour on the map.
Screenshots go to var/screenshots/ (search.png, parcel.png, map.png)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests import web_support
from tests.live_server import serve_on_loopback
from tests.web_support import PASSWORDS

pytestmark = [pytest.mark.db, pytest.mark.slow]

web_url = web_support.web_url   # the fixture

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def server(web_url):
    """The app on a loopback port (tests/live_server.py)."""
    with serve_on_loopback() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.fail(f"{CHROMIUM} is missing: `make setup` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shots() -> Path:
    from landdb.settings import get_settings

    folder = get_settings().var_dir / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _map_ready(page) -> None:
    page.wait_for_function("() => document.getElementById('map')?.dataset.ready === '1'", timeout=30_000)


def _point_on_another_parcel(page, current_id: int) -> tuple[float, float, int]:
    """A point of the map canvas (page coordinates) over a parcel other than ``current_id``, and that parcel's id."""
    found = page.evaluate("""(current) => {
        const map = window.landdbMapInstance;
        const canvas = map.getCanvas().getBoundingClientRect();
        for (let fy = 0.2; fy <= 0.8; fy += 0.1) {
          for (let fx = 0.2; fx <= 0.8; fx += 0.1) {
            const x = canvas.width * fx, y = canvas.height * fy;
            const hits = map.queryRenderedFeatures([x, y], { layers: ['parcels-fill'] });
            if (hits.length === 1 && hits[0].properties.id !== current && hits[0].properties.land_use !== 'DGT') {
              return [canvas.left + x, canvas.top + y, hits[0].properties.id];
            }
          }
        }
        return null;
    }""", current_id)
    assert found, "no other parcel visible on the map"
    return found[0], found[1], int(found[2])


def test_officer_finds_a_parcel_and_walks_the_map(server, browser, shots):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="vi-VN")
    page = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith((server, "data:", "blob:")) else None)

    page.goto(server + "/search")
    assert "/login" in page.url
    page.fill("input[name=username]", "test-officer")
    page.fill("input[name=password]", PASSWORDS["officer"])
    page.click("form.login-box button[type=submit]")
    page.wait_for_url(re.compile(r"/search"))

    page.fill("input[name=q]", "pham huu hau")
    page.press("input[name=q]", "Enter")
    result = page.locator("li.result").first
    result.wait_for()
    assert "PHẠM HỮU HẬU" in result.inner_text() and "Tờ 2 · Thửa 210" in result.inner_text()
    assert "Tên chủ sử dụng" in result.inner_text()
    _map_ready(page)
    page.wait_for_function("() => window.landdbMapInstance.queryRenderedFeatures("
                           "{layers: ['parcels-hl-fill']}).length > 0", timeout=30_000)
    page.screenshot(path=str(shots / "search.png"))

    result.locator("a").click()
    page.wait_for_url(re.compile(r"/parcels/\d+$"))
    parcel_id = int(page.url.rsplit("/", 1)[1])
    assert "Thửa 210" in page.locator("h1").inner_text()
    _map_ready(page)
    highlighted = page.evaluate("() => window.landdbMapInstance.queryRenderedFeatures("
                                "{layers: ['parcels-hl-fill']}).map(f => f.properties.id)")
    assert parcel_id in highlighted                               # the map shows this parcel
    scan = page.locator(".scan img.scan-page").first
    page.wait_for_function("() => document.querySelector('.scan img.scan-page').naturalWidth > 2000",
                           timeout=30_000)
    page.locator(".certificate").first.scroll_into_view_if_needed()
    assert scan.is_visible()
    page.locator("tr.field", has_text="PHẠM HỮU HẬU").first.click()    # its words boxed on the scan
    page.wait_for_timeout(300)
    assert page.locator(".scan-box").first.is_visible()
    page.screenshot(path=str(shots / "parcel.png"))

    page.locator("#map").scroll_into_view_if_needed()
    page.locator("#map").screenshot(path=str(shots / "map.png"))
    x, y, other_id = _point_on_another_parcel(page, parcel_id)
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(rf"/parcels/{other_id}$"))
    assert page.locator("h1").inner_text().startswith("Thửa")
    _map_ready(page)

    page.goto(server + "/search?q=" + "%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    page.wait_for_timeout(500)
    assert dialogs == [] and errors == []
    assert outside == [], outside                                   # nothing from the internet
    context.close()
