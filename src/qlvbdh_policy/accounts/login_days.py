"""Logins per account and day (issue 18): the figures of "accounts that
logged in" and "logins" for any period (Quy chế Điều 8.1, 10.3; NĐ 30/2020
Phụ lục VI III.6.b: the number of accesses to the system). The login
records keep only each account's last login.

Kept on the login guard: a BTree by day (ISO date, Vietnam time) of BTrees
by user id of counts. A login is counted in the same transaction of its own
that records the right password (``login_records.change_committed``), so
no concurrent increment is lost: two logins of one account on one day
write the same key and conflict, and the later is retried on the newer
count; logins of different accounts merge (the BTree resolves insertions
and changes of different keys).

What counts: each login by the login form or REST ``@login``. A request
with basic authentication carries the password every time; those count
once per account and day, so a REST client does not look like a crowd.
"""

from BTrees.OOBTree import OOBTree

# the guard's attribute: do not rename without a migration
ATTRIBUTE = "_login_days"


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
