"""The “Lưu hồ sơ” step of both workflows asks which case files the
document goes into (issue 19), and a case file is closed from its own
form; over HTTP, as the people who do it."""

from domain_fixtures import incoming
from plone import api
from plone.app.testing import login
from qlvbdh_policy.casefiles import filing
from qlvbdh_policy.casefiles import plans
from qlvbdh_policy.routing import steps
from routing_fixtures import issue_to
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import datetime
import pytest
import re
import requests
import transaction


def token(html):
    return re.search(r'data-token="([^"]+)"', html).group(1)


def get(url, user):
    answer = requests.get(url, auth=(user, PASSWORD), timeout=60)
    assert answer.status_code == 200, (url, answer.status_code)
    return answer.text


def post(url, user, form, data):
    return requests.post(url, auth=(user, PASSWORD), timeout=60, data={
        "_authenticator": token(form), "form.buttons.save": "Lưu", **data})


@pytest.fixture
def year(server, server_url):
    """sttt's plan; xla's and vta's case files; an incoming document xla
    completed and an outgoing one issued to ubndcb."""
    portal = server["portal"]
    a, b = make_province(portal)
    login(portal, "vta")
    plan = plans.ensure_plan(a, 2026)
    entry, = plans.add_entries(plan, [{"code": "01.VP", "title": "Hồ sơ chuyển đổi số",
                                       "retention": "10", "responsible": "xla"}])
    office = filing.open_case_file(a, outside_plan=True, code="02.VP",
                                   title="Hồ sơ văn bản đi của văn phòng", retention="5")
    doc = incoming(a["den-2026"])
    steps.simple_step(doc, "submit")
    login(portal, "lda")
    steps.assign(doc, "xla")
    login(portal, "xla")
    mine = filing.open_case_file(a, plan_entry=entry.UID(), opened=datetime.date(2026, 1, 5))
    steps.start(doc)
    steps.complete(doc, "Đã báo cáo")
    sent = issue_to(portal, a, [b])
    transaction.commit()

    def url(obj):
        return obj.absolute_url().replace(portal.absolute_url(), server_url)

    return {"doc": doc, "sent": sent, "mine": mine, "office": office, "url": url}


def test_filing_asks_which_case_files_and_adds_the_document(year):
    doc, sent, mine, office, url = (year[k] for k in ("doc", "sent", "mine", "office", "url"))
    step = f"{url(doc)}/@@step?transition=file"
    form = get(step, "xla")
    # the handler is offered his own open case file, not the office's
    assert "01.VP – Hồ sơ chuyển đổi số" in form and "02.VP" not in form
    assert "Lưu hồ sơ" in form
    answer = post(step, "xla", form, {"form.widgets.case_files:list": mine.UID(),
                                      "form.widgets.comment": ""})
    assert answer.status_code == 200 and "Đã thực hiện: Lưu hồ sơ." in answer.text
    transaction.begin()
    assert api.content.get_state(doc) == "filed"
    assert list(mine.documents) == [doc.UID()]
    page = get(url(mine), "xla")  # the case file's page: its mục lục
    assert "Mục lục văn bản trong hồ sơ" in page and "2026.01.VP" in page
    assert "123/QĐ-UBND" in page and "Kết thúc hồ sơ" in page and "10 năm" in page
    # an outgoing document filed by the clerk into the office's case file
    step = f"{url(sent)}/@@step?transition=archive"
    form = get(step, "vta")
    assert "02.VP – Hồ sơ văn bản đi của văn phòng" in form
    answer = post(step, "vta", form, {"form.widgets.case_files:list": office.UID()})
    assert "Đã thực hiện: Lưu hồ sơ." in answer.text
    transaction.begin()
    assert api.content.get_state(sent) == "archived"
    assert list(office.documents) == [sent.UID()]


def test_a_document_put_in_a_case_file_from_its_page(year):
    """III.4.e: the clerk puts the handled document in his own case file
    too; the document's page names the case files it is in."""
    doc, mine, office, url = (year[k] for k in ("doc", "mine", "office", "url"))
    page = get(url(doc), "vta")
    assert "@@add-to-case-file" in page
    form = get(f"{url(doc)}/@@add-to-case-file", "vta")
    assert "02.VP – Hồ sơ văn bản đi của văn phòng" in form
    answer = post(f"{url(doc)}/@@add-to-case-file", "vta", form,
                  {"form.widgets.case_files:list": office.UID()})
    assert "Văn bản đã được đưa vào các hồ sơ đã chọn." in answer.text
    transaction.begin()
    assert list(office.documents) == [doc.UID()] and api.content.get_state(doc) == "completed"
    page = get(url(doc), "vta")
    assert "Trong các hồ sơ:" in page and "Hồ sơ văn bản đi của văn phòng" in page


def test_filing_into_a_closed_case_file_is_refused_and_nothing_moves(year):
    doc, mine, url = year["doc"], year["mine"], year["url"]
    step = f"{url(doc)}/@@step?transition=file"
    form = get(step, "xla")
    login(api.portal.get(), "xla")
    filing.close(mine, datetime.date(2026, 11, 20), 5)
    transaction.commit()
    answer = post(step, "xla", form, {"form.widgets.case_files:list": mine.UID()})
    assert "Hồ sơ “Hồ sơ chuyển đổi số” đã kết thúc ngày 20/11/2026" in answer.text
    transaction.begin()
    assert api.content.get_state(doc) == "completed" and list(mine.documents) == []


def test_the_case_file_is_closed_from_its_form(year):
    mine, url = year["mine"], year["url"]
    page = f"{url(mine)}/@@close-case-file"
    form = get(page, "xla")
    assert "Kết thúc hồ sơ" in form and "Ngày kết thúc" in form
    other = requests.get(page, auth=("pha", PASSWORD), timeout=60)  # not his case file
    assert "form.widgets.page_count" not in other.text
    answer = post(page, "xla", form, {"form.widgets.closed": "31/12/2026"})
    assert "31/12/2026" in answer.text  # after today: refused on the field
    transaction.begin()
    assert api.content.get_state(mine) == "open"
    answer = post(page, "xla", form, {"form.widgets.closed": "20/11/2026",
                                      "form.widgets.page_count": "7",
                                      "form.widgets.notes": "Đủ thành phần"})
    assert "Đã kết thúc hồ sơ." in answer.text
    transaction.begin()
    assert api.content.get_state(mine) == "closed" and mine.page_count == 7
    # once closed nobody but a site manager may change it: no form for its keeper
    assert "form.widgets.page_count" not in requests.get(
        page, auth=("xla", PASSWORD), timeout=60).text
