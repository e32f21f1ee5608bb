"""A recall, update or replacement (BussinessDocType 1, 2, 3; QCVN
102:2016/BTTTT) of a document an agency received as an edXML message.

Quyết định 28/2018/QĐ-TTg Điều 8 khoản 2 and Điều 9 khoản 2: the sender
notifies the recall, the recipient cancels the recalled document and tells
the sender it did. Here:

- a document still in the inbox (not accepted by the clerk) is
  acted on at once — recalled (withdrawn from the inbox), updated (its
  fields and files from the message) or, for a replacement, recalled while
  the new one lands — and the sender is answered 15 (đồng ý);
- a document the clerk has accepted is the agency's record: the request
  waits on the document (``edxml_change``) until the clerk agrees (the
  same action, then 15) or refuses with a reason (16) — ``agree``,
  ``refuse``, REST ``POST <document>/@edxml-change``.

Recall and update name the document by the message's own DocumentId (the
national hub's practice: the recall carries the document's header), else
by Bussiness/DocumentId; a replacement by each ReplacementInfo/DocumentId
whose OrganIdList names this agency (or names none).
"""

from plone import api
from plone.namedfile.file import NamedBlobFile
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.content.validation import ForbiddenRefusal
from qlvbdh_policy.content.validation import refuse_unless
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.edxml import codes
from qlvbdh_policy.edxml import reader
from qlvbdh_policy.exchange import inbox
from qlvbdh_policy.exchange import mapping
from qlvbdh_policy.exchange import status_out
from qlvbdh_policy.routing import trail
from qlvbdh_policy.routing.steps import allowed_transitions
from qlvbdh_policy.routing.steps import MSG_NEED_REASON
from qlvbdh_policy.routing.steps import required_text
from qlvbdh_policy.timeutil import vietnam_timestamp

#: what ``act`` did
AGREED = "agreed"  # acted on at once, 15 sent
WAITING = "waiting"  # the clerk's agreement is asked
RECALL_TRANSITION = "recall"

MSG_NOT_RECEIVED = _("This agency received no document ${document_id} to ${action} "
                     "(DocumentId).")
MSG_NO_CHANGE = _("No recall, update or replacement from the sender waits on this document.")
MSG_NOT_CLERK = _("Only the agency's clerks answer a sender's recall, update or replacement.")
ACTIONS = {codes.BUSINESS_RECALL: _("recall"), codes.BUSINESS_UPDATE: _("update"),
           codes.BUSINESS_REPLACE: _("replace")}


class ChangeRefused(RefusedValue):
    """Nothing to act on (HTTP 404, no document) or no answer possible."""

    status = 404
    error_type = "NotFound"


class NoChangeWaiting(RefusedValue):
    status = 409
    error_type = "Conflict"


class ChangeForbidden(ForbiddenRefusal):
    """Someone who is not the agency's clerk answers the sender."""


def target(agency, edoc):
    """The document a recall or an update names, or None."""
    for document_id in (edoc.document_id, edoc.business.document_id):
        doc = inbox.received_copy(agency, document_id) if document_id else None
        if doc is not None:
            return doc
    return None


def replaced(agency, edoc):
    """The documents a replacement replaces here."""
    code = (agency.agency_code or "").upper()
    found = []
    for replacement in edoc.business.replacements:
        if replacement.organ_ids and code not in [o.upper() for o in replacement.organ_ids]:
            continue
        doc = inbox.received_copy(agency, replacement.document_id)
        if doc is not None and doc not in found:
            found.append(doc)
    return found


def act(agency, edoc, data):
    """(AGREED or WAITING, the document) for a recall, update or replacement.

    :raises: ChangeRefused when the document was not received here"""
    kind = edoc.business.doc_type
    if kind == codes.BUSINESS_REPLACE:
        olds = replaced(agency, edoc)
        new = None
        if inbox.received_copy(agency, edoc.document_id) is None:
            new = inbox.land(agency, edoc)
        elif not olds:
            inbox.check_not_received(agency, edoc.document_id)
        answers = [ask(old, kind, edoc, data, new) for old in olds]
        return (WAITING if WAITING in answers else AGREED), new or olds[0]
    doc = target(agency, edoc)
    if doc is None:
        raise ChangeRefused(MSG_NOT_RECEIVED, {"document_id": edoc.document_id,
                                               "action": ACTIONS[kind]}, "DocumentId")
    return ask(doc, kind, edoc, data), doc


