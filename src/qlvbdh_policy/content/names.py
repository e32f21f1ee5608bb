"""An agency's folder id is its domain abbreviation."""

from plone.app.content.interfaces import INameFromTitle
from qlvbdh_policy.interfaces import IAgency
from zope.component import adapter
from zope.interface import implementer


@implementer(INameFromTitle)
@adapter(IAgency)
class AgencyNameFromDomain:
    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        return self.context.domain_abbr
