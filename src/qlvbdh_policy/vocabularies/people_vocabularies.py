"""People of the context's agency, for routing forms: everyone in one of
its groups (nested department groups included), by full name."""

from plone import api
from qlvbdh_policy.rules.group_names import agency_group_ids
from qlvbdh_policy.vocabularies.content_vocabularies import agency_of
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
    return sorted(terms, key=lambda t: t.title)


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
        SimpleTerm(d.UID(), d.UID(), d.title) for d in agency.objectValues("Department")
    ]
    return SimpleVocabulary(departments + _people_terms(agency))


@provider(IVocabularyFactory)
def IncomingRegisters(context):
    """Open incoming registers of the context's agency."""
    agency = agency_of(context)
    if agency is None:
        return SimpleVocabulary([])
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Register", register_kind="incoming", review_state="open",
        path={"query": "/".join(agency.getPhysicalPath()), "depth": 1},
        sort_on="sortable_title",
    )
    return SimpleVocabulary([SimpleTerm(b.getId, b.getId, b.Title) for b in brains])


@provider(IVocabularyFactory)
def AgencyOutgoing(context):
    """Issued outgoing documents of the context's agency (replies)."""
    agency = agency_of(context)
    if agency is None:
        return SimpleVocabulary([])
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="OutgoingDocument", review_state=["issued", "archived"],
        path="/".join(agency.getPhysicalPath()), sort_on="created", sort_order="reverse",
        sort_limit=200,
    )[:200]
    return SimpleVocabulary([
        SimpleTerm(b.UID, b.UID, f"{b.document_code} – {b.Title}") for b in brains
    ])
