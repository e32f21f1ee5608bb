"""The forms a leader, a department head and a clerk use (issue 16): the
leader sends back or passes on a submitted document, a department head
forwards within his department, the assign form groups the people and
proposes the deadline, files open in the page, clerks submit many
documents at once, the outgoing form picks from searchable lists."""

from clock import TEST_TODAY
from domain_fixtures import incoming
from nginx_proxy import nginx  # noqa: F401 (fixture)
from plone import api
from plone.app.testing import login
from qlvbdh_policy.routing import my_work
from qlvbdh_policy.routing import steps
from qlvbdh_policy.routing import trail
from qlvbdh_policy.routing.steps import RoutingForbidden
from qlvbdh_policy.routing.steps import RoutingRefused
from routing_fixtures import make_province
from routing_fixtures import PASSWORD
from zope.i18n import translate

import datetime
import pytest

LATER = TEST_TODAY + datetime.timedelta(days=10)


@pytest.fixture
def province(portal):
    a, b = make_province(portal)
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=a, type="Department", id="khtc",
                           title="Phòng Kế hoạch - Tài chính", notation_abbr="KHTC")
        if api.user.get(userid="ktb") is None:
            api.user.create(email="ktb@example.vn", username="ktb", password=PASSWORD,
                            properties={"fullname": "Ngô Kế Toán"})
            api.user.create(email="ldc@example.vn", username="ldc", password=PASSWORD,
                            properties={"fullname": "Phan Phó Giám Đốc"})
        api.group.add_user(groupname="sttt-khtc", username="ktb")
        api.group.add_user(groupname="sttt-leaders", username="ldc")
    return a, b


@pytest.fixture
def doc(portal, province):
    a, _b = province
    login(portal, "vta")
    return incoming(a["den-2026"], due_date=LATER)


def vi(exc):
    return translate(exc.message(), target_language="vi")


def state(doc):
    return api.content.get_state(doc)


def tasks_of(userid):
    return [i["task"] for i in my_work.items_for(api.user.get(userid=userid))]


# -- the routing layer -------------------------------------------------------


def test_department_head_forwards_only_within_his_department(portal, doc):
    steps.simple_step(doc, "submit")
    login(portal, "lda")
    steps.assign(doc, "tpa")  # the head of Văn phòng, in person
    login(portal, "tpa")
    assert steps.forward_targets(doc, api.user.get_current()) >= {"xla", "pha"}
    assert "ktb" not in steps.forward_targets(doc, api.user.get_current())
    with pytest.raises(RoutingRefused) as e:
        steps.forward(doc, "ktb", "Sang phòng khác")
    assert e.value.field == "to"
    assert "Ngô Kế Toán không thuộc phòng của đồng chí" in vi(e.value)
    assert doc.get_local_roles_for_userid("ktb") == ()
    steps.forward(doc, "xla", "Giao đồng chí Hiếu")
    assert doc.get_local_roles_for_userid("xla") == ("Handler",)


def test_a_leader_forwards_to_anyone_of_the_agency(portal, doc):
    steps.simple_step(doc, "submit")
    login(portal, "lda")
    steps.assign(doc, "lda")
    assert steps.headed_departments(doc.aq_parent.aq_parent, api.user.get_current()) is None
    steps.forward(doc, "ktb")
    assert doc.get_local_roles_for_userid("ktb") == ("Handler",)


def test_leader_sends_back_to_the_clerk_with_a_reason(portal, doc):
    steps.simple_step(doc, "submit")
    login(portal, "xla")
    with pytest.raises(RoutingForbidden):
        steps.send_back(doc, "Không phải việc của tôi")
    login(portal, "lda")
    with pytest.raises(RoutingRefused) as e:
        steps.send_back(doc, "  ")
    assert e.value.field == "comment" and state(doc) == "submitted"
    steps.send_back(doc, "Thiếu phụ lục, đề nghị bổ sung")
    assert state(doc) == "registered"
    assert tasks_of("vta") == ["submit"]
    last = trail.entries(doc)[-1]
    assert last["action"] == "send_back" and last["comment"] == "Thiếu phụ lục, đề nghị bổ sung"


