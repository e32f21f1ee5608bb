"""Vocabularies of site content: agencies, departments, registers."""

from Acquisition import aq_chain
from plone import api
from qlvbdh_policy.interfaces import IAgency
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _catalog_vocabulary(**query):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(sort_on="sortable_title", **query)
    return SimpleVocabulary([SimpleTerm(b.UID, b.UID, b.Title) for b in brains])


@provider(IVocabularyFactory)
def Agencies(context):
    """Every agency of the province, by UID."""
    return _catalog_vocabulary(portal_type="Agency")


def agency_of(context):
    for obj in aq_chain(context):
        if IAgency.providedBy(obj):
            return obj
    return None


@provider(IVocabularyFactory)
def Departments(context):
    """The departments of the agency the context lies in."""
    agency = agency_of(context)
    if agency is None:
        return SimpleVocabulary([])
    return _catalog_vocabulary(
        portal_type="Department", path={"query": "/".join(agency.getPhysicalPath()), "depth": 1}
    )
