"""Hồ sơ in the browser for the people who keep them (issue 19), over
HTTP as those people: a handler opens a case file from his plan entry
(or outside the plan, flagged) without “Add portal content”; documents
go into case files from search results and from “Việc của tôi”, one
document into two case files of two people (Phụ lục VI III.4.e); the
case file's page numbers them (III.4.b) and takes them out while open."""

from domain_fixtures import incoming
from plone import api
from plone.app.testing import login
from qlvbdh_policy.casefiles import filing
from qlvbdh_policy.casefiles import plans
from qlvbdh_policy.routing import steps
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import datetime
import html
import pytest
import re
import requests
import transaction


def token(page):
    return re.search(r'data-token="([^"]+)"', page).group(1)


def get(url, user, **params):
    answer = requests.get(url, auth=(user, PASSWORD), params=params, timeout=60)
    assert answer.status_code == 200, (url, answer.status_code)
    return html.unescape(answer.text)


def post(url, user, page, data):
    answer = requests.post(url, auth=(user, PASSWORD), timeout=60,
                           data={"_authenticator": token(page), **data})
    return answer.status_code, html.unescape(answer.text)


def case_files(agency):
    transaction.begin()
    return {c.getId(): c for c in agency.objectValues() if c.portal_type == "CaseFile"}


@pytest.fixture
def office(server, server_url):
    """sttt's plan of 2026 (01.VP for xla, 02.VP for pha); two incoming
    documents xla handles and pha co-handles."""
    portal = server["portal"]
    a, _b = make_province(portal)
    login(portal, "vta")
    plan = plans.ensure_plan(a, 2026)
    plans.add_entries(plan, [
        {"code": "01.VP", "title": "Hồ sơ chuyển đổi số", "retention": "10",
         "responsible": "xla"},
        {"code": "02.VP", "title": "Hồ sơ hội nghị tổng kết", "retention": "permanent",
         "responsible": "pha"}])
    first = incoming(a["den-2026"], title="Công văn về việc triển khai chữ ký số")
    second = incoming(a["den-2026"], code_number="124",
                      title="Công văn về việc báo cáo chữ ký số quý IV")
    for doc in (first, second):
        steps.simple_step(doc, "submit")
    login(portal, "lda")
    for doc in (first, second):
        steps.assign(doc, "xla", co_handlers=["pha"])
    transaction.commit()
    site = portal.absolute_url()

    def url(obj):
        return obj.absolute_url().replace(site, server_url)

    return {"agency": a, "plan": plan, "first": first, "second": second, "url": url,
            "entries": {e.code: e for e in plans.entries(plan)}}


def open_form(office, user, **data):
    """POST the open form as ``user``: (status, page)."""
    url = f"{office['url'](office['agency'])}/@@open-case-file"
    page = get(url, user)
    fields = {"form.widgets.opened": "", "form.buttons.save": "Lưu", **data}
    return post(url, user, page, fields)


