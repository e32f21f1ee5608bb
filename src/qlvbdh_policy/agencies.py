"""Agencies: a domain abbreviation is unique, because it is the subdomain
(and, through the name chooser, the folder id)."""

from plone import api
from plone.uuid.interfaces import IUUID
from qlvbdh_policy.validation import RefusedValue

MSG_DOMAIN_TAKEN = (
    "The domain abbreviation ${abbr} is already used by another agency; choose another."
)


class DomainAbbrTaken(RefusedValue):
    pass


def agency_with_domain(abbr, exclude_uid=None):
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Agency", domain_abbr=abbr):
        if brain.UID != exclude_uid:
            return brain
    return None


def on_agency_added(agency, event):
    if agency_with_domain(agency.domain_abbr, exclude_uid=IUUID(agency, None)):
        raise DomainAbbrTaken(MSG_DOMAIN_TAKEN, {"abbr": agency.domain_abbr}, "domain_abbr")
