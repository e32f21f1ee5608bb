"""Login lockout and last login (Quy chế Điều 8.4), as a PAS plugin of the
site's acl_users, first among the authentication plugins.

It checks login/password credentials (the login form, basic auth, REST
@login) of the site's own accounts against Plone's user source: after
MAX_FAILURES wrong passwords within WINDOW the account is locked for LOCK
and every login is refused (HTTP 401) until then, even with the right
password; a right password clears the count and records the time of the
login. Session tickets carry no password and pass untouched; logins the
site does not know (the Zope root's admin) are neither counted nor locked.

The same plugin holds the rest of the site's login policy:
- an account its agency admin disabled is refused with the right password;
- on an agency's host a bare name is that agency's account (``__call__``,
  named by acl_users.login_transform, turns ``phuc`` into ``phuc@sttt``),
  so two agencies may each have their ``nguyenthanhphuc``;
- passwords follow ``rules.passwords`` wherever Plone asks its validation
  plugins (password forms, REST), in Vietnamese.
"""

from AccessControl.class_init import InitializeClass
from Acquisition import aq_inner
from Acquisition import aq_parent
from BTrees.OOBTree import OOBTree
from persistent.mapping import PersistentMapping
from AccessControl import ClassSecurityInfo
from AccessControl import getSecurityManager
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.interfaces.plugins import IValidationPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from qlvbdh_policy import _
from qlvbdh_policy.agencies import domain_abbr
from qlvbdh_policy.agency_hosts import ENVIRON_KEY
from qlvbdh_policy.interfaces import IAgency
from qlvbdh_policy.rules import passwords
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


MSG_DISABLED = _("The account ${login} has been disabled by the agency's administrator.")
PASSWORD_MESSAGES = {
    passwords.TOO_SHORT: _("Password: at least ${min} characters."),
    passwords.NO_LETTER_OR_DIGIT: _("Password: use both letters and digits."),
    passwords.HAS_ACCOUNT_NAME: _("Password: must not contain the account name or the "
                                  "person's name."),
}


def password_messages(password, login=None, full_name=None):
    """The policy's refusals of ``password``, as translatable messages."""
    return [_(PASSWORD_MESSAGES[p], mapping={"min": passwords.MIN_LENGTH})
            for p in passwords.problems(password, login, full_name)]


def disabled_message(login):
    return translate(_(MSG_DISABLED, mapping={"login": login}), context=getRequest(),
                     target_language="vi")


MSG_OTHER_AGENCY = _("The account ${login} belongs to ${agency}: log in at ${url}.")


def other_agency_message(login, agency, host_abbr, request):
    url = request.get("SERVER_URL", "").replace(f"//{host_abbr}.", f"//{domain_abbr(agency)}.", 1)
    return translate(_(MSG_OTHER_AGENCY, mapping={"login": login, "agency": agency.title,
                                                  "url": url}),
                     context=request, target_language="vi")


def account_agency(group_ids, site):
    """The agency (object) whose groups ``group_ids`` include, or None."""
    for group in group_ids:
        agency = site.get(group.split("-", 1)[0]) if "-" in group else None
        if agency is not None and IAgency.providedBy(agency):
            return agency
    return None


class _Principal:
    def __init__(self, userid):
        self._id = userid

    def getId(self):
        return self._id


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


