"""Routing inside an agency: the leader's direction (phân công), the
department head's forwarding, handling and completion; drafts reviewed and
signed. Each step checks that the workflow allows it to the current user,
grants roles on the document only (role_assignments), records the trail,
then fires the transition.

Browser forms and REST services call these functions; the workflow's
guards decide who may, the BeforeTransition check refuses a bare
@workflow call for steps that need the data only these functions record.
"""

from Acquisition import aq_base
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from qlvbdh_policy import _
from qlvbdh_policy import roles as R
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.agencies.lookups import agency_user_ids
from qlvbdh_policy.agencies.lookups import user_ids_in
from qlvbdh_policy.content.validation import DocumentRefused
from qlvbdh_policy.content.validation import ForbiddenRefusal
from qlvbdh_policy.content.validation import plain
from qlvbdh_policy.content.validation import StepRefused
from qlvbdh_policy.interfaces import IDepartment
from qlvbdh_policy.routing import notifications
from qlvbdh_policy.routing import role_assignments as ra
from qlvbdh_policy.routing import trail
from qlvbdh_policy.rules.group_names import department_group_ids
from qlvbdh_policy.rules.group_names import group_id
from qlvbdh_policy.rules.group_names import members_group_of_heads
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import vietnam_today

import datetime

MSG_NOT_ALLOWED = _("You may not do “${action}” on this document in its current state.")
MSG_NEED_HANDLER = _("Choose the main handler: a person or a department of the agency.")
MSG_NOT_IN_AGENCY = _("${name} is not a person or department of this agency.")
MSG_DUE_PAST = _("The deadline ${date} is before today.")
MSG_BAD_DATE = _("The deadline ${date} is not a date; write it as yyyy-mm-dd.")
MSG_NEED_RESULT = _("Describe the result of the handling.")
MSG_NEED_REASON = _("Give the reason.")
MSG_NEED_PERSON = _("Choose the person to forward to.")
MSG_NOT_IN_DEPARTMENT = _("${name} does not work in the department the document was assigned to.")
MSG_USE_SERVICE = _(
    "“${step}” needs its details: use its form or the REST service @${action}."
)
MSG_NOT_REPLY = _("The reply must be an outgoing document of this agency.")
MSG_OUTSIDE_OWN_DEPARTMENT = _(
    "${name} does not work in your department: a department head forwards only "
    "to the people of the department."
)
MSG_NO_DOCUMENT = _("The document is not found or you may not open it.")
MSG_NEED_LEADER = _("Choose the leader to pass the document to.")
MSG_NOT_A_LEADER = _("${name} is not another leader of this agency.")

# Steps that need data recorded by this module before the transition.
GUARDED_TRANSITIONS = ("assign", "forward", "complete", "pass_leader")
# the step's data travels to the subscribers as DCWorkflow's keyword
# arguments of doActionFor (the event's ``kwargs``), never on the object
STEP_KEY = "qlvbdh_step"


class RoutingRefused(DocumentRefused):
    """Bad or missing input for a routing step (HTTP 400)."""


class RoutingForbidden(ForbiddenRefusal, DocumentRefused):
    """The workflow does not allow this step to this user now (HTTP 403)."""


def allowed_transitions(doc):
    wftool = api.portal.get_tool("portal_workflow")
    return [t["id"] for t in wftool.getTransitionsFor(doc)]


def transition_title(doc, transition):
    """The step's title as the workflow names it, translatable."""
    wftool = api.portal.get_tool("portal_workflow")
    for wf in wftool.getWorkflowsFor(doc):
        if transition in wf.transitions:
            return _(wf.transitions[transition].title)
    return trail.STEP_TITLES.get(transition, transition)


def check_allowed(doc, transition):
    if transition not in allowed_transitions(doc):
        raise RoutingForbidden(MSG_NOT_ALLOWED, {"action": transition_title(doc, transition)})


def do_transition(doc, transition, comment="", to=(), **details):
    """Fire a transition this module prepared (see GUARDED_TRANSITIONS);
    ``to`` and ``details`` go into the trail entry of the step."""
    step = {STEP_KEY: transition, trail.DETAILS_KEY: {"to": list(to), **details}}
    api.portal.get_tool("portal_workflow").doActionFor(doc, transition, comment=comment, **step)


