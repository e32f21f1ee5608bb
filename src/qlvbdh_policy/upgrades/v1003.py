"""1002 → 1003: routing — roles, per-step permissions, full workflows,
placeful policies, the inbox type, “Việc của tôi” indexes; then every
existing agency gets what a new one gets (groups, inbox, policy).

States of the 1002 workflows keep their ids (incoming "registered",
outgoing "draft" and "issued"), so documents keep their place.
"""

from plone import api
from qlvbdh_policy import PROFILE_ID
from qlvbdh_policy.agencies.setup import ensure_oversight_group
from qlvbdh_policy.agencies.setup import set_up_agency

STEPS = ("rolemap", "typeinfo", "workflow", "placeful_workflow", "catalog")
NEW_INDEXES = ["due_date", "waiting_for"]


def apply_routing(context):
    for step in STEPS:
        context.runImportStepFromProfile("profile-" + PROFILE_ID, step, run_dependencies=False)
    catalog = api.portal.get_tool("portal_catalog")
    ensure_oversight_group()
    for brain in catalog.unrestrictedSearchResults(portal_type="Agency"):
        set_up_agency(brain._unrestrictedGetObject())
    api.portal.get_tool("portal_workflow").updateRoleMappings()
    for brain in catalog.unrestrictedSearchResults(
        portal_type=["IncomingDocument", "OutgoingDocument"]
    ):
        brain._unrestrictedGetObject().reindexObject(idxs=NEW_INDEXES)
