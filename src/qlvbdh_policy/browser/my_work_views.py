"""“Việc của tôi”: the page of what waits for the current user, and the
link with its counts in the navigation bar."""

from plone import api
from plone.app.layout.viewlets.common import GlobalSectionsViewlet
from plone.app.layout.viewlets.common import ViewletBase
from Products.CMFPlone.utils import safe_text
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy import _
from qlvbdh_policy import roles as R
from qlvbdh_policy.browser.case_files import ChooseToFile
from qlvbdh_policy.browser.case_files import MyCaseFiles
from qlvbdh_policy.browser.forgery import refuse_forged
from qlvbdh_policy.casefiles import filing
from qlvbdh_policy.consultation.rounds import CAUSE as COMMENT_CAUSE
from qlvbdh_policy.exchange.sending import EXTERNAL
from qlvbdh_policy.routing import delivery
from qlvbdh_policy.routing import my_work
from qlvbdh_policy.routing import role_assignments as ra
from qlvbdh_policy.routing import steps
from qlvbdh_policy.routing import trail
from qlvbdh_policy.routing.trail import principal_title
from qlvbdh_policy.search import extraction
from qlvbdh_policy.search import ocr
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import format_datetime
from zope.i18n import translate


class MyWorkView(BrowserView):
    template = ViewPageTemplateFile("templates/my_work.pt")

    def __call__(self):
        self.all_items = ([] if api.user.is_anonymous()
                          else my_work.items_for(api.user.get_current()))
        self.counts = my_work.counts(self.all_items)
        form = self.request.form
        self.task = form.get("task") if form.get("task") in my_work.TASK_TITLES else None
        self.mark = form.get("mark") if form.get("mark") in my_work.MARKS else None
        self.items = my_work.filtered(self.all_items, self.task, self.mark)
        self.filing = ChooseToFile(self.context, self.request)  # Thêm vào hồ sơ (issue 19)
        self.case_files = MyCaseFiles(self.context, self.request)
        return self.template()

    def tabs(self):
        """All, each task the person has, overdue, due soon: links with counts."""
        base = f"{api.portal.get().absolute_url()}/@@my-work"
        tabs = [{"title": translate(_("All"), context=self.request), "url": base,
                 "count": len(self.all_items), "active": not (self.task or self.mark)}]
        for task, count, _overdue in my_work.task_counts(self.all_items):
            tabs.append({"title": self.task_title(task), "url": f"{base}?task={task}",
                         "count": count, "active": self.task == task})
        for mark, title, count in (("overdue", _("overdue"), self.counts["overdue"]),
                                   ("due-soon", _("due soon"), self.counts["due_soon"])):
            tabs.append({"title": translate(title, context=self.request),
                         "url": f"{base}?mark={mark}", "count": count,
                         "active": self.mark == mark})
        return tabs

    def can_submit_many(self):
        """Check boxes and one button when the person has documents to submit."""
        return any(i["task"] == "submit" for i in self.items)

    def can_choose(self):
        """Check boxes for submitting, or for putting into case files."""
        return bool(self.items) and (self.can_submit_many() or self.filing.available)

    def task_title(self, task):
        return translate(my_work.TASK_TITLES.get(task, task), context=self.request)

    date = staticmethod(format_date)


class BulkSubmitView(BrowserView):
    """POST from “Việc của tôi” with the form authenticator: the clerk
    submits the documents he ticked to the leader in one go (issue 16).
    The message counts what was done and names each refused document by
    its number with the reason."""

    def __call__(self):
        refuse_forged(self.request)  # a POST with this person's authenticator only
        uids = self.request.form.get("uids") or []
        if isinstance(uids, str):
            uids = [uids]
        messages = IStatusMessage(self.request)
        if not uids:
            messages.addStatusMessage(
                translate(_("Tick the documents to submit first."), context=self.request),
                "warning")
        else:
            done, refused = steps.bulk_step(uids, "submit")
            if done:
                messages.addStatusMessage(translate(_(
                    "Submitted ${count} documents to the leader.",
                    mapping={"count": len(done)}), context=self.request), "info")
            for doc, reason in refused:
                label = steps.document_label(doc) if not isinstance(doc, str) else doc
                messages.addStatusMessage(translate(_(
                    "Not submitted: ${document}. ${reason}",
                    mapping={"document": label,
                             "reason": translate(reason, context=self.request)}),
                    context=self.request), "error")
        self.request.response.redirect(
            f"{api.portal.get().absolute_url()}/@@my-work?task=submit")
        return ""


