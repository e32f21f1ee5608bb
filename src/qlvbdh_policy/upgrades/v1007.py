"""1006 → 1007: the login policy of agency accounts. The login guard also
refuses disabled accounts, validates passwords (instead of Plone's
length-only plugin) and turns a bare name on an agency's host into that
agency's account (acl_users.login_transform). The member property must_change_password,
set on new and reset accounts; the agency's “Accounts” tab; the portal's
public address (qlvbdh.public_base_url) for links in cron mails."""

from plone import api
from qlvbdh_policy import PROFILE_ID
from qlvbdh_policy.accounts import lockout
from qlvbdh_policy.upgrades.v1002 import import_registry_file


def apply_login_policy(context):
    for step in ("memberdata-properties", "actions"):
        context.runImportStepFromProfile("profile-" + PROFILE_ID, step, run_dependencies=False)
    import_registry_file(context, "hosting.xml")
    lockout.install(api.portal.get().acl_users)
