"""1000 → 1001: the site defaults moved into the profile's registry.xml."""

from qlvbdh_policy import PROFILE_ID


def apply_site_defaults(context):
    context.runImportStepFromProfile(
        "profile-" + PROFILE_ID, "plone.app.registry", run_dependencies=False
    )