class GlobalSectionsWithMyWork(GlobalSectionsViewlet):
    """The global navigation, ending with “Việc của tôi” and its counts.
    (The theme keeps only the items of the navigation list, so the link
    must be one of them.)"""

    link = ViewPageTemplateFile("templates/my_work_link.pt")

    def render_globalnav(self):
        out = super().render_globalnav()
        if api.user.is_anonymous():
            return out
        self.counts = my_work.counts_for(api.user.get_current())
        return out + self.link()


class RoutingViewlet(ViewletBase):
    """Below a document: who handles it, its deadline, its trail, and for an
    outgoing document the status at each recipient agency."""

    index = ViewPageTemplateFile("templates/routing_viewlet.pt")

    def update(self):
        super().update()
        doc = self.context
        self.trail = trail.entries(doc)
        self.handlers = [principal_title(p) for p in ra.principals_with(doc, R.HANDLER)]
        self.co_handlers = [principal_title(p) for p in ra.principals_with(doc, R.CO_HANDLER)]
        # the people asked for comments on a draft hold Informed too, to read
        # it: they are no readers "for information" (consultation/rounds.py)
        informed = sorted({a["principal"] for a in ra.assignments(doc, role=R.INFORMED)
                           if a["cause"] != COMMENT_CAUSE})
        self.informed = [principal_title(p) for p in informed]
        # the organisations outside the province: their own viewlet (edxml_views)
        self.deliveries = sorted(
            (e for k, e in delivery.deliveries(doc).items() if not k.startswith(EXTERNAL)),
            key=lambda e: e.get("agency_title", ""))
        self.ocr_status = ocr.status(doc)
        self.text_files = [
            {"status": f["status"], "text": self.text_status_line(f),
             "css": self.TEXT_STATUS_CSS[f["status"]]}
            for f in extraction.file_statuses(doc)
        ]
        userid = None if api.user.is_anonymous() else api.user.get_current().getId()
        self.can_mark_read = (
            userid in informed
            and userid not in (getattr(doc, "read_by", ()) or ())
        )
        self.actions = [
            {"id": t["id"], "title": t["title"], "url": t["url"]}
            for t in api.portal.get_tool("portal_workflow").getTransitionsFor(doc)
        ]
        self.case_files = [{"title": f"{b.Title}", "url": b.getURL()}
                           for b in filing.case_files_seen(doc)]
        self.can_add_to_case_file = filing.has_open_case_files(doc)
        if delivery.can_accept(doc):
            # from the inbox the step moves the document first (no workflow
            # guard can offer it there)
            self.actions.insert(0, {"id": "accept", "title": "accept",
                                    "url": doc.absolute_url() + "/@@accept"})

    def action_title(self, action):
        return steps.transition_title(self.context, action)

    TEXT_STATUS = {
        extraction.PENDING: _("File ${name}: text waiting to be read for search"),
        extraction.DONE: _("File ${name}: text read, searchable"),
        extraction.FAILED: _("File ${name}: text could not be read. ${reason}"),
    }

    TEXT_STATUS_CSS = {extraction.PENDING: "bg-warning text-dark",
                       extraction.DONE: "bg-success", extraction.FAILED: "bg-danger"}

    def text_status_line(self, entry):
        """One line per file on whether its text was read (issue 14)."""
        reason = translate(entry["message"], context=self.request) if entry["message"] else ""
        msgid = self.TEXT_STATUS[entry["status"]]
        return translate(_(msgid, mapping={"name": entry["filename"] or "", "reason": reason}),
                         context=self.request)

    def status_title(self, status):
        return translate(delivery.STATUS_TITLES.get(status, status), context=self.request)

    def names(self, entries):
        return ", ".join(safe_text(e["title"]) for e in entries)

    date = staticmethod(format_date)
    datetime = staticmethod(format_datetime)


class MarkReadView(BrowserView):
    """POST with the form authenticator: the informed person has read it."""

    def __call__(self):
        if self.request.method == "POST":
            refuse_forged(self.request)
            my_work.mark_read(self.context, api.user.get_current().getId())
            IStatusMessage(self.request).addStatusMessage(
                translate(_("Marked as read."), context=self.request), "info")
        self.request.response.redirect(self.context.absolute_url())
