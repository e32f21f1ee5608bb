"""Site Setup's placeful policy mapping page (issue 22): every type is
listed (the documents, books, departments, inboxes, not only what is
addable at the site root), the mapping in force is what the page shows
selected, so saving it as shown changes nothing: not File/Image (bound to
no workflow), not the default workflow."""

from html_forms import form_of
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from routing_fixtures import make_province

import pytest
import requests
import transaction

PROJECT_TYPES = ("IncomingDocument", "OutgoingDocument", "Register", "Department", "Inbox",
                 "Agency", "CaseFile", "FilePlan")


@pytest.fixture
def site(server, server_url):
    portal = server["portal"]
    make_province(portal)
    transaction.commit()
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    return portal, server_url, session


def bindings(portal, policy_id):
    transaction.begin()  # what the server committed
    policy = api.portal.get_tool("portal_placeful_workflow").getWorkflowPolicyById(policy_id)
    types = api.portal.get_tool("portal_types").listContentTypes()
    return ({pt: policy.getChainFor(pt) for pt in types}, policy._default_chain)


@pytest.mark.parametrize("policy_id", ["qlvbdh_standard", "copy"])
def test_saving_the_mapping_as_shown_changes_nothing(site, policy_id):
    portal, site_url, session = site
    if policy_id == "copy":
        page = session.get(f"{site_url}/sttt/@@agency-changes", timeout=60)
        token = page.text.split('name="_authenticator" value="')[1].split('"')[0]
        session.post(f"{site_url}/@@workflow-policies-controlpanel", data={
            "_authenticator": token, "add": "1", "policy_id": "ban_sao",
            "policy_duplicate_id": "qlvbdh_standard"}, timeout=60)
        policy_id = "ban_sao"
    url = f"{site_url}/@@placeful-workflow-policy-mapping?wfpid={policy_id}"
    page = session.get(url, timeout=60)
    for portal_type in PROJECT_TYPES:
        assert f'id="select_workflow_{portal_type}"' in page.text, portal_type
    assert "Văn bản đến" in page.text  # the types and workflows in Vietnamese
    before = bindings(portal, policy_id)
    assert before[0]["IncomingDocument"] == ("qlvbdh_incoming_workflow",)
    if policy_id == "qlvbdh_standard":
        assert (before[0]["File"], before[1]) == ((), None)  # no workflow; the site's default
    _form, values = form_of(page)  # what the browser sends, to the form's action
    answer = session.post(f"{site_url}/@@placeful-workflow-policy-mapping",
                          data=values + [("submit", "Save")], timeout=60)
    assert answer.status_code == 200
    assert "không bị thay đổi" not in answer.text
    assert bindings(portal, policy_id) == before
