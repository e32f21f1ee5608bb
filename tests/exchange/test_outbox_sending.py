"""Issuing to organisations outside the province (exchange/sending.py): one
edXML message per recipient, read back by the edxml reader into the
document's fields (Vietnamese intact), a delivery row per recipient, kept
with the document; recall, update and replacement send BussinessDocType
1, 2, 3; a document that cannot be written to a recipient is not issued."""

from domain_fixtures import outgoing
from domain_fixtures import pdf
from exchange_fixtures import CODES
from exchange_fixtures import issue_outside
from exchange_fixtures import make_exchange
from exchange_fixtures import MINISTRY
from exchange_fixtures import PROVINCE
from plone import api
from plone.app.testing import login
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.edxml.reader import read_edoc
from qlvbdh_policy.exchange import outbox
from qlvbdh_policy.exchange import sending
from qlvbdh_policy.routing import delivery
from qlvbdh_policy.routing import steps
from qlvbdh_policy.routing import trail
from routing_fixtures import copy_of

import datetime
import pytest


def read_all(doc):
    return [(m, read_edoc(m.data())) for m in outbox.messages_for(doc)]


def test_issue_sends_one_message_per_recipient(functional):
    portal = functional["portal"]
    a, b = make_exchange(portal)
    doc = issue_outside(portal, a, internal=[b], urgency="khan",
                        signer_name="Trần Văn Lãnh Đạo", signer_position="Giám đốc",
                        due_date=datetime.date(2026, 12, 31))
    assert copy_of(doc, b) is not None  # the province's agency still gets its copy
    sent = read_all(doc)
    assert [m.recipient_code for m, _e in sent] == [MINISTRY[0], PROVINCE[0]]
    assert [m.id for m in outbox.pending(portal)] == [m.id for m, _e in sent]
    expected_id = f"{CODES['sttt']},{doc.issued_date:%Y/%m/%d},{doc.code}"
    for message, edoc in sent:
        assert message.document_id == edoc.document_id == expected_id
        assert message.business_type == 0 and edoc.business.doc_type == 0
        assert edoc.sender.organ_id == CODES["sttt"]
        assert edoc.sender.organ_name == "Sở Thông tin và Truyền thông"
        assert edoc.sender.organ_add == "Số 23 đường 30/4, phường 1, TP Mỹ Tho"
        assert edoc.subject == "Quyết định về việc cử cán bộ đi học"
        assert edoc.code == doc.code and edoc.promulgation_date == doc.issued_date
        assert edoc.doc_type_name == "Quyết định (cá biệt)" and edoc.place == "Tiền Giang"
        assert edoc.signer.full_name == "Trần Văn Lãnh Đạo"
        assert edoc.due_date == datetime.date(2026, 12, 31)
        assert edoc.other_info.priority == 1  # khẩn
        assert edoc.to_places == [MINISTRY[1], PROVINCE[1]]
        assert [a.name for a in edoc.attachments] == ["Quyết định số 05.pdf", "Phụ lục.pdf"]
        assert edoc.attachments[0].data == doc.file.data
        assert edoc.business.staff.staff == "Nguyễn Thị Văn Thư"  # the clerk who issued
    by_code = {e.recipients[0].organ_id: e.recipients[0] for _m, e in sent}
    assert by_code[MINISTRY[0]].organ_name == "Bộ Thông tin và Truyền thông"
    assert by_code[PROVINCE[0]].organ_add == "Số 61 Nguyễn Huệ, Tân An"
    rows = sending.external_rows(doc)
    assert {c: r["status"] for c, r in rows.items()} == {
        MINISTRY[0]: delivery.QUEUED, PROVINCE[0]: delivery.QUEUED}
    assert rows[PROVINCE[0]]["agency_title"] == "Ủy ban nhân dân tỉnh Long An"
    assert trail.entries(doc)[-1]["action"] == "edxml_sent"


