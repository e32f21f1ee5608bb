"""Issuing to organisations outside the province: one edXML message per
recipient in the outbox (QCVN 102:2016/BTTTT; Quyết định 28/2018/QĐ-TTg
Điều 9: the sender follows each recipient's status), a row per recipient
in the document's delivery table, a line in its trail.

- issue: BussinessDocType 0 (new), or 3 (replacement) when the document
  replaces an earlier one sent outside (``replaces``);
- recall of the issued document: 1, to every external recipient;
- ``send_update``: 2, the sender's correction of the summary or the
  deadline of an issued document, with the reason.

A document is not issued to an organisation the directory does not know,
nor by an agency without its identification code (mã định danh): the
clerk is told before anything changes (``check_before_issue``).
"""

from plone import api
from plone.app.uuid.utils import uuidToObject
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.content.validation import check_title
from qlvbdh_policy.content.validation import StepRefused
from qlvbdh_policy.edxml import codes
from qlvbdh_policy.edxml.writer import write_edoc
from qlvbdh_policy.exchange import compose
from qlvbdh_policy.exchange import directory
from qlvbdh_policy.exchange import outbox
from qlvbdh_policy.routing import delivery
from qlvbdh_policy.routing import trail
from qlvbdh_policy.routing.steps import MSG_NEED_REASON
from qlvbdh_policy.routing.steps import required_text
from qlvbdh_policy.routing.steps import RoutingForbidden
from qlvbdh_policy.routing.steps import RoutingRefused
from qlvbdh_policy.timeutil import read_date
from qlvbdh_policy.timeutil import vietnam_now

#: the delivery table's key of an external recipient: its identification code after this
EXTERNAL = "edxml:"
PLACE_RECORD = "qlvbdh.report_place"

MSG_NO_AGENCY_CODE = _("The agency has no identification code (mã định danh): a site "
                       "manager enters it on the agency before documents go outside the "
                       "province.")
MSG_NO_AGENCY_CODE_YET = _("Recipients outside the province are chosen but the agency has no "
                           "identification code (mã định danh) yet: the document cannot be "
                           "issued to them until a site manager enters it on the agency.")
MSG_UNKNOWN_ORGANISATION = _("No organisation in the directory has the code ${code}: "
                             "choose the recipients outside the province from the directory.")
MSG_NOT_REPLACEABLE = _("The document to replace must be an issued document of this agency "
                        "that was sent outside the province.")
MSG_NOT_SENT_OUTSIDE = _("This document was not sent to any organisation outside the "
                         "province.")
MSG_UPDATE_NOT_ALLOWED = _("Only the clerk or a leader of the agency may send an update of "
                           "an issued document.")
MSG_NOTHING_CHANGED = _("The update changes nothing: give a new summary or deadline.")
MSG_BAD_DUE = _("The deadline “${value}” is not a date; write it dd/mm/yyyy.")

#: trail actions (the steps that are no workflow transition)
SENT_ACTIONS = {
    codes.BUSINESS_NEW: "edxml_sent",
    codes.BUSINESS_RECALL: "edxml_recall",
    codes.BUSINESS_UPDATE: "edxml_update",
    codes.BUSINESS_REPLACE: "edxml_replacement",
}


def external_codes(outgoing):
    return list(dict.fromkeys(getattr(outgoing, "recipients_edxml", None) or ()))


def external_rows(outgoing):
    """{code: row} of the delivery table's external recipients."""
    return {key[len(EXTERNAL):]: entry for key, entry in delivery.deliveries(outgoing).items()
            if key.startswith(EXTERNAL)}


def _place():
    return api.portal.get_registry_record(PLACE_RECORD, default=None)


def _files(outgoing):
    out = []
    for file in [outgoing.file] + [f.file for f in children(outgoing, "File")]:
        if file is not None:
            out.append((file.filename, file.contentType, file.data))
    return out


def _staff():
    user = api.user.get_current()
    if user is None or api.user.is_anonymous():
        return None
    return {"staff": user.getProperty("fullname") or user.getId(),
            "email": user.getProperty("email") or None}


def signer_name(outgoing):
    """The signer's full name as the document gives it, else the full name
    of the signing leader chosen on it (Lãnh đạo ký)."""
    if getattr(outgoing, "signer_name", None):
        return outgoing.signer_name
    userid = getattr(outgoing, "signer", None)
    user = api.user.get(userid=userid) if userid else None
    return (user.getProperty("fullname") or None) if user is not None else None


