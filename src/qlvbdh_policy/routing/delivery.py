"""Delivery between the province's agencies (liên thông văn bản).

Issuing an outgoing document with internal recipients puts a copy in each
recipient's inbox, waiting for acceptance. The copies share the sender's
file blobs (one stored copy of the bytes, however many recipients). Each
recipient's progress comes back to the sender as an edXML status (QCVN
102:2016): 01 đã đến, 02 từ chối tiếp nhận, 03 đã tiếp nhận, 04 đã phân
công, 05 đang xử lý, 06 hoàn thành, 13 thu hồi.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from BTrees.OOBTree import OOBTree
from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.namedfile.file import NamedBlobFile
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.agencies.abbreviations import archived_on
from qlvbdh_policy.agencies.dissolution import check_recipient
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.agencies.setup import ensure_inbox
from qlvbdh_policy.content.inbox import INBOX_ID
from qlvbdh_policy.interfaces import IInbox
from qlvbdh_policy.registers.registration import check_register_kind
from qlvbdh_policy.registers.registration import check_register_open
from qlvbdh_policy.registers.registration import DuplicateFound
from qlvbdh_policy.registers.registration import register_incoming
from qlvbdh_policy.registers.registration import registered_duplicates
from qlvbdh_policy.routing import trail
from qlvbdh_policy.routing.steps import allowed_transitions
from qlvbdh_policy.routing.steps import check_allowed
from qlvbdh_policy.routing.steps import do_transition
from qlvbdh_policy.routing.steps import MSG_NEED_REASON
from qlvbdh_policy.routing.steps import required_text
from qlvbdh_policy.routing.steps import RoutingForbidden
from qlvbdh_policy.routing.steps import RoutingRefused
from qlvbdh_policy.rules import state_meanings
from qlvbdh_policy.timeutil import vietnam_timestamp
from qlvbdh_policy.workflows import meanings

ARRIVED, RETURNED, ACCEPTED, ASSIGNED, IN_PROGRESS, COMPLETED, RECALLED = (
    "01", "02", "03", "04", "05", "06", "13",
)
STATUS_TITLES = {
    ARRIVED: _("Arrived"),
    RETURNED: _("Refused"),
    ACCEPTED: _("Accepted"),
    ASSIGNED: _("Assigned"),
    IN_PROGRESS: _("In progress"),
    COMPLETED: _("Completed"),
    RECALLED: _("Recalled"),
}
# Transitions of a recipient's copy → the status the sender sees.
STATUS_OF_TRANSITION = {
    "accept": ACCEPTED, "return": RETURNED, "assign": ASSIGNED,
    "start": IN_PROGRESS, "complete": COMPLETED, "recall": RECALLED,
}

MSG_NOT_PENDING = _("Only a document waiting for acceptance can be accepted.")
MSG_OTHER_AGENCY_REGISTER = _("Choose an incoming register of your own agency.")
MSG_NEED_REGISTER = _("Choose the register to accept the document into.")


def shared_file(source):
    """A new file object over the same blob: metadata of its own, bytes
    stored once."""
    if source is None:
        return None
    copy = NamedBlobFile(contentType=source.contentType, filename=source.filename)
    copy._blob = source._blob
    copy.__dict__.pop("size", None)
    return copy


def deliveries(outgoing):
    return getattr(outgoing, "deliveries", None) or {}


def set_status(outgoing, agency_uid, status, **details):
    """Keeps when the copy arrived (``delivered``) and when its receipt was
    first acknowledged, accepted or refused (``acknowledged``): the delivery
    feedback of Quyết định 28/2018/QĐ-TTg Điều 9 (issue 18)."""
    if getattr(outgoing, "deliveries", None) is None:
        outgoing.deliveries = OOBTree()
    entry = dict(outgoing.deliveries.get(agency_uid, {}))
    now = vietnam_timestamp()
    entry.update(details, status=status, updated=now)
    if status == ARRIVED:
        entry.setdefault("delivered", now)
    if status in ACKNOWLEDGING and not entry.get("acknowledged"):
        entry["acknowledged"] = now
    outgoing.deliveries[agency_uid] = entry


# the recipient's clerk answers the arrival: accepted, or refused with a reason
ACKNOWLEDGING = (ACCEPTED, RETURNED)
# statuses that follow an acceptance (entries kept before ``acknowledged`` was)
AFTER_ACCEPTANCE = (ASSIGNED, IN_PROGRESS, COMPLETED)
#: the catalog index of the delivery feedback (stats/indexers.py)
FEEDBACK_INDEX = "delivery_feedback"


def _acknowledged_at(entry):
    """When the recipient acknowledged the receipt, or None; for an entry
    kept before that time was (issue 18), the last update of an accepted or
    refused copy, else the acceptance in the copy's trail."""
    if entry.get("acknowledged"):
        return entry["acknowledged"]
    status = entry.get("status")
    if status in ACKNOWLEDGING:
        return entry.get("updated")
    if status in AFTER_ACCEPTANCE and entry.get("copy_uid"):
        copy = uuidToObject(entry["copy_uid"], unrestricted=True)
        steps = [e["when"] for e in trail.entries(copy) if e["action"] in ("accept", "return")] \
            if copy is not None else []
        return steps[0] if steps else None
    return None


