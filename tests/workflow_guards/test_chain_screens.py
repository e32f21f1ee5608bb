"""The ZMI's chain screens and Site Setup's content settings, used by a
site manager on what agencies' documents run under (issue 22): refused in
Vietnamese with the agency, the count and its @@workflow-policy page,
nothing changed; on a copy no agency uses, they work as Plone's."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from rest_client import call
from rest_client import ok
from routing_fixtures import make_province
from workflow_fixtures import in_flight

import pytest
import re
import requests
import transaction

OWNER = SITE_OWNER_NAME
SIMPLE_WF = "qlvbdh_incoming_simple_workflow"


@pytest.fixture
def site(server, server_url):
    portal = server["portal"]
    a, _b = make_province(portal)
    docs = in_flight(portal, a)
    transaction.commit()
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    token = re.search(r'name="_authenticator" value="([^"]+)"', session.get(
        f"{server_url}/sttt/@@agency-changes", timeout=60).text).group(1)

    def post(url, **data):
        return session.post(url, data={"_authenticator": token, **data}, timeout=60)

    return server_url, {s: d.absolute_url() for s, d in docs.items()}, post


def states(docs):
    return {key: ok(call("GET", url, OWNER))["review_state"] for key, url in docs.items()}


def chain_in(site, policy, portal_type="IncomingDocument"):
    answer = requests.get(f"{site}/portal_placeful_workflow/{policy}/manage_main",
                          auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), timeout=60).text
    return re.search(rf'name="chain_{portal_type}"[^>]*value="([^"]*)"', answer).group(1)


def refused_page(answer):
    assert answer.status_code == 400, answer.status_code
    assert "Quy trình không bị thay đổi" in answer.text
    assert "Sở Thông tin và Truyền thông" in answer.text
    assert "/sttt/@@workflow-policy" in answer.text
    return answer.text


def test_the_zmi_mapping_of_a_policy_in_use_is_refused(site):
    site, docs, post = site
    policy = f"{site}/portal_placeful_workflow/qlvbdh_standard"
    assert chain_in(site, "qlvbdh_standard") == "qlvbdh_incoming_workflow"
    text = refused_page(post(f"{policy}/manage_changeWorkflows", **{
        "title": "Agency: leader directs", "description": "", "default_chain": "",
        "chain_IncomingDocument": SIMPLE_WF}))
    assert "5 văn bản" in text and "Văn bản đến" in text
    refused_page(post(f"{policy}/setChain", portal_type="IncomingDocument", chain=SIMPLE_WF))
    assert chain_in(site, "qlvbdh_standard") == "qlvbdh_incoming_workflow"
    assert states(docs) == {k: k for k in docs}
    # the title alone changes
    answer = post(f"{policy}/manage_changeWorkflows", **{
        "title": "Agency: leader directs", "description": "Chính sách chuẩn",
        "default_chain": "", **{f"chain_{pt}": chain_in(site, "qlvbdh_standard", pt)
                                for pt in ("IncomingDocument", "OutgoingDocument")}})
    assert answer.status_code == 200, answer.text[:300]


def test_a_copy_no_agency_uses_is_mapped_freely(site):
    site, docs, post = site
    tool = f"{site}/portal_placeful_workflow"
    post(f"{site}/@@workflow-policies-controlpanel", add="1", policy_id="ban_sao",
         policy_duplicate_id="qlvbdh_standard")
    answer = post(f"{tool}/ban_sao/setChain", portal_type="IncomingDocument", chain=SIMPLE_WF)
    assert answer.status_code in (200, 204), answer.text[:300]
    assert chain_in(site, "ban_sao") == SIMPLE_WF


def test_site_setup_does_not_remap_agency_documents(site):
    """@@content-controlpanel would remap every incoming document (their
    permissions reset), though the agency's policy binds its own."""
    site, docs, post = site
    text = refused_page(post(f"{site}/@@content-controlpanel", **{
        "type_id": "IncomingDocument", "new_workflow": "simple_publication_workflow",
        "form.workflow.submitted": "1", "form.button.Save": "Save"}))
    assert "Văn bản đến" in text
    assert states(docs) == {k: k for k in docs}
    # a global chain the agencies' policies override changes nothing in them
    answer = post(f"{site}/portal_workflow/setChainForPortalTypes",
                  **{"pt_names:list": ["IncomingDocument"], "chain": SIMPLE_WF})
    assert answer.status_code in (200, 204), answer.text[:300]
    assert states(docs) == {k: k for k in docs}
