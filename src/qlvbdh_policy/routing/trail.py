"""The processing trail of a document (quá trình xử lý): who did what,
when, with which comment and to whom — the TraceHeaderList of NĐ 30/2020
Phụ lục VI, printed on the phiếu giải quyết văn bản đến."""

from persistent.list import PersistentList
from plone import api
from Products.DCWorkflow.Transitions import TRIGGER_AUTOMATIC
from qlvbdh_policy import _
from qlvbdh_policy.timeutil import vietnam_timestamp
from zope.annotation.interfaces import IAnnotations

KEY = "qlvbdh_policy.routing.trail"
#: the trail's steps that are no workflow transition (a round of comments
#: on a draft, consultation/rounds.py), as the trail names them
STEP_TITLES = {
    "comment_request": _("Asked for comments"),
    "comment_answer": _("Answered the request for comments"),
    "comment_reminder": _("Reminded about comments"),
    # agencies/workflow_policies.py: the agency's workflow policy changed
    "switch_policy": _("Workflow policy switched"),
    # exchange/: edXML messages to organisations outside the province
    "edxml_sent": _("Sent outside the province (edXML)"),
    "edxml_recall": _("Recall sent outside the province (edXML)"),
    "edxml_update": _("Update sent outside the province (edXML)"),
    "edxml_replacement": _("Replacement sent outside the province (edXML)"),
    "edxml_replaced_by": _("Replaced by a later document (edXML)"),
    "edxml_status": _("Status received from outside the province (edXML)"),
    "edxml_change_request": _("The sender asks to recall, update or replace the document "
                              "(edXML)"),
    "edxml_change_agreed": _("Recall, update or replacement agreed (edXML)"),
    "edxml_change_refused": _("Recall, update or replacement refused (edXML)"),
    "edxml_updated": _("Updated by the sender (edXML)"),
}
DETAILS_KEY = "qlvbdh_trail_details"  # doActionFor's keyword: routing's details of the step


def principal_title(principal_id):
    """Full name of a user or title of a group, for the trail and the phiếu."""
    if not principal_id:  # a script outside any login
        return ""
    user = api.user.get(userid=principal_id)
    if user is not None:
        return user.getProperty("fullname") or principal_id
    group = api.group.get(groupname=principal_id)
    if group is not None:
        return group.getProperty("title") or principal_id
    return principal_id


def record(doc, action, comment="", to=(), **details):
    annotations = IAnnotations(doc)
    if KEY not in annotations:
        annotations[KEY] = PersistentList()
    actor = api.user.get_current()
    actor_id = actor.getId() if actor is not None else None
    entry = {
        "when": vietnam_timestamp(),
        "actor": actor_id,
        "actor_name": principal_title(actor_id),
        "action": action,
        "comment": comment or "",
        "to": [{"id": p, "title": principal_title(p)} for p in to],
    }
    entry.update(details)
    annotations[KEY].append(entry)
    return entry


def entries(doc):
    return [dict(e) for e in IAnnotations(doc).get(KEY, ())]


def on_transition(doc, event):
    """Every step a person takes goes into the trail, whichever way it came
    (form, REST @workflow, routing service); automatic steps do not."""
    transition = event.transition
    if transition is None or transition.trigger_type == TRIGGER_AUTOMATIC:
        return
    details = dict((event.kwargs or {}).get(DETAILS_KEY) or {})
    to = details.pop("to", ())
    record(doc, transition.id, (event.kwargs or {}).get("comment", ""), to=to, **details)
