"""The oversight reports over REST (issue 18), counts only:

- ``GET <site>/@usage-report?from=YYYY-MM-DD&to=YYYY-MM-DD`` (or
  ``period=2026-H1``): each agency's indicators and the province's totals,
  for the province's oversight and site managers;
- ``GET <agency>/@processing-report?kind=incoming|outgoing&from=…&to=…``:
  per department and per person, for the agency's leaders, its
  administrators and site managers.

Each has its file: ``@usage-report-pdf``, ``@usage-report-xlsx`` (the
province's report of Quy chế Điều 13), ``@processing-report-pdf``,
``@processing-report-xlsx`` (NĐ 30/2020 Phụ lục VI V.2 / V.4, headed and
ready to sign), the same parameters and refusals (stats/reports.py).

Keys are the indicators' names (stats/indicators.py); ``labels`` gives
their Vietnamese names. Refusals in the one envelope (restapi/envelope.py):
400 naming the parameter, 401 without credentials, 403 to others."""

from plone.restapi.services import Service
from qlvbdh_policy.stats import periods
from qlvbdh_policy.stats import processing
from qlvbdh_policy.stats import reports
from qlvbdh_policy.stats import usage
from urllib.parse import urlencode


def _id(context, name, query):
    return f"{context.absolute_url()}/{name}?{urlencode(query)}"


class UsageReportGet(Service):
    def reply(self):
        usage.check_read(self.context)
        period = periods.read_period(self.request.form)
        report = usage.usage_report(self.context, period)
        return {"@id": _id(self.context, "@usage-report", period.as_json()), **report,
                "labels": usage.labels(self.request), "notes": usage.notes(self.request)}


class ProcessingReportGet(Service):
    def reply(self):
        processing.check_read(self.context)
        kind = periods.read_kind(self.request.form)
        period = periods.read_period(self.request.form)
        report = processing.processing_report(self.context, kind, period)
        query = {"kind": kind, **period.as_json()}
        return {"@id": _id(self.context, "@processing-report", query),
                "agency": {"id": self.context.getId(), "title": self.context.title},
                **report, "labels": usage.labels(self.request),
                "notes": usage.notes(self.request) if kind == "outgoing" else {}}


class _File(Service):
    """Answers a file instead of JSON; ``extension`` pdf or xlsx."""

    extension = "pdf"

    def render(self):
        return reports.send(self.request.response, self.extension, self.document())


class UsageReportPdf(_File):
    def document(self):
        usage.check_read(self.context)
        return reports.UsageDocument(self.context, periods.read_period(self.request.form),
                                     self.request)


class UsageReportXlsx(UsageReportPdf):
    extension = "xlsx"


class ProcessingReportPdf(_File):
    def document(self):
        processing.check_read(self.context)
        kind = periods.read_kind(self.request.form)
        return reports.ProcessingDocument(self.context, kind,
                                          periods.read_period(self.request.form), self.request)


class ProcessingReportXlsx(ProcessingReportPdf):
    extension = "xlsx"