def test_signer_info_from_the_signing_leader_chosen(functional):
    """Only "Lãnh đạo ký" chosen (no typed name): SignerInfo still names
    the leader, with the position and the competence the draft gives."""
    portal = functional["portal"]
    a, _b = make_exchange(portal)
    doc = issue_outside(portal, a, codes=(MINISTRY[0],), signer="lda",
                        signer_position="Phó Giám đốc", signer_competence="KT. GIÁM ĐỐC")
    (_message, edoc), = read_all(doc)
    assert (edoc.signer.competence, edoc.signer.position, edoc.signer.full_name) == (
        "KT. GIÁM ĐỐC", "Phó Giám đốc", "Trần Văn Lãnh Đạo")
    assert edoc.doc_type_detail is None and edoc.doc_type_name == "Quyết định (cá biệt)"


def test_not_issued_without_code_or_to_an_unknown_organisation(functional):
    portal = functional["portal"]
    a, _b = make_exchange(portal)
    with pytest.raises(RefusedValue) as refused:
        issue_outside(portal, a, codes=["000.00.00.Z99"])
    assert refused.value.field == "recipients_edxml"
    a.agency_code = None
    with pytest.raises(RefusedValue) as refused:
        issue_outside(portal, a)
    assert refused.value.field == "agency_code"
    assert outbox.pending_count(portal) == 0


def test_recall_update_replacement(functional):
    portal = functional["portal"]
    a, _b = make_exchange(portal)
    doc = issue_outside(portal, a)
    before = len(outbox.messages_for(doc))

    sending.send_update(doc, "Sửa trích yếu cho đúng", title="Quyết định về việc cử công chức "
                        "đi bồi dưỡng", due_date="15/01/2027")
    updates = read_all(doc)[before:]
    assert [e.business.doc_type for _m, e in updates] == [2, 2]
    assert updates[0][1].business.reason == "Sửa trích yếu cho đúng"
    assert updates[0][1].subject == "Quyết định về việc cử công chức đi bồi dưỡng"
    assert updates[0][1].due_date == datetime.date(2027, 1, 15)
    assert doc.title == "Quyết định về việc cử công chức đi bồi dưỡng"
    assert trail.entries(doc)[-1]["action"] == "edxml_update"
    with pytest.raises(RefusedValue):  # nothing new: refused, nothing sent
        sending.send_update(doc, "Lần nữa", title=doc.title)
    login(portal, "xla")  # a drafter may not
    with pytest.raises(RefusedValue):
        sending.send_update(doc, "Sửa", title="Khác")
    assert len(outbox.messages_for(doc)) == before + 2

    # a later document replaces it: its recipients get BussinessDocType 3
    login(portal, "xla")
    new = outgoing(a["di-2026"], file=pdf("Quyết định thay thế.pdf"),
                   drafting_department=a["vp"].UID(), replaces=doc.UID(),
                   recipients_edxml=[MINISTRY[0]], title="Quyết định thay thế")
    with api.env.adopt_roles(["Manager"]):
        for step in ("submit_review", "approve", "sign", "issue"):
            steps.simple_step(new, step)
    [(message, replacement)] = read_all(new)
    assert message.business_type == 3 and replacement.business.doc_type == 3
    [info] = replacement.business.replacements
    assert info.document_id == outbox.messages_for(doc)[0].document_id
    assert sorted(info.organ_ids) == sorted([MINISTRY[0], PROVINCE[0]])
    assert trail.entries(doc)[-1]["action"] == "edxml_replaced_by"

    # recall: BussinessDocType 1 to each, without the files
    login(portal, "vta")
    delivery.recall(doc, "Ban hành nhầm")
    recalls = [(m, e) for m, e in read_all(doc) if m.business_type == 1]
    assert [m.recipient_code for m, _e in recalls] == [MINISTRY[0], PROVINCE[0]]
    assert all(e.business.reason == "Ban hành nhầm" and not e.attachments for _m, e in recalls)
    assert sending.external_rows(doc)[MINISTRY[0]]["change"] == 1
