"""What an agency's admin does with the agency's accounts (Quy chế Điều
8.2): create (name by Điều 6.2, one-time password, password change at
first login), change kind or department, disable and re-enable, reset the
password, unlock, move to another agency.

Nobody changes his own kind, department or agency here (``OwnAccountRefused``,
HTTP 403): an admin who made himself a leader would read every document of
the agency; another admin or a site manager does it. A password reset and
a change of e-mail address are told to the account's owner by mail
(``notices``).

Creating a leader, clerk or department head, or making someone one, stays
the admin's job (Điều 8.4), and so seen: every creation, change of kind,
department, e-mail or disabled state, reset and move is kept in the
agency's log of access changes (``access_log``) and mailed to its leaders
as ``rules.access_changes`` says (``notices.leaders_told``).

Every function takes the agency the admin manages and refuses an account
that is not that agency's (``NotAnAccount``, HTTP 404): the permission on
the agency says who may act, this says on whom. Refusals name the field,
in Vietnamese; nothing is changed when one is raised.
"""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.accounts import directory
from qlvbdh_policy.accounts import notices
from qlvbdh_policy.accounts.lockout import guard
from qlvbdh_policy.accounts.suggestions import suggest
from qlvbdh_policy.agencies.abbreviations import agency_by_abbr
from qlvbdh_policy.agencies.abbreviations import domain_abbr
from qlvbdh_policy.content.validation import ForbiddenRefusal
from qlvbdh_policy.content.validation import plain
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.rules import access_changes
from qlvbdh_policy.rules import account_groups
from qlvbdh_policy.rules.group_names import archivists_group_id
from qlvbdh_policy.rules.passwords import one_time_password
from qlvbdh_policy.stats import access_log
from qlvbdh_policy.vietnamese import in_vietnamese

import re

MSG_NOT_AN_ACCOUNT = _("${userid} is not an account of ${agency}.")
MSG_BAD_KIND = _("Role: “${value}” is not one of: ${kinds}.")
MSG_NEED_DEPARTMENT = _("Department: a department head needs a department.")
MSG_BAD_DEPARTMENT = _("Department: “${value}” is not a department of ${agency}.")
MSG_BAD_EMAIL = _("E-mail: “${value}” is not an e-mail address.")
MSG_BAD_NAME = _("Account name: “${value}” — use lowercase letters a–z and digits only.")
MSG_NAME_TAKEN = _("Account name: ${value} is already used in ${agency}.")
MSG_SAME_AGENCY = _("Agency: the account is already in ${agency}.")
MSG_NO_AGENCY = _("Agency: “${value}” is not an agency of the province.")
MSG_MOVE_DENIED = _("Agency: you do not manage the accounts of ${agency}.")
MSG_OWN_KIND = _("Role: you may not change the role of your own account; another "
                 "administrator of the agency or a site manager does.")
MSG_OWN_DEPARTMENT = _("Department: you may not change the department of your own account; "
                       "another administrator of the agency or a site manager does.")
MSG_OWN_AGENCY = _("Agency: you may not move your own account; another administrator or a "
                   "site manager does.")

KIND_TITLES = directory.KIND_TITLES
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
NAME = re.compile(r"^[a-z][a-z0-9]*$")


class AccountRefused(RefusedValue):
    """Input an account cannot take."""


class OwnAccountRefused(ForbiddenRefusal, AccountRefused):
    """A change of one's own kind, department or agency."""


class NotAnAccount(RefusedValue):
    """The user id names no account of this agency."""

    status = 404


def kind_choices():
    """[{id, title}] of the kinds, titles in Vietnamese."""
    return [{"id": k, "title": in_vietnamese(KIND_TITLES[k])} for k in account_groups.KINDS]


def check_account(agency, userid):
    if not userid or not directory.belongs_to(agency, userid):
        raise NotAnAccount(MSG_NOT_AN_ACCOUNT, {"userid": userid or "",
                                                "agency": agency.title}, "userid")


def is_own(userid):
    return userid == api.user.get_current().getId()


