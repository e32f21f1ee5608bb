"""Add forms for documents in a register.

Both register the new document in its own short transaction (see
``numbering.register_in_own_transaction``), like the REST service, and show
the register's refusals. The incoming form warns about a duplicate with a
link to the registered document and asks the clerk to confirm.
"""

from html import escape
from plone import api
from plone.dexterity.browser.add import DefaultAddForm
from plone.dexterity.browser.add import DefaultAddView
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy import _
from qlvbdh_policy.browser.forgery import refuse_forged
from qlvbdh_policy.content.register import DOCUMENT_TYPE_OF_KIND
from qlvbdh_policy.content.validation import DocumentRefused
from qlvbdh_policy.registers.numbering import register_in_own_transaction
from qlvbdh_policy.registers.registration import check_register_kind
from qlvbdh_policy.registers.registration import find_duplicates
from qlvbdh_policy.registers.registration import KIND_TITLES
from z3c.form import button
from z3c.form import field
from z3c.form.interfaces import HIDDEN_MODE
from z3c.form.interfaces import INPUT_MODE
from zope import schema
from zope.i18n import translate

CONFIRM = "confirm_duplicate"
MSG_DUPLICATE_FORM = _(
    "This document seems to be registered already: ${documents}. Check it; "
    "to register it again, tick “Register anyway” and save."
)


class RegisterDocumentAddForm(DefaultAddForm):
    """Add form whose save runs as the register's own transaction."""

    label = _("Draft an outgoing document")
    refused = False

    def update(self):
        """A document of the other kind (a book's add form reached by its
        URL: the book's menu offers only its own kind) goes back to the
        book with the rule's message; nothing is shown to fill in."""
        kind = {v: k for k, v in DOCUMENT_TYPE_OF_KIND.items()}.get(self.portal_type)
        try:
            check_register_kind(self.context, kind, KIND_TITLES[kind])
        except DocumentRefused as e:
            IStatusMessage(self.request).addStatusMessage(
                translate(e.message(), context=self.request), "error")
            self.request.response.redirect(self.context.absolute_url())
            self.refused = True
            return
        super().update()

    def render(self):
        return "" if self.refused else super().render()

    def register(self, data):
        return register_in_own_transaction(self.context, lambda: self.createAndAdd(data))

    @button.buttonAndHandler(_("Save"), name="save")
    def handleAdd(self, action):
        # before anything: the registration commits before plone.protect looks
        refuse_forged(self.request)
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        if not self.check_before_registering(data):
            return
        data.pop(CONFIRM, None)
        try:
            obj = self.register(data)
        except DocumentRefused as e:
            self.status = translate(e.message(), context=self.request)
            IStatusMessage(self.request).addStatusMessage(self.status, "error")
            return
        if obj is not None:
            self._finishedAdd = True
            IStatusMessage(self.request).addStatusMessage(self.saved_message(obj), "info")

    def saved_message(self, obj):
        return _("The draft is saved.")

    @button.buttonAndHandler(_("Cancel"), name="cancel")
    def handleCancel(self, action):
        super().handleCancel.func(self, action)

    def check_before_registering(self, data):
        return True


class IncomingAddForm(RegisterDocumentAddForm):
    label = _("Register an incoming document")
    duplicates = ()

    def updateFields(self):
        super().updateFields()
        confirm = schema.Bool(
            __name__=CONFIRM,
            title=_("Register anyway"),
            description=_("The document is registered again with a new arrival number."),
            required=False,
            default=False,
        )
        self.fields += field.Fields(confirm)
        self.fields[CONFIRM].ignoreContext = True

    def update(self):
        self.sender_from_agency()
        super().update()

    def sender_from_agency(self):
        """Registering carries the sender from the agency chosen (issue
        16): on save, an empty “Issuing agency” takes the name of the
        province's agency picked in “Issuing agency in the province”,
        before the form is read, so the duplicate check (number, notation,
        issuing agency, date) sees the name that is stored."""
        form = self.request.form
        name_key = f"{self.prefix}widgets.sender_name"
        if (form.get(name_key) or "").strip() or f"{self.prefix}buttons.save" not in form:
            return
        name = sender_name_of(form.get(f"{self.prefix}widgets.sender_agency"))
        if name:
            form[name_key] = name

    def updateWidgets(self, prefix=None):
        super().updateWidgets(prefix)
        widget = self.widgets.get(CONFIRM)
        if widget is not None:
            widget.mode = HIDDEN_MODE

    def saved_message(self, obj):
        return _(
            "Registered with arrival number ${number}.",
            mapping={"number": f"{obj.arrival_number:02d}"},
        )

    def check_before_registering(self, data):
        if data.get(CONFIRM):
            return True
        self.duplicates = find_duplicates(
            self.context, data.get("code_number"), data.get("code_notation"),
            data.get("sender_name"), data.get("doc_date"),
        )
        if not self.duplicates:
            return True
        links = ", ".join(
            f'<a href="{escape(b.getURL())}">số đến {b.arrival_number:02d}: {escape(b.Title)}</a>'
            for b in self.duplicates
        )
        self.status = translate(
            _(MSG_DUPLICATE_FORM, mapping={"documents": links}), context=self.request
        )
        widget = self.widgets[CONFIRM]
        widget.mode = INPUT_MODE
        widget.update()
        return False


def sender_name_of(chosen):
    """The name of the province's agency a select sent (its UID, or a
    one-item list of it), or None. Read from the catalog: a clerk does not
    see inside another agency's folder, but may name it."""
    if isinstance(chosen, (list, tuple)):
        chosen = chosen[0] if chosen else None
    if not chosen or not isinstance(chosen, str) or chosen == "--NOVALUE--":
        return None
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=chosen, portal_type="Agency")
    return brains[0].Title if brains else None


class IncomingAddView(DefaultAddView):
    form = IncomingAddForm


class OutgoingAddView(DefaultAddView):
    form = RegisterDocumentAddForm
