"""Issue 14: no 500 for bad input in the Classic UI, and plain text in the
texts that have no schema field.

A refusal (``RefusedValue`` and its subclasses) raised by an event
subscriber while a Classic UI page saves — the edit form of a document, the
add form of an attachment, the state menu, folder contents' paste — used to
answer HTTP 500 (Zope derives the status from the exception's class name,
which its table does not know). Over HTTP on the WSGI server layer, each
path now answers a Vietnamese refusal (the form again, or a page, or JSON
for a script) and stores nothing."""

from domain_fixtures import incoming
from domain_fixtures import outgoing
from lxml import html
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from routing_fixtures import make_province

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


def form_of(page, form_id=None):
    """The page's form and what a browser would send of it (no button)."""
    tree = html.fromstring(page.text)
    forms = [f for f in tree.forms if form_id is None or f.get("id") == form_id]
    form = next(f for f in forms if f.inputs.keys() and "_authenticator" in f.inputs.keys())
    return form, list(form.form_values())


def submit(s, url, changes, button="form.buttons.save", files=None):
    page = s.get(url, timeout=60)
    assert page.status_code == 200, page.status_code
    _form, values = form_of(page)
    values = [(k, v) for k, v in values if k not in changes] + list(changes.items())
    values.append((button, "Lưu"))
    return s.post(url, data=values, files=files, timeout=60)


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
    assert_refused_page(answer, ARCHIVE)
    assert api.content.get_state(fresh(server, path)) == "draft"


def test_state_menu_step_refused_by_the_workflow_check(site, server):
    """Issuing without a signed file, from the state menu."""
    doc = outgoing(server["portal"].sttt["di-2026"])
    wftool = api.portal.get_tool("portal_workflow")
    with api.env.adopt_roles(["Manager"]):
        for step in ("submit_review", "approve", "sign"):
            wftool.doActionFor(doc, step)
    path = "/".join(doc.getPhysicalPath()[2:])
    transaction.commit()
    s = session()
    token = authenticator(s, f"{site}/{path}/@@edit")
    answer = s.get(f"{site}/{path}/content_status_modify",
                   params={"workflow_action": "issue", "_authenticator": token}, timeout=60)
    assert_refused_page(answer, "phải kèm văn bản điện tử")
    assert api.content.get_state(fresh(server, path)) == "signed"


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
    assert step.status_code == 400 and "lý do" in step.json()["error"]["message"], step.text
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
    assert ARCHIVE in answer.json()["msg"]
    assert api.content.get_state(fresh(server, path)) == "draft"
