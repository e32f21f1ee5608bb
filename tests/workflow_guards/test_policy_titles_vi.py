"""Plone's own placeful workflow screens and the REST refusals in
Vietnamese (issue 22): Site Setup's policy list, the policy mapping page
(its heading, labels, every workflow offered, Plone's stock ones too), the
message after saving, and the REST refusal of a switch name policies and
workflows by their Vietnamese titles; a refusal on the mapping page, with
thirty agencies using the policy, names a few, counts the rest and keeps
its guidance whole."""

from html_forms import form_of
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from rest_client import call
from rest_client import refused
from routing_fixtures import make_agency
from routing_fixtures import make_province
from ui_english import english_in
from workflow_fixtures import in_flight

import html
import pytest
import re
import requests
import transaction

ENGLISH_TITLES = ("Agency: leader directs", "Small agency: the clerk assigns",
                  "Incoming document (clerk assigns)", "Simple Publication Workflow",
                  "Intranet/Extranet Workflow", "Single State Workflow", "Simple publication",
                  "Intranet", "One state")


@pytest.fixture
def site(server, server_url):
    portal = server["portal"]
    a, _b = make_province(portal)
    in_flight(portal, a)
    transaction.commit()
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    return portal, server_url, session


def seen(page):
    """The text of the page's main part (Site Setup's side menu left out)."""
    main = page[page.index("<h1"):page.index("</form>", page.index("<h1"))]
    main = re.sub(r"<option[^>]*>", "\n", main)
    return html.unescape(re.sub(r"<[^>]+>", " ", main))


def status_message(page):
    found = re.search(r'class="[^"]*statusmessage[^"]*"[^>]*>(.*?)</div>', page, re.S)
    assert found, "no status message"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())


def test_placeful_screens_name_policies_and_workflows_in_vietnamese(site):
    portal, site_url, session = site
    panel = session.get(f"{site_url}/@@workflow-policies-controlpanel", timeout=60).text
    text = seen(panel)
    assert "Cơ quan: lãnh đạo chỉ đạo" in text and "Cơ quan nhỏ: văn thư phân công" in text
    for title in ENGLISH_TITLES:
        assert title not in text, title

    url = f"{site_url}/@@placeful-workflow-policy-mapping?wfpid=qlvbdh_simple"
    response = session.get(url, timeout=60)
    text = seen(response.text)
    assert english_in(text) == []
    for title in ENGLISH_TITLES:
        assert title not in text, title
    for title in ("Cơ quan nhỏ: văn thư phân công", "Văn bản đến (văn thư phân công)",
                  "Quy trình xuất bản đơn giản", "Quy trình một trạng thái", "Mô tả",
                  "(Bắt buộc)"):
        assert title in text, title

    _form, values = form_of(response)  # saved as shown: the title stays the shipped msgid
    answer = session.post(f"{site_url}/@@placeful-workflow-policy-mapping",
                          data=values + [("submit", "Save")], timeout=60)
    assert "Cơ quan nhỏ: văn thư phân công" in status_message(answer.text)
    transaction.begin()
    policy = api.portal.get_tool("portal_placeful_workflow").getWorkflowPolicyById(
        "qlvbdh_simple")
    assert policy.getTitle() == "Small agency: the clerk assigns"


def test_rest_refusal_names_the_workflow_in_vietnamese(site):
    _portal, site_url, _session = site
    body = refused(call("POST", f"{site_url}/sttt/@workflow-policy", SITE_OWNER_NAME,
                        {"policy": "qlvbdh_simple"}), 400, "mapping")
    assert "“Văn bản đến (văn thư phân công)”" in body["message"]
    assert "clerk assigns" not in body["message"]


def test_a_refusal_with_thirty_agencies_keeps_its_count_and_guidance(site):
    portal, site_url, session = site
    for number in range(30):
        make_agency(portal, abbr=f"cq{number:02d}", notation=f"CQ{number:02d}",
                    title=f"Ủy ban nhân dân xã số {number:02d} huyện Cái Bè")
    transaction.commit()
    url = f"{site_url}/@@placeful-workflow-policy-mapping?wfpid=qlvbdh_standard"
    _form, values = form_of(session.get(url, timeout=60))
    values = [(k, "simple_publication_workflow" if k == "wf.IncomingDocument:record" else v)
              for k, v in values]
    answer = session.post(f"{site_url}/@@placeful-workflow-policy-mapping",
                          data=values + [("submit", "Save")], timeout=60)
    message = status_message(answer.text)
    assert "Lỗi: Quy trình xử lý “Cơ quan: lãnh đạo chỉ đạo” đang được" in message, message
    assert "đang được 32 cơ quan sử dụng" in message
    assert "và 29 cơ quan khác" in message and "5 văn bản" in message
    assert "/@@workflow-policy" in message
    assert message.endswith("giữ nguyên trạng thái của từng văn bản."), message
    transaction.begin()
    policy = api.portal.get_tool("portal_placeful_workflow").getWorkflowPolicyById(
        "qlvbdh_standard")
    assert policy.getChainFor("IncomingDocument") == ("qlvbdh_incoming_workflow",)


def test_site_setup_names_the_policies_and_links_the_workflow_check(site):
    _portal, site_url, session = site
    page = session.get(f"{site_url}/@@overview-controlpanel", timeout=60).text
    link = re.search(r'<a[^>]+href="[^"]*/@@kiem-tra-quy-trinh"[^>]*>(.*?)</a>', page, re.S)
    assert link and "Kiểm tra quy trình" in html.unescape(link.group(1))
    policies = re.search(r'<a[^>]+href="[^"]*/@@workflow-policies-controlpanel"[^>]*>(.*?)</a>',
                         page, re.S)
    assert policies and "Quy trình xử lý của các cơ quan" in html.unescape(policies.group(1))
