"""Who is an account of which agency, and what it holds there.

An agency's account logs in as ``name@abbr`` (the bare ``name`` on the
agency's own host) and holds the agency's groups. Accounts made before
per-agency names (the demo's, the tests') keep a bare login and are
found by their groups alike.
"""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.accounts.lockout import _Principal
from qlvbdh_policy.accounts.lockout import guard
from qlvbdh_policy.agencies.abbreviations import domain_abbr
from qlvbdh_policy.agencies.lookups import agency_user_ids
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.rules import account_groups
from qlvbdh_policy.rules.collation import sort_key

PERMISSION = permissions.ManageAgencyAccounts
KIND_TITLES = {
    account_groups.STAFF: _("Staff"),
    account_groups.DEPARTMENT_HEAD: _("Department head"),
    account_groups.CLERK: _("Clerk"),
    account_groups.LEADER: _("Leader"),
    account_groups.ADMIN: _("Agency Admin"),
}


def qualified_login(name, abbr):
    return f"{name}@{abbr}"


def bare_name(login):
    return (login or "").split("@")[0]


def departments(agency):
    """[{id, title}] of the agency's departments, for choices and sheets."""
    return [{"id": d.getId(), "title": d.title} for d in children(agency, "Department")]


def department_ids(agency):
    return [d["id"] for d in departments(agency)]


def direct_groups(userid):
    """Groups the account is a direct member of (not through nesting)."""
    plugin = api.portal.get_tool("acl_users").source_groups
    return list(plugin.getGroupsForPrincipal(_Principal(userid)))


def login_of(userid):
    source = api.portal.get_tool("acl_users").source_users
    try:
        return source.getLoginForUserId(userid)
    except KeyError:
        return None


def names_in_use(agency):
    """Bare account names of the agency: its accounts' logins, and the ids
    of accounts created here and moved away since (an id never changes)."""
    source = api.portal.get_tool("acl_users").source_users
    logins = {userid: source.getLoginForUserId(userid) for userid in source.listUserIds()}
    taken = {bare_name(logins.get(userid, userid)) for userid in agency_user_ids(agency)}
    suffix = "@" + domain_abbr(agency)
    for userid, login in logins.items():
        for value in (userid, login):
            if value.endswith(suffix):
                taken.add(bare_name(value))
    return taken


def account_info(agency, userid):
    user = api.user.get(userid=userid)
    if user is None:
        return None
    site_guard = guard(api.portal.get())
    kind, department = account_groups.read_kind(
        agency.getId(), direct_groups(userid), department_ids(agency))
    return {
        "userid": userid,
        "login": login_of(userid) or userid,
        "fullname": user.getProperty("fullname") or "",
        "email": user.getProperty("email") or "",
        "kind": kind,
        "department": department,
        "disabled": bool(site_guard and site_guard.is_disabled(userid)),
        "must_change_password": bool(user.getProperty("must_change_password", False)),
        "last_login": site_guard.last_login(userid) if site_guard else None,
        "locked_until": site_guard.lock_end(userid) if site_guard else None,
    }


def accounts(agency):
    """The agency's accounts, by full name in Vietnamese order."""
    infos = [account_info(agency, userid) for userid in agency_user_ids(agency)]
    infos = [i for i in infos if i is not None]
    return sorted(infos, key=lambda i: (sort_key(i["fullname"]), i["login"]))


def belongs_to(agency, userid):
    return userid in agency_user_ids(agency)


# what the routing forms call each kind (chức vụ), in the order they list them
POSITION_ORDER = (account_groups.LEADER, account_groups.DEPARTMENT_HEAD,
                  account_groups.STAFF, account_groups.CLERK, account_groups.ADMIN)


def people_by_department(agency, userids=None):
    """The agency's people for the routing forms (issue 16), in groups:
    the leaders first, then each department (its heads before its staff),
    then the people in no department. Each group is
    {"title", "department" (its UID or None), "people": [{"userid",
    "fullname", "kind", "position" (a message id)}]}, people by full name
    in Vietnamese order. ``userids`` keeps only those people."""
    abbr = agency.getId()
    depts = children(agency, "Department")
    dept_ids = [d.getId() for d in depts]
    leaders = {"title": KIND_TITLES[account_groups.LEADER], "department": None, "people": []}
    per_dept = {d.getId(): {"title": d.title, "department": d.UID(), "people": []}
                for d in depts}
    others = {"title": _("Other people of the agency"), "department": None, "people": []}
    wanted = agency_user_ids(agency) if userids is None else set(userids) & agency_user_ids(agency)
    for userid in wanted:
        user = api.user.get(userid=userid)
        if user is None:
            continue
        kind, department = account_groups.read_kind(abbr, direct_groups(userid), dept_ids)
        person = {"userid": userid, "fullname": user.getProperty("fullname") or userid,
                  "kind": kind, "position": KIND_TITLES.get(kind, KIND_TITLES["staff"])}
        if kind == account_groups.LEADER:
            leaders["people"].append(person)
        elif department in per_dept:
            per_dept[department]["people"].append(person)
        else:
            others["people"].append(person)
    groups = [leaders] + [per_dept[d] for d in dept_ids] + [others]
    for group in groups:
        group["people"].sort(key=lambda p: (
            POSITION_ORDER.index(p["kind"]) if p["kind"] in POSITION_ORDER else 9,
            sort_key(p["fullname"]), p["userid"]))
    return [g for g in groups if g["people"] or g["department"]]
