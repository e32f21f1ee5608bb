"""Throttle of the Zope root's accounts (issue 14: the root ``admin`` took
471 password guesses a second).

The root's ``admin`` is not an account of the site, so the site's login
guard (``lockout``) neither counts nor locks it, and must not: a lock of
the root's admin stored in the site could shut the province's only
administrator out. It is throttled here instead, with the same rule
(``rules.login_attempts``: each attempt counted *before* its password is
checked), per login and client address, with an exponential backoff:
after ROOT_MAX_FAILURES attempts without a right password that client may
not try again for FIRST_LOCK, then twice as long after each further
series, up to LONGEST_LOCK; a right password clears it. An attacker thus
gets ROOT_MAX_FAILURES guesses per LONGEST_LOCK at most, and cannot lock
the admin out for longer than LONGEST_LOCK, nor at all from another
address.

Kept in the memory of the process, not in the ZODB: the root's admin
signs every request with basic auth (no session ticket), and two commits
per request of the ZMI would be the price of a shared store. Each instance
counts for itself, so N instances allow N times the guesses; restarting an
instance forgets its locks. Behind a reverse proxy the client address is
the proxy's unless zope.conf names it a ``trusted-proxy``: all clients then
share one count, and an attacker can keep the admin waiting (15 minutes at
most after each series of guesses) but still gets no more guesses.

Root accounts are recognised by name at the start of the request, before
any user folder is asked: ``admin`` (the one ``make run`` creates) and
every user of the Zope root's user folder when the database opens. Basic
auth is the root's only way of logging in (its classic user folder reads
no login form).
"""

from AccessControl import getSecurityManager
from qlvbdh_policy import _
from qlvbdh_policy.rules import login_attempts
from qlvbdh_policy.timeutil import vietnam_now
from qlvbdh_policy.vietnamese import in_vietnamese
from zExceptions import HTTPTooManyRequests
from zExceptions import Unauthorized
from ZPublisher.utils import basic_auth_decode

import datetime
import json
import logging
import math
import threading

logger = logging.getLogger("qlvbdh_policy.root_throttle")

ROOT_MAX_FAILURES = 10
FIRST_LOCK = datetime.timedelta(minutes=1)
LONGEST_LOCK = datetime.timedelta(minutes=15)
DEFAULT_ROOT_LOGINS = frozenset({"admin"})
ATTEMPT_KEY = "qlvbdh.root_attempt"  # request.other: the attempt this request took
TAKEN_AT_KEY = "qlvbdh.root_attempt_at"  # request.other: when it was counted
SETTLED_KEY = "qlvbdh.root_attempt_settled"  # request.other: traversal checked it
REFUSED_KEY = "qlvbdh.root_refused"  # request.other: the 429 of a locked client



class TooManyRequests(HTTPTooManyRequests):
    """HTTP 429. Named so because Zope and plone.rest derive the status
    from the exception's class name ("toomanyrequests")."""


MSG_THROTTLED = _("Too many wrong passwords for ${login} from this address: try again "
                  "after ${until}.")


class Throttle:
    """Attempts per (login, client address), counted under a lock so that
    no two threads of the process count from the same number."""

    def __init__(self, limit=ROOT_MAX_FAILURES, first=FIRST_LOCK, longest=LONGEST_LOCK):
        self.limit = limit
        self.lock_duration = login_attempts.backoff(first, longest)
        self._records = {}
        self._mutex = threading.Lock()

    def take(self, key, now):
        """Count an attempt; when locked, count nothing and return when the
        lock ends."""
        with self._mutex:
            record = self._records.get(key)
            until = login_attempts.locked_until(record, now)
            if until is not None:
                return until
            self._records[key] = login_attempts.after_attempt(
                record, now, lock=self.lock_duration, limit=self.limit)
            return None

    def give_back(self, key, at):
        with self._mutex:
            record = self._records.get(key)
            if record is not None:
                self._records[key] = login_attempts.without_attempt(record, at)

    def right_password(self, key):
        with self._mutex:
            self._records.pop(key, None)

    def clear(self):
        with self._mutex:
            self._records.clear()


