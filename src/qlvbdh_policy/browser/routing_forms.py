"""Forms of the routing steps. Each calls the feature function the REST
service calls; a refusal is shown on the field it names and nothing is
stored (the transaction is doomed)."""

from Acquisition import aq_parent
from html import escape
from plone import api
from plone.app.z3cform.widgets.select import Select2FieldWidget
from plone.z3cform.layout import FormWrapper
from plone.z3cform.layout import wrap_form
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy import _
from qlvbdh_policy.accounts.directory import people_by_department
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.browser.file_preview import FilePreview
from qlvbdh_policy.browser.forgery import refuse_forged
from qlvbdh_policy.casefiles import filing
from qlvbdh_policy.content.validation import DocumentRefused
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.routing import delivery
from qlvbdh_policy.routing import steps
from qlvbdh_policy.routing import trail
from qlvbdh_policy.signatures import agency_signing
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import read_date
from qlvbdh_policy.timeutil import vietnam_today
from urllib.parse import urlencode
from z3c.form import button
from z3c.form import field
from z3c.form import form
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from z3c.form.browser.checkbox import CheckBoxWidget
from z3c.form.browser.select import SelectWidget
from z3c.form.interfaces import IErrorViewSnippet
from z3c.form.widget import FieldWidget
from zope import schema
from zope.browserpage.viewpagetemplatefile import ViewPageTemplateFile as WidgetTemplate
from zope.component import getMultiAdapter
from zope.i18n import translate
from zope.interface import Interface
from zope.interface import Invalid
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

import transaction


def show_refusal(form, refusal):
    """A refusal as the page's error message, and on the field it names when
    the form shows that field; nothing of the request is stored."""
    transaction.doom()
    message = translate(refusal.message(), context=form.request)
    widget = form.widgets.get(refusal.field) if refusal.field else None
    if widget is not None:
        snippet = getMultiAdapter(
            (Invalid(message), form.request, widget, widget.field, form, form.context),
            IErrorViewSnippet,
        )
        snippet.update()
        widget.error = snippet
        form.widgets.errors += (snippet,)
    # said once as the page's error message (not again as the form's
    # status, which showed it a second time, styled as information)
    IStatusMessage(form.request).addStatusMessage(message, "error")


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
        return steps.transition_title(self.context, self.step_id)

    def show_refusal(self, refusal):
        show_refusal(self, refusal)

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


class GroupedSelectWidget(SelectWidget):
    """The main handler: nobody chosen until the leader chooses (a prompt
    first), the departments, then the people in groups by department and
    position (chức vụ); each person's option is his full name alone."""

    template = WidgetTemplate("templates/handler_select.pt")
    option_groups = ()


class PeopleCheckBoxWidget(CheckBoxWidget):
    """Co-handlers and people informed: check boxes grouped by department,
    each labelled with the person's full name, the position beside it."""

    template = WidgetTemplate("templates/people_checkboxes.pt")
    people_groups = ()


def GroupedSelectFieldWidget(field, request):
    return FieldWidget(field, GroupedSelectWidget(request))


def PeopleCheckBoxFieldWidget(field, request):
    return FieldWidget(field, PeopleCheckBoxWidget(request))


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
    # dd/mm/yyyy as officials write dates: Chromium's date input shows
    # mm/dd/yyyy whatever the page's language (ARCHITECTURE.md, traps)
    due_date = schema.TextLine(title=_("Deadline"), description=_("dd/mm/yyyy"),
                               required=False)
    instruction = schema.Text(title=_("Direction"), required=False)


MSG_BAD_DEADLINE = _("${field}: “${value}” is not a date; write it as dd/mm/yyyy.")


def parse_deadline(value):
    """dd/mm/yyyy (as officials write) or yyyy-mm-dd (as a browser's date
    field sends); None for nothing.

    :raises: steps.RoutingRefused on the field for anything else."""
    try:
        return read_date(value)
    except ValueError:
        raise steps.RoutingRefused(MSG_BAD_DEADLINE, {"field": _("Deadline"),
                                                        "value": value.strip()},
                                     "due_date") from None


class AssignForm(RoutingForm):
    fields = field.Fields(IAssign)
    fields["handler"].widgetFactory = GroupedSelectFieldWidget
    fields["co_handlers"].widgetFactory = PeopleCheckBoxFieldWidget
    fields["informed"].widgetFactory = PeopleCheckBoxFieldWidget
    step_id = "assign"
    done_message = _("The document is assigned.")

    def updateWidgets(self):
        super().updateWidgets()
        agency = agency_of(self.context)
        groups = translated(self.request, people_by_department(agency) if agency else [])
        self.widgets["co_handlers"].people_groups = groups
        self.widgets["informed"].people_groups = groups
        self.widgets["handler"].option_groups = handler_groups(self.request, agency, groups)
        self.propose_deadline()

    def propose_deadline(self):
        """The deadline the document carries (its own “hạn giải quyết”,
        from the sender or the register), when it is not past; the leader
        changes it or clears it. (No agency keeps a usual processing time
        yet: there is nothing else to propose.)"""
        widget = self.widgets["due_date"]
        widget.placeholder = "dd/mm/yyyy"
        if "form.buttons.save" in self.request.form or widget.value:
            return
        due = getattr(self.context, "due_date", None)
        if due is not None and due >= vietnam_today():
            widget.value = format_date(due)

    def run(self, data):
        steps.assign(self.context, data["handler"], data.get("co_handlers") or (),
                       data.get("informed") or (), parse_deadline(data.get("due_date")),
                       data.get("instruction") or "")