def check_kind(agency, kind, department):
    if kind not in account_groups.KINDS:
        kinds = ", ".join(f"{k} ({in_vietnamese(KIND_TITLES[k])})" for k in account_groups.KINDS)
        raise AccountRefused(MSG_BAD_KIND, {"value": kind or "", "kinds": kinds}, "kind")
    if department and department not in directory.department_ids(agency):
        raise AccountRefused(MSG_BAD_DEPARTMENT, {"value": department,
                                                  "agency": agency.title}, "department")
    if kind == account_groups.DEPARTMENT_HEAD and not department:
        raise AccountRefused(MSG_NEED_DEPARTMENT, {}, "department")


def check_fullname(full_name, field="full_name"):
    """Họ và tên as stored: one line of plain text like the names of the
    schema (rules/plain_text.py): NFC, spaces single, no line break; a
    control character is refused naming the field."""
    return plain(full_name, field, _("Full name"), refused=AccountRefused)


def check_email(email):
    """One line of plain text (no control character hides in an address
    that mail and the log carry), shaped as an address."""
    email = plain(email, "email", _("E-mail"), refused=AccountRefused)
    if not email or not EMAIL.match(email):
        raise AccountRefused(MSG_BAD_EMAIL, {"value": email or ""}, "email")
    return email


def check_name(agency, name, taken=None):
    if not NAME.match(name or ""):
        raise AccountRefused(MSG_BAD_NAME, {"value": name or ""}, "username")
    taken = directory.names_in_use(agency) if taken is None else taken
    login = directory.qualified_login(name, domain_abbr(agency))
    if name in taken or api.user.get(userid=login) is not None:
        raise AccountRefused(MSG_NAME_TAKEN, {"value": name, "agency": agency.title},
                             "username")


def _set_groups(agency, userid, kind, department):
    _hold_groups(agency, userid, account_groups.groups_for(agency.getId(), kind, department))


def _hold_groups(agency, userid, wanted):
    """The account holds exactly ``wanted`` of the agency's groups."""
    current = account_groups.agency_groups(agency.getId(), directory.direct_groups(userid),
                                           directory.department_ids(agency))
    gtool = api.portal.get_tool("portal_groups")
    # logged by the callers, as a change of kind or department, a move
    with access_log.logged_by_caller():
        for gid in current:
            if gid not in wanted:
                gtool.removePrincipalFromGroup(userid, gid)
        for gid in wanted:
            if gid not in current:
                gtool.addPrincipalToGroup(userid, gid)


def create_account(agency, full_name, email, kind=account_groups.STAFF, department=None,
                   birth_year=None, username=None):
    """The new account's info and its one-time password."""
    full_name = check_fullname(full_name)
    check_kind(agency, kind, department or None)
    email = check_email(email)
    taken = directory.names_in_use(agency)
    name = username or suggest(full_name, birth_year, taken)
    check_name(agency, name, taken)
    login = directory.qualified_login(name, domain_abbr(agency))
    password = one_time_password()
    # logged below, with its kind and department
    with api.env.adopt_roles(["Manager"]), access_log.logged_by_caller():
        api.user.create(email=email, username=login, password=password,
                        properties={"fullname": full_name,
                                    "must_change_password": True})
        _set_groups(agency, login, kind, department or None)
    info = directory.account_info(agency, login)
    _logged(agency, access_log.record_account(agency, access_changes.CREATE, login, None, info))
    return info, password


def _logged(agency, entry):
    """The entry, if any, told to the agency's leaders."""
    if entry is not None:
        notices.leaders_told(agency, entry)