def ask(doc, kind, edoc, data, new=None):
    """Act at once on a document waiting in the inbox (15); keep the request
    on an accepted one for the clerk."""
    change = {"kind": kind, "reason": edoc.business.reason or "", "received":
              vietnam_timestamp(), "replaced_by": new.UID() if new is not None else None}
    if kind == codes.BUSINESS_UPDATE:
        change["message"] = NamedBlobFile(data=data, contentType="application/xml",
                                          filename="edxml-update.xml")
    if not doc.in_register():  # never accepted: waiting, refused or recalled
        apply(doc, change)
        status_out.report(doc, codes.STATUS_CHANGE_AGREED)
        return AGREED
    set_pending(doc, change)
    trail.record(doc, "edxml_change_request", change["reason"], business_type=kind)
    return WAITING


def apply(doc, change):
    """Recall (a recall, the replaced document) or update ``doc``."""
    if change["kind"] == codes.BUSINESS_UPDATE:
        update(doc, reader.read_edoc(change["message"].data))
        trail.record(doc, "edxml_updated", change["reason"])
        return
    with api.env.adopt_roles(["Manager"]):
        if RECALL_TRANSITION in allowed_transitions(doc):
            api.portal.get_tool("portal_workflow").doActionFor(
                doc, RECALL_TRANSITION, comment=change["reason"])


def update(doc, edoc):
    """The fields and files of ``doc`` from the update's message (its
    arrival number, register and routing stay)."""
    fields = mapping.fields(edoc, inbox.MessageRefused)
    fields.pop("arrival_date", None)
    with api.env.adopt_roles(["Manager"]):
        for name, value in fields.items():
            setattr(doc, name, value)
        if edoc.attachments:
            api.content.delete(objects=children(doc, "File"), check_linkintegrity=False)
            inbox.attach_files(doc, edoc.attachments)
        doc.edxml_info = dict(doc.edxml_info or {}, **mapping.info(edoc),
                              updated=vietnam_timestamp())
        doc.reindexObject()


# -- the clerk's answer -------------------------------------------------------

def pending_change(doc):
    return getattr(doc, "edxml_change", None)


def set_pending(doc, change):
    """Keep (or clear, ``None``) the request waiting on ``doc``: the
    agency's clerks see it in “Việc của tôi” while it waits
    (routing/my_work.py)."""
    doc.edxml_change = change
    doc.reindexObject(idxs=["waiting_for"])


def may_answer(doc):
    """Whether the user opens ``doc`` and registers its agency's incoming
    documents (the agency's clerks)."""
    agency = agency_of(doc)
    return (agency is not None and api.user.has_permission(permissions.View, obj=doc)
            and api.user.has_permission(permissions.AddIncomingDocument, obj=agency))


def check_clerk(doc):
    """:raises: Unauthorized for an anonymous visitor (log in), ChangeForbidden
    (HTTP 403, the project's envelope) for anyone else who is not the
    agency's clerk, whether or not he may open the document."""
    refuse_unless(may_answer(doc), "@edxml-change", ChangeForbidden, MSG_NOT_CLERK)


def _take(doc):
    check_clerk(doc)
    change = pending_change(doc)
    if change is None:
        raise NoChangeWaiting(MSG_NO_CHANGE, {}, None)
    return change


def agree(doc):
    """The clerk agrees: the recall, update or replacement done, 15 sent.

    :raises: ChangeForbidden, NoChangeWaiting"""
    change = _take(doc)
    set_pending(doc, None)
    apply(doc, change)
    trail.record(doc, "edxml_change_agreed", change["reason"])
    status_out.report(doc, codes.STATUS_CHANGE_AGREED)
    return doc


def refuse(doc, reason):
    """The clerk refuses, saying why: 16 sent with the reason.

    :raises: ChangeForbidden, NoChangeWaiting, RoutingRefused (no reason)"""
    change = _take(doc)
    reason = required_text(reason, MSG_NEED_REASON, "reason")
    set_pending(doc, None)
    trail.record(doc, "edxml_change_refused", reason, business_type=change["kind"])
    status_out.report(doc, codes.STATUS_CHANGE_REFUSED, reason)
    return doc
