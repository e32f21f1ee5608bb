"""Login lockout and last login (Quy chế Điều 8.4), as a PAS plugin of the
site's acl_users, first among the authentication plugins.

It checks login/password credentials (the login form, basic auth, REST
@login) of the site's own accounts against Plone's user source: after
MAX_FAILURES attempts within WINDOW the account is locked for LOCK and
every login is refused (HTTP 401) until then, even with the right password;
a right password clears the count and records the time of the login; the
login is counted for its day once the request is over (``login_days``).
Each attempt is counted and committed in the account's own record
(``login_records``) *before* its password is checked, and refused there
when the account is locked, so at most MAX_FAILURES passwords are checked
however many guesses arrive at once (issue 14: counted in the request's
snapshot, 40 parallel guesses had 8 to 18 checked). On the login form the
refusal is shown on the form (``browser.agency_login``); elsewhere it is
an HTTP 401 with the message. Session tickets carry no password and pass
untouched; logins the site does not know (the Zope root's admin) are
neither counted nor locked here (``root_throttle`` slows those).

The same plugin holds the rest of the site's login policy:
- an account its agency admin disabled is refused with the right password;
- on an agency's host a bare name is that agency's account (``__call__``,
  named by acl_users.login_transform, turns ``phuc`` into ``phuc@sttt``),
  so two agencies may each have their ``nguyenthanhphuc``;
- passwords follow ``rules.passwords`` wherever Plone asks its validation
  plugins (password forms, REST), in Vietnamese.
"""

from AccessControl import ClassSecurityInfo
from AccessControl import getSecurityManager
from AccessControl.class_init import InitializeClass
from Acquisition import aq_inner
from Acquisition import aq_parent
from BTrees.OOBTree import OOBTree
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.interfaces.plugins import IValidationPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy import _
from qlvbdh_policy.accounts import login_days
from qlvbdh_policy.accounts.login_records import change_committed
from qlvbdh_policy.accounts.login_records import LoginRecord
from qlvbdh_policy.accounts.login_records import record_of
from qlvbdh_policy.agencies.abbreviations import domain_abbr
from qlvbdh_policy.agencies.hosts import ENVIRON_KEY
from qlvbdh_policy.interfaces import IAgency
from qlvbdh_policy.rules import login_attempts
from qlvbdh_policy.rules import passwords
from qlvbdh_policy.rules.group_names import agency_id_of_group
from qlvbdh_policy.rules.login_attempts import LOCK  # noqa: F401 (the rule's figures, for callers)
from qlvbdh_policy.rules.login_attempts import locked_until
from qlvbdh_policy.rules.login_attempts import MAX_FAILURES  # noqa: F401
from qlvbdh_policy.rules.login_attempts import WINDOW  # noqa: F401
from qlvbdh_policy.timeutil import format_datetime
from qlvbdh_policy.timeutil import vietnam_timestamp
from qlvbdh_policy.vietnamese import in_vietnamese
from zExceptions import Unauthorized
from zope.globalrequest import getRequest
from zope.interface import implementer

import hashlib

PLUGIN_ID = "qlvbdh_login_guard"
FORM_EXTRACTOR = "credentials_cookie_auth"  # Plone's login form (__ac_name, __ac_password)
BASIC_EXTRACTOR = "credentials_basic_auth"  # the password in every request
REFUSAL_KEY = "qlvbdh.login_refused"  # request.other: the refusal the login form shows
CHECKED_KEY = "qlvbdh.logins_checked"  # request.other: credentials already checked


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
    return in_vietnamese(_(MSG_DISABLED, mapping={"login": login}), getRequest())


MSG_OTHER_AGENCY = _("The account ${login} belongs to ${agency}: log in at ${url}.")


def other_agency_message(login, agency, host_abbr, request):
    url = request.get("SERVER_URL", "").replace(f"//{host_abbr}.", f"//{domain_abbr(agency)}.", 1)
    return in_vietnamese(_(MSG_OTHER_AGENCY, mapping={"login": login, "agency": agency.title,
                                                      "url": url}), request)


