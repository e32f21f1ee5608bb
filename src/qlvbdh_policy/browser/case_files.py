"""Hồ sơ in the browser (issue 19), for the people who keep case files:
the case file's page with the mục lục văn bản trong hồ sơ (NĐ 30/2020
Phụ lục VI V.5) and its actions, the form that opens a case file from a
plan entry or outside the plan (Điều 29.2), the page that puts several
documents chosen in search results or in “Việc của tôi” into case files
(III.4.e), and the removal of documents while a case file is open.

Thin: every write is a function of ``casefiles.filing``, as in REST."""

from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.z3cform.layout import wrap_form
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.browser.forgery import refuse_forged
from qlvbdh_policy.browser.routing_forms import MSG_BAD_CLOSING
from qlvbdh_policy.browser.routing_forms import RoutingForm
from qlvbdh_policy.browser.routing_forms import StepLayout
from qlvbdh_policy.casefiles import filing
from qlvbdh_policy.casefiles import plans
from qlvbdh_policy.content.validation import DocumentRefused
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import read_date
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.vocabularies.case_file_vocabularies import plan_entries
from qlvbdh_policy.vocabularies.case_file_vocabularies import RETENTION_TITLES
from urllib.parse import urlencode
from z3c.form import field
from zope import schema
from zope.i18n import translate
from zope.interface import Interface
from zope.interface import provider
from zope.schema.interfaces import IContextSourceBinder

import transaction

#: how many open case files of the person the pages list at most
MAX_LISTED = 50


def sent_list(request, name):
    """A list a form sent (``name:list`` or one value), without blanks."""
    value = request.form.get(name) or []
    values = [value] if isinstance(value, str) else list(value)
    return [v for v in dict.fromkeys(values) if isinstance(v, str) and v]


def user_agencies():
    """The agencies the current user belongs to (through their groups,
    ``<agency>-…``), from the catalog's agencies."""
    user = api.user.get_current()
    groups = tuple(user.getGroups() or ()) if hasattr(user, "getGroups") else ()
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="Agency")
    return [b._unrestrictedGetObject() for b in brains
            if any(g.startswith(b.getId + "-") for g in groups)]


def open_url(agency, entry=None):
    """The address of the form that opens a case file in ``agency``."""
    url = f"{agency.absolute_url()}/@@open-case-file"
    return f"{url}?{urlencode({'entry': entry.UID()})}" if entry is not None else url


def may_open(agency):
    return bool(api.user.has_permission(permissions.AddCaseFile, obj=agency))


def kept_by_me(context=None, limit=MAX_LISTED):
    """The open case files the current user is responsible for (of the
    context's agency, or of all he sees), newest first."""
    query = {"portal_type": "CaseFile", "review_state": list(filing.OPEN_STATES),
             "sort_on": "created", "sort_order": "reverse"}
    agency = agency_of(context) if context is not None else None
    if agency is not None:
        query["path"] = "/".join(agency.getPhysicalPath())
    userid = api.user.get_current().getId()
    found = []
    for brain in api.portal.get_tool("portal_catalog").searchResults(**query)[:limit * 4]:
        case_file = brain.getObject()
        if case_file.responsible == userid:
            found.append(case_file)
        if len(found) >= limit:
            break
    return found


def sees_open_case_files(context):
    """Whether the person sees an open case file (of the context's agency;
    of any agency on the site's pages), without waking one: in the open
    state the workflow gives seeing and keeping to the same roles."""
    if agency_of(context) is not None:
        return filing.has_open_case_files(context)
    return bool(len(api.portal.get_tool("portal_catalog").searchResults(
        portal_type="CaseFile", review_state=list(filing.OPEN_STATES), sort_limit=1)))


def case_file_line(case_file):
    return f"{case_file.code} – {case_file.title}"


# -- the case file's page ---------------------------------------------------------

#: a workflow title whose shared msgid says another thing in Vietnamese
#: (“Closed” is “Đã đóng sổ”, the register's state)
STATE_TITLES = {"Closed": _("Case file closed")}