def test_leader_passes_to_another_leader(portal, doc):
    steps.simple_step(doc, "submit")
    assert tasks_of("lda") == ["assign"] and tasks_of("ldc") == ["assign"]
    login(portal, "lda")
    for wrong in ("xla", "lda", "ldb", ""):  # staff, himself, another agency's, nobody
        with pytest.raises(RoutingRefused) as e:
            steps.pass_to_leader(doc, wrong)
        assert e.value.field == "leader"
    steps.pass_to_leader(doc, "ldc", "Đồng chí Phó Giám đốc phụ trách")
    assert state(doc) == "submitted"
    assert tasks_of("ldc") == ["assign"] and tasks_of("lda") == []
    assert trail.entries(doc)[-1]["to"] == [{"id": "ldc", "title": "Phan Phó Giám Đốc"}]
    # a bare workflow call cannot pass it on without saying to whom
    from Products.CMFCore.WorkflowCore import WorkflowException

    with pytest.raises(WorkflowException):
        api.portal.get_tool("portal_workflow").doActionFor(doc, "pass_leader")
    # sent back and submitted again, it waits for every leader again
    login(portal, "ldc")
    steps.send_back(doc, "Chuyển văn thư kiểm tra lại")
    login(portal, "vta")
    steps.simple_step(doc, "submit")
    assert tasks_of("lda") == ["assign"] and tasks_of("ldc") == ["assign"]


def test_1018_adds_the_leaders_steps_and_keeps_the_rest(portal):
    from qlvbdh_policy.upgrades import v1018

    wf = api.portal.get_tool("portal_workflow")["qlvbdh_incoming_workflow"]
    submitted = wf.states["submitted"]
    submitted.transitions = ("assign", "recall")
    wf.transitions.manage_delObjects(["pass_leader", "send_back"])
    wf.transitions["assign"].title = "Giao việc (đổi qua web)"
    setup = api.portal.get_tool("portal_setup")
    setup.setLastVersionForProfile("qlvbdh_policy:default", "1017")

    setup.upgradeProfile("qlvbdh_policy:default")

    assert set(submitted.transitions) == {"assign", "recall", "pass_leader", "send_back"}
    assert wf.transitions["send_back"].new_state_id == "registered"
    assert wf.transitions["pass_leader"].actbox_url.endswith("/@@pass-leader")
    assert wf.transitions["send_back"].getGuard().permissions == (v1018.GUARD_PERMISSION,)
    assert wf.transitions["assign"].title == "Giao việc (đổi qua web)"  # kept
    v1018.add_leader_steps(setup)  # twice: nothing doubled
    assert sorted(submitted.transitions).count("send_back") == 1


# -- the forms, over HTTP -----------------------------------------------------


def token(html):
    import re

    # the page's token, which Plone's protect.js adds to its forms in a browser
    return re.search(r'data-token="([^"]+)"', html).group(1)


@pytest.fixture
def served(server, server_url):
    """The province with the second department, a submitted document with a
    PDF and a deadline, committed for the test server."""
    from domain_fixtures import pdf

    import transaction

    portal = server["portal"]
    a, _b = province.__wrapped__(portal)
    login(portal, "vta")
    doc = incoming(a["den-2026"], title="Công văn về việc báo cáo chuyển đổi số",
                   due_date=LATER, file=pdf("Công văn số 45.pdf"))
    steps.simple_step(doc, "submit")
    transaction.commit()
    url = doc.absolute_url().replace(portal.absolute_url(), server_url)
    return portal, doc, url


def get(url, user, **kw):
    import requests

    answer = requests.get(url, auth=(user, PASSWORD), timeout=60, **kw)
    assert answer.status_code == 200, (url, answer.status_code)
    return answer


