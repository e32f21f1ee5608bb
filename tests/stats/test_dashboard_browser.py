"""The dashboards of issue 18 in Chromium, at a desktop's width and a
phone's (390 px): the province dashboard's charts are drawn (inline SVG,
no script), have the bars of the period's figures, and the page does not
scroll sideways; the agency dashboard fits a phone too. The screenshots
are kept in tests/artifacts/."""

from browser import chromium_page
from browser import login
from clock import TEST_NOW
from routing_fixtures import PASSWORD
from stats_fixtures import november

import pytest
import transaction

WIDER = """() => document.documentElement.scrollWidth > document.documentElement.clientWidth"""
# each chart's bars: the value each stands for, and its drawn size on the page
BARS = """id => Array.from(document.querySelectorAll(`#${id} rect.chart-bar`)).map(r => {
    const box = r.getBoundingClientRect();
    return [r.dataset.value, Math.round(box.width), Math.round(box.height)]; })"""
EXPECTED = {
    "chart-electronic": ["0.4", "0.75", "1.0", "1.0"],
    "chart-overdue": ["1", "3", "0", "1"],
}
# the trend: October, November, December; or the twelve months of the year
TREND = {"2026-Q4": ["0", "0", "6", "7", "0", "0"],
         "2026": ["0"] * 20 + ["6", "7", "0", "0"]}


@pytest.fixture
def dashboard_site(server, server_url, clock):
    november(server["portal"], clock)
    # reminders go by mail: without a sender the button says none was sent
    server["portal"].portal_registry["plone.email_from_address"] = "qlvbdh@vpdtg.vn"
    clock.set(TEST_NOW)
    transaction.commit()
    return server_url


@pytest.mark.parametrize("width, height, name, period", [
    (1280, 900, "desktop", "2026-Q4"), (390, 844, "phone", "2026-Q4"),
    (1280, 900, "desktop-year", "2026"), (390, 844, "phone-year", "2026")])
def test_the_province_dashboard_draws_its_charts(dashboard_site, artifacts, width, height, name,
                                                 period):
    with chromium_page(width=width, height=height) as page:
        login(page, dashboard_site, "giamsat", PASSWORD)
        answer = page.goto(f"{dashboard_site}/@@usage-statistics?period={period}")
        page.wait_for_load_state("networkidle")
        assert answer.status == 200
        page.screenshot(path=str(artifacts / f"dashboard-province-{name}.png"), full_page=True)
        assert not page.evaluate(WIDER), f"the dashboard is wider than the {name}"
        for chart, values in dict(EXPECTED, **{"chart-trend": TREND[period]}).items():
            svg = page.locator(f"#{chart}")
            assert svg.is_visible(), chart
            box = svg.bounding_box()
            assert 200 < box["width"] <= width and box["height"] > 100, (chart, box)
            bars = page.evaluate(BARS, chart)
            assert [value for value, _w, _h in bars] == values, chart
            # a bar is drawn for every figure but nothing: its length (rows) or height
            drawn = [(value, h if chart == "chart-trend" else w) for value, w, h in bars]
            assert all((size > 0) == (float(value) > 0) for value, size in drawn), (chart, drawn)
        assert page.evaluate(BARS, "chart-overdue")[1][1] > page.evaluate(
            BARS, "chart-overdue")[0][1]  # 3 in hand drawn longer than 1 overdue
        text = page.locator("#dashboard-charts").inner_text()
        for words in ("Tỷ lệ điện tử theo cơ quan", "Văn bản quá hạn theo cơ quan",
                      "Diễn biến theo tháng", "Sở Thông tin và Truyền thông"):
            assert words in text, words
        assert ("11/2026" if period == "2026-Q4" else "T11") in text
        # the table sorts by a column's title
        page.locator("#statistics-table th.overdue-now a").click()
        page.wait_for_load_state("networkidle")
        assert page.locator("#statistics-table th.overdue-now").get_attribute(
            "aria-sort") == "descending"
        rows = page.locator("#statistics-table tbody tr th").all_inner_texts()
        assert rows[0] == "Sở Thông tin và Truyền thông"


@pytest.mark.parametrize("width, height, name", [(1280, 900, "desktop"), (390, 844, "phone")])
def test_the_agency_dashboard_fits_the_screen(dashboard_site, artifacts, width, height, name):
    with chromium_page(width=width, height=height) as page:
        login(page, dashboard_site, "lda", PASSWORD)
        answer = page.goto(f"{dashboard_site}/sttt/@@agency-statistics?period=2026-11")
        page.wait_for_load_state("networkidle")
        assert answer.status == 200
        page.screenshot(path=str(artifacts / f"dashboard-agency-{name}.png"), full_page=True)
        assert not page.evaluate(WIDER), f"the agency dashboard is wider than the {name}"
        assert page.locator("#incoming-department-vp .overdue-now button").inner_text() == "Nhắc việc"
        # the leader's one action: the department's handler is reminded, the page says so
        page.locator("#incoming-department-vp .overdue-now button").click()
        page.wait_for_load_state("networkidle")
        assert "/sttt/@@agency-statistics" in page.url
        assert "Đã gửi nhắc việc đến 1 người về 1 văn bản quá hạn." in page.locator(
            "body").inner_text()
