"""The dashboards of issue 18, on the indicators of stats/indicators.py.

- ``@@usage-statistics`` (the site; Oversight and site managers): the
  province dashboard: each agency's indicators for a period chosen as
  dd/mm/yyyy dates or a shortcut (month, quarter, six months, year),
  sortable by any column (``sort``, ``order=desc``), the province's totals,
  and charts drawn on the server (browser/charts.py): the electronic share
  per agency, the overdue documents per agency, the trend per month. The
  figures are ``stats.usage``'s, as REST @usage-report gives them.
- ``@@agency-statistics`` (an agency; its leaders, admins, site managers):
  the same indicators per department and per person (``stats.processing``),
  a count linking to the documents behind it (``@@statistics-documents``,
  a catalog query that shows only what the reader may open) and, on an
  overdue count, the leader's reminder to the people behind it
  (``@@send-overdue-reminders``, NĐ 30/2020 Phụ lục VI III.1.m).
"""

from plone import api
from plone.batching import Batch
from plone.protect.authenticator import createToken
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.browser import charts
from qlvbdh_policy.browser.forgery import refuse_forged
from qlvbdh_policy.routing.trail import principal_title
from qlvbdh_policy.rules import periods as P
from qlvbdh_policy.rules.report_form import show_figure
from qlvbdh_policy.search.document_search import state_titles
from qlvbdh_policy.stats import dashboard
from qlvbdh_policy.stats import follow_up
from qlvbdh_policy.stats import indicators as I
from qlvbdh_policy.stats import periods
from qlvbdh_policy.stats import processing
from qlvbdh_policy.stats import usage
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import format_datetime
from qlvbdh_policy.timeutil import vietnam_today
from urllib.parse import urlencode
from zope.i18n import translate

import datetime

SHORTCUT_TITLES = {P.MONTH: _("Month ${number}/${year}"), P.QUARTER: _("Quarter ${number}/${year}"),
                   P.HALF: _("Six months ${number}/${year}"), P.YEAR: _("Year ${year}")}
# the columns, grouped as the page heads them
GROUPS = ((_("Incoming documents"), I.INCOMING_INDICATORS),
          (_("Outgoing documents"), I.OUTGOING_INDICATORS),
          (_("Accounts"), I.ACCOUNT_INDICATORS))
KIND_TITLES = {"incoming": _("Incoming documents"), "outgoing": _("Outgoing documents")}

MSG_CHART_ELECTRONIC = _("Electronic share per agency")
MSG_CHART_ELECTRONIC_DESC = _("For each agency, the share of incoming documents received "
                              "electronically and of outgoing documents delivered "
                              "electronically in the period.")
MSG_SHARE_INCOMING = _("Incoming received electronically")
MSG_SHARE_OUTGOING = _("Outgoing delivered electronically")
MSG_CHART_NO_DOCUMENTS = _("Without documents in the period, not drawn: ${names}.")
MSG_CHART_OVERDUE = _("Overdue documents per agency")
MSG_CHART_OVERDUE_DESC = _("For each agency, the incoming documents past their deadline today "
                           "and those still in hand.")
MSG_CHART_TREND = _("Trend per month")
MSG_SUPPORT = _("Support requests to the IT centre: ${received} received, ${resolved} resolved, "
                "${rejected} refused, ${open} open at the end of the period; median time to "
                "resolve: ${median} days.")
MSG_CHART_TREND_DESC = _("Incoming documents registered and outgoing documents issued in "
                         "each month of the period, all agencies together.")
MSG_BAD_INDICATOR = _("“indicator”: “${value}” is not a count of documents of this page.")
MSG_REMINDED = _("Reminder sent to ${people} people about ${documents} overdue documents.")
MSG_NOTHING_OVERDUE = _("No overdue document: nobody was reminded.")
MSG_REMIND_LABEL = _("Remind the handlers of the overdue documents: ${scope}")
MSG_HIDDEN = _("${count} more documents of this count are not open to you.")
PAGE = 100  # documents a page of the documents behind a count lists
NO_PERSON = "-"  # the ``department`` or ``person`` of the documents of none


