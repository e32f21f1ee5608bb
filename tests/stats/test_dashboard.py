"""The dashboards of issue 18 on documents with known histories
(``stats_fixtures.november``): the province dashboard (its table sorted
by a column, the province's totals, its charts), the agency dashboard per
department and person with links to the documents behind a count for the
people who may open them, and the overdue follow-up: a leader's reminder
to the people behind an overdue count, mailed through a real SMTP server
on loopback."""

from AccessControl import Unauthorized
from clock import TEST_NOW
from mail_fixtures import delivered
from mail_fixtures import mailbox
from plone import api
from plone.app.testing import login
from plone.protect.authenticator import createToken
from qlvbdh_policy.browser.forgery import ForgedForm
from qlvbdh_policy.rules import periods as P
from qlvbdh_policy.stats import dashboard
from qlvbdh_policy.stats import follow_up
from qlvbdh_policy.stats import usage
from stats_fixtures import november
from stats_fixtures import TITLES

import pytest
import re
import transaction

NOV = P.month(2026, 11)
TODAY = TEST_NOW.date()
BARS = re.compile(r'<rect class="chart-bar series-(\d)"[^>]*data-value="([^"]*)"><title>([^<]*)</title>')


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


def test_the_electronic_share_leaves_out_agencies_without_documents(portal, province):
    """On Monday 02/11 only sttt registered a document: Cái Bè has no share
    to draw, so its row would be blank on a phone; the chart leaves it out
    and says so, the table still lists it."""
    html = page(portal, portal, "usage-statistics", "giamsat",
                **{"from": "02/11/2026", "to": "02/11/2026"})
    svg = html.split('id="chart-electronic"', 1)[1].split("</svg>", 1)[0]
    assert "Sở Thông tin và Truyền thông" in svg and "Cái Bè" not in svg
    assert [(s, v) for s, v, _t in chart(html, "chart-electronic")] == [(0, "0.0")]
    note = html.split('id="chart-electronic-note"', 1)[1].split("</p>", 1)[0]
    assert "Không có văn bản trong kỳ (không vẽ): Ủy ban nhân dân huyện Cái Bè." in note
    assert order(html) == ["sttt", "ubndcb"]
    assert "Cái Bè" in html.split('id="chart-overdue"', 1)[1].split("</svg>", 1)[0]
    # a month both agencies worked in: nothing left out
    html = page(portal, portal, "usage-statistics", "giamsat", period="2026-11")
    assert 'id="chart-electronic-note"' not in html


def test_the_trend_is_the_table_month_by_month(portal, province):
    quarter = P.quarter(2026, 4)
    trend = dashboard.monthly_trend(usage.agencies(portal), quarter, TODAY)
    assert [(m["month"].start.isoformat(), m["month"].end.isoformat()) for m in trend] == [
        ("2026-10-01", "2026-10-31"), ("2026-11-01", "2026-11-30"), ("2026-12-01", "2026-12-31")]
    assert [(m["incoming_registered"], m["outgoing_issued"]) for m in trend] == [
        (0, 0), (6, 7), (0, 0)]
    # a period cut inside months: from 15/11 to 10/12
    cut = dashboard.monthly_trend(usage.agencies(portal), P.Period(P.month(2026, 11).start.replace(
        day=15), P.month(2026, 12).start.replace(day=10)), TODAY)
    assert [m["month"].start.day for m in cut] == [15, 1] and cut[1]["month"].end.day == 10
    province = usage.usage_report(portal, P.Period(cut[0]["month"].start, cut[1]["month"].end),
                                  TODAY)["province"]
    assert sum(m["incoming_registered"] for m in cut) == province["incoming_registered"] == 2
    assert sum(m["outgoing_issued"] for m in cut) == province["outgoing_issued"] == 5
    # one day: Monday 23/11, Cái Bè's report issued and accepted by sttt
    [day] = dashboard.monthly_trend(usage.agencies(portal), P.Period(
        P.month(2026, 11).start.replace(day=23), P.month(2026, 11).start.replace(day=23)), TODAY)
    assert (day["incoming_registered"], day["outgoing_issued"]) == (1, 1)
    # across New Year: the months of each year
    across = dashboard.monthly_trend(usage.agencies(portal), P.Period(
        P.month(2026, 11).start, P.month(2027, 1).end), TODAY)
    assert [(m["month"].start.month, m["incoming_registered"]) for m in across] == [
        (11, 6), (12, 0), (1, 0)]
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


def cell(html, row_id, css_class):
    row = html.split(f'id="{row_id}"', 1)[1].split("</tr>", 1)[0]
    return row.split(f'<td class="{css_class}">', 1)[1].split("</td>", 1)[0]