def acknowledgements(outgoing):
    """[(day delivered, day acknowledged or None)] of each copy delivered to
    another agency and not recalled, in Vietnam time."""
    issued = getattr(outgoing, "issued_date", None)
    out = []
    for entry in deliveries(outgoing).values():
        if entry.get("status") == RECALLED:
            continue
        delivered = entry.get("delivered")
        delivered = delivered.date() if delivered is not None else issued
        acknowledged = _acknowledged_at(entry)
        if delivered is not None:
            out.append((delivered, acknowledged.date() if acknowledged is not None else None))
    return out


def _copy_fields(outgoing, sender):
    # as printed: '03/2026/QĐ-UBND' → '03' and '2026/QĐ-UBND'
    number, _sep, notation = outgoing.code.partition("/")
    return dict(
        title=outgoing.title,
        doc_type=outgoing.doc_type,
        sender_name=sender.title,
        sender_agency=sender.UID(),
        code_number=number,
        code_notation=notation,
        doc_date=outgoing.issued_date,
        signer_name=outgoing.signer_name,
        signer_position=outgoing.signer_position,
        urgency=outgoing.urgency,
        due_date=outgoing.due_date,
        arrival_date=None,
    )


def deliver(outgoing):
    """Put a copy of an issued document in each internal recipient's inbox."""
    sender = agency_of(outgoing)
    fields = _copy_fields(outgoing, sender)
    attachments = children(outgoing, "File")
    made = []
    with api.env.adopt_roles(["Manager"]):
        recipients = [(uid, uuidToObject(uid, unrestricted=True))
                      for uid in outgoing.recipients_internal or ()]
        for _uid, agency in recipients:
            if agency is not None:
                check_recipient(agency)  # before any copy is made
        for agency_uid, agency in recipients:
            if agency is None or agency_uid == sender.UID():
                continue
            inbox = ensure_inbox(agency)
            copy_id = f"{sender.getId()}-{fields['code_number']}-{outgoing.UID()[:8]}"
            copy = api.content.create(
                container=inbox, type="IncomingDocument", id=copy_id,
                file=shared_file(outgoing.file), **fields,
            )
            copy.source_uid = outgoing.UID()
            for attachment in attachments:
                api.content.create(
                    container=copy, type="File", id=attachment.getId(),
                    title=attachment.title, file=shared_file(attachment.file),
                )
            set_status(outgoing, agency_uid, ARRIVED, agency_title=agency.title,
                       copy_uid=copy.UID(), arrival_number=None, reason="")
            made.append(copy)
    return made


def hand_over_pending(source, target):
    """When ``source`` is merged into ``target``: the copies still waiting in
    its inbox go to the receiving agency's inbox, and their senders see the
    receiving agency as the recipient. Where the receiving agency had its
    own copy of the same document, the merged one's stays in the archive."""
    inbox = source.get(INBOX_ID)
    moved = []
    if inbox is None:
        return moved
    with api.env.adopt_roles(["Manager"]):
        for copy in list(children(inbox, "IncomingDocument")):
            if not is_new(copy):
                continue
            outgoing = (uuidToObject(copy.source_uid, unrestricted=True)
                        if getattr(copy, "source_uid", None) else None)
            entries = deliveries(outgoing) if outgoing is not None else {}
            if target.UID() in entries:
                continue
            copy = api.content.move(source=copy, target=ensure_inbox(target))
            if source.UID() in entries:
                entry = dict(entries[source.UID()], agency_title=target.title)
                del outgoing.deliveries[source.UID()]
                outgoing.deliveries[target.UID()] = entry
            moved.append(copy.getId())
    return moved


