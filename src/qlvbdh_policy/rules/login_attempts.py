"""Login attempts and locks (Quy chế Điều 8.4: an account is locked after
repeated wrong passwords), pure: a record is a dict, times are passed in.

An *attempt* is counted before its password is checked, so that requests
arriving together cannot all be checked against a count none of them has
raised yet: the MAX_FAILURES-th attempt in WINDOW locks the account at
once, and while it is locked no password is checked at all. A right
password then clears the attempts (and the lock it may have set); a wrong
one leaves its attempt counted as a failure. At most MAX_FAILURES passwords
are therefore checked per lock, whatever the number of requests in flight.

A lock consumes the attempts that caused it; ``locks`` counts the locks
since the last right password, for an exponential backoff (the Zope root's
account, which must be throttled but never locked out for long).
"""

import datetime

MAX_FAILURES = 5
WINDOW = datetime.timedelta(minutes=15)
LOCK = datetime.timedelta(minutes=15)

EMPTY = {"attempts": [], "locked_until": None, "last_login": None, "locks": 0}


def _record(record):
    return {**EMPTY, **(record or {})}


def locked_until(record, now):
    """When the account's lock ends, or None when it is not locked at ``now``."""
    until = (record or {}).get("locked_until")
    return until if until is not None and until > now else None


def after_attempt(record, now, lock=LOCK, limit=MAX_FAILURES):
    """The record once one more attempt is counted (before its password is
    checked): attempts older than WINDOW are forgotten; the ``limit``-th
    locks for ``lock`` (a duration, or a function of the number of earlier
    locks) and starts a fresh count. Call only when not ``locked_until``."""
    record = _record(record)
    attempts = [t for t in record["attempts"] if now - t < WINDOW] + [now]
    if len(attempts) < limit:
        return {**record, "attempts": attempts, "locked_until": None}
    duration = lock(record["locks"]) if callable(lock) else lock
    return {**record, "attempts": [], "locked_until": now + duration,
            "locks": record["locks"] + 1}


def without_attempt(record, at):
    """The record once the attempt counted at ``at`` is given back: its
    request ended before any password was checked (refused before
    authentication, e.g. a malformed body). An attempt a lock has already
    consumed stays consumed."""
    record = _record(record)
    attempts = list(record["attempts"])
    if at in attempts:
        attempts.remove(at)
    return {**record, "attempts": attempts}


def after_right_password(record, now=None):
    """A right password clears the count and any lock its own attempt set;
    ``now`` records a login (None: refused for another reason, e.g. a
    disabled account, and the last login stays)."""
    record = _record(record)
    return {**record, "attempts": [], "locked_until": None, "locks": 0,
            "last_login": now if now is not None else record["last_login"]}


def unlocked(record):
    """The record after an administrator lifts the lock (Điều 8.4)."""
    return {**_record(record), "attempts": [], "locked_until": None, "locks": 0}


def backoff(first, longest):
    """Lock durations doubling from ``first`` up to ``longest``: the n-th
    lock in a row (n from 0) lasts first·2ⁿ."""
    def duration(earlier_locks):
        return min(first * 2 ** min(earlier_locks, 32), longest)
    return duration