def month_label(day, long=True):
    """11/2026; T11 (tháng 11) when the months are many, with the year on
    January's."""
    if long:
        return f"{day.month:02d}/{day.year}"
    return f"T{day.month}/{day.year % 100:02d}" if day.month == 1 else f"T{day.month}"


def _percent(share):
    """A share drawn on a chart, 0 to 1, as the pages print a share."""
    return f"{share * 100:.1f} %".replace(".", ",")


def css(key):
    return key.replace("_", "-")


class TypedPeriod:
    """The period a page's form asks for. A refused one leaves the form
    with what was typed and the Vietnamese message beside the field at
    fault (``date_error``); meanwhile the page shows the year so far."""

    period_error = None  # {field, message} of a refused period

    def read_period(self):
        self.today = vietnam_today()
        try:
            self.period = periods.read_period(self.request.form, self.today)
        except periods.ReportRefused as refusal:
            self.period_error = {"field": refusal.field,
                                 "message": translate(refusal.message(), context=self.request)}
            self.period = P.read_period(today=self.today)

    def period_dates(self):
        """The dates the form shows: the period's, or those typed when
        they were refused."""
        if self.period_error and self.period_error["field"] in ("from", "to"):
            form = self.request.form
            return tuple(form.get(name) if isinstance(form.get(name), str) else ""
                         for name in ("from", "to"))
        return format_date(self.period.start), format_date(self.period.end)

    def date_error(self, name):
        """The message beside the field ``name`` (from, to, period), or None."""
        error = self.period_error
        return error["message"] if error and error["field"] == name else None

    def shown_dates(self):
        """The period the page's figures are of."""
        return format_date(self.period.start), format_date(self.period.end)


class PeriodPage(TypedPeriod, BrowserView):
    """A page for a chosen period: the chooser and its shortcuts."""

    page_name = None
    chooser = ViewPageTemplateFile("templates/statistics_macros.pt")

    def _tr(self, message):
        return translate(message, context=self.request)

    def page_url(self, **params):
        query = {"from": format_date(self.period.start), "to": format_date(self.period.end)}
        query.update({k: v for k, v in params.items() if v is not None})
        return f"{self.context.absolute_url()}/@@{self.page_name}?{urlencode(query)}"

    def shortcuts(self):
        return [{"token": token, "title": self._tr(_(SHORTCUT_TITLES[kind],
                                                     mapping={"number": number, "year": year})),
                 "active": P.shortcut(token) == self.period,
                 "url": f"{self.context.absolute_url()}/@@{self.page_name}?period={token}"}
                for token, kind, number, year in P.shortcuts(self.today)]

    def signature_note(self):
        return self._tr(I.MSG_SIGNATURES)

    show = staticmethod(show_figure)
    css = staticmethod(css)