class CaseFileView(BrowserView):
    index = ViewPageTemplateFile("templates/case_file.pt")

    def __call__(self):
        return self.index()

    def info(self):
        info = filing.info(self.context)
        responsible = api.user.get(userid=info["responsible"] or "")
        info["responsible_name"] = (responsible.getProperty("fullname") if responsible
                                    else info["responsible"]) or ""
        info["retention_title"] = RETENTION_TITLES.get(info["retention"], info["retention"])
        for key in ("opened", "closed", "retention_end"):
            info[key] = format_date(info[key])
        for row in info["documents"]:
            row["doc_date"] = format_date(row.get("doc_date"))
        entry = filing.entry_of(self.context)
        info["entry_line"] = (f"{getattr(entry.aq_parent, 'year', '')} · {entry.code} – "
                              f"{entry.title}") if entry is not None else ""
        info["state_title"] = self.state_title()
        return info

    def state_title(self):
        wf = api.portal.get_tool("portal_workflow")
        state = api.content.get_state(self.context, default="")
        title = wf.getTitleForStateOnType(state, self.context.portal_type) or state
        return translate(STATE_TITLES.get(title, _(title)), context=self.request)

    def can_keep(self):
        """Documents put in and taken out, the case file closed: its keepers
        while it is open (IV.1.g)."""
        return filing.is_open(self.context) and filing.may_keep(self.context)

    can_close = can_keep

    def add_url(self):
        """The agency's search, whose results go into this case file."""
        agency = agency_of(self.context)
        return (f"{agency.absolute_url()}/@@search-documents?"
                f"{urlencode({'case_file': self.context.UID()})}")


class RemoveDocumentsView(BrowserView):
    """POST from the case file's page: the documents ticked are taken out
    (filing.remove_documents; refused once closed, IV.1.g)."""

    def __call__(self):
        refuse_forged(self.request)
        messages = IStatusMessage(self.request)
        try:
            gone = filing.remove_documents(self.context, sent_list(self.request, "documents"))
        except DocumentRefused as refusal:
            transaction.doom()
            messages.addStatusMessage(translate(refusal.message(), context=self.request),
                                      "error")
        else:
            messages.addStatusMessage(translate(_(
                "${count} documents taken out of the case file; the others are numbered "
                "again in order.", mapping={"count": len(gone)}), context=self.request), "info")
        self.request.response.redirect(self.context.absolute_url())
        return ""


# -- opening a case file ---------------------------------------------------------


@provider(IContextSourceBinder)
def openable_entries(context):
    """The plan entries whose case file the person may open (an entry of
    someone else's would be refused once chosen)."""
    return plan_entries(context, keep=filing.may_open_entry)


class IOpenCaseFile(Interface):
    plan_entry = schema.Choice(
        title=_("File plan entry"),
        description=_("The heading of the file plan this case file is opened from."),
        source=openable_entries, required=False)
    outside_plan = schema.Bool(
        title=_("Outside the file plan"),
        description=_("Then give the notation, the title and the retention period yourself."),
        required=False, default=False)
    code = schema.TextLine(
        title=_("Case file notation"),
        description=_("From the file plan entry when left empty, e.g. 01.VP."), required=False)
    title = schema.TextLine(title=_("Case file title"), required=False)
    retention = schema.Choice(title=_("Retention period"), vocabulary="qlvbdh.Retentions",
                              required=False)
    responsible = schema.Choice(
        title=_("Person responsible"),
        description=_("Who keeps the case file; the person who opens it when left empty."),
        vocabulary="qlvbdh.AgencyPeople", required=False)
    opened = schema.TextLine(title=_("Opened on"),
                             description=_("dd/mm/yyyy; today when left empty."), required=False)
    notes = schema.Text(title=_("Notes"), required=False)


