"""Comments on a draft (lấy ý kiến góp ý dự thảo; Quy chế 03/2014/QĐ-UBND
Điều 3 khoản 3 điểm đ, NĐ 30/2020 Phụ lục VI mục III.5.a).

The drafter of an outgoing draft asks people and departments of the
agency, and other agencies of the province, for comments by a deadline:

- people and departments (its heads answer) get the role ``Informed`` on
  the draft, recorded with the cause ``CAUSE``, so they may read it while
  it is a draft, and the task "comment" in their "Việc của tôi";
- another agency gets an electronic-only incoming copy in its inbox
  (``routing.delivery``'s way: the draft's files shared, not copied); its
  leaders or the handlers of that copy answer for the agency on the copy.

A round is kept on the draft (annotation ``KEY``) with each party's
answer; every request, answer and reminder goes into the draft's trail.
The rules themselves (deadline, who is late, summary rows) are
``rules.comment_rounds``.
"""

from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.uuid.utils import uuidToObject
from qlvbdh_policy import _
from qlvbdh_policy import roles as R
from qlvbdh_policy.agencies.dissolution import check_recipient
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.agencies.setup import ensure_inbox
from qlvbdh_policy.content.validation import check_upload
from qlvbdh_policy.content.validation import DocumentRefused
from qlvbdh_policy.content.validation import ForbiddenRefusal
from qlvbdh_policy.content.validation import plain
from qlvbdh_policy.content.validation import refuse_unless
from qlvbdh_policy.interfaces import IAgency
from qlvbdh_policy.interfaces import IOutgoingDocument
from qlvbdh_policy.permissions import ModifyPortalContent
from qlvbdh_policy.routing import my_work
from qlvbdh_policy.routing import role_assignments as ra
from qlvbdh_policy.routing import trail
from qlvbdh_policy.routing.delivery import shared_file
from qlvbdh_policy.routing.steps import is_member_of_agency
from qlvbdh_policy.routing.steps import resolve_principal
from qlvbdh_policy.routing.steps import RoutingRefused
from qlvbdh_policy.rules import comment_rounds as rules
from qlvbdh_policy.rules import state_meanings
from qlvbdh_policy.rules.group_names import group_id
from qlvbdh_policy.timeutil import read_date
from qlvbdh_policy.timeutil import vietnam_timestamp
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.vietnamese import in_vietnamese
from qlvbdh_policy.workflows import meanings

import datetime

KEY = "qlvbdh_policy.consultation.rounds"
#: the cause of the role a person or department asked holds on the draft
#: (role_assignments): persisted, do not rename without a migration
CAUSE = "comment"
TASK = "comment"
#: trail actions (routing.trail.STEP_TITLES names them)
ASKED, ANSWERED, REMINDED = "comment_request", "comment_answer", "comment_reminder"
#: the roles of the people who read the answers: the drafter, the heads of
#: the drafting department, leaders and site managers; not the parties asked
READERS = ("Owner", R.DEPARTMENT_HEAD, R.LEADER, "Manager", "Site Administrator")

MSG_NOT_DRAFT = _("Comments are asked on a draft only, by its drafter.")
MSG_NOT_ASKED = _("You were not asked for comments on this draft.")
MSG_NO_ROUND = _("No comments were asked on this draft.")
MSG_ROUND_OPEN = _("Comments are already asked on this draft until ${date}.")
MSG_NOT_READER = _("The answers are read by the drafter and the people who review the draft.")
MSG_NOT_PERSON = _("${name} is not a person of this agency.")
MSG_NOT_DEPARTMENT = _("${name} is not a department of this agency.")
MSG_NOT_AGENCY = _("${name} is not another agency of the province.")
MSG_BAD_DEADLINE = _("The deadline for comments “${value}” is not a date; write it as dd/mm/yyyy.")
MSG_COPY_TITLE = _("Comments asked on the draft: ${title}")
MSG_COPY_NOTES = _("Answer by ${date}. ${message}")


class CommentRefused(DocumentRefused):
    """Bad or missing input (HTTP 400)."""


class CommentForbidden(ForbiddenRefusal, DocumentRefused):
    """Not this person's to do (HTTP 403)."""


class CommentClosed(DocumentRefused):
    """Past the deadline, or a round already open (HTTP 409)."""

    status = 409
    error_type = "Conflict"


def _raise(refusal, cls=CommentRefused):
    if refusal:
        raise cls(refusal.msgid, refusal.mapping, refusal.field, refusal.rule)