def test_assign_form_groups_people_proposes_the_deadline_shows_the_file(served):
    import html as htmllib
    import re

    _portal, _doc, url = served
    page = get(f"{url}/@@assign", "lda").text
    select = re.search(r'<select[^>]*id="form-widgets-handler".*?</select>', page, re.S).group(0)
    # nobody is chosen: the prompt is, and only the prompt
    assert re.findall(r'<option[^>]*selected[^>]*>([^<]*)<', select) == ["— Chọn —"]
    groups = [htmllib.unescape(g) for g in re.findall(r'<optgroup label="([^"]+)"', select)]
    assert groups[0] == "Phòng, ban (trưởng phòng phân công tiếp)"
    assert "Lãnh đạo" in groups and "Văn phòng · Lãnh đạo phòng" in groups
    assert "Văn phòng · Cán bộ" in groups
    # each person's option is his full name alone (a walk picks it by label)
    assert re.search(r'<option[^>]*value="xla"[^>]*>Lê Minh Hiếu</option>', select)
    # co-handlers by department, with the position beside the name
    assert re.search(r'<legend[^>]*>Phòng Kế hoạch - Tài chính</legend>', page)
    assert 'name="form.widgets.co_handlers:list"' in page and 'value="pha"' in page
    assert "qlvbdh-position" in page
    # the document's own deadline is proposed
    due = re.search(r'<input[^>]*id="form-widgets-due_date"[^>]*>', page).group(0)
    assert f'value="{LATER.strftime("%d/%m/%Y")}"' in due and 'placeholder="dd/mm/yyyy"' in due
    # its file beside the form
    assert f'src="{url}/@@display-file/file"' in page
    assert "Công văn số 45.pdf" in page and "@@download/file/C%C3%B4ng" in page


def test_the_pdf_opens_inline_framed_by_the_site_only(served):
    _portal, _doc, url = served
    shown = get(f"{url}/@@display-file/file", "lda")
    assert shown.headers["Content-Type"].startswith("application/pdf")
    assert shown.headers["Content-Disposition"].startswith("inline;")
    assert "filename*=UTF-8''C%C3%B4ng%20v%C4%83n%20s%E1%BB%91%2045.pdf" in \
        shown.headers["Content-Disposition"]
    csp = shown.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in csp and "object-src 'self'" in csp
    assert "script-src" not in csp and "default-src 'none'" in csp
    assert shown.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert shown.content.startswith(b"%PDF")
    saved = get(f"{url}/@@download/file/x.pdf", "lda")
    assert saved.headers["Content-Disposition"].startswith("attachment;")
    # the document's page carries the frame too
    page = get(url, "lda").text
    assert f'src="{url}/@@display-file/file"' in page and "qlvbdh-pdf-frame" in page


def test_a_forward_outside_the_department_is_refused(served):
    import requests

    portal, doc, url = served
    import transaction

    login(portal, "lda")
    steps.assign(doc, "tpa")
    transaction.commit()
    form = get(f"{url}/@@forward", "tpa").text
    assert 'value="xla"' in form and 'value="ktb"' not in form  # only his department
    answer = requests.post(f"{url}/@@forward", auth=("tpa", PASSWORD), timeout=60, data={
        "_authenticator": token(form), "form.widgets.to:list": "ktb",
        "form.widgets.comment": "Chuyển sang phòng khác", "form.buttons.save": "Lưu"})
    assert answer.status_code == 200
    assert "Ngô Kế Toán không thuộc phòng của đồng chí" in answer.text
    transaction.begin()
    assert doc.get_local_roles_for_userid("ktb") == ()
    answer = requests.post(f"{url}/@@forward", auth=("tpa", PASSWORD), timeout=60, data={
        "_authenticator": token(form), "form.widgets.to:list": "xla",
        "form.buttons.save": "Lưu"})
    assert "Đã chuyển xử lý văn bản" in answer.text
    transaction.begin()
    assert doc.get_local_roles_for_userid("xla") == ("Handler",)


