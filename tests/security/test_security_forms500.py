"""Issue 14: no 500 for bad input in the Classic UI, and plain text in the
texts that have no schema field (a routing step's direction, comment,
result or reason; an account's full name, also from an import sheet; a
saved search's name), through REST and the pages alike.

A refusal (``RefusedValue`` and its subclasses) raised by an event
subscriber while a Classic UI page saves — the edit form of a document, the
add form of an attachment, the state menu, folder contents' paste — used to
answer HTTP 500 (Zope derives the status from the exception's class name,
which its table does not know). Over HTTP on the WSGI server layer, each
path now answers a Vietnamese refusal (the form again, or a page, or JSON
for a script) and stores nothing."""

from domain_fixtures import incoming
from domain_fixtures import outgoing
from html_forms import submit
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from qlvbdh_policy.rules import plain_text
from rest_client import call as rest
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import base64
import datetime
import json
import pytest
import re
import requests
import transaction

AUTH = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
JSON = {"Accept": "application/json"}
HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
ARCHIVE = "đã là hồ sơ lưu trữ từ ngày"


@pytest.fixture
def site(server, server_url):
    make_province(server["portal"])
    transaction.commit()
    return server_url


def fresh(server, path):
    """The object as the database holds it now (another thread wrote it)."""
    transaction.begin()
    server["portal"]._p_jar.sync()
    return server["portal"].unrestrictedTraverse(path)


def archive(server, abbr="sttt"):
    """The agency as a dissolved one: its records are read only."""
    fresh(server, abbr).dissolved_on = datetime.datetime(2026, 11, 1, 8, 0)
    transaction.commit()


def session():
    s = requests.Session()
    s.auth = AUTH
    s.headers.update(HTML)
    return s


def assert_refused_page(answer, *words):
    """A Vietnamese refusal, not Zope's 500 nor Plone's error page."""
    assert answer.status_code in (200, 400), (answer.status_code, answer.text[-2000:])
    assert "text/html" in answer.headers["Content-Type"]
    for word in words:
        assert word in answer.text, answer.text[-3000:]
    assert "RefusedValue" not in answer.text and "Traceback" not in answer.text


# -- the edit form of a document -------------------------------------------


@pytest.mark.parametrize("kind", ["incoming", "outgoing"])
def test_edit_form_of_an_archived_document(site, server, kind):
    portal = server["portal"]
    if kind == "incoming":
        doc = incoming(portal.sttt["den-2026"])
    else:
        doc = outgoing(portal.sttt["di-2026"])
    path, title = "/".join(doc.getPhysicalPath()[2:]), doc.title
    transaction.commit()
    archive(server)
    answer = submit(session(), f"{site}/{path}/@@edit",
                    {"form.widgets.IBasic.title": "Trích yếu sửa sau khi giải thể",
                     "form.widgets.title": "Trích yếu sửa sau khi giải thể"})
    assert_refused_page(answer, ARCHIVE, "Sở Thông tin và Truyền thông")
    # the form again, with what was typed
    assert 'value="Trích yếu sửa sau khi giải thể"' in answer.text
    assert fresh(server, path).title == title


# -- the add form of an attachment ------------------------------------------


def test_add_form_of_an_attachment_in_an_archived_document(site, server):
    doc = incoming(server["portal"].sttt["den-2026"])
    path = "/".join(doc.getPhysicalPath()[2:])
    transaction.commit()
    archive(server)
    answer = submit(session(), f"{site}/{path}/++add++File",
                    {"form.widgets.title": "Phụ lục"},
                    files={"form.widgets.file": ("phu-luc.pdf", b"%PDF-1.4\n%%EOF\n",
                                                 "application/pdf")})
    assert_refused_page(answer, ARCHIVE)
    assert 'value="Phụ lục"' in answer.text
    assert list(fresh(server, path).objectIds()) == []


# -- the state menu (content_status_modify) ----------------------------------


def authenticator(s, url):
    page = s.get(url, timeout=60)
    return re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text).group(1)


