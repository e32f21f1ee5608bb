"""1009 → 1010: the login guard keeps each account's attempts in a record
of its own (accounts.login_records.LoginRecord), counted before the
password is checked (issue 14). The mappings of failures kept until now
become such records; their failures count as attempts."""

from plone import api
from qlvbdh_policy.accounts import lockout
from qlvbdh_policy.accounts.login_records import LoginRecord
from qlvbdh_policy.accounts.login_records import record_of


def convert_login_records(context):
    guard = lockout.guard(api.portal.get())
    if guard is None:
        return
    for userid, stored in list(guard._records.items()):
        if not isinstance(stored, LoginRecord):
            guard._records[userid] = LoginRecord(record_of(stored))