class StatisticsView(PeriodPage):
    index = ViewPageTemplateFile("templates/statistics.pt")
    page_name = "usage-statistics"

    def __call__(self):
        self.read_period()
        site = api.portal.get()
        self.agencies = usage.agencies(site)
        self.report = usage.usage_report(site, self.period, self.today)
        self.sort = self.request.form.get("sort") or "title"
        if self.sort not in dashboard.SORTABLE:
            self.sort = "title"
        self.descending = self.request.form.get("order") == "desc"
        titles = {a.getId(): a for a in self.agencies}
        rows = [dict(row, last_login=usage.last_login(titles[row["id"]]))
                for row in self.report["agencies"]]
        self.rows = dashboard.sort_rows(rows, self.sort, self.descending)
        return self.index()

    def groups(self):
        return [{"title": self._tr(title), "columns": [self.column(i.__name__) for i in indicators]}
                for title, indicators in GROUPS]

    def column(self, key, title=None):
        """A column's head: its title, the link that sorts by it (again:
        the other way), its ``aria-sort``."""
        active = key == self.sort
        return {"key": key, "title": title or self._tr(I.LABELS[key]),
                "url": self.page_url(sort=key, order="asc" if active and self.descending
                                     else ("desc" if active or key != "title" else None)),
                "aria_sort": ("descending" if self.descending else "ascending") if active
                else "none",
                "mark": ("▼" if self.descending else "▲") if active else ""}

    def name_column(self):
        return self.column("title", self._tr(_("Agency")))

    def columns(self):
        return [c for g in self.groups() for c in g["columns"]]

    def when(self, moment):
        return format_datetime(moment) or "—"

    # -- the charts ----------------------------------------------------------------

    def _by_name(self):
        return dashboard.sort_rows(self.report["agencies"])

    def support_line(self):
        """The IT centre's requests of the period (support/figures.py)."""
        found = dict(self.report["support"])
        median = found.pop("median_resolve_days")
        return self._tr(_(MSG_SUPPORT, mapping=dict(
            found, median="—" if median is None else f"{median:g}".replace(".", ","))))

    def charts(self):
        """The three charts, each with its title shown above it and, under
        the electronic share, the agencies it leaves out."""
        return [{"id": chart_id, "title": self._tr(title), "svg": draw(), "note": note}
                for chart_id, title, draw, note in (
                    ("chart-electronic", MSG_CHART_ELECTRONIC, self.chart_electronic,
                     self.electronic_note()),
                    ("chart-overdue", MSG_CHART_OVERDUE, self.chart_overdue, None),
                    ("chart-trend", MSG_CHART_TREND, self.chart_trend, None))]

    def _shares(self):
        """(agency, [incoming share, outgoing share]) by name; a share of
        no documents is None."""
        return [(row["title"], [dashboard.incoming_electronic_share(row),
                                dashboard.outgoing_electronic_share(row)])
                for row in self._by_name()]

    def electronic_note(self):
        """The agencies without a document in the period: not drawn (a
        row without a bar reads as a chart not loaded on a phone); the
        table still lists them."""
        idle = [title for title, shares in self._shares() if shares == [None, None]]
        if not idle:
            return None
        return self._tr(_(MSG_CHART_NO_DOCUMENTS, mapping={"names": ", ".join(idle)}))

    def chart_electronic(self):
        items = [(title, shares) for title, shares in self._shares() if shares != [None, None]]
        return charts.bar_rows("chart-electronic", self._tr(MSG_CHART_ELECTRONIC),
                               self._tr(MSG_CHART_ELECTRONIC_DESC), items,
                               [self._tr(MSG_SHARE_INCOMING), self._tr(MSG_SHARE_OUTGOING)],
                               show=_percent, scale=1)

    def chart_overdue(self):
        items = [(row["title"], [row["overdue_now"], row["still_in_hand"]])
                 for row in self._by_name()]
        return charts.bar_rows("chart-overdue", self._tr(MSG_CHART_OVERDUE),
                               self._tr(MSG_CHART_OVERDUE_DESC), items,
                               [self._tr(I.LABELS["overdue_now"]),
                                self._tr(I.LABELS["still_in_hand"])],
                               colours=charts.OVERDUE_COLOURS)

    def chart_trend(self):
        trend = dashboard.monthly_trend(self.agencies, self.period, self.today)
        items = [(month_label(m["month"].start, long=len(trend) <= 6),
                  [m["incoming_registered"], m["outgoing_issued"]]) for m in trend]
        return charts.bar_columns("chart-trend", self._tr(MSG_CHART_TREND),
                                  self._tr(MSG_CHART_TREND_DESC), items,
                                  [self._tr(I.LABELS["incoming_registered"]),
                                   self._tr(I.LABELS["outgoing_issued"])])