def test_state_menu_on_an_archived_document(site, server):
    doc = outgoing(server["portal"].sttt["di-2026"])
    path = "/".join(doc.getPhysicalPath()[2:])
    transaction.commit()
    archive(server)
    s = session()
    token = authenticator(s, f"{site}/{path}/@@edit")
    answer = s.get(f"{site}/{path}/content_status_modify",
                   params={"workflow_action": "submit_review", "_authenticator": token},
                   timeout=60)
    assert_refused_page(answer, ARCHIVE, "Quay lại trang")
    assert answer.status_code == 400
    assert f'href="{site}/{path}"' in answer.text  # back to the document
    assert api.content.get_state(fresh(server, path)) == "draft"


def test_state_menu_step_refused_by_the_workflow_check(site, server):
    """Signing a draft without its file, from the state menu."""
    doc = outgoing(server["portal"].sttt["di-2026"])
    wftool = api.portal.get_tool("portal_workflow")
    with api.env.adopt_roles(["Manager"]):
        for step in ("submit_review", "approve"):
            wftool.doActionFor(doc, step)
    path = "/".join(doc.getPhysicalPath()[2:])
    transaction.commit()
    s = session()
    token = authenticator(s, f"{site}/{path}/@@edit")
    answer = s.get(f"{site}/{path}/content_status_modify",
                   params={"workflow_action": "sign", "_authenticator": token}, timeout=60)
    assert_refused_page(answer, "trước khi ký")
    assert api.content.get_state(fresh(server, path)) == "signing"


def test_state_menu_return_without_a_reason(site, server):
    doc = outgoing(server["portal"].sttt["di-2026"])
    with api.env.adopt_roles(["Manager"]):
        api.portal.get_tool("portal_workflow").doActionFor(doc, "submit_review")
    path = "/".join(doc.getPhysicalPath()[2:])
    transaction.commit()
    s = session()
    token = authenticator(s, f"{site}/{path}/@@edit")
    answer = s.get(f"{site}/{path}/content_status_modify",
                   params={"workflow_action": "send_back", "_authenticator": token},
                   timeout=60)
    assert_refused_page(answer, "lý do")
    assert api.content.get_state(fresh(server, path)) == "review"


# -- folder contents: paste --------------------------------------------------


def fc(s, site, context, action, **form):
    token = authenticator(s, f"{site}/{context}/folder_contents")
    return s.post(f"{site}/{context}/@@fc-{action}", data={"_authenticator": token, **form},
                  headers={"Accept": "application/json, text/javascript, */*; q=0.01",
                           "X-Requested-With": "XMLHttpRequest"}, timeout=60)


def test_paste_into_a_register_of_the_other_kind(site, server):
    doc = incoming(server["portal"].sttt["den-2026"])
    uid = doc.UID()
    transaction.commit()
    s = session()
    copied = fc(s, site, "sttt/den-2026", "copy", selection=json.dumps([uid]))
    assert copied.status_code == 200, copied.text
    answer = fc(s, site, "sttt/di-2026", "paste", folder="/sttt/di-2026")
    assert answer.status_code == 400, (answer.status_code, answer.text[:500])
    body = answer.json()
    assert "là sổ văn bản đi" in body["message"], body
    assert body["status"] == "failure"
    assert list(fresh(server, "sttt/di-2026").objectIds()) == []


# -- REST keeps its JSON answer ------------------------------------------------


def test_rest_answers_json_400_for_the_same_refusals(site, server):
    doc = outgoing(server["portal"].sttt["di-2026"])
    with api.env.adopt_roles(["Manager"]):
        api.portal.get_tool("portal_workflow").doActionFor(doc, "submit_review")
    path = "/".join(doc.getPhysicalPath()[2:])
    transaction.commit()
    step = requests.post(f"{site}/{path}/@workflow/send_back", json={}, headers=JSON,
                         auth=AUTH, timeout=60)
    assert step.status_code == 400 and "lý do" in step.json()["message"], step.text
    archive(server)
    edit = requests.patch(f"{site}/{path}", json={"title": "Sửa sau khi giải thể"},
                          headers=JSON, auth=AUTH, timeout=60)
    assert edit.status_code == 400, edit.text
    assert ARCHIVE in edit.json()["message"]
    assert fresh(server, path).title == "Quyết định về việc cử cán bộ đi học"


