"""GET/POST <agency>/@workflow-policy (issue 22): a site manager reads the
agency's policy and switches it with documents in flight, from the
leader-directs policy to the clerk-assigns one and back; the documents'
states, the catalog (search by state, "Việc của tôi") and the handlers'
access follow; refusals in the project's envelope, nothing changed."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from rest_client import call
from rest_client import ok
from rest_client import refused
from routing_fixtures import make_province
from routing_fixtures import PASSWORD
from workflow_fixtures import in_flight

import pytest
import re
import requests
import transaction

OWNER = SITE_OWNER_NAME


@pytest.fixture
def site(server, server_url):
    portal = server["portal"]
    a, _b = make_province(portal)
    docs = in_flight(portal, a)
    transaction.commit()
    return server_url, {state: doc.absolute_url() for state, doc in docs.items()}


def states(site, docs):
    return {key: ok(call("GET", url, OWNER))["review_state"] for key, url in docs.items()}


def found(site, state):
    """Titles the catalog's review_state index finds in sttt."""
    answer = ok(call("GET", f"{site}/@search", OWNER, params={
        "portal_type": "IncomingDocument", "review_state": state, "path": "/plone/sttt",
        "metadata_fields": "Title"}))
    return sorted(i["title"] for i in answer["items"])


def my_work_page(site, userid):
    response = call("GET", f"{site}/@@my-work", userid, headers={"Accept": "text/html"})
    assert response.status_code == 200
    return response.text


def test_switching_through_rest_and_back(site):
    site, docs = site
    url = f"{site}/sttt/@workflow-policy"
    info = ok(call("GET", url, OWNER))
    assert info["policy"]["id"] == "qlvbdh_standard"
    assert info["policy"]["title"] == "Cơ quan: lãnh đạo chỉ đạo"
    offered = {p["id"]: p for p in info["offered"]}
    assert set(offered) == {"qlvbdh_standard", "qlvbdh_simple"}
    assert offered["qlvbdh_simple"]["title"] == "Cơ quan nhỏ: văn thư phân công"
    assert offered["qlvbdh_simple"]["needs_mapping"] == {"submitted": "registered"}
    in_use = {(s["workflow"], s["state"]): s for s in info["states_in_use"]}
    assert in_use[("qlvbdh_incoming_workflow", "submitted")]["count"] == 1
    assert in_use[("qlvbdh_incoming_workflow", "submitted")]["title"] == "Đã trình lãnh đạo"

    body = refused(call("POST", url, OWNER, {"policy": "qlvbdh_simple"}), 400, "mapping")
    assert "Đã trình lãnh đạo" in body["message"] and "Văn bản submitted" in body["message"]
    refused(call("POST", url, OWNER, {"policy": "intranet"}), 400, "policy")
    refused(call("POST", url, OWNER, {"policy": "qlvbdh_simple", "mapping": ["x"]}), 400,
            "mapping")
    refused(call("POST", url, "qta", {"policy": "qlvbdh_simple"}), 403)
    refused(call("GET", url, "vta"), 403)
    assert ok(call("GET", url, OWNER))["policy"]["id"] == "qlvbdh_standard"
    assert states(site, docs) == {k: k for k in docs}

    done = ok(call("POST", url, OWNER, {"policy": "qlvbdh_simple",
                                        "mapping": {"submitted": "registered"}}))
    assert done["policy"]["id"] == "qlvbdh_simple" and done["switched_documents"] >= len(docs)
    assert states(site, docs) == {"registered": "registered", "submitted": "registered",
                                  "assigned": "assigned", "in_progress": "in_progress",
                                  "completed": "completed"}
    assert found(site, "registered") == ["Văn bản registered", "Văn bản submitted"]
    assert found(site, "submitted") == []
    # the clerk now directs the formerly submitted document; the leader no more
    assert "Văn bản submitted" in my_work_page(site, "vta")
    assert "Văn bản submitted" not in my_work_page(site, "lda")
    handler_page = my_work_page(site, "xla")
    assert all(f"Văn bản {s}" in handler_page for s in ("assigned", "in_progress", "completed"))
    ok(call("GET", docs["in_progress"], "xla"))
    refused(call("GET", docs["in_progress"], "cba"), 403)
    ok(call("POST", f"{docs['submitted']}/@assign", "vta", {"handler": "xla"}))

    back = ok(call("POST", url, OWNER, {"policy": "qlvbdh_standard"}))
    assert back["policy"]["id"] == "qlvbdh_standard"
    assert states(site, docs) == {"registered": "registered", "submitted": "assigned",
                                  "assigned": "assigned", "in_progress": "in_progress",
                                  "completed": "completed"}
    assert found(site, "assigned") == ["Văn bản assigned", "Văn bản submitted"]
    assert "Văn bản registered" in my_work_page(site, "vta")
    ok(call("POST", f"{docs['assigned']}/@workflow/start", "xla"))
    ok(call("GET", docs["completed"], "xla"))


