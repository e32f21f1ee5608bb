"""1007 → 1008: the agency's tab “Rename, merge, dissolve” for site
managers (@@agency-changes)."""

from qlvbdh_policy import PROFILE_ID


def add_agency_changes_tab(context):
    context.runImportStepFromProfile("profile-" + PROFILE_ID, "actions", run_dependencies=False)
