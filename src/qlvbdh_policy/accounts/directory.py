"""Who is an account of which agency, and what it holds there.

An agency's account logs in as ``name@abbr`` (the bare ``name`` on the
agency's own host) and holds the agency's groups. Accounts made before
per-agency names (the demo's, the tests') keep a bare login and are
found by their groups alike.
"""

from plone import api
from qlvbdh_policy.accounts.lockout import _Principal
from qlvbdh_policy.accounts.lockout import guard
from qlvbdh_policy.rules import account_groups
from qlvbdh_policy.rules.collation import sort_key
from qlvbdh_policy.vocabularies.content_vocabularies import children
from qlvbdh_policy.vocabularies.people_vocabularies import agency_user_ids

PERMISSION = "qlvbdh_policy: Manage agency accounts"


def qualified_login(name, abbr):
    return f"{name}@{abbr}"


def bare_name(login):
    return (login or "").split("@")[0]


def department_ids(agency):
    return [d.getId() for d in children(agency, "Department")]


def agency_ids():
    catalog = api.portal.get_tool("portal_catalog")
    return [b.getId for b in catalog.unrestrictedSearchResults(portal_type="Agency")]


def direct_groups(userid):
    """Groups the account is a direct member of (not through nesting)."""
    plugin = api.portal.get_tool("acl_users").source_groups
    return list(plugin.getGroupsForPrincipal(_Principal(userid)))


def agency_abbr_of(userid, agencies=None):
    """The agency whose groups the account holds, or None."""
    return account_groups.agency_of_groups(direct_groups(userid),
                                           agencies if agencies is not None else agency_ids())


def login_of(userid):
    source = api.portal.get_tool("acl_users").source_users
    try:
        return source.getLoginForUserId(userid)
    except KeyError:
        return None


def names_in_use(agency):
    """Bare account names of the agency: its accounts' logins, and the ids
    of accounts created here and moved away since (an id never changes)."""
    abbr = agency.getId()
    source = api.portal.get_tool("acl_users").source_users
    taken = set()
    for userid in agency_user_ids(agency):
        taken.add(bare_name(login_of(userid) or userid))
    suffix = "@" + abbr
    for userid, login in _logins(source):
        for value in (userid, login):
            if value.endswith(suffix):
                taken.add(bare_name(value))
    return taken


def _logins(source):
    return [(userid, source.getLoginForUserId(userid)) for userid in source.listUserIds()]


def account_info(agency, userid):
    user = api.user.get(userid=userid)
    if user is None:
        return None
    site_guard = guard(api.portal.get())
    kind, department = account_groups.read_kind(
        agency.getId(), direct_groups(userid), department_ids(agency))
    last = site_guard.last_login(userid) if site_guard else None
    record = site_guard._records.get(userid) if site_guard else None
    return {
        "userid": userid,
        "login": login_of(userid) or userid,
        "fullname": user.getProperty("fullname") or "",
        "email": user.getProperty("email") or "",
        "kind": kind,
        "department": department,
        "disabled": bool(site_guard and site_guard.is_disabled(userid)),
        "must_change_password": bool(user.getProperty("must_change_password", False)),
        "last_login": last,
        "locked_until": (record or {}).get("locked_until"),
    }


def accounts(agency):
    """The agency's accounts, by full name in Vietnamese order."""
    infos = [account_info(agency, userid) for userid in agency_user_ids(agency)]
    infos = [i for i in infos if i is not None]
    return sorted(infos, key=lambda i: (sort_key(i["fullname"]), i["login"]))


def belongs_to(agency, userid):
    return userid in agency_user_ids(agency)
