"""``gather`` reads the catalog's and the group store's data directly
(stats/indicators.py, for the province dashboard's speed): the same
accounts as ``agencies.lookups.agency_user_ids``, nested groups and a
site taking groups from elsewhere included, and the same figures as read
through brains."""

from plone import api
from qlvbdh_policy.agencies.lookups import agency_user_ids
from qlvbdh_policy.rules import periods as P
from qlvbdh_policy.stats import indicators as I
from routing_fixtures import make_province


def test_accounts_are_agency_user_ids(portal):
    a, b = make_province(portal)
    with api.env.adopt_roles(["Manager"]):
        api.group.create(groupname="sttt-to-cong-tac")
        api.user.create(email="tct@example.vn", username="tct", password="To-cong-tac-2026")
        api.group.add_user(groupname="sttt-to-cong-tac", username="tct")
        portal.acl_users.source_groups.addPrincipalToGroup("sttt-to-cong-tac", "sttt-staff")
    for agency in (a, b):
        assert I.agency_accounts(agency) == frozenset(agency_user_ids(agency)), agency.getId()
    assert "tct" in I.agency_accounts(a) and "tct" not in I.agency_accounts(b)
    # a group of the agency missing from the site is not counted as an account
    with api.env.adopt_roles(["Manager"]):
        api.group.delete(groupname="sttt-archivists")
    assert "sttt-archivists" not in I.agency_accounts(a)
    assert I.agency_accounts(a) == frozenset(agency_user_ids(a)) - {"sttt-archivists"}
    # a second group store: no shortcut, PAS is asked
    from Products.PluggableAuthService.interfaces.plugins import IGroupEnumerationPlugin
    from Products.PluggableAuthService.plugins.ZODBGroupManager import addZODBGroupManager

    assert I._group_members() is not None
    addZODBGroupManager(portal.acl_users, "more_groups")
    portal.acl_users.plugins.activatePlugin(IGroupEnumerationPlugin, "more_groups")
    assert I._group_members() is None
    assert I.agency_accounts(a) == frozenset(agency_user_ids(a)) - {"sttt-archivists"}


def test_index_values_and_days_as_brains_give_them(portal, clock):
    from stats_fixtures import november

    a, _b, docs = november(portal, clock)
    catalog = I._Catalog()
    for doc in docs.values():
        brain = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(UID=doc.UID())[0]
        rid = brain.getRID()
        for index in ("channels", "departments", "handlers", "Creator"):
            assert catalog.values(index, rid) == I._values(
                catalog.tool._catalog.getIndex(index).getEntryForObject(rid, None)), index
        for index in ("arrival_date", "issued_date", "due_date", "completed_on"):
            assert catalog.days(index)(rid) == I._day(getattr(brain, index)), index
    assert I.gather(a, P.month(2026, 11)).registered


def test_many_agencies_at_once_give_what_each_gives_alone(portal, clock):
    from stats_fixtures import november

    a, b, _docs = november(portal, clock)
    for period in (P.month(2026, 11), P.whole_year(2026), P.month(2026, 10)):
        together = I.gather_many([b, a], period)
        shared = I.gather_many([b, a], period, shared=True)
        assert [I.figures(d) for d in shared] == [I.figures(d) for d in together]
        assert I.figures_many([b, a], period)[0] == [I.figures(d) for d in together]
        for agency, docs in zip((b, a), together):
            alone = I.gather(agency, period)
            assert I.figures(docs) == I.figures(alone), (agency.getId(), period)
            assert docs.accounts == alone.accounts and docs.logins == alone.logins
            for name in ("registered", "completed", "open", "issued"):
                assert sorted(e._rid for e in getattr(docs, name)) == sorted(
                    e._rid for e in getattr(alone, name)), name