def translated(request, groups):
    """The groups of ``people_by_department`` with their titles and the
    people's positions in the request's language."""
    for group in groups:
        group["title"] = translate(group["title"], context=request)
        for person in group["people"]:
            person["position_title"] = translate(person["position"], context=request)
    return groups


def handler_groups(request, agency, people_groups):
    """[{title, options: [{token, title}]}] for the main handler's list:
    the departments (their heads forward it), then each group of people
    split by position."""
    if agency is None:
        return []
    depts = [{"token": g["department"], "title": g["title"]}
             for g in people_groups if g["department"]]
    out = []
    if depts:
        out.append({"title": translate(_("Departments (the head forwards it)"), context=request),
                    "options": depts})
    for group in people_groups:
        by_position = {}
        for person in group["people"]:
            by_position.setdefault(person["position_title"], []).append(
                {"token": person["userid"], "title": person["fullname"]})
        for position, options in by_position.items():
            title = group["title"] if position == group["title"] else f"{group['title']} · {position}"
            out.append({"title": title, "options": options})
    return out


class IForward(Interface):
    to = schema.Choice(title=_("Forward to"), vocabulary="qlvbdh.AgencyPeople")
    comment = schema.Text(title=_("Comment"), required=False)


class ForwardForm(RoutingForm):
    fields = field.Fields(IForward)
    fields["to"].widgetFactory = GroupedSelectFieldWidget
    step_id = "forward"
    done_message = _("The document is forwarded.")

    def updateWidgets(self):
        """Only the people the current user may forward to are offered (a
        department head: his department's), grouped as on the assign form;
        steps.forward refuses anyone else, whatever the request says."""
        super().updateWidgets()
        agency = agency_of(self.context)
        targets = steps.forward_targets(self.context, api.user.get_current())
        groups = translated(self.request,
                            people_by_department(agency, targets) if agency else [])
        self.widgets["to"].option_groups = handler_groups(
            self.request, agency, [dict(g, department=None) for g in groups])

    def run(self, data):
        steps.forward(self.context, data["to"], data.get("comment") or "")


class IPassLeader(Interface):
    leader = schema.Choice(title=_("Leader"), vocabulary="qlvbdh.AgencyPeople")
    comment = schema.Text(title=_("Comment"), required=False)


class PassLeaderForm(RoutingForm):
    """A leader passes the direction of a submitted document to another
    leader of the agency."""

    step_id = "pass_leader"
    fields = field.Fields(IPassLeader)

    def update(self):
        agency = agency_of(self.context)
        me = api.user.get_current().getId()
        terms = []
        for group in (people_by_department(agency, steps.leaders_of(agency) - {me})
                      if agency is not None else ()):
            terms += [SimpleTerm(p["userid"], p["userid"], p["fullname"])
                      for p in group["people"]]
        leader = schema.Choice(__name__="leader", title=_("Leader"),
                               vocabulary=SimpleVocabulary(terms))
        self.fields = field.Fields(leader) + field.Fields(IPassLeader).omit("leader")
        super().update()

    def done(self, target):
        return _("Passed to ${name}.",
                 mapping={"name": trail.principal_title(
                     getattr(target, "directing_leader", "") or "")})

    def run(self, data):
        steps.pass_to_leader(self.context, data["leader"], data.get("comment") or "")


class IComplete(Interface):
    result = schema.Text(title=_("Result"))
    reply = schema.Choice(
        title=_("Reply document"), vocabulary="qlvbdh.AgencyOutgoing", required=False)


class CompleteForm(RoutingForm):
    fields = field.Fields(IComplete)
    # the reply found as one types its number or summary (issue 16)
    fields["reply"].widgetFactory = Select2FieldWidget
    step_id = "complete"
    done_message = _("The handling is completed.")

    def run(self, data):
        steps.complete(self.context, data["result"], data.get("reply"))


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


#: the filing steps (“Lưu hồ sơ”) of the incoming and outgoing workflows
FILING_STEPS = ("file", "archive")


class IAgencySignature(Interface):
    """The issue step of an agency whose signing key is installed."""

    agency_signature = schema.Bool(
        title=_("Sign with the agency's digital signature"),
        description=_("The main PDF gets the agency's digital signature with its seal, "
                      "name and time of signing (NĐ 30/2020, Phụ lục I)."),
        required=False, default=True)


def case_files_field(context):
    """The open case files the current user keeps, as check boxes."""
    terms = [SimpleTerm(c.UID(), c.UID(), f"{c.code} – {c.title}")
             for c in filing.open_case_files_for(context)]
    return schema.List(
        __name__="case_files", title=_("Case files"),
        description=_("The case files the document goes into (NĐ 30/2020 Điều 29.3)."),
        value_type=schema.Choice(vocabulary=SimpleVocabulary(terms)), required=False)