def test_clerk_submits_several_documents_at_once(server, server_url):
    import re
    import requests
    import transaction

    portal = server["portal"]
    a, _b = make_province(portal)
    login(portal, "vta")
    docs = [incoming(a["den-2026"], title=f"Công văn thứ {n}", code_number=str(40 + n))
            for n in (1, 2, 3)]
    transaction.commit()
    clerk = ("vta", PASSWORD)
    page = requests.get(f"{server_url}/@@my-work?task=submit", auth=clerk, timeout=60).text
    assert "Trình lãnh đạo các văn bản đã chọn" in page
    assert all('name="uids:list"' in page and d.UID() in page for d in docs)
    form_token = re.search(r'name="_authenticator" value="([^"]+)"', page).group(1)
    chosen = [d.UID() for d in docs]

    # a forged POST (another site's page: no authenticator) is refused, nothing moves
    forged = requests.post(f"{server_url}/@@my-work-submit", auth=clerk, timeout=60,
                           data={"uids:list": chosen}, headers={"Accept": "text/html"})
    assert forged.status_code == 403 and "Không có gì được lưu" in forged.text
    transaction.begin()
    assert {state(d) for d in docs} == {"registered"}

    # meanwhile the third was submitted from its own page
    login(portal, "vta")
    steps.simple_step(docs[2], "submit")
    transaction.commit()
    answer = requests.post(f"{server_url}/@@my-work-submit", auth=clerk, timeout=60,
                           data={"_authenticator": form_token, "uids:list": chosen})
    assert answer.status_code == 200 and "@@my-work" in answer.url
    text = re.sub(r"\s+", " ", answer.text)
    assert "Đã trình lãnh đạo 2 văn bản." in text
    number = f"{docs[2].arrival_number:02d}"
    assert f"Chưa trình được văn bản số đến {number}." in text
    transaction.begin()
    assert [state(d) for d in docs] == ["submitted"] * 3
    assert "Công văn thứ 1" not in requests.get(
        f"{server_url}/@@my-work?task=submit", auth=clerk, timeout=60).text


def test_registering_carries_the_sender_from_the_agency_chosen(server, server_url):
    import re
    import requests
    import transaction

    portal = server["portal"]
    a, b = make_province(portal)
    transaction.commit()
    clerk = ("vta", PASSWORD)
    add = f"{server_url}/sttt/den-2026/++add++IncomingDocument"
    page = requests.get(add, auth=clerk, timeout=60).text

    def register(**extra):
        data = {
            "_authenticator": token(page),
            "form.widgets.sender_name": "", "form.widgets.arrival_date": TEST_TODAY.isoformat(),
            "form.widgets.sender_agency:list": b.UID(),
            "form.widgets.code_number": "17", "form.widgets.code_notation": "UBND-VP",
            "form.widgets.doc_date": "2026-11-20", "form.widgets.doc_type:list": "cong_van",
            "form.widgets.title": "Công văn về việc tổng hợp số liệu",
            "form.widgets.urgency:list": "thuong", "form.widgets.secrecy:list": "thuong",
            "form.buttons.save": "Lưu",
        }
        data.update(extra)
        return requests.post(add, auth=clerk, timeout=60, data=data)

    answer = register()
    assert answer.status_code == 200 and "Đã vào sổ" in answer.text
    transaction.begin()
    registered = [o for o in a["den-2026"].objectValues() if o.portal_type == "IncomingDocument"]
    assert [d.sender_name for d in registered] == ["Ủy ban nhân dân huyện Cái Bè"]
    # the same document again: the duplicate check sees the name carried over
    again = register()
    text = re.sub(r"\s+", " ", again.text)
    assert "Văn bản này có thể đã được vào sổ" in text
    transaction.begin()
    assert len([o for o in a["den-2026"].objectValues()
                if o.portal_type == "IncomingDocument"]) == 1
    # a name the clerk wrote is kept
    register(**{"form.widgets.sender_name": "UBND huyện Cái Bè (bản sao)",
                "form.widgets.code_number": "18"})
    transaction.begin()
    assert sorted(o.sender_name for o in a["den-2026"].objectValues()
                  if o.portal_type == "IncomingDocument") == [
        "UBND huyện Cái Bè (bản sao)", "Ủy ban nhân dân huyện Cái Bè"]