def update_account(agency, userid, kind=None, department=None, disabled=None, email=None,
                   fullname=None):
    """Change what is given; ``department=""`` takes the account out of
    its department."""
    check_account(agency, userid)
    fullname = check_fullname(fullname, "fullname") if fullname is not None else None
    info = directory.account_info(agency, userid)
    new_kind = kind or info["kind"] or account_groups.STAFF
    new_department = info["department"] if department is None else (department or None)
    check_kind(agency, new_kind, new_department)
    if is_own(userid) and new_kind != info["kind"]:
        raise OwnAccountRefused(MSG_OWN_KIND, {}, "kind")
    if is_own(userid) and new_department != info["department"]:
        raise OwnAccountRefused(MSG_OWN_DEPARTMENT, {}, "department")
    if email is not None:
        email = check_email(email)
        notices.email_changed(agency, userid, info["email"], email)
    with api.env.adopt_roles(["Manager"]):
        if (new_kind, new_department) != (info["kind"], info["department"]):
            _set_groups(agency, userid, new_kind, new_department)
        properties = {}
        if email is not None:
            properties["email"] = email
        if fullname:
            properties["fullname"] = fullname
        if properties:
            api.user.get(userid=userid).setMemberProperties(properties)
    if disabled is not None:
        site_guard = guard(api.portal.get())
        (site_guard.disable if disabled else site_guard.enable)(userid)
    after = directory.account_info(agency, userid)
    _logged(agency, access_log.record_account(agency, access_changes.CHANGE, userid, info, after))
    return after


def reset_password(agency, userid):
    """A new one-time password, to be changed at the next login; the
    lock, if any, is lifted."""
    check_account(agency, userid)
    password = one_time_password()
    with api.env.adopt_roles(["Manager"]):
        api.portal.get_tool("acl_users").userSetPassword(userid, password)
        api.user.get(userid=userid).setMemberProperties({"must_change_password": True})
    guard(api.portal.get()).unlock(userid)
    info = directory.account_info(agency, userid)
    notices.password_reset(agency, userid, info["email"])
    _logged(agency, access_log.record_account(agency, access_changes.RESET_PASSWORD, userid,
                                              info, info))
    return info, password


def unlock(agency, userid):
    check_account(agency, userid)
    guard(api.portal.get()).unlock(userid)
    return directory.account_info(agency, userid)


def move_account(agency, userid, target_abbr):
    """Into another agency, with the same kind (a department head becomes
    staff: departments are the agency's own). The account id, its history
    and authorship stay; its login becomes ``name@target`` — the same
    name when free there, else the rule's next option."""
    check_account(agency, userid)
    if is_own(userid):
        raise OwnAccountRefused(MSG_OWN_AGENCY, {}, "agency")
    site = api.portal.get()
    target = agency_by_abbr(site, target_abbr)[0] if target_abbr else None
    if target is None or target.portal_type != "Agency":
        raise AccountRefused(MSG_NO_AGENCY, {"value": target_abbr or ""}, "agency")
    if target.getId() == agency.getId():
        raise AccountRefused(MSG_SAME_AGENCY, {"agency": agency.title}, "agency")
    if not api.user.has_permission(directory.PERMISSION, obj=target):
        raise AccountRefused(MSG_MOVE_DENIED, {"agency": target.title}, "agency")
    before = directory.account_info(agency, userid)
    after = relocate_account(agency, userid, target)
    moved = [("agency", agency.title, target.title)]
    for where, action, info in ((agency, access_changes.MOVE_OUT, before),
                                (target, access_changes.MOVE_IN, after)):
        _logged(where, access_log.append(where, action, userid, login=info["login"],
                                         kind=info["kind"], changes=moved))
    return after


def _leave_archive(agency, userid):
    """A duty of the agency left behind: its archive unit (``<abbr>-
    archivists``) is no kind, so ``_hold_groups`` does not see it."""
    archivists = archivists_group_id(agency.getId())
    if archivists in directory.direct_groups(userid):
        with access_log.logged_by_caller():  # logged by the callers, as a move
            api.portal.get_tool("portal_groups").removePrincipalFromGroup(userid, archivists)


def relocate_account(agency, userid, target):
    """The move itself, checks done (also used by merging agencies)."""
    info = directory.account_info(agency, userid)
    name = directory.bare_name(info["login"])
    taken = directory.names_in_use(target)
    if name in taken:
        name = suggest(info["fullname"], None, taken)
    kind = info["kind"] or account_groups.STAFF
    if kind == account_groups.DEPARTMENT_HEAD:
        kind = account_groups.STAFF
    with api.env.adopt_roles(["Manager"]):
        _hold_groups(agency, userid, [])
        _leave_archive(agency, userid)
        _set_groups(target, userid, kind, None)
        api.portal.get_tool("acl_users").updateLoginName(
            userid, directory.qualified_login(name, domain_abbr(target)))
    return directory.account_info(target, userid)