def is_member_of_agency(agency, userid):
    """A user belongs to an agency through one of its groups."""
    user = api.user.get(userid=userid)
    if user is None:
        return False
    prefix = agency.getId() + "-"
    return any(g.startswith(prefix) for g in (user.getGroups() or ()))


def resolve_principal(agency, value, heads=True):
    """A user id of the agency, or a department (UID or id) → its heads group."""
    if not value:
        return None
    dept = agency.get(value) if value in agency.objectIds() else api.content.get(UID=value)
    if dept is not None and IDepartment.providedBy(dept) and agency_of(dept) == agency:
        members, head_group = department_group_ids(agency.getId(), dept.getId())
        return head_group if heads else members
    if is_member_of_agency(agency, value):
        return value
    raise RoutingRefused(MSG_NOT_IN_AGENCY, {"name": value}, "handler")


def _principals(agency, values, field):
    out = []
    for value in values or ():
        try:
            principal = resolve_principal(agency, value, heads=False)
        except RoutingRefused as e:
            raise RoutingRefused(e.msgid, e.mapping, field) from None
        if principal and principal not in out:
            out.append(principal)
    return out


# the texts of a step, as the forms and the trail name them
STEP_TEXTS = {"instruction": _("Direction"), "comment": _("Comment or reason"),
              "result": _("Result"), "reason": _("Reason")}


def step_text(value, field, required=None):
    """A text of a step (the leader's direction, a comment, the result, a
    reason for returning or recalling) as the document and its trail keep
    it: multi-line plain text like the notes (rules/plain_text.py: NFC,
    line breaks as LF, control and invisible characters dropped). The
    forms and REST both come here.

    :raises: RoutingRefused naming the field for a value that is not text,
        or with ``required`` (its msgid) for a blank one."""
    text = plain(value, field, STEP_TEXTS[field], multi=True, refused=RoutingRefused)
    if required and not text.strip():
        raise RoutingRefused(required, {}, field)
    return text


def required_text(value, msgid, field):
    """The text as kept, or a refusal naming the field when it is blank."""
    return step_text(value, field, required=msgid)


def _check_due(due_date):
    if due_date is None:
        return None
    if isinstance(due_date, str):
        try:
            due_date = datetime.date.fromisoformat(due_date)
        except ValueError:
            raise RoutingRefused(MSG_BAD_DATE, {"date": due_date}, "due_date") from None
    if due_date < vietnam_today():
        raise RoutingRefused(MSG_DUE_PAST, {"date": format_date(due_date)}, "due_date")
    return due_date


# -- incoming: direction, forwarding, handling ---------------------------


def assign(doc, handler, co_handlers=(), informed=(), due_date=None, instruction=""):
    """The leader's direction (or the clerk's, under the simple policy)."""
    check_allowed(doc, "assign")
    agency = agency_of(doc)
    if not handler:
        raise RoutingRefused(MSG_NEED_HANDLER, {}, "handler")
    main = resolve_principal(agency, handler)
    co = [p for p in _principals(agency, co_handlers, "co_handlers") if p != main]
    info = [p for p in _principals(agency, informed, "informed") if p != main and p not in co]
    due = _check_due(due_date)
    instruction = step_text(instruction, "instruction")
    touched = set()
    for cause in ("assign", "forward", "forwarded"):
        touched |= ra.revoke(doc, cause=cause)
    touched |= ra.grant(doc, [main], R.HANDLER, "assign")
    touched |= ra.grant(doc, co, R.CO_HANDLER, "assign")
    touched |= ra.grant(doc, info, R.INFORMED, "assign")
    ra.apply(doc, touched)
    if due is not None:
        doc.due_date = due
        doc.reindexObject(idxs=["due_date"])
    doc.instruction = instruction
    do_transition(doc, "assign", instruction, to=[main], co_handlers=co, informed=info,
                  due_date=due)
    notifications.notify_assigned(
        doc, [(main, "handle")] + [(p, "co-handle") for p in co] + [(p, "read") for p in info],
        trail.principal_title(api.user.get_current().getId()),
    )
    return {"handler": main, "co_handlers": co, "informed": info, "due_date": due}


