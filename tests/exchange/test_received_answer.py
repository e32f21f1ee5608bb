"""The clerk answers a sender's recall of a received document, over HTTP
(issue 21): on the document's page (Classic, ``@@edxml-change``) or over
REST (``@edxml-change``); 401 for an anonymous caller and 403 with the
project's Vietnamese envelope for anyone else logged in, whether he may
open the document or not, nothing stored. And the sending clerk's update
of a document issued outside the province as a Classic form."""

from exchange_fixtures import issue_outside
from exchange_fixtures import make_exchange
from html_forms import submit
from inbox_fixtures import accepted
from inbox_fixtures import change_message
from inbox_fixtures import statuses
from lxml import html
from plone import api
from qlvbdh_policy.exchange import changes
from qlvbdh_policy.exchange import outbox
from qlvbdh_policy.exchange import receiving as R
from rest_client import call
from rest_client import ok
from rest_client import refused
from routing_fixtures import PASSWORD

import requests
import transaction


def session(userid):
    s = requests.Session()
    s.auth = (userid, PASSWORD)
    return s


def token(page):
    return html.fromstring(page.text).xpath("//input[@name='_authenticator']/@value")[0]


def codes(doc):
    return [code for code, _status in statuses(doc)]


def test_the_clerk_answers_a_recall_and_no_one_else_may(server, server_url):
    portal = server["portal"]
    a, doc = accepted(portal)
    R.receive(a, change_message(1, "Ban hành nhầm"))
    transaction.commit()
    url = doc.absolute_url()

    body = ok(call("GET", url, "vta"))["edxml"]
    assert body["place"] == "Hà Nội" and body["competence"] == "TL. BO TRUONG"
    assert body["change"]["kind"] == 1 and body["change"]["reason"] == "Ban hành nhầm"

    # REST: 401 anonymous; 403 with the envelope for another agency's
    # clerk (who may not open it) and a colleague who may open it or not
    change = f"{url}/@edxml-change"
    refused(call("POST", change, None, body={"agree": True}), 401)
    for userid in ("vtb", "xla"):
        answer = refused(call("POST", change, userid, body={"agree": True}), 403)
        assert answer["type"] == "Forbidden" and "văn thư" in answer["message"]
    refused(call("POST", change, "vta", body={"agree": False, "reason": " "}), 400, "reason")
    transaction.begin()
    assert changes.pending_change(doc)["kind"] == 1 and codes(doc) == ["01", "03"]

    # the Classic page: 403 to others, the clerk's forms on the document
    assert session("vtb").get(f"{url}/@@edxml-change", timeout=60).status_code == 403
    clerk = session("vta")
    page = clerk.get(url, timeout=60)
    assert "Thông tin liên thông (edXML)" in page.text and "Hà Nội" in page.text
    assert "Bên gửi đề nghị: Thu hồi văn bản." in page.text
    assert session("xla").get(url, timeout=60).text.count("edxml-change-agree") == 0
    empty = clerk.post(f"{url}/@@edxml-change", data={
        "_authenticator": token(page), "action": "refuse", "reason": ""}, timeout=60)
    assert empty.status_code == 200 and "Lý do từ chối:" in empty.text
    transaction.begin()
    assert changes.pending_change(doc) is not None and codes(doc) == ["01", "03"]
    done = clerk.post(f"{url}/@@edxml-change", data={
        "_authenticator": token(page), "action": "refuse",
        "reason": "Văn bản đã được triển khai"}, timeout=60)
    assert done.url == url and "Đã từ chối: Thu hồi văn bản." in done.text
    transaction.begin()
    assert changes.pending_change(doc) is None and codes(doc) == ["01", "03", "16"]
    assert "Đã đồng ý" not in clerk.get(f"{url}/@@edxml-change", timeout=60).text

    # asked again, agreed over REST: the document is recalled
    R.receive(a, change_message(1, "Ban hành nhầm"))
    transaction.commit()
    assert ok(call("POST", change, "vta", body={"agree": True}))["result"] == changes.AGREED
    transaction.begin()
    assert api.content.get_state(doc) == "recalled" and codes(doc)[-1] == "15"


def test_the_sending_clerk_updates_on_a_form(server, server_url):
    portal = server["portal"]
    a, _b = make_exchange(portal)
    doc = issue_outside(portal, a)
    transaction.commit()
    form = f"{doc.absolute_url()}/@@edxml-update"

    def updates():
        transaction.begin()
        return [m for m in outbox.messages_for(doc) if m.business_type == 2]

    page = session("vta").get(doc.absolute_url(), timeout=60).text
    assert "Gửi cập nhật (edXML)" in page
    assert "Gửi cập nhật (edXML)" not in session("xla").get(doc.absolute_url(), timeout=60).text
    assert session("xla").get(form, timeout=60).status_code == 403

    clerk = session("vta")
    answer = submit(clerk, form, {"form.widgets.title": "Công văn đã sửa trích yếu",
                                  "form.widgets.reason": ""})
    assert answer.status_code == 200 and "Hãy ghi rõ lý do." in answer.text, answer.text[-3000:]
    assert updates() == [] and doc.title != "Công văn đã sửa trích yếu"
    answer = submit(clerk, form, {"form.widgets.due_date": "31/02/2027",
                                  "form.widgets.reason": "Sửa hạn"})
    assert "31/02/2027" in answer.text and updates() == []
    answer = submit(clerk, form, {"form.widgets.title": "Công văn đã sửa trích yếu",
                                  "form.widgets.reason": "Sửa trích yếu"})
    assert answer.url == doc.absolute_url()
    assert "Đã đưa thông điệp cập nhật vào hàng đợi gửi đến 2 cơ quan" in answer.text
    assert len(updates()) == 2 and doc.title == "Công văn đã sửa trích yếu"