# -- storage ---------------------------------------------------------------


def rounds(draft):
    from zope.annotation.interfaces import IAnnotations

    return list(IAnnotations(draft).get(KEY, ()))


def current(draft):
    found = rounds(draft)
    return found[-1] if found else None


def _store(draft, round_):
    from zope.annotation.interfaces import IAnnotations

    annotations = IAnnotations(draft)
    if KEY not in annotations:
        annotations[KEY] = PersistentList()
    annotations[KEY].append(round_)


def party_keys(round_):
    return [p["key"] for p in round_["parties"]]


def state_of(round_, today=None):
    return rules.round_state(party_keys(round_), list(round_["answers"]), round_["deadline"],
                             today or vietnam_today())


def is_draft(doc):
    return (IOutgoingDocument.providedBy(doc)
            and state_meanings.GROUPS["drafting"](meanings.document_meaning(doc)[2]))


# -- asking ----------------------------------------------------------------


def can_ask(draft):
    return is_draft(draft) and api.user.has_permission(ModifyPortalContent, obj=draft)


def _deadline(value):
    if isinstance(value, datetime.date):
        return value
    try:
        return read_date(value)
    except ValueError:
        raise CommentRefused(MSG_BAD_DEADLINE, {"value": value.strip()}, "deadline") from None


def _people(agency, values):
    out = []
    for userid in values or ():
        if not is_member_of_agency(agency, userid):
            raise CommentRefused(MSG_NOT_PERSON, {"name": userid}, "people")
        out.append({"key": f"user:{userid}", "kind": "person", "principal": userid,
                    "title": trail.principal_title(userid)})
    return out


def _departments(agency, values):
    out = []
    for value in values or ():
        try:
            heads = resolve_principal(agency, value, heads=True)
        except RoutingRefused:
            heads = None
        dept = agency.get(value) if value in agency.objectIds() else api.content.get(UID=value)
        if heads is None or heads == value or dept is None:
            raise CommentRefused(MSG_NOT_DEPARTMENT, {"name": value}, "departments")
        out.append({"key": f"group:{heads}", "kind": "department", "principal": heads,
                    "title": dept.title})
    return out


def _agency(value):
    portal = api.portal.get()
    found = portal.get(value) if value in portal.objectIds() else None
    if found is None:
        found = uuidToObject(value, unrestricted=True)
    return found if IAgency.providedBy(found) else None


def _agencies(own, values):
    out = []
    for value in values or ():
        agency = _agency(value)
        if agency is None or agency == own:
            raise CommentRefused(MSG_NOT_AGENCY, {"name": value}, "agencies")
        check_recipient(agency)
        out.append({"key": f"agency:{agency.UID()}", "kind": "agency", "agency": agency.UID(),
                    "title": agency.title})
    return out


def _unique(parties):
    seen, out = set(), []
    for party in parties:
        if party["key"] not in seen:
            seen.add(party["key"])
            out.append(party)
    return out


def ask(draft, deadline, people=(), departments=(), agencies=(), message=""):
    """Open a round of comments on ``draft``; returns the round.

    :raises: CommentForbidden (not the drafter, not a draft), CommentRefused
        naming the field (deadline, people, departments, agencies, message),
        CommentClosed while a round is open."""
    refuse_unless(can_ask(draft), "@comment-requests", CommentForbidden, MSG_NOT_DRAFT)
    today = vietnam_today()
    deadline = _deadline(deadline)
    _raise(rules.deadline_refusal(deadline, today))
    open_round = current(draft)
    if open_round is not None and rules.is_open(open_round["deadline"], today):
        raise CommentClosed(MSG_ROUND_OPEN, {"date": rules.format_day(open_round["deadline"])},
                            "deadline")
    message = plain(message, "message", _("Message"), multi=True, refused=CommentRefused)
    agency = agency_of(draft)
    parties = _unique(_people(agency, people) + _departments(agency, departments)
                      + _agencies(agency, agencies))
    if not parties:
        raise CommentRefused(rules.MSG_NEED_PARTY, {}, "people")
    actor = api.user.get_current().getId()
    round_ = PersistentMapping(
        number=len(rounds(draft)) + 1, asked_by=actor, asked_by_name=trail.principal_title(actor),
        asked_on=vietnam_timestamp(), deadline=deadline, message=message,
        parties=[PersistentMapping(p) for p in parties], answers=PersistentMapping(),
        reminders=PersistentList())
    _store(draft, round_)
    principals = [p["principal"] for p in parties if "principal" in p]
    # the people of an earlier round no longer read it for comments
    touched = ra.revoke(draft, cause=CAUSE)
    ra.apply(draft, touched | ra.grant(draft, principals, R.INFORMED, CAUSE))
    for party in parties:
        if party["kind"] == "agency":
            party_copy = _deliver(draft, round_, uuidToObject(party["agency"], unrestricted=True))
            round_["parties"][parties.index(party)]["copy_uid"] = party_copy.UID()
    entry = trail.record(draft, ASKED, message, to=principals, deadline=deadline,
                         round=round_["number"])
    entry["to"] += [{"id": p["agency"], "title": p["title"]} for p in parties
                    if p["kind"] == "agency"]
    draft.reindexObject(idxs=["waiting_for"])
    from qlvbdh_policy.consultation import mails

    mails.asked(draft, round_)
    return round_


