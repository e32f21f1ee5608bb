"""The refusals about case files say what the rule is (issue 19): a page
count below 0 names the field and says it must be 0 or more, a closing
date before a filed document arrived names the document, a retention
period or a plan entry that is not one names the rule, in REST and in
the forms; no English term leaks into the Vietnamese text."""

from domain_fixtures import incoming
from plone import api
from plone.app.testing import login
from qlvbdh_policy.casefiles import filing
from qlvbdh_policy.casefiles import plans
from rest_client import call
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import datetime
import html
import pytest
import re
import requests
import transaction


@pytest.fixture
def kept(server, server_url):
    """xla's case file 01.VP (opened 05/01/2026) holding a document that
    arrived on 20/11/2026."""
    portal = server["portal"]
    a, _b = make_province(portal)
    login(portal, "vta")
    plan = plans.ensure_plan(a, 2026)
    entry, = plans.add_entries(plan, [{"code": "01.VP", "title": "Hồ sơ chuyển đổi số",
                                       "retention": "10", "responsible": "xla"}])
    doc = incoming(a["den-2026"], code_number="45", arrival_date=datetime.date(2026, 11, 20))
    login(portal, "xla")
    case = filing.open_case_file(a, plan_entry=entry.UID(), opened=datetime.date(2026, 1, 5))
    login(portal, "vta")  # the office files it into xla's case file
    filing.add_documents(case, [doc.UID()])
    transaction.commit()
    url = case.absolute_url().replace(portal.absolute_url(), server_url)
    return {"case": case, "doc": doc, "url": url, "entry": entry, "site": server_url}


def message(response, status=400, field=None):
    assert response.status_code == status, response.text
    body = response.json()
    if field is not None:
        assert body["errors"][0]["field"] == field, body
    assert "(FileNotation)" not in body["message"]
    return body["message"]


def test_rest_page_count_below_zero_names_the_field(kept):
    text = message(call("POST", f"{kept['url']}/@close", "xla", {"page_count": -3}),
                   field="page_count")
    assert "page_count" in text and "từ 0" in text and "không phải một số" not in text
    transaction.begin()
    assert filing.is_open(kept["case"])


def test_closing_before_a_document_arrived_names_it(kept):
    text = message(call("POST", f"{kept['url']}/@close", "xla", {"closed": "2026-11-19"}),
                   field="closed")
    assert "19/11/2026" in text and "20/11/2026" in text
    assert "45/QĐ-UBND" in text and "Quyết định về việc ban hành" in text
    transaction.begin()
    assert filing.is_open(kept["case"])
    closed = call("POST", f"{kept['url']}/@close", "xla", {"closed": "2026-11-20",
                                                           "page_count": 0})
    assert closed.status_code == 200, closed.text  # on the day it arrived; no paper page


def test_rest_retention_and_plan_entry_name_the_rule(kept):
    site = kept["site"]
    text = message(call("POST", f"{site}/sttt", "pha", {
        "@type": "CaseFile", "outside_plan": True, "code": "09.VP", "title": "Hồ sơ",
        "retention": "15"}), field="retention")
    assert "Phụ lục V" in text and "thời hạn bảo quản" in text and "15" in text
    text = message(call("POST", f"{site}/sttt", "pha", {
        "@type": "CaseFile", "plan_entry": "khong-co"}), field="plan_entry")
    assert "khong-co" in text and "Điều 29" in text
    text = message(call("POST", f"{site}/sttt", "pha", {
        "@type": "CaseFile", "outside_plan": True, "code": "VP-9", "title": "Hồ sơ",
        "retention": "5"}), field="code")
    assert "số và ký hiệu hồ sơ" in text
    text = message(call("PATCH", kept["entry"].absolute_url().replace(
        api.portal.get().absolute_url(), site), "vta", {"retention": "15"}), field="retention")
    assert "Phụ lục V" in text


def test_the_close_form_says_the_page_count_is_0_or_more(kept):
    page_url = f"{kept['url']}/@@close-case-file"
    form = requests.get(page_url, auth=("xla", PASSWORD), timeout=60).text
    token = re.search(r'data-token="([^"]+)"', form).group(1)
    answer = requests.post(page_url, auth=("xla", PASSWORD), timeout=60, data={
        "_authenticator": token, "form.buttons.save": "Lưu", "form.widgets.closed": "",
        "form.widgets.page_count": "-3"})
    text = html.unescape(answer.text)
    assert "Số trang" in text and "từ 0" in text and "-3" in text
    transaction.begin()
    assert filing.is_open(kept["case"])


def test_the_menus_say_no_bare_view_names(kept):
    """The display menu offered “case-file” and “view”; the Add menu's
    case file led to a form the handler may not use."""
    page = html.unescape(requests.get(kept["url"], auth=("xla", PASSWORD), timeout=60).text)
    assert "plone-contentmenu-display" not in page
    assert ">case-file<" not in page and "++add++CaseFile" not in page
    agency = kept["url"].rsplit("/", 1)[0]
    home = html.unescape(requests.get(agency, auth=("xla", PASSWORD), timeout=60).text)
    assert f"{agency}/@@open-case-file" in home and "++add++CaseFile" not in home
