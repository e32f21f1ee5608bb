"""The statuses a receiving agency reports to the sender of a document it
received as an edXML message (Quyết định 28/2018/QĐ-TTg Điều 9 khoản 2,
Điều 10 khoản 2 điểm h; QCVN 102:2016/BTTTT status message): 01 đã đến as
it lands, then as the document moves through the agency's workflow 02 từ
chối tiếp nhận (with the reason), 03 đã tiếp nhận, 04 đã phân công, 05 đang
xử lý, 06 hoàn thành; 15 and 16 answer a recall, update or replacement
(``changes``). Each is written by the edXML writer and queued in the
outbox for the sender's identification code.

The workflow's steps are the ones internal delivery reports
(``routing.delivery.STATUS_OF_TRANSITION``), its recall left out: a
received document is recalled by its sender, who is answered 15.
"""

from plone import api
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.edxml import codes
from qlvbdh_policy.edxml.message import Organization
from qlvbdh_policy.edxml.message import ResponseFor
from qlvbdh_policy.edxml.message import StaffInfo
from qlvbdh_policy.edxml.message import Status
from qlvbdh_policy.edxml.writer import write_status
from qlvbdh_policy.exchange import outbox
from qlvbdh_policy.routing.delivery import STATUS_OF_TRANSITION
from qlvbdh_policy.timeutil import vietnam_now
from qlvbdh_policy.vietnamese import in_vietnamese

#: workflow transition → status code reported
CODE_OF_TRANSITION = {transition: code for transition, code in STATUS_OF_TRANSITION.items()
                      if code in codes.STATUS_CODES and code != codes.STATUS_RECALLED}


def received(doc):
    """Whether ``doc`` came as an edXML message."""
    return bool(getattr(doc, "edxml_document_id", None))


def agency_organization(agency):
    """From: the agency by its identification code and contact data."""
    return Organization(
        organ_id=getattr(agency, "agency_code", None) or None,
        organ_name=agency.title, organization_in_charge=agency.title,
        organ_add=getattr(agency, "address", None) or None,
        email=getattr(agency, "email", None) or None,
        telephone=getattr(agency, "phone", None) or None)


def staff_info(agency):
    """StaffInfo: the person whose step it is (none for the system's own)."""
    user = api.user.get_current()
    if user is None or api.user.is_anonymous():
        return None
    name = user.getProperty("fullname", "") or user.getId()
    return StaffInfo(department=agency.title if agency is not None else None, staff=name,
                     email=user.getProperty("email", "") or None)


def status_message(doc, code, reason=None, timestamp=None):
    """The Status of ``code`` about ``doc`` (its DocumentId, the sender's
    code, its number and date as received)."""
    agency = agency_of(doc)
    description = in_vietnamese(codes.STATUS_TITLES[code])
    if reason:
        description = f"{description}: {reason}"
    info = getattr(doc, "edxml_info", None) or {}
    sender = (info.get("sender") or {}).get("organ_id") or doc.edxml_sender_code
    stamp = timestamp or vietnam_now().replace(tzinfo=None, microsecond=0)
    return Status(
        sender=agency_organization(agency),
        response_for=ResponseFor(organ_id=sender, code=doc.code or None,
                                 promulgation_date=doc.doc_date,
                                 document_id=doc.edxml_document_id),
        staff=staff_info(agency), status_code=code, description=description,
        timestamp=stamp)


def report(doc, code, reason=None):
    """Write the status and queue it for the sender; returns the outbox id."""
    xml = write_status(status_message(doc, code, reason))
    return outbox.enqueue(api.portal.get(), xml, kind=outbox.KIND_STATUS,
                          recipient_code=doc.edxml_sender_code, document=doc,
                          document_id=doc.edxml_document_id)


def on_transition(doc, event):
    """IAfterTransitionEvent of an incoming document: report the step of a
    document received through edXML (others are none of the hub's)."""
    transition = event.transition.id if event.transition is not None else None
    code = CODE_OF_TRANSITION.get(transition)
    if code is None or not received(doc):
        return
    reason = (event.kwargs or {}).get("comment", "") if code == codes.STATUS_REFUSED else None
    report(doc, code, reason or None)