def _deliver(draft, round_, agency):
    """The request in another agency's inbox: an incoming copy, electronic
    only, carrying the draft's files (shared blobs) and the deadline."""
    sender = agency_of(draft)
    with api.env.adopt_roles(["Manager"]):
        inbox = ensure_inbox(agency)
        copy = api.content.create(
            container=inbox, type="IncomingDocument",
            id=f"gop-y-{sender.getId()}-{draft.UID()[:8]}-{round_['number']}",
            title=in_vietnamese(_(MSG_COPY_TITLE, mapping={"title": draft.title})),
            doc_type="cong_van", sender_name=sender.title, sender_agency=sender.UID(),
            doc_date=vietnam_today(), urgency=draft.urgency, due_date=round_["deadline"],
            signer_name=round_["asked_by_name"], arrival_date=None,
            notes=in_vietnamese(_(MSG_COPY_NOTES, mapping={
                "date": rules.format_day(round_["deadline"]), "message": round_["message"]})),
            file=shared_file(draft.file),
        )
        copy.comment_source_uid = draft.UID()
        copy.comment_round = round_["number"]
        for attachment in children(draft, "File"):
            api.content.create(container=copy, type="File", id=attachment.getId(),
                               title=attachment.title, file=shared_file(attachment.file))
    return copy


# -- answering -------------------------------------------------------------


def draft_of(copy):
    """The draft an incoming copy asks comments on, or None."""
    uid = getattr(copy, "comment_source_uid", None)
    return uuidToObject(uid, unrestricted=True) if uid else None


def _round_numbered(draft, number):
    return next((r for r in rounds(draft) if r["number"] == number), None)


def may_answer_for_agency(copy, user):
    """The leaders of the copy's agency, its handlers and co-handlers."""
    agency = agency_of(copy)
    allowed = {group_id(agency.getId(), "leaders")} | set(ra.principals_with(copy, R.HANDLER)) \
        | set(ra.principals_with(copy, R.CO_HANDLER))
    return bool(allowed & set(my_work.principals_of(user)))


def _agency_party(copy, user):
    draft = draft_of(copy)
    round_ = _round_numbered(draft, getattr(copy, "comment_round", None)) if draft else None
    key = f"agency:{agency_of(copy).UID()}"
    party = next((p for p in round_["parties"] if p["key"] == key), None) if round_ else None
    if party is None or not may_answer_for_agency(copy, user):
        raise CommentForbidden(MSG_NOT_ASKED, {}, None)
    return draft, round_, party


def parties_of(draft, user):
    """The parties of the draft's current round ``user`` answers for: himself,
    the departments he heads."""
    round_ = current(draft)
    if round_ is None or user is None:
        return []
    principals = set(my_work.principals_of(user))
    return [p for p in round_["parties"] if p.get("principal") in principals]


def answering(doc, user, key=None):
    """(draft, round, party) of an answer given on ``doc`` (the draft, or an
    agency's copy).

    :raises: CommentForbidden when ``user`` was not asked."""
    if draft_of(doc) is not None:
        return _agency_party(doc, user)
    refuse_unless(IOutgoingDocument.providedBy(doc) and current(doc) is not None, "@comments",
                  CommentForbidden, MSG_NO_ROUND)
    mine = parties_of(doc, user)
    party = next((p for p in mine if key in (None, p["key"])), None)
    refuse_unless(party is not None, "@comments", CommentForbidden, MSG_NOT_ASKED)
    return doc, current(doc), party


