"""The change history of a document's metadata (issue 18, NĐ 30/2020
Phụ lục VI III.5.d): the edit form, REST PATCH and the steps that set
fields keep the old value, the new one, who and when; read by who reads
the document's history and the agency's leaders, nobody of another agency."""

from domain_fixtures import incoming
from domain_fixtures import outgoing
from domain_fixtures import pdf
from lxml import html
from plone import api
from plone.app.testing import login
from plone.app.testing import SITE_OWNER_NAME
from qlvbdh_policy.stats import change_history
from rest_client import caller
from rest_client import credentials
from routing_fixtures import make_province

import pytest
import requests
import transaction

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
OLD_TITLE = "Quyết định về việc ban hành Quy chế sử dụng phần mềm"
NEW_TITLE = "Quyết định về việc ban hành Quy chế quản lý văn bản điện tử"

call = caller("vta")


@pytest.fixture
def registered(server, site):
    """An incoming document of sttt the clerk registered, on the server."""
    portal = server["portal"]
    login(portal, "vta")
    doc = incoming(portal.sttt["den-2026"], title=OLD_TITLE)
    transaction.commit()
    url = doc.absolute_url().replace(portal.absolute_url(), site)
    return {"portal": portal, "url": site, "doc": url, "obj": doc}


def submit_form(url, user, changes):
    s = requests.Session()
    s.auth = credentials(user)
    s.headers.update(HTML)
    page = s.get(f"{url}/@@edit", timeout=60)
    assert page.status_code == 200, page.status_code
    form = next(f for f in html.fromstring(page.text).forms
                if "_authenticator" in f.inputs.keys() and "form.widgets.title" in f.inputs.keys())
    values = [(k, v) for k, v in form.form_values() if k not in changes] + list(changes.items())
    values.append(("form.buttons.save", "Lưu"))
    answer = s.post(f"{url}/@@edit", data=values, timeout=60)
    assert answer.status_code == 200, answer.text[-2000:]
    return s


def changed(item):
    return {c["field"]: (c["old"], c["new"]) for c in item["changes"]}


def test_form_and_patch_keep_old_and_new_values_with_who_and_when(registered):
    session = submit_form(registered["doc"], "vta", {"form.widgets.title": NEW_TITLE,
                                                "form.widgets.notes": "Bản chính lưu tại văn thư"})
    patch = call("PATCH", registered["doc"], body={"urgency": "khan", "due_date": "2026-12-31",
                                              "file": {"data": "JVBERi0xLjQKJSVFT0YK",
                                                       "encoding": "base64",
                                                       "filename": "cv.pdf",
                                                       "content-type": "application/pdf"}})
    assert patch.status_code == 204, patch.text
    answer = call("GET", f"{registered['doc']}/@changes")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    patched, edited = body["items"]  # newest first
    assert changed(edited) == {"title": (OLD_TITLE, NEW_TITLE),
                               "notes": ("—", "Bản chính lưu tại văn thư")}
    assert changed(patched) == {"urgency": ("Thường", "Khẩn"), "due_date": ("—", "31/12/2026"),
                                "file": ("—", "cv.pdf (15 B)")}
    assert {c["field_title"] for c in patched["changes"]} >= {"Độ khẩn", "Hạn giải quyết"}
    for item in (patched, edited):
        assert item["actor"] == "vta" and item["actor_name"] == "Nguyễn Thị Văn Thư"
        assert item["when"].endswith("+07:00") and item["step"] is None
    # on the page, to the clerk who registered it and to the agency's leader
    for user in ("vta", "lda"):
        page = requests.get(registered["doc"], auth=credentials(user), headers=HTML, timeout=60).text
        assert "Lịch sử thay đổi" in page and OLD_TITLE in page and "31/12/2026" in page
    assert "Lịch sử thay đổi" in session.get(registered["doc"], timeout=60).text
    # an unchanged save adds nothing
    submit_form(registered["doc"], "vta", {})
    assert len(call("GET", f"{registered['doc']}/@changes").json()["items"]) == 2


def test_others_cannot_read_the_history(registered):
    call("PATCH", registered["doc"], body={"notes": "Sửa"})
    for user, status in (("ldb", 403), ("giamsat", 403), ("cbb", 403), (None, 401)):
        answer = call("GET", f"{registered['doc']}/@changes", user)
        assert answer.status_code == status, (user, answer.status_code)
        if status == 403:  # the project's refusal, naming no title
            refusal = answer.json()
            assert refusal["type"] == "Forbidden" and refusal["message"]
            assert call("GET", registered["doc"], "lda").json()["title"] not in refusal["message"]
    assert call("GET", f"{registered['doc']}/@changes", "lda").json()["items"]
    assert call("GET", f"{registered['doc']}/@changes", SITE_OWNER_NAME).json()["items"]


def test_the_step_that_issues_is_named_and_drafts_are_recorded(integration):
    portal = integration["portal"]
    make_province(portal)
    login(portal, "xla")
    doc = outgoing(portal.sttt["di-2026"], file=pdf(), drafting_department=portal.sttt.vp.UID())
    with api.env.adopt_roles(["Manager"]):
        doc.title = "Quyết định về việc cử cán bộ đi học lớp quản lý"
        from zope.event import notify
        from zope.lifecycleevent import ObjectModifiedEvent
        notify(ObjectModifiedEvent(doc))
        wftool = api.portal.get_tool("portal_workflow")
        for step in ("submit_review", "approve", "sign", "issue"):
            wftool.doActionFor(doc, step)
    issued, edit = change_history.rows(doc)
    assert changed(edit) == {"title": ("Quyết định về việc cử cán bộ đi học",
                                       "Quyết định về việc cử cán bộ đi học lớp quản lý")}
    assert issued["step"] == "issue" and issued["step_title"]
    fields = changed(issued)
    assert fields["code_number"] == ("—", "01")
    assert fields["issued_date"][0] == "—" and fields["issued_date"][1].count("/") == 2
    assert fields["code_notation"][1].startswith("QĐ-")
