"""Statuses from recipients outside the province (exchange/status_in.py,
Quyết định 28/2018/QĐ-TTg): each updates that recipient's row of the
delivery table and the document's trail; a status about a document this
site never sent, or from an organisation it was not sent to, is refused
and changes nothing."""

from exchange_fixtures import issue_outside
from exchange_fixtures import make_exchange
from exchange_fixtures import MINISTRY
from exchange_fixtures import PROVINCE
from qlvbdh_policy.edxml.message import Organization
from qlvbdh_policy.edxml.message import ResponseFor
from qlvbdh_policy.edxml.message import split_document_id
from qlvbdh_policy.edxml.message import StaffInfo
from qlvbdh_policy.edxml.message import Status
from qlvbdh_policy.edxml.reader import read_status
from qlvbdh_policy.edxml.writer import write_status
from qlvbdh_policy.exchange import outbox
from qlvbdh_policy.exchange import sending
from qlvbdh_policy.exchange import status_in
from qlvbdh_policy.routing import delivery
from qlvbdh_policy.routing import trail

import datetime
import pytest


def status(doc_id, organ_id, code, description=""):
    """As the hub brings it: written and read again."""
    organ, day, code_text = split_document_id(doc_id)
    message = Status(sender=Organization(organ_id=organ_id, organ_name="Bên nhận"),
                     response_for=ResponseFor(organ_id=organ, code=code_text,
                                              promulgation_date=day, document_id=doc_id),
                     staff=StaffInfo(staff="Lê Văn Thư"), status_code=code,
                     description=description,
                     timestamp=datetime.datetime(2026, 11, 21, 8, 0, 0))
    return read_status(write_status(message))


def test_statuses_update_the_row(functional):
    portal = functional["portal"]
    a, _b = make_exchange(portal)
    doc = issue_outside(portal, a)
    doc_id = outbox.messages_for(doc)[0].document_id

    def row(code):
        return sending.external_rows(doc)[code]

    status_in.consume(portal, status(doc_id, MINISTRY[0], "01", "Đã đến"))
    assert row(MINISTRY[0])["status"] == delivery.ARRIVED and row(MINISTRY[0])["delivered"]
    status_in.consume(portal, status(doc_id, MINISTRY[0], "03"))
    assert row(MINISTRY[0])["status"] == delivery.ACCEPTED and row(MINISTRY[0])["acknowledged"]
    status_in.consume(portal, status(doc_id, PROVINCE[0], "02", "Không đúng thẩm quyền"))
    assert row(PROVINCE[0])["status"] == delivery.RETURNED
    assert row(PROVINCE[0])["reason"] == "Không đúng thẩm quyền"
    for code, expected in (("04", delivery.ASSIGNED), ("05", delivery.IN_PROGRESS),
                           ("06", delivery.COMPLETED)):
        status_in.consume(portal, status(doc_id, MINISTRY[0], code))
        assert row(MINISTRY[0])["status"] == expected
    last = trail.entries(doc)[-1]
    assert (last["action"], last["organ_id"], last["status"]) == ("edxml_status", MINISTRY[0],
                                                                  "06")
    assert last["organisation"] == MINISTRY[1]

    # the answer to a recall keeps what came before it
    delivery.recall(doc, "Ban hành nhầm")
    status_in.consume(portal, status(doc_id, MINISTRY[0], "15", "Đồng ý thu hồi"))
    assert row(MINISTRY[0])["status"] == delivery.CHANGE_AGREED
    assert row(MINISTRY[0])["previous_status"] == delivery.COMPLETED
    status_in.consume(portal, status(doc_id, MINISTRY[0], "16", "Đã xử lý xong"))
    assert row(MINISTRY[0])["status"] == delivery.CHANGE_REFUSED
    assert row(MINISTRY[0])["previous_status"] == delivery.COMPLETED


def test_refused_statuses_change_nothing(functional):
    portal = functional["portal"]
    a, _b = make_exchange(portal)
    doc = issue_outside(portal, a, codes=[MINISTRY[0]])
    doc_id = outbox.messages_for(doc)[0].document_id
    before = (dict(sending.external_rows(doc)), len(trail.entries(doc)))

    with pytest.raises(status_in.StatusRefused) as refused:
        status_in.consume(portal, status("000.00.32.H55,2026/01/01,99/QĐ-STTTT",
                                         MINISTRY[0], "03"))
    assert refused.value.field == "ResponseFor/DocumentId"
    assert "99/QĐ-STTTT" in str(refused.value)
    with pytest.raises(status_in.StatusRefused) as refused:
        status_in.consume(portal, status(doc_id, PROVINCE[0], "03"))
    assert refused.value.field == "From/OrganId"
    with pytest.raises(status_in.StatusRefused) as refused:
        status_in.consume(portal, status(doc_id, MINISTRY[0], "13"))
    assert refused.value.field == "StatusCode"
    assert (dict(sending.external_rows(doc)), len(trail.entries(doc))) == before


def test_a_status_out_of_order_is_refused(functional):
    """01, 03, then 02 (the hub's messages crossing): the row stays accepted."""
    portal = functional["portal"]
    a, _b = make_exchange(portal)
    doc = issue_outside(portal, a, codes=[MINISTRY[0]])
    doc_id = outbox.messages_for(doc)[0].document_id

    def row():
        return sending.external_rows(doc)[MINISTRY[0]]

    status_in.consume(portal, status(doc_id, MINISTRY[0], "01"))
    status_in.consume(portal, status(doc_id, MINISTRY[0], "03"))
    before = (dict(row()), len(trail.entries(doc)))
    for late in ("02", "01"):
        with pytest.raises(status_in.StatusOutOfOrder) as refused:
            status_in.consume(portal, status(doc_id, MINISTRY[0], late, "Từ chối"))
        assert refused.value.field == "StatusCode" and refused.value.status == 409
        assert f"Trạng thái {late}" in str(refused.value) and "03" in str(refused.value)
    assert (dict(row()), len(trail.entries(doc))) == before
    assert row()["status"] == delivery.ACCEPTED
    status_in.consume(portal, status(doc_id, MINISTRY[0], "03"))  # the same again: harmless
    status_in.consume(portal, status(doc_id, MINISTRY[0], "05"))
    with pytest.raises(status_in.StatusOutOfOrder):
        status_in.consume(portal, status(doc_id, MINISTRY[0], "04"))
    # an answer to a recall keeps the rank of what came before it
    delivery.recall(doc, "Ban hành nhầm")
    status_in.consume(portal, status(doc_id, MINISTRY[0], "15"))
    with pytest.raises(status_in.StatusOutOfOrder):
        status_in.consume(portal, status(doc_id, MINISTRY[0], "04"))
    status_in.consume(portal, status(doc_id, MINISTRY[0], "06"))
    assert row()["status"] == delivery.COMPLETED
