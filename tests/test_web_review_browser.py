"""Reviewers in a real browser (Debian's Chromium driven by Playwright; no browser download), keyboard only:
open the queue, open the flagged area field, see its scan crop with the box, fix it (e, type, Enter); the parcel
page, the audit log and the QA findings follow. Two sessions on one item: the second gets the conflict naming the
first reviewer's value. A second reviewer verifies a fixed finding; the first cannot verify their own fix.
Screenshots: var/screenshots/review-queue.png and review-item.png."""

from __future__ import annotations

import re

import pytest

from tests import review_support
from tests.live_server import serve_on_loopback
from tests.review_support import password, rows
from tests.test_web_browser import browser, shots  # noqa: F401 - fixtures

pytestmark = [pytest.mark.db, pytest.mark.slow]

review_url = review_support.review_url   # the fixture


@pytest.fixture(scope="module")
def server(review_url):
    """The app on a loopback port (tests/live_server.py)."""
    with serve_on_loopback() as url:
        yield url


class Session:
    def __init__(self, browser, server: str, username: str) -> None:  # noqa: F811 - the fixture's value
        self.context = browser.new_context(viewport={"width": 1500, "height": 1000}, locale="vi-VN")
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("dialog", lambda dialog: (self.errors.append("dialog: " + dialog.message), dialog.dismiss()))
        self.page.goto(server + "/review")
        assert "/login" in self.page.url
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password(username))
        self.page.press("input[name=password]", "Enter")
        self.page.wait_for_url(re.compile(r"/review$"))

    def open_by_keys(self, item_id: str) -> None:
        """From the queue: j until ``item_id`` is selected, then Enter."""
        page = self.page
        for _ in range(50):
            if page.locator("tr.task.selected").get_attribute("data-id") == item_id:
                break
            page.keyboard.press("j")
        assert page.locator("tr.task.selected").get_attribute("data-id") == item_id
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(rf"/review/{item_id}$"))

    def fix(self, value: str) -> None:
        self.page.keyboard.press("e")
        self.page.keyboard.type(value)
        self.page.keyboard.press("Enter")


def _item(url: str, field: str) -> str:
    ((task_id,),) = rows(url, "select id from review_task where field = %s and status = 'open'", field)
    return f"field-{task_id}"


