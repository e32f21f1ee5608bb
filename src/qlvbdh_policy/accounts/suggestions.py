"""The naming rules of Quy chế Điều 6 applied to the site's data: an
account name among the names already given, a domain abbreviation among
the agencies. Refusals name the field, in Vietnamese (HTTP 400 in REST)."""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.accounts.directory import names_in_use
from qlvbdh_policy.agencies.abbreviations import domain_abbr
from qlvbdh_policy.agencies.abbreviations import former_abbrs
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.rules import domain_names
from qlvbdh_policy.rules import usernames

MSG_EMPTY_NAME = _("Full name: write the person's full name.")
MSG_BAD_YEAR = _("Birth year: “${value}” is not a year.")
MSG_ALL_TAKEN = _("Every account name of Article 6.2 (${names}) is already used; "
                  "the administrator chooses another name.")
MSG_NEED_YEAR = _("Every account name of Article 6.2 (${names}) is already used; give the "
                  "birth year (its last two digits are added) or choose another name.")
MSG_EMPTY_AGENCY = _("Agency name: write the agency's Vietnamese name.")

USERNAME_REFUSALS = {
    usernames.EMPTY: (MSG_EMPTY_NAME, "full_name"),
    usernames.BAD_YEAR: (MSG_BAD_YEAR, "birth_year"),
    usernames.ALL_TAKEN: (MSG_ALL_TAKEN, "full_name"),
    usernames.NEED_YEAR: (MSG_NEED_YEAR, "birth_year"),
}


class SuggestionRefused(RefusedValue):
    """The rule gives no name for this input."""


def suggest(full_name, birth_year, taken):
    """The rule's name, or SuggestionRefused naming the field."""
    try:
        return usernames.suggest_username(full_name, birth_year, taken)
    except usernames.UsernameError as error:
        msgid, field = USERNAME_REFUSALS[error.kind]
        raise SuggestionRefused(msgid, {"names": ", ".join(error.options),
                                        "value": str(error.value or "")}, field) from None


def username_for(agency, full_name, birth_year=None):
    """Names are unique within the agency: another agency's
    ``nguyenthanhphuc`` is no clash (logins are ``name@abbr``)."""
    taken = names_in_use(agency)
    name = suggest(full_name, birth_year, taken)
    return {"username": name, "options": usernames.candidates(full_name, birth_year),
            "taken": [o for o in usernames.candidates(full_name, birth_year) if o in taken]}


def domain_abbr_for(site, name):
    """Agencies are folders of the site named by their first abbreviation;
    each agency's abbreviation now and its former ones (they redirect) stay
    its own; the system's own names (``domain_names.RESERVED``) are nobody's."""
    taken = set(site.objectIds()) | domain_names.RESERVED
    for brain in api.content.find(context=site, portal_type="Agency", unrestricted=True):
        agency = brain._unrestrictedGetObject()
        taken.add(domain_abbr(agency))
        taken.update(former_abbrs(agency))
    try:
        options = domain_names.candidates(name)
        abbr = domain_names.suggest_domain_abbr(name, taken)
    except domain_names.DomainAbbrError:
        raise SuggestionRefused(MSG_EMPTY_AGENCY, {}, "name") from None
    return {"domain_abbr": abbr, "options": options,
            "taken": [o for o in options if o in taken]}
