"""An account changes its own password: the old one first (on a first
login, the one-time password), then the policy of ``rules.passwords``.
Shared by the password form and REST @new-password."""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.accounts.lockout import password_messages
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.vietnamese import in_vietnamese
from zope.globalrequest import getRequest

MSG_OLD_WRONG = _("Current password: it is not the account's password.")
MSG_NOT_LOGGED_IN = _("Log in first.")
MSG_CONFIRM = _("Confirm the new password: the two passwords differ.")
MSG_SAME = _("New password: choose a password other than the current one.")


class PasswordRefused(RefusedValue):
    pass


def change_own_password(old_password, new_password, confirm=None):
    member = api.user.get_current()
    userid = member.getId() if member is not None else None
    if not userid or api.user.is_anonymous():
        raise PasswordRefused(MSG_NOT_LOGGED_IN, {}, "old_password")
    acl_users = api.portal.get_tool("acl_users")
    login = member.getUserName()
    if acl_users.authenticate(login, old_password, getRequest()) is None:
        raise PasswordRefused(MSG_OLD_WRONG, {}, "old_password")
    refusals = password_messages(new_password, login, member.getProperty("fullname"))
    if refusals:
        text = " ".join(in_vietnamese(m) for m in refusals)
        raise PasswordRefused(text, {}, "new_password")
    if new_password == old_password:
        raise PasswordRefused(MSG_SAME, {}, "new_password")
    if confirm is not None and confirm != new_password:
        raise PasswordRefused(MSG_CONFIRM, {}, "confirm_password")
    acl_users.userSetPassword(userid, new_password)
    member.setMemberProperties({"must_change_password": False})