def href(text):
    found = re.search(r'href="([^"]+)"', text)
    return found.group(1).replace("&amp;", "&") if found else None


def query(url):
    from urllib.parse import parse_qsl
    from urllib.parse import urlsplit

    return dict(parse_qsl(urlsplit(url).query))


def listing(portal, agency, url, user):
    return page(portal, agency, "statistics-documents", user, **query(url))


def listed(html):
    return re.findall(r'<td><a href="[^"]+">([^<]+)</a></td>', html)


def test_the_agency_dashboard_per_department_and_person(portal, province):
    a, _b, docs = province
    html = page(portal, a, "agency-statistics", "lda", period="2026-11")
    assert "Thống kê tình hình giải quyết văn bản" in html and "Toàn cơ quan" in html
    # the V.2 report of the same period, as page, PDF and XLSX
    report = html.split('id="report-incoming"', 1)[1].split("</p>", 1)[0]
    assert "Báo cáo của kỳ này" in report and (
        "/sttt/@@processing-report.pdf?kind=incoming&amp;from=2026-11-01&amp;to=2026-11-30"
        in report)
    # the department's overdue count links to its document, with the reminder
    overdue = cell(html, "incoming-department-vp", "overdue-now")
    url = href(overdue)
    assert query(url) == {"indicator": "overdue_now", "from": "01/11/2026", "to": "30/11/2026",
                          "department": "vp"}
    assert "send-overdue-reminders" in overdue and 'name="department" value="vp"' in overdue
    assert "Nhắc việc" in overdue and 'title="Nhắc người xử lý các văn bản quá hạn: Văn phòng"' in overdue
    assert listed(listing(portal, a, url, "lda")) == [docs["d3"].title]
    # a count of nothing links nowhere; an average is not a count
    assert href(cell(html, "incoming-department-vp", "incoming-electronic")) is None
    assert href(cell(html, "incoming-department-vp", "average-processing-days")) is None
    # the documents of no department: the two copies accepted, waiting with the clerk
    waiting = href(cell(html, "incoming-department--", "incoming-registered"))
    assert query(waiting)["department"] == "-"
    assert sorted(listed(listing(portal, a, waiting, "lda"))) == sorted(
        [docs["d4"].title, docs["d5"].title])
    # a person: the one completed late; the whole agency: all five
    late = href(cell(html, "incoming-person-xla", "completed-late"))
    assert listed(listing(portal, a, late, "lda")) == [docs["d2"].title]
    every_url = href(cell(html, "incoming-totals", "incoming-registered"))
    every = listing(portal, a, every_url, "lda")
    in_order = [docs[k].title for k in ("d1", "d2", "d3", "d4", "d5")]  # as the book lists them
    assert listed(every) == in_order and "Từ ngày 01/11/2026 đến ngày 30/11/2026" in every
    assert "02/11/2026" in every and 'id="page-next"' not in every
    assert "send-overdue-reminders" in cell(html, "incoming-totals", "overdue-now")
    # outgoing: per drafter, the delivery feedback
    assert cell(html, "outgoing-person-xla", "outgoing-issued").endswith(">3</a>\n      ")
    assert cell(html, "outgoing-person-xla", "delivery-feedback").strip() == "50,0 %"
    issued = href(cell(html, "outgoing-person-pha", "outgoing-issued"))
    assert listed(listing(portal, a, issued, "lda")) == [docs["o2"].title]


def test_outgoing_documents_without_a_drafter_have_a_named_row(portal, province):
    """An outgoing document issued with no Creator (a script, an import)
    is counted in a row that says so, on the page, in the PDF and XLSX
    layout and in the REST report's figures; never a nameless person."""
    from qlvbdh_policy.stats import processing
    from qlvbdh_policy.stats import reports

    a, _b, docs = province
    docs["o2"].setCreators(())
    docs["o2"].reindexObject(idxs=["Creator"])  # a full reindex adds the current user
    login(portal, "lda")
    report = processing.processing_report(a, "outgoing", NOV, TODAY)
    people = {row["id"]: row for row in report["people"]}
    assert set(people) == {"xla", None}
    assert people[None]["title"] == "Không rõ người soạn thảo"
    assert people[None]["outgoing_issued"] == 1 and people["xla"]["outgoing_issued"] == 3
    assert all(row["title"] for row in report["people"] + report["departments"])
    # the PDF's and the sheet's rows: the same named row
    layout = reports.ProcessingDocument(a, "outgoing", NOV, portal.REQUEST, TODAY)
    _title, _headers, rows = layout.sections()[1]
    assert [row[1] for row in rows] == ["Lê Minh Hiếu", "Không rõ người soạn thảo"]
    assert all(row[1] for row in rows)
    # the page: the row links to its document, not to the agency's every one
    html = page(portal, a, "agency-statistics", "lda", period="2026-11")
    row = html.split('id="outgoing-person--"', 1)[1].split("</tr>", 1)[0]
    assert "Không rõ người soạn thảo" in row
    url = href(cell(html, "outgoing-person--", "outgoing-issued"))
    assert query(url)["person"] == "-"
    listed_page = listing(portal, a, url, "lda")
    assert listed(listed_page) == [docs["o2"].title]
    assert "Không rõ người soạn thảo" in listed_page