def test_outgoing_form_picks_signer_replies_and_recipients_from_lists(server, server_url):
    import base64
    import html as htmllib
    import re
    import requests
    import transaction

    portal = server["portal"]
    a, b = province.__wrapped__(portal)
    login(portal, "vta")
    seen = incoming(a["den-2026"], title="Công văn đề nghị báo cáo số liệu", code_number="88")
    unseen = incoming(a["den-2026"], title="Công văn chưa giao ai", code_number="89")
    steps.simple_step(seen, "submit")
    login(portal, "lda")
    steps.assign(seen, "xla")
    login(portal, "vtb")
    elsewhere = incoming(b["den-2026"], title="Công văn của Cái Bè", code_number="90")
    transaction.commit()
    drafter = ("xla", PASSWORD)
    page = requests.get(f"{server_url}/sttt/di-2026/++add++OutgoingDocument", auth=drafter,
                        timeout=60).text

    def select(name):
        found = re.search(r'<select[^>]*name="form\.widgets\.%s[^"]*"[^>]*>.*?</select>' % name,
                          page, re.S)
        assert found, name
        return found.group(0)

    def options(name):
        return {htmllib.unescape(v): htmllib.unescape(t) for v, t in re.findall(
            r'<option[^>]*value="([^"]*)"[^>]*>([^<]*)<', select(name)) if v}

    for name in ("signer", "responds_to", "recipients_internal"):
        assert "pat-select2" in select(name), name  # searchable as one types
    assert set(options("signer").values()) == {"Trần Văn Lãnh Đạo", "Phan Phó Giám Đốc"}
    replies = options("responds_to")
    assert list(replies) == [seen.UID()]  # only what the drafter may open, of his agency
    assert "Công văn đề nghị báo cáo số liệu" in replies[seen.UID()]
    assert unseen.UID() not in replies and elsewhere.UID() not in replies
    assert options("recipients_internal")[b.UID()] == "Ủy ban nhân dân huyện Cái Bè"
    assert not re.search(r'<input[^>]*type="text"[^>]*name="form\.widgets\.(signer|responds_to)',
                         page)  # nothing typed by hand

    # REST keeps its contract: the user id and the UIDs, checked the same way
    def post(**fields):
        body = {"@type": "OutgoingDocument", "title": "Công văn trả lời về số liệu",
                "doc_type": "cong_van", "file": {
                    "data": base64.b64encode(b"%PDF-1.4\n%%EOF\n").decode(),
                    "encoding": "base64", "filename": "tl.pdf",
                    "content-type": "application/pdf"}}
        body.update(fields)
        return requests.post(f"{server_url}/sttt/di-2026", auth=drafter, json=body, timeout=60,
                             headers={"Accept": "application/json"})

    made = post(signer="lda", responds_to=[seen.UID()],
                recipients_internal=[b.UID()])
    assert made.status_code == 201, made.text
    assert made.json()["signer"]["token"] == "lda"
    assert [r["token"] for r in made.json()["responds_to"]] == [seen.UID()]
    for wrong in ({"signer": "xla"}, {"responds_to": [unseen.UID()]},
                  {"responds_to": [elsewhere.UID()]}):
        refused = post(**wrong)
        assert refused.status_code == 400, (wrong, refused.text)


def test_in_chromium_the_pdf_frame_loads_beside_the_assign_form_at_phone_width(
        served, server_url, artifacts):
    from browser import chromium_page
    from browser import login as browser_login

    portal, doc, url = served
    with chromium_page(width=390, height=844) as page:
        frames = []
        page.on("response", lambda r: frames.append(r) if "@@display-file" in r.url else None)
        violations = []
        page.on("console", lambda m: violations.append(m.text)
                if "Content Security Policy" in m.text or "Refused to" in m.text else None)
        browser_login(page, server_url, "lda", PASSWORD)
        page.goto(f"{url}/@@assign")
        page.wait_for_load_state("networkidle")
        frame = page.locator("iframe.qlvbdh-pdf-frame")
        frame.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        assert frame.get_attribute("src") == f"{url}/@@display-file/file"
        assert frames, "the frame did not load the file"
        assert frames[0].status == 200
        assert frames[0].headers["content-type"].startswith("application/pdf")
        assert not violations, violations
        # nothing wider than the phone
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(artifacts / "assign-form-phone.png"), full_page=True)
        # the handler chosen by his name, the proposed deadline kept
        page.select_option("#form-widgets-handler", label="Lê Minh Hiếu")
        page.check("input[name='form.widgets.informed:list'][value='dba']")
        page.click("#form-buttons-save")
        page.wait_for_load_state("networkidle")
        assert "Đã phân công" in page.locator("body").inner_text()
    import transaction

    transaction.begin()
    assert api.content.get_state(doc) == "assigned"
    assert doc.get_local_roles_for_userid("xla") == ("Handler",)
    assert doc.due_date == LATER


