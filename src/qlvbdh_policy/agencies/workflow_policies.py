"""Switching an agency to another workflow policy without losing where its
documents stand.

DCWorkflow keeps state per workflow id, so a document bound to a new
workflow would otherwise fall back to the initial state. Each document of
the agency whose chain changes gets its current state carried over (to the
nearest state the new workflow has), then its permissions recomputed. Only
that agency's documents are touched.
"""

from DateTime import DateTime
from plone import api
from qlvbdh_policy.agencies.setup import policy_config

# A state the new workflow lacks → the state it stands for there.
FALLBACK_STATES = {"submitted": "registered"}


class UnknownPolicy(ValueError):
    pass


def _carry_state(obj, old_wf, new_wf):
    history = obj.workflow_history.get(old_wf.id) or ()
    if not history:
        return
    state = history[-1].get("review_state")
    if state not in new_wf.states:
        state = FALLBACK_STATES.get(state, new_wf.initial_state)
    entry = {
        "action": None, "actor": api.user.get_current().getId(),
        "comments": f"Chuyển quy trình: {old_wf.id} → {new_wf.id}",
        "review_state": state, "time": DateTime(),
    }
    obj.workflow_history[new_wf.id] = tuple(obj.workflow_history.get(new_wf.id, ())) + (entry,)


def switch_policy(agency, policy_id):
    ptool = api.portal.get_tool("portal_placeful_workflow")
    if ptool.getWorkflowPolicyById(policy_id) is None:
        raise UnknownPolicy(policy_id)
    wftool = api.portal.get_tool("portal_workflow")
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(path="/".join(agency.getPhysicalPath()))
    objects = [b._unrestrictedGetObject() for b in brains]
    before = {id(o): wftool.getChainFor(o) for o in objects}
    config = policy_config(agency, create=True)
    config.setPolicyIn(policy_id)
    config.setPolicyBelow(policy_id)
    changed = 0
    for obj in objects:
        old_chain, new_chain = before[id(obj)], wftool.getChainFor(obj)
        if tuple(old_chain) == tuple(new_chain):
            continue
        for old_id, new_id in zip(old_chain, new_chain):
            _carry_state(obj, wftool[old_id], wftool[new_id])
        for wf_id in new_chain:
            wftool[wf_id].updateRoleMappingsFor(obj)
        obj.reindexObject(idxs=["review_state"])
        obj.reindexObjectSecurity()
        changed += 1
    return changed
