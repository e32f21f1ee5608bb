"""The oversight indicators through their functions (stats/indicators.py,
stats/usage.py, stats/processing.py) and the statistics page, on
documents with known histories: on time, late, overdue, electronic, paper,
delivered and acknowledged or not, across New Year."""

from AccessControl import Unauthorized
from clock import TEST_NOW
from domain_fixtures import issue
from domain_fixtures import outgoing
from domain_fixtures import pdf
from plone import api
from plone.app.testing import login
from qlvbdh_policy.accounts import login_days
from qlvbdh_policy.accounts.lockout import guard
from qlvbdh_policy.rules import periods as P
from qlvbdh_policy.stats import indicators as I
from qlvbdh_policy.stats import periods
from qlvbdh_policy.stats import processing
from qlvbdh_policy.stats import usage
from stats_fixtures import accept
from stats_fixtures import at
from stats_fixtures import D
from stats_fixtures import direct
from stats_fixtures import finish
from stats_fixtures import NOVEMBER
from stats_fixtures import november
from stats_fixtures import paper
from stats_fixtures import TITLES

import pytest

NOV = P.month(2026, 11)
TODAY = TEST_NOW.date()


def only(figures, keys):
    return {k: figures[k] for k in keys}


def test_every_indicator_of_november_per_agency_and_for_the_province(portal, province):
    report = usage.usage_report(portal, NOV, TODAY)
    rows = {row["id"]: row for row in report["agencies"]}
    assert [row["id"] for row in report["agencies"]] == ["sttt", "ubndcb"]  # by name: Sở …, Ủy ban …
    for abbr in ("sttt", "ubndcb"):
        assert only(rows[abbr], NOVEMBER[abbr]) == NOVEMBER[abbr], abbr
    assert only(report["province"], NOVEMBER["province"]) == NOVEMBER["province"]
    assert report["signatures_verified"] is True
    assert report["period"] == {"from": "2026-11-01", "to": "2026-11-30"}
    # accounts: every person of the agency; nobody logged in yet
    assert (rows["sttt"]["accounts"], rows["ubndcb"]["accounts"]) == (8, 3)
    assert report["province"]["accounts"] == 11
    assert report["province"]["accounts_logged_in"] == report["province"]["logins"] == 0


def test_each_indicator_is_one_function_with_its_rule(portal, province):
    docs = I.gather(portal["sttt"], NOV, TODAY)
    for indicator in I.ALL:
        assert indicator.__doc__ and any(rule in indicator.__doc__ for rule in (
            "Điều", "Phụ lục", "QĐ 28/2018")), indicator.__name__
        assert indicator.__name__ in I.LABELS
    assert I.figures(docs)["completed_late"] == I.completed_late(docs) == 1


def test_a_wider_period_and_another_day(portal, province, clock):
    # the first half of November: d1–d3 arrived, d1 and d2 done, nothing delivered yet
    first = P.Period(D(2026, 11, 1), D(2026, 11, 15))
    rows = {r["id"]: r for r in usage.usage_report(portal, first, TODAY)["agencies"]}
    assert only(rows["sttt"], ["incoming_registered", "incoming_electronic", "completed_on_time",
                               "completed_late", "still_in_hand", "overdue_now",
                               "outgoing_issued", "delivered_to_agencies"]) == {
        "incoming_registered": 3, "incoming_electronic": 0, "completed_on_time": 1,
        "completed_late": 1, "still_in_hand": 1, "overdue_now": 1, "outgoing_issued": 2,
        "delivered_to_agencies": 1}
    # on Monday 30/11 the documents sent on Friday and never acknowledged are late
    clock.set(TEST_NOW.replace(day=30))
    rows = {r["id"]: r for r in usage.usage_report(portal, NOV)["agencies"]}
    assert only(rows["sttt"], ["delivered_to_agencies", "acknowledged_same_day"]) == {
        "delivered_to_agencies": 3, "acknowledged_same_day": 1}
    assert rows["ubndcb"]["delivery_feedback"] == pytest.approx(1 / 3, abs=1e-4)
    # October: nothing
    october = usage.usage_report(portal, P.month(2026, 10), TODAY)["province"]
    assert october["incoming_registered"] == october["outgoing_issued"] == 0
    assert october["average_processing_days"] is None and october["delivery_feedback"] is None


