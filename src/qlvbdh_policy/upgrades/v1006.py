"""1005 → 1006: agency accounts. The permission “Manage agency accounts”
for agency admins (on their own agency, through their local role); the
login guard (lockout after repeated wrong passwords, last login) first
among the site's authentication plugins."""

from plone import api
from qlvbdh_policy import PROFILE_ID
from qlvbdh_policy.accounts import lockout


def apply_agency_accounts(context):
    context.runImportStepFromProfile("profile-" + PROFILE_ID, "rolemap", run_dependencies=False)
    lockout.install(api.portal.get().acl_users)