def _recipient_agency_uid(copy):
    agency = agency_of(copy)
    return agency.UID() if agency is not None else None


def is_new(doc):
    """Arrived and not yet accepted into a register (its state's ``phase``
    is new: "Chờ tiếp nhận" or a state a site manager gave that meaning)."""
    return meanings.document_meaning(doc)[2].phase == state_meanings.NEW


def waiting_in_inbox(doc):
    return is_new(doc) and IInbox.providedBy(aq_parent(aq_inner(doc)))


def can_accept(doc):
    return waiting_in_inbox(doc) and api.user.has_permission(
        permissions.AcceptDocument, obj=doc)


def accept(doc, register, confirm_duplicate=False):
    """The recipient clerk accepts a delivered document into a register:
    it moves there and takes the register's next arrival number. A copy
    that looks registered already (Phụ lục VI III.1.h) is refused
    (``DuplicateFound``) unless the clerk confirms."""
    if not waiting_in_inbox(doc):
        raise RoutingForbidden(MSG_NOT_PENDING, {}, "register")
    if register is None:
        raise RoutingRefused(MSG_NEED_REGISTER, {}, "register")
    if agency_of(register) != agency_of(doc):
        raise RoutingRefused(MSG_OTHER_AGENCY_REGISTER, {}, "register")
    if not api.user.has_permission(permissions.AddIncomingDocument, obj=register):
        raise RoutingForbidden(MSG_OTHER_AGENCY_REGISTER, {}, "register")
    check_register_kind(register, "incoming", "Văn bản đến")
    check_register_open(register)
    if not confirm_duplicate:
        duplicates = registered_duplicates(doc, register)
        if duplicates:
            raise DuplicateFound(duplicates)
    with api.env.adopt_roles(["Manager"]):
        doc = api.content.move(source=doc, target=register)
    register_incoming(doc)
    check_allowed(doc, "accept")
    do_transition(doc, "accept", arrival_number=doc.arrival_number, register=register.title)
    return doc


def return_document(doc, reason):
    """Refuse a delivered document (từ chối tiếp nhận), with the reason."""
    check_allowed(doc, "return")
    do_transition(doc, "return", required_text(reason, MSG_NEED_REASON, "reason"))


def recall(outgoing, reason):
    """Withdraw an issued document: it is frozen, and every recipient's
    copy is marked recalled."""
    check_allowed(outgoing, "recall")
    do_transition(outgoing, "recall", required_text(reason, MSG_NEED_REASON, "reason"))


def recall_copies(outgoing, reason):
    wftool = api.portal.get_tool("portal_workflow")
    with api.env.adopt_roles(["Manager"]):
        for agency_uid, entry in list(deliveries(outgoing).items()):
            copy = uuidToObject(entry.get("copy_uid"), unrestricted=True)
            if copy is None:
                continue
            archived = archived_on(agency_of(copy)) is not None  # read only
            if not archived and "recall" in allowed_transitions(copy):
                wftool.doActionFor(copy, "recall", comment=reason)
            else:
                set_status(outgoing, agency_uid, RECALLED)


# -- subscribers ------------------------------------------------------------


def on_outgoing_transition(outgoing, event):
    """Deliver on issue, recall the copies on recall; either changes the
    delivery feedback (the general subscribers of a step, my_work's
    reindexing among them, run before this one)."""
    transition = event.transition.id if event.transition is not None else None
    if transition == "issue":
        deliver(outgoing)
    elif transition == "recall":
        recall_copies(outgoing, (event.kwargs or {}).get("comment", ""))
    else:
        return
    outgoing.reindexObject(idxs=[FEEDBACK_INDEX])


def on_incoming_transition(copy, event):
    """Report a delivered copy's progress back to its sender."""
    source_uid = getattr(copy, "source_uid", None)
    transition = event.transition.id if event.transition is not None else None
    status = STATUS_OF_TRANSITION.get(transition)
    if not source_uid or status is None:
        return
    outgoing = uuidToObject(source_uid, unrestricted=True)
    if outgoing is None:
        return
    details = {"reason": (event.kwargs or {}).get("comment", "")} if status == RETURNED else {}
    if status == ACCEPTED:
        details["arrival_number"] = copy.arrival_number
    set_status(outgoing, _recipient_agency_uid(copy), status, **details)
    outgoing.reindexObject(idxs=[FEEDBACK_INDEX])
