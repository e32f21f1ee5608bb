"""The oversight reports as pages and files (issue 18), thin around
stats/reports.py:

- ``<agency>/@@processing-report?kind=incoming|outgoing&from=…&to=…``: NĐ
  30/2020 Phụ lục VI V.2 / V.4 per department and per person, with its
  ``@@processing-report.pdf`` (headed and ready to sign) and
  ``@@processing-report.xlsx``; for the agency's leaders, its
  administrators and site managers (``processing.check_read``: 403 with a
  Vietnamese message to anyone else, the province's oversight included);
- ``<site>/@@usage-report.pdf`` and ``@@usage-report.xlsx``: the province's
  report of Quy chế Điều 13, for the oversight and site managers.

The period is read as for the JSON reports (stats/periods.py); the page
keeps a bad one in its form with the message beside the field and shows
the year so far, a file refuses it (400, naming the field)."""

from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy import _
from qlvbdh_policy.browser.statistics import SHORTCUT_TITLES
from qlvbdh_policy.browser.statistics import TypedPeriod
from qlvbdh_policy.rules import periods as P
from qlvbdh_policy.stats import periods
from qlvbdh_policy.stats import processing
from qlvbdh_policy.stats import reports
from qlvbdh_policy.stats import usage
from qlvbdh_policy.vietnamese import in_vietnamese
from urllib.parse import urlencode


class ProcessingReportView(TypedPeriod, BrowserView):
    """The V.2 / V.4 page."""

    index = ViewPageTemplateFile("templates/processing_report.pt")
    chooser = ViewPageTemplateFile("templates/statistics_macros.pt")

    def __call__(self):
        processing.check_read(self.context)
        form = self.request.form
        self.kind = periods.read_kind(form) if form.get("kind") else "incoming"
        self.read_period()
        self.document = reports.ProcessingDocument(self.context, self.kind, self.period,
                                                   self.request, self.today)
        return self.index()

    def query(self, **changes):
        return urlencode({"kind": self.kind, **self.period.as_json(), **changes})

    def kinds(self):
        return [{"kind": kind, "title": in_vietnamese(reports.KIND_TITLES[kind], self.request),
                 "active": kind == self.kind, "href": f"{self.base()}?{self.query(kind=kind)}"}
                for kind in periods.KINDS]

    def base(self):
        return f"{self.context.absolute_url()}/@@processing-report"

    def shortcuts(self):
        return [{"title": in_vietnamese(_(SHORTCUT_TITLES[kind],
                                          mapping={"number": number, "year": year}),
                                        self.request),
                 "href": f"{self.base()}?{urlencode({'kind': self.kind, 'period': token})}",
                 "active": P.shortcut(token) == self.period, "token": token}
                for token, kind, number, year in P.shortcuts(self.today)]


class ProcessingReportFile(BrowserView):
    """The V.2 / V.4 report as a file; ``extension`` set by the ZCML."""

    extension = "pdf"

    def __call__(self):
        processing.check_read(self.context)
        kind = periods.read_kind(self.request.form)
        period = periods.read_period(self.request.form)
        return reports.send(self.request.response, self.extension,
                            reports.ProcessingDocument(self.context, kind, period, self.request))


class ProcessingReportXlsx(ProcessingReportFile):
    extension = "xlsx"


class UsageReportFile(BrowserView):
    """The Điều 13 report as a file."""

    extension = "pdf"

    def __call__(self):
        site = api.portal.get()
        usage.check_read(site)
        period = periods.read_period(self.request.form)
        return reports.send(self.request.response, self.extension,
                            reports.UsageDocument(site, period, self.request))


class UsageReportXlsx(UsageReportFile):
    extension = "xlsx"