def test_the_deadline_reads_as_officials_write_it():
    from qlvbdh_policy.browser.routing_forms import parse_deadline

    assert parse_deadline("05/12/2026") == datetime.date(2026, 12, 5)
    assert parse_deadline("2026-12-05") == datetime.date(2026, 12, 5)  # a date field's value
    assert parse_deadline("  ") is None
    with pytest.raises(RoutingRefused) as e:
        parse_deadline("12/31/2026")  # month first is not a Vietnamese date
    assert e.value.field == "due_date"
    assert translate(e.value.message(), target_language="vi").endswith("dd/mm/yyyy.")


def test_leader_passes_on_and_sends_back_from_the_document_page(served):
    import re
    import requests
    import transaction

    portal, doc, url = served
    page = get(url, "lda").text
    assert f'href="{url}/@@pass-leader"' in page and "Chuyển lãnh đạo khác" in page
    assert "transition=send_back" in page and "Trả lại văn thư" in page
    form = get(f"{url}/@@pass-leader", "lda").text
    leaders = re.search(r'<select[^>]*id="form-widgets-leader".*?</select>', form, re.S).group(0)
    assert "Phan Phó Giám Đốc" in leaders and "Trần Văn Lãnh Đạo" not in leaders  # not himself
    answer = requests.post(f"{url}/@@pass-leader", auth=("lda", PASSWORD), timeout=60, data={
        "_authenticator": token(form), "form.widgets.leader:list": "ldc",
        "form.widgets.comment": "Kính chuyển đồng chí phụ trách", "form.buttons.save": "Lưu"})
    assert "Đã chuyển cho Phan Phó Giám Đốc." in answer.text
    transaction.begin()
    assert tasks_of("ldc") == ["assign"] and tasks_of("lda") == []
    # sent back without a reason: refused on the field, nothing moves
    step = f"{url}/@@step?transition=send_back"
    form = get(step, "ldc").text
    answer = requests.post(step, auth=("ldc", PASSWORD), timeout=60, data={
        "_authenticator": token(form), "form.widgets.comment": " ", "form.buttons.save": "Lưu"})
    assert "Hãy ghi rõ lý do." in answer.text
    transaction.begin()
    assert state(doc) == "submitted"
    answer = requests.post(step, auth=("ldc", PASSWORD), timeout=60, data={
        "_authenticator": token(form), "form.widgets.comment": "Sai đơn vị nhận",
        "form.buttons.save": "Lưu"})
    assert "Đã thực hiện: Trả lại văn thư." in answer.text
    transaction.begin()
    assert state(doc) == "registered" and tasks_of("vta") == ["submit"]


