"""1001 → 1002: the domain core — types, workflows, catalog, vocabularies.

The vocabulary records are imported on their own: re-running the whole
registry step would reset site settings that managers may have changed.
"""

from pathlib import Path
from plone import api
from plone.app.registry.exportimport.handler import RegistryImporter
from plone.registry.interfaces import IRegistry
from qlvbdh_policy import PROFILE_ID
from zope.component import getUtility

VOCABULARIES_XML = (
    Path(__file__).resolve().parent.parent / "profiles" / "default" / "registry"
    / "vocabularies.xml"
)


def import_vocabulary_records(context):
    environ = context._getImportContext("profile-" + PROFILE_ID)
    RegistryImporter(getUtility(IRegistry), environ).importDocument(
        VOCABULARIES_XML.read_bytes()
    )


def apply_domain_core(context):
    for step in ("typeinfo", "workflow", "catalog", "repositorytool"):
        context.runImportStepFromProfile("profile-" + PROFILE_ID, step, run_dependencies=False)
    import_vocabulary_records(context)
    api.portal.get_tool("portal_workflow").updateRoleMappings()
