"""1026 → 1027: hồ sơ (issue 19) — the types FilePlan, FilePlanEntry and
CaseFile (allowed in an agency), their workflows bound in the site's chain
and in the agencies' placeful policies, the catalog index of the case
files holding a document.

The two new workflows are made from the profile's definitions; the
existing workflows and policies are otherwise left as they are (site
managers may have changed them through the web, which re-importing the
whole ``workflow`` step would undo); so are the other types (the
``typeinfo`` step would reset them all). No content exists of the new types:
nothing is reindexed."""

from pathlib import Path
from plone import api
from Products.DCWorkflow.DCWorkflow import DCWorkflowDefinition
from Products.DCWorkflow.exportimport import _initDCWorkflow
from Products.DCWorkflow.exportimport import WorkflowDefinitionConfigurator
from qlvbdh_policy.upgrades.new_types import add_types

PROFILE = Path(__file__).resolve().parent.parent / "profiles" / "default"
#: portal type → its chain, in the site and in every policy of the project
CHAINS = {"FilePlan": ("qlvbdh_file_plan_workflow",), "FilePlanEntry": (),
          "CaseFile": ("qlvbdh_case_file_workflow",)}
POLICIES = ("qlvbdh_standard", "qlvbdh_simple")
INDEX = "case_file_documents"


def add_workflow(wftool, workflow_id):
    if workflow_id in wftool.objectIds():
        return False
    wftool._setObject(workflow_id, DCWorkflowDefinition(workflow_id))
    workflow = wftool[workflow_id]
    xml = (PROFILE / "workflows" / workflow_id / "definition.xml").read_bytes()
    parsed = WorkflowDefinitionConfigurator(workflow).parseWorkflowXML(xml)
    (_id, title, state_variable, initial_state, states, transitions, variables, worklists,
     permissions, groups, scripts, description, manager_bypass, creation_guard) = parsed
    _initDCWorkflow(workflow, title, description, manager_bypass, creation_guard,
                    state_variable, initial_state, states, transitions, variables, worklists,
                    permissions, groups, scripts, None)
    return True


def bind(wftool, chains=CHAINS):
    """Bind new types' chains in the site and in the project's policies,
    leaving types the policies already bind as they are."""
    for portal_type, chain in chains.items():
        if wftool.getChainForPortalType(portal_type) != chain:
            wftool.setChainForPortalTypes([portal_type], chain)
    ptool = api.portal.get_tool("portal_placeful_workflow")
    for policy_id in POLICIES:
        policy = ptool.getWorkflowPolicyById(policy_id)
        if policy is None:
            continue
        for portal_type, chain in chains.items():
            if policy.getChainFor(portal_type) is None:
                policy.setChain(portal_type, chain)


def add_case_files(context):
    add_types(context, list(CHAINS),
              allowed_in=[("Agency", "FilePlan"), ("Agency", "CaseFile")])
    wftool = api.portal.get_tool("portal_workflow")
    for workflow_id in ("qlvbdh_file_plan_workflow", "qlvbdh_case_file_workflow"):
        add_workflow(wftool, workflow_id)
    bind(wftool)
    catalog = api.portal.get_tool("portal_catalog")
    if INDEX not in catalog._catalog.indexes:
        catalog.addIndex(INDEX, "KeywordIndex")
