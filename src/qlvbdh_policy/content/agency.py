"""Agency (Cơ quan): a province agency, its folder id is its domain
abbreviation (Quy chế Điều 6.1: sttt.vpdtg.vn)."""

from plone.base.interfaces import INavigationRoot
from plone.dexterity.content import Container
from plone.supermodel import model
from qlvbdh_policy import _
from qlvbdh_policy.content.fields import PlainTextLine
from qlvbdh_policy.content.validation import refuse
from qlvbdh_policy.interfaces import IAgency
from qlvbdh_policy.rules import domain_names
from qlvbdh_policy.rules import organ_codes
from qlvbdh_policy.rules import plain_text
from zope import schema
from zope.interface import implementer

DOMAIN_ABBR = domain_names.PATTERN


class InvalidDomainAbbr(schema.ValidationError):
    __doc__ = _(
        "Use 2 to 31 lowercase letters a-z and digits, starting with a letter, "
        "without diacritics or spaces (e.g. sttt, ubndcb)."
    )


class ReservedDomainAbbr(schema.ValidationError):
    __doc__ = _(
        "This name is kept for the system itself (www, mail, api, admin, "
        "province …); choose another abbreviation."
    )


def check_domain_abbr(value):
    if not DOMAIN_ABBR.match(value or ""):
        raise InvalidDomainAbbr(value)
    if domain_names.is_reserved(value):
        raise ReservedDomainAbbr(value)
    return True


def check_code(value):
    """Mã định danh: printable, on one line (rules/plain_text.py), written
    as Quyết định 28/2018 Điều 10.2.a says (rules/organ_codes.py): the edXML
    inbox finds the agency a message is for by it."""
    refuse(plain_text.refuse_control(value, "agency_code", _("Identification code")))
    refuse(organ_codes.refuse_code(value, "agency_code"))
    return "\n" not in value and "\r" not in value


class IAgencySchema(model.Schema):
    title = PlainTextLine(title=_("Agency name"))
    domain_abbr = schema.ASCIILine(
        title=_("Domain abbreviation"),
        description=_(
            "The agency's subdomain, e.g. sttt for sttt.vpdtg.vn. Changing it "
            "renames the agency's host and its accounts' logins (name@abbr); "
            "the old host redirects to the new one."
        ),
        constraint=check_domain_abbr,
    )
    notation_abbr = PlainTextLine(
        title=_("Abbreviation in document notation"),
        description=_("Used in ký hiệu văn bản, e.g. STTTT in 05/QĐ-STTTT."),
    )
    agency_code = schema.ASCIILine(
        title=_("Identification code"),
        description=_("Mã định danh of the agency for electronic exchange."),
        required=False,
        constraint=check_code,
    )
    level = schema.Choice(title=_("Level"), vocabulary="qlvbdh.AgencyLevels")
    address = PlainTextLine(title=_("Address"), required=False)
    email = PlainTextLine(title=_("E-mail"), required=False)
    phone = PlainTextLine(title=_("Phone"), required=False)


@implementer(IAgency, INavigationRoot)
class Agency(Container):
    """Cơ quan. A navigation root, as Plone's subsites are: on the agency's
    host its search, live search, help and refusal pages, favicon and
    breadcrumbs start at the agency, not at the province's portal."""
