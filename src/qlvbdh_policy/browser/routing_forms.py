"""Forms of the routing steps. Each calls the feature function the REST
service calls; a refusal is shown on the field it names and nothing is
stored (the transaction is doomed)."""

from Acquisition import aq_parent
from html import escape
from plone.z3cform.layout import wrap_form
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy import _
from qlvbdh_policy import delivery
from qlvbdh_policy import routing
from qlvbdh_policy.browser.forgery import refuse_forged
from qlvbdh_policy.validation import DocumentRefused
from qlvbdh_policy.vocabularies.content_vocabularies import agency_of
from urllib.parse import urlencode
from z3c.form import button
from z3c.form import field
from z3c.form import form
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from z3c.form.interfaces import IErrorViewSnippet
from zope import schema
from zope.component import getMultiAdapter
from zope.i18n import translate
from zope.interface import Interface
from zope.interface import Invalid

import transaction


class RoutingForm(form.Form):
    ignoreContext = True
    checkbox_fields = ()
    done_message = _("Saved.")

    def updateWidgets(self):
        for name in self.checkbox_fields:
            self.fields[name].widgetFactory = CheckBoxFieldWidget
        super().updateWidgets()

    @property
    def label(self):
        return routing.transition_title(self.context, self.step_id)

    def show_refusal(self, refusal):
        transaction.doom()  # nothing of a refused step is stored
        message = translate(refusal.message(), context=self.request)
        widget = self.widgets.get(refusal.field) if refusal.field else None
        if widget is not None:
            snippet = getMultiAdapter(
                (Invalid(message), self.request, widget, widget.field, self, self.context),
                IErrorViewSnippet,
            )
            snippet.update()
            widget.error = snippet
            self.widgets.errors += (snippet,)
        self.status = message
        IStatusMessage(self.request).addStatusMessage(message, "error")

    @button.buttonAndHandler(_("Save"), name="save")
    def handle_save(self, action):
        refuse_forged(self.request)
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        try:
            result = self.run(data)
        except DocumentRefused as refusal:
            self.show_refusal(refusal)
            return
        target = result if result is not None else self.context
        IStatusMessage(self.request).addStatusMessage(
            translate(self.done(target), context=self.request), "info")
        self.request.response.redirect(target.absolute_url())

    def done(self, target):
        """What the step did, with the number it gave (issue 16)."""
        return self.done_message

    @button.buttonAndHandler(_("Cancel"), name="cancel")
    def handle_cancel(self, action):
        self.request.response.redirect(self.context.absolute_url())


class IAssign(Interface):
    handler = schema.Choice(
        title=_("Main handler"),
        description=_("A person, or a department whose head forwards it to a person."),
        vocabulary="qlvbdh.AgencyHandlers",
    )
    co_handlers = schema.List(
        title=_("Co-handlers"), value_type=schema.Choice(vocabulary="qlvbdh.AgencyPeople"),
        required=False,
    )
    informed = schema.List(
        title=_("For information"), value_type=schema.Choice(vocabulary="qlvbdh.AgencyPeople"),
        required=False,
    )
    due_date = schema.Date(title=_("Deadline"), required=False)
    instruction = schema.Text(title=_("Direction"), required=False)


class AssignForm(RoutingForm):
    fields = field.Fields(IAssign)
    checkbox_fields = ("co_handlers", "informed")
    step_id = "assign"
    done_message = _("The document is assigned.")

    def run(self, data):
        routing.assign(self.context, data["handler"], data.get("co_handlers") or (),
                       data.get("informed") or (), data.get("due_date"),
                       data.get("instruction") or "")


class IForward(Interface):
    to = schema.Choice(title=_("Forward to"), vocabulary="qlvbdh.AgencyPeople")
    comment = schema.Text(title=_("Comment"), required=False)


class ForwardForm(RoutingForm):
    fields = field.Fields(IForward)
    step_id = "forward"
    done_message = _("The document is forwarded.")

    def run(self, data):
        routing.forward(self.context, data["to"], data.get("comment") or "")


class IComplete(Interface):
    result = schema.Text(title=_("Result"))
    reply = schema.Choice(
        title=_("Reply document"), vocabulary="qlvbdh.AgencyOutgoing", required=False)


class CompleteForm(RoutingForm):
    fields = field.Fields(IComplete)
    step_id = "complete"
    done_message = _("The handling is completed.")

    def run(self, data):
        routing.complete(self.context, data["result"], data.get("reply"))


class IAccept(Interface):
    register = schema.Choice(title=_("Register"), vocabulary="qlvbdh.IncomingRegisters")
    confirm_duplicate = schema.Bool(
        title=_("Register anyway"), required=False, default=False,
        description=_("Only if the system warned that this document seems registered "
                      "already and you checked it is another one."))


class AcceptForm(RoutingForm):
    fields = field.Fields(IAccept)
    step_id = "accept"
    def done(self, target):
        return _("Accepted into ${register}, arrival number ${number}.",
                 mapping={"register": aq_parent(target).Title(),
                          "number": target.arrival_number or ""})

    def run(self, data):
        agency = agency_of(self.context)
        return delivery.accept(self.context, agency.get(data["register"]),
                               confirm_duplicate=bool(data.get("confirm_duplicate")))


class IStep(Interface):
    comment = schema.Text(title=_("Comment or reason"), required=False)


class StepForm(RoutingForm):
    """Any step without data of its own; return and recall need a reason."""

    fields = field.Fields(IStep)

    @property
    def step_id(self):
        return self.request.form.get("transition", "")

    @property
    def action(self):
        """Keep the step in the URL the form posts to."""
        return f"{self.request.getURL()}?{urlencode({'transition': self.step_id})}"

    @property
    def description(self):
        """What a step that cannot be undone in passing will do (issue 16:
        the dangerous “Đóng sổ” asks with the consequences)."""
        if self.step_id == "close":
            from qlvbdh_policy.registers.closing import last_number

            return translate(_(
                "Closing ${register} records its last number (${number}). No document can be "
                "registered in it any more; a site manager can reopen it.",
                mapping={"register": self.context.Title(), "number": last_number(self.context)}),
                context=self.request)
        return None

    def update(self):
        super().update()
        if not self.status and self.description:  # shown above the form, before saving
            self.status = escape(self.description)

    def done(self, target):
        if self.step_id == "issue" and getattr(target, "code", ""):
            return _("Issued with number ${code}.", mapping={"code": target.code})
        title = translate(routing.transition_title(self.context, self.step_id),
                          context=self.request)
        return _("Done: ${step}.", mapping={"step": title})

    def run(self, data):
        comment = data.get("comment") or ""
        step = self.step_id
        if step == "return":
            return delivery.return_document(self.context, comment)
        if step == "recall" and self.context.portal_type == "OutgoingDocument":
            return delivery.recall(self.context, comment)
        return routing.simple_step(self.context, step, comment)


AssignView = wrap_form(AssignForm)
ForwardView = wrap_form(ForwardForm)
CompleteView = wrap_form(CompleteForm)
AcceptView = wrap_form(AcceptForm)
StepView = wrap_form(StepForm)
