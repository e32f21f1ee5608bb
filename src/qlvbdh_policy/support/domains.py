"""A request for an agency's domain name (Quy chế Điều 6.1.c: an agency
asks the IT centre for its subdomain): the abbreviation suggested by the
regulation's rule (rules/domain_names.py), and, once the request is
resolved, the agency created through the province's own loading
(agencies/province.py), which sets it up as any new agency (groups,
inbox, workflow policy: agencies/setup.py) with this year's registers."""

from plone import api
from plone.app.uuid.utils import uuidToObject
from qlvbdh_policy import _
from qlvbdh_policy.agencies import province
from qlvbdh_policy.agencies.abbreviations import abbr_holder
from qlvbdh_policy.agencies.abbreviations import domain_abbr
from qlvbdh_policy.agencies.abbreviations import former_abbrs
from qlvbdh_policy.agencies.abbreviations import MSG_DOMAIN_TAKEN
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.rules import domain_names
from qlvbdh_policy.support.kinds import DOMAIN

MSG_ABBR_INVALID = _("“${abbr}” is not a domain abbreviation: 2 to 31 lower-case letters "
                     "a-z or digits, a letter first (Quy chế Điều 6.1).")
MSG_ABBR_RESERVED = _("“${abbr}” is kept by the system and cannot be an agency's domain.")
MSG_NO_SUGGESTION = _("No domain abbreviation can be proposed for “${name}”: give one.")


class DomainRefused(RefusedValue):
    """A domain abbreviation that cannot be given (HTTP 400, field ``abbr``)."""


def taken_abbrs(site=None):
    """Every abbreviation an agency has or had (its old hosts redirect)."""
    site = site or api.portal.get()
    taken = set()
    for brain in site.portal_catalog.unrestrictedSearchResults(portal_type="Agency"):
        agency = brain._unrestrictedGetObject()
        taken.add(domain_abbr(agency))
        taken.update(former_abbrs(agency))
    return taken | set(site.objectIds())


def suggested_abbr(request):
    """The first free abbreviation for the agency named in a domain request,
    or None (not a domain request, or no name)."""
    if request.kind != DOMAIN or not request.agency_name:
        return None
    try:
        return domain_names.suggest_domain_abbr(request.agency_name, taken_abbrs())
    except domain_names.DomainAbbrError:
        return None


def check_abbr(abbr, site=None):
    site = site or api.portal.get()
    if not domain_names.PATTERN.match(abbr or ""):
        raise DomainRefused(MSG_ABBR_INVALID, {"abbr": abbr or ""}, "abbr")
    if domain_names.is_reserved(abbr):
        raise DomainRefused(MSG_ABBR_RESERVED, {"abbr": abbr}, "abbr")
    if abbr_holder(site, abbr) is not None or abbr in site.objectIds():
        raise DomainRefused(MSG_DOMAIN_TAKEN, {"abbr": abbr}, "abbr")
    return abbr


def create_agency(request, abbr=None, notation_abbr=None):
    """The agency of a resolved domain request; its url kept on the request.

    :raises: DomainRefused naming ``abbr``."""
    site = api.portal.get()
    abbr = (abbr or "").strip().lower() or suggested_abbr(request)
    if not abbr:
        raise DomainRefused(MSG_NO_SUGGESTION, {"name": request.agency_name or ""}, "abbr")
    check_abbr(abbr, site)
    row = {"domain_abbr": abbr, "title": request.agency_name,
           "notation_abbr": (notation_abbr or "").strip() or abbr.upper()}
    with api.env.adopt_roles(["Manager"]):
        agency, _new = province.ensure_agency(site, row)
        province.ensure_registers(agency)
    request.created_agency = agency.UID()
    return agency


def created_agency_url(request):
    uid = getattr(request, "created_agency", None)
    agency = uuidToObject(uid, unrestricted=True) if uid else None
    return agency.absolute_url() if agency is not None else None