THROTTLE = Throttle()
_root_logins = set(DEFAULT_ROOT_LOGINS)


def read_root_logins(event):
    """IDatabaseOpenedWithRoot: the Zope root's users, by name."""
    connection = event.database.open()
    try:
        app = connection.root().get("Application")
        folder = getattr(app, "acl_users", None)
        names = folder.getUserNames() if folder is not None else ()
        _root_logins.update(n for n in names if isinstance(n, str))
    except Exception:  # a database without a Zope root (a fresh one) has none yet
        logger.exception("could not read the Zope root's users")
    finally:
        connection.close()


def basic_auth_login(request):
    try:
        credentials = basic_auth_decode(getattr(request, "_auth", None))
    except ValueError:  # malformed (base64, UTF-8, no colon): no user folder accepts it
        return None
    return credentials[0] if credentials else None


def throttled(login, until, request):
    message = in_vietnamese(_(MSG_THROTTLED, mapping={
        "login": login, "until": f"{until:%H:%M:%S %d/%m/%Y}"}), request)
    error = TooManyRequests(message)
    now = vietnam_now()
    error.setHeader("Retry-After", str(max(1, math.ceil((until - now).total_seconds()))))
    if request.getHeader("Accept", "").startswith("application/json"):
        error.setHeader("content-type", "application/json")
        error.setBody(json.dumps({"type": "TooManyRequests", "message": message},
                                 ensure_ascii=False))
    return error


def take_root_attempt(event):
    """IPubStart, before traversal asks any user folder: count the attempt
    of a root login; while its client is locked, take the credentials off
    the request, so that no user folder checks the password (an exception
    raised this early would break the publisher's transaction handling)."""
    request = event.request
    login = basic_auth_login(request)
    if login not in _root_logins:
        return
    key = (login, request.getClientAddr() or "")
    now = vietnam_now()
    until = THROTTLE.take(key, now)
    if until is None:
        request.other[ATTEMPT_KEY] = key
        request.other[TAKEN_AT_KEY] = now
        return
    request._auth = None  # where HTTPRequest keeps the Authorization header
    request.other[REFUSED_KEY] = throttled(login, until, request)


def settle_root_attempt(event):
    """IPubAfterTraversal: a locked client is answered 429 with the lock's
    end; otherwise, if the request's user is the root login it named, its
    password was right and clears the count. Any other outcome leaves the
    attempt counted."""
    refusal = event.request.other.get(REFUSED_KEY)
    if refusal is not None:
        raise refusal
    key = event.request.other.get(ATTEMPT_KEY)
    if key is None:
        return
    event.request.other[SETTLED_KEY] = True
    user = getSecurityManager().getUser()
    if user is not None and user.getUserName() == key[0]:
        THROTTLE.right_password(key)


def mark_refused_answer(event):
    """IPubBeforeAbort: a locked client refused during traversal (as
    anonymous, since its credentials were taken off) gets Zope's own
    answer, with Retry-After saying when it may try again. A request that
    failed during traversal for any reason but its credentials (a malformed
    body refused as the site is entered, a path not found) had no password
    checked: its attempt is given back, so an administrator's bad requests
    do not lock him out."""
    request = event.request
    refusal = request.other.get(REFUSED_KEY)
    if refusal is not None:
        request.response.setHeader("Retry-After", refusal.headers["Retry-After"])
        return
    key = request.other.get(ATTEMPT_KEY)
    error = event.exc_info[1] if event.exc_info else None
    if key is not None and not request.other.get(SETTLED_KEY) \
            and not isinstance(error, Unauthorized):
        THROTTLE.give_back(key, request.other[TAKEN_AT_KEY])
