"""1005 → 1006: agency accounts. The permission “Manage agency accounts”
for agency admins (on their own agency, through their local role)."""

from qlvbdh_policy import PROFILE_ID


def apply_agency_accounts(context):
    context.runImportStepFromProfile("profile-" + PROFILE_ID, "rolemap", run_dependencies=False)