def test_a_bad_period_stays_in_the_form_with_its_message(portal, province):
    """The dashboards and the V.2 / V.4 page keep what was typed and say
    beside the field what is wrong; the figures are the year's so far."""
    from qlvbdh_policy.stats.periods import ReportRefused

    a, _b, _docs = province
    for context, name, user, prefix in ((portal, "usage-statistics", "giamsat", "stats"),
                                        (a, "agency-statistics", "lda", "stats"),
                                        (a, "processing-report", "lda", "report")):
        html = page(portal, context, name, user, **{"from": "01/11/2026", "to": "31/11/2026"})
        field = html.split(f'id="{prefix}-to"', 1)[1].split(">", 1)[0]
        assert 'value="31/11/2026"' in field and "is-invalid" in field, name
        assert f'aria-describedby="{prefix}-to-error"' in field
        assert 'value="01/11/2026"' in html.split(f'id="{prefix}-from"', 1)[1].split(">", 1)[0]
        error = html.split(f'id="{prefix}-to-error"', 1)[1].split("</div>", 1)[0]
        assert "“to” (Đến ngày): “31/11/2026”" in error, name
        assert f'id="{prefix}-from-error"' not in html
        assert "Từ ngày 01/01/2026 đến ngày 27/11/2026" in html  # the figures: the year so far
        if name == "agency-statistics":  # a reminder is of the period shown, not of the typo
            form = html.split('class="qlvbdh-remind', 1)[1].split("</form>", 1)[0]
            assert 'name="to" value="27/11/2026"' in form and "31/11" not in form
        html = page(portal, context, name, user, period="2026-Q5")
        assert "“period”: “2026-Q5”" in html.split(f'id="{prefix}-period-error"', 1)[1][:400]
    # a link to the documents behind a count with a bad period: refused
    with pytest.raises(ReportRefused):
        page(portal, a, "statistics-documents", "lda", indicator="overdue_now",
             **{"from": "2026-13-01"})


def test_the_agency_home_leads_its_readers_to_the_dashboard(portal, province):
    a, _b, _docs = province
    for user, shown in (("lda", True), ("qta", True), ("xla", False), ("vta", False)):
        login(portal, user)
        home = a.restrictedTraverse("@@view")
        assert (home.statistics_url() == f"{a.absolute_url()}/@@agency-statistics") is shown
        assert ("qlvbdh-home-statistics" in home()) is shown, user


def test_the_documents_behind_a_count_come_in_pages(portal, province, monkeypatch):
    from qlvbdh_policy.browser import statistics

    a, _b, docs = province
    monkeypatch.setattr(statistics, "PAGE", 2)
    url = (f"{a.absolute_url()}/@@statistics-documents?indicator=incoming_registered"
           "&from=01/11/2026&to=30/11/2026")
    first = listing(portal, a, url, "lda")
    assert listed(first) == [docs["d1"].title, docs["d2"].title] and "Trang 1/3" in first
    following = href(first.split('id="page-next"', 1)[1].split(">", 1)[0])
    assert query(following)["b_start"] == "2" and query(following)["indicator"] == \
        "incoming_registered"
    assert listed(listing(portal, a, following, "lda")) == [docs["d3"].title, docs["d4"].title]


def test_who_reads_the_agency_dashboard_and_its_documents(portal, province):
    a, b, docs = province
    url = (f"{a.absolute_url()}/@@statistics-documents?indicator=overdue_now"
           "&from=01/11/2026&to=30/11/2026")
    # the agency's admin reads the counts; he sends no reminder
    html = page(portal, a, "agency-statistics", "qta", period="2026-11")
    assert "send-overdue-reminders" not in html
    # … and opens no document: no link; the listing, asked for, shows none of them
    assert "statistics-documents" not in html
    html = listing(portal, a, url, "qta")
    assert listed(html) == [] and "Còn 1 văn bản khác của số liệu này bạn không có quyền xem" in html
    assert docs["d3"].title not in html
    # the province's oversight, the agency's handler, another agency's leader: refused
    for outsider in ("giamsat", "xla", "vta", "ldb"):
        login(portal, outsider)
        for name in ("agency-statistics", "statistics-documents", "send-overdue-reminders"):
            with pytest.raises(Unauthorized):
                a.restrictedTraverse(f"@@{name}")
    # the province dashboard gives Oversight no link to a document or an agency's page
    html = page(portal, portal, "usage-statistics", "giamsat", period="2026-11")
    assert "statistics-documents" not in html and "agency-statistics" not in html
    assert not any(d.absolute_url() in html for d in docs.values())
    # a count that is not one of documents
    login(portal, "lda")
    from qlvbdh_policy.stats.periods import ReportRefused
    with pytest.raises(ReportRefused):
        listing(portal, a, url.replace("overdue_now", "logins"), "lda")


