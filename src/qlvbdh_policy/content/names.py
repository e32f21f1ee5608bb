"""An agency's folder id is its domain abbreviation; a case file's, its
title, or its file plan entry's when it takes the entry's (plone.restapi
chooses the id before the case file is filled from its entry)."""

from plone import api
from plone.app.content.interfaces import INameFromTitle
from qlvbdh_policy.interfaces import IAgency
from qlvbdh_policy.interfaces import ICaseFile
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


@implementer(INameFromTitle)
@adapter(ICaseFile)
class CaseFileName:
    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        if self.context.title:
            return self.context.title
        uid = getattr(self.context, "plan_entry", None)
        if not uid:
            return None
        brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
            UID=uid, portal_type="FilePlanEntry")
        return brains[0].Title if brains else None