def test_a_script_on_a_classic_page_gets_json_400(site, server):
    doc = outgoing(server["portal"].sttt["di-2026"])
    path = "/".join(doc.getPhysicalPath()[2:])
    transaction.commit()
    archive(server)
    s = session()
    token = authenticator(s, f"{site}/{path}/@@edit")
    answer = s.post(f"{site}/{path}/content_status_modify",
                    data={"workflow_action": "submit_review", "_authenticator": token},
                    headers={"Accept": "application/json"}, timeout=60)
    assert answer.status_code == 400, answer.text
    assert ARCHIVE in answer.json()["message"]
    assert api.content.get_state(fresh(server, path)) == "draft"


# -- plain text without a schema field: the pure rule ----------------------


@pytest.mark.parametrize("value,multi,stored,refused", [
    # one line (a full name, a saved search's name)
    ("Nguyễn  Thanh\tPhúc ", False, "Nguyễn Thanh Phúc", None),
    ("Nguye\u0302\u0303n Văn\r\nAn", False, "Nguyễn Văn An", None),
    ("Lê\u200b Văn\ufeff Tám", False, "Lê Văn Tám", None),
    ("Trần\x00 Thị Mai", False, None, "U+0000"),
    ("Tìm\x1b[31m văn bản", False, None, "U+001B"),
    ("Võ \ud800", False, None, "U+D800"),
    (None, False, "", None),
    ("", False, "", None),
    # multi-line (a direction, a comment, a result, a reason)
    ("Tham mưu\r\ntrả lời\u2028trước hạn  ", True, "Tham mưu\ntrả lời\ntrước hạn", None),
    ("Sai\x07 địa chỉ\x00", True, "Sai địa chỉ", None),
    ("\u200b \r\n", True, "", None),
    ("U\u0309y quyền", True, "Ủy quyền", None),
    # not text at all: refused in both kinds
    (5, True, None, "5"),
    (["Sai địa chỉ"], True, None, "list"),
    ({"a": 1}, False, None, "dict"),
    (True, False, None, "True"),
])
def test_checked_text_without_a_field(value, multi, stored, refused):
    text, refusal = plain_text.checked(value, "reason", "Lý do", multi)
    if refused is None:
        assert (text, refusal) == (stored, None)
    else:
        assert text is None and refusal.field == "reason"
        assert refusal.mapping["field"] == "Lý do"
        assert refused in (refusal.mapping.get("character") or refusal.mapping.get("value"))
        assert refusal.rule == plain_text.RULE_PLAIN_TEXT


# -- routing steps ----------------------------------------------------------


def as_user(user):
    return (user, PASSWORD)




def submitted(server):
    doc = incoming(server["portal"].sttt["den-2026"])
    with api.env.adopt_roles(["Manager"]):
        api.portal.get_tool("portal_workflow").doActionFor(doc, "submit")
    path = "/".join(doc.getPhysicalPath()[2:])
    transaction.commit()
    return path


def trail_of(server, path):
    from qlvbdh_policy.routing import trail
    return trail.entries(fresh(server, path))


