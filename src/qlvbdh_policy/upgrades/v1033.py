"""1032 → 1033: support requests (issue 20, Quy chế Điều 10.4) —
collective.easyform installed, the types SupportDesk and SupportRequest,
the request's workflow bound in the site's chain, the role SupportStaff
and its permission, the site actions (Yêu cầu hỗ trợ, Yêu cầu của tôi,
hàng đợi), then the desk, the IT centre's group and the form ``ho-tro``
from its easyform export. The other workflows and roles are left as site
managers may have changed them."""

from plone import api
from qlvbdh_policy import PROFILE_ID
from qlvbdh_policy.support.desk import HANDLE_PERMISSION
from qlvbdh_policy.support.desk import SUPPORT_STAFF
from qlvbdh_policy.upgrades.new_types import add_types
from qlvbdh_policy.upgrades.v1027 import add_workflow

EASYFORM = "collective.easyform:default"
WORKFLOW = "qlvbdh_support_request_workflow"
CHAINS = {"SupportDesk": (), "SupportRequest": (WORKFLOW,)}
HANDLERS = ("Manager", "Site Administrator", SUPPORT_STAFF)


def add_support_requests(context):
    installer = api.portal.get_tool("portal_setup")
    if installer.getLastVersionForProfile(EASYFORM) == "unknown":
        installer.runAllImportStepsFromProfile("profile-" + EASYFORM)
    add_types(context, CHAINS)
    context.runImportStepFromProfile("profile-" + PROFILE_ID, "actions", run_dependencies=False)
    site = api.portal.get()
    if SUPPORT_STAFF not in site.validRoles():
        site._addRole(SUPPORT_STAFF)
    site.manage_permission(HANDLE_PERMISSION, HANDLERS, acquire=1)
    wftool = api.portal.get_tool("portal_workflow")
    add_workflow(wftool, WORKFLOW)
    for portal_type, chain in CHAINS.items():
        if wftool.getChainForPortalType(portal_type) != chain:
            wftool.setChainForPortalTypes([portal_type], chain)
    context.runImportStepFromProfile("profile-" + PROFILE_ID, "qlvbdh_policy.support",
                                     run_dependencies=False)