def test_incoming_report_per_department_and_person(portal, province):
    report = processing.processing_report(portal["sttt"], "incoming", NOV, TODAY)
    assert report["totals"] == only(NOVEMBER["sttt"], [i.__name__ for i in I.INCOMING_INDICATORS])
    departments = {d["id"]: d for d in report["departments"]}
    assert departments["vp"]["title"] == "Văn phòng"
    assert only(departments["vp"], ["incoming_registered", "incoming_paper", "completed_on_time",
                                    "completed_late", "still_in_hand", "overdue_now",
                                    "average_processing_days"]) == {
        "incoming_registered": 3, "incoming_paper": 3, "completed_on_time": 1,
        "completed_late": 1, "still_in_hand": 1, "overdue_now": 1,
        "average_processing_days": 5.0}
    # the two accepted copies wait with the clerk: given to no department yet
    assert departments[None]["title"] == "Chưa giao phòng, ban"
    assert only(departments[None], ["incoming_registered", "incoming_electronic",
                                    "still_in_hand"]) == {
        "incoming_registered": 2, "incoming_electronic": 2, "still_in_hand": 2}
    people = {p["id"]: p for p in report["people"]}
    assert set(people) == {"xla", "sttt-vp-heads"}
    assert people["xla"]["title"] == "Lê Minh Hiếu"
    assert only(people["xla"], ["incoming_registered", "completed_on_time", "completed_late",
                                "still_in_hand"]) == {
        "incoming_registered": 2, "completed_on_time": 1, "completed_late": 1,
        "still_in_hand": 0}
    assert only(people["sttt-vp-heads"], ["incoming_registered", "overdue_now"]) == {
        "incoming_registered": 1, "overdue_now": 1}


def test_outgoing_report_per_department_and_person(portal, province):
    report = processing.processing_report(portal["sttt"], "outgoing", NOV, TODAY)
    assert report["signatures_verified"] is True
    assert report["totals"] == only(NOVEMBER["sttt"], [i.__name__ for i in I.OUTGOING_INDICATORS])
    [vp] = report["departments"]  # the invitation's drafter works in it too
    assert (vp["id"], vp["outgoing_issued"], vp["outgoing_electronic"]) == ("vp", 4, 3)
    people = {p["id"]: p for p in report["people"]}
    assert {k: v["outgoing_issued"] for k, v in people.items()} == {"xla": 3, "pha": 1}
    assert people["xla"]["delivery_feedback"] == 0.5 and people["pha"]["delivery_feedback"] is None


def test_across_new_year(portal, clock):
    a, b, docs = november(portal, clock)
    with api.env.adopt_roles(["Manager"]):
        for agency in (a, b):
            for kind, prefix in (("incoming", "den"), ("outgoing", "di")):
                api.content.create(container=agency, type="Register", id=f"{prefix}-2027",
                                   title=f"Sổ {prefix} 2027", kind=kind, year=2027)
    at(clock, D(2026, 12, 30))
    d6 = paper(portal, a, 106)
    direct(portal, d6, "xla", D(2027, 1, 5))
    at(clock, D(2027, 1, 2))  # a Saturday: acknowledged on Monday is the same working day
    login(portal, "cbb")
    sent = issue(outgoing(b["di-2027"], title="Công văn gửi ngày thứ Bảy", file=pdf(),
                          recipients_internal=[a.UID()]))
    at(clock, D(2027, 1, 4))
    finish(portal, d6)  # on time, 5 days, in the new year
    accept(portal, "vta", sent, a, register="den-2027")
    at(clock, D(2027, 1, 5))
    paper(portal, a, 7, register="den-2027")
    at(clock, D(2027, 1, 6))

    def sttt(period):
        return {r["id"]: r for r in usage.usage_report(portal, period)["agencies"]}["sttt"]

    year_2026 = sttt(P.whole_year(2026))
    assert (year_2026["incoming_registered"], year_2026["completed_on_time"]) == (6, 1)
    assert year_2026["still_in_hand"] == 3  # d6 is done by now; d3, d4, d5 are not
    january = sttt(P.month(2027, 1))
    assert only(january, ["incoming_registered", "incoming_electronic", "completed_on_time",
                          "completed_late", "average_processing_days", "still_in_hand",
                          "overdue_now"]) == {
        "incoming_registered": 2, "incoming_electronic": 1, "completed_on_time": 1,
        "completed_late": 0, "average_processing_days": 5.0, "still_in_hand": 5,
        "overdue_now": 1}
    across = sttt(P.Period(D(2026, 12, 15), D(2027, 1, 15)))
    assert (across["incoming_registered"], across["completed_on_time"]) == (3, 1)
    caibe = {r["id"]: r for r in usage.usage_report(portal, P.month(2027, 1))["agencies"]}
    assert only(caibe["ubndcb"], ["outgoing_issued", "delivered_to_agencies",
                                  "acknowledged_same_day"]) == {
        "outgoing_issued": 1, "delivered_to_agencies": 1, "acknowledged_same_day": 1}


def test_logins_per_period_from_the_days_kept(portal, province):
    site_guard = guard(portal)
    for day, userid in ((D(2026, 10, 31), "lda"), (D(2026, 11, 1), "lda"),
                        (D(2026, 11, 1), "lda"), (D(2026, 11, 30), "vtb"),
                        (D(2026, 12, 1), "xla"), (D(2026, 11, 5), "giamsat")):
        login_days.count(site_guard, userid, day)
    assert not login_days.count(site_guard, "vtb", D(2026, 11, 30), once=True)
    rows = {r["id"]: r for r in usage.usage_report(portal, NOV, TODAY)["agencies"]}
    assert only(rows["sttt"], ["accounts", "accounts_logged_in", "logins"]) == {
        "accounts": 8, "accounts_logged_in": 1, "logins": 2}
    assert only(rows["ubndcb"], ["accounts_logged_in", "logins"]) == {
        "accounts_logged_in": 1, "logins": 1}
    province = usage.usage_report(portal, NOV, TODAY)["province"]
    assert (province["accounts_logged_in"], province["logins"]) == (2, 3)  # not the overseer


