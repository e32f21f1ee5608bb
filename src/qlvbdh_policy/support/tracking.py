"""Support requests from submission to answer (Quy chế Điều 10.4: the IT
centre receives and answers the users' requests; Điều 8.5, 9.1 incidents;
Điều 6.1.c domain names): numbering, the steps of the IT centre, the
lists of the requester and of the centre. The form (support/action.py),
the pages and REST call these functions; the mails go from the workflow's
events (support/mails.py), so a step taken from Plone's state menu is told
too."""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.content.validation import check_upload
from qlvbdh_policy.content.validation import ForbiddenRefusal
from qlvbdh_policy.content.validation import plain
from qlvbdh_policy.content.validation import refuse_unless
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.registers.numbering import take_next
from qlvbdh_policy.rules import support_numbers
from qlvbdh_policy.rules import support_times
from qlvbdh_policy.support import desk as D
from qlvbdh_policy.support import domains
from qlvbdh_policy.support import mails
from qlvbdh_policy.support.kinds import DOMAIN
from qlvbdh_policy.support.kinds import KINDS
from qlvbdh_policy.support.mails import MSG_REASON_REQUIRED
from qlvbdh_policy.timeutil import VIETNAM
from qlvbdh_policy.timeutil import vietnam_timestamp
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.vietnamese import in_vietnamese

OPEN_STATES = ("new", "in_progress")
CLOSED_STATES = ("resolved", "rejected")
STEPS = ("assign", "start", "resolve", "reject")
TYPE = "SupportRequest"

MSG_KIND_REQUIRED = _("Choose the kind of request.")
MSG_DETAILS_REQUIRED = _("Describe the request or the incident.")
MSG_AGENCY_NAME_REQUIRED = _("A request for a domain name names the agency asking for it "
                             "(Quy chế Điều 6.1.c).")
MSG_NOT_HANDLER = _("Only the IT centre's officers take, resolve or refuse support requests.")
MSG_NOT_READER = _("This support request is read by its requester and the IT centre only.")
MSG_QUEUE_READERS = _("The queue of support requests is the IT centre's.")
MSG_STEP_UNKNOWN = _("“${action}” is not a step of a support request: take one of "
                     "${steps}.")
MSG_STEP_STATE = _("The request ${number} is “${state}”: the step “${action}” cannot be "
                   "taken now.")
MSG_ASSIGNEE = _("“${assignee}” is not an officer of the IT centre (group ${group}).")


class SupportRefused(RefusedValue):
    """Bad input to a support request (HTTP 400, the field named)."""


class SupportForbidden(ForbiddenRefusal):
    """Not the requester's or the IT centre's (403)."""


class SupportConflict(RefusedValue):
    status = 409
    error_type = "Conflict"


def _text(value, field, title, required_msg=None, multi=True):
    text = plain(value or "", field, title, multi=multi, refused=SupportRefused)
    if required_msg and not text.strip():
        raise SupportRefused(required_msg, {}, field)
    return text.strip()


def _checked_file(value):
    """The screenshot or file, accepted as any attached file of the site
    (content/validation.check_upload: not empty, no program, an office or
    image format, within the size set in the control panel).

    :raises: SupportRefused naming ``attachment``."""
    if value is not None:
        try:
            check_upload(value)
        except RefusedValue as refused:
            raise SupportRefused(refused.msgid, refused.mapping, "attachment",
                                 refused.rule) from None
    return value


def check_submission(data):
    """{field: Vietnamese message} of what the form must correct (empty
    when the submission may be recorded)."""
    errors = {}
    if data.get("kind") not in KINDS:
        errors["kind"] = MSG_KIND_REQUIRED
    if not (data.get("details") or "").strip():
        errors["details"] = MSG_DETAILS_REQUIRED
    if data.get("kind") == DOMAIN and not (data.get("agency_name") or "").strip():
        errors["agency_name"] = MSG_AGENCY_NAME_REQUIRED
    return errors