def facts(outgoing):
    """What the header says of the document (see compose)."""
    from qlvbdh_policy.vocabularies.registry_vocabularies import document_type
    from qlvbdh_policy.vocabularies.registry_vocabularies import is_legal_type

    agency = agency_of(outgoing)
    term = document_type(outgoing.doc_type) if outgoing.doc_type else None
    return {
        "sender": {"organ_id": agency.agency_code, "name": agency.title,
                   "address": agency.address, "email": agency.email, "phone": agency.phone},
        "code": outgoing.code, "issued_date": outgoing.issued_date, "place": _place(),
        "doc_type": outgoing.doc_type, "doc_type_title": term.title if term else None,
        "legal": bool(outgoing.doc_type and is_legal_type(outgoing.doc_type)),
        "subject": outgoing.title, "signer_name": signer_name(outgoing),
        "signer_position": outgoing.signer_position,
        "signer_competence": outgoing.signer_competence, "due_date": outgoing.due_date,
        "urgency": outgoing.urgency, "promulgation_amount": outgoing.copies,
        "electronic_only": outgoing.electronic_only,
        "to_places": [directory.organisation(c)["name"] for c in external_codes(outgoing)
                      if directory.organisation(c)],
        "files": _files(outgoing), "staff": _staff(),
    }


def _replaced(outgoing):
    uid = getattr(outgoing, "replaces", None)
    return uuidToObject(uid, unrestricted=True) if uid else None


def check_before_issue(outgoing):
    """Refuse the issue (nothing changes) when a recipient outside the
    province cannot be written to."""
    recipients = external_codes(outgoing)
    if not recipients:
        return
    if not getattr(agency_of(outgoing), "agency_code", None):
        raise StepRefused(MSG_NO_AGENCY_CODE, {}, "agency_code")
    for code in recipients:
        if directory.organisation(code) is None:
            raise StepRefused(MSG_UNKNOWN_ORGANISATION, {"code": code}, "recipients_edxml")
    old = _replaced(outgoing)
    if getattr(outgoing, "replaces", None) and (
            old is None or agency_of(old) != agency_of(outgoing)
            or api.content.get_state(old) != "issued" or not external_rows(old)):
        raise StepRefused(MSG_NOT_REPLACEABLE, {}, "replaces")


def _queue(outgoing, code, business_type, reason=None, **extra):
    """Write, queue and keep one message; returns its outbox id."""
    data = facts(outgoing)
    recipient = directory.organisation(code) or {"code": code, "name": code}
    now = vietnam_now().replace(tzinfo=None, microsecond=0)
    message = compose.edoc(data, recipient, business_type, reason, now=now, **extra)
    return outbox.enqueue(api.portal.get(), write_edoc(message), kind=outbox.KIND_EDOC,
                          recipient_code=code, document=outgoing,
                          business_type=business_type, document_id=message.document_id)


def set_row(outgoing, code, status, **details):
    organisation = directory.organisation(code) or {}
    delivery.set_status(outgoing, EXTERNAL + code, status, organ_id=code,
                        agency_title=organisation.get("name") or code, copy_uid=None,
                        **details)


def send_issued(outgoing):
    """On issue: a message per external recipient, its row QUEUED."""
    recipients = external_codes(outgoing)
    if not recipients:
        return []
    old = _replaced(outgoing)
    business_type, extra = codes.BUSINESS_NEW, {}
    if old is not None:
        business_type = codes.BUSINESS_REPLACE
        old_id = compose.edoc_id(facts(old))
        extra = {"replaced": [(old_id, sorted(external_rows(old)))]}
        trail.record(old, "edxml_replaced_by", to=(), replaced_by=outgoing.UID(),
                     code=outgoing.code)
    ids = []
    for code in recipients:
        message_id = _queue(outgoing, code, business_type, **extra)
        set_row(outgoing, code, delivery.QUEUED, message_id=message_id, reason="")
        ids.append(message_id)
    trail.record(outgoing, SENT_ACTIONS[business_type], to=(), recipients=recipients,
                 messages=ids)
    return ids


def _live_recipients(outgoing):
    """The external recipients still holding the document (not refused)."""
    return [code for code, row in external_rows(outgoing).items()
            if row.get("status") != delivery.RETURNED]


def send_recall(outgoing, reason):
    """On recall: BussinessDocType 1 to each external recipient; its row
    waits for the answer (15 agreed, 16 refused)."""
    ids = []
    for code in _live_recipients(outgoing):
        ids.append(_queue(outgoing, code, codes.BUSINESS_RECALL, reason))
        set_row(outgoing, code, external_rows(outgoing)[code]["status"],
             change=codes.BUSINESS_RECALL, change_reason=reason)
    if ids:
        trail.record(outgoing, SENT_ACTIONS[codes.BUSINESS_RECALL], reason, messages=ids)
    return ids


