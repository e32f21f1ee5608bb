"""Following documents through plone.restapi, as the people who act:
arrival to filing, draft to delivery and back-status, refusals as JSON."""

from clock import TEST_TODAY
from rest_client import call
from routing_fixtures import make_province
from routing_fixtures import PASSWORD
from test_restapi_registration import incoming_body
from test_restapi_registration import upload

import datetime
import pytest
import requests
import transaction

JSON = {"Accept": "application/json"}
DUE = (TEST_TODAY + datetime.timedelta(days=7)).isoformat()


@pytest.fixture
def site(server, server_url):
    make_province(server["portal"])
    transaction.commit()
    return server_url




def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def test_incoming_from_arrival_to_filing(site):
    doc = ok(call("POST", f"{site}/sttt/den-2026", "vta", incoming_body()), 201)
    url = doc["@id"]
    assert doc["arrival_number"] == 1 and doc["review_state"] == "registered"
    ok(call("POST", f"{url}/@workflow/submit", "vta"))
    refused = call("POST", f"{url}/@assign", "vta", {"handler": "xla"})
    assert refused.status_code == 403
    assert "Phân công" in refused.json()["message"] or "phân công" in refused.json()["message"]
    bad = call("POST", f"{url}/@assign", "lda", {"handler": "cbb"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "handler"
    bad_date = call("POST", f"{url}/@assign", "lda", {"handler": "xla", "due_date": "31/12/2026"})
    assert bad_date.status_code == 400 and bad_date.json()["errors"][0]["field"] == "due_date"
    assert "31/12/2026" in bad_date.json()["message"] and "yyyy-mm-dd" in bad_date.json()["message"]
    info = ok(call("POST", f"{url}/@assign", "lda", {
        "handler": "xla", "co_handlers": ["pha"], "informed": ["dba"],
        "due_date": DUE, "instruction": "Tham mưu trả lời trước hạn",
    }))
    assert info["review_state"] == "assigned" and info["due_date"] == DUE
    assert {(a["principal"], a["role"]) for a in info["assignments"]} == {
        ("xla", "Handler"), ("pha", "CoHandler"), ("dba", "Informed")}
    ok(call("POST", f"{url}/@workflow/start", "xla"))
    missing = call("POST", f"{url}/@complete", "xla", {"result": " "})
    assert missing.status_code == 400 and missing.json()["errors"][0]["field"] == "result"
    ok(call("POST", f"{url}/@complete", "xla", {"result": "Đã trả lời bằng văn bản"}))
    ok(call("POST", f"{url}/@workflow/file", "xla"))
    info = ok(call("GET", f"{url}/@routing", "lda"))
    assert info["review_state"] == "filed"
    assert [e["action"] for e in info["trail"]] == ["submit", "assign", "start", "complete", "file"]
    assert info["trail"][1]["to"] == [{"id": "xla", "title": "Lê Minh Hiếu"}]
    # someone not involved reads nothing
    assert call("GET", url, "cba").status_code == 403
    assert call("GET", url, "cbb").status_code == 403


def test_outgoing_from_draft_to_delivery_and_back_status(site):
    agencies = ok(call("GET", f"{site}/@search?portal_type=Agency&metadata_fields=UID", "vta"))
    uid = {i["@id"].rsplit("/", 1)[1]: i["UID"] for i in agencies["items"]}
    sttt = ok(call("GET", f"{site}/sttt/vp", "xla"))
    draft = ok(call("POST", f"{site}/sttt/di-2026", "xla", {
        "@type": "OutgoingDocument", "title": "Công văn về việc báo cáo chuyển đổi số",
        "doc_type": "cong_van", "file": upload("cv.pdf"),
        "drafting_department": sttt["UID"], "recipients_internal": [uid["ubndcb"]],
    }), 201)
    url = draft["@id"]
    ok(call("POST", f"{url}/@workflow/submit_review", "xla"))
    ok(call("POST", f"{url}/@workflow/approve", "tpa"))
    ok(call("POST", f"{url}/@workflow/sign", "lda"))
    assert call("POST", f"{url}/@issue", "xla").status_code == 403
    info = ok(call("POST", f"{url}/@issue", "vta"))
    assert info["review_state"] == "issued"
    [delivered] = info["deliveries"]
    assert delivered["status"] == "01" and delivered["status_title"] == "Đã đến"
    # the recipient's clerk finds it waiting and accepts it
    waiting = ok(call("GET", f"{site}/ubndcb/cho-tiep-nhan/@search?review_state=pending", "vtb"))
    assert waiting["items_total"] == 1
    copy_url = waiting["items"][0]["@id"]
    # its paper original came first, registered with another day of the year
    copy = ok(call("GET", copy_url, "vtb"))
    paper = ok(call("POST", f"{site}/ubndcb/den-2026", "vtb", {
        "@type": "IncomingDocument", "title": copy["title"], "doc_type": "cong_van",
        "code_number": str(copy["code_number"]), "code_notation": copy["code_notation"],
        "sender_name": copy["sender_name"], "doc_date": "2026-01-02"}), 201)
    twice = call("POST", f"{copy_url}/@accept", "vtb", {"register": "den-2026"})
    assert twice.status_code == 409, twice.text
    assert twice.json()["type"] == "Conflict"
    assert [d["@id"] for d in twice.json()["duplicates"]] == [paper["@id"]]
    assert twice.json()["errors"][0]["field"] == "confirm_duplicate"
    accepted = ok(call("POST", f"{copy_url}/@accept", "vtb",
                       {"register": "den-2026", "confirm_duplicate": True}))
    assert accepted["arrival_number"] == 2
    status = ok(call("GET", f"{url}/@routing", "vta"))["deliveries"][0]
    assert status["status"] == "03" and status["arrival_number"] == 2
    # recall freezes the document and marks the copy
    no_reason = call("POST", f"{url}/@recall", "lda", {"reason": ""})
    assert no_reason.status_code == 400 and no_reason.json()["errors"][0]["field"] == "reason"
    ok(call("POST", f"{url}/@recall", "lda", {"reason": "Sai thể thức"}))
    status = ok(call("GET", f"{url}/@routing", "vta"))["deliveries"][0]
    assert status["status"] == "13" and status["status_title"] == "Thu hồi"
    copy = ok(call("GET", accepted["document"], "vtb"))
    assert copy["review_state"] == "recalled"


def test_recipient_returns_through_rest(site):
    agencies = ok(call("GET", f"{site}/@search?portal_type=Agency&metadata_fields=UID", "vta"))
    uid = {i["@id"].rsplit("/", 1)[1]: i["UID"] for i in agencies["items"]}
    draft = ok(call("POST", f"{site}/sttt/di-2026", "vta", {
        "@type": "OutgoingDocument", "title": "Giấy mời họp giao ban",
        "doc_type": "giay_moi", "file": upload("gm.pdf"), "recipients_internal": [uid["ubndcb"]],
    }), 201)
    url = draft["@id"]
    ok(call("POST", f"{url}/@workflow/submit_review", "vta"))
    for step, user in (("approve", "lda"), ("sign", "lda")):
        ok(call("POST", f"{url}/@workflow/{step}", user))
    ok(call("POST", f"{url}/@issue", "vta"))
    waiting = ok(call("GET", f"{site}/ubndcb/cho-tiep-nhan/@search?review_state=pending", "vtb"))
    copy_url = waiting["items"][0]["@id"]
    assert call("POST", f"{copy_url}/@return", "vtb", {}).status_code == 400
    ok(call("POST", f"{copy_url}/@return", "vtb", {"reason": "Gửi nhầm cơ quan"}))
    status = ok(call("GET", f"{url}/@routing", "vta"))["deliveries"][0]
    assert status["status"] == "02" and status["reason"] == "Gửi nhầm cơ quan"


def test_site_manager_edits_policies_through_the_web(site):
    """The policies are in Site Setup; each agency's policy is set on its
    own “Workflow policy” page; agency staff cannot reach either."""
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    owner = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    page = requests.get(f"{site}/@@workflow-policies-controlpanel", auth=owner, timeout=60)
    assert page.status_code == 200
    assert "qlvbdh_standard" in page.text and "qlvbdh_simple" in page.text
    config = requests.get(f"{site}/sttt/@@placeful-workflow-configuration", auth=owner,
                          timeout=60)
    assert config.status_code == 200 and "qlvbdh_standard" in config.text
    mapping = requests.get(
        f"{site}/@@placeful-workflow-policy-mapping?wfpid=qlvbdh_simple", auth=owner,
        timeout=60)
    assert mapping.status_code == 200 and "qlvbdh_incoming_simple_workflow" in mapping.text
    for user in ("vta", "qta"):
        denied = requests.get(f"{site}/@@workflow-policies-controlpanel",
                              auth=(user, PASSWORD), timeout=60, allow_redirects=False)
        assert denied.status_code in (302, 401, 403)