def forward(doc, to, comment=""):
    """Pass the main handling on to a person of the agency (a department
    head forwarding to their staff); the forwarder keeps sight of it."""
    check_allowed(doc, "forward")
    comment = step_text(comment, "comment")
    agency = agency_of(doc)
    if not to:
        raise RoutingRefused(MSG_NEED_PERSON, {}, "to")
    if not is_member_of_agency(agency, to):
        raise RoutingRefused(MSG_NOT_IN_AGENCY, {"name": to}, "to")
    previous = ra.principals_with(doc, R.HANDLER)
    departments = {members_group_of_heads(p) for p in previous} - {None}
    if departments and not departments & set(api.user.get(userid=to).getGroups() or ()):
        # assigned to a department: its head passes it to one of its people
        raise RoutingRefused(MSG_NOT_IN_DEPARTMENT, {"name": to}, "to")
    own = headed_departments(agency, api.user.get_current())
    if own is not None and not own & set(api.user.get(userid=to).getGroups() or ()):
        # a department head (not a leader) forwards within his department
        raise RoutingRefused(MSG_OUTSIDE_OWN_DEPARTMENT,
                             {"name": trail.principal_title(to)}, "to")
    touched = ra.revoke(doc, role=R.HANDLER)
    touched |= ra.grant(doc, [p for p in previous if p != to], R.INFORMED, "forwarded")
    touched |= ra.grant(doc, [to], R.HANDLER, "forward")
    ra.apply(doc, touched)
    do_transition(doc, "forward", comment, to=[to])
    notifications.notify_assigned(
        doc, [(to, "handle")], trail.principal_title(api.user.get_current().getId()))
    return to


def headed_departments(agency, user):
    """The member groups of the departments ``user`` heads, when he heads
    one and is not a leader of the agency (a leader directs anyone);
    None otherwise."""
    if user is None or agency is None:
        return None
    groups = set(user.getGroups() or ())
    if group_id(agency.getId(), "leaders") in groups:
        return None
    prefix = agency.getId() + "-"
    members = {members_group_of_heads(g) for g in groups if g.startswith(prefix)} - {None}
    return members or None


def forward_targets(doc, user):
    """Whom ``user`` may forward ``doc`` to: the people of his department
    for a department head, of the department the document was assigned to
    for its heads' group, else everyone of the agency (user ids)."""
    agency = agency_of(doc)
    if agency is None:
        return set()
    allowed = agency_user_ids(agency)
    own = headed_departments(agency, user)
    if own is not None:
        allowed &= user_ids_in(own | {g + "-heads" for g in own})
    assigned = {members_group_of_heads(p) for p in ra.principals_with(doc, R.HANDLER)} - {None}
    if assigned:
        allowed &= user_ids_in(assigned | {g + "-heads" for g in assigned})
    return allowed


def leaders_of(agency):
    """User ids of the agency's leaders."""
    return user_ids_in([group_id(agency.getId(), "leaders")]) if agency is not None else set()


def pass_to_leader(doc, leader, comment=""):
    """A leader hands the direction of a submitted document to another
    leader (chuyển lãnh đạo khác): it waits for that leader alone."""
    check_allowed(doc, "pass_leader")
    comment = step_text(comment, "comment")
    if not leader:
        raise RoutingRefused(MSG_NEED_LEADER, {}, "leader")
    agency = agency_of(doc)
    if leader not in leaders_of(agency) or leader == api.user.get_current().getId():
        raise RoutingRefused(MSG_NOT_A_LEADER, {"name": trail.principal_title(leader)}, "leader")
    doc.directing_leader = leader  # read while the last step is this one (directing_leader)
    do_transition(doc, "pass_leader", comment, to=[leader])
    notifications.notify_assigned(
        doc, [(leader, "assign")], trail.principal_title(api.user.get_current().getId()))
    return leader


def directing_leader(doc):
    """The leader a submitted document was passed to, while the last step
    of its workflow is that passing; None when it waits for every leader."""
    leader = getattr(aq_base(doc), "directing_leader", None)
    if not leader:
        return None
    for wf_id, history in (getattr(aq_base(doc), "workflow_history", None) or {}).items():
        if history and history[-1].get("action") == "pass_leader":
            return leader
    return None


def send_back(doc, reason, field="comment"):
    """A leader returns a submitted document to the clerks with the reason
    (trả lại văn thư); it waits for them to submit it again. ``field``: the
    name the caller gives the reason (the form's comment, REST's reason)."""
    check_allowed(doc, "send_back")
    try:
        reason = required_text(reason, MSG_NEED_REASON, "comment")
    except RoutingRefused as refusal:
        raise RoutingRefused(refusal.msgid, refusal.mapping, field) from None
    do_transition(doc, "send_back", reason)


