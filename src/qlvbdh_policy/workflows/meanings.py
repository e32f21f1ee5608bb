"""What the states of a workflow mean, read from the workflow itself
(issue 22; the rules: rules/state_meanings.py).

A site manager sets the meaning with the state, on the ZMI state's
"Variables" tab (``waiting_for``, ``task``, ``phase``, ``in_book``,
``counts_overdue``); "Việc của tôi", the register books' filters, search
by state and the statistics read it here. A workflow is recognised by the
meanings it declares, never by its id: a copy made in the ZMI, with a state
added, counts as the shipped one does.

Reading is cheap and done once per request: the meanings of each workflow
are kept on the request, and the sets of state ids per group of meaning
(``states_in``) are computed from every workflow the document types are
bound to (the site's chain and every placeful policy's), so a count over
50,000 documents stays one catalog query and wakes no document.

The API the guardrails (the check page, the ZMI guards) use, kept stable:
``meaning_of``, ``meanings_of``, ``states_waiting_for``,
``actions_possible``, ``can_act``, ``declares_meanings``,
``workflows_for_type``, ``states_in``, ``document_meaning``.
"""

from plone import api
from Products.DCWorkflow.Transitions import TRIGGER_USER_ACTION
from qlvbdh_policy.rules import state_meanings as M
from zope.globalrequest import getRequest

#: the document types whose workflows carry meanings
DOCUMENT_TYPES = ("IncomingDocument", "OutgoingDocument")
_CACHE_KEY = "qlvbdh_policy.workflows.meanings"


def _cache():
    """A dict kept on the current request (a fresh one without a request:
    console scripts read the workflows each time)."""
    request = getRequest()
    if request is None:
        return {}
    cache = request.other.get(_CACHE_KEY) if hasattr(request, "other") else None
    if cache is None:
        cache = {}
        if hasattr(request, "other"):
            request.other[_CACHE_KEY] = cache
    return cache


def forget():
    """Drop what this request has read (after a workflow changed in it)."""
    request = getRequest()
    if request is not None and hasattr(request, "other"):
        request.other.pop(_CACHE_KEY, None)


def _cached(key, compute):
    cache = _cache()
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def _workflow(workflow):
    if isinstance(workflow, str):
        return api.portal.get_tool("portal_workflow").get(workflow)
    return workflow


def _values(state):
    return dict(state.var_values or {}) if getattr(state, "var_values", None) else {}


def meanings_of(workflow):
    """{state id: Meaning} of a workflow (object or id); {} for none."""
    workflow = _workflow(workflow)
    if workflow is None or getattr(workflow, "states", None) is None:
        return {}
    return _cached(("meanings", workflow.getId()), lambda: {
        state.getId(): M.meaning_from(_values(state))
        for state in workflow.states.objectValues()})


def meaning_of(workflow, state_id):
    """The Meaning of one state (rules.state_meanings.NOTHING when the
    state or its values are missing)."""
    return meanings_of(workflow).get(state_id, M.NOTHING)


def declares_meanings(workflow):
    """The workflow says who waits on at least one of its states: it is one
    of the document workflows (the shipped ones or a copy)."""
    workflow = _workflow(workflow)
    if workflow is None or getattr(workflow, "states", None) is None:
        return False
    return any(M.WAITING_FOR in _values(s) or M.PHASE in _values(s)
               for s in workflow.states.objectValues())


def states_waiting_for(workflow):
    """{state id: (kind, argument)} of the states someone waits on:
    ('clerk', None), ('role', 'DeputyLeader'), ('group', 'deputies') …"""
    return {state: meaning.who for state, meaning in meanings_of(workflow).items()
            if meaning.someone_waits}


def problems_of(workflow):
    """{state id: [(variable, value)]} of values the system does not understand."""
    workflow = _workflow(workflow)
    out = {}
    for state in workflow.states.objectValues() if workflow is not None else ():
        found = M.problems(_values(state))
        if found:
            out[state.getId()] = found
    return out


# -- who can leave a state ----------------------------------------------------------


def _site_roles_of(permission):
    def compute():
        portal = api.portal.get()
        return frozenset(r["name"] for r in portal.rolesOfPermission(permission)
                         if r.get("selected"))
    return _cached(("site-permission", permission), compute)


def _roles_with(workflow, state, permission):
    """The roles having ``permission`` in ``state``: the state's map when
    the workflow manages it, the site's otherwise (or acquired besides)."""
    mapped = (state.permission_roles or {}).get(permission) \
        if permission in (workflow.permissions or ()) else None
    if mapped is None:
        return _site_roles_of(permission)
    roles = frozenset(mapped)
    return roles if isinstance(mapped, tuple) else roles | _site_roles_of(permission)


