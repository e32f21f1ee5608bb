"""A status message from a recipient outside the province (Quyết định
28/2018/QĐ-TTg Điều 9; QCVN 102:2016/BTTTT): the sender's delivery table
shows what became of the document there.

The document is found by ResponseFor/DocumentId (``OrganId,yyyy/MM/dd,
số/ký hiệu``, the one this site wrote when it sent it; without one, by
ResponseFor's OrganId, PromulgationDate and Code), the recipient by
From/OrganId, which must be one the document was sent to. The row takes
the code as it came: 01 đã đến, 02 từ chối tiếp nhận (with the reason),
03 đã tiếp nhận, 04 đã phân công, 05 đang xử lý, 06 hoàn thành, and 15/16
the answer to a recall or an update; the status before an answer 15/16 is
kept (``previous_status``). Each status goes into the document's trail.

Anything else is refused (``StatusRefused``, nothing changed): a document
this site never sent, a sender it was not sent to, 13 (the sender's own
recall, no recipient's status); and a status that would take the row
backwards (03 then 02, 05 then 04: ``rules/edxml_status_order``) is
refused with 409 (``StatusOutOfOrder``), the row left as it is.
"""

from plone.app.uuid.utils import uuidToObject
from qlvbdh_policy import _
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.edxml import codes
from qlvbdh_policy.edxml.message import document_id as make_document_id
from qlvbdh_policy.exchange import outbox
from qlvbdh_policy.exchange import sending
from qlvbdh_policy.routing import delivery
from qlvbdh_policy.routing import trail
from qlvbdh_policy.rules import edxml_status_order

MSG_UNKNOWN_DOCUMENT = _("The status answers the document ${document_id}, which this "
                         "system did not send (ResponseFor/DocumentId).")
MSG_NO_DOCUMENT_ID = _("The status names no document: ResponseFor needs its DocumentId, "
                       "or its OrganId, PromulgationDate and Code.")
MSG_NOT_RECIPIENT = _("The document ${document_id} was not sent to the organisation "
                      "${organ_id} (From/OrganId).")
MSG_NOT_RECIPIENT_STATUS = _("The status code ${code} is not one a recipient reports "
                             "(StatusCode).")

#: StatusCode → the delivery table's status
ROW_STATUS = {
    codes.STATUS_ARRIVED: delivery.ARRIVED,
    codes.STATUS_REFUSED: delivery.RETURNED,
    codes.STATUS_ACCEPTED: delivery.ACCEPTED,
    codes.STATUS_ASSIGNED: delivery.ASSIGNED,
    codes.STATUS_PROCESSING: delivery.IN_PROGRESS,
    codes.STATUS_DONE: delivery.COMPLETED,
    codes.STATUS_CHANGE_AGREED: delivery.CHANGE_AGREED,
    codes.STATUS_CHANGE_REFUSED: delivery.CHANGE_REFUSED,
}
CHANGE_ANSWERS = (codes.STATUS_CHANGE_AGREED, codes.STATUS_CHANGE_REFUSED)
#: the delivery row's status → the StatusCode that set it (01–06)
CODE_OF_ROW = {row: code for code, row in ROW_STATUS.items() if code not in CHANGE_ANSWERS}


class StatusRefused(RefusedValue):
    """A status message that updates nothing (HTTP 400, the field named)."""


class StatusOutOfOrder(StatusRefused):
    """A status that would take the row backwards (HTTP 409)."""

    status = 409
    error_type = "Conflict"


def last_code(row):
    """The StatusCode 01–06 the row shows (before an answer 15/16), or None."""
    status = row.get("status")
    if status in (delivery.CHANGE_AGREED, delivery.CHANGE_REFUSED):
        status = row.get("previous_status")
    return CODE_OF_ROW.get(status)


def _document_id(answer):
    if answer is None:
        return None
    if answer.document_id:
        return answer.document_id
    if answer.organ_id and answer.promulgation_date and answer.code:
        return make_document_id(answer.organ_id, answer.promulgation_date, answer.code)
    return None


def find_document(site, status_message):
    """The outgoing document the status answers.

    :raises: StatusRefused naming ResponseFor/DocumentId"""
    document_id = _document_id(status_message.response_for)
    if not document_id:
        raise StatusRefused(MSG_NO_DOCUMENT_ID, {}, "ResponseFor/DocumentId")
    uid = outbox.sent_document_uid(site, document_id)
    document = uuidToObject(uid, unrestricted=True) if uid else None
    if document is None:
        raise StatusRefused(MSG_UNKNOWN_DOCUMENT, {"document_id": document_id},
                            "ResponseFor/DocumentId")
    return document, document_id


def consume(site, status_message):
    """Update the recipient's row of the document the status answers;
    returns the document.

    :raises: StatusRefused, nothing changed"""
    code = status_message.status_code
    if code not in ROW_STATUS:
        raise StatusRefused(MSG_NOT_RECIPIENT_STATUS, {"code": code or ""}, "StatusCode")
    document, document_id = find_document(site, status_message)
    organ_id = (status_message.sender.organ_id or "").strip() \
        if status_message.sender is not None else ""
    row = sending.external_rows(document).get(organ_id)
    if row is None:
        raise StatusRefused(MSG_NOT_RECIPIENT, {"document_id": document_id,
                                                "organ_id": organ_id}, "From/OrganId")
    refusal = edxml_status_order.backwards(last_code(row), code)
    if refusal is not None:
        raise StatusOutOfOrder(refusal.msgid, refusal.mapping, refusal.field, refusal.rule)
    description = status_message.description or ""
    details = {"status_time": status_message.timestamp, "description": description}
    if code == codes.STATUS_REFUSED:
        details["reason"] = description
    if code in CHANGE_ANSWERS:
        answered = row.get("status") in (delivery.CHANGE_AGREED, delivery.CHANGE_REFUSED)
        details["previous_status"] = row.get("previous_status") if answered \
            else row.get("status")
    staff = status_message.staff
    if staff is not None and staff.staff:
        details["staff"] = staff.staff
    sending.set_row(document, organ_id, ROW_STATUS[code], **details)
    trail.record(document, "edxml_status", description, organ_id=organ_id,
                 organisation=row.get("agency_title") or organ_id, status=code,
                 document_id=document_id)
    document.reindexObject(idxs=[delivery.FEEDBACK_INDEX])
    return document
