"""The login form of the portal and of an agency's own host (Plone
registers its form for navigation roots only, and an agency is the root of
its host), and the forced password change."""

from html import escape
from pathlib import Path
from plone import api
from plone.base import PloneMessageFactory as _p
from Products.CMFPlone.browser.login import login
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy import permissions
from qlvbdh_policy.accounts.lockout import REFUSAL_KEY
from z3c.form import button


class LoginForm(login.LoginForm):
    """Plone's login form, which also says why the login guard refused a
    right password or any password at all (a locked account, Quy chế Điều
    8.4; a disabled account; another agency's host): the guard puts its
    message among the status messages, and Plone's generic “Login failed”
    would only hide it (issue 14: a locked account saw a blank form)."""

    index = ViewPageTemplateFile("login.pt", _prefix=str(Path(login.__file__).parent / "templates"))

    @button.buttonAndHandler(_p("Log in"), name="login")
    def handleLogin(self, action):
        if self.request.other.get(REFUSAL_KEY):
            self.request.response.expireCookie("__ac", path="/")
            return
        login.LoginForm.handleLogin.func(self, action)


class AgencyLoginForm(LoginForm):
    """The same form, on an agency's host. A visitor may not yet see the
    agency, so none of its page's viewlets (the status messages among them)
    is drawn: the form says itself why a login failed (issue 16: a wrong
    password reloaded a blank form)."""

    def update(self):
        super().update()
        if not api.user.has_permission(permissions.View, obj=self.context):
            messages = IStatusMessage(self.request).show()
            if messages:
                self.status = "<br/>".join(escape(m.message) for m in messages)


class AgencyForcedPasswordChange(login.ForcedPasswordChange):
    """Plone's “Time to change your password!” form, where a new account
    lands after its first login (``accounts.sessions``)."""

    index = ViewPageTemplateFile("forced_password_change.pt",
                                 _prefix=str(Path(login.__file__).parent / "templates"))