def actions_possible(workflow, state_id):
    """{transition id: roles that pass its guard, or None when the guard
    does not narrow it by role or permission} of the user steps leaving
    ``state_id``. A guard's expression or group is not judged here (it
    depends on the document): it counts as passable."""
    workflow = _workflow(workflow)
    if workflow is None:
        return {}

    def compute():
        state = workflow.states.get(state_id)
        if state is None:
            return {}
        out = {}
        for tid in state.transitions or ():
            transition = workflow.transitions.get(tid)
            if transition is None or transition.trigger_type != TRIGGER_USER_ACTION:
                continue
            guard = transition.guard
            roles = None
            if guard is not None and guard.permissions:
                roles = frozenset().union(*(_roles_with(workflow, state, p)
                                            for p in guard.permissions))
            if guard is not None and guard.roles:
                roles = frozenset(guard.roles) if roles is None else roles & set(guard.roles)
            out[tid] = roles
        return out

    return _cached(("actions", workflow.getId(), state_id), compute)


def can_act(workflow, state_id, roles):
    """Someone holding ``roles`` may take a step out of ``state_id``
    (``roles`` None: not known, so yes)."""
    if roles is None:
        return True
    roles = set(roles)
    return any(allowed is None or allowed & roles
               for allowed in actions_possible(workflow, state_id).values())


# -- the workflows of the document types ----------------------------------------


def _chains_for(portal_type):
    wftool = api.portal.get_tool("portal_workflow")
    chains = [tuple(wftool.getChainForPortalType(portal_type))]
    ptool = api.portal.get_tool("portal_placeful_workflow")
    if ptool is not None:
        for policy_id in sorted(ptool.getWorkflowPolicyIds()):
            chain = ptool.getWorkflowPolicyById(policy_id).getChainFor(portal_type)
            if chain:
                chains.append(tuple(chain))
    return chains


def workflows_for_type(portal_type):
    """The workflows ``portal_type`` is bound to anywhere (the site's chain
    first, then each policy's; the first of each chain), that declare
    meanings."""
    def compute():
        wftool = api.portal.get_tool("portal_workflow")
        out = []
        for chain in _chains_for(portal_type):
            workflow = wftool.get(chain[0]) if chain else None
            if workflow is not None and workflow.getId() not in out \
                    and declares_meanings(workflow):
                out.append(workflow.getId())
        return tuple(out)
    return _cached(("workflows", portal_type), compute)


def states_in(portal_types, group):
    """Sorted state ids in ``group`` (rules.state_meanings.GROUPS) of the
    workflows ``portal_types`` (one or several) are bound to: what a
    catalog query on ``review_state`` takes. A state id that means one
    thing in one workflow and another in a second is in the group when
    either says so."""
    if isinstance(portal_types, str):
        portal_types = (portal_types,)

    def compute():
        found = set()
        for portal_type in portal_types:
            for wf_id in workflows_for_type(portal_type):
                found |= M.states_where(meanings_of(wf_id), group)
        return sorted(found)
    return list(_cached(("states-in", tuple(portal_types), group), compute))


#: what a catalog query on ``review_state`` takes for no state at all (an
#: empty list would make the catalog ignore the criterion and find everything)
NO_STATE = "-"


def query_states(portal_types, group, also=None):
    """``states_in`` as a ``review_state`` criterion, never empty;
    ``also``: another group the states must be in too."""
    found = set(states_in(portal_types, group))
    if also is not None:
        found &= set(states_in(portal_types, also))
    return sorted(found) or [NO_STATE]


def state_ids(portal_type):
    """Every state id of the workflows ``portal_type`` is bound to, the
    site's workflow's in its order first, then those states added in copies."""
    out = []
    for wf_id in workflows_for_type(portal_type):
        for state in meanings_of(wf_id):
            if state not in out:
                out.append(state)
    return out


def state_titles(portal_type):
    """{state id: title} over the workflows of ``portal_type`` (the site's
    workflow's title first)."""
    wftool = api.portal.get_tool("portal_workflow")
    out = {}
    for wf_id in workflows_for_type(portal_type):
        for state in wftool[wf_id].states.objectValues():
            out.setdefault(state.getId(), state.title or state.getId())
    return out


def document_workflow(doc):
    """The first workflow of the document's chain (placeful), or None."""
    workflows = api.portal.get_tool("portal_workflow").getWorkflowsFor(doc)
    return workflows[0] if workflows else None


def document_meaning(doc):
    """(workflow, state id, Meaning) of where the document stands."""
    workflow = document_workflow(doc)
    if workflow is None:
        return None, None, M.NOTHING
    state = workflow._getWorkflowStateOf(doc, id_only=True)
    return workflow, state, meaning_of(workflow, state)