def test_a_handler_opens_his_case_file_from_the_plan(office):
    a, plan, url = office["agency"], office["plan"], office["url"]
    entry = office["entries"]["01.VP"]
    # stock add form asks for “Add portal content”: not the handler's
    stock = requests.get(f"{url(a)}/++add++CaseFile", auth=("xla", PASSWORD), timeout=60)
    assert "form.widgets.plan_entry" not in stock.text
    # the plan's page offers each entry's “Mở hồ sơ”, his own first in colour
    page = get(url(plan), "xla")
    assert "Hồ sơ chuyển đổi số" in page and f"@@open-case-file?entry={entry.UID()}" in page
    assert "Mở hồ sơ ngoài danh mục" in page
    page = get(f"{url(a)}/@@open-case-file", "xla", entry=entry.UID())
    assert "Mở hồ sơ" in page and "Ngoài Danh mục hồ sơ" in page
    assert re.search(rf'<option[^>]*selected="selected" value="{entry.UID()}"', page)
    assert 'name="form.widgets.opened" type="text" value="27/11/2026"' in page
    status, page = open_form(office, "xla", **{"form.widgets.plan_entry:list": entry.UID(),
                                              "form.widgets.opened": "05/01/2026"})
    assert status == 200 and "Hồ sơ đã được mở." in page
    case, = case_files(a).values()
    assert (case.code, case.title, case.retention, case.responsible) == (
        "01.VP", "Hồ sơ chuyển đổi số", "10", "xla")
    assert case.opened == datetime.date(2026, 1, 5) and filing.is_open(case)
    assert "2026.01.VP" in page and "Lê Minh Hiếu" in page and "05/01/2026" in page
    assert "2026 · 01.VP – Hồ sơ chuyển đổi số" in page  # the entry it came from
    assert "Thêm văn bản" in page and "Kết thúc hồ sơ" in page
    # the agency's page and “Việc của tôi” lead to it and to the form
    for page in (get(url(a), "xla"), get(f"{office['url'](api.portal.get())}/@@my-work", "xla")):
        assert "Hồ sơ đang mở của tôi" in page and "01.VP – Hồ sơ chuyển đổi số" in page
        assert f"{url(a)}/@@open-case-file" in page


def test_outside_the_plan_flagged_and_refusals_store_nothing(office):
    a = office["agency"]
    status, page = open_form(office, "pha", **{"form.widgets.outside_plan:list": "selected",
                                              "form.widgets.title": "Hồ sơ đột xuất"})
    assert "Hồ sơ ngoài Danh mục hồ sơ phải tự xác định Số và ký hiệu hồ sơ" in page
    status, page = open_form(office, "pha", **{"form.widgets.plan_entry:list": "",
                                              "form.widgets.opened": "31/02/2026"})
    assert "Ngày mở hồ sơ: “31/02/2026” không phải là ngày" in page
    assert case_files(a) == {}
    status, page = open_form(office, "pha", **{
        "form.widgets.outside_plan:list": "selected", "form.widgets.code": "9.vp",
        "form.widgets.title": "Hồ sơ đột xuất", "form.widgets.retention:list": "5"})
    assert "Hồ sơ đã được mở." in page and "Ngoài Danh mục hồ sơ" in page
    case, = case_files(a).values()
    assert case.outside_plan and case.code == "09.VP" and case.responsible == "pha"
    # a forged POST (no authenticator of his) stores nothing
    forged = requests.post(f"{office['url'](a)}/@@open-case-file", auth=("pha", PASSWORD),
                           timeout=60, data={"form.widgets.outside_plan:list": "selected",
                                             "form.widgets.code": "10.VP",
                                             "form.widgets.title": "Giả mạo",
                                             "form.widgets.retention:list": "5",
                                             "form.buttons.save": "Lưu"})
    assert forged.status_code == 403
    assert len(case_files(a)) == 1


