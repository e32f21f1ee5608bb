"""The form authenticator, checked by every form and page of this package
that writes, before it writes.

plone.protect checks it too, but only when the response is transformed at
the end of the request: a form that commits its own transaction (the
registration, under the register's lock) has committed by then, and a
GET that runs a form's button writes before anything looks at it. So a
writing handler calls ``refuse_forged`` first; a request without this
person's authenticator (a page of another site or another agency's host,
a link) is answered 403 with a Vietnamese message and nothing is
written. The page says so itself (``ForgedFormView``): Plone's own error
page only says that something went wrong."""

from plone.protect.authenticator import check
from Products.CMFPlone.browser.exceptions import ExceptionView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy import _
from zExceptions import Forbidden
from zope.i18n import translate

import transaction

MSG_FORGED = _(
    "This form was not sent from this site's own page, or the page is too old (its "
    "security code is missing or wrong). Nothing was saved: open the form again and save."
)


class ForgedForm(Forbidden):
    """A write refused for want of the form authenticator (HTTP 403)."""


class ForgedFormView(ExceptionView):
    """The page of a ``ForgedForm``: what was refused and what to do."""

    index = ViewPageTemplateFile("templates/forged_form.pt")

    def __call__(self):
        self.message = str(self.context)
        # Zope derives the status from the exception's class name, which
        # its table does not know: 403 it is
        self.request.response.setStatus(403, lock=True)
        return super().__call__()


def refuse_forged(request):
    """Raise Forbidden unless ``request`` is a POST carrying the form
    authenticator of the person signed in."""
    try:
        method = getattr(request, "method", None) or request.get("REQUEST_METHOD", "GET")
        if method.upper() != "POST":
            raise Forbidden("not a POST")
        check(request)
    except Forbidden:
        transaction.doom()
        raise ForgedForm(translate(MSG_FORGED, context=request)) from None