def next_number(desk, today=None):
    """The next HT-YYYY-NNNN, taken in the current transaction from the
    desk's plain counter of the year: two submissions at once conflict and
    one is retried (registers/numbering.py), so no number is given twice
    and an aborted submission leaves no gap."""
    year = (today or vietnam_today()).year
    return support_numbers.format_number(year, take_next(desk, support_numbers.series(year)))


def create_request(data, userid, site=None):
    """Record one submission of the form as a tracked request owned by
    ``userid``. ``data``: kind, kind_title, details, urgency, urgency_title,
    attachment, requester_name, requester_agency, agency_name.

    :raises: SupportRefused naming the first field at fault."""
    for field, msgid in check_submission(data).items():
        raise SupportRefused(msgid, {}, field)
    attachment = _checked_file(data.get("attachment") or None)
    desk = D.ensure_desk(site)
    number = next_number(desk)
    user = api.user.get(userid=userid)
    agency = D.agency_of_user(userid, site)
    with api.env.adopt_roles(["Manager"]):
        request = api.content.create(
            container=desk, type=TYPE, id=number.lower(), safe_id=False,
            title=f"{number} · {data.get('kind_title') or data['kind']}")
    request.number = number
    for name in ("kind", "kind_title", "urgency", "urgency_title"):
        setattr(request, name, data.get(name) or None)
    request.attachment = attachment
    request.details = _text(data.get("details"), "details", _("Description of the request"))
    request.agency_name = _text(data.get("agency_name"), "agency_name",
                                _("Name of the agency asking for a domain"), multi=False)
    request.requester = userid
    request.requester_name = (data.get("requester_name") or "").strip() or D.fullname(userid)
    request.requester_agency = ((data.get("requester_agency") or "").strip()
                                or (agency.title if agency is not None else ""))
    if user is not None:
        request.changeOwnership(user.getUser())
    request.manage_setLocalRoles(userid, ["Owner"])
    request.setCreators((userid,))
    request.reindexObject()
    mails.tell_requester(request, "received")
    return request


def state_of(request):
    return api.content.get_state(obj=request)


def state_title(request, state=None):
    """The state's title in the workflow (an English msgid)."""
    wftool = api.portal.get_tool("portal_workflow")
    state = state or state_of(request)
    for workflow in wftool.getWorkflowsFor(request):
        if state in workflow.states:
            return workflow.states[state].title or state
    return state


def state_name(request, state=None):
    """The state's title in Vietnamese (the msgid read first: a literal
    inside ``_()`` would be taken for a msgid by the extraction tools)."""
    title = state_title(request, state)
    return in_vietnamese(_(title))


def check_read(request):
    refuse_unless(api.user.has_permission("View", obj=request), "support-request",
                  SupportForbidden, MSG_NOT_READER)


def check_handler(site=None):
    refuse_unless(D.can_handle(site), "support-step", SupportForbidden, MSG_NOT_HANDLER)


def _check_assignee(userid):
    if userid not in D.staff_ids():
        raise SupportRefused(MSG_ASSIGNEE, {"assignee": userid or "", "group": D.IT_GROUP},
                             "assignee")
    return userid


def _check_step(request, action):
    if action not in STEPS:
        raise SupportRefused(MSG_STEP_UNKNOWN, {"action": action or "",
                                                "steps": ", ".join(STEPS)}, "action")
    state = state_of(request)
    allowed = {"assign": OPEN_STATES, "start": ("new",), "resolve": ("in_progress",),
               "reject": OPEN_STATES}[action]
    if state not in allowed:
        raise SupportConflict(MSG_STEP_STATE, {"number": request.number, "action": action,
                                               "state": state_name(request, state)})


