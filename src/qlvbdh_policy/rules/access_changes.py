"""Which changes of an agency's accounts are kept in its log of access
changes and told to its leaders.

Quy chế 03/2014 Điều 8.4 makes the agency's software administrator the one
who creates the officials' accounts and gives their rights of use, so he
may create a leader, a clerk or a department head (kinds whose groups open
the agency's documents, ``account_groups``) or make someone one, and he
receives its one-time password to hand over. That is not refused; it is
made visible: Điều 8.2 keeps each official to his own account and the
leaders answer for the agency's documents, so the leaders hear of every
change that opens documents or lets someone log in as another.

- every creation, change of kind, department, e-mail address or
  disabled state, reset of a password, move, Sharing change and group
  membership changed outside the accounts page is kept in the log
  (``TRACKED`` fields of an account);
- the leaders are told of each of them by mail, except the creation of an
  account that opens no document and no administration (``NOTICED_KINDS``),
  which is only logged: an import of a hundred officials is no event;
- the mail never goes to the person who acted, nor to the account concerned
  (its owner hears of a reset or an e-mail change by his own mail); both
  are left out by user id, so an address copied onto them silences nobody.
"""

from qlvbdh_policy.rules.account_groups import ADMIN
from qlvbdh_policy.rules.account_groups import CLERK
from qlvbdh_policy.rules.account_groups import DEPARTMENT_HEAD
from qlvbdh_policy.rules.account_groups import LEADER

# an admin account opens no document, but it makes the accounts that do
OPENS_DOCUMENTS = frozenset({LEADER, CLERK, DEPARTMENT_HEAD})
NOTICED_KINDS = OPENS_DOCUMENTS | {ADMIN}
TRACKED = ("kind", "department", "email", "disabled")

# actions, persisted in the log: do not rename without a migration
CREATE, CHANGE, RESET_PASSWORD, MOVE_OUT, MOVE_IN, SHARING = (
    "create", "change", "reset_password", "move_out", "move_in", "sharing")
# a membership changed outside the accounts page (Plone's group pages,
# REST @groups, plone.api): the accounts page logs it as a change of kind
GROUP_ADD, GROUP_REMOVE = "group_add", "group_remove"
# an account deleted (Plone's user pages, REST, plone.api; the accounts
# page disables accounts, never deletes them)
DELETE = "delete"
# an agency admin confirmed a flagged change of who may read a document
CONFIRM = "confirm"
ACTIONS = (CREATE, CHANGE, RESET_PASSWORD, MOVE_OUT, MOVE_IN, SHARING, GROUP_ADD,
           GROUP_REMOVE, CONFIRM, DELETE)


def account_changes(before, after):
    """[(field, old, new)] of the ``TRACKED`` fields that differ between
    two account infos (dicts; ``before`` None for a new account)."""
    before = before or {}
    out = []
    for field in TRACKED:
        old, new = before.get(field), after.get(field)
        if field == "disabled":
            old, new = bool(old), bool(new)
        elif field == "email":
            old, new = old or None, new or None
        if old != new:
            out.append((field, old, new))
    return out


def tell_leaders(action, kind, changes):
    """Whether the leaders are mailed about this entry of the log."""
    if action == CREATE:
        return kind in NOTICED_KINDS
    if action in (CHANGE, MOVE_IN, MOVE_OUT):
        return bool(changes)
    return action == RESET_PASSWORD


def recipients(addresses, excluded):
    """The sorted, distinct addresses of ``addresses`` ({userid: email})
    but those of the ``excluded`` user ids. Excluded by id, never by
    address: an account given a leader's address must not silence him."""
    return sorted({email.strip() for userid, email in addresses.items()
                   if userid not in excluded and email and email.strip()})
