"""People of the context's agency, for routing forms: everyone in one of
its groups (nested department groups included), by full name."""

from plone import api
from qlvbdh_policy.rules.collation import sort_key
from qlvbdh_policy.rules.group_names import agency_group_ids
from qlvbdh_policy.vocabularies.content_vocabularies import agency_of
from qlvbdh_policy.vocabularies.content_vocabularies import children
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def agency_user_ids(agency):
    gtool = api.portal.get_tool("portal_groups")
    seen_groups, users = set(), set()
    todo = list(agency_group_ids(agency.getId()))
    while todo:
        gid = todo.pop()
        if gid in seen_groups:
            continue
        seen_groups.add(gid)
        group = gtool.getGroupById(gid)
        if group is None:
            continue
        for member in group.getGroupMemberIds():
            if gtool.getGroupById(member) is not None:
                todo.append(member)
            else:
                users.add(member)
    return users


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
