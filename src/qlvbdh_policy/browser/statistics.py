"""The province's usage statistics page (Oversight and site managers): the
indicators of stats/indicators.py per agency and for the province, for a
period chosen as dd/mm/yyyy dates or a shortcut (month, quarter, six
months, year). The figures are ``stats.usage``'s, as REST @usage-report
gives them."""

from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy import _
from qlvbdh_policy.rules import periods as P
from qlvbdh_policy.stats import indicators as I
from qlvbdh_policy.stats import periods
from qlvbdh_policy.stats import usage
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import format_datetime
from qlvbdh_policy.timeutil import vietnam_today
from zope.i18n import translate

SHORTCUT_TITLES = {P.MONTH: _("Month ${number}/${year}"), P.QUARTER: _("Quarter ${number}/${year}"),
                   P.HALF: _("Six months ${number}/${year}"), P.YEAR: _("Year ${year}")}
# the columns, grouped as the page heads them
GROUPS = ((_("Incoming documents"), I.INCOMING_INDICATORS),
          (_("Outgoing documents"), I.OUTGOING_INDICATORS),
          (_("Accounts"), I.ACCOUNT_INDICATORS))


class StatisticsView(BrowserView):
    index = ViewPageTemplateFile("templates/statistics.pt")

    def __call__(self):
        self.today = vietnam_today()
        try:
            self.period = periods.read_period(self.request.form, self.today)
        except periods.ReportRefused as refusal:
            IStatusMessage(self.request).addStatusMessage(
                translate(refusal.message(), context=self.request), "error")
            self.period = P.read_period(today=self.today)
        site = api.portal.get()
        self.report = usage.usage_report(site, self.period, self.today)
        titles = {a.getId(): a for a in usage.agencies(site)}
        self.rows = [dict(row, last_login=usage.last_login(titles[row["id"]]))
                     for row in self.report["agencies"]]
        return self.index()

    def _tr(self, message):
        return translate(message, context=self.request)

    def groups(self):
        return [{"title": self._tr(title), "columns": [
            {"key": i.__name__, "title": self._tr(I.LABELS[i.__name__])} for i in indicators]}
            for title, indicators in GROUPS]

    def columns(self):
        return [c for g in self.groups() for c in g["columns"]]

    def shortcuts(self):
        return [{"token": token, "title": self._tr(_(SHORTCUT_TITLES[kind],
                                                     mapping={"number": number, "year": year})),
                 "active": P.shortcut(token) == self.period}
                for token, kind, number, year in P.shortcuts(self.today)]

    def period_dates(self):
        return format_date(self.period.start), format_date(self.period.end)

    def signature_note(self):
        return self._tr(I.MSG_SIGNATURES)

    def show(self, value, key=None):
        """A figure as the page prints it: a share as a percentage, a
        missing average or share as a dash."""
        if value is None:
            return "—"
        if key == "delivery_feedback":
            return f"{value * 100:.1f} %".replace(".", ",")
        if isinstance(value, float):
            return f"{value:.1f}".replace(".", ",")
        return str(value)

    def when(self, moment):
        return format_datetime(moment) or "—"
