"""1027 → 1028: hand-over of case files to the agency's archive (issue 19).

- the role Archivist (Lưu trữ viên cơ quan) in the site, and per agency the
  group ``<abbr>-archivists`` holding it on the agency (as at creation);
- the case file workflow's states ``handed_over`` and ``accepted`` and its
  three steps, made from the profile's definition: the workflow came with
  1027 and has no state of its own to keep; the role mappings of the case
  files that exist are brought up to date, and their security reindexed
  (a case file is one object: no folder below it).

The other workflows and policies are left as they are."""

from plone import api
from qlvbdh_policy import roles as R
from qlvbdh_policy.agencies.setup import ensure_agency_groups
from qlvbdh_policy.upgrades.v1027 import add_workflow

WORKFLOW = "qlvbdh_case_file_workflow"


def add_role(portal):
    if R.ARCHIVIST not in portal.validRoles():
        portal._addRole(R.ARCHIVIST)


def replace_workflow(wftool):
    """The shipped definition replaces the old one at once, under the same
    id: the case files keep their states. Removed without events, which
    would run the guard that refuses to delete a workflow documents use
    (``workflow_guards/removal.py``, meant for site managers' deletions)."""
    if WORKFLOW in wftool.objectIds():
        wftool._delObject(WORKFLOW, suppress_events=True)
    add_workflow(wftool, WORKFLOW)


def add_hand_over(context):
    portal = api.portal.get()
    add_role(portal)
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Agency"):
        ensure_agency_groups(brain._unrestrictedGetObject())
    wftool = api.portal.get_tool("portal_workflow")
    replace_workflow(wftool)
    workflow = wftool[WORKFLOW]
    for brain in catalog.unrestrictedSearchResults(portal_type="CaseFile"):
        case_file = brain._unrestrictedGetObject()
        if workflow.updateRoleMappingsFor(case_file):
            case_file.reindexObjectSecurity()
