"""The check page "Kiểm tra quy trình" (issue 22): per agency, the
documents stuck where no one present may take a step, and the states no
one waits on, with counts (the rules: rules/workflow_check.py).

The workflows are the ones the agency's policy binds to the document
types; what a state asks and who may leave it are read from the workflow
(``workflows.meanings``: the state's variables, the guards of its user
steps). The catalog counts each state (one query per state); only the
documents of a state that the agency's own roles cannot leave are woken,
to read the roles given on them (the handler's, the department head's).
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.agencies.workflow_policies import chains_of
from qlvbdh_policy.agencies.workflow_policies import count_in
from qlvbdh_policy.interfaces import IAgency
from qlvbdh_policy.rules import workflow_check as W
from qlvbdh_policy.vietnamese import in_vietnamese
from qlvbdh_policy.workflow_guards import usage
from qlvbdh_policy.workflows import meanings
from qlvbdh_policy.workflows import titles

REASON_NO_STEP = _("No step leads out of this state.")
REASON_NO_ONE = _("No one in the agency or on the document may take a step out of this "
                  "state (${steps}).")


def _someone_in(principal):
    """A user, or a group with members (an empty group holds a role for
    no one: the deputies' group before any deputy is named)."""
    group = api.portal.get_tool("portal_groups").getGroupById(principal)
    return group is None or bool(group.getGroupMemberIds())


def _local_roles(obj):
    roles = set()
    for principal, held in (getattr(aq_base(obj), "__ac_local_roles__", None) or {}).items():
        if _someone_in(principal):
            roles.update(held)
    return roles


def roles_on(obj, agency):
    """The roles held on ``obj`` and its containers up to the agency."""
    roles, node, top = set(), obj, agency.getPhysicalPath()
    while node is not None:
        roles |= _local_roles(node)
        if node.getPhysicalPath() == top or getattr(aq_base(node),
                                                    "__ac_local_roles_block__", False):
            break
        node = aq_parent(aq_inner(node))
    return roles


def _titled(wf, state_id):
    state = wf.states.get(state_id)
    return in_vietnamese(_(state.title or state_id)) if state is not None else state_id


def _document(obj, wf, state_id, reason):
    return {"url": obj.absolute_url(), "title": obj.Title(),
            "code": getattr(obj, "document_code", None) or "",
            "portal_type": obj.portal_type, "workflow": wf.getId(),
            "state": state_id, "state_title": _titled(wf, state_id),
            "reason": in_vietnamese(reason)}


def _stuck_in(agency, pt, wf, state_id, meaning, agency_roles):
    """The documents of type ``pt`` in ``state_id`` no one may move on."""
    if not W.expects_a_step(meaning.phase, meaning.someone_waits):
        return []
    actions = meanings.actions_possible(wf, state_id)
    if W.passable(actions, W.present(agency_roles)):
        return []
    if actions:
        reason = _(REASON_NO_ONE, mapping={"steps": ", ".join(
            in_vietnamese(_(wf.transitions[t].title or t)) for t in sorted(actions))})
    else:
        reason = REASON_NO_STEP
    catalog = api.portal.get_tool("portal_catalog")
    stuck = []
    for brain in catalog.unrestrictedSearchResults(
            path="/".join(agency.getPhysicalPath()), portal_type=pt, review_state=state_id):
        obj = brain._unrestrictedGetObject()
        if W.is_stuck(meaning.phase, meaning.someone_waits, actions, roles_on(obj, agency)):
            stuck.append(_document(obj, wf, state_id, reason))
    return stuck


def check_agency(agency):
    """{"agency", "stuck", "stuck_count", "unwaited_states"} of one agency."""
    wftool = api.portal.get_tool("portal_workflow")
    chains = chains_of(agency)
    agency_roles = _local_roles(agency)
    stuck, unwaited = [], {}
    for pt in meanings.DOCUMENT_TYPES:
        chain = chains.get(pt)
        if not chain or chain[0] not in wftool.objectIds():
            continue
        wf = wftool[chain[0]]
        for state_id in sorted(wf.states.objectIds()):
            meaning = meanings.meaning_of(wf, state_id)
            stuck += _stuck_in(agency, pt, wf, state_id, meaning, agency_roles)
            if W.waits_on_no_one(meaning.phase, meaning.someone_waits):
                entry = unwaited.setdefault((wf.getId(), state_id), {
                    "workflow": wf.getId(), "workflow_title": titles.workflow_title(wf),
                    "state": state_id, "title": _titled(wf, state_id), "count": 0})
                entry["count"] += count_in(agency, portal_type=pt, review_state=state_id)
    return {
        "agency": {"id": agency.getId(), "title": agency.title, "url": agency.absolute_url(),
                   "policy_url": f"{agency.absolute_url()}/@@workflow-policy"},
        "stuck": stuck, "stuck_count": len(stuck),
        "unwaited_states": [unwaited[k] for k in sorted(unwaited)],
    }


def check(context):
    """The check of the agency ``context``, or of every agency (the site)."""
    agencies = [context] if IAgency.providedBy(context) else usage.agencies()
    found = [check_agency(a) for a in agencies]
    return {"agencies": found, "stuck_count": sum(a["stuck_count"] for a in found),
            "unwaited_count": sum(len(a["unwaited_states"]) for a in found)}