class OpenCaseFileForm(RoutingForm):
    """Mở hồ sơ (NĐ 30/2020 Điều 29.2) by the person responsible: from an
    entry of the file plan (``?entry=<UID>`` chooses it), or outside the
    plan with its own notation, title and retention. Open to everyone of
    the agency who may add a case file (“Add case file”), unlike
    ``++add++CaseFile``, which asks for “Add portal content”."""

    label = _("Open a case file")
    fields = field.Fields(IOpenCaseFile)
    done_message = _("The case file is open.")

    def updateWidgets(self):
        super().updateWidgets()
        entry = self.request.form.get("entry")
        if entry and "form.buttons.save" not in self.request.form:
            self.widgets["plan_entry"].value = [entry]
        if not self.widgets["responsible"].value and "form.buttons.save" not in self.request.form:
            self.widgets["responsible"].value = [api.user.get_current().getId()]
        if self.request.form.get("outside") and "form.buttons.save" not in self.request.form:
            self.widgets["outside_plan"].value = ["selected"]
        if not self.widgets["opened"].value:
            self.widgets["opened"].value = format_date(vietnam_today())

    def run(self, data):
        text = data.get("opened") or ""
        try:
            opened = read_date(text)
        except ValueError:
            raise filing.CaseFileRefused(MSG_BAD_CLOSING, {
                "field": _("Opened on"), "value": text.strip()}, "opened") from None
        return filing.open_case_file(
            self.context, plan_entry=data.get("plan_entry"),
            outside_plan=bool(data.get("outside_plan")) and not data.get("plan_entry"),
            code=data.get("code"), title=data.get("title"), retention=data.get("retention"),
            responsible=data.get("responsible"), opened=opened, notes=data.get("notes"))


OpenCaseFileView = wrap_form(OpenCaseFileForm, StepLayout)


# -- several documents into case files ------------------------------------------------


class AddDocumentsView(BrowserView):
    """Thêm vào hồ sơ: the documents ticked in search results or in “Việc
    của tôi” (``documents:list`` or ``uids:list``), put into the case files
    chosen among those the person keeps (``case_files:list``), each by
    ``filing.add_documents``: one document may go into several case files
    (Phụ lục VI III.4.e). Without a case file chosen, or without the form
    authenticator, the page only asks."""

    index = ViewPageTemplateFile("templates/case_file_add_documents.pt")

    def __call__(self):
        self.uids = sent_list(self.request, "documents") or sent_list(self.request, "uids")
        self.chosen = sent_list(self.request, "case_files")
        self.error = ""
        if self.request.method == "POST" and "add" in self.request.form:
            refuse_forged(self.request)
            done = self.add()
            if done:
                return self.request.response.redirect(done[-1].absolute_url())
        return self.index()

    def agency(self):
        for doc in self.documents():
            return agency_of(doc)
        return agency_of(self.context)

    def documents(self):
        """The documents sent that the person may open, in the order sent."""
        if not self.uids:
            return []
        brains = api.portal.get_tool("portal_catalog").searchResults(
            UID=self.uids, object_provides=IOfficialDocument.__identifier__)
        by_uid = {b.UID: b for b in brains}
        return [by_uid[u].getObject() for u in self.uids if u in by_uid]

    def document_rows(self):
        return [{"uid": d.UID(), "url": d.absolute_url(),
                 "line": " – ".join(p for p in (getattr(d, "code", "") or "", d.Title()) if p)}
                for d in self.documents()]

    def case_files(self):
        agency = self.agency()
        return [{"uid": c.UID(), "line": case_file_line(c), "url": c.absolute_url(),
                 "checked": c.UID() in self.chosen}
                for c in (filing.open_case_files_for(agency) if agency is not None else [])]

    def open_url(self):
        agency = self.agency()
        return open_url(agency) if agency is not None and may_open(agency) else ""

    def add(self):
        """Into each case file chosen; all or nothing."""
        refusal = None
        if not self.uids:
            refusal = _("Tick the documents to add first.")
        elif not self.chosen:
            refusal = _("Choose the case files the documents go into.")
        if refusal is not None:
            self.error = translate(refusal, context=self.request)
            return []
        done = []
        try:
            for uid in self.chosen:
                case_file = self.case_file(uid)
                filing.add_documents(case_file, self.uids)
                done.append(case_file)
        except DocumentRefused as refused:
            transaction.doom()
            self.error = translate(refused.message(), context=self.request)
            return []
        IStatusMessage(self.request).addStatusMessage(translate(_(
            "${count} documents are in the case files: ${case_files}.",
            mapping={"count": len(self.uids),
                     "case_files": "; ".join(case_file_line(c) for c in done)}),
            context=self.request), "info")
        return done

    def case_file(self, uid):
        brains = api.portal.get_tool("portal_catalog").searchResults(
            UID=uid, portal_type="CaseFile")
        if not brains:
            raise filing.CaseFileRefused(filing.MSG_NOT_ENTRY_CASE_FILE, {"value": uid},
                                         "case_files")
        return brains[0].getObject()