def test_rest_step_texts_are_plain_text(site, server):
    path = submitted(server)
    url = f"{site}/{path}"
    # not text: 400 naming the field (an AttributeError, HTTP 500, before)
    for step, user, body, field in (
            ("assign", "lda", {"handler": "xla", "instruction": ["Tham mưu"]}, "instruction"),
            ("assign", "lda", {"handler": "xla", "instruction": 12}, "instruction")):
        answer = rest("POST", f"{url}/@{step}", user, body)
        assert answer.status_code == 400, answer.text
        assert answer.json()["errors"][0]["field"] == field
        # the service's check of the body's types names the JSON key
        # (restapi/body.json_object), before routing reads the text
        assert f"“{field}”" in answer.json()["message"]
        assert "phải là một chuỗi ký tự" in answer.json()["message"]
    assert api.content.get_state(fresh(server, path)) == "submitted"
    answer = rest("POST", f"{url}/@assign", "lda", {
        "handler": "xla", "instruction": "Tham mưu\x07 trả lời\r\ntrước\u200b hạn\x00"})
    assert answer.status_code == 200, answer.text
    doc = fresh(server, path)
    assert doc.instruction == "Tham mưu trả lời\ntrước hạn"
    assert trail_of(server, path)[-1]["comment"] == "Tham mưu trả lời\ntrước hạn"
    rest("POST", f"{url}/@workflow/start", "xla")
    blank = rest("POST", f"{url}/@complete", "xla", {"result": "\u200b\u2060 \r\n"})
    assert blank.status_code == 400 and blank.json()["errors"][0]["field"] == "result"
    listed = rest("POST", f"{url}/@complete", "xla", {"result": {"text": "Đã trả lời"}})
    assert listed.status_code == 400, listed.text
    assert "“result” phải là một chuỗi ký tự" in listed.json()["message"]
    assert api.content.get_state(fresh(server, path)) == "in_progress"
    done = rest("POST", f"{url}/@complete", "xla", {"result": "Đã trả lời\x1b[0m"})
    assert done.status_code == 200, done.text
    assert fresh(server, path).result == "Đã trả lời[0m"


def test_rest_return_reason_and_bare_workflow_comment(site, server):
    doc = incoming(server["portal"].sttt["den-2026"])
    path = "/".join(doc.getPhysicalPath()[2:])
    transaction.commit()
    url = f"{site}/{path}"
    blank = rest("POST", f"{url}/@workflow/submit", "vta", {"comment": ["Trình"]})
    assert blank.status_code == 400, blank.text
    assert "Ý kiến hoặc lý do" in blank.json()["message"]
    assert api.content.get_state(fresh(server, path)) == "registered"
    answer = rest("POST", f"{url}/@workflow/submit", "vta",
                  {"comment": "Kính\x00 trình\u2029lãnh đạo"})
    assert answer.status_code == 200, answer.text
    assert trail_of(server, path)[-1]["comment"] == "Kính trình\nlãnh đạo"


def test_step_form_reason_of_invisible_characters_is_refused(site, server):
    doc = outgoing(server["portal"].sttt["di-2026"])
    with api.env.adopt_roles(["Manager"]):
        api.portal.get_tool("portal_workflow").doActionFor(doc, "submit_review")
    path = "/".join(doc.getPhysicalPath()[2:])
    transaction.commit()
    s = session()
    url = f"{site}/{path}/@@step?transition=send_back"
    token = authenticator(s, url)
    answer = s.post(url, data={"_authenticator": token, "form.widgets.comment": "\u200b\u200d",
                               "form.buttons.save": "Lưu"}, timeout=60)
    assert_refused_page(answer, "lý do")
    assert api.content.get_state(fresh(server, path)) == "review"
    answer = s.post(url, data={"_authenticator": token,
                               "form.widgets.comment": "Sửa\x0c lại\x00 trích yếu",
                               "form.buttons.save": "Lưu"}, timeout=60)
    assert answer.status_code == 200
    assert api.content.get_state(fresh(server, path)) == "draft"
    assert trail_of(server, path)[-1]["comment"] == "Sửa\n lại trích yếu"


# -- accounts ----------------------------------------------------------------


def admin():
    s = requests.Session()
    s.auth = as_user("qta")
    return s


def accounts_of(server):
    transaction.begin()
    server["portal"]._p_jar.sync()
    return {u.getProperty("fullname") for u in api.user.get_users()}


