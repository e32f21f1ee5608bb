"""Done when of issue 22, in Chromium as a site manager in the real web
screens: copy the incoming workflow in the ZMI, add a state "Chờ phó giám
đốc cho ý kiến" and its steps (with its meaning), bind the copy in a
policy copy, switch an agency with documents in every state to it on its
@@workflow-policy page, walk a document through the new state, switch
back: no state lost; the check page finds the document stuck while no
deputy is named; the REST service agrees."""

from base64 import b64encode
from browser import chromium_page
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from rest_client import call
from rest_client import ok
from routing_fixtures import make_province
from workflow_fixtures import in_flight

import transaction

OWNER = SITE_OWNER_NAME
COPY = "copy_of_qlvbdh_incoming_workflow"
STATE, ASK, GIVE = "cho_y_kien", "xin_y_kien", "cho_y_kien_xong"


def states(docs):
    return {k: ok(call("GET", url, OWNER))["review_state"] for k, url in docs.items()}


def found(site, state):
    answer = ok(call("GET", f"{site}/@search", OWNER, params={
        "portal_type": "IncomingDocument", "review_state": state, "path": "/plone/sttt",
        "metadata_fields": "Title"}))
    return sorted(i["title"] for i in answer["items"])


def shot(page, artifacts, name):
    page.screenshot(path=str(artifacts / f"ttw-{name}.png"), full_page=True)


def zmi_add(page, url, button, new_id):
    page.goto(url)
    page.locator("input[name=id]").last.fill(new_id)
    page.locator(f"input[name='{button}']").click()
    page.wait_for_load_state()


def zmi_properties(page, url, title, **fields):
    page.goto(f"{url}/manage_properties")
    page.locator("input[name=title]").fill(title)
    for name, value in fields.items():
        if name == "transitions":
            for tid in value:
                page.locator(f"input[name='transitions:list'][value='{tid}']").check()
        elif name == "new_state_id":
            page.locator("select[name=new_state_id]").select_option(value)
        elif name == "trigger_type":
            page.locator(f"input[name=trigger_type][value='{value}']").check()
        else:
            page.locator(f"input[name={name}]").fill(value)
    page.locator("input[name=submit]").first.click()
    page.wait_for_load_state()


def add_step_in_the_zmi(page, site, artifacts):
    tool = f"{site}/portal_workflow"
    page.goto(f"{tool}/manage_main")
    page.locator("input[name='ids:list'][value='qlvbdh_incoming_workflow']").check()
    page.locator("input[name='manage_copyObjects:method']").click()
    page.wait_for_load_state()
    page.locator("input[name='manage_pasteObjects:method']").click()
    page.wait_for_load_state()
    wf = f"{tool}/{COPY}"
    zmi_add(page, f"{wf}/states/manage_main", "addState:method", STATE)
    zmi_add(page, f"{wf}/transitions/manage_main", "addTransition:method", ASK)
    zmi_add(page, f"{wf}/transitions/manage_main", "addTransition:method", GIVE)
    zmi_properties(page, f"{wf}/transitions/{ASK}", "Xin ý kiến phó giám đốc",
                   new_state_id=STATE, trigger_type="1", guard_roles="Leader")
    zmi_properties(page, f"{wf}/transitions/{GIVE}", "Cho ý kiến",
                   new_state_id="submitted", trigger_type="1", guard_roles="DeputyLeader")
    zmi_properties(page, f"{wf}/states/{STATE}", "Chờ phó giám đốc cho ý kiến",
                   transitions=[GIVE])
    zmi_properties(page, f"{wf}/states/submitted", "Submitted to the leader",
                   transitions=[ASK])
    for variable, value in (("waiting_for", "role:DeputyLeader"), ("task", "opinion"),
                            ("phase", "in_hand"), ("in_book", "True"),
                            ("counts_overdue", "True")):
        page.goto(f"{wf}/states/{STATE}/manage_variables")
        page.locator("select[name=id]").select_option(variable)
        page.locator("input[name=value]").fill(value)
        page.locator("form[action=addVariable] input[type=submit]").click()
        page.wait_for_load_state()
    shot(page, artifacts, "zmi-variables")


def bind_copy_in_a_policy(page, site, artifacts):
    page.goto(f"{site}/@@workflow-policies-controlpanel")
    page.locator("input[name=policy_id]").fill("ban_sao")
    page.locator("select[name=policy_duplicate_id]").select_option("qlvbdh_standard")
    page.locator("input[name=add]").click()
    page.wait_for_load_state()
    page.goto(f"{site}/@@placeful-workflow-policy-mapping?wfpid=ban_sao")
    page.locator("input[name=title]").fill("Cơ quan: lãnh đạo xin ý kiến phó giám đốc")
    page.locator("#select_workflow_IncomingDocument").select_option(COPY)
    shot(page, artifacts, "policy-mapping")
    page.locator("input[name=submit]").click()
    page.wait_for_load_state()


def switch_on_the_page(page, site, policy, artifacts, name, mapping=None):
    page.goto(f"{site}/sttt/@@workflow-policy?policy={policy}")
    for state, target in (mapping or {}).items():
        page.locator(f"select[name='mapping.{state}:record']").select_option(target)
    shot(page, artifacts, name)
    page.locator("form.qlvbdh-policy-switch button[type=submit]").click()
    page.wait_for_load_state()
    return page.content()


def test_a_step_added_through_the_web(server, server_url, artifacts):
    portal = server["portal"]
    a, _b = make_province(portal)
    docs = {k: d.absolute_url() for k, d in in_flight(portal, a).items()}
    transaction.commit()
    site = server_url
    token = b64encode(f"{SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}".encode()).decode()
    with chromium_page() as page:
        page.set_extra_http_headers({"Authorization": f"Basic {token}"})
        add_step_in_the_zmi(page, site, artifacts)
        bind_copy_in_a_policy(page, site, artifacts)
        text = switch_on_the_page(page, site, "ban_sao", artifacts, "switch")
        assert "Cơ quan: lãnh đạo xin ý kiến phó giám đốc" in text
        assert states(docs) == {k: k for k in docs}  # every state kept
        # the leader asks the deputy's opinion (the REST step service)
        ok(call("POST", f"{docs['submitted']}/@workflow/{ASK}", "lda"))
        assert states(docs)["submitted"] == STATE
        assert found(site, STATE) == ["Văn bản submitted"]
        # no deputy named yet: the check page finds the document stuck
        page.goto(f"{site}/sttt/@@kiem-tra-quy-trinh")
        shot(page, artifacts, "check")
        assert "Văn bản submitted" in page.locator(".qlvbdh-stuck").inner_text()
        check = ok(call("GET", f"{site}/sttt/@workflow-check", OWNER))
        assert [d["state"] for d in check["agencies"][0]["stuck"]] == [STATE]
        # a deputy named: he has it in "Việc của tôi", nothing is stuck
        added = call("PATCH", f"{site}/@groups/sttt-deputies", OWNER, {"users": {"lda": True}})
        assert added.status_code == 204, added.text
        mine = call("GET", f"{site}/@@my-work", "lda", headers={"Accept": "text/html"})
        assert "Văn bản submitted" in mine.text
        assert ok(call("GET", f"{site}/sttt/@workflow-check", OWNER))["stuck_count"] == 0
        # a state the standard policy lacks: refused until mapped
        refused = switch_on_the_page(page, site, "qlvbdh_standard", artifacts, "switch-back",
                                     mapping={STATE: "submitted"})
        assert "Đã chuyển sang quy trình" in refused
        assert states(docs) == {k: k for k in docs}
        assert found(site, "submitted") == ["Văn bản submitted"]