def take_step(request, action, assignee=None, reason=None, resolution=None, abbr=None,
              notation_abbr=None):
    """One step of the IT centre on a request: ``assign`` (to an officer),
    ``start`` (take in hand; assigned to the actor unless ``assignee``),
    ``resolve`` (``resolution`` what was done; a domain request creates the
    agency, ``abbr`` and ``notation_abbr`` defaulting to the suggestion),
    ``reject`` (``reason`` required). The requester is mailed.

    :raises: SupportForbidden (403), SupportRefused (400, field named),
        SupportConflict (409: not a step of the request's state)."""
    check_handler()
    _check_step(request, action)
    if action == "assign":
        request.assignee = _check_assignee(assignee)
        request.reindexObject()
        mails.tell_requester(request, "assigned")
        return request
    comment = ""
    if action == "start":
        request.assignee = _check_assignee(assignee or api.user.get_current().getId())
    elif action == "reject":
        request.reason = _text(reason, "reason", _("Reason for the refusal"),
                               MSG_REASON_REQUIRED)
        comment = request.reason
    elif action == "resolve":
        request.resolution = _text(resolution, "resolution", _("What was done"))
        comment = request.resolution
        if request.kind == DOMAIN:
            domains.create_agency(request, abbr, notation_abbr)
    if action in ("resolve", "reject"):
        request.closed = vietnam_timestamp()
    api.content.transition(obj=request, transition=action, comment=comment)
    request.reindexObject()
    return request


def history(request):
    """[{time (dd/mm/yyyy hh:mm), actor, state, comments}] of the workflow's steps."""
    rows = [row for rows in (getattr(request, "workflow_history", None) or {}).values()
            for row in rows]
    return [{"time": r["time"].asdatetime().astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M"),
             "actor": D.fullname(r["actor"]), "review_state": r["review_state"],
             "state": state_name(request, r["review_state"]),
             "comments": r.get("comments") or ""} for r in rows]


def _in_order(brains, newest_first=False):
    """Numbers are given in the order requests arrive: sorted by number, the
    order of arrival, even for two arriving in the same second."""
    def key(brain):
        return support_numbers.parse_number(brain.getId) or (0, 0)
    return sorted(brains, key=key, reverse=newest_first)


def _brains(**query):
    return api.portal.get_tool("portal_catalog")(portal_type=TYPE, **query)


def summary(request, today=None):
    """What the lists and REST show of one request."""
    today = today or vietnam_today()
    created = request.created().asdatetime().astimezone(VIETNAM)
    state = state_of(request)
    return {
        "@id": request.absolute_url(), "id": request.getId(), "number": request.number,
        "kind": request.kind, "kind_title": request.kind_title,
        "urgency": request.urgency, "urgency_title": request.urgency_title,
        "details": request.details, "review_state": state,
        "state_title": state_name(request, state),
        "requester": request.requester, "requester_name": request.requester_name,
        "requester_agency": request.requester_agency,
        "assignee": request.assignee, "assignee_name": D.fullname(request.assignee),
        "created": created.isoformat(),
        "age_days": support_times.age_days(created, today),
        "closed": request.closed.isoformat() if request.closed else None,
        "resolve_days": support_times.resolve_days(created, request.closed),
        "reason": request.reason, "resolution": request.resolution,
        "agency_name": request.agency_name,
        "suggested_abbr": domains.suggested_abbr(request),
        "created_agency": domains.created_agency_url(request),
        "attachment": (f"{request.absolute_url()}/@@download/attachment"
                       if request.attachment else None),
    }


def my_requests(userid=None):
    """The requests of one requester (the current user), newest first."""
    userid = userid or api.user.get_current().getId()
    return [brain.getObject() for brain in _in_order(_brains(Creator=userid), True)]


def queue(states=OPEN_STATES):
    """The IT centre's queue: the open requests, oldest first (they wait longest).

    :raises: SupportForbidden for anyone but the IT centre."""
    refuse_unless(D.can_handle(), "support-queue", SupportForbidden, MSG_QUEUE_READERS)
    return [brain.getObject() for brain in _in_order(_brains(review_state=list(states)))]