def may_update(outgoing):
    """Whether the user may send an update of ``outgoing``: issued, and he
    may recall it (the clerk or a leader of the agency)."""
    return api.content.get_state(outgoing) == "issued" and api.user.has_permission(
        permissions.RecallDocument, obj=outgoing)


def update_offered(outgoing):
    """The update's button on the document: the user may send one and an
    organisation outside the province still holds the document."""
    return may_update(outgoing) and bool(_live_recipients(outgoing))


def check_may_update(outgoing):
    """:raises: RoutingForbidden (HTTP 403)"""
    if not may_update(outgoing):
        raise RoutingForbidden(MSG_UPDATE_NOT_ALLOWED, {}, "reason")


def send_update(outgoing, reason, title=None, due_date=None):
    """The sender corrects an issued document's summary or deadline and
    tells every external recipient (BussinessDocType 2). The clerk or a
    leader (the permission to recall); the document keeps the new values,
    the trail the old ones."""
    check_may_update(outgoing)
    reason = required_text(reason, MSG_NEED_REASON, "reason")
    recipients = _live_recipients(outgoing)
    if not recipients:
        raise RoutingRefused(MSG_NOT_SENT_OUTSIDE, {}, "recipients_edxml")
    changes = {}
    if title is not None and title.strip() and title.strip() != outgoing.title:
        check_title(title.strip())
        changes["title"] = (outgoing.title, title.strip())
    if due_date:
        try:
            due = read_date(due_date)
        except ValueError:
            raise RoutingRefused(MSG_BAD_DUE, {"value": due_date}, "due_date") from None
        if due != outgoing.due_date:
            changes["due_date"] = (outgoing.due_date, due)
    if not changes:
        raise RoutingRefused(MSG_NOTHING_CHANGED, {}, "title")
    for name, (_old, new) in changes.items():
        setattr(outgoing, name, new)
    outgoing.reindexObject()
    ids = []
    for code in recipients:
        ids.append(_queue(outgoing, code, codes.BUSINESS_UPDATE, reason, receivers=[code]))
        set_row(outgoing, code, external_rows(outgoing)[code]["status"],
             change=codes.BUSINESS_UPDATE, change_reason=reason)
    trail.record(outgoing, SENT_ACTIONS[codes.BUSINESS_UPDATE], reason, messages=ids,
                 changes={k: [str(v[0] or ""), str(v[1] or "")] for k, v in changes.items()})
    return ids


def mark_taken(message):
    """The hub adapter took the message of a new document or a replacement:
    the recipient's row says it left (SENT) unless the recipient has
    answered already."""
    if message.kind != outbox.KIND_EDOC or message.business_type not in (
            codes.BUSINESS_NEW, codes.BUSINESS_REPLACE) or not message.document_uid:
        return
    outgoing = uuidToObject(message.document_uid, unrestricted=True)
    row = external_rows(outgoing).get(message.recipient_code) if outgoing is not None else None
    if row is not None and row.get("status") == delivery.QUEUED:
        set_row(outgoing, message.recipient_code, delivery.SENT)


# -- subscribers ------------------------------------------------------------


def on_saved(outgoing, event):
    """The drafter is told as the draft is saved, not only the clerk at the
    issue (``check_before_issue``): a warning on the page, the draft saved."""
    from plone.rest.interfaces import IAPIRequest
    from Products.statusmessages.interfaces import IStatusMessage
    from zope.globalrequest import getRequest

    request = getRequest()
    if request is None or IAPIRequest.providedBy(request) or not external_codes(outgoing):
        return
    agency = agency_of(outgoing)
    if agency is None or getattr(agency, "agency_code", None):
        return
    from qlvbdh_policy.vietnamese import in_vietnamese

    IStatusMessage(request).addStatusMessage(in_vietnamese(MSG_NO_AGENCY_CODE_YET, request),
                                             "warning")


def on_before_transition(outgoing, event):
    if event.transition is not None and event.transition.id == "issue":
        check_before_issue(outgoing)


def on_after_transition(outgoing, event):
    transition = event.transition.id if event.transition is not None else None
    if transition == "issue":
        sent = send_issued(outgoing)
    elif transition == "recall":
        sent = send_recall(outgoing, (event.kwargs or {}).get("comment", ""))
    else:
        return
    if sent:
        outgoing.reindexObject(idxs=[delivery.FEEDBACK_INDEX])
