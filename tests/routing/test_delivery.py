"""Delivery between agencies: copies in the recipients' inboxes, accept or
return, edXML statuses back to the sender, recall."""

from domain_fixtures import outgoing
from domain_fixtures import pdf
from plone import api
from plone.app.testing import login
from qlvbdh_policy.agencies.workflow_policies import switch_policy
from qlvbdh_policy.routing import delivery
from qlvbdh_policy.routing import steps
from qlvbdh_policy.routing import trail
from qlvbdh_policy.routing.steps import RoutingForbidden
from routing_fixtures import copy_of
from routing_fixtures import issue_to
from routing_fixtures import make_province

import pytest


@pytest.fixture
def province(portal):
    return make_province(portal)


def state(doc):
    return api.content.get_state(doc)






def test_outgoing_path_and_delivery(portal, province):
    a, b = province
    doc = issue_to(portal, a, [b])
    assert state(doc) == "issued" and doc.code == "01/QĐ-STTTT"
    assert [e["action"] for e in trail.entries(doc)] == [
        "submit_review", "approve", "sign", "issue"]
    entry = delivery.deliveries(doc)[b.UID()]
    assert entry["status"] == delivery.ARRIVED
    copy = copy_of(doc, b)
    assert copy.aq_parent.getId() == "cho-tiep-nhan"
    assert state(copy) == "pending" and copy.arrival_number is None
    assert copy.code == "01/QĐ-STTTT" and copy.sender_name == a.title
    # the copy shares the sender's bytes
    assert copy.file._blob is doc.file._blob
    assert copy.file.filename == doc.file.filename
    assert copy["phu-luc.pdf"].file._blob is doc["phu-luc.pdf"].file._blob


def test_recipient_accepts_then_handles(portal, province):
    a, b = province
    doc = issue_to(portal, a, [b])
    login(portal, "vtb")
    copy = copy_of(doc, b)
    copy = delivery.accept(copy, b["den-2026"])
    assert copy.aq_parent == b["den-2026"]
    assert state(copy) == "registered" and copy.arrival_number == 1
    entry = delivery.deliveries(doc)[b.UID()]
    assert entry["status"] == delivery.ACCEPTED and entry["arrival_number"] == 1
    steps.simple_step(copy, "submit")
    login(portal, "ldb")
    steps.assign(copy, "cbb")
    assert delivery.deliveries(doc)[b.UID()]["status"] == delivery.ASSIGNED
    login(portal, "cbb")
    steps.start(copy)
    assert delivery.deliveries(doc)[b.UID()]["status"] == delivery.IN_PROGRESS
    steps.complete(copy, "Đã triển khai")
    assert delivery.deliveries(doc)[b.UID()]["status"] == delivery.COMPLETED


def test_a_copy_registered_from_paper_first_is_a_duplicate(portal, province):
    """The paper copy came first and was registered with another day of the
    year: accepting the electronic copy warns (Phụ lục VI III.1.h) until the
    clerk confirms."""
    from domain_fixtures import incoming
    from qlvbdh_policy.registers.registration import DuplicateFound

    import datetime

    a, b = province
    doc = issue_to(portal, a, [b])
    login(portal, "vtb")
    paper = incoming(b["den-2026"], code_number=str(doc.code_number),
                     code_notation=doc.code_notation.lower(), sender_name=a.title,
                     doc_date=datetime.date(2026, 1, 2))
    copy = copy_of(doc, b)
    with pytest.raises(DuplicateFound) as refused:
        delivery.accept(copy, b["den-2026"])
    assert refused.value.status == 409
    assert [d["@id"] for d in refused.value.extra["duplicates"]] == [paper.absolute_url()]
    assert "số đến 01" in str(refused.value) and "Vẫn vào sổ" in str(refused.value)
    assert state(copy) == "pending"
    copy = delivery.accept(copy, b["den-2026"], confirm_duplicate=True)
    assert state(copy) == "registered" and copy.arrival_number == 2


def test_other_agency_cannot_accept(portal, province):
    a, b = province
    doc = issue_to(portal, a, [b])
    login(portal, "vta")
    with pytest.raises(RoutingForbidden):
        delivery.accept(copy_of(doc, b), b["den-2026"])


def test_recipient_returns_with_reason(portal, province):
    a, b = province
    doc = issue_to(portal, a, [b])
    login(portal, "vtb")
    copy = copy_of(doc, b)
    delivery.return_document(copy, "Không thuộc thẩm quyền")
    assert state(copy) == "returned"
    entry = delivery.deliveries(doc)[b.UID()]
    assert entry["status"] == delivery.RETURNED
    assert entry["reason"] == "Không thuộc thẩm quyền"


def test_recall_freezes_and_marks_copies(portal, province):
    a, b = province
    doc = issue_to(portal, a, [b])
    login(portal, "lda")
    delivery.recall(doc, "Sai sót về thể thức")
    assert state(doc) == "recalled"
    assert not api.user.has_permission("Modify portal content", obj=doc)
    copy = copy_of(doc, b)
    assert state(copy) == "recalled"
    assert delivery.deliveries(doc)[b.UID()]["status"] == delivery.RECALLED


def test_switching_one_agency_to_the_simple_policy(portal, province):
    a, b = province
    from domain_fixtures import incoming
    login(portal, "vta")
    doc_a = incoming(a["den-2026"])
    steps.simple_step(doc_a, "submit")
    login(portal, "vtb")
    doc_b = incoming(b["den-2026"])
    steps.simple_step(doc_b, "submit")
    wftool = api.portal.get_tool("portal_workflow")
    chain_a = wftool.getChainFor(doc_a)
    history_a = dict(doc_a.workflow_history)
    with api.env.adopt_roles(["Manager"]):
        switch_policy(b, "qlvbdh_simple", {"submitted": "registered"})
    # agency a is untouched
    assert wftool.getChainFor(doc_a) == chain_a
    assert dict(doc_a.workflow_history) == history_a
    assert state(doc_a) == "submitted"
    # agency b's document keeps its place: submitted → registered, and the
    # clerk now assigns directly
    assert wftool.getChainFor(doc_b) == ("qlvbdh_incoming_simple_workflow",)
    assert state(doc_b) == "registered"
    login(portal, "vtb")
    steps.assign(doc_b, "cbb")
    assert state(doc_b) == "assigned"
    new = incoming(b["den-2026"])
    assert wftool.getChainFor(new) == ("qlvbdh_incoming_simple_workflow",)


def test_a_draft_without_its_file_is_not_signed(portal, province):
    """Signed without a file, a draft could never be issued: nobody may
    attach the file after signing (issue 17)."""
    from qlvbdh_policy.content.validation import StepRefused

    a, b = province
    login(portal, "xla")
    doc = outgoing(a["di-2026"], drafting_department=a["vp"].UID(),
                   recipients_internal=[b.UID()])
    doc.changeOwnership(api.user.get(userid="xla").getUser())
    doc.manage_setLocalRoles("xla", ["Owner"])
    steps.simple_step(doc, "submit_review")
    login(portal, "tpa")
    steps.simple_step(doc, "approve")
    login(portal, "lda")
    with pytest.raises(StepRefused) as refused:
        steps.simple_step(doc, "sign")
    assert refused.value.field == "file" and "trước khi ký" in str(refused.value)
    assert state(doc) == "signing"
    doc.file = pdf()
    steps.simple_step(doc, "sign")
    assert state(doc) == "signed"
