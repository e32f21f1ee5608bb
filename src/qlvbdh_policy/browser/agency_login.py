"""The login form on an agency's own host: Plone registers its form for
navigation roots only, and an agency is the root of its host."""

from pathlib import Path
from Products.CMFPlone.browser.login import login
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class AgencyLoginForm(login.LoginForm):
    index = ViewPageTemplateFile("login.pt", _prefix=str(Path(login.__file__).parent / "templates"))


class AgencyForcedPasswordChange(login.ForcedPasswordChange):
    """Plone's “Time to change your password!” form, where a new account
    lands after its first login (``accounts.sessions``)."""

    index = ViewPageTemplateFile("forced_password_change.pt",
                                 _prefix=str(Path(login.__file__).parent / "templates"))
