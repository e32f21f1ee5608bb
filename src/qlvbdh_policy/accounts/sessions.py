"""What a logged-in account may do in this request (IPubAfterTraversal).

- A disabled account is refused even with a session made before.
- On an agency's host, an account of another agency is refused (403): a
  session is valid on its own agency's host; province-wide accounts (the
  oversight, site managers) hold no agency and pass.
- An account that must change its password (a new account, a reset one)
  is sent to the password form; REST answers 403 except for @login,
  @logout and @new-password.
The site's own login pages stay reachable, so that a refused person can
log out or log in as someone else.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_base
from Acquisition import aq_parent
from plone import api
from qlvbdh_policy import _
from qlvbdh_policy.accounts.lockout import account_agency
from qlvbdh_policy.accounts.lockout import disabled_message
from qlvbdh_policy.accounts.lockout import guard
from qlvbdh_policy.accounts.lockout import other_agency_message
from qlvbdh_policy.agencies.abbreviations import domain_abbr
from qlvbdh_policy.agencies.hosts import ENVIRON_KEY
from qlvbdh_policy.agencies.hosts import LOGIN_VIEWS
from qlvbdh_policy.vietnamese import in_vietnamese
from zExceptions import Forbidden
from zExceptions import Redirect
from zExceptions import Unauthorized

PASSWORD_FORM = "forced-password-change"
ALLOWED_BEFORE_CHANGE = frozenset({PASSWORD_FORM, "login", "logout", "new-password"})
MSG_CHANGE_PASSWORD = _("Change your password first (${url}).")


def _published_names(request):
    """The published view's name and the URL's last step, without @@/@
    (a REST service publishes itself under another name)."""
    name = getattr(request.get("PUBLISHED"), "__name__", None)
    last = request.get("ACTUAL_URL", "").rstrip("/").rsplit("/", 1)[-1]
    return {n.lstrip("@") for n in (name, last) if isinstance(n, str)}


def _is_rest(request):
    return request.getHeader("Accept", "").startswith("application/json")


def _site_user(user):
    """The site, when ``user`` is one of its own accounts; else None (no
    one logged in, no site, the Zope root's admin: PAS wraps a user in the
    user folder that found it)."""
    if user is None or not user.getId() or not hasattr(user, "getGroups"):
        return None
    try:
        site = api.portal.get()
    except api.exc.CannotGetPortalError:
        return None
    if aq_base(aq_parent(user)) is not aq_base(site.acl_users):
        return None
    return site


def _check_agency_host(user, site, request):
    """An account of one agency does not work on another agency's host."""
    abbr = request.environ.get(ENVIRON_KEY)
    if abbr:
        own = account_agency(user.getGroups(), site)
        if own is not None and domain_abbr(own) != abbr:
            raise Forbidden(other_agency_message(user.getUserName(), own, abbr, request))


def _check_password_changed(user, site, request, names):
    """Before anything else, an account whose password must change goes to
    the form that changes it (REST: 403 naming the form)."""
    getter = getattr(user, "getProperty", None)  # PlonePAS users read their sheets
    if getter is None or not getter("must_change_password", False):
        return
    if names & ALLOWED_BEFORE_CHANGE or "/++" in request.get("ACTUAL_URL", ""):
        return
    agency = account_agency(user.getGroups(), site)
    base = (agency or site).absolute_url()
    form_url = f"{base}/@@{PASSWORD_FORM}"
    if _is_rest(request):
        raise Forbidden(in_vietnamese(_(MSG_CHANGE_PASSWORD, mapping={"url": form_url})))
    raise Redirect(form_url)


def enforce_account_state(event):
    """Each request of a logged-in account, except to the login pages: a
    disabled account is refused, an account works on its own agency's host
    only, a password that must change is changed first."""
    request = event.request
    user = getSecurityManager().getUser()
    site = _site_user(user)
    if site is None:
        return
    names = _published_names(request)
    if names & LOGIN_VIEWS:
        return
    site_guard = guard(site)
    if site_guard is not None and site_guard.is_disabled(user.getId()):
        raise Unauthorized(disabled_message(user.getUserName()))
    _check_agency_host(user, site, request)
    _check_password_changed(user, site, request, names)