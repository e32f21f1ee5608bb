"""The dashboards of issue 18 on documents with known histories
(``stats_fixtures.november``): the province dashboard (its table sorted
by a column, the province's totals, its charts), the agency dashboard per
department and person with links to the documents behind a count for the
people who may open them, and the overdue follow-up: a leader's reminder
to the people behind an overdue count, mailed through a real SMTP server
on loopback."""

from clock import TEST_NOW
from plone.app.testing import login
from qlvbdh_policy.rules import periods as P
from qlvbdh_policy.stats import dashboard
from qlvbdh_policy.stats import usage
from stats_fixtures import november
from stats_fixtures import TITLES

import pytest
import re

NOV = P.month(2026, 11)
TODAY = TEST_NOW.date()
BARS = re.compile(r'<rect class="chart-bar series-(\d)"[^>]*data-value="([^"]*)"><title>([^<]*)</title>')


@pytest.fixture
def province(portal, clock):
    a, b, docs = november(portal, clock)
    clock.set(TEST_NOW)
    return a, b, docs


def page(portal, context, name, user, **form):
    login(portal, user)
    request = portal.REQUEST
    request.form.clear()
    request.form.update(form)
    return context.restrictedTraverse(f"@@{name}")()


def chart(html, chart_id):
    svg = html.split(f'id="{chart_id}"', 1)[1].split("</svg>", 1)[0]
    return [(int(s), v, t) for s, v, t in BARS.findall(svg)]


def order(html):
    return [i for i in re.findall(r"<tr id=\"stats-(\w+)\"", html) if i != "province"]


def test_the_province_dashboard_and_its_charts(portal, province):
    html = page(portal, portal, "usage-statistics", "giamsat", **{"from": "01/11/2026",
                                                                  "to": "30/11/2026"})
    assert order(html) == ["sttt", "ubndcb"]  # by name
    total = html.split('id="stats-province"', 1)[1].split("</tr>", 1)[0]
    assert '<td class="overdue-now">1</td>' in total and '<td class="outgoing-issued">7</td>' in total
    # the electronic share of each agency: sttt 2 of 5 in, 3 of 4 out; Cái Bè all
    assert [(s, v) for s, v, _t in chart(html, "chart-electronic")] == [
        (0, "0.4"), (1, "0.75"), (0, "1.0"), (1, "1.0")]
    assert "Sở Thông tin và Truyền thông: Văn bản đến nhận điện tử 40,0 %" in html
    # overdue now and still in hand per agency
    assert [(s, v) for s, v, _t in chart(html, "chart-overdue")] == [
        (0, "1"), (1, "3"), (0, "0"), (1, "1")]
    # one month: November
    assert [(s, v, t.split(":")[0]) for s, v, t in chart(html, "chart-trend")] == [
        (0, "6", "11/2026"), (1, "7", "11/2026")]
    for words in ("Tỷ lệ điện tử theo cơ quan", "Văn bản quá hạn theo cơ quan",
                  "Diễn biến theo tháng", 'role="img"'):
        assert words in html, words
    assert not any(title in html for title in TITLES)
    assert "/den-2026/" not in html and "/di-2026/" not in html


def test_the_trend_is_the_table_month_by_month(portal, province):
    quarter = P.quarter(2026, 4)
    trend = dashboard.monthly_trend(usage.agencies(portal), quarter, TODAY)
    assert [(m["month"].start.isoformat(), m["month"].end.isoformat()) for m in trend] == [
        ("2026-10-01", "2026-10-31"), ("2026-11-01", "2026-11-30"), ("2026-12-01", "2026-12-31")]
    assert [(m["incoming_registered"], m["incoming_electronic"], m["outgoing_issued"],
             m["outgoing_electronic"]) for m in trend] == [(0, 0, 0, 0), (6, 3, 7, 6), (0, 0, 0, 0)]
    # a period cut inside months: from 15/11 to 10/12
    cut = dashboard.monthly_trend(usage.agencies(portal), P.Period(P.month(2026, 11).start.replace(
        day=15), P.month(2026, 12).start.replace(day=10)), TODAY)
    assert [m["month"].start.day for m in cut] == [15, 1] and cut[1]["month"].end.day == 10
    province = usage.usage_report(portal, P.Period(cut[0]["month"].start, cut[1]["month"].end),
                                  TODAY)["province"]
    assert sum(m["incoming_registered"] for m in cut) == province["incoming_registered"] == 2
    assert sum(m["outgoing_issued"] for m in cut) == province["outgoing_issued"] == 5
    html = page(portal, portal, "usage-statistics", "giamsat", period="2026-Q4")
    assert [t.split(":")[0] for _s, _v, t in chart(html, "chart-trend")] == [
        "10/2026", "10/2026", "11/2026", "11/2026", "12/2026", "12/2026"]


def test_the_table_sorts_by_any_column(portal, province):
    nov = {"from": "01/11/2026", "to": "30/11/2026"}
    html = page(portal, portal, "usage-statistics", "giamsat", sort="overdue_now", order="desc",
                **nov)
    assert order(html) == ["sttt", "ubndcb"]
    head = html.split('<th scope="col" class="overdue-now"', 1)[1].split("</th>", 1)[0]
    assert 'aria-sort="descending"' in head and "order=asc" in head and "▼" in head
    assert 'aria-sort="none"' in html.split('class="incoming-registered"', 1)[1][:40]
    assert order(page(portal, portal, "usage-statistics", "giamsat", sort="overdue_now",
                      order="asc", **nov)) == ["ubndcb", "sttt"]
    assert order(page(portal, portal, "usage-statistics", "giamsat", sort="title",
                      order="desc", **nov)) == ["ubndcb", "sttt"]
    assert order(page(portal, portal, "usage-statistics", "giamsat", sort="incoming_paper",
                      order="desc", **nov)) == ["sttt", "ubndcb"]
    # an unknown column: by name
    assert order(page(portal, portal, "usage-statistics", "giamsat", sort="Title;drop",
                      **nov)) == ["sttt", "ubndcb"]


def test_sorting_keeps_missing_figures_last_and_ties_by_name():
    key = "average_processing_days"
    rows = [{"title": "Ủy ban nhân dân huyện Cái Bè", key: None}, {"title": "Sở Y tế", key: 2.0},
            {"title": "Sở Tài chính", key: 2.0}, {"title": "Ban Dân tộc", key: 7.5}]
    assert [r["title"] for r in dashboard.sort_rows(rows, key)] == [
        "Sở Tài chính", "Sở Y tế", "Ban Dân tộc", "Ủy ban nhân dân huyện Cái Bè"]
    assert [r["title"] for r in dashboard.sort_rows(rows, key, descending=True)] == [
        "Ban Dân tộc", "Sở Tài chính", "Sở Y tế", "Ủy ban nhân dân huyện Cái Bè"]
    assert [r["title"] for r in dashboard.sort_rows(rows, "title", descending=True)] == [
        "Ủy ban nhân dân huyện Cái Bè", "Sở Y tế", "Sở Tài chính", "Ban Dân tộc"]
