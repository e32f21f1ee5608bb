"""Switching an agency to another workflow policy without losing where its
documents stand: the one operation the REST service (@workflow-policy) and
the agency's page use (issue 22).

DCWorkflow keeps state per workflow id, so a document bound to a new
workflow would otherwise fall back to the initial state. Each document of
the agency whose chain changes gets its state carried over (the same id,
or the state the site manager maps it to, ``rules.state_mapping``); a
state that reaches none is refused, naming the state and the documents,
and nothing changes. The documents touched, and only they, are reindexed
(state, who waits, their security where the role map changed) and get an
entry in their trail (NĐ 30/2020 Phụ lục VI: the processing trail).
"""

from DateTime import DateTime
from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.agencies.setup import policy_config
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.routing import trail
from qlvbdh_policy.routing.my_work import STEP_INDEXES
from qlvbdh_policy.rules import state_mapping
from qlvbdh_policy.vietnamese import in_vietnamese
from qlvbdh_policy.workflows import meanings
from qlvbdh_policy.workflows import titles

#: the trail's action of a switch (routing.trail.STEP_TITLES names it)
TRAIL_ACTION = "switch_policy"
#: a type only the project's policies (and their copies) bind
PROJECT_TYPE = "IncomingDocument"
#: how many documents a refusal names before "…"
NAMED_DOCUMENTS = 5

#: the titles of the shipped policies (profiles/default/portal_placeful_workflow),
#: msgids translated where a policy is named
POLICY_TITLES = (_("Agency: leader directs"), _("Small agency: the clerk assigns"))

MSG_UNKNOWN_POLICY = _("Workflow policy: “${policy}” is not one of the policies offered for "
                       "agencies (${offered}).")
MSG_BAD_MAPPING = _("Workflow policy: the mapping must be a JSON object of state id → state "
                    "id.")
MSG_UNKNOWN_TARGET = _("Workflow policy: the mapping sends the state “${state}” to "
                       "“${target}”, which the workflow “${workflow}” does not have. Nothing "
                       "was changed.")
MSG_UNMAPPED = _("Workflow policy: the workflow “${workflow}” has no state “${state}” "
                 "(${state_id}), where ${count} documents stand: ${documents}. Name in the "
                 "mapping the state they take. Nothing was changed.")
MSG_SWITCHED = _("Workflow policy switched: ${old} → ${new}")


class PolicyRefused(RefusedValue):
    pass


#: the name the first callers knew
UnknownPolicy = PolicyRefused


def _placeful_tool():
    return api.portal.get_tool("portal_placeful_workflow")


def policy_title(policy):
    """The policy's title in Vietnamese (the shipped titles are msgids)."""
    return titles.policy_title(policy)


def offered_policies():
    """[{"id", "title"}] of the policies an agency may use: the project's
    and copies of them (they bind the project's document types), never
    Plone's stock ones (Intranet, One state …), which bind none."""
    ptool = _placeful_tool()
    offered = []
    for policy_id in sorted(ptool.getWorkflowPolicyIds()):
        policy = ptool.getWorkflowPolicyById(policy_id)
        if policy.getChainFor(PROJECT_TYPE):
            offered.append({"id": policy_id, "title": policy_title(policy)})
    return offered


def current_policy(agency):
    config = policy_config(agency)
    return config.getPolicyInId() if config is not None else None


def _chain_under(policy, portal_type, wftool):
    """The chain of ``portal_type`` under ``policy`` (None: no policy)."""
    chain = policy.getChainFor(portal_type) if policy is not None else None
    if chain is None:
        chain = wftool.getChainForPortalType(portal_type)
    return tuple(chain)


def _chains(policy_id):
    """{portal type: chain} under the policy ``policy_id`` (or none)."""
    policy = _placeful_tool().getWorkflowPolicyById(policy_id) if policy_id else None
    wftool = api.portal.get_tool("portal_workflow")
    types = api.portal.get_tool("portal_types").listContentTypes()
    return {pt: _chain_under(policy, pt, wftool) for pt in types}


def chains_of(agency):
    """{portal type: chain} in force in the agency (its policy, else the
    site's chains): what the workflow guards compare before and after."""
    return _chains(current_policy(agency))


def count_in(agency, **query):
    """How many of the agency's objects match the catalog ``query``."""
    return len(_brains(agency, **query))


def _brains(agency, **query):
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.unrestrictedSearchResults(path="/".join(agency.getPhysicalPath()), **query)


def _documents(agency, portal_types):
    """The agency's objects of ``portal_types`` (one catalog query)."""
    if not portal_types:
        return []
    return [b._unrestrictedGetObject() for b in _brains(agency, portal_type=sorted(portal_types))]


