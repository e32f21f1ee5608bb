"""Vocabularies of site content: agencies, departments, registers."""

from plone import api
from qlvbdh_policy.agencies.lookups import agency_brains
from qlvbdh_policy.agencies.lookups import agency_of
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

@provider(IVocabularyFactory)
def Departments(context):
    """The departments of the agency the context lies in."""
    agency = agency_of(context)
    if agency is None:
        return SimpleVocabulary([])
    return _catalog_vocabulary(
        portal_type="Department", path={"query": "/".join(agency.getPhysicalPath()), "depth": 1}
    )

@provider(IVocabularyFactory)
def IncomingRegisters(context):
    """Open incoming registers of the context's agency, by id."""
    brains = agency_brains(
        context, portal_type="Register", register_kind="incoming", review_state="open",
        sort_on="sortable_title",
    )
    return SimpleVocabulary([SimpleTerm(b.getId, b.getId, b.Title) for b in brains])


class CatalogVocabulary(SimpleVocabulary):
    """The latest terms listed for a form's searchable list, and any other
    value the same query finds by its UID (a reply to an older document is
    valid, and shown when the document is edited)."""

    def __init__(self, terms, query, term_of):
        super().__init__(terms)
        self._query, self._term_of = query, term_of

    def _find(self, uid):
        if not isinstance(uid, str) or not uid:
            return None
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog.searchResults(UID=uid, **self._query)
        return self._term_of(brains[0]) if brains else None

    def __contains__(self, value):
        return super().__contains__(value) or self._find(value) is not None

    def getTerm(self, value):
        try:
            return super().getTerm(value)
        except LookupError:
            term = self._find(value)
            if term is None:
                raise
            return term

    def getTermByToken(self, token):
        try:
            return super().getTermByToken(token)
        except LookupError:
            term = self._find(token)
            if term is None:
                raise
            return term


ANSWERABLE_LIMIT = 300


def incoming_term(brain):
    number = f"số đến {brain.arrival_number:02d}" if brain.arrival_number else ""
    code = brain.document_code or ""
    title = " – ".join(p for p in (number, code, brain.Title) if p)
    return SimpleTerm(brain.UID, brain.UID, title)


@provider(IVocabularyFactory)
def AnswerableIncoming(context):
    """The incoming documents of the context's agency that the current user
    may open, latest first: what an outgoing document answers (văn bản
    trả lời, phúc đáp). The list offers the latest 300; the field takes any
    the user may open, searched with the same rights."""
    agency = agency_of(context)
    if agency is None:
        return SimpleVocabulary([])
    query = {"portal_type": "IncomingDocument",
             "path": "/".join(agency.getPhysicalPath())}
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.searchResults(sort_on="created", sort_order="reverse",
                                   sort_limit=ANSWERABLE_LIMIT, **query)[:ANSWERABLE_LIMIT]
    return CatalogVocabulary([incoming_term(b) for b in brains], query, incoming_term)


def outgoing_term(brain):
    return SimpleTerm(brain.UID, brain.UID, f"{brain.document_code} – {brain.Title}")


@provider(IVocabularyFactory)
def ReplaceableOutgoing(context):
    """The issued documents of the context's agency the current user may
    open, latest first: what an outgoing document replaces (edXML
    BussinessDocType 3; issuing checks that it was sent outside)."""
    agency = agency_of(context)
    if agency is None:
        return SimpleVocabulary([])
    query = {"portal_type": "OutgoingDocument", "review_state": "issued",
             "path": "/".join(agency.getPhysicalPath())}
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.searchResults(sort_on="created", sort_order="reverse",
                                   sort_limit=ANSWERABLE_LIMIT, **query)[:ANSWERABLE_LIMIT]
    return CatalogVocabulary([outgoing_term(b) for b in brains], query, outgoing_term)
