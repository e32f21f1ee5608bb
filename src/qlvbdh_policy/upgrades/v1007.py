"""1006 → 1007: the login policy of agency accounts. The login guard also
refuses disabled accounts, validates passwords (instead of Plone's
length-only plugin) and turns a bare name on an agency's host into that
agency's account (acl_users.login_transform). The member property must_change_password,
set on new and reset accounts; the agency's “Accounts” tab; the portal's
public address (qlvbdh.public_base_url) for links in cron mails."""

from pathlib import Path
from plone import api
from plone.app.registry.exportimport.handler import RegistryImporter
from plone.registry.interfaces import IRegistry
from qlvbdh_policy import PROFILE_ID
from qlvbdh_policy.accounts import lockout
from zope.component import getUtility

HOSTING_XML = (Path(__file__).resolve().parent.parent / "profiles" / "default" / "registry"
               / "hosting.xml")


def apply_login_policy(context):
    for step in ("memberdata-properties", "actions"):
        context.runImportStepFromProfile("profile-" + PROFILE_ID, step, run_dependencies=False)
    # this record alone: the whole registry step would reset managers' settings
    environ = context._getImportContext("profile-" + PROFILE_ID)
    RegistryImporter(getUtility(IRegistry), environ).importDocument(HOSTING_XML.read_bytes())
    lockout.install(api.portal.get().acl_users)