def _state_in(obj, wf):
    history = obj.workflow_history.get(wf.id) or ()
    return history[-1].get("review_state") if history else None


def states_in_use(agency):
    """{workflow id: {state id: number of documents}} of the agency, counted
    by the catalog (``review_state`` of each type's first workflow)."""
    wftool = api.portal.get_tool("portal_workflow")
    in_use = {}
    for pt, chain in sorted(_chains(current_policy(agency)).items()):
        if not chain:
            continue
        wf = wftool[chain[0]]
        for state in wf.states:
            count = len(_brains(agency, portal_type=pt, review_state=state))
            if count:
                counts = in_use.setdefault(wf.id, {})
                counts[state] = counts.get(state, 0) + count
    return in_use


def mapping_needs(agency, policy_id):
    """{state id: (old workflow, new workflow)} of the states in use that
    the workflows of ``policy_id`` lack: what a switch to it must be told."""
    wftool = api.portal.get_tool("portal_workflow")
    old, new = _chains(current_policy(agency)), _chains(policy_id)
    needs = {}
    for pt in sorted(old):
        if not old[pt] or not new[pt] or old[pt][0] == new[pt][0]:
            continue
        old_wf, new_wf = wftool[old[pt][0]], wftool[new[pt][0]]
        for state in old_wf.states:
            if state not in new_wf.states and len(
                    _brains(agency, portal_type=pt, review_state=state)):
                needs[state] = (old_wf, new_wf)
    return needs


def needed_mapping(agency, policy_id):
    """{state id: suggested state or None} of ``mapping_needs``: the
    shipped counterpart, else one that means the same (workflows/meanings)."""
    return {state: state_mapping.suggested({state: 1}, new_wf.states).get(state)
            or state_mapping.suggested_by_meaning(meanings.meaning_of(old_wf, state),
                                                  meanings.meanings_of(new_wf))
            for state, (old_wf, new_wf) in sorted(mapping_needs(agency, policy_id).items())}


def agencies_using(policy_id):
    """[(agency, number of its documents)] of the agencies whose policy, in
    them or below, is ``policy_id``: what deleting or remapping it would
    leave in states their new workflows do not know."""
    from qlvbdh_policy.interfaces import IOfficialDocument

    catalog = api.portal.get_tool("portal_catalog")
    using = []
    for brain in catalog.unrestrictedSearchResults(portal_type="Agency", sort_on="sortable_title"):
        agency = brain._unrestrictedGetObject()
        config = policy_config(agency)
        if config is not None and policy_id in (config.getPolicyInId(),
                                                config.getPolicyBelowId()):
            count = len(_brains(agency, object_provides=IOfficialDocument.__identifier__))
            using.append((agency, count))
    return using


def policy_info(agency):
    """What @workflow-policy and the agency's page show: the policy, the
    policies offered (each with the mapping a switch to it needs) and the
    states in use."""
    wftool = api.portal.get_tool("portal_workflow")
    in_use = states_in_use(agency)
    offered = [dict(p, needs_mapping=needed_mapping(agency, p["id"]))
               for p in offered_policies()]
    current = current_policy(agency)
    return {
        "policy": next((p for p in offered if p["id"] == current),
                       {"id": current, "title": current or "", "needs_mapping": {}}),
        "offered": offered,
        "states_in_use": [
            {"workflow": wf_id, "workflow_title": titles.workflow_title(wftool[wf_id]),
             "state": state, "title": in_vietnamese(_(wftool[wf_id].states[state].title)),
             "count": count}
            for wf_id, states in sorted(in_use.items()) for state, count in sorted(states.items())
            if state in wftool[wf_id].states],
    }


def _label(obj):
    code = getattr(obj, "document_code", None)
    title = obj.Title() or obj.getId()
    return f"{code} – {title}" if code else title


def _named(labels):
    shown = ", ".join(labels[:NAMED_DOCUMENTS])
    return shown + (", …" if len(labels) > NAMED_DOCUMENTS else "")


def _moves(objects, before, wftool):
    """[(obj, old wf, new wf)] of each changed chain, and {(old, new): {state:
    [labels]}} of the states in use there."""
    moves, in_use = [], {}
    for obj in objects:
        new_chain = wftool.getChainFor(obj)
        if tuple(before[id(obj)]) == tuple(new_chain):
            continue
        for old_id, new_id in zip(before[id(obj)], new_chain):
            if old_id == new_id:
                continue
            old_wf, new_wf = wftool[old_id], wftool[new_id]
            moves.append((obj, old_wf, new_wf))
            state = _state_in(obj, old_wf)
            if state is not None:
                pair = in_use.setdefault((old_wf, new_wf), {})
                pair.setdefault(state, []).append(_label(obj))
        moves.extend((obj, None, wftool[wf_id]) for wf_id in new_chain[len(before[id(obj)]):])
    return moves, in_use


