"""Logins per account and day (issue 18): the figures of "accounts that
logged in" and "logins" for any period (Quy chế Điều 8.1, 10.3; NĐ 30/2020
Phụ lục VI III.6.b: the number of accesses to the system). The login
records keep only each account's last login.

Kept on the login guard: a BTree by day (ISO date, Vietnam time) of BTrees
by user id of counts. A login is counted once its request is over and will
not be retried (the publisher retries a request whose transaction
conflicted, and the retry logs in again), in a transaction of its own
(``login_records.committed_apart``): two logins of one account on one day
write the same key and conflict, and the later is retried on the newer
count, so no concurrent increment is lost; logins of different accounts
merge (the BTree resolves changes of different keys).

What counts: each login by the login form or REST ``@login``. A request
with basic authentication carries the password every time; those count
once per account and day, so a REST client does not look like a crowd.
"""

from BTrees.OOBTree import OOBTree
from qlvbdh_policy.accounts.login_records import committed_apart
from ZODB.POSException import ConflictError

import logging

log = logging.getLogger(__name__)

# the guard's attribute: do not rename without a migration
ATTRIBUTE = "_login_days"
REQUEST_KEY = "qlvbdh.login_to_count"  # request.other: the login to count at the end


def days_of(guard, create=False):
    tree = getattr(guard, ATTRIBUTE, None)
    if tree is None and create:
        tree = OOBTree()
        setattr(guard, ATTRIBUTE, tree)
    return tree


def count(guard, userid, day, once=False):
    """One more login of ``userid`` on ``day`` (``once``: only if it has
    none that day). Returns whether anything changed."""
    tree = days_of(guard, create=True)
    key = day.isoformat()
    counts = tree.get(key)
    if counts is None:
        counts = tree[key] = OOBTree()
    before = counts.get(userid, 0)
    if once and before:
        return False
    counts[userid] = before + 1
    return True


def note(request, guard, userid, day, once=False):
    """The request logged ``userid`` in: counted when it ends."""
    if request is not None:
        request.other[REQUEST_KEY] = (guard, userid, day, once)


def count_at_end(event):
    """IPubSuccess, IPubFailure: count the login the request noted, unless
    the request is to be retried (its retry notes it again)."""
    noted = event.request.other.pop(REQUEST_KEY, None)
    if noted is None or getattr(event, "retry", False):
        return
    guard, userid, day, once = noted
    try:
        committed_apart(guard, lambda stored: (None, count(stored, userid, day, once)))
    except ConflictError:  # the request has answered: a login uncounted, not an error
        log.warning("Login of %s on %s not counted: too many conflicts", userid, day)


def logins_between(guard, userids, start, end):
    """{userid: logins from ``start`` to ``end`` (dates, both included)}
    of those of ``userids`` who logged in then."""
    tree = days_of(guard) if guard is not None else None
    found = {}
    if tree is None:
        return found
    wanted = set(userids)
    for counts in tree.values(start.isoformat(), end.isoformat()):
        for userid, logins in counts.items():
            if userid in wanted:
                found[userid] = found.get(userid, 0) + logins
    return found