class AgencyStatisticsView(PeriodPage):
    """The agency dashboard: per department and per person."""

    index = ViewPageTemplateFile("templates/agency_statistics.pt")
    page_name = "agency-statistics"

    def __call__(self):
        self.read_period()
        processing.check_read(self.context)
        self.reports = [processing.processing_report(self.context, kind, self.period, self.today)
                        for kind in periods.KINDS]
        self.links = self._opens_documents()
        self.reminds = api.user.has_permission(permissions.SendOverdueReminders, obj=self.context)
        self.token = createToken() if self.reminds else ""
        return self.index()

    def _opens_documents(self):
        """Whether the reader may open any document of the agency: only
        then do the counts link to the documents behind them."""
        catalog = api.portal.get_tool("portal_catalog")
        return bool(len(catalog.searchResults(
            path="/".join(self.context.getPhysicalPath()),
            portal_type=[I.INCOMING, I.OUTGOING])))

    def report_links(self, kind):
        """The NĐ 30/2020 Phụ lục VI V.2 / V.4 report of the same period:
        its page, PDF and XLSX (stats/reports.py)."""
        query = urlencode({"kind": kind, **self.period.as_json()})
        base = f"{self.context.absolute_url()}/@@processing-report"
        return {"page": f"{base}?{query}", "pdf": f"{base}.pdf?{query}",
                "xlsx": f"{base}.xlsx?{query}"}

    def sections(self):
        return [{"kind": report["kind"], "title": self._tr(KIND_TITLES[report["kind"]]),
                 "report": report, "files": self.report_links(report["kind"]),
                 "columns": [{"key": i.__name__, "title": self._tr(I.LABELS[i.__name__])}
                             for i in processing.INDICATORS[report["kind"]]]}
                for report in self.reports]

    def link(self, key, value, department=None, person=None):
        """The address of the documents behind a count, or None (no link:
        not a count of documents, nothing counted, or a reader who may open
        none of the agency's documents)."""
        if not self.links or not value or key not in dashboard.LIST_OF:
            return None
        scope = {"department": department, "person": person}
        return (f"{self.context.absolute_url()}/@@statistics-documents?"
                + urlencode(dict(indicator=key, **{"from": format_date(self.period.start),
                                                   "to": format_date(self.period.end)},
                                 **{k: v for k, v in scope.items() if v is not None})))

    def cells(self, row, columns, department=None, person=None, scope=""):
        """A row's figures: the text, the link to the documents behind a
        count, and on an overdue count, the scope the reminder form posts."""
        out = []
        for column in columns:
            key, value = column["key"], row[column["key"]]
            out.append({"key": key, "class": css(key), "text": show_figure(value, key),
                        "url": self.link(key, value, department, person),
                        "remind": {k: v for k, v in (("department", department),
                                                      ("person", person)) if v is not None}
                        if key == "overdue_now" and value and self.reminds else None,
                        "remind_label": self._tr(_(MSG_REMIND_LABEL, mapping={"scope": scope}))})
        return out

    def department_cells(self, section, row):
        return self.cells(row, section["columns"], department=row["id"] or NO_PERSON,
                          scope=row["title"])

    def person_cells(self, section, row):
        return self.cells(row, section["columns"], person=row["id"] or NO_PERSON,
                          scope=row["title"])

    def total_cells(self, section):
        return self.cells(section["report"]["totals"], section["columns"],
                          scope=self.context.title)


