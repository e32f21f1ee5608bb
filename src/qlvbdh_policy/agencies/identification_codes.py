"""An agency's identification code (mã định danh) names one agency only:
the edXML inbox finds the agency a message is for by it (To/OrganId), so a
code two agencies hold would land the same document in both, and a code of
an organisation in the directory would route the province's own documents
outside (Quyết định 28/2018/QĐ-TTg Điều 10 khoản 2: one code per agency).
The add and edit forms name the field before anything is saved; REST and
code get the same refusal from the events."""

from plone import api
from plone.uuid.interfaces import IUUID
from qlvbdh_policy import _
from qlvbdh_policy.content.agency import IAgencySchema
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.exchange import directory
from qlvbdh_policy.interfaces import IAgency
from qlvbdh_policy.rules.organ_codes import normalized
from z3c.form import validator

MSG_CODE_HELD = _("Identification code: ${value} is already the code of ${holder}; "
                  "each agency has its own code.")


class CodeTaken(RefusedValue):
    pass


def code_holder(code, agency=None):
    """The name of whoever else holds ``code``: another agency of the
    province, or an organisation of the directory; None when free."""
    value = normalized(code)
    if not value:
        return None
    own = IUUID(agency, None) if agency is not None else None
    for brain in api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
            portal_type="Agency"):
        if brain.UID == own:
            continue
        other = brain._unrestrictedGetObject()
        if normalized(getattr(other, "agency_code", None)) == value:
            return other.title
    found = directory.organisation(value)
    return found["name"] if found else None


def check_free(code, agency=None):
    holder = code_holder(code, agency)
    if holder is not None:
        raise CodeTaken(MSG_CODE_HELD, {"value": normalized(code), "holder": holder},
                        "agency_code")


def on_agency_saved(agency, event):
    """Subscriber (added, modified): REST and code paths."""
    check_free(getattr(agency, "agency_code", None), agency)


class AgencyCodeValidator(validator.SimpleFieldValidator):
    def validate(self, value):
        super().validate(value)
        check_free(value, self.context if IAgency.providedBy(self.context) else None)


validator.WidgetValidatorDiscriminators(AgencyCodeValidator,
                                        field=IAgencySchema["agency_code"])
