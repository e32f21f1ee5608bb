"""People of the context's agency, for routing forms: everyone in one of
its groups (nested department groups included), by full name."""

from plone import api
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.agencies.lookups import agency_user_ids
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.agencies.lookups import user_ids_in
from qlvbdh_policy.rules.collation import sort_key
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _people_terms(agency):
    terms = []
    for userid in agency_user_ids(agency):
        user = api.user.get(userid=userid)
        if user is not None:
            terms.append(SimpleTerm(userid, userid, user.getProperty("fullname") or userid))
    return sorted(terms, key=lambda t: sort_key(t.title))


@provider(IVocabularyFactory)
def AgencyPeople(context):
    agency = agency_of(context)
    return SimpleVocabulary(_people_terms(agency) if agency is not None else [])


@provider(IVocabularyFactory)
def AgencyHandlers(context):
    """Departments first (their heads forward), then people."""
    agency = agency_of(context)
    if agency is None:
        return SimpleVocabulary([])
    departments = [
        SimpleTerm(d.UID(), d.UID(), d.title) for d in children(agency, "Department")
    ]
    return SimpleVocabulary(departments + _people_terms(agency))


@provider(IVocabularyFactory)
def AgencyLeaders(context):
    """The leaders of the context's agency, by full name: who may sign its
    outgoing documents (người ký)."""
    agency = agency_of(context)
    if agency is None:
        return SimpleVocabulary([])
    leaders = user_ids_in([f"{agency.getId()}-leaders"])
    terms = [t for t in _people_terms(agency) if t.value in leaders]
    return SimpleVocabulary(terms)
