"""1034 → 1038: what the document workflows' states mean becomes data on
the workflows (issue 22, ``workflows/meanings.py``).

- the variables ``waiting_for``, ``task``, ``phase``, ``in_book`` and
  ``counts_overdue`` in each workflow documents run under (the site's
  chains and each placeful policy's), where missing;
- their values on each state of the shipped workflows, read from the
  profile's definition.xml, and on the states of the copies site managers
  made (the same state id in the shipped workflow they most resemble) —
  only where a state has no value yet: what site managers set through the
  web is kept, nothing else of a workflow is touched (no re-import);
- the role DeputyLeader and, per agency, the group ``<abbr>-deputies``
  holding it on the agency (as at creation);
- the documents of agencies running a copy reindexed (``waiting_for``):
  "Việc của tôi" now reads the meanings; under the shipped workflows it
  finds what it found before, so their documents are not woken."""

from plone import api
from Products.DCWorkflow.exportimport import _extractStateNodes
from qlvbdh_policy import roles as R
from qlvbdh_policy.agencies.setup import ensure_agency_groups
from qlvbdh_policy.agencies.setup import policy_config
from qlvbdh_policy.rules import state_meanings as M
from qlvbdh_policy.upgrades.v1034 import document_workflows
from qlvbdh_policy.workflows import meanings
from xml.dom.minidom import parseString

import os

SHIPPED = ("qlvbdh_incoming_workflow", "qlvbdh_incoming_simple_workflow",
           "qlvbdh_outgoing_workflow")
PROFILE_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "profiles", "default",
                           "workflows")


def shipped_meanings(workflow_id):
    """{state id: ({variable: value}, exit transitions)} of a shipped
    workflow as its definition.xml says."""
    with open(os.path.join(PROFILE_DIR, workflow_id, "definition.xml"), "rb") as f:
        root = parseString(f.read())
    return {info["state_id"]: ({name: v["value"] for name, v in info["variables"].items()},
                               tuple(info["transitions"]))
            for info in _extractStateNodes(root)}


def ensure_variables(workflow):
    """The meaning variables in the workflow, never stored per document."""
    for name in M.VARIABLES:
        if name not in workflow.variables.objectIds():
            workflow.variables.addVariable(name)
            workflow.variables[name].setProperties(
                description=M.DESCRIPTIONS[name], for_catalog=0, for_status=0,
                update_always=0)


def closest_shipped(workflow, tables):
    """The shipped workflow the workflow resembles most: itself, else the
    one with most states of the same id and the same exits."""
    if workflow.getId() in tables:
        return workflow.getId()

    def score(wf_id):
        return sum(1 for state in workflow.states.objectValues()
                   if state.getId() in tables[wf_id]
                   and set(state.transitions) == set(tables[wf_id][state.getId()][1]))
    return max(SHIPPED, key=score)


def fill_meanings(workflow, tables):
    """Each state given the shipped values it lacks; values set kept."""
    table = tables[closest_shipped(workflow, tables)]
    for state in workflow.states.objectValues():
        values, _exits = table.get(state.getId(), ({}, ()))
        have = dict(state.var_values or {})
        for name, value in values.items():
            if name not in have:
                state.addVariable(name, value)


def add_meanings(context):
    portal = api.portal.get()
    if R.DEPUTY_LEADER not in portal.validRoles():
        portal._addRole(R.DEPUTY_LEADER)
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Agency"):
        ensure_agency_groups(brain._unrestrictedGetObject())
    wftool = api.portal.get_tool("portal_workflow")
    tables = {wf_id: shipped_meanings(wf_id) for wf_id in SHIPPED}
    for wf_id in document_workflows(wftool):
        workflow = wftool[wf_id]
        ensure_variables(workflow)
        fill_meanings(workflow, tables)
    meanings.forget()
    for brain in catalog.unrestrictedSearchResults(portal_type="Agency"):
        agency = brain._unrestrictedGetObject()
        if runs_a_copy(agency, wftool):
            for doc in catalog.unrestrictedSearchResults(
                    path=brain.getPath(), portal_type=list(meanings.DOCUMENT_TYPES)):
                doc._unrestrictedGetObject().reindexObject(idxs=["waiting_for", "waiting_tasks"])


def runs_a_copy(agency, wftool):
    """The agency's documents run under a workflow that is not shipped."""
    config = policy_config(agency)
    policy = config.getPolicyBelow() if config is not None else None
    for portal_type in meanings.DOCUMENT_TYPES:
        chain = (policy.getChainFor(portal_type) if policy is not None else None) \
            or wftool.getChainForPortalType(portal_type)
        if any(wf_id not in SHIPPED for wf_id in chain or ()):
            return True
    return False
