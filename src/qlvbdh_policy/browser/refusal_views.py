"""A refusal in the Classic UI answers a Vietnamese message, never a 500.

The rules refuse through ``RefusedValue`` (validation.py) wherever they
run, often in an event subscriber: the archive's read-only check, the
re-check of a document when it is modified, the register's refusals when a
document is pasted into it, the workflow checks of a step. plone.restapi
answers those 400 (restapi/refusal_errors.py), but a Classic UI page — the
edit form, the add form of an attachment, the state menu, folder contents —
answered HTTP 500 with Plone's error page or ``{"error_type": ...}``: Zope
derives the status from the exception's class name, which its table does
not know.

Two pieces:

- ``RefusalView``, the exception view of ``RefusedValue``: status 400 (403 for a step the workflow does
  not allow now), Plone's page with the message and a link back; JSON
  (``{"status": "failure", "msg": …}``, the envelope of folder contents'
  actions, beside the REST one's ``message`` and ``errors``) for a script
  (``wants_json``).
  Registered for the default layer, it wins over the REST adapter
  (``refusal_errors``) for plone.restapi requests too, so it answers them
  the same REST body (``validation.refusal_body``).
  The transaction is aborted by the publisher, as for any exception.
- ``RefusalKeepingEditForm`` and ``RefusalKeepingAddForm``: Dexterity's
  edit form and the add form of an attachment catch the refusal of their
  own save, undo what the save changed (a savepoint, and the transaction is
  doomed so nothing of the request is stored) and show the form again with
  the message and what was typed.
"""

from Acquisition import aq_inner
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from plone.dexterity.browser.edit import DefaultEditForm
from plone.rest.interfaces import IAPIRequest
from plone.z3cform import layout
from Products.CMFPlone.browser.exceptions import ExceptionView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy import _
from qlvbdh_policy.content.validation import refusal_body
from qlvbdh_policy.content.validation import RefusedValue
from z3c.form import button
from zope.i18n import translate

import json
import transaction


def refusal_status(refusal):
    """400, or the status the refusal carries (403 for a step not allowed)."""
    return getattr(refusal, "status", 400)


def refusal_message(refusal, request):
    return translate(refusal.message(), context=request)


def wants_json(request):
    """A script's request (folder contents' actions: ``X-Requested-With``,
    or an ``Accept`` asking JSON rather than a page). Anyone else — a
    browser, a link opened by a program that accepts anything — gets the
    page: a visitor is never answered JSON he did not ask for."""
    if request.getHeader("X-Requested-With", "") == "XMLHttpRequest":
        return True
    accept = request.getHeader("Accept", "") or ""
    return "application/json" in accept and "text/html" not in accept


class RefusalView(ExceptionView):
    """The page (or JSON) of a ``RefusedValue`` raised during a request."""

    index = ViewPageTemplateFile("templates/refusal.pt")

    def __call__(self):
        refusal = self.context
        self.context = self.__parent__
        request = self.request
        self.message = refusal_message(refusal, request)
        request.response.setStatus(refusal_status(refusal), lock=True)
        if IAPIRequest.providedBy(request) or wants_json(request):
            body = refusal_body(refusal, request)
            if not IAPIRequest.providedBy(request):  # folder contents' envelope
                body = {"status": "failure", "msg": self.message, **body}
            request.response.setHeader("Content-Type", "application/json")
            return json.dumps(body, indent=2, ensure_ascii=False)
        request.set("disable_border", True)
        return self.index()

    def back_url(self):
        """The content the refused page was about."""
        context = aq_inner(self.context)
        while context is not None and not hasattr(context, "getPhysicalPath"):
            context = getattr(context, "context", None)  # a view: its content
        if context is None:
            return self.request.get("URL1", "")
        return context.absolute_url()


class RefusalKeeping:
    """Run a form's save so that a refusal leaves the form on screen with
    the message and the values typed, and nothing stored."""

    refused = False

    def save_refusing(self, save, action):
        savepoint = transaction.savepoint(optimistic=True)
        try:
            save(self, action)
        except RefusedValue as error:
            savepoint.rollback()
            transaction.doom()
            self.refused = True
            self.status = refusal_message(error, self.request)
            IStatusMessage(self.request).addStatusMessage(self.status, "error")
            self.request.response.setStatus(refusal_status(error))


class RefusalKeepingEditForm(RefusalKeeping, DefaultEditForm):
    @button.buttonAndHandler(_("Save"), name="save")
    def handleApply(self, action):
        self.save_refusing(DefaultEditForm.handleApply.func, action)

    @button.buttonAndHandler(_("Cancel"), name="cancel")
    def handleCancel(self, action):
        DefaultEditForm.handleCancel.func(self, action)


RefusalKeepingEditView = layout.wrap_form(RefusalKeepingEditForm)


class RefusalKeepingAddForm(RefusalKeeping, DefaultAddForm):
    @button.buttonAndHandler(_("Save"), name="save")
    def handleAdd(self, action):
        self.save_refusing(DefaultAddForm.handleAdd.func, action)

    @button.buttonAndHandler(_("Cancel"), name="cancel")
    def handleCancel(self, action):
        DefaultAddForm.handleCancel.func(self, action)


class RefusalKeepingAddView(DefaultAddView):
    form = RefusalKeepingAddForm