@implementer(IAuthenticationPlugin, IValidationPlugin)
class LoginGuard(BasePlugin):
    meta_type = "qlvbdh login guard"
    security = ClassSecurityInfo()

    def __init__(self, id=PLUGIN_ID, title="Login policy (qlvbdh)"):
        self._setId(id)
        self.title = title
        self._records = OOBTree()
        self._disabled = OOBTree()

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
            return None
        if self.is_disabled(userid):
            raise Unauthorized(disabled_message(login))
        self._refuse_other_agency(userid, login)
        self._record_login(userid, record, now)
        return None  # Plone's own source authenticates; this plugin only refuses

    def _refuse_other_agency(self, userid, login):
        """On an agency's host, only that agency's accounts (and those of
        no agency: the province's overseers, site managers) log in."""
        request = getRequest()
        abbr = request.environ.get(ENVIRON_KEY) if request is not None else None
        groups = getattr(self._getPAS(), "source_groups", None)
        if not abbr or groups is None:
            return
        site = aq_parent(aq_inner(self._getPAS()))
        own = account_agency(groups.getGroupsForPrincipal(_Principal(userid)), site)
        if own is not None and domain_abbr(own) != abbr:
            raise Unauthorized(other_agency_message(login, own, abbr, request))

    security.declarePrivate("__call__")

    def __call__(self, login):
        """The login transform: on an agency's host, a bare name is that
        agency's account when it has one; any other login is left as is."""
        request = getRequest()
        abbr = request.environ.get(ENVIRON_KEY) if request is not None else None
        source = self._source()
        if not abbr or not isinstance(login, str) or "@" in login or source is None:
            return login
        qualified = f"{login.strip().lower()}@{abbr}"
        try:
            source.getUserIdForLogin(qualified)
        except KeyError:
            return login
        return qualified

    def validateUserInfo(self, user, set_id, set_info):
        """IValidationPlugin: Plone asks with user=None when a password is
        set; the account is then the one logged in, or the one named by
        the password-reset form."""
        password = (set_info or {}).get("password")
        if password is None:
            return []
        login, full_name = _password_owner(user)
        return [{"id": "password", "error": translate(m, context=getRequest(),
                                                      target_language="vi")}
                for m in password_messages(password, login, full_name)]

    def _disabled_accounts(self):
        if getattr(self, "_disabled", None) is None:
            self._disabled = OOBTree()
        return self._disabled

    def disable(self, userid):
        self._disabled_accounts()[userid] = vietnam_timestamp()

    def enable(self, userid):
        self._disabled_accounts().pop(userid, None)

    def is_disabled(self, userid):
        disabled = getattr(self, "_disabled", None)
        return disabled is not None and userid in disabled

    def disabled_since(self, userid):
        disabled = getattr(self, "_disabled", None)
        return disabled.get(userid) if disabled is not None else None

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

    def lock_end(self, userid):
        """When the account's last lock ends (or ended), or None."""
        record = self._records.get(userid)
        return record.get("locked_until") if record else None

    def unlock(self, userid):
        record = self._records.get(userid)
        if record and (record.get("failures") or record.get("locked_until")):
            self._write(userid, {"failures": [], "locked_until": None,
                                 "last_login": record.get("last_login")})


InitializeClass(LoginGuard)


def _password_owner(user):
    """(login, full name) of the account whose password is being set."""
    if user is None:
        current = getSecurityManager().getUser()
        if current is not None and current.getId():
            user = current
    if user is not None:
        getter = getattr(user, "getProperty", None)
        return user.getUserName(), (getter("fullname", None) if getter else None)
    request = getRequest()
    return (request.form.get("userid") if request is not None else None), None


PLONE_PASSWORD_POLICY = "password_policy"  # Plone's length-only validator


def install(acl_users):
    """Add the guard, first among the authentication plugins, the site's
    password validator (instead of Plone's length-only one), and the
    agency login transform."""
    if PLUGIN_ID not in acl_users.objectIds():
        acl_users._setObject(PLUGIN_ID, LoginGuard())
    plugins = acl_users.plugins
    if PLUGIN_ID not in plugins.listPluginIds(IAuthenticationPlugin):
        plugins.activatePlugin(IAuthenticationPlugin, PLUGIN_ID)
    while plugins.listPluginIds(IAuthenticationPlugin)[0] != PLUGIN_ID:
        plugins.movePluginsUp(IAuthenticationPlugin, [PLUGIN_ID])
    if PLUGIN_ID not in plugins.listPluginIds(IValidationPlugin):
        plugins.activatePlugin(IValidationPlugin, PLUGIN_ID)
    if PLONE_PASSWORD_POLICY in plugins.listPluginIds(IValidationPlugin):
        plugins.deactivatePlugin(IValidationPlugin, PLONE_PASSWORD_POLICY)
    getattr(acl_users, PLUGIN_ID)._disabled_accounts()
    # set directly: PAS's property setter would rewrite every stored login
    acl_users.login_transform = PLUGIN_ID


def uninstall(acl_users):
    if getattr(acl_users, "login_transform", None) == PLUGIN_ID:
        acl_users.login_transform = ""
    if PLONE_PASSWORD_POLICY in acl_users.objectIds():
        plugins = acl_users.plugins
        if PLONE_PASSWORD_POLICY not in plugins.listPluginIds(IValidationPlugin):
            plugins.activatePlugin(IValidationPlugin, PLONE_PASSWORD_POLICY)
    if PLUGIN_ID in acl_users.objectIds():
        acl_users.plugins.removePluginById(PLUGIN_ID)
        acl_users._delObject(PLUGIN_ID)


def guard(site):
    return getattr(site.acl_users, PLUGIN_ID, None)