# -- where case files are reached -------------------------------------------------


class CaseFilesBox:
    """On an agency's page, its file plan and the plan's entries: “Mở hồ
    sơ” (from the entry shown, or outside the plan) and the person's open
    case files."""

    index = ViewPageTemplateFile("templates/case_files_viewlet.pt")

    def prepare(self):
        self.agency = agency_of(self.context)
        self.available = (self.agency is not None and not api.user.is_anonymous()
                          and may_open(self.agency))
        if not self.available:
            return
        self.mine = [{"url": c.absolute_url(), "line": case_file_line(c)}
                     for c in kept_by_me(self.agency)]
        self.entries = self._entries()
        self.open_url = open_url(self.agency)
        plan = plans.plan_of(self.agency, vietnam_today().year)
        self.plan_url = plan.absolute_url() if plan is not None and api.user.has_permission(
            permissions.View, obj=plan) else ""

    def _entries(self):
        """On a plan, its entries; on an entry, itself: each with its link
        if the person may open its case file."""
        if self.context.portal_type == "FilePlan":
            found = plans.entries(self.context)
        elif self.context.portal_type == "FilePlanEntry":
            found = [self.context]
        else:
            return []
        return [{"line": f"{e.code} – {e.title}",
                 "url": open_url(self.agency, e) if filing.may_open_entry(e) else "",
                 "mine": e.responsible == api.user.get_current().getId()} for e in found]


class CaseFilesViewlet(CaseFilesBox, ViewletBase):
    """Below a file plan and below one of its entries."""

    def update(self):
        super().update()
        self.prepare()


class CaseFilesBoxView(CaseFilesBox, BrowserView):
    """The same box in the agency's home page (``@@case-files-box``)."""

    def __call__(self):
        self.prepare()
        return self.index()


class ChooseToFile:
    """The check boxes and the button “Thêm vào hồ sơ” of a list of
    documents (search results, “Việc của tôi”), for a person who keeps an
    open case file; ``?case_file=<UID>`` (the case file's “Add
    documents”) sends the documents straight into that one."""

    def __init__(self, context, request):
        self.context, self.request = context, request
        self.available = not api.user.is_anonymous() and sees_open_case_files(context)
        self.target = self._target() if self.available else None

    def _target(self):
        uid = self.request.form.get("case_file")
        if not uid or not isinstance(uid, str):
            return None
        brains = api.portal.get_tool("portal_catalog").searchResults(
            UID=uid, portal_type="CaseFile", review_state=list(filing.OPEN_STATES))
        return brains[0].getObject() if brains else None

    @property
    def action(self):
        return f"{self.context.absolute_url()}/@@add-to-case-files"

    @property
    def target_uid(self):
        return self.target.UID() if self.target is not None else ""

    @property
    def target_line(self):
        return case_file_line(self.target) if self.target is not None else ""


class MyCaseFiles:
    """“Việc của tôi”: the person's open case files and where to open one
    (his agency's form)."""

    def __init__(self, context, request):
        self.mine = [] if api.user.is_anonymous() else [
            {"url": c.absolute_url(), "line": case_file_line(c)} for c in kept_by_me()]
        agencies = [] if api.user.is_anonymous() else [a for a in user_agencies() if may_open(a)]
        self.open_url = open_url(agencies[0]) if agencies else ""
