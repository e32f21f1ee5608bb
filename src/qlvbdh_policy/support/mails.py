"""Mail to the requester on each change of a support request (Quy chế
Điều 10.4: the IT centre answers the user): received with its number,
assigned, taken in hand, resolved, refused with the reason. Queued in the
step's transaction (mail_queue.py, through routing/notifications.send):
a refused step sends nothing. The workflow's events send the steps' mails,
so a step taken from Plone's state menu is told too; a refusal without a
reason is refused there as well."""

from qlvbdh_policy import _
from qlvbdh_policy.agencies.vhosting import public_url_of
from qlvbdh_policy.content.validation import StepRefused
from qlvbdh_policy.routing.notifications import send
from qlvbdh_policy.routing.notifications import user_emails
from qlvbdh_policy.support import desk as D
from qlvbdh_policy.vietnamese import in_vietnamese

MSG_SUBJECT = _("Support request ${number}: ${state}")
MSG_RECEIVED = _("Your support request has been received as ${number}; the IT centre "
                 "will answer it.")
MSG_ASSIGNED = _("Your support request ${number} is assigned to ${name} of the IT centre.")
MSG_CHANGED = _("Your support request ${number} is now “${state}”.")
MSG_KIND_LINE = _("Kind: ${kind}")
MSG_REASON_LINE = _("Reason: ${reason}")
MSG_RESOLUTION_LINE = _("What was done: ${resolution}")
MSG_AGENCY_LINE = _("The agency is created: ${url}")
MSG_OPEN_LINE = _("Open it: ${url}")
MSG_REASON_REQUIRED = _("A refusal says its reason to the requester.")


def _vi(msgid, **mapping):
    return in_vietnamese(_(msgid, mapping=mapping))


def _body(request, what, state):
    number = request.number
    if what == "received":
        first = _vi(MSG_RECEIVED, number=number)
    elif what == "assigned":
        first = _vi(MSG_ASSIGNED, number=number, name=D.fullname(request.assignee))
    else:
        first = _vi(MSG_CHANGED, number=number, state=state)
    lines = [first, "", _vi(MSG_KIND_LINE, kind=request.kind_title or request.kind or "")]
    if what == "in_progress" and request.assignee:
        lines.append(_vi(MSG_ASSIGNED, number=number, name=D.fullname(request.assignee)))
    if what == "rejected" and request.reason:
        lines.append(_vi(MSG_REASON_LINE, reason=request.reason))
    if what == "resolved" and request.resolution:
        lines.append(_vi(MSG_RESOLUTION_LINE, resolution=request.resolution))
    if what == "resolved" and request.created_agency:
        from qlvbdh_policy.support.domains import created_agency_url

        lines.append(_vi(MSG_AGENCY_LINE, url=created_agency_url(request)))
    lines += ["", _vi(MSG_OPEN_LINE, url=public_url_of(request))]
    return "\n".join(lines)


def tell_requester(request, what):
    """``what``: received, assigned, or the state the request entered."""
    from qlvbdh_policy.support.tracking import state_name

    state = state_name(request)
    for email in user_emails(request.requester or "").values():
        send(email, _vi(MSG_SUBJECT, number=request.number, state=state),
             _body(request, what, state))


def refuse_reject_without_reason(request, event):
    """Before a refusal: its reason is the request's or the step's comment."""
    if event.transition is None or event.transition.id != "reject":
        return
    comment = (event.kwargs or {}).get("comment") or ""
    if not (request.reason or "").strip():
        if not comment.strip():
            raise StepRefused(MSG_REASON_REQUIRED, {}, "reason")
        request.reason = comment.strip()


def on_transition(request, event):
    if event.transition is None or event.old_state == event.new_state:
        return
    if event.new_state.id in ("resolved", "rejected") and request.closed is None:
        from qlvbdh_policy.timeutil import vietnam_timestamp

        request.closed = vietnam_timestamp()
    if event.new_state.id == "in_progress" and not request.assignee:
        from plone import api

        request.assignee = api.user.get_current().getId()
    tell_requester(request, event.new_state.id)