@pytest.mark.parametrize("form, field, words", [
    ({"from": "2026-02-30"}, "from", ["“from”", "Từ ngày", "2026-02-30", "dd/mm/yyyy"]),
    ({"to": "30/13/2026"}, "to", ["“to”", "Đến ngày", "30/13/2026"]),
    ({"from": "2026-12-01", "to": "2026-11-01"}, "from", ["01/12/2026", "01/11/2026", "“from”"]),
    ({"period": "2026-Q7"}, "period", ["“period”", "2026-Q7", "2026-H2"]),
])
def test_bad_periods_are_refused_in_vietnamese_naming_the_parameter(form, field, words):
    from zope.i18n import translate

    with pytest.raises(periods.ReportRefused) as refused:
        periods.read_period(form, TODAY)
    message = translate(refused.value.message(), target_language="vi")
    assert refused.value.field == field
    assert all(w in message for w in words), message


def test_the_kind_of_report_is_checked():
    from zope.i18n import translate

    assert periods.read_kind({"kind": "outgoing"}) == "outgoing"
    with pytest.raises(periods.ReportRefused) as refused:
        periods.read_kind({"kind": "all"})
    message = translate(refused.value.message(), target_language="vi")
    assert refused.value.field == "kind" and "Loại báo cáo" in message and "all" in message


def test_the_statistics_page_shows_the_same_figures_for_the_chosen_period(portal, province):
    login(portal, "giamsat")
    request = portal.REQUEST
    request.form.update({"from": "01/11/2026", "to": "30/11/2026"})
    html = portal.restrictedTraverse("@@usage-statistics")()
    assert "Thống kê tình hình sử dụng" in html and "Từ ngày 01/11/2026 đến ngày 30/11/2026" in html
    row = html.split('id="stats-sttt"', 1)[1].split("</tr>", 1)[0]
    assert '<td class="incoming-registered">5</td>' in row
    assert '<td class="overdue-now">1</td>' in row
    assert '<td class="average-processing-days">5,0</td>' in row
    assert '<td class="delivery-feedback">50,0 %</td>' in row
    total = html.split('id="stats-province"', 1)[1].split("</tr>", 1)[0]
    assert '<td class="outgoing-issued">7</td>' in total
    for label in ("Văn bản đến đã vào sổ", "Nhận điện tử (liên thông)", "Quá hạn chưa giải quyết",
                  "Tỷ lệ phản hồi trong ngày làm việc", "Lượt đăng nhập", "Toàn tỉnh",
                  "được hệ thống kiểm tra là hợp lệ"):
        assert label in html, label
    # the shortcuts, this quarter chosen
    assert 'id="period-2026-Q4"' in html and "Quý 4/2026" in html and "6 tháng 2/2026" in html
    request.form.clear()
    request.form["period"] = "2026-Q4"
    html = portal.restrictedTraverse("@@usage-statistics")()
    assert 'value="01/10/2026"' in html and 'value="31/12/2026"' in html
    assert 'class="btn btn-sm btn-secondary" id="period-2026-Q4"' in html
    # counts only: no document's title nor address
    assert not any(title in html for title in TITLES)
    assert "/den-2026/" not in html and "/di-2026/" not in html


def test_a_bad_period_on_the_page_is_told_and_the_year_shown(portal, province):
    login(portal, "giamsat")
    portal.REQUEST.form.update({"from": "31/02/2026"})
    html = portal.restrictedTraverse("@@usage-statistics")()
    assert "Từ ngày 01/01/2026 đến ngày 27/11/2026" in html
    assert "“from” (Từ ngày): “31/02/2026” không phải là ngày" in html


def test_oversight_reads_counts_and_never_documents(portal, province):
    a, b, docs = province
    login(portal, "giamsat")
    for doc in docs.values():
        assert not api.user.has_permission("View", obj=doc)
        assert not api.user.has_permission("Access contents information", obj=doc)
    usage.check_read(portal)
    with pytest.raises(processing.ProcessingReportRefused):
        processing.check_read(a)
    for userid in ("lda", "qta"):
        login(portal, userid)
        processing.check_read(a)
        with pytest.raises(usage.UsageRefused):
            usage.check_read(portal)
        with pytest.raises(processing.ProcessingReportRefused):
            processing.check_read(b)  # another agency's
    login(portal, "xla")
    with pytest.raises(Unauthorized):
        portal.restrictedTraverse("@@usage-statistics")
