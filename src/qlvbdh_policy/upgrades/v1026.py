"""1025 → 1026: the emulation criteria and their weights (Quy chế Điều 12,
issue 18): the registry record ``qlvbdh.emulation_criteria`` with the
profile's defaults, added only when the site has none (weights a site
manager set are kept), and its control panel's entry."""

from plone import api
from plone.registry import field
from plone.registry import Record
from qlvbdh_policy import PROFILE_ID
from qlvbdh_policy.rules.emulation import DEFAULT_LINES
from qlvbdh_policy.stats.emulation import RECORD


def add_emulation_criteria(context=None):
    registry = api.portal.get_tool("portal_registry")
    if RECORD not in registry.records:
        record = Record(field.List(title="Emulation criteria and weights",
                                   value_type=field.TextLine(), required=False))
        record.value = list(DEFAULT_LINES)
        registry.records[RECORD] = record
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(f"profile-{PROFILE_ID}", "controlpanel",
                                   run_dependencies=False)
