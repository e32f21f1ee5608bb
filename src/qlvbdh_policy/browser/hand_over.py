"""The pages of the hand-over to the agency's archive (issue 19): a case
file's hand-over (nộp lưu, tiếp nhận, trả lại with a reason, the returns
and their reasons) and the agency's list of case files due in a year with
its record as PDF or XLSX. Thin: ``casefiles.handover`` decides; a refusal
is shown in Vietnamese and nothing is stored (``ActionPage``)."""

from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.browser.action_pages import ActionPage
from qlvbdh_policy.casefiles import handover
from qlvbdh_policy.casefiles import handover_record
from qlvbdh_policy.exports import report_pdf
from qlvbdh_policy.exports import xlsx
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.vocabularies.case_file_vocabularies import RETENTION_TITLES

MSG_DONE = {
    "hand_over": _("The case file is handed over to the agency's archive."),
    "accept": _("The case file is accepted into the agency's archive."),
    "return": _("The case file is returned to its person responsible."),
}
STEPS = {"hand_over": lambda c, form: handover.hand_over(c),
         "accept": lambda c, form: handover.accept(c),
         "return": lambda c, form: handover.return_hand_over(c, form.get("reason"))}


class HandOverCaseFileView(ActionPage):
    index = ViewPageTemplateFile("templates/hand_over_case_file.pt")
    field_titles = {"reason": _("Reason"), "transition": _("State")}

    def act(self, action):
        step = STEPS.get(action)
        if step is None:
            return None
        step(self.context, self.request.form)
        api.portal.show_message(self.tr(MSG_DONE[action]), self.request)
        self.request.response.redirect(self.next_url(action))
        return ""

    def next_url(self, action):
        """Back to the page; a returned case file is no longer the
        archivist's to read: to the list of its year."""
        if action != "return":
            return f"{self.context.absolute_url()}/@@hand-over-case-file"
        year = handover.hand_over_info(self.context)["deadline"].year
        return f"{agency_of(self.context).absolute_url()}/@@hand-over-list?year={year}"

    def info(self):
        info = handover.hand_over_info(self.context)
        for key in ("deadline", "retention_end", "handed_over_on", "accepted_on", "notified_on"):
            info[key] = format_date(info[key])
        for row in info["returns"]:
            row["date"] = format_date(row["date"])
        return info

    def may(self, permission):
        return api.user.has_permission(permission, obj=self.context)

    def can_hand_over(self):
        return api.content.get_state(self.context) == handover.CLOSED and self.may(
            permissions.HandOverCaseFile)

    def can_accept(self):
        return api.content.get_state(self.context) == handover.HANDED_OVER and self.may(
            permissions.AcceptCaseFile)


class HandOverListView(BrowserView):
    """The case files due in a year; ``format=pdf|xlsx`` the record."""

    index = ViewPageTemplateFile("templates/hand_over_list.pt")

    def __call__(self):
        handover.check_may_read_list(self.context)
        self.format = handover.read_format(self.request.form)
        self.year = handover.read_list_year(self.request.form)
        self.rows = handover.due_list(self.context, self.year)
        if self.format == "json":
            return self.index()
        record = handover_record.HandOverRecord(
            self.context, self.year, handover.given(self.rows),
            handover.archivist_names(self.context), self.request)
        if self.format == "pdf":
            return report_pdf.send(self.request.response, record.pdf(), record.filename("pdf"))
        return xlsx.send(self.request.response, record.xlsx(), record.filename("xlsx"))

    def items(self):
        out = []
        for row in self.rows:
            shown = dict(row)
            for key in ("opened", "closed", "deadline", "handed_over_on", "accepted_on"):
                shown[key] = format_date(row[key])
            shown["retention_title"] = RETENTION_TITLES.get(row["retention"], row["retention"])
            out.append(shown)
        return out

    def link(self, fmt):
        return f"{self.context.absolute_url()}/@@hand-over-list?year={self.year}&format={fmt}"