def test_on_an_agency_host_the_lists_search_and_the_pdf_frame_loads(nginx, server, artifacts):
    """Through the production nginx on sttt's own host: the signer's list is
    Plone's select2, searched as one types; the document's PDF loads in its
    frame; no violation of the site's policy."""
    from browser import chromium_page
    from browser import login as browser_login
    from browser import record_violations
    from domain_fixtures import pdf
    from nginx_proxy import BASE

    import transaction

    portal = server["portal"]
    login(portal, "vta")
    doc = incoming(portal["sttt"]["den-2026"], title="Công văn có tệp PDF",
                   file=pdf("Công văn 46.pdf"))
    steps.simple_step(doc, "submit")
    transaction.commit()
    port = nginx
    agency = f"http://sttt.{BASE}:{port}"
    resolve = f"--host-resolver-rules=MAP {BASE} 127.0.0.1,MAP *.{BASE} 127.0.0.1"
    with chromium_page(width=1280, height=1000, args=[resolve]) as page:
        violations = record_violations(page)
        frames = []
        page.on("response", lambda r: frames.append(r) if "@@display-file" in r.url else None)
        browser_login(page, agency, "lda", PASSWORD)
        page.goto(f"{agency}/den-2026/{doc.getId()}")
        page.wait_for_load_state("networkidle")
        page.locator("iframe.qlvbdh-pdf-frame").scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        assert frames and frames[0].status == 200, [f.url for f in frames]
        assert frames[0].url == f"{agency}/den-2026/{doc.getId()}/@@display-file/file"
        assert frames[0].headers["content-type"].startswith("application/pdf")

        page.goto(f"{agency}/di-2026/++add++OutgoingDocument")
        page.wait_for_load_state("networkidle")
        container = page.locator("#formfield-form-widgets-signer .select2-container")
        assert container.count() == 1  # pat-select2 ran on the agency's host
        container.click()
        page.keyboard.type("Trần")
        results = page.locator(".select2-drop-active .select2-results li")
        results.first.wait_for()
        assert "Trần Văn Lãnh Đạo" in results.first.inner_text()
        page.screenshot(path=str(artifacts / "outgoing-signer-agency-host.png"))
        assert violations == [], violations


def test_rest_passes_on_and_sends_back_as_the_forms_do(served):
    import requests
    import transaction

    _portal, doc, url = served

    def post(service, user, body):
        return requests.post(f"{url}/{service}", auth=(user, PASSWORD), json=body, timeout=60,
                             headers={"Accept": "application/json"})

    refused = post("@pass-leader", "lda", {"leader": "xla"})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "leader"
    assert post("@pass-leader", "xla", {"leader": "ldc"}).status_code in (401, 403)
    assert post("@pass-leader", "lda", {"leader": "ldc"}).status_code == 200
    transaction.begin()
    assert tasks_of("ldc") == ["assign"] and tasks_of("lda") == []
    no_reason = post("@send-back", "ldc", {"reason": ""})
    assert no_reason.status_code == 400 and no_reason.json()["errors"][0]["field"] == "reason"
    assert post("@send-back", "ldc", {"reason": "Sai đơn vị nhận"}).status_code == 200
    transaction.begin()
    assert state(doc) == "registered"


def test_handler_completes_naming_the_reply_from_a_searchable_list(served):
    from domain_fixtures import issue
    from domain_fixtures import outgoing
    from domain_fixtures import pdf

    import re
    import requests
    import transaction

    portal, doc, url = served
    login(portal, "lda")
    steps.assign(doc, "xla")
    hidden = issue(outgoing(portal["sttt"]["di-2026"], title="Công văn của lãnh đạo",
                            doc_type="cong_van", file=pdf("ld.pdf")))
    login(portal, "xla")  # he drafted the answer
    answer_doc = issue(outgoing(portal["sttt"]["di-2026"], title="Công văn trả lời số liệu",
                                doc_type="cong_van", file=pdf("tl.pdf")))
    transaction.commit()
    form = get(f"{url}/@@complete", "xla").text
    reply = re.search(r'<select[^>]*name="form\.widgets\.reply[^"]*"[^>]*>.*?</select>', form,
                      re.S).group(0)
    assert "pat-select2" in reply and answer_doc.UID() in reply
    assert hidden.UID() not in reply  # one he may not open is not offered
    assert f'src="{url}/@@display-file/file"' in form  # the file beside the form
    done = requests.post(f"{url}/@@complete", auth=("xla", PASSWORD), timeout=60, data={
        "_authenticator": token(form), "form.widgets.result": "Đã báo cáo đúng hạn",
        "form.widgets.reply": answer_doc.UID(), "form.buttons.save": "Lưu"})
    assert "Đã hoàn thành xử lý" in done.text
    transaction.begin()
    assert state(doc) == "completed" and doc.reply_uid == answer_doc.UID()
    assert doc.UID() in answer_doc.responds_to
