"""1030 → 1031: comments on drafts (issue 20) — the people and departments
asked for comments hold ``Informed`` on the draft (consultation/rounds.py),
so the draft state of the outgoing workflow lets ``Informed`` read it.

Only that role is added to those three permissions of the draft state; the
workflow is otherwise left as it is (site managers may have changed it
through the web, which re-importing the ``workflow`` step would undo). The
existing drafts take the new permissions (one object each, no walk)."""

from plone import api

WORKFLOW = "qlvbdh_outgoing_workflow"
STATE = "draft"
ROLE = "Informed"
PERMISSIONS = ("Access contents information", "View", "List folder contents")


def let_commenters_read_drafts(setup_tool=None):
    wftool = api.portal.get_tool("portal_workflow")
    workflow = wftool.get(WORKFLOW)
    if workflow is None or STATE not in workflow.states:
        return 0
    state = workflow.states[STATE]
    for permission in PERMISSIONS:
        info = state.getPermissionInfo(permission)
        roles = tuple(info.get("roles") or ())
        if ROLE not in roles:
            state.setPermission(permission, bool(info.get("acquired")), roles + (ROLE,))
    catalog = api.portal.get_tool("portal_catalog")
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="OutgoingDocument",
                                                   review_state=STATE):
        doc = brain._unrestrictedGetObject()
        if workflow.updateRoleMappingsFor(doc):
            doc.reindexObjectSecurity()
            count += 1
    return count
