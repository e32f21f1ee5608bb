"""Where the login guard keeps each account's attempts (rules.login_attempts),
so that no concurrent attempt is lost (issue 14).

Each account's record is a persistent object of its own, in a BTree keyed
by user id. It is read and changed in a transaction of its own, on a
connection of its own, never in the request's snapshot: a request reads
the record as last committed, counts its attempt and commits before its
password is checked. Two requests changing the same record conflict
(LoginRecord has no ``_p_resolveConflict``): the later one is retried on the
newer state, so no attempt is lost, across threads and across instances
sharing a storage (FileStorage, RelStorage alike). Different accounts never
write the same object (the BTree merges insertions of different keys).
"""

from persistent import Persistent
from ZODB.POSException import ConflictError

import random
import time
import transaction

FIELDS = ("attempts", "locked_until", "last_login", "locks")
RETRIES = 50


class LoginRecord(Persistent):
    """One account's login attempts, lock and last login. Do not rename or
    move without an upgrade step: the ZODB stores this class's path."""

    attempts = ()
    locked_until = None
    last_login = None
    locks = 0

    def __init__(self, record=None):
        if record:
            self.update(record)

    def as_dict(self):
        return {"attempts": list(self.attempts), "locked_until": self.locked_until,
                "last_login": self.last_login, "locks": self.locks}

    def update(self, record):
        for name in FIELDS:
            value = record.get(name, getattr(LoginRecord, name))
            value = tuple(value) if name == "attempts" else value
            if getattr(self, name) != value:
                setattr(self, name, value)


def record_of(stored):
    """The record as a dict (rules.login_attempts) from what is stored:
    a LoginRecord, or before upgrade 1010 a mapping of failures."""
    if stored is None:
        return None
    if isinstance(stored, LoginRecord):
        return stored.as_dict()
    return {"attempts": list(stored.get("failures", ())),
            "locked_until": stored.get("locked_until"),
            "last_login": stored.get("last_login"), "locks": 0}


def _apply(records, key, change):
    stored = records.get(key)
    before = record_of(stored)
    after = change(before)
    if after is None or after == before:
        return before, False
    if isinstance(stored, LoginRecord):
        stored.update(after)
    else:
        records[key] = LoginRecord(after)
    return after, True


def change_committed(owner, key, change):
    """Apply ``change`` (record dict or None → new record, or None to leave
    it) to ``owner._records[key]`` as last committed, and commit at once in
    a transaction of its own; retried on conflict against the newer state.
    Returns the record as it now stands. ``owner`` is a persistent object;
    one not yet stored (a test's fresh site) is changed in place.

    :raises ConflictError: after RETRIES conflicts in a row (the publisher
        then retries the whole request; no password has been checked).
    """
    return committed_apart(owner, lambda stored: _apply(stored._records, key, change))


def committed_apart(owner, work):
    """Run ``work`` (``owner`` as last committed → (result, whether it
    changed anything)) in a transaction of its own on a connection of its
    own, committed at once and retried on conflict against the newer
    state; returns the result. Also the logins per day (``login_days``).

    :raises ConflictError: after RETRIES conflicts in a row.
    """
    jar, oid = owner._p_jar, owner._p_oid
    if jar is None or oid is None:
        return work(owner)[0]
    manager = transaction.TransactionManager()
    connection = jar.db().open(transaction_manager=manager)
    try:
        for attempt in range(RETRIES):
            manager.begin()  # sees everything committed so far
            try:
                result, changed = work(connection.get(oid))
                if changed:
                    manager.commit()
                else:
                    manager.abort()
                return result
            except ConflictError:
                manager.abort()
                if attempt == RETRIES - 1:
                    raise
                time.sleep(random.uniform(0, 0.002 * (attempt + 1)))
    finally:
        connection.close()