def case_files_sent(request):
    """The case files' tokens as sent: a check box of a case file closed
    since the form was shown is dropped by the widget, and the document
    would go without it; the feature function refuses it by name instead."""
    sent = request.form.get("form.widgets.case_files") or []
    return [sent] if isinstance(sent, str) else list(sent)


class StepForm(RoutingForm):
    """Any step without data of its own; return and recall need a reason.
    The filing step asks which case files the document goes into (issue
    19): the open ones the person keeps, none to file it without."""

    fields = field.Fields(IStep)
    checkbox_fields = ()

    def update(self):
        if self.step_id in FILING_STEPS:
            self.fields = field.Fields(case_files_field(self.context)) + field.Fields(IStep)
            self.checkbox_fields = ("case_files",)
        if self.step_id == "issue" and agency_signing.can_sign(agency_of(self.context)):
            self.fields = field.Fields(IAgencySignature) + field.Fields(IStep)
        super().update()
        self.show_description()

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

    def show_description(self):
        if not self.status and self.description:  # shown above the form, before saving
            self.status = escape(self.description)

    def done(self, target):
        if self.step_id == "issue" and getattr(target, "code", ""):
            return _("Issued with number ${code}.", mapping={"code": target.code})
        title = translate(steps.transition_title(self.context, self.step_id),
                          context=self.request)
        return _("Done: ${step}.", mapping={"step": title})

    def run(self, data):
        comment = data.get("comment") or ""
        step = self.step_id
        if step == "return":
            return delivery.return_document(self.context, comment)
        if step == "recall" and self.context.portal_type == "OutgoingDocument":
            return delivery.recall(self.context, comment)
        if step == "send_back":
            return steps.send_back(self.context, comment)
        if step in FILING_STEPS:
            return filing.file_step(self.context, step, case_files_sent(self.request), comment)
        if data.get("agency_signature"):
            return steps.simple_step(self.context, step, comment, agency_signature=True)
        return steps.simple_step(self.context, step, comment)


class StepLayout(FormWrapper):
    """A step's page: the form, and beside it (below it on a phone) the
    document's file, so the leader reads what he directs or signs."""

    index = ViewPageTemplateFile("templates/routing_form.pt")

    def preview(self):
        if not IOfficialDocument.providedBy(self.context):
            return ""
        return FilePreview(self.context, self.request)()

    def document_line(self):
        """The document the step is about: its number and its summary."""
        if not IOfficialDocument.providedBy(self.context):
            return ""
        code = getattr(self.context, "code", "") or ""
        return " – ".join(p for p in (code, self.context.Title()) if p)


class AddToCaseFileForm(RoutingForm):
    """A document put in case files from its page (Phụ lục VI III.4.e: in
    as many as need it, never copied)."""

    label = _("Add to a case file")
    checkbox_fields = ("case_files",)
    done_message = _("The document is in the case files chosen.")

    def update(self):
        self.fields = field.Fields(case_files_field(self.context))
        super().update()

    def run(self, data):
        filing.add_to_case_files(self.context, case_files_sent(self.request))


class ICloseCaseFile(Interface):
    # dd/mm/yyyy as officials write dates (ARCHITECTURE.md, traps)
    closed = schema.TextLine(title=_("Closed on"), description=_("dd/mm/yyyy; today when left empty."),
                             required=False)
    # 0 or more; a negative count is refused by casefiles.filing.close, naming the rule
    page_count = schema.Int(title=_("Number of pages"), required=False)
    notes = schema.Text(title=_("Notes"), required=False)


MSG_BAD_CLOSING = _("${field}: “${value}” is not a date; write it as dd/mm/yyyy.")


class CloseCaseFileForm(RoutingForm):
    """Kết thúc hồ sơ (NĐ 30/2020 Điều 29.4): its date, page count and
    notes, then the case file is frozen (casefiles.filing.close)."""

    fields = field.Fields(ICloseCaseFile)
    step_id = "close"
    done_message = _("The case file is closed.")

    def run(self, data):
        try:
            closed = read_date(data.get("closed"))
        except ValueError:
            raise filing.CaseFileRefused(MSG_BAD_CLOSING, {
                "field": _("Closed on"), "value": data.get("closed").strip()}, "closed") from None
        filing.close(self.context, closed, data.get("page_count"), data.get("notes"))


AssignView = wrap_form(AssignForm, StepLayout)
CloseCaseFileView = wrap_form(CloseCaseFileForm, StepLayout)
AddToCaseFileView = wrap_form(AddToCaseFileForm, StepLayout)
ForwardView = wrap_form(ForwardForm, StepLayout)
CompleteView = wrap_form(CompleteForm, StepLayout)
AcceptView = wrap_form(AcceptForm, StepLayout)
StepView = wrap_form(StepForm, StepLayout)
PassLeaderView = wrap_form(PassLeaderForm, StepLayout)