@pytest.fixture
def smtp(functional, tmp_path, clock):
    portal = functional["portal"]
    a, b, docs = november(portal, clock)
    clock.set(TEST_NOW)
    transaction.commit()
    with mailbox(tmp_path) as inbox:
        yield portal, a, docs, inbox


def post(portal, agency, user, method="POST", token=True, **form):
    login(portal, user)
    request = portal.REQUEST
    request.form.clear()
    request.form.update(form)
    request.method = method
    request.environ["REQUEST_METHOD"] = method
    if token:
        request.form["_authenticator"] = createToken()
    view = agency.restrictedTraverse("@@send-overdue-reminders")
    try:
        return view()
    finally:
        request.method = "GET"
        request.environ["REQUEST_METHOD"] = "GET"


def statuses(portal):
    from Products.statusmessages.interfaces import IStatusMessage

    return [m.message for m in IStatusMessage(portal.REQUEST).show()]


def test_a_leader_reminds_the_people_behind_an_overdue_count(smtp):
    portal, a, docs, inbox = smtp
    post(portal, a, "lda", department="vp", **{"from": "01/11/2026", "to": "30/11/2026"})
    assert portal.REQUEST.response.getHeader("Location").startswith(
        f"{a.absolute_url()}/@@agency-statistics?from=01%2F11%2F2026")
    assert statuses(portal) == ["Đã gửi nhắc việc đến 1 người về 1 văn bản quá hạn."]
    transaction.commit()
    [(to, message)] = delivered(inbox, 1)
    assert to == ["tpa@example.vn"]  # the department's head, its main handler
    assert str(message["Subject"]) == "Nhắc việc: 1 văn bản quá hạn đang chờ bạn giải quyết"
    body = message.get_content()
    assert "Trần Văn Lãnh Đạo (Sở Thông tin và Truyền thông) nhắc bạn" in body
    assert "27/11/2026" in body and "Hạn 20/11/2026" in body and docs["d3"].title in body
    assert docs["d3"].absolute_url() in body
    # a department with nothing overdue: nobody
    inbox.messages.clear()
    post(portal, a, "lda", department="-", period="2026-11")
    assert statuses(portal)[-1] == "Không có văn bản quá hạn: không ai được nhắc việc."
    transaction.commit()
    assert delivered(inbox) == []


def test_reminders_refused(smtp):
    portal, a, docs, inbox = smtp
    # a GET (a link, an image) sends nothing
    with pytest.raises(ForgedForm):
        post(portal, a, "lda", method="GET", period="2026-11")
    # nor a POST without this person's authenticator
    with pytest.raises(ForgedForm):
        post(portal, a, "lda", token=False, period="2026-11")
    transaction.abort()
    # the admin reads the dashboard but reminds nobody; a handler cannot even open it
    with pytest.raises(follow_up.ReminderRefused) as refused:
        post(portal, a, "qta", period="2026-11")
    assert refused.value.status == 403 and "lãnh đạo" in str(refused.value)
    transaction.abort()
    for outsider in ("xla", "giamsat", "ldb"):
        with pytest.raises(Unauthorized):
            post(portal, a, outsider, period="2026-11")
    login(portal, "qta")
    with pytest.raises(follow_up.ReminderRefused):
        follow_up.send_reminders(a, NOV, TODAY)
    transaction.commit()
    assert delivered(inbox) == []


def test_no_reminder_said_sent_without_a_mail_sender(smtp):
    """Reminders go by mail only: with no sender address set, the leader is
    told none was sent (REST: 409), and nothing is queued."""
    portal, a, docs, inbox = smtp
    api.portal.set_registry_record("plone.email_from_address", "")
    post(portal, a, "lda", department="vp", period="2026-11")
    assert statuses(portal) == ["Không gửi được nhắc việc: hệ thống chưa có địa chỉ gửi thư "
                                "(Cài đặt → Thư). Đề nghị quản trị hệ thống thiết lập."]
    with pytest.raises(follow_up.MailNotSetUp) as refused:
        follow_up.send_reminders(a, NOV, TODAY, department="vp")
    assert refused.value.status == 409
    transaction.commit()
    assert delivered(inbox) == []

