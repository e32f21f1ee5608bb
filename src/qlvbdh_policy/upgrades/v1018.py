"""1017 → 1018: a leader sends a submitted incoming document back to the
clerks (trả lại, with a reason) or passes it to another leader (issue 16).

The two transitions are added to the incoming workflow as the profile
defines them, and offered from its state “submitted”; the rest of the
workflow is left as it is (site managers may have changed it through the
web, which re-importing the whole definition would undo)."""

from plone import api
from Products.DCWorkflow.Transitions import TRIGGER_USER_ACTION

WORKFLOW = "qlvbdh_incoming_workflow"
STATE = "submitted"
# id → (title, new state, action url)
TRANSITIONS = {
    "pass_leader": ("Pass to another leader", "", "%(content_url)s/@@pass-leader"),
    "send_back": ("Send back to the clerk", "registered",
                  "%(content_url)s/@@step?transition=send_back"),
}
GUARD_PERMISSION = "qlvbdh_policy: Assign document"


def add_leader_steps(context):
    wf = api.portal.get_tool("portal_workflow").getWorkflowById(WORKFLOW)
    if wf is None:
        return
    for transition_id, (title, new_state, url) in TRANSITIONS.items():
        if transition_id in wf.transitions.objectIds():
            continue
        if new_state and new_state not in wf.states.objectIds():
            continue
        wf.transitions.addTransition(transition_id)
        wf.transitions[transition_id].setProperties(
            title=title, new_state_id=new_state, trigger_type=TRIGGER_USER_ACTION,
            actbox_name=title, actbox_url=url, actbox_category="workflow",
            props={"guard_permissions": GUARD_PERMISSION},
        )
    state = wf.states.get(STATE)
    if state is not None:
        missing = [t for t in TRANSITIONS if t in wf.transitions.objectIds()
                   and t not in state.transitions]
        state.transitions = tuple(state.transitions) + tuple(missing)