def answer(doc, verdict, text="", file=None, party=None):
    """Give or change the answer of one party; returns it.

    :raises: CommentForbidden, CommentClosed (past the deadline, naming
        it), CommentRefused naming the field (verdict, text, file)."""
    user = api.user.get_current()
    draft, round_, chosen = answering(doc, user, party)
    text = plain(text, "text", _("Comments"), multi=True, refused=CommentRefused)
    if file is not None:
        check_upload(file)
    previous = round_["answers"].get(chosen["key"]) or {}
    file = file if file is not None else previous.get("file")
    refusal = rules.answer_refusal(round_["deadline"], vietnam_today(), verdict, text,
                                   file is not None)
    _raise(refusal, CommentClosed if refusal and refusal.field is None else CommentRefused)
    entry = {"verdict": verdict, "text": text, "file": file,
             "filename": file.filename if file is not None else "", "when": vietnam_timestamp(),
             "by": user.getId(), "by_name": trail.principal_title(user.getId()),
             "changes": previous.get("changes", -1) + 1}
    round_["answers"][chosen["key"]] = entry
    details = {"party": chosen["title"], "verdict": verdict, "filename": entry["filename"],
               "round": round_["number"]}
    trail.record(draft, ANSWERED, text, **details)
    if doc is not draft:
        trail.record(doc, ANSWERED, text, **details)
    draft.reindexObject(idxs=["waiting_for"])
    return entry


# -- what the drafter sees ---------------------------------------------------


def may_read_answers(draft):
    user = api.user.get_current()
    return (IOutgoingDocument.providedBy(draft) and not api.user.is_anonymous()
            and bool(set(READERS) & set(api.user.get_roles(user=user, obj=draft))))


def check_reader(draft):
    refuse_unless(may_read_answers(draft), "@comments", CommentForbidden, MSG_NOT_READER)


def copy_of(party):
    uid = party.get("copy_uid")
    return uuidToObject(uid, unrestricted=True) if uid else None


def summary(round_):
    """The rows of the summary table (rules.comment_rounds.Row)."""
    parties = [(p["key"], p["title"]) for p in round_["parties"]]
    return rules.summary_rows(parties, round_["answers"])


def late_parties(round_):
    missing = set(rules.late(party_keys(round_), list(round_["answers"])))
    return [p for p in round_["parties"] if p["key"] in missing]


def on_outgoing_transition(doc, event):
    """The people asked read the draft while it is one: leaving the draft
    state takes their role away (an issued document has readers of its
    own); sent back to a draft while the round is open, they read it again."""
    round_ = current(doc)
    if round_ is None:
        return
    touched = ra.revoke(doc, cause=CAUSE)
    if is_draft(doc) and rules.is_open(round_["deadline"], vietnam_today()):
        principals = [p["principal"] for p in round_["parties"] if "principal" in p]
        touched |= ra.grant(doc, principals, R.INFORMED, CAUSE)
    ra.apply(doc, touched)


# -- "Việc của tôi" ------------------------------------------------------------


def waiting_tasks(draft, today=None):
    """[(principal, "comment")] of the people and departments asked who have
    not answered, while the draft is a draft and the round open."""
    round_ = current(draft)
    if round_ is None or not is_draft(draft) \
            or not rules.is_open(round_["deadline"], today or vietnam_today()):
        return []
    missing = set(rules.late(party_keys(round_), list(round_["answers"])))
    return [(p["principal"], TASK) for p in round_["parties"]
            if p["key"] in missing and "principal" in p]


def deadline_of(draft):
    round_ = current(draft)
    return round_["deadline"] if round_ is not None else None


def forget_expired(today=None):
    """Take past rounds' tasks out of "Việc của tôi" (the daily deadline
    job): the list hides them at once, its counts read the catalog, which
    only a reindex changes. Returns how many drafts were reindexed."""
    today = today or vietnam_today()
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="OutgoingDocument",
                                                   review_state=meanings.query_states(
                                                       "OutgoingDocument", "drafting")):
        if not any(task == TASK for _principal, task in (brain.waiting_tasks or ())):
            continue
        draft = brain._unrestrictedGetObject()
        deadline = deadline_of(draft)
        if deadline is not None and not rules.is_open(deadline, today):
            draft.reindexObject(idxs=["waiting_for"])
            count += 1
    return count