def test_documents_from_search_results_and_my_work_into_two_case_files(office):
    """III.4.e: the same document in xla's and pha's case files."""
    a, url, first, second = (office[k] for k in ("agency", "url", "first", "second"))
    login(api.portal.get(), "xla")
    mine = filing.open_case_file(a, plan_entry=office["entries"]["01.VP"].UID())
    login(api.portal.get(), "pha")
    theirs = filing.open_case_file(a, plan_entry=office["entries"]["02.VP"].UID())
    transaction.commit()
    # search results: tick both, “Thêm vào hồ sơ”, then choose the case file
    results = get(f"{url(a)}/@@search-documents", "xla", text="chu ky so")
    assert f'value="{first.UID()}"' in results and "Thêm vào hồ sơ" in results
    status, page = post(f"{url(a)}/@@add-to-case-files", "xla", results,
                        {"documents:list": [second.UID(), first.UID()]})
    assert "124/QĐ-UBND – Công văn về việc báo cáo chữ ký số quý IV" in page
    assert "01.VP – Hồ sơ chuyển đổi số" in page and "02.VP" not in page  # his own only
    status, page = post(f"{url(a)}/@@add-to-case-files", "xla", page,
                        {"documents:list": [second.UID(), first.UID()],
                         "case_files:list": mine.UID(), "add": "1"})
    assert "2 văn bản đã vào các hồ sơ: 01.VP – Hồ sơ chuyển đổi số." in page
    transaction.begin()
    assert list(mine.documents) == [second.UID(), first.UID()]
    # the case file's page: numbered in order
    rows = re.findall(r"<td>(\d+)</td>\s*<td>([^<]*)</td>", page)
    assert rows == [("1", "124/QĐ-UBND"), ("2", "123/QĐ-UBND")]
    # “Việc của tôi” of the co-handler: the first document into his case file
    work = get(f"{url(api.portal.get())}/@@my-work", "pha")
    assert 'id="my-work-file"' in work and f'value="{first.UID()}"' in work
    status, page = post(f"{url(api.portal.get())}/@@add-to-case-files", "pha", work,
                        {"uids:list": first.UID(), "case_files:list": theirs.UID(),
                         "add": "1"})
    assert "1 văn bản đã vào các hồ sơ: 02.VP – Hồ sơ hội nghị tổng kết." in page
    transaction.begin()
    assert list(theirs.documents) == [first.UID()]
    assert {b.UID for b in filing.case_files_of(first)} == {mine.UID(), theirs.UID()}
    assert len(a["den-2026"].objectIds()) == 2  # nothing copied
    # his own case file only: pha cannot put documents into xla's
    status, page = post(f"{url(a)}/@@add-to-case-files", "pha", work,
                        {"documents:list": second.UID(), "case_files:list": mine.UID(),
                         "add": "1"})
    assert f"“{mine.UID()}” không phải hồ sơ bạn được cập nhật." in page
    transaction.begin()
    assert list(mine.documents) == [second.UID(), first.UID()]


def test_the_case_file_adds_from_search_and_takes_out_while_open(office):
    a, url, first, second = (office[k] for k in ("agency", "url", "first", "second"))
    login(api.portal.get(), "xla")
    mine = filing.open_case_file(a, plan_entry=office["entries"]["01.VP"].UID())
    transaction.commit()
    page = get(url(mine), "xla")
    add = re.search(r'id="case-file-add" href="([^"]+)"', page).group(1)
    assert add == f"{url(a)}/@@search-documents?case_file={mine.UID()}"
    results = get(add, "xla", text="chu ky so")
    assert f'name="case_file" value="{mine.UID()}"' in results  # kept for the next search
    assert "Thêm vào hồ sơ 01.VP – Hồ sơ chuyển đổi số" in results
    status, page = post(f"{url(a)}/@@add-to-case-files", "xla", results, {
        "documents:list": [first.UID(), second.UID()], "case_files:list": mine.UID(),
        "add": "1"})
    assert "2 văn bản đã vào các hồ sơ" in page
    status, page = post(f"{url(mine)}/@@remove-case-file-documents", "xla", page,
                        {"documents:list": first.UID()})
    assert "Đã rút 1 văn bản khỏi hồ sơ" in page
    assert re.findall(r"<td>(\d+)</td>\s*<td>([^<]*)</td>", page) == [("1", "124/QĐ-UBND")]
    transaction.begin()
    assert list(mine.documents) == [second.UID()]
    login(api.portal.get(), "xla")
    filing.close(mine, datetime.date(2026, 11, 27), 3)
    transaction.commit()
    page = get(url(mine), "xla")
    assert "case-file-remove" not in page and "case-file-add" not in page
    assert "Hồ sơ đã kết thúc" in page and "Đã kết thúc" in page
    status, page = post(f"{url(mine)}/@@remove-case-file-documents", "xla", results,
                        {"documents:list": second.UID()})
    assert "đã kết thúc ngày 27/11/2026" in page
    transaction.begin()
    assert list(mine.documents) == [second.UID()]
