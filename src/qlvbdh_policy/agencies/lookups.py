"""Lookups every feature shares: the agency of an object, its children, its
people. A low floor (ARCHITECTURE.md, floor 2): only Plone and the pure
rules below it, so vocabularies and content may use it."""

from Acquisition import aq_chain
from plone import api
from qlvbdh_policy.interfaces import IAgency
from qlvbdh_policy.rules.group_names import agency_group_ids


def agency_of(context):
    """The agency the context lies in (through acquisition), or None."""
    for obj in aq_chain(context):
        if IAgency.providedBy(obj):
            return obj
    return None


def children(container, portal_type):
    """Direct children of one type. (Dexterity items share one meta_type,
    so ``objectValues(portal_type)`` finds nothing.) For small folders only:
    a register is listed through the catalog."""
    return [obj for obj in container.objectValues() if obj.portal_type == portal_type]


def agency_brains(context, **query):
    """Catalog entries inside the context's agency (none outside one)."""
    agency = agency_of(context)
    if agency is None:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    query.setdefault("path", "/".join(agency.getPhysicalPath()))
    return catalog.unrestrictedSearchResults(**query)


def _members_through_pas(principal):
    group = api.portal.get_tool("portal_groups").getGroupById(principal)
    return None if group is None else group.getGroupMemberIds()


def user_ids_in(principal_ids, members=_members_through_pas):
    """The users among ``principal_ids`` and in their groups, nested groups
    followed (each group once). Ids that are neither groups nor users come
    back too; callers look each user up. ``members(principal)``: the member
    ids of a group, None for anything else (by default asked through PAS)."""
    seen, users = set(), set()
    todo = list(principal_ids)
    while todo:
        principal = todo.pop()
        if principal in seen:
            continue
        seen.add(principal)
        inside = members(principal)
        if inside is None:
            users.add(principal)
        else:
            todo.extend(inside)
    return users


def agency_user_ids(agency):
    """Everyone in one of the agency's groups."""
    return user_ids_in(agency_group_ids(agency.getId()))