def test_rest_account_full_name_is_plain_text(site, server):
    url = f"{site}/sttt/@accounts"
    bad = admin().post(url, json={"fullname": "Trần\x00 Thị Mai", "email": "mai@example.vn"},
                       headers=JSON, timeout=60)
    assert bad.status_code == 400, bad.text
    assert bad.json()["errors"][0]["field"] == "full_name"
    assert "Họ và tên" in bad.json()["message"] and "U+0000" in bad.json()["message"]
    bad_mail = admin().post(url, json={"fullname": "Trần Thị Mai", "email": "mai\x00@example.vn"},
                            headers=JSON, timeout=60)
    assert bad_mail.status_code == 400 and "Thư điện tử" in bad_mail.json()["message"]
    assert not {"Trần\x00 Thị Mai", "Trần Thị Mai"} & accounts_of(server)
    made = admin().post(url, json={"fullname": "Tra\u0302\u0300n  Thị\r\nMai\u200b",
                                   "email": "mai@example.vn"}, headers=JSON, timeout=60)
    assert made.status_code == 201, made.text
    assert made.json()["account"]["fullname"] == "Trần Thị Mai"
    login = made.json()["account"]["login"]
    renamed = admin().patch(f"{url}/{login}", json={"fullname": "Trần Thị\x1b Mai"},
                            headers=JSON, timeout=60)
    assert renamed.status_code == 400 and renamed.json()["errors"][0]["field"] == "fullname"
    assert "Trần Thị Mai" in accounts_of(server)


def test_account_page_and_import_rows_refuse_control_characters(site, server):
    s = admin()
    page = s.get(f"{site}/sttt/@@accounts", timeout=60)
    token = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)
    answer = s.post(f"{site}/sttt/@@accounts", timeout=60, data={
        "_authenticator": token, "action": "create", "full_name": "Lê\x08 Văn Tám",
        "email": "tam@example.vn", "kind": "staff", "department": ""})
    assert answer.status_code == 200
    assert "Họ và tên" in answer.text and "U+0008" in answer.text
    sheet = ("Họ và tên;Năm sinh;Thư điện tử;Phòng;Vai trò\n"
             "Lê Văn Tám;1990;tam@example.vn;Văn phòng;Chuyên viên\n"
             "Võ\x01 Thị Sáu;1991;sau@example.vn;Văn phòng;Chuyên viên\n")
    imported = s.post(f"{site}/sttt/@@accounts", timeout=60,
                      data={"_authenticator": token, "action": "import"},
                      files={"sheet": ("ds.csv", sheet.encode(), "text/csv")})
    assert "text/html" in imported.headers["Content-Type"]
    assert "Dòng 3" in imported.text and "U+0001" in imported.text, imported.text[-3000:]
    assert not {"Lê Văn Tám", "Võ Thị Sáu"} & accounts_of(server)
    rest_import = s.post(f"{site}/sttt/@accounts-import", headers=JSON, timeout=60, json={
        "filename": "ds.csv", "data": base64.b64encode(sheet.encode()).decode()})
    assert rest_import.status_code == 400, rest_import.text
    assert "1 dòng bị từ chối" in rest_import.json()["message"]
    assert not {"Lê Văn Tám", "Võ Thị Sáu"} & accounts_of(server)


# -- saved searches ---------------------------------------------------------


def test_saved_search_name_is_plain_text(site, server):
    from qlvbdh_policy.search import saved_searches

    s = session()
    url = f"{site}/sttt/@@search-documents"
    token = authenticator(s, f"{url}?text=quyết định")
    answer = s.post(url, data={"_authenticator": token, "text": "quyết định",
                               "name": "Quyết\x00 định"}, timeout=60)
    assert answer.status_code == 200
    assert "Tên của tìm kiếm này" in answer.text and "U+0000" in answer.text, answer.text[-3000:]
    transaction.begin()
    server["portal"]._p_jar.sync()
    assert saved_searches.saved_for(SITE_OWNER_NAME) == []
    s.post(url, data={"_authenticator": token, "text": "quyết định",
                      "name": "Quye\u0302\u0301t định\r\ncủa\u200b tỉnh"}, timeout=60)
    transaction.begin()
    server["portal"]._p_jar.sync()
    assert [x["name"] for x in saved_searches.saved_for(SITE_OWNER_NAME)] == [
        "Quyết định của tỉnh"]
