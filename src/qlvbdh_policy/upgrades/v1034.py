"""1033 → 1034: the archive reads the documents of the case files handed
over to it or accepted (issue 19, ``casefiles/archive_access.py``).

- the role ArchiveReader in the site;
- in every workflow bound to incoming or outgoing documents (the site's
  chains and each placeful policy's), every state gives ArchiveReader
  View and Access contents information: added to the states as they are,
  so what site managers changed through the web is kept;
- the documents of the case files already handed over or accepted: the
  archive's grant recorded, their role mappings brought up to date and
  their security reindexed. No other document is touched: the grant of a
  later hand-over brings a document's mapping up to date itself."""

from plone import api
from qlvbdh_policy import roles as R
from qlvbdh_policy.casefiles import archive_access
from qlvbdh_policy.casefiles.handover import GIVEN_STATES

DOCUMENT_TYPES = ("IncomingDocument", "OutgoingDocument")
PERMISSIONS = ("View", "Access contents information")


def add_role(portal):
    if R.ARCHIVE_READER not in portal.validRoles():
        portal._addRole(R.ARCHIVE_READER)


def document_workflows(wftool):
    """The ids of the workflows that documents may run under."""
    ids = set()
    for portal_type in DOCUMENT_TYPES:
        ids.update(wftool.getChainForPortalType(portal_type) or ())
    ptool = api.portal.get_tool("portal_placeful_workflow")
    for policy_id in ptool.getWorkflowPolicyIds():
        policy = ptool.getWorkflowPolicyById(policy_id)
        for portal_type in DOCUMENT_TYPES:
            ids.update(policy.getChainFor(portal_type) or ())
    return sorted(i for i in ids if i in wftool.objectIds())


def let_the_archive_read(workflow):
    """ArchiveReader added to View and Access contents information of each
    state that lacks it; the rest of the state as it is."""
    for state in workflow.states.objectValues():
        for permission in PERMISSIONS:
            if permission not in workflow.permissions:
                continue
            info = state.getPermissionInfo(permission)
            roles = list(info["roles"] or ())
            if R.ARCHIVE_READER not in roles:
                state.setPermission(permission, info["acquired"], roles + [R.ARCHIVE_READER])


def archive_reads(context):
    portal = api.portal.get()
    add_role(portal)
    wftool = api.portal.get_tool("portal_workflow")
    for workflow_id in document_workflows(wftool):
        let_the_archive_read(wftool[workflow_id])
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="CaseFile", review_state=list(GIVEN_STATES))
    for brain in brains:
        archive_access.sync(brain._unrestrictedGetObject())
