"""1001 → 1002: the domain core — types, workflows, catalog, vocabularies.

The vocabulary records are imported on their own (``import_registry_file``,
which later upgrades use too): re-running the whole registry step would
reset site settings that managers may have changed.
"""

from pathlib import Path
from plone import api
from plone.app.registry.exportimport.handler import RegistryImporter
from plone.registry.interfaces import IRegistry
from qlvbdh_policy import PROFILE_ID
from zope.component import getUtility

REGISTRY_DIR = Path(__file__).resolve().parent.parent / "profiles" / "default" / "registry"


def import_registry_file(context, filename):
    """Import one file of profiles/default/registry/ alone."""
    environ = context._getImportContext("profile-" + PROFILE_ID)
    RegistryImporter(getUtility(IRegistry), environ).importDocument(
        (REGISTRY_DIR / filename).read_bytes()
    )


def import_vocabulary_records(context):
    import_registry_file(context, "vocabularies.xml")


def apply_domain_core(context):
    for step in ("typeinfo", "workflow", "catalog", "repositorytool"):
        context.runImportStepFromProfile("profile-" + PROFILE_ID, step, run_dependencies=False)
    import_vocabulary_records(context)
    api.portal.get_tool("portal_workflow").updateRoleMappings()
