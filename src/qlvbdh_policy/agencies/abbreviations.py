"""Agencies: a domain abbreviation is unique, because it is the subdomain
(and, through the name chooser, the folder id)."""

from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.uuid.interfaces import IUUID
from qlvbdh_policy import _
from qlvbdh_policy.content.validation import RefusedValue

MSG_DOMAIN_TAKEN = _(
    "The domain abbreviation ${abbr} is already used by another agency; choose another."
)


class DomainAbbrTaken(RefusedValue):
    pass


def on_agency_added(agency, event):
    """A new agency's abbreviation is nobody's host, not even a renamed
    agency's old one (that host redirects)."""
    if abbr_holder(api.portal.get(), agency.domain_abbr, agency) is not None:
        raise DomainAbbrTaken(MSG_DOMAIN_TAKEN, {"abbr": agency.domain_abbr}, "domain_abbr")
    agency._abbr_served = agency.domain_abbr  # what its logins carry (renaming.py)


def domain_abbr(agency):
    """The abbreviation the agency's host and its accounts' logins carry now.
    The folder id is the first one and stays: groups, local roles and the
    trail name the agency by it."""
    return getattr(agency, "domain_abbr", None) or agency.getId()


def former_abbrs(agency):
    return tuple(getattr(agency, "former_abbrs", None) or ())


def agency_by_abbr(site, abbr):
    """(agency, current): the agency whose host is ``abbr`` now (current
    True) or was before a rename (current False); (None, False) for none.
    Read from the agencies themselves on every call, so a new, renamed or
    removed agency needs no other record kept in step."""
    catalog = site.portal_catalog
    for brain in catalog.unrestrictedSearchResults(portal_type="Agency", domain_abbr=abbr):
        return brain._unrestrictedGetObject(), True
    for brain in catalog.unrestrictedSearchResults(portal_type="Agency"):
        agency = brain._unrestrictedGetObject()
        if abbr in former_abbrs(agency):
            return agency, False
    return None, False


def abbr_holder(site, abbr, agency=None):
    """An agency other than ``agency`` whose host is or was ``abbr``, or None:
    an abbreviation, once used, stays that agency's (its old host redirects)."""
    own = IUUID(agency, None) if agency is not None else None
    for brain in site.portal_catalog.unrestrictedSearchResults(portal_type="Agency"):
        if brain.UID == own:
            continue
        other = brain._unrestrictedGetObject()
        if abbr == domain_abbr(other) or abbr in former_abbrs(other):
            return other
    return None


def archived_on(agency):
    """When the agency became an archive (dissolved or merged), or None."""
    return getattr(agency, "dissolved_on", None) or getattr(agency, "merged_on", None)


def receiving_agency(agency):
    """The agency a merged one was merged into (it lies inside it), or None."""
    uid = getattr(agency, "merged_into", None)
    return uuidToObject(uid, unrestricted=True) if uid else None
