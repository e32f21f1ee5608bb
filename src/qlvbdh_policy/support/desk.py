"""Where support requests are kept and who answers them: the desk at
``<site>/yeu-cau-ho-tro`` and the IT centre's group ``province-it-support``
(Quy chế Điều 10.4: Trung tâm Công nghệ thông tin và Truyền thông supports
the users). The group holds the global role SupportStaff; site managers put
the centre's officers in it (Site Setup › Groups)."""

from plone import api
from plone.dexterity.utils import createContentInContainer
from qlvbdh_policy.agencies.lookups import user_ids_in
from qlvbdh_policy.agencies.setup import ensure_group
from qlvbdh_policy.interfaces import IAgency
from qlvbdh_policy.rules.collation import sort_key
from qlvbdh_policy.rules.group_names import agency_id_of_group
from qlvbdh_policy.support.content import DESK_ID

SUPPORT_STAFF = "SupportStaff"
IT_GROUP = "province-it-support"
IT_GROUP_TITLE = "Trung tâm CNTT – Hỗ trợ người dùng"
HANDLE_PERMISSION = "qlvbdh_policy: Handle support request"


def ensure_support_group():
    return ensure_group(IT_GROUP, IT_GROUP_TITLE, roles=[SUPPORT_STAFF])


def ensure_desk(site=None):
    site = site or api.portal.get()
    if DESK_ID not in site.objectIds():
        # not addable anywhere by hand (global_allow off): made here only
        with api.env.adopt_roles(["Manager"]):
            createContentInContainer(site, "SupportDesk", checkConstraints=False, id=DESK_ID,
                                     title="Yêu cầu hỗ trợ")
    return site[DESK_ID]


def get_desk(site=None):
    site = site or api.portal.get()
    return site.get(DESK_ID)


def can_handle(site=None):
    """Whether the current user is the IT centre's (or a site manager)."""
    desk = get_desk(site)
    return desk is not None and api.user.has_permission(HANDLE_PERMISSION, obj=desk)


def staff_ids():
    """The IT centre's officers: the users of its group (nested groups followed)."""
    return {uid for uid in user_ids_in([IT_GROUP]) if api.user.get(userid=uid) is not None}


def fullname(userid):
    user = api.user.get(userid=userid) if userid else None
    if user is None:
        return userid or ""
    return user.getProperty("fullname") or userid


def staff():
    """[{id, fullname}] of the IT centre, in Vietnamese order."""
    people = [{"id": uid, "fullname": fullname(uid)} for uid in staff_ids()]
    return sorted(people, key=lambda p: (sort_key(p["fullname"]), p["id"]))


def agency_of_user(userid, site=None):
    """The agency whose groups the user is in (the first by id), or None."""
    site = site or api.portal.get()
    user = api.user.get(userid=userid) if userid else None
    if user is None:
        return None
    for groupid in sorted(user.getGroups()):
        abbr = agency_id_of_group(groupid)
        agency = site.get(abbr) if abbr else None
        if agency is not None and IAgency.providedBy(agency):
            return agency
    return None