def test_the_workflow_policy_page(site):
    """@@workflow-policy: the site manager picks the policy, the page offers
    the state for the documents whose state the new workflow lacks (the
    suggested one chosen), a refusal names the state and changes nothing."""
    site, docs = site
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    page_url = f"{site}/sttt/@@workflow-policy"
    changes = session.get(f"{site}/sttt/@@agency-changes", timeout=60)
    assert "@@workflow-policy" in changes.text
    page = session.get(page_url, params={"policy": "qlvbdh_simple"}, timeout=60)
    assert page.status_code == 200
    for label in ("Quy trình xử lý của Sở Thông tin", "Cơ quan: lãnh đạo chỉ đạo",
                  "Đã trình lãnh đạo", "Chuyển sang Cơ quan nhỏ: văn thư phân công"):
        assert label in page.text, label
    assert "Intranet" not in page.text
    assert re.search(r'<option[^>]*value="registered"[^>]*selected', page.text)
    token = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)

    def switch(**mapping):
        data = {"_authenticator": token, "action": "switch", "policy": "qlvbdh_simple"}
        data.update({f"mapping.{k}:record": v for k, v in mapping.items()})
        return session.post(page_url, data=data, timeout=60)

    refused_page = switch(submitted="")
    assert "qlvbdh-refusal" in refused_page.text and "Văn bản submitted" in refused_page.text
    assert states(site, docs)["submitted"] == "submitted"
    assert ok(call("GET", f"{site}/sttt/@workflow-policy", OWNER))["policy"]["id"] == (
        "qlvbdh_standard")
    done = switch(submitted="registered")
    assert done.status_code == 200 and done.url.endswith("/sttt/@@workflow-policy")
    assert "Đã chuyển sang quy trình Cơ quan nhỏ: văn thư phân công" in done.text
    assert states(site, docs)["submitted"] == "registered"
    other = requests.get(page_url, auth=("qta", PASSWORD), allow_redirects=False, timeout=60)
    assert other.status_code in (302, 401, 403)


def test_plones_placeful_form_points_to_the_page(site):
    """Plone's own form on an agency (or a book in it) sets no policy: it
    would leave every document in the new workflow's initial state."""
    site, docs = site
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    for where in ("sttt", "sttt/den-2026"):
        answer = session.post(f"{site}/{where}/@@placeful-workflow-configuration", data={
            "policy_in": "qlvbdh_simple", "policy_below": "qlvbdh_simple",
            "submit": "Save"}, timeout=60)
        assert answer.url.endswith("/sttt/@@workflow-policy"), answer.url
        assert "biểu mẫu quy trình theo vị trí của Plone không thay đổi gì" in answer.text
    assert ok(call("GET", f"{site}/sttt/@workflow-policy", OWNER))["policy"]["id"] == (
        "qlvbdh_standard")
    assert states(site, docs) == {k: k for k in docs}


def test_a_policy_in_use_is_neither_deleted_nor_rebound(site):
    """Plone's control panel of placeful workflow: a policy agencies use
    keeps its bindings and stays; a copy no agency uses changes freely."""
    site, docs = site
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    panel = f"{site}/@@workflow-policies-controlpanel"
    mapping = f"{site}/@@placeful-workflow-policy-mapping"
    token = re.search(r'name="_authenticator" value="([^"]+)"', session.get(
        f"{site}/sttt/@@agency-changes", timeout=60).text).group(1)

    def post(url, **data):
        return session.post(url, data={"_authenticator": token, **data}, timeout=60)

    deleted = post(panel, **{"delete": "1", "policy_ids:list": ["qlvbdh_standard"]})
    assert "đang được 2 cơ quan sử dụng (Sở Thông tin và Truyền thông" in deleted.text
    assert "quy trình không bị xóa" in deleted.text
    rebound = post(mapping, **{
        "wfpid": "qlvbdh_standard", "submit": "Save", "title": "Agency: leader directs",
        "default_workflow_id": "simple_publication_workflow",
        "wf.IncomingDocument:record": "qlvbdh_incoming_simple_workflow"})
    assert "quy trình không bị thay đổi" in rebound.text
    info = ok(call("GET", f"{site}/sttt/@workflow-policy", OWNER))
    assert {p["id"] for p in info["offered"]} == {"qlvbdh_standard", "qlvbdh_simple"}
    assert states(site, docs) == {k: k for k in docs}
    # a copy no agency uses: rebound, offered, deleted
    post(panel, **{"add": "1", "policy_id": "ban_sao",
                              "policy_duplicate_id": "qlvbdh_standard"})
    changed = post(mapping, **{
        "wfpid": "ban_sao", "submit": "Save", "title": "Bản sao",
        "default_workflow_id": "simple_publication_workflow",
        "wf.IncomingDocument:record": "qlvbdh_incoming_simple_workflow"})
    assert "không bị thay đổi" not in changed.text
    info = ok(call("GET", f"{site}/sttt/@workflow-policy", OWNER))
    copy = {p["id"]: p for p in info["offered"]}["ban_sao"]
    assert copy["title"] == "Bản sao" and copy["needs_mapping"] == {"submitted": "registered"}
    post(panel, **{"delete": "1", "policy_ids:list": ["ban_sao"]})
    info = ok(call("GET", f"{site}/sttt/@workflow-policy", OWNER))
    assert "ban_sao" not in {p["id"] for p in info["offered"]}