def account_agency(group_ids, site):
    """The agency (object) whose groups ``group_ids`` include, or None."""
    for group in group_ids:
        abbr = agency_id_of_group(group)
        agency = site.get(abbr) if abbr else None
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
    message = _(MSG_LOCKED, mapping={"login": login, "until": format_datetime(until)})
    return in_vietnamese(message, getRequest())


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
        request = getRequest()
        checked = request.other.setdefault(CHECKED_KEY, {}) if request is not None else {}
        key = (userid, hashlib.sha256(str(password).encode()).hexdigest())
        if key in checked:  # the same guess asked again within one request
            return self._refuse(credentials, checked[key]) if checked[key] else None
        checked[key] = None
        now = vietnam_timestamp()
        until = self._take_attempt(userid, now)
        if until is not None:
            checked[key] = locked_message(login, until)
            return self._refuse(credentials, checked[key])
        if source.authenticateCredentials(credentials) is None:
            return None  # the attempt stays counted: a failure
        refusal = (disabled_message(login) if self.is_disabled(userid)
                   else self._other_agency_refusal(userid, login))
        change_committed(self, userid, lambda record: login_attempts.after_right_password(
            record, None if refusal else now))
        if refusal is None:
            login_days.note(request, self, userid, now.date(),
                            once=credentials.get("extractor") == BASIC_EXTRACTOR)
        if refusal:
            checked[key] = refusal
            return self._refuse(credentials, refusal)
        return None  # Plone's own source authenticates; this plugin only refuses

    def _take_attempt(self, userid, now):
        """Count one attempt in the account's committed record before its
        password is checked; when the account is locked, count nothing and
        return when the lock ends."""
        locked = []

        def take(record):  # may run again on the newer record after a conflict
            locked.clear()
            until = locked_until(record, now)
            if until is not None:
                locked.append(until)
                return None
            return login_attempts.after_attempt(record, now)

        change_committed(self, userid, take)
        return locked[0] if locked else None

    def _refuse(self, credentials, message):
        """Refuse a login: on Plone's login form the form shows why (PAS
        would turn an exception into a blank form), elsewhere HTTP 401."""
        request = getRequest()
        if (credentials.get("extractor") == FORM_EXTRACTOR and request is not None
                and request.form.get("__ac_name")):
            if request.other.get(REFUSAL_KEY) != message:
                request.other[REFUSAL_KEY] = message
                IStatusMessage(request).add(message, type="error")
            return None
        raise Unauthorized(message)

    def _other_agency_refusal(self, userid, login):
        """On an agency's host, only that agency's accounts (and those of
        no agency: the province's overseers, site managers) log in: the
        refusal's message, or None."""
        request = getRequest()
        abbr = request.environ.get(ENVIRON_KEY) if request is not None else None
        groups = getattr(self._getPAS(), "source_groups", None)
        if not abbr or groups is None:
            return None
        site = aq_parent(aq_inner(self._getPAS()))
        own = account_agency(groups.getGroupsForPrincipal(_Principal(userid)), site)
        if own is not None and domain_abbr(own) != abbr:
            return other_agency_message(login, own, abbr, request)
        return None

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
        return [{"id": "password", "error": in_vietnamese(m, getRequest())}
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

    def _record(self, userid):
        return record_of(self._records.get(userid))

    def logins_between(self, userids, start, end):
        """{userid: logins from ``start`` to ``end``} (``login_days``)."""
        return login_days.logins_between(self, userids, start, end)

    def last_login(self, userid):
        return (self._record(userid) or {}).get("last_login")

    def lock_end(self, userid):
        """When the account's last lock ends (or ended), or None."""
        return (self._record(userid) or {}).get("locked_until")

    def unlock(self, userid):
        """An administrator lifts the lock, in the request's transaction
        (its answer shows the account unlocked; a conflict with a login
        attempt retries the request)."""
        stored = self._records.get(userid)
        record = record_of(stored)
        if not record or not (record["attempts"] or record["locked_until"]):
            return
        if isinstance(stored, LoginRecord):
            stored.update(login_attempts.unlocked(record))  # in place: it conflicts
        else:
            self._records[userid] = LoginRecord(login_attempts.unlocked(record))


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
    login_days.days_of(getattr(acl_users, PLUGIN_ID), create=True)
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