def test_reviewers_clear_fields_by_keyboard_and_verify(server, browser, shots, review_url):  # noqa: F811
    first = Session(browser, server, "test-reviewer")
    second = Session(browser, server, "test-reviewer2")
    first.page.wait_for_timeout(200)
    first.page.screenshot(path=str(shots / "review-queue.png"), full_page=True)
    counts = first.page.locator(".counts").inner_text()
    ((open_tasks,),) = rows(review_url, "select count(*) from review_task where status = 'open'")
    assert f"Giá trị cần kiểm tra: {open_tasks}" in counts

    # two sessions on the sheet number at the same version: the second gets the conflict
    sheet = _item(review_url, "parcel.sheet_no")
    first.open_by_keys(sheet)
    second.page.goto(server + "/review")
    second.open_by_keys(sheet)
    first.fix("1")
    first.page.wait_for_url(lambda url: not url.endswith(f"/review/{sheet}"), timeout=15_000)
    second.fix("7")
    conflict = second.page.locator(".message.conflict")
    conflict.wait_for(timeout=15_000)
    assert "test-reviewer" in conflict.inner_text() and "giá trị 1" in conflict.inner_text()
    task_id = int(sheet.split("-")[1])
    assert rows(review_url, "select ef.value from extracted_field ef join review_task t on t.document_id = "
                            "ef.document_id and t.field = ef.field where t.id = %s", task_id) == [("1",)]
    assert rows(review_url, "select count(*) from audit_log where table_name = 'review_task' and row_id = %s "
                            "and action = 'update'", task_id) == [(1,)]

    # the flagged area: scan crop with the box, fixed by keyboard
    area = _item(review_url, "parcel.area_m2")
    first.page.goto(server + "/review")
    first.open_by_keys(area)
    page = first.page
    page.wait_for_function("() => document.querySelector('.scan img.scan-page').naturalWidth > 2000", timeout=30_000)
    page.wait_for_function("() => !document.querySelector('.scan-box').hidden", timeout=10_000)
    box = page.locator(".scan-box").bounding_box()
    view = page.locator(".scan-view").bounding_box()
    assert box and view and box["width"] > 20 and view["x"] <= box["x"] <= view["x"] + view["width"]
    assert "124.9" in page.locator("#current-value").inner_text()
    page.wait_for_function("() => document.getElementById('map')?.dataset.ready === '1'", timeout=30_000)
    page.screenshot(path=str(shots / "review-item.png"))
    first.fix("118.4")
    page.wait_for_url(lambda url: not url.endswith(f"/review/{area}"), timeout=30_000)

    ((cert_id, parcel_id),) = rows(review_url, "select t.certificate_id, cp.parcel_id from review_task t join "
                                               "certificate_parcel cp on cp.certificate_id = t.certificate_id "
                                               "where t.id = %s", int(area.split("-")[1]))
    assert rows(review_url, "select area_m2::float8 from certificate_parcel where certificate_id = %s",
                cert_id) == [(118.4,)]
    assert rows(review_url, "select count(*) from audit_log where actor = 'web:test-reviewer' and "
                            "table_name = 'certificate_parcel' and after ->> 'area_m2' = '118.40' "
                            "and before ->> 'area_m2' = '124.90'") == [(1,)]
    ((finding_id, status),) = rows(review_url, "select id, status from qa_finding where rule_id = 'cert_map_area' "
                                               "and certificate_id = %s", cert_id)
    assert status == "fixed"
    page.goto(server + f"/parcels/{parcel_id}")
    history = page.locator("table.history").inner_text()
    assert "web:test-reviewer" in history and "118.4" in history
    assert "cert_map_area · fixed" in page.locator("ul.findings").inner_text()

    # the one who fixed it cannot verify; the second reviewer does
    page.goto(server + f"/review/finding-{finding_id}")
    page.keyboard.press("v")
    refused = page.locator(".message.error")
    refused.wait_for(timeout=10_000)
    assert "another reviewer" in refused.inner_text()
    second.page.goto(server + "/review?status=verify&kind=finding")
    second.open_by_keys(f"finding-{finding_id}")
    second.page.keyboard.press("v")
    second.page.wait_for_url(lambda url: not url.endswith(f"/review/finding-{finding_id}"), timeout=15_000)
    assert rows(review_url, "select status, status_by from qa_finding where id = %s", finding_id) == [
        ("verified", "web:test-reviewer2")]
    assert first.errors == [] and second.errors == []
    first.context.close()
    second.context.close()


def test_a_reviewer_adds_the_co_owner_a_flagged_list_lacks(server, browser, shots, review_url):  # noqa: F811
    """The owners list flagged as a whole: the screen lists the owners the record holds and a form adds the one the
    paper has; the page comes back with the list one longer, still open (screenshot review-add-owner.png)."""
    ((task_id, cert_id),) = rows(review_url, "insert into review_task (kind, document_id, certificate_id, field, "
                                             "reason) select 'field', document_id, id, 'owners', 'test: a co-owner "
                                             "line could not be read' from certificate order by id limit 1 "
                                             "returning id, certificate_id")
    reviewer = Session(browser, server, "test-reviewer")
    page = reviewer.page
    page.goto(server + f"/review/field-{task_id}")
    listed = page.locator(".list-items ol li")
    before = listed.count()
    assert before >= 1
    form = page.locator("form.add-item")
    form.locator("input[name=title]").fill("Bà")
    form.locator("input[name=name]").fill("TRẦN THỊ MỸ DUNG")
    form.locator("input[name=birth_year]").fill("1968")
    form.locator("input[name=id_type]").fill("CMND")
    form.locator("input[name=id_number]").fill("023456789")
    form.locator("button[type=submit]").click()
    page.wait_for_function(f"() => document.querySelectorAll('.list-items ol li').length === {before + 1}",
                           timeout=15_000)
    assert "TRẦN THỊ MỸ DUNG" in listed.last.inner_text()
    page.screenshot(path=str(shots / "review-add-owner.png"), full_page=True)
    assert rows(review_url, "select status, version from review_task where id = %s", task_id) == [("open", 2)]
    assert rows(review_url, "select count(*) from land_right r join party p on p.id = r.party_id where "
                            "r.certificate_id = %s and p.name = 'TRẦN THỊ MỸ DUNG'", cert_id) == [(1,)]
    assert reviewer.errors == []
    reviewer.context.close()