def _check(in_use, mapping):
    """Raises ``PolicyRefused`` for the first state, or mapped state, the
    new workflows lack."""
    for (old_wf, new_wf), states in in_use.items():
        for state, target in state_mapping.unknown_targets(
                {s: t for s, t in mapping.items() if s in states}, new_wf.states):
            raise PolicyRefused(MSG_UNKNOWN_TARGET, {
                "state": state, "target": target, "workflow": titles.workflow_title(new_wf)},
                "mapping")
        for state, labels in state_mapping.unmapped(states, new_wf.states, mapping).items():
            raise PolicyRefused(MSG_UNMAPPED, {
                "workflow": titles.workflow_title(new_wf), "state_id": state,
                "state": in_vietnamese(_(old_wf.states[state].title)),
                "count": len(labels), "documents": _named(labels)}, "mapping")


def _carry_state(obj, old_wf, new_wf, mapping, comment):
    state = _state_in(obj, old_wf)
    if state is None:
        return None, None
    new_state = state_mapping.target(state, new_wf.states, mapping)
    entry = {
        # the switch, named as the trail names it (not taken for the creation)
        "action": TRAIL_ACTION, "actor": api.user.get_current().getId(),
        "comments": comment, "review_state": new_state, "time": DateTime(),
    }
    obj.workflow_history[new_wf.id] = tuple(obj.workflow_history.get(new_wf.id, ())) + (entry,)
    return state, new_state


def _apply(moves, mapping, comment, wftool):
    """Carries the states over; returns [(obj, from state, to state, whether
    its role map changed)] of the documents touched."""
    touched = {}
    for obj, old_wf, new_wf in moves:
        entry = touched.setdefault(id(obj), [obj, None, None])
        if old_wf is not None:
            old_state, new_state = _carry_state(obj, old_wf, new_wf, mapping, comment)
            if old_state is not None:
                entry[1:] = [old_state, new_state]
    return [(obj, old, new, any([wftool[wf_id].updateRoleMappingsFor(obj)
                                 for wf_id in wftool.getChainFor(obj)]))
            for obj, old, new in touched.values()]


def switch_policy(agency, policy_id, mapping=None):
    """Puts the agency (and everything in it) under ``policy_id``; returns
    the number of documents whose workflow changed. Refuses, changing
    nothing, a policy not offered, a malformed mapping, a state it cannot
    carry over."""
    mapping = {} if mapping is None else mapping
    if not state_mapping.mapping_is_well_formed(mapping):
        raise PolicyRefused(MSG_BAD_MAPPING, {}, "mapping")
    offered = offered_policies()
    if policy_id not in [p["id"] for p in offered]:
        raise PolicyRefused(MSG_UNKNOWN_POLICY, {
            "policy": str(policy_id or ""), "offered": ", ".join(p["id"] for p in offered)}, "policy")
    wftool = api.portal.get_tool("portal_workflow")
    old_chains, new_chains = _chains(current_policy(agency)), _chains(policy_id)
    objects = _documents(agency, {pt for pt in new_chains if old_chains[pt] != new_chains[pt]})
    before = {id(o): wftool.getChainFor(o) for o in objects}
    config = policy_config(agency, create=True)
    old_in, old_below = config.getPolicyInId(), config.getPolicyBelowId()
    config.setPolicyIn(policy_id)
    config.setPolicyBelow(policy_id)
    moves, in_use = _moves(objects, before, wftool)
    try:
        _check(in_use, mapping)
    except PolicyRefused:
        config.setPolicyIn(old_in)
        config.setPolicyBelow(old_below)
        raise
    ptool = _placeful_tool()
    old_title = policy_title(ptool.getWorkflowPolicyById(old_in)) if old_in else "—"
    comment = in_vietnamese(_(MSG_SWITCHED, mapping={
        "old": old_title, "new": policy_title(ptool.getWorkflowPolicyById(policy_id))}))
    touched = _apply(moves, mapping, comment, wftool)
    for obj, old_state, new_state, secured in touched:
        obj.reindexObject(idxs=["review_state"] + STEP_INDEXES)
        if secured:
            obj.reindexObjectSecurity()
        if old_state is not None:
            trail.record(obj, TRAIL_ACTION, comment, from_state=old_state,
                         to_state=new_state, old_policy=old_in, new_policy=policy_id)
    return len(touched)