def start(doc):
    check_allowed(doc, "start")
    do_transition(doc, "start")


def complete(doc, result, reply=None):
    """The handler's report; ``reply`` is the outgoing document answering it."""
    check_allowed(doc, "complete")
    result = required_text(result, MSG_NEED_RESULT, "result")
    reply_uid = None
    if reply:
        answer = api.content.get(UID=reply)
        if answer is None or answer.portal_type != "OutgoingDocument" or agency_of(answer) != agency_of(doc):
            raise RoutingRefused(MSG_NOT_REPLY, {}, "reply")
        reply_uid = answer.UID()
        if doc.UID() not in (answer.responds_to or []):
            answer.responds_to = list(answer.responds_to or []) + [doc.UID()]
    doc.result = result
    doc.reply_uid = reply_uid
    do_transition(doc, "complete", doc.result, reply=reply_uid)


def simple_step(doc, transition, comment="", **details):
    """A step without data of its own (submit, start, file, reopen, approve,
    sign, send back …), recorded in the trail; ``details`` reach the
    step's subscribers and its trail entry (issue: ``agency_signature``)."""
    check_allowed(doc, transition)
    do_transition(doc, transition, step_text(comment, "comment"), **details)


def document_label(doc):
    """How a clerk names a document in a message: its arrival number (số
    đến 05), else its number and notation, else its summary."""
    number = getattr(doc, "arrival_number", None)
    if number:
        return f"số đến {number:02d}"
    return getattr(doc, "code", "") or doc.Title()


def bulk_step(uids, transition, comment=""):
    """One step without data on many documents at once (the clerk submits
    the documents he chose to the leader): each is done or refused on its
    own, a refusal leaving that document as it was.

    :returns: (done documents, [(document or uid, refusal message)])"""
    import transaction

    done, refused = [], []
    for uid in dict.fromkeys(uids or ()):
        doc = api.content.get(UID=uid) if isinstance(uid, str) and uid else None
        if doc is None or not hasattr(doc, "portal_type"):
            refused.append((uid, _(MSG_NO_DOCUMENT)))
            continue
        savepoint = transaction.savepoint()
        try:
            simple_step(doc, transition, comment)
        except DocumentRefused as refusal:
            savepoint.rollback()
            refused.append((doc, refusal.message()))
        except WorkflowException:
            savepoint.rollback()
            refused.append((doc, _(MSG_NOT_ALLOWED, mapping={
                "action": transition_title(doc, transition)})))
        else:
            done.append(doc)
    return done, refused


# -- outgoing drafts ------------------------------------------------------


def grant_drafting_department(doc):
    """The heads of the drafting department review the draft."""
    agency = agency_of(doc)
    touched = ra.revoke(doc, cause="draft")
    if doc.drafting_department and agency is not None:
        dept = api.content.get(UID=doc.drafting_department)
        if dept is not None:
            heads = department_group_ids(agency.getId(), dept.getId())[1]
            touched |= ra.grant(doc, [heads], R.DEPARTMENT_HEAD, "draft")
    ra.apply(doc, touched)


# -- subscribers ------------------------------------------------------------


def on_outgoing_saved(doc, event):
    grant_drafting_department(doc)


def on_before_transition(doc, event):
    transition = event.transition.id if event.transition is not None else None
    kwargs = event.kwargs if event.kwargs is not None else {}
    if "comment" in kwargs:
        # a bare @workflow call or Plone's state menu: the trail keeps the
        # comment as the routing functions give it (the same dict is read
        # when the workflow and the trail record the step)
        kwargs["comment"] = plain(kwargs["comment"], "comment", STEP_TEXTS["comment"],
                                  multi=True, refused=StepRefused)
    if transition in GUARDED_TRANSITIONS and kwargs.get(STEP_KEY) != transition:
        raise StepRefused(
            MSG_USE_SERVICE, {"step": transition_title(doc, transition), "action": transition},
            "transition",
        )
    if transition in ("return", "send_back", "recall") and not kwargs.get("comment", "").strip():
        raise StepRefused(MSG_NEED_REASON, {}, "comment")
