"""Login lockout and last login (Quy chế Điều 8.4), as a PAS plugin of the
site's acl_users, first among the authentication plugins.

It checks login/password credentials (the login form, basic auth, REST
@login) of the site's own accounts against Plone's user source: after
MAX_FAILURES wrong passwords within WINDOW the account is locked for LOCK
and every login is refused (HTTP 401) until then, even with the right
password; a right password clears the count and records the time of the
login. Session tickets carry no password and pass untouched; logins the
site does not know (the Zope root's admin) are neither counted nor locked.
"""

from AccessControl.class_init import InitializeClass
from BTrees.OOBTree import OOBTree
from persistent.mapping import PersistentMapping
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from qlvbdh_policy import _
from qlvbdh_policy.timeutil import vietnam_timestamp
from zExceptions import Unauthorized
from ZODB.POSException import ConflictError
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer

import datetime
import transaction

PLUGIN_ID = "qlvbdh_login_guard"
MAX_FAILURES = 5
WINDOW = datetime.timedelta(minutes=15)
LOCK = datetime.timedelta(minutes=15)
LAST_LOGIN_PRECISION = datetime.timedelta(minutes=5)  # fewer writes on basic auth
ATTEMPTS = 5


MSG_LOCKED = _("The account ${login} is locked until ${until} after too many wrong "
               "passwords.")


def locked_message(login, until):
    """Raised as a plain Unauthorized: plone.rest derives the HTTP status
    from the exception's class name, so a subclass would answer 500."""
    message = _(MSG_LOCKED, mapping={"login": login, "until": f"{until:%H:%M %d/%m/%Y}"})
    return translate(message, context=getRequest(), target_language="vi")


def locked_until(record, now):
    """When the account's lock ends, or None (pure: a record is a dict)."""
    until = (record or {}).get("locked_until")
    return until if until is not None and until > now else None


def after_failure(record, now):
    """The record after one more wrong password."""
    failures = [t for t in (record or {}).get("failures", ()) if now - t < WINDOW] + [now]
    locked = now + LOCK if len(failures) >= MAX_FAILURES else None
    return {"failures": failures, "locked_until": locked,
            "last_login": (record or {}).get("last_login")}


@implementer(IAuthenticationPlugin)
class LoginGuard(BasePlugin):
    meta_type = "qlvbdh login guard"

    def __init__(self, id=PLUGIN_ID, title="Lockout and last login (qlvbdh)"):
        self._setId(id)
        self.title = title
        self._records = OOBTree()

    def _source(self):
        return getattr(self._getPAS(), "source_users", None)

    def authenticateCredentials(self, credentials):
        login, password = credentials.get("login"), credentials.get("password")
        source = self._source()
        if not login or password is None or source is None:
            return None
        try:
            userid = source.getUserIdForLogin(login)
        except KeyError:  # not an account of this site (the Zope root's admin)
            return None
        now = vietnam_timestamp()
        record = self._records.get(userid)
        until = locked_until(record, now)
        if until is not None:
            raise Unauthorized(locked_message(login, until))
        if source.authenticateCredentials(credentials) is None:
            self._write(userid, after_failure(record, now))
        else:
            self._record_login(userid, record, now)
        return None  # Plone's own source authenticates; this plugin only refuses

    def _write(self, userid, record):
        """Record in a transaction of its own: a refused login ends its
        request with 401, whose transaction is aborted, and the failure
        must still count. Records are replaced, never changed in place."""
        jar, oid = self._p_jar, self._p_oid
        if jar is None or oid is None:  # not yet stored (a test's fresh site)
            self._records[userid] = PersistentMapping(record)
            return
        manager = transaction.TransactionManager()
        connection = jar.db().open(transaction_manager=manager)
        try:
            for attempt in range(ATTEMPTS):
                try:
                    connection.get(oid)._records[userid] = PersistentMapping(record)
                    manager.commit()
                    break
                except ConflictError:
                    manager.abort()
                    if attempt == ATTEMPTS - 1:
                        raise
        finally:
            connection.close()

    def _record_login(self, userid, record, now):
        last = (record or {}).get("last_login")
        if record and not record.get("failures") and last and now - last < LAST_LOGIN_PRECISION:
            return
        self._write(userid, {"failures": [], "locked_until": None, "last_login": now})

    def last_login(self, userid):
        record = self._records.get(userid)
        return record.get("last_login") if record else None

    def unlock(self, userid):
        record = self._records.get(userid)
        if record and (record.get("failures") or record.get("locked_until")):
            self._write(userid, {"failures": [], "locked_until": None,
                                 "last_login": record.get("last_login")})


InitializeClass(LoginGuard)


def install(acl_users):
    """Add the guard and put it first among the authentication plugins."""
    if PLUGIN_ID not in acl_users.objectIds():
        acl_users._setObject(PLUGIN_ID, LoginGuard())
    plugins = acl_users.plugins
    if PLUGIN_ID not in plugins.listPluginIds(IAuthenticationPlugin):
        plugins.activatePlugin(IAuthenticationPlugin, PLUGIN_ID)
    while plugins.listPluginIds(IAuthenticationPlugin)[0] != PLUGIN_ID:
        plugins.movePluginsUp(IAuthenticationPlugin, [PLUGIN_ID])


def uninstall(acl_users):
    if PLUGIN_ID in acl_users.objectIds():
        acl_users.plugins.removePluginById(PLUGIN_ID)
        acl_users._delObject(PLUGIN_ID)


def guard(site):
    return getattr(site.acl_users, PLUGIN_ID, None)
