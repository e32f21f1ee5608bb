"""What the receiving agency reports back (Quyết định 28/2018/QĐ-TTg Điều 9
khoản 2): 01 as the document lands, 02–06 as it moves through the
agency's workflow, each written by the edXML writer into the outbox and
read back by the reader; and the sender's recall, update and replacement
(15 at once before acceptance, the clerk's 15 or 16 after)."""

from inbox_fixtures import change_message as message
from inbox_fixtures import NEW
from inbox_fixtures import receiving
from inbox_fixtures import sample
from inbox_fixtures import statuses
from inbox_fixtures import VPCP_ID
from inbox_fixtures import waiting
from plone import api
from plone.app.testing import login
from qlvbdh_policy.exchange import changes
from qlvbdh_policy.exchange import receiving as R
from qlvbdh_policy.routing import delivery
from qlvbdh_policy.routing import steps
from qlvbdh_policy.routing import trail

import pytest


def codes(doc):
    return [code for code, _status in statuses(doc)]


def test_each_step_of_the_receiving_agency_is_reported(functional):
    portal = functional["portal"]
    a, _b = receiving(portal)
    _result, doc = R.receive(a, sample(NEW))
    login(portal, "vta")
    doc = delivery.accept(doc, a["den-2026"])
    steps.simple_step(doc, "submit")
    login(portal, "lda")
    steps.assign(doc, "xla")
    login(portal, "xla")
    steps.start(doc)
    steps.complete(doc, "Đã triển khai kết nối")
    assert codes(doc) == ["01", "03", "04", "05", "06"]
    reported = dict(statuses(doc))
    for status in reported.values():
        assert status.sender.organ_id == "000.00.00.H41" and status.sender.organ_name == a.title
        assert status.response_for.document_id == VPCP_ID
        assert status.response_for.organ_id == "000.00.00.G22"
        assert status.response_for.code == "7816/VPCP-TTĐT"
    assert reported["03"].staff.staff == "Nguyễn Thị Văn Thư"
    assert reported["06"].staff.staff == "Lê Minh Hiếu"
    assert reported["05"].description == "Đang xử lý"


def test_a_refusal_is_reported_with_its_reason(functional):
    portal = functional["portal"]
    a, _b = receiving(portal)
    _result, doc = R.receive(a, sample(NEW))
    login(portal, "vta")
    delivery.return_document(doc, "Không thuộc thẩm quyền của Sở")
    assert codes(doc) == ["01", "02"]
    assert dict(statuses(doc))["02"].description.endswith(": Không thuộc thẩm quyền của Sở")


def test_an_internal_delivery_reports_nothing_to_the_hub(functional):
    from routing_fixtures import copy_of
    from routing_fixtures import issue_to

    portal = functional["portal"]
    a, b = receiving(portal)
    copy = copy_of(issue_to(portal, a, [b]), b)
    login(portal, "vtb")
    delivery.accept(copy, b["den-2026"])
    assert statuses(copy) == []


def test_a_recall_before_acceptance_withdraws_the_document(functional):
    portal = functional["portal"]
    a, _b = receiving(portal)
    _result, doc = R.receive(a, sample(NEW))
    result, recalled = R.receive(a, sample("edoc_revocation.edxml"))
    assert (result, recalled) == (changes.AGREED, doc)
    assert api.content.get_state(doc) == "recalled" and codes(doc) == ["01", "15"]
    assert dict(statuses(doc))["15"].description.startswith("Đồng ý")


def test_after_acceptance_the_clerk_agrees_or_refuses(functional):
    portal = functional["portal"]
    a, _b = receiving(portal)
    _result, doc = R.receive(a, sample(NEW))
    login(portal, "vta")
    doc = delivery.accept(doc, a["den-2026"])
    result, _doc = R.receive(a, message(1, "Ban hành nhầm"))
    assert result == changes.WAITING and api.content.get_state(doc) == "registered"
    assert trail.entries(doc)[-1]["action"] == "edxml_change_request"
    login(portal, "xla")
    with pytest.raises(changes.ChangeForbidden):
        changes.agree(doc)
    login(portal, "vta")
    with pytest.raises(steps.RoutingRefused):
        changes.refuse(doc, " ")
    changes.refuse(doc, "Văn bản đã được triển khai")
    assert codes(doc) == ["01", "03", "16"]
    assert dict(statuses(doc))["16"].description.endswith(": Văn bản đã được triển khai")
    with pytest.raises(changes.NoChangeWaiting):
        changes.agree(doc)
    R.receive(a, message(1, "Ban hành nhầm"))
    changes.agree(doc)
    assert api.content.get_state(doc) == "recalled" and codes(doc)[-1] == "15"


def test_an_update_changes_the_fields_and_files(functional):
    portal = functional["portal"]
    a, _b = receiving(portal)
    _result, doc = R.receive(a, sample(NEW))
    R.receive(a, message(2, "Sửa trích yếu", subject="V/v kết nối liên thông (sửa đổi)"))
    assert doc.title == "V/v kết nối liên thông (sửa đổi)" and codes(doc) == ["01", "15"]
    assert api.content.get_state(doc) == "pending" and waiting(a) == [doc]
    assert doc.edxml_info["business_reason"] == "Sửa trích yếu"


def test_a_replacement_lands_and_withdraws_the_one_replaced(functional):
    """edoc_replacement.edxml replaces 7806 with 7816 for H41 and H14."""
    portal = functional["portal"]
    a, _b = receiving(portal)
    old_id = "000.00.00.G22,2014/01/30,7806/VPCP-TTĐT"
    old_message = message(0, "Văn bản điện tử mới", document_id=old_id, code_number="7806")
    _result, old = R.receive(a, old_message)
    result, new = R.receive(a, sample("edoc_replacement.edxml"))
    assert result == changes.AGREED and new.edxml_document_id == VPCP_ID
    assert api.content.get_state(old) == "recalled" and codes(old) == ["01", "15"]
    assert api.content.get_state(new) == "pending" and codes(new) == ["01"]


def test_a_recall_of_a_document_never_received_is_refused(functional):
    portal = functional["portal"]
    a, _b = receiving(portal)
    with pytest.raises(changes.ChangeRefused) as refusal:
        R.receive(a, sample("edoc_revocation.edxml"))
    assert refusal.value.status == 404 and refusal.value.field == "DocumentId"