class StatisticsDocumentsView(PeriodPage):
    """The documents behind one count of the agency dashboard: those the
    reader may open (a restricted catalog query), the others only counted."""

    index = ViewPageTemplateFile("templates/statistics_documents.pt")
    page_name = "statistics-documents"

    def __call__(self):
        processing.check_read(self.context)
        form = self.request.form
        self.today = vietnam_today()
        # a link, not a form: a bad period is refused (400) as a bad indicator
        self.period = periods.read_period(form, self.today)
        self.indicator = form.get("indicator") or ""
        if self.indicator not in dashboard.LIST_OF:
            raise periods.ReportRefused(MSG_BAD_INDICATOR, {"value": self.indicator[:40]},
                                        "indicator")
        self.department = form.get("department")
        self.person = form.get("person")
        department = periods.read_department(self.context,
                                             _read_scope(self.department, NO_PERSON))
        docs = dashboard.scope(I.gather(self.context, self.period, self.today), department,
                               _read_scope(self.person, NO_PERSON))
        paths = dashboard.paths_of(dashboard.behind(docs, self.indicator))
        self.brains = sorted(dashboard.visible(paths), key=_in_book_order)
        self.hidden = len(paths) - len(self.brains)
        try:
            start = max(int(form.get("b_start") or 0), 0)
        except ValueError:
            start = 0
        self.batch = Batch(self.brains, PAGE, start)
        return self.index()

    def batch_url(self, start):
        return self.page_url(indicator=self.indicator, department=self.department or None,
                             person=self.person or None, b_start=start)

    def title(self):
        return self._tr(I.LABELS[self.indicator])

    def scope_title(self):
        if self.person == NO_PERSON:
            return self._tr(processing.NO_DRAFTER)
        if self.person:
            return principal_title(self.person)
        if self.department == NO_PERSON:
            return self._tr(processing.NO_DEPARTMENT["incoming"
                                                     if dashboard.LIST_OF[self.indicator] != "issued"
                                                     else "outgoing"])
        if self.department:
            dept = self.context.get(self.department)
            return dept.title if dept is not None else self.department
        return self.context.title

    def hidden_note(self):
        return self._tr(_(MSG_HIDDEN, mapping={"count": self.hidden})) if self.hidden else ""

    def rows(self):
        states = state_titles()
        for brain in self.batch:
            day = _book_day(brain)
            yield {"url": brain.getURL(), "title": brain.Title, "code": brain.document_code or "",
                   "date": format_date(day) or "—",
                   "due": format_date(I._day(brain.due_date)) or "—",
                   "state": self._tr(states.get((brain.portal_type, brain.review_state),
                                                brain.review_state))}

    def back_url(self):
        return f"{self.context.absolute_url()}/@@agency-statistics?" + urlencode(
            {"from": format_date(self.period.start), "to": format_date(self.period.end)})


def _book_day(brain):
    return I._day(brain.arrival_date if brain.portal_type == I.INCOMING else brain.issued_date)


def _in_book_order(brain):
    """By the day it was registered or issued, then its number, as the
    register book lists them."""
    return (_book_day(brain) or datetime.date.min, brain.document_code or "")


class SendOverdueRemindersView(BrowserView):
    """POST from the agency dashboard, with the form authenticator: remind
    the people behind an overdue count; back to the dashboard. Anyone who
    may not send reminders gets the refusal page (HTTP 403,
    browser/refusal_views.py)."""

    def __call__(self):
        refuse_forged(self.request)
        form = self.request.form
        follow_up.check_send(self.context)
        messages = IStatusMessage(self.request)
        try:
            period = periods.read_period(form)
        except periods.ReportRefused as refusal:
            messages.addStatusMessage(translate(refusal.message(), context=self.request), "error")
            return self._back(P.read_period(today=vietnam_today()))
        try:
            answer = follow_up.send_reminders(
                self.context, period, department=_read_scope(form.get("department"), NO_PERSON),
                person=_read_scope(form.get("person")))
        except follow_up.MailNotSetUp as refusal:
            messages.addStatusMessage(translate(refusal.message(), context=self.request), "error")
            return self._back(period)
        message = _(MSG_REMINDED, mapping={"people": len(answer["people"]),
                                           "documents": answer["documents"]}) \
            if answer["people"] else MSG_NOTHING_OVERDUE
        messages.addStatusMessage(translate(message, context=self.request), "info")
        return self._back(period)

    def _back(self, period):
        self.request.response.redirect(
            f"{self.context.absolute_url()}/@@agency-statistics?" + urlencode(
                {"from": format_date(period.start), "to": format_date(period.end)}))
        return ""


def _read_scope(value, none=None):
    """A department or person of a form: absent is every one; ``none`` the
    documents of none."""
    if not isinstance(value, str) or not value.strip():
        return I.ANY
    value = value.strip()
    return None if none is not None and value == none else value
